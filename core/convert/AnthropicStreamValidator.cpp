#include "convert/AnthropicStreamValidator.h"

#include "convert/TextChecks.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

namespace {

bool isValidToolId(const QString &id)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-]+$"));
    return pattern.match(id).hasMatch();
}

bool isInteger(const QJsonValue &v)
{
    const double d = v.toDouble();
    return v.isDouble() && d >= 0 && d <= 9e15 && double(qint64(d)) == d;
}

} // namespace

void AnthropicStreamValidator::fail(const QString &what)
{
    if (m_errors.size() < 50)
        m_errors << QStringLiteral("event %1: %2").arg(m_events).arg(what);
}

void AnthropicStreamValidator::feedBytes(QByteArrayView bytes)
{
    std::vector<SseEvent> events;
    m_parser.feed(bytes, events);
    for (const SseEvent &event : events) {
        if (event.hasData)
            feedEvent(event.name, event.data);
        else if (!event.name.isEmpty())
            fail(QStringLiteral("event \"%1\" without data").arg(QString::fromUtf8(event.name)));
    }
}

void AnthropicStreamValidator::finish()
{
    std::vector<SseEvent> events;
    m_parser.finish(events);
    for (const SseEvent &event : events) {
        if (event.hasData)
            feedEvent(event.name, event.data);
    }
    if (!m_started && !m_errored)
        fail(QStringLiteral("the stream ended without message_start"));
    else if (!m_stopped && !m_errored)
        fail(QStringLiteral("the stream ended without message_stop"));
}

void AnthropicStreamValidator::feedEvent(const QByteArray &name, const QByteArray &data)
{
    ++m_events;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        fail(QStringLiteral("data is not a JSON object: %1").arg(QString::fromUtf8(data.left(80))));
        return;
    }
    const QJsonObject object = doc.object();
    const QString type = object.value(QStringLiteral("type")).toString();
    if (name.isEmpty())
        fail(QStringLiteral("event without a name (type %1)").arg(type));
    else if (QString::fromUtf8(name) != type)
        fail(QStringLiteral("event name %1 but data.type %2").arg(QString::fromUtf8(name), type));
    handle(type, object);
}

void AnthropicStreamValidator::handle(const QString &type, const QJsonObject &data)
{
    if (m_stopped || m_errored) {
        fail(QStringLiteral("%1 after the end of the stream").arg(type));
        return;
    }
    if (type == QLatin1String("ping"))
        return;
    if (type == QLatin1String("error")) {
        const QJsonObject error = data.value(QStringLiteral("error")).toObject();
        if (!error.value(QStringLiteral("type")).isString() || !error.value(QStringLiteral("message")).isString())
            fail(QStringLiteral("error event without error.type and error.message"));
        m_errorPayload = data;
        m_errored = true;
        return;
    }
    if (type == QLatin1String("message_start")) {
        if (m_started) {
            fail(QStringLiteral("a second message_start"));
            return;
        }
        m_started = true;
        m_message = data.value(QStringLiteral("message")).toObject();
        if (m_message.value(QStringLiteral("type")).toString() != QLatin1String("message")
            || m_message.value(QStringLiteral("role")).toString() != QLatin1String("assistant"))
            fail(QStringLiteral("message_start.message is not an assistant message"));
        if (!m_message.value(QStringLiteral("id")).toString().startsWith(QLatin1String("msg_")))
            fail(QStringLiteral("message id does not start with msg_"));
        if (!m_message.value(QStringLiteral("content")).isArray()
            || !m_message.value(QStringLiteral("content")).toArray().isEmpty())
            fail(QStringLiteral("message_start content is not an empty array"));
        if (!m_message.value(QStringLiteral("usage")).toObject().value(QStringLiteral("input_tokens")).isDouble())
            fail(QStringLiteral("message_start usage.input_tokens missing"));
        return;
    }
    if (!m_started) {
        fail(QStringLiteral("%1 before message_start").arg(type));
        return;
    }
    const int index = data.value(QStringLiteral("index")).toInt(-1);
    if (type == QLatin1String("content_block_start")) {
        if (m_sawMessageDelta)
            fail(QStringLiteral("content_block_start after message_delta"));
        if (m_openIndex >= 0)
            fail(QStringLiteral("content_block_start %1 while block %2 is open").arg(index).arg(m_openIndex));
        if (index != m_content.size())
            fail(QStringLiteral("content_block_start index %1, expected %2").arg(index).arg(m_content.size()));
        QJsonObject block = data.value(QStringLiteral("content_block")).toObject();
        const QString blockType = block.value(QStringLiteral("type")).toString();
        if (blockType == QLatin1String("text")) {
            if (!block.value(QStringLiteral("text")).isString())
                fail(QStringLiteral("text block without text"));
        } else if (blockType == QLatin1String("thinking")) {
            if (!block.value(QStringLiteral("thinking")).isString()
                || !block.value(QStringLiteral("signature")).isString())
                fail(QStringLiteral("thinking block without thinking/signature strings"));
        } else if (blockType == QLatin1String("tool_use") || blockType == QLatin1String("server_tool_use")) {
            if (!isValidToolId(block.value(QStringLiteral("id")).toString()))
                fail(QStringLiteral("tool_use id \"%1\" is not [A-Za-z0-9_-]+")
                         .arg(block.value(QStringLiteral("id")).toString()));
            if (block.value(QStringLiteral("name")).toString().isEmpty())
                fail(QStringLiteral("tool_use without a name"));
            if (!block.value(QStringLiteral("input")).isObject()
                || !block.value(QStringLiteral("input")).toObject().isEmpty())
                fail(QStringLiteral("tool_use must start with input {}"));
            m_sawToolUse = true;
        } else if (blockType != QLatin1String("redacted_thinking")
            && blockType != QLatin1String("web_search_tool_result")) {
            fail(QStringLiteral("unknown content block type %1").arg(blockType));
        }
        m_openIndex = m_content.size();
        m_openType = blockType;
        m_openJson.clear();
        m_openHasSignature = false;
        m_content.append(block);
        return;
    }
    if (type == QLatin1String("content_block_delta")) {
        if (m_openIndex < 0 || index != m_openIndex) {
            fail(QStringLiteral("content_block_delta for index %1, open block %2").arg(index).arg(m_openIndex));
            return;
        }
        const QJsonObject delta = data.value(QStringLiteral("delta")).toObject();
        const QString deltaType = delta.value(QStringLiteral("type")).toString();
        QJsonObject block = m_content.at(index).toObject();
        if (deltaType == QLatin1String("text_delta")) {
            if (m_openType != QLatin1String("text"))
                fail(QStringLiteral("text_delta on a %1 block").arg(m_openType));
            if (!delta.value(QStringLiteral("text")).isString())
                fail(QStringLiteral("text_delta without text"));
            block.insert(QStringLiteral("text"),
                QString(
                    block.value(QStringLiteral("text")).toString() + delta.value(QStringLiteral("text")).toString()));
        } else if (deltaType == QLatin1String("citations_delta")) {
            if (m_openType != QLatin1String("text"))
                fail(QStringLiteral("citations_delta on a %1 block").arg(m_openType));
        } else if (deltaType == QLatin1String("input_json_delta")) {
            if (m_openType != QLatin1String("tool_use") && m_openType != QLatin1String("server_tool_use"))
                fail(QStringLiteral("input_json_delta on a %1 block").arg(m_openType));
            if (!delta.value(QStringLiteral("partial_json")).isString())
                fail(QStringLiteral("input_json_delta without partial_json"));
            m_openJson += delta.value(QStringLiteral("partial_json")).toString().toUtf8();
        } else if (deltaType == QLatin1String("thinking_delta")) {
            if (m_openType != QLatin1String("thinking"))
                fail(QStringLiteral("thinking_delta on a %1 block").arg(m_openType));
            if (m_openHasSignature)
                fail(QStringLiteral("thinking_delta after signature_delta"));
            block.insert(QStringLiteral("thinking"),
                QString(block.value(QStringLiteral("thinking")).toString()
                    + delta.value(QStringLiteral("thinking")).toString()));
        } else if (deltaType == QLatin1String("signature_delta")) {
            if (m_openType != QLatin1String("thinking"))
                fail(QStringLiteral("signature_delta on a %1 block").arg(m_openType));
            m_openHasSignature = !delta.value(QStringLiteral("signature")).toString().isEmpty();
            block.insert(QStringLiteral("signature"), delta.value(QStringLiteral("signature")).toString());
        } else {
            fail(QStringLiteral("unknown delta type %1").arg(deltaType));
        }
        m_content.replace(index, block);
        return;
    }
    if (type == QLatin1String("content_block_stop")) {
        if (m_openIndex < 0 || index != m_openIndex) {
            fail(QStringLiteral("content_block_stop for index %1, open block %2").arg(index).arg(m_openIndex));
            return;
        }
        QJsonObject block = m_content.at(index).toObject();
        if (m_openType == QLatin1String("tool_use") || m_openType == QLatin1String("server_tool_use")) {
            if (!m_openJson.trimmed().isEmpty()) {
                QJsonParseError error;
                const QJsonDocument input = QJsonDocument::fromJson(m_openJson, &error);
                if (error.error != QJsonParseError::NoError || !input.isObject())
                    fail(QStringLiteral("tool_use input is not a JSON object: %1")
                             .arg(QString::fromUtf8(m_openJson.left(120))));
                else
                    block.insert(QStringLiteral("input"), input.object());
            }
        } else if (m_openType == QLatin1String("text")) {
            if (isBlankText(block.value(QStringLiteral("text")).toString()))
                fail(QStringLiteral("text block %1 has no non-whitespace text").arg(index));
        } else if (m_openType == QLatin1String("thinking")) {
            if (!m_openHasSignature && block.value(QStringLiteral("signature")).toString().isEmpty())
                fail(QStringLiteral("thinking block %1 closed without a signature").arg(index));
        }
        m_content.replace(index, block);
        m_openIndex = -1;
        m_openType.clear();
        return;
    }
    if (type == QLatin1String("message_delta")) {
        if (m_openIndex >= 0)
            fail(QStringLiteral("message_delta while block %1 is open").arg(m_openIndex));
        const QJsonObject delta = data.value(QStringLiteral("delta")).toObject();
        const QString stopReason = delta.value(QStringLiteral("stop_reason")).toString();
        static const QStringList known {QStringLiteral("end_turn"), QStringLiteral("max_tokens"),
            QStringLiteral("stop_sequence"), QStringLiteral("tool_use"), QStringLiteral("pause_turn"),
            QStringLiteral("refusal"), QStringLiteral("model_context_window_exceeded")};
        if (!known.contains(stopReason))
            fail(QStringLiteral("message_delta stop_reason \"%1\" is not a known value").arg(stopReason));
        const QJsonValue stopSequence = delta.value(QStringLiteral("stop_sequence"));
        if (stopReason == QLatin1String("stop_sequence") ? !stopSequence.isString() : !stopSequence.isNull())
            fail(QStringLiteral("stop_sequence does not match stop_reason %1").arg(stopReason));
        if (m_sawToolUse && stopReason != QLatin1String("tool_use") && stopReason != QLatin1String("max_tokens"))
            fail(QStringLiteral("tool_use blocks were sent but stop_reason is %1").arg(stopReason));
        if (!m_sawToolUse && stopReason == QLatin1String("tool_use"))
            fail(QStringLiteral("stop_reason tool_use without a tool_use block"));
        const QJsonObject usage = data.value(QStringLiteral("usage")).toObject();
        if (!isInteger(usage.value(QStringLiteral("output_tokens"))))
            fail(QStringLiteral("message_delta usage.output_tokens is not a non-negative integer"));
        m_sawMessageDelta = true;
        m_message.insert(QStringLiteral("stop_reason"), stopReason);
        m_message.insert(QStringLiteral("stop_sequence"), stopSequence);
        QJsonObject merged = m_message.value(QStringLiteral("usage")).toObject();
        for (auto it = usage.begin(); it != usage.end(); ++it) {
            if (!it.value().isNull())
                merged.insert(it.key(), it.value());
        }
        m_message.insert(QStringLiteral("usage"), merged);
        return;
    }
    if (type == QLatin1String("message_stop")) {
        if (m_openIndex >= 0)
            fail(QStringLiteral("message_stop while block %1 is open").arg(m_openIndex));
        if (!m_sawMessageDelta)
            fail(QStringLiteral("message_stop without message_delta"));
        m_stopped = true;
        return;
    }
    fail(QStringLiteral("unknown event type \"%1\"").arg(type));
}

QJsonObject AnthropicStreamValidator::message() const
{
    QJsonObject message = m_message;
    message.insert(QStringLiteral("content"), m_content);
    return message;
}
