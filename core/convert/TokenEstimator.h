#pragma once

#include <QByteArrayView>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringView>

// Input-token estimate for `POST /v1/messages/count_tokens` on routes whose model is not Anthropic's, and for
// the usage fallback when an upstream reports none. Pure arithmetic, no vocabulary (a vocabulary would cost
// megabytes and still be the wrong one for most upstreams): one pass over the text counts the pieces that
// byte-pair-encoding tokenizers (Qwen, DeepSeek, o200k/cl100k) split text into, following their
// pre-tokenization rules:
//
//   - a run of ASCII letters (with the one space or mark before it): 1 piece, +0.15 per letter beyond six;
//   - each digit: 1 piece (Qwen encodes digits one by one; others group up to three, so they come out lower);
//   - a run of ASCII marks: 1 piece, +0.2 per mark beyond the first; a single mark right before a word is part
//     of the word;
//   - spaces: one space before a word or mark is part of it; longer runs (indentation) 1 piece per 16; a space
//     before a number is its own piece; a run of newlines: 1 piece;
//   - CJK characters: 0.8 piece each; other non-ASCII characters (accents, emoji, symbols): 1.2.
//
// The sum is multiplied by kSafetyFactor, chosen so the estimate errs on the high side (an undercount makes
// Claude Code compact too late, and the upstream then rejects the prompt). docs/count-tokens.md gives the
// measured error against Qwen3, DeepSeek-V3, o200k, cl100k and Claude tokenizers.
//
// A request adds: the system prompt; every tool (name + description + input_schema as compact JSON +
// kPerToolOverhead) plus kToolPreambleTokens once when there are tools; every message (kPerMessageOverhead +
// its blocks: text, tool_use name + input JSON, tool_result content, documents' text; 8 per tool block);
// thinking blocks of earlier turns do not count (Anthropic does not bill them either); images by their pixel
// size when the base64 header tells it (Anthropic's rule: width * height / 750 after scaling to at most
// 1568 px on the long edge and 1.15 megapixels, so at most ~1600), kDefaultImageTokens otherwise.
class TokenEstimator
{
public:
    static constexpr double kSafetyFactor = 1.10;
    // The most tokens text can be estimated at per UTF-8 byte: a space before a digit counts as two pieces and
    // the digit as one (1.5 pieces per byte), times kSafetyFactor. Images and documents are counted apart.
    static constexpr double kMostTextTokensPerByte = 1.5 * kSafetyFactor;
    static constexpr double kLetterBeyondSix = 0.15;
    static constexpr double kMarkBeyondOne = 0.2;
    static constexpr double kCjkCharacter = 0.8;
    static constexpr double kOtherCharacter = 1.2;
    static constexpr int kPerMessageOverhead = 4;
    static constexpr int kPerToolOverhead = 12;
    static constexpr int kToolPreambleTokens = 160;
    static constexpr int kDefaultImageTokens = 1600;
    static constexpr int kDocumentTokensPerKiB = 40; // base64 PDFs whose text is unknown

    // Raw piece count for a text, without the safety factor.
    static double countTextPieces(QStringView text);
    static double countUtf8Pieces(QByteArrayView utf8);
    static int estimateText(QStringView text);
    // A whole Messages or count_tokens request body.
    static int estimateRequest(const QJsonObject &request);
    // One Anthropic image block ({"type":"image","source":{...}}).
    static int estimateImage(const QJsonObject &imageBlock);
    // Pixel size from the first bytes of a base64 PNG, JPEG, GIF or WebP; false if unknown.
    static bool imageSizeFromBase64(QStringView base64, int *width, int *height);
};
