#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QStringView>

// Input-token estimate for `POST /v1/messages/count_tokens` on routes whose model is not Anthropic's, and for
// the usage fallback when an upstream reports none. Pure arithmetic, no vocabulary: it walks the text once and
// counts the pieces a byte-pair-encoding tokenizer (cl100k/o200k/Qwen/DeepSeek class) splits text into:
//
//   - a run of ASCII letters (with the one space or punctuation mark before it): 1 token per 6 letters, rounded up;
//   - a run of digits: 1 token per 3 digits;
//   - a run of other ASCII punctuation: 1 token per 2 characters;
//   - a run of spaces or tabs: 1 token per 8; each newline run: 1 token;
//   - every other character (CJK, accented letters, emoji): 1 token each (Hangul, kana, Han and symbols are
//     usually 1 or more tokens per character in those vocabularies; Latin letters with accents split words);
//   and multiplies the sum by kSafetyFactor, calibrated so the estimate errs on the high side (an undercount
//   makes Claude Code compact too late, and the upstream then rejects the prompt).
//
// A request adds: the system prompt; every tool (name + description + input_schema as compact JSON +
// kPerToolOverhead) plus kToolPreambleTokens once when there are tools; every message (kPerMessageOverhead +
// its blocks: text, tool_use name + input JSON, tool_result content, documents' text); thinking blocks of
// earlier turns do not count (Anthropic does not bill them either); images by their pixel size when the
// base64 header tells it (Anthropic's rule: width * height / 750 after scaling to at most 1568 px on the long
// edge and 1.15 megapixels, so at most ~1600), kDefaultImageTokens otherwise. docs/count-tokens.md gives the
// measured error against real tokenizers.
class TokenEstimator
{
public:
    static constexpr double kSafetyFactor = 1.10;
    static constexpr int kPerMessageOverhead = 4;
    static constexpr int kPerToolOverhead = 12;
    static constexpr int kToolPreambleTokens = 160;
    static constexpr int kDefaultImageTokens = 1600;
    static constexpr int kDocumentTokensPerKiB = 40; // base64 PDFs whose text is unknown

    // Raw piece count for a text, without the safety factor.
    static qint64 countTextPieces(QStringView text);
    static int estimateText(QStringView text);
    // A whole Messages or count_tokens request body.
    static int estimateRequest(const QJsonObject &request);
    // One Anthropic image block ({"type":"image","source":{...}}).
    static int estimateImage(const QJsonObject &imageBlock);
    // Pixel size from the first bytes of a base64 PNG, JPEG, GIF or WebP; false if unknown.
    static bool imageSizeFromBase64(QStringView base64, int *width, int *height);
};
