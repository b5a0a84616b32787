#include "proxy/AnthropicPassThroughAttempt.h"

#include "common/Logging.h"
#include "common/SteadyClock.h"
#include "convert/OpenAIToAnthropicResponse.h"
#include "platforms/PlatformEndpoints.h"
#include "upstream/UpstreamClient.h"
#include "upstream/UpstreamExchange.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cstring>
#include <functional>
#include <string>

namespace {

constexpr qsizetype kMaxErrorBodyBytes = 1024 * 1024;
const QByteArray kDefaultAnthropicVersion = QByteArrayLiteral("2023-06-01");

bool isForwardedRequestHeader(const QByteArray &name)
{
    static const QByteArray exact[] = {
        QByteArrayLiteral("anthropic-version"),
        QByteArrayLiteral("anthropic-beta"),
        QByteArrayLiteral("anthropic-dangerous-direct-browser-access"),
        QByteArrayLiteral("content-type"),
        QByteArrayLiteral("accept"),
        QByteArrayLiteral("user-agent"),
        QByteArrayLiteral("x-app"),
        QByteArrayLiteral("x-claude-code-session-id"),
    };
    for (const QByteArray &candidate : exact) {
        if (name == candidate)
            return true;
    }
    return name.startsWith("x-stainless-");
}

bool isRelayedResponseHeader(const QByteArray &lowerName)
{
    return lowerName == "content-type" || lowerName == "request-id" || lowerName == "retry-after"
        || lowerName == "retry-after-ms" || lowerName == "x-should-retry"
        || lowerName.startsWith("anthropic-ratelimit-");
}

} // namespace

AnthropicPassThroughAttempt::AnthropicPassThroughAttempt(UpstreamClient *client, RouteTarget target,
    const IncomingRequest &request, QString upstreamPath, const UpstreamTimeouts &timeouts, QObject *parent)
    : UpstreamAttempt(parent)
    , m_client(client)
    , m_target(std::move(target))
    , m_request(request)
    , m_upstreamPath(std::move(upstreamPath))
    , m_timeouts(timeouts)
{
    // Events are relayed as their raw bytes; only an error event's data is ever read (SseParser::dataOf).
    m_sse.setCollectData(false);
}

// The exchange is a child: it dies with the attempt (after the attempt's connections are gone), without a
// deferred delete posted for every call.
AnthropicPassThroughAttempt::~AnthropicPassThroughAttempt() = default;

HttpHeaderList AnthropicPassThroughAttempt::forwardedRequestHeaders(const HttpHeaderList &clientHeaders)
{
    HttpHeaderList headers;
    bool hasVersion = false;
    for (const auto &header : clientHeaders) {
        const QByteArray name = header.first.toLower();
        if (!isForwardedRequestHeader(name))
            continue;
        hasVersion = hasVersion || name == "anthropic-version";
        headers.append({name, header.second});
    }
    if (!hasVersion)
        headers.append({QByteArrayLiteral("anthropic-version"), kDefaultAnthropicVersion});
    return headers;
}

HttpHeaderList AnthropicPassThroughAttempt::relayedResponseHeaders(const HttpHeaderList &upstreamHeaders)
{
    HttpHeaderList headers;
    for (const auto &header : upstreamHeaders) {
        const QByteArray name = header.first.toLower();
        if (isRelayedResponseHeader(name))
            headers.append({name, header.second});
    }
    return headers;
}

UpstreamRequest AnthropicPassThroughAttempt::buildRequest() const
{
    UpstreamRequest request;
    const QString base = PlatformEndpoints::trimmedBase(m_target.platform.baseUrl);
    QString url = base + m_upstreamPath;
    if (!m_request.query.isEmpty())
        url += QLatin1Char('?') + QString::fromLatin1(m_request.query);
    request.url = QUrl(url, QUrl::StrictMode);
    request.method = m_request.method;
    request.headers = forwardedRequestHeaders(m_request.headers);
    if (!m_target.platform.apiKey.isEmpty())
        request.headers.append({QByteArrayLiteral("x-api-key"), m_target.platform.apiKey.toUtf8()});
    request.body = m_request.body.isEmpty() ? m_request.body
                                            : upstreamBody(m_request.body, m_parsedBody, m_clientModel, m_target.model);
    request.timeouts = m_timeouts;
    return request;
}

void AnthropicPassThroughAttempt::start()
{
    UpstreamRequest request = buildRequest();
    if (!request.url.isValid()
        || (request.url.scheme() != QLatin1String("http") && request.url.scheme() != QLatin1String("https"))) {
        AttemptFailure failure;
        failure.kind = AttemptFailure::Kind::Transport;
        failure.transportFailure = UpstreamFailure::NetworkError;
        failure.clientError
            = ApiError::api(QStringLiteral("Platform %1 has an invalid base URL.").arg(m_target.platform.id), 502);
        QMetaObject::invokeMethod(
            this, [this, failure] { fail(failure); }, Qt::QueuedConnection);
        return;
    }
    qCDebug(lcProxy).noquote() << "pass-through to" << m_target.platform.id << request.url.toString(QUrl::RemoveQuery);
    sendUpstream(m_client, std::move(request));
}

void AnthropicPassThroughAttempt::onResponseStarted(int status, const HttpHeaderList &headers)
{
    m_upstreamStatus = status;
    m_responseHeaders = headers;
    for (const auto &header : headers) {
        if (header.first.compare("request-id", Qt::CaseInsensitive) == 0)
            m_upstreamRequestId = QString::fromLatin1(header.second);
    }
    m_success = status >= 200 && status < 300;
    if (!m_success)
        return;
    const QByteArray contentType
        = m_exchange ? m_exchange->responseHeader(QByteArrayLiteral("content-type")) : QByteArray();
    m_stream = contentType.toLower().startsWith("text/event-stream");
    HttpHeaderList relayed = relayedResponseHeaders(headers);
    if (m_stream)
        relayed.append({QByteArrayLiteral("cache-control"), QByteArrayLiteral("no-cache")});
    Q_EMIT answerStarted(status, relayed, m_stream);
}

void AnthropicPassThroughAttempt::onBodyData(const QByteArray &data)
{
    if (m_done)
        return;
    if (!m_success || !m_stream) {
        if (m_body.size() + data.size() <= kMaxErrorBodyBytes || m_success)
            m_body += data;
        return;
    }
    m_events.clear();
    m_sse.feed(data, m_events);
    relayParsedEvents();
}

bool AnthropicPassThroughAttempt::relayParsedEvents()
{
    QPointer<AnthropicPassThroughAttempt> self(this);
    for (SseEvent &event : m_events) {
        if (!m_committed) {
            if (event.name == "error") {
                failWithErrorEvent(event);
                return false;
            }
            if (event.name == "message_start" || event.name == "ping" || !event.hasData) {
                m_held.append(event.raw);
                continue;
            }
            // The first content: the answer has begun. What was held goes first, in order.
            m_committed = true;
            for (const QByteArray &held : std::as_const(m_held)) {
                ++m_eventsRelayed;
                Q_EMIT streamEvent(held);
                if (!self || m_done)
                    return false;
            }
            m_held.clear();
        }
        if (event.name == "message_stop")
            m_sawMessageStop = true;
        else if (event.name == "error")
            m_sawErrorEvent = true;
        ++m_eventsRelayed;
        Q_EMIT streamEvent(event.raw);
        if (!self || m_done)
            return false;
    }
    return true;
}

void AnthropicPassThroughAttempt::failWithErrorEvent(const SseEvent &event)
{
    // {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}} before any content: treated
    // like the same error as an HTTP status, so the proxy can retry or fall back.
    const QByteArray data = SseParser::dataOf(event.raw); // the relay does not collect data
    const QJsonObject error = QJsonDocument::fromJson(data).object().value(QStringLiteral("error")).toObject();
    const QByteArray typeName = error.value(QStringLiteral("type")).toString().toLatin1();
    const std::optional<ApiError::Type> type = ApiError::typeFromName(typeName);
    const int status = type ? ApiError::defaultStatus(*type) : 500;
    fail(AttemptFailure::fromHttpStatus(status, m_responseHeaders, data,
        m_target.platform.name.isEmpty() ? m_target.platform.id : m_target.platform.name));
}

bool AnthropicPassThroughAttempt::containsSyntheticSignature(QByteArrayView body)
{
    // Searched in every forwarded body, so with the C library's substring search where there is one (glibc's is
    // about three times faster than std::boyer_moore_horspool_searcher on a 49 kB Claude Code request).
    static const QByteArray signature = OpenAIToAnthropicResponse::syntheticSignature().toUtf8();
#if defined(__GLIBC__)
    return memmem(body.data(), size_t(body.size()), signature.constData(), size_t(signature.size())) != nullptr;
#else
    static const std::string pattern = signature.toStdString();
    static const std::boyer_moore_horspool_searcher searcher(pattern.begin(), pattern.end());
    return std::search(body.begin(), body.end(), searcher) != body.end();
#endif
}

QByteArray AnthropicPassThroughAttempt::upstreamBody(
    const QByteArray &clientBody, const QJsonObject &parsedBody, const QString &clientModel, const QString &targetModel)
{
    const bool otherModel = !targetModel.isEmpty() && !clientModel.isEmpty() && targetModel != clientModel;
    const bool syntheticThinking = containsSyntheticSignature(clientBody);
    if (!otherModel && !syntheticThinking)
        return clientBody; // the common case: exactly the client's bytes
    QJsonObject body = parsedBody.isEmpty() ? QJsonDocument::fromJson(clientBody).object() : parsedBody;
    if (otherModel)
        body.insert(QStringLiteral("model"), targetModel);
    if (syntheticThinking) {
        // Thinking that an OpenAI-format model produced earlier in this conversation carries Switchyard's own
        // signature, which Anthropic would reject: drop those blocks.
        QJsonArray messages = body.value(QStringLiteral("messages")).toArray();
        for (qsizetype i = 0; i < messages.size(); ++i) {
            QJsonObject message = messages.at(i).toObject();
            const QJsonValue content = message.value(QStringLiteral("content"));
            if (!content.isArray())
                continue;
            QJsonArray kept;
            for (const QJsonValue &block : content.toArray()) {
                const QJsonObject object = block.toObject();
                if (object.value(QStringLiteral("type")).toString() == QLatin1String("thinking")
                    && OpenAIToAnthropicResponse::isSyntheticSignature(
                        object.value(QStringLiteral("signature")).toString()))
                    continue;
                kept.append(block);
            }
            message.insert(QStringLiteral("content"), kept);
            messages[i] = message;
        }
        body.insert(QStringLiteral("messages"), messages);
    }
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

void AnthropicPassThroughAttempt::onFinished()
{
    if (m_done)
        return;
    m_upstreamFinishedAtUs = SteadyClock::nowUs();
    if (!m_success) {
        fail(AttemptFailure::fromHttpStatus(m_upstreamStatus, m_responseHeaders, m_body,
            m_target.platform.name.isEmpty() ? m_target.platform.id : m_target.platform.name));
        return;
    }
    if (m_stream) {
        m_events.clear();
        m_sse.finish(m_events);
        if (!relayParsedEvents())
            return;
        if (!m_committed) {
            // The stream ended before any content: nothing reached the client, so this can still fall back.
            AttemptFailure failure;
            failure.kind = AttemptFailure::Kind::MalformedResponse;
            failure.transportFailure = UpstreamFailure::ConnectionClosed;
            failure.upstreamStatus = m_upstreamStatus;
            failure.clientError = ApiError::api(
                QStringLiteral("The stream from %1 ended before any content.").arg(m_target.platform.id), 502);
            fail(failure);
            return;
        }
        if (m_sawErrorEvent) {
            // The platform ended its stream with its own error event (already relayed): a failure for health.
            AttemptFailure failure;
            failure.kind = AttemptFailure::Kind::MalformedResponse;
            failure.upstreamStatus = m_upstreamStatus;
            failure.afterOutput = true;
            failure.streamEndedByUpstream = true;
            failure.clientError = ApiError::api(
                QStringLiteral("%1 reported an error in the middle of its answer.").arg(m_target.platform.id), 502);
            fail(failure);
            return;
        }
        if (!m_sawMessageStop) {
            AttemptFailure failure;
            failure.kind = AttemptFailure::Kind::MalformedResponse;
            failure.transportFailure = UpstreamFailure::ConnectionClosed;
            failure.upstreamStatus = m_upstreamStatus;
            failure.afterOutput = m_eventsRelayed > 0;
            failure.clientError = ApiError::api(
                QStringLiteral("The stream from %1 ended before message_stop.").arg(m_target.platform.id), 502);
            fail(failure);
            return;
        }
    } else {
        Q_EMIT answerBody(m_body);
    }
    m_done = true;
    Q_EMIT completed(TokenUsage());
}

void AnthropicPassThroughAttempt::onFailed(const UpstreamError &error)
{
    if (m_done)
        return;
    m_upstreamFinishedAtUs = SteadyClock::nowUs();
    AttemptFailure failure = AttemptFailure::fromTransport(
        error, m_target.platform.name.isEmpty() ? m_target.platform.id : m_target.platform.name);
    failure.upstreamStatus = m_upstreamStatus;
    failure.afterOutput = m_committed;
    fail(failure);
}

void AnthropicPassThroughAttempt::fail(const AttemptFailure &failure)
{
    if (m_done)
        return;
    m_done = true;
    qCDebug(lcProxy).noquote() << "attempt on" << m_target.platform.id << "failed:" << failure.describe();
    Q_EMIT failed(failure);
}
