#include "convert/AnthropicMessageEvents.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace AnthropicMessageEvents {

void append(QByteArray &out, const char *name, const QJsonObject &data)
{
    out += "event: ";
    out += name;
    out += "\ndata: ";
    out += QJsonDocument(data).toJson(QJsonDocument::Compact);
    out += "\n\n";
}

namespace {

QJsonObject delta(int index, const QJsonObject &delta)
{
    return QJsonObject {{QStringLiteral("type"), QStringLiteral("content_block_delta")},
        {QStringLiteral("index"), index}, {QStringLiteral("delta"), delta}};
}

} // namespace

QByteArray fromMessage(const QJsonObject &message)
{
    QByteArray out;
    QJsonObject start = message;
    start.insert(QStringLiteral("content"), QJsonArray());
    start.insert(QStringLiteral("stop_reason"), QJsonValue());
    start.insert(QStringLiteral("stop_sequence"), QJsonValue());
    QJsonObject startUsage = message.value(QStringLiteral("usage")).toObject();
    startUsage.insert(QStringLiteral("output_tokens"), 1);
    start.insert(QStringLiteral("usage"), startUsage);
    append(out, "message_start",
        {{QStringLiteral("type"), QStringLiteral("message_start")}, {QStringLiteral("message"), start}});

    const QJsonArray content = message.value(QStringLiteral("content")).toArray();
    for (int index = 0; index < content.size(); ++index) {
        const QJsonObject block = content.at(index).toObject();
        const QString type = block.value(QStringLiteral("type")).toString();
        QJsonObject empty = block;
        QJsonObject change;
        if (type == QLatin1String("text")) {
            empty.insert(QStringLiteral("text"), QString());
            change = {{QStringLiteral("type"), QStringLiteral("text_delta")},
                {QStringLiteral("text"), block.value(QStringLiteral("text"))}};
        } else if (type == QLatin1String("thinking")) {
            empty.insert(QStringLiteral("thinking"), QString());
            empty.insert(QStringLiteral("signature"), QString());
            change = {{QStringLiteral("type"), QStringLiteral("thinking_delta")},
                {QStringLiteral("thinking"), block.value(QStringLiteral("thinking"))}};
        } else if (type == QLatin1String("tool_use") || type == QLatin1String("server_tool_use")) {
            empty.insert(QStringLiteral("input"), QJsonObject());
            const QJsonObject input = block.value(QStringLiteral("input")).toObject();
            change = {{QStringLiteral("type"), QStringLiteral("input_json_delta")},
                {QStringLiteral("partial_json"),
                    QString::fromUtf8(QJsonDocument(input).toJson(QJsonDocument::Compact))}};
        }
        append(out, "content_block_start",
            {{QStringLiteral("type"), QStringLiteral("content_block_start")}, {QStringLiteral("index"), index},
                {QStringLiteral("content_block"), empty}});
        if (!change.isEmpty())
            append(out, "content_block_delta", delta(index, change));
        if (type == QLatin1String("thinking") && !block.value(QStringLiteral("signature")).toString().isEmpty()) {
            append(out, "content_block_delta",
                delta(index,
                    {{QStringLiteral("type"), QStringLiteral("signature_delta")},
                        {QStringLiteral("signature"), block.value(QStringLiteral("signature"))}}));
        }
        append(out, "content_block_stop",
            {{QStringLiteral("type"), QStringLiteral("content_block_stop")}, {QStringLiteral("index"), index}});
    }

    append(out, "message_delta",
        {{QStringLiteral("type"), QStringLiteral("message_delta")},
            {QStringLiteral("delta"),
                QJsonObject {{QStringLiteral("stop_reason"), message.value(QStringLiteral("stop_reason"))},
                    {QStringLiteral("stop_sequence"), message.value(QStringLiteral("stop_sequence"))}}},
            {QStringLiteral("usage"), message.value(QStringLiteral("usage"))}});
    append(out, "message_stop", {{QStringLiteral("type"), QStringLiteral("message_stop")}});
    return out;
}

} // namespace AnthropicMessageEvents
