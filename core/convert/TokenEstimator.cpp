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
inline bool isMark(char16_t c) // ASCII punctuation and symbols
{
    return c < 0x80 && !isLetter(c) && !isDigit(c) && !isBlankChar(c) && !isNewline(c);
}

struct Counter
{
    double pieces = 0;
    qint64 extraTokens = 0; // images, documents and overheads: already tokens

    void text(QStringView s) { pieces += TokenEstimator::countTextPieces(s); }
    void json(const QJsonValue &value)
    {
        if (value.isObject())
            text(QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)));
        else if (value.isArray())
            text(QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)));
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

double TokenEstimator::countTextPieces(QStringView text)
{
    double pieces = 0;
    const qsizetype n = text.size();
    const char16_t *data = text.utf16();
    qsizetype i = 0;
    while (i < n) {
        const char16_t c = data[i];
        qsizetype j = i + 1;
        if (isLetter(c)) {
            while (j < n && isLetter(data[j]))
                ++j;
            pieces += 1.0 + kLetterBeyondSix * double(qMax<qsizetype>(0, j - i - 6));
        } else if (isDigit(c)) {
            while (j < n && isDigit(data[j]))
                ++j;
            pieces += double(j - i); // Qwen splits numbers into single digits
        } else if (isNewline(c)) {
            while (j < n && isNewline(data[j]))
                ++j;
            pieces += 1.0;
        } else if (isBlankChar(c)) {
            while (j < n && isBlankChar(data[j]))
                ++j;
            const char16_t next = j < n ? data[j] : u'\n';
            // One space joins the word or mark after it; the rest of a run is indentation.
            const qsizetype attached = (isLetter(next) || isMark(next) || next >= 0x80) ? 1 : 0;
            const qsizetype rest = j - i - attached;
            if (rest > 0)
                pieces += double((rest + 15) / 16);
            if (isDigit(next))
                pieces += 1.0;
        } else if (isMark(c)) {
            while (j < n && isMark(data[j]))
                ++j;
            // A single mark right before a word belongs to it ("_path", ".h", "/usr").
            const bool joinsWord = j - i == 1 && j < n && isLetter(data[j]);
            if (!joinsWord)
                pieces += 1.0 + kMarkBeyondOne * double(j - i - 1);
        } else if (QChar::isHighSurrogate(c) && j < n && QChar::isLowSurrogate(data[j])) {
            ++j;
            pieces += kOtherCharacter;
        } else {
            pieces += c >= 0x2E80 ? kCjkCharacter : kOtherCharacter;
        }
        i = j;
    }
    return pieces;
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
