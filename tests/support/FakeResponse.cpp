#include "FakeResponse.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <atomic>
#include <cstring>

namespace {

std::atomic<quint64> s_nextId {1};

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString nextId(const char *prefix)
{
    return QLatin1String(prefix) + QString::number(s_nextId.fetch_add(1), 16).rightJustified(12, QLatin1Char('0'));
}

int wordCount(const QString &text)
{
    return qMax(1, int(text.split(QLatin1Char(' '), Qt::SkipEmptyParts).size()));
}

// Splits `text` into `parts` pieces of about the same length, never between the halves of a surrogate pair.
QStringList splitEvenly(const QString &text, int parts)
{
    parts = qMax(1, parts);
    QStringList pieces;
    qsizetype start = 0;
    for (int i = 1; i <= parts; ++i) {
        qsizetype end = i == parts ? text.size() : text.size() * i / parts;
        if (end > start && end < text.size() && text.at(end).isLowSurrogate())
            ++end;
        end = qMax(end, start);
        pieces.append(text.mid(start, end - start));
        start = end;
    }
    return pieces;
}

// A JSON string literal (with its quotes) for `text`.
QByteArray jsonString(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray {text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

} // namespace

const char *FakeResponse::reasonText(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 402:
        return "Payment Required";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 413:
        return "Payload Too Large";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    case 529:
        return "Overloaded";
    default:
        return "Status";
    }
}

QByteArray FakeResponse::reasonPhrase(int status)
{
    return QByteArray::fromRawData(reasonText(status), qsizetype(std::strlen(reasonText(status))));
}

FakeResponse FakeResponse::json(int status, const QByteArray &body)
{
    return text(status, body, "application/json");
}

FakeResponse FakeResponse::json(int status, const QJsonObject &body)
{
    return json(status, compactJson(body));
}

FakeResponse FakeResponse::text(int status, const QByteArray &body, const QByteArray &contentType)
{
    FakeResponse response;
    response.status = status;
    response.headers.append({"Content-Type", contentType});
    response.body = body;
    return response;
}

FakeResponse FakeResponse::anthropicMessage(const QString &text, const QJsonObject &usage, const QString &model)
{
    QJsonObject usageObject = usage;
    if (usageObject.isEmpty()) {
        usageObject.insert(QStringLiteral("input_tokens"), 10);
        usageObject.insert(QStringLiteral("output_tokens"), wordCount(text));
    }
    // Written by hand to keep the field order of the real API ("type" first), which a pass-through proxy
    // relays byte for byte.
    const QByteArray body = "{\"id\":" + jsonString(nextId("msg_fake"))
        + ",\"type\":\"message\",\"role\":\"assistant\",\"model\":" + jsonString(model)
        + ",\"content\":[{\"type\":\"text\",\"text\":" + jsonString(text)
        + "}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":" + compactJson(usageObject) + '}';
    return json(200, body);
}

FakeResponse FakeResponse::anthropicError(int status, const QString &type, const QString &message)
{
    const QJsonObject body {
        {QStringLiteral("type"), QStringLiteral("error")},
        {QStringLiteral("error"), QJsonObject {{QStringLiteral("type"), type}, {QStringLiteral("message"), message}}},
    };
    return json(status, body).withHeader("request-id", nextId("req_fake").toLatin1());
}

FakeResponse FakeResponse::openAIChat(const QString &content, const QJsonObject &usage, const QString &model)
{
    QJsonObject usageObject = usage;
    if (usageObject.isEmpty()) {
        const int completion = wordCount(content);
        usageObject.insert(QStringLiteral("prompt_tokens"), 10);
        usageObject.insert(QStringLiteral("completion_tokens"), completion);
        usageObject.insert(QStringLiteral("total_tokens"), 10 + completion);
    }
    const QByteArray body = "{\"id\":" + jsonString(nextId("chatcmpl-fake"))
        + ",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":" + jsonString(model)
        + ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + jsonString(content)
        + "},\"finish_reason\":\"stop\"}],\"usage\":" + compactJson(usageObject) + '}';
    return json(200, body);
}

FakeResponse FakeResponse::openAIError(int status, const QString &message, const QString &type, const QString &code)
{
    const QJsonObject error {
        {QStringLiteral("message"), message},
        {QStringLiteral("type"), type},
        {QStringLiteral("param"), QJsonValue::Null},
        {QStringLiteral("code"), code.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(code)},
    };
    return json(status, QJsonObject {{QStringLiteral("error"), error}});
}

FakeResponse FakeResponse::sse(const QList<Piece> &pieces)
{
    FakeResponse response;
    response.kind = Kind::Stream;
    response.pieces = pieces;
    response.headers.append(Header("Content-Type", "text/event-stream"));
    response.headers.append(Header("Cache-Control", "no-cache"));
    return response;
}

FakeResponse FakeResponse::anthropicStream(const QList<QByteArray> &events, int delayMs)
{
    QList<Piece> pieces;
    pieces.reserve(events.size());
    for (const QByteArray &event : events)
        pieces.append({event, delayMs});
    return sse(pieces);
}

QList<QByteArray> FakeResponse::anthropicTextEvents(const QString &text, int deltaCount, const QString &model)
{
    QList<QByteArray> events;
    events.append("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":"
        + jsonString(nextId("msg_fake")) + ",\"type\":\"message\",\"role\":\"assistant\",\"model\":" + jsonString(model)
        + ",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":10,"
          "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":1}}}\n\n");
    events.append(QByteArray("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                             "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"));
    for (const QString &part : splitEvenly(text, deltaCount)) {
        events.append("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                      "\"delta\":{\"type\":\"text_delta\",\"text\":"
            + jsonString(part) + "}}\n\n");
    }
    events.append(QByteArray("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"));
    events.append("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                  "\"stop_sequence\":null},\"usage\":{\"output_tokens\":"
        + QByteArray::number(wordCount(text)) + "}}\n\n");
    events.append(QByteArray("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
    return events;
}

FakeResponse FakeResponse::openAIStream(const QList<QByteArray> &chunks, int delayMs)
{
    QList<Piece> pieces;
    pieces.reserve(chunks.size() + 1);
    for (const QByteArray &chunk : chunks)
        pieces.append({QByteArray("data: ") + chunk + "\n\n", delayMs});
    pieces.append({QByteArray("data: [DONE]\n\n"), delayMs});
    return sse(pieces);
}

QList<QByteArray> FakeResponse::openAITextChunks(const QString &text, int deltaCount, const QString &model)
{
    const QByteArray prefix = "{\"id\":" + jsonString(nextId("chatcmpl-fake"))
        + ",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":" + jsonString(model)
        + ",\"choices\":";
    auto choice = [&](const QByteArray &delta, const char *finishReason) -> QByteArray {
        return prefix + "[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finishReason + "}]}";
    };
    QList<QByteArray> chunks;
    chunks.append(choice("{\"role\":\"assistant\",\"content\":\"\"}", "null"));
    for (const QString &part : splitEvenly(text, deltaCount))
        chunks.append(choice("{\"content\":" + jsonString(part) + '}', "null"));
    chunks.append(choice("{}", "\"stop\""));
    const int completion = wordCount(text);
    chunks.append(prefix + "[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":" + QByteArray::number(completion)
        + ",\"total_tokens\":" + QByteArray::number(10 + completion) + "}}");
    return chunks;
}

FakeResponse FakeResponse::closeWithoutResponse()
{
    return FakeResponse().withFault(Fault::CloseWithoutResponse);
}

FakeResponse FakeResponse::resetWithoutResponse()
{
    return FakeResponse().withFault(Fault::ResetWithoutResponse);
}

FakeResponse FakeResponse::hang()
{
    return FakeResponse().withFault(Fault::Hang);
}

FakeResponse FakeResponse::malformedStatusLine()
{
    return raw("HTTQ/1.1 two-hundred maybe\r\nContent-Length: 2\r\n\r\nok");
}

FakeResponse FakeResponse::raw(const QByteArray &bytes)
{
    FakeResponse response;
    response.body = bytes;
    response.fault = Fault::RawBytes;
    return response;
}

FakeResponse FakeResponse::truncatedBody(int status, const QByteArray &fullBody, qsizetype sentBytes)
{
    FakeResponse response = json(status, fullBody.left(sentBytes));
    response.headers.append({"Content-Length", QByteArray::number(fullBody.size())});
    response.fault = Fault::CloseMidStream;
    return response;
}

FakeResponse FakeResponse::withHeader(const QByteArray &name, const QByteArray &value) const
{
    FakeResponse copy = *this;
    for (Header &header : copy.headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            header.second = value;
            return copy;
        }
    }
    copy.headers.append({name, value});
    return copy;
}

FakeResponse FakeResponse::withDelayBeforeHeaders(int ms) const
{
    FakeResponse copy = *this;
    copy.delayBeforeHeadersMs = ms;
    return copy;
}

FakeResponse FakeResponse::withFault(Fault newFault) const
{
    FakeResponse copy = *this;
    copy.fault = newFault;
    return copy;
}

FakeResponse FakeResponse::withFraming(Framing newFraming) const
{
    FakeResponse copy = *this;
    copy.framing = newFraming;
    return copy;
}

FakeResponse FakeResponse::withCloseAfterResponse() const
{
    FakeResponse copy = *this;
    copy.closeAfterResponse = true;
    return copy;
}

bool FakeResponse::hasHeader(const QByteArray &name) const
{
    for (const Header &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray FakeResponse::header(const QByteArray &name) const
{
    for (const Header &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}
