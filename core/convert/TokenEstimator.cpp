#include "convert/TokenEstimator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>

namespace {

inline bool isLetter(char16_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool isDigit(char16_t c)
{
    return c >= '0' && c <= '9';
}
inline bool isBlankChar(char16_t c)
{
    return c == ' ' || c == '\t';
}
inline bool isNewline(char16_t c)
{
    return c == '\n' || c == '\r';
}

struct Counter
{
    double pieces = 0;
    qint64 extraTokens = 0; // images, documents and overheads: already tokens

    void text(QStringView s) { pieces += TokenEstimator::countTextPieces(s); }
    void json(const QJsonValue &value)
    {
        if (value.isObject())
            pieces += TokenEstimator::countUtf8Pieces(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
        else if (value.isArray())
            pieces += TokenEstimator::countUtf8Pieces(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        else if (value.isString())
            text(value.toString());
    }

    void block(const QJsonObject &b, int depth = 0)
    {
        const QString type = b.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("text")) {
            text(b.value(QStringLiteral("text")).toString());
        } else if (type == QLatin1String("image")) {
            extraTokens += TokenEstimator::estimateImage(b);
        } else if (type == QLatin1String("tool_use") || type == QLatin1String("server_tool_use")) {
            extraTokens += 8;
            text(b.value(QStringLiteral("name")).toString());
            json(b.value(QStringLiteral("input")));
        } else if (type == QLatin1String("tool_result")) {
            extraTokens += 8;
            content(b.value(QStringLiteral("content")), depth + 1);
        } else if (type == QLatin1String("document")) {
            document(b);
        } else if (type == QLatin1String("search_result")) {
            text(b.value(QStringLiteral("title")).toString());
            text(b.value(QStringLiteral("source")).toString());
            content(b.value(QStringLiteral("content")), depth + 1);
        } else if (type == QLatin1String("thinking") || type == QLatin1String("redacted_thinking")) {
            // Earlier turns' thinking is not part of the input.
        } else if (!type.isEmpty()) {
            json(b); // web_search_tool_result and other server blocks: their JSON is a fair upper bound
        }
    }

    void content(const QJsonValue &value, int depth = 0)
    {
        if (value.isString()) {
            text(value.toString());
            return;
        }
        if (depth > 8)
            return;
        for (const QJsonValue &item : value.toArray())
            block(item.toObject(), depth);
    }

    void document(const QJsonObject &b)
    {
        const QJsonObject source = b.value(QStringLiteral("source")).toObject();
        const QString sourceType = source.value(QStringLiteral("type")).toString();
        text(b.value(QStringLiteral("title")).toString());
        text(b.value(QStringLiteral("context")).toString());
        if (sourceType == QLatin1String("text")) {
            text(source.value(QStringLiteral("data")).toString());
        } else if (sourceType == QLatin1String("content")) {
            content(source.value(QStringLiteral("content")));
        } else if (sourceType == QLatin1String("base64")) {
            const qint64 bytes = source.value(QStringLiteral("data")).toString().size() * 3 / 4;
            extraTokens += qMax<qint64>(
                TokenEstimator::kDefaultImageTokens, bytes / 1024 * TokenEstimator::kDocumentTokensPerKiB);
        } else {
            extraTokens += TokenEstimator::kDefaultImageTokens;
        }
    }

    int total() const
    {
        const double estimate = pieces * TokenEstimator::kSafetyFactor + double(extraTokens);
        return int(qMin<double>(std::ceil(estimate), 2'000'000'000.0));
    }
};

quint32 be32(const QByteArray &b, int at)
{
    return (quint32(quint8(b[at])) << 24) | (quint32(quint8(b[at + 1])) << 16) | (quint32(quint8(b[at + 2])) << 8)
        | quint32(quint8(b[at + 3]));
}

} // namespace

namespace {

// Code points of UTF-16 text.
struct Utf16Reader
{
    const char16_t *data;
    qsizetype size;
    // The character at `i` and the index after it; surrogate pairs are one character.
    char32_t at(qsizetype i, qsizetype *next) const
    {
        const char16_t c = data[i];
        if (QChar::isHighSurrogate(c) && i + 1 < size && QChar::isLowSurrogate(data[i + 1])) {
            *next = i + 2;
            return QChar::surrogateToUcs4(c, data[i + 1]);
        }
        *next = i + 1;
        return c;
    }
};

// Code points of UTF-8 text (malformed bytes count as one character each).
struct Utf8Reader
{
    const unsigned char *data;
    qsizetype size;
    char32_t at(qsizetype i, qsizetype *next) const
    {
        const unsigned char c = data[i];
        int extra = 0;
        char32_t cp = c;
        if (c >= 0xF0) {
            extra = 3;
            cp = c & 0x07;
        } else if (c >= 0xE0) {
            extra = 2;
            cp = c & 0x0F;
        } else if (c >= 0xC0) {
            extra = 1;
            cp = c & 0x1F;
        }
        qsizetype j = i + 1;
        for (int k = 0; k < extra && j < size && (data[j] & 0xC0) == 0x80; ++k, ++j)
            cp = (cp << 6) | (data[j] & 0x3F);
        *next = j;
        return c < 0x80 ? char32_t(c) : (cp < 0x80 ? char32_t(0x80) : cp);
    }
};

enum CharClass : unsigned char
{
    Letter,
    Digit,
    Blank,
    Newline,
    Mark
};

// The class of every ASCII character, so the hot loop is one table look-up per character.
struct AsciiClasses
{
    unsigned char of[128];
    AsciiClasses()
    {
        for (int c = 0; c < 128; ++c) {
            const char16_t ch = char16_t(c);
            of[c] = isLetter(ch)  ? Letter
                : isDigit(ch)     ? Digit
                : isBlankChar(ch) ? Blank
                : isNewline(ch)   ? Newline
                                  : Mark;
        }
    }
};
const AsciiClasses kAscii;

template<typename Reader>
double countPieces(const Reader &text)
{
    double pieces = 0;
    const qsizetype n = text.size;
    const auto *data = text.data;
    auto runEnd = [&](qsizetype j, unsigned char cls) {
        while (j < n && data[j] < 0x80 && kAscii.of[data[j]] == cls)
            ++j;
        return j;
    };
    qsizetype i = 0;
    while (i < n) {
        const unsigned c = data[i];
        if (c >= 0x80) {
            qsizetype next = 0;
            const char32_t cp = text.at(i, &next);
            pieces += cp >= 0x2E80 && cp < 0x10000 ? TokenEstimator::kCjkCharacter : TokenEstimator::kOtherCharacter;
            i = next;
            continue;
        }
        const unsigned char cls = kAscii.of[c];
        const qsizetype j = runEnd(i + 1, cls);
        switch (cls) {
        case Letter:
            pieces += 1.0 + TokenEstimator::kLetterBeyondSix * double(qMax<qsizetype>(0, j - i - 6));
            break;
        case Digit:
            pieces += double(j - i); // Qwen splits numbers into single digits
            break;
        case Newline:
            pieces += 1.0;
            break;
        case Blank: {
            // One space joins the word or mark after it; the rest of a run is indentation.
            const bool end = j >= n;
            const bool ascii = !end && data[j] < 0x80;
            const unsigned char after = ascii ? kAscii.of[data[j]] : static_cast<unsigned char>(Mark);
            const qsizetype attached = !end && (!ascii || after == Letter || after == Mark) ? 1 : 0;
            const qsizetype rest = j - i - attached;
            if (rest > 0)
                pieces += double((rest + 15) / 16);
            if (ascii && after == Digit)
                pieces += 1.0;
            break;
        }
        default: {
            // A single mark right before a word belongs to it ("_path", ".h", "/usr").
            const bool joinsWord = j - i == 1 && j < n && data[j] < 0x80 && kAscii.of[data[j]] == Letter;
            if (!joinsWord)
                pieces += 1.0 + TokenEstimator::kMarkBeyondOne * double(j - i - 1);
            break;
        }
        }
        i = j;
    }
    return pieces;
}

} // namespace

double TokenEstimator::countTextPieces(QStringView text)
{
    return countPieces(Utf16Reader {text.utf16(), text.size()});
}

double TokenEstimator::countUtf8Pieces(QByteArrayView utf8)
{
    return countPieces(Utf8Reader {reinterpret_cast<const unsigned char *>(utf8.data()), utf8.size()});
}

int TokenEstimator::estimateText(QStringView text)
{
    return int(std::ceil(countTextPieces(text) * kSafetyFactor));
}

bool TokenEstimator::imageSizeFromBase64(QStringView base64, int *width, int *height)
{
    // 64 KiB of base64 covers the JPEG headers that come before the frame header in practice.
    const QByteArray head = QByteArray::fromBase64(base64.left(65536).toLatin1());
    const int n = int(head.size());
    auto set = [&](quint32 w, quint32 h) {
        if (w == 0 || h == 0 || w > 100000 || h > 100000)
            return false;
        *width = int(w);
        *height = int(h);
        return true;
    };
    if (n >= 24 && head.startsWith("\x89PNG\r\n\x1a\n"))
        return set(be32(head, 16), be32(head, 20));
    if (n >= 10 && (head.startsWith("GIF87a") || head.startsWith("GIF89a")))
        return set(quint8(head[6]) | (quint8(head[7]) << 8), quint8(head[8]) | (quint8(head[9]) << 8));
    if (n >= 30 && head.startsWith("RIFF") && head.mid(8, 4) == "WEBP") {
        const QByteArray chunk = head.mid(12, 4);
        if (chunk == "VP8X")
            return set(1 + (quint8(head[24]) | (quint8(head[25]) << 8) | (quint8(head[26]) << 16)),
                1 + (quint8(head[27]) | (quint8(head[28]) << 8) | (quint8(head[29]) << 16)));
        if (chunk == "VP8 ")
            return set((quint8(head[26]) | (quint8(head[27]) << 8)) & 0x3fff,
                (quint8(head[28]) | (quint8(head[29]) << 8)) & 0x3fff);
        if (chunk == "VP8L" && n >= 25) {
            const quint32 bits = quint8(head[21]) | (quint8(head[22]) << 8) | (quint8(head[23]) << 16)
                | (quint32(quint8(head[24])) << 24);
            return set((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
        }
        return false;
    }
    if (n >= 4 && quint8(head[0]) == 0xFF && quint8(head[1]) == 0xD8) {
        int i = 2;
        while (i + 9 < n) {
            if (quint8(head[i]) != 0xFF) {
                ++i;
                continue;
            }
            const quint8 marker = quint8(head[i + 1]);
            if (marker == 0xFF) {
                ++i;
                continue;
            }
            const int length = (quint8(head[i + 2]) << 8) | quint8(head[i + 3]);
            const bool frameHeader
                = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frameHeader)
                return set(
                    (quint8(head[i + 7]) << 8) | quint8(head[i + 8]), (quint8(head[i + 5]) << 8) | quint8(head[i + 6]));
            if (length < 2)
                return false;
            i += 2 + length;
        }
    }
    return false;
}

int TokenEstimator::estimateImage(const QJsonObject &imageBlock)
{
    const QJsonObject source = imageBlock.value(QStringLiteral("source")).toObject();
    if (source.value(QStringLiteral("type")).toString() != QLatin1String("base64"))
        return kDefaultImageTokens;
    int width = 0;
    int height = 0;
    if (!imageSizeFromBase64(source.value(QStringLiteral("data")).toString(), &width, &height))
        return kDefaultImageTokens;
    double w = width;
    double h = height;
    const double longEdge = qMax(w, h);
    if (longEdge > 1568.0) {
        w *= 1568.0 / longEdge;
        h *= 1568.0 / longEdge;
    }
    const double megapixels = w * h / 1e6;
    if (megapixels > 1.15) {
        const double scale = std::sqrt(1.15 / megapixels);
        w *= scale;
        h *= scale;
    }
    return qBound(1, int(std::ceil(w * h / 750.0)), kDefaultImageTokens);
}

int TokenEstimator::estimateRequest(const QJsonObject &request)
{
    Counter counter;
    const QJsonValue system = request.value(QStringLiteral("system"));
    if (system.isString()) {
        counter.text(system.toString());
    } else if (system.isArray()) {
        for (const QJsonValue &block : system.toArray())
            counter.text(block.toObject().value(QStringLiteral("text")).toString());
    }
    const QJsonArray tools = request.value(QStringLiteral("tools")).toArray();
    if (!tools.isEmpty())
        counter.extraTokens += kToolPreambleTokens;
    for (const QJsonValue &value : tools) {
        const QJsonObject tool = value.toObject();
        counter.extraTokens += kPerToolOverhead;
        counter.text(tool.value(QStringLiteral("name")).toString());
        counter.text(tool.value(QStringLiteral("description")).toString());
        if (tool.contains(QStringLiteral("input_schema")))
            counter.json(tool.value(QStringLiteral("input_schema")));
        else
            counter.json(tool); // server tools: their definition
    }
    for (const QJsonValue &value : request.value(QStringLiteral("messages")).toArray()) {
        const QJsonObject message = value.toObject();
        counter.extraTokens += kPerMessageOverhead;
        counter.content(message.value(QStringLiteral("content")));
    }
    return counter.total();
}
