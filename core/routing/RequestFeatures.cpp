#include "routing/RequestFeatures.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

const QLatin1String kInterruptedPrefix("[Request interrupted by user");

// Tags whose content Claude Code writes into user messages, not the person.
const char *const kAnnotationTags[]
    = {"system-reminder", "local-command-caveat", "local-command-stdout", "local-command-stderr"};

constexpr int kMaxContentDepth = 8; // tool_result blocks nest content once; deeper is not a real request

QString type(const QJsonObject &object)
{
    return object.value(QLatin1String("type")).toString();
}

// Counts image blocks (and their base64 bytes) in a content value, tool results included.
void countImages(const QJsonValue &content, int depth, int *count, qint64 *dataBytes)
{
    if (!content.isArray() || depth > kMaxContentDepth)
        return;
    const QJsonArray blocks = content.toArray();
    for (const QJsonValue &value : blocks) {
        const QJsonObject block = value.toObject();
        const QString blockType = type(block);
        if (blockType == QLatin1String("image")) {
            ++*count;
            const QJsonObject source = block.value(QLatin1String("source")).toObject();
            if (type(source) == QLatin1String("base64"))
                *dataBytes += source.value(QLatin1String("data")).toString().size();
        } else if (blockType == QLatin1String("tool_result")) {
            countImages(block.value(QLatin1String("content")), depth + 1, count, dataBytes);
        }
    }
}

} // namespace

QString RequestFeatures::stripClientAnnotations(const QString &text)
{
    QString result = text;
    for (const char *tag : kAnnotationTags) {
        const QString open = QLatin1Char('<') + QLatin1String(tag) + QLatin1Char('>');
        const QString close = QStringLiteral("</") + QLatin1String(tag) + QLatin1Char('>');
        qsizetype from = 0;
        while ((from = result.indexOf(open, from)) >= 0) {
            const qsizetype end = result.indexOf(close, from + open.size());
            // an unclosed tag hides everything after it
            result.remove(from, end < 0 ? result.size() - from : end + close.size() - from);
        }
    }
    return result.trimmed();
}

QString RequestFeatures::typedTextOf(const QJsonValue &content)
{
    if (content.isString())
        return stripClientAnnotations(content.toString());
    QStringList parts;
    const QJsonArray blocks = content.toArray();
    for (const QJsonValue &value : blocks) {
        const QJsonObject block = value.toObject();
        if (type(block) != QLatin1String("text"))
            continue; // tool results, images, documents: not typed
        const QString text = stripClientAnnotations(block.value(QLatin1String("text")).toString());
        if (!text.isEmpty() && !text.startsWith(kInterruptedPrefix))
            parts.append(text);
    }
    return parts.join(QLatin1Char('\n'));
}

QString RequestFeatures::sessionFromUserId(const QString &userId)
{
    const QString trimmed = userId.trimmed();
    if (trimmed.startsWith(QLatin1Char('{'))) {
        const QJsonObject object = QJsonDocument::fromJson(trimmed.toUtf8()).object();
        return object.value(QLatin1String("session_id")).toString();
    }
    const QLatin1String marker("_session_");
    const qsizetype at = trimmed.lastIndexOf(marker);
    if (at < 0)
        return QString();
    return trimmed.mid(at + marker.size());
}

RequestFeatures RequestFeatures::extract(const QJsonObject &body, const QString &sessionHeader)
{
    RequestFeatures features;
    features.model = body.value(QLatin1String("model")).toString();
    const QJsonValue tools = body.value(QLatin1String("tools"));
    features.hasTools = tools.isArray() && !tools.toArray().isEmpty();
    const QString thinkingType = type(body.value(QLatin1String("thinking")).toObject());
    features.hasThinking = thinkingType == QLatin1String("enabled") || thinkingType == QLatin1String("adaptive");
    const QJsonValue maxTokens = body.value(QLatin1String("max_tokens"));
    features.maxTokens = maxTokens.isDouble() ? qMax<qint64>(0, maxTokens.toInteger()) : 0;

    features.sessionId = sessionHeader.trimmed();
    if (features.sessionId.isEmpty()) {
        const QJsonObject metadata = body.value(QLatin1String("metadata")).toObject();
        features.sessionId = sessionFromUserId(metadata.value(QLatin1String("user_id")).toString());
    }

    const QJsonArray messages = body.value(QLatin1String("messages")).toArray();
    int lastUserIndex = -1;
    for (int i = int(messages.size()) - 1; i >= 0; --i) {
        const QJsonObject message = messages.at(i).toObject();
        const QJsonValue content = message.value(QLatin1String("content"));
        countImages(content, 0, &features.imageCount, &features.imageDataBytes);
        if (message.value(QLatin1String("role")).toString() != QLatin1String("user"))
            continue;
        if (lastUserIndex < 0)
            lastUserIndex = i;
        if (features.typedTextMessageIndex < 0) {
            const QString typed = typedTextOf(content);
            if (!typed.isEmpty()) {
                features.typedText = typed;
                features.typedTextMessageIndex = i;
            }
        }
    }
    features.isHumanTurn = lastUserIndex >= 0 && features.typedTextMessageIndex == lastUserIndex;
    features.isBackground = RouteRequest::looksLikeBackground(features.model, features.hasTools, features.maxTokens);

    features.conversationKey = features.sessionId;
    if (features.conversationKey.isEmpty() && !messages.isEmpty()) {
        const QByteArray first = QJsonDocument(messages.first().toObject()).toJson(QJsonDocument::Compact);
        features.conversationKey = QStringLiteral("conversation-") + QString::number(qHash(first, 0), 16);
    }
    return features;
}

qint64 RequestFeatures::estimatedInputTokens(qint64 bodyBytes) const
{
    const qint64 textBytes = qMax<qint64>(0, bodyBytes - imageDataBytes);
    return textBytes / kBytesPerToken + imageCount * kTokensPerImage;
}

RouteRequest RequestFeatures::toRouteRequest(const QString &endpoint, qint64 bodyBytes) const
{
    RouteRequest request;
    request.endpoint = endpoint;
    request.model = model;
    request.hasTools = hasTools;
    request.hasThinking = hasThinking;
    request.hasImages = hasImages();
    request.estimatedInputTokens = estimatedInputTokens(bodyBytes);
    request.maxTokens = maxTokens;
    request.sessionId = sessionId;
    request.isHumanTurn = isHumanTurn;
    return request;
}
