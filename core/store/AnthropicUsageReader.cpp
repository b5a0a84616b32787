#include "store/AnthropicUsageReader.h"

#include "protocol/JsonStructureScanner.h"
#include "protocol/SseParser.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

#include <cmath>
#include <vector>

namespace {

// Overrides `field` with a non-negative integral JSON number; null, absent or other values leave it as is.
void takeCount(const QJsonObject &usage, QLatin1String key, qint64 &field)
{
    const QJsonValue value = usage.value(key);
    if (!value.isDouble())
        return;
    const double number = value.toDouble();
    if (!(number >= 0) || number > 9.0e15 || std::floor(number) != number)
        return;
    field = qint64(number);
}

void applyUsage(const QJsonObject &usage, TokenUsage &into)
{
    takeCount(usage, QLatin1String("input_tokens"), into.inputTokens);
    takeCount(usage, QLatin1String("output_tokens"), into.outputTokens);
    takeCount(usage, QLatin1String("cache_read_input_tokens"), into.cacheReadInputTokens);
    takeCount(usage, QLatin1String("cache_creation_input_tokens"), into.cacheCreationInputTokens);
}

QJsonObject parseObject(QByteArrayView json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return QJsonObject();
    return document.object();
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

} // namespace

TokenUsage AnthropicUsageReader::read(QByteArrayView body)
{
    return looksLikeEventStream(body) ? readStream(body) : readMessage(body);
}

bool AnthropicUsageReader::looksLikeEventStream(QByteArrayView body)
{
    qsizetype pos = 0;
    if (body.startsWith("\xEF\xBB\xBF"))
        pos = 3;
    while (pos < body.size() && isBlank(body[pos]))
        ++pos;
    const QByteArrayView rest = body.sliced(pos);
    return rest.startsWith("event:") || rest.startsWith("data:") || rest.startsWith(":") || rest.startsWith("id:")
        || rest.startsWith("retry:");
}

TokenUsage AnthropicUsageReader::readMessage(QByteArrayView json)
{
    // Only the small `usage` object is decoded; the rest of the message (its content can be long) is only
    // scanned for its structure.
    TokenUsage usage;
    const std::optional<QByteArrayView> usageText = JsonStructureScanner::topLevelMemberValue(json, "\"usage\"");
    if (usageText && usageText->startsWith('{'))
        applyUsage(parseObject(*usageText), usage);
    return usage;
}

TokenUsage AnthropicUsageReader::readStream(QByteArrayView sse)
{
    TokenUsage usage;
    SseParser parser;
    std::vector<SseEvent> events;
    parser.feed(sse, events);
    parser.finish(events);
    for (const SseEvent &event : events) {
        if (!event.hasData)
            continue;
        // Only two event types carry usage; skip the parse of every content delta.
        const bool named = !event.name.isEmpty();
        if (named && event.name != "message_start" && event.name != "message_delta")
            continue;
        if (!named && !event.data.contains("\"message_start\"") && !event.data.contains("\"message_delta\""))
            continue;
        const QJsonObject data = parseObject(event.data);
        const QString type = data.value(QLatin1String("type")).toString();
        if (type == QLatin1String("message_start")) {
            const QJsonValue value = data.value(QLatin1String("message")).toObject().value(QLatin1String("usage"));
            if (value.isObject())
                applyUsage(value.toObject(), usage);
        } else if (type == QLatin1String("message_delta")) {
            const QJsonValue value = data.value(QLatin1String("usage"));
            if (value.isObject())
                applyUsage(value.toObject(), usage);
        }
    }
    return usage;
}
