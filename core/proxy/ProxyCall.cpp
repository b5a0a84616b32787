#include "proxy/ProxyCall.h"

#include "common/Logging.h"
#include "common/SteadyClock.h"
#include "proxy/AnthropicPassThroughAttempt.h"
#include "server/ClientResponse.h"
#include "store/RecordSink.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

// Request headers worth keeping in the record (for people studying Claude Code's traffic). Secrets never.
const char *const kRecordedRequestHeaders[] = {
    "user-agent", "anthropic-version", "anthropic-beta", "x-app", "x-claude-code-session-id", "content-type",
    "x-stainless-package-version", "x-stainless-retry-count", "x-stainless-timeout",
};

} // namespace

ProxyCall::ProxyCall(const ProxyContext &context, IncomingRequest request, std::unique_ptr<ClientResponse> response,
                     Setup setup, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_request(std::move(request))
    , m_response(std::move(response))
    , m_setup(std::move(setup))
    , m_startedAt(QDateTime::currentDateTimeUtc())
{
    connect(m_response.get(), &ClientResponse::clientDisconnected, this, &ProxyCall::onClientDisconnected);
    connect(m_response.get(), &ClientResponse::drained, this, [this] {
        if (m_paused && m_attempt) {
            m_paused = false;
            m_attempt->setPaused(false);
        }
    });
}

ProxyCall::~ProxyCall() = default;

HttpHeaderList ProxyCall::withRequestId(HttpHeaderList headers) const
{
    headers.append({QByteArrayLiteral("x-switchyard-request-id"), m_setup.requestId.toLatin1()});
    return headers;
}

void ProxyCall::start()
{
    if (!m_setup.plan.isRoutable()) {
        // A configuration problem, not a transient one: tell the SDK not to retry.
        reject(ApiError::api(m_setup.plan.error, 503), {{QByteArrayLiteral("x-should-retry"), QByteArrayLiteral("false")}});
        return;
    }
    startAttempt(m_setup.plan.attempts.first());
}

void ProxyCall::startAttempt(const RouteTarget &target)
{
    m_target = &target;
    if (target.protocol != WireProtocol::AnthropicMessages) {
        reject(ApiError::api(QStringLiteral("Platform %1 speaks the OpenAI format, which this build cannot route to yet.")
                                 .arg(target.platform.id),
                             501));
        return;
    }
    QString upstreamPath = m_setup.path.canonicalPath;
    m_attempt = new AnthropicPassThroughAttempt(m_context.upstream, target, m_request, upstreamPath, this);
    connect(m_attempt, &UpstreamAttempt::answerStarted, this, &ProxyCall::onAnswerStarted);
    connect(m_attempt, &UpstreamAttempt::streamEvent, this, &ProxyCall::onStreamEvent);
    connect(m_attempt, &UpstreamAttempt::answerBody, this, &ProxyCall::onAnswerBody);
    connect(m_attempt, &UpstreamAttempt::completed, this, &ProxyCall::onCompleted);
    connect(m_attempt, &UpstreamAttempt::failed, this, &ProxyCall::onAttemptFailed);
    m_attempt->start();
}

void ProxyCall::onAnswerStarted(int status, const HttpHeaderList &headers, bool)
{
    m_answerStatus = status;
    m_answerHeaders = withRequestId(headers);
}

void ProxyCall::onStreamEvent(const QByteArray &event)
{
    if (m_finished)
        return;
    if (!m_response->hasStarted())
        m_response->beginStream(m_answerStatus, m_answerHeaders);
    m_response->writeChunk(event);
    m_sentBody += event;
    if (!m_paused && m_response->isCongested()) {
        m_paused = true;
        m_attempt->setPaused(true);
    }
}

void ProxyCall::onAnswerBody(const QByteArray &body)
{
    if (m_finished)
        return;
    m_response->send(m_answerStatus, m_answerHeaders, body);
    m_sentBody = body;
}

void ProxyCall::onCompleted(const TokenUsage &usage)
{
    if (m_finished)
        return;
    m_usage = usage;
    if (m_response->isStreaming())
        m_response->endStream();
    else if (!m_response->hasStarted())
        m_response->send(m_answerStatus, m_answerHeaders, QByteArray()); // an empty stream: headers only
    m_attemptSummary = QStringLiteral("ok");
    finish();
}

void ProxyCall::onAttemptFailed(const AttemptFailure &failure)
{
    if (m_finished)
        return;
    m_failed = true;
    m_error = failure.clientError;
    m_attemptSummary = failure.describe();
    if (failure.kind == AttemptFailure::Kind::Cancelled) {
        finish();
        return;
    }
    qCInfo(lcProxy).noquote() << m_setup.requestId << "failed on" << (m_target ? m_target->platform.id : QString())
                              << ":" << failure.describe();
    if (!m_response->hasStarted()) {
        if (failure.kind == AttemptFailure::Kind::HttpStatus && failure.upstreamBodyIsAnthropicError) {
            // The platform already speaks the client's error format: relay status and body as they are.
            HttpHeaderList headers = AnthropicPassThroughAttempt::relayedResponseHeaders(failure.upstreamHeaders);
            bool hasContentType = false;
            for (const auto &header : headers)
                hasContentType = hasContentType || header.first == "content-type";
            if (!hasContentType)
                headers.prepend({QByteArrayLiteral("content-type"), QByteArrayLiteral("application/json")});
            m_response->send(failure.upstreamStatus, withRequestId(headers), failure.upstreamBody);
            m_sentBody = failure.upstreamBody;
        } else {
            HttpHeaderList extra;
            if (failure.kind == AttemptFailure::Kind::HttpStatus) {
                for (const auto &header : AnthropicPassThroughAttempt::relayedResponseHeaders(failure.upstreamHeaders)) {
                    if (header.first != "content-type")
                        extra.append(header);
                }
            }
            sendError(failure.clientError, extra);
        }
    } else if (m_response->isStreaming()) {
        // After the first byte an HTTP status can no longer change: end the stream with a well-formed error event.
        const QByteArray event = failure.clientError.toSseEvent();
        m_response->writeChunk(event);
        m_sentBody += event;
        m_response->endStream();
    }
    finish();
}

void ProxyCall::onClientDisconnected()
{
    if (m_finished)
        return;
    m_clientCancelled = true;
    if (m_attempt)
        m_attempt->cancel();
    qCInfo(lcProxy).noquote() << m_setup.requestId << "client disconnected; upstream request cancelled";
    m_attemptSummary = QStringLiteral("cancelled by the client");
    finish();
}

void ProxyCall::reject(const ApiError &error, const HttpHeaderList &extraHeaders)
{
    m_failed = true;
    m_error = error;
    sendError(error, extraHeaders);
    finish();
}

void ProxyCall::abandon(const ApiError &error)
{
    if (m_finished)
        return;
    if (m_attempt)
        m_attempt->cancel();
    m_failed = true;
    m_error = error;
    m_attemptSummary = QStringLiteral("abandoned: ") + error.message();
    if (!m_response->hasStarted()) {
        sendError(error);
    } else if (m_response->isStreaming()) {
        const QByteArray event = error.toSseEvent();
        m_response->writeChunk(event);
        m_sentBody += event;
        m_response->endStream();
    }
    finish();
}

void ProxyCall::sendError(const ApiError &error, const HttpHeaderList &extraHeaders)
{
    const QByteArray body = error.toJson();
    m_response->sendJson(error.httpStatus(), body, withRequestId(extraHeaders));
    m_sentBody = body;
}

CallRecord ProxyCall::buildRecord() const
{
    CallRecord record;
    record.requestId = m_setup.requestId;
    record.startedAt = m_startedAt;
    record.clientKeyId = m_setup.clientKeyId;
    record.method = QString::fromLatin1(m_request.method);
    record.endpoint = m_setup.path.canonicalPath;
    record.sessionId = QString::fromUtf8(m_request.header("x-claude-code-session-id"));
    record.routingMode = routingModeId(m_setup.plan.mode);
    QJsonObject route = m_setup.plan.toJsonObject();
    if (m_target) {
        route.insert(QStringLiteral("attempts"),
                     QJsonArray{QJsonObject{{QStringLiteral("platform"), m_target->platform.id},
                                            {QStringLiteral("model"), m_target->model},
                                            {QStringLiteral("status"), m_attempt ? m_attempt->upstreamStatus() : 0},
                                            {QStringLiteral("result"), m_attemptSummary}}});
    }
    record.routeJson = QString::fromUtf8(QJsonDocument(route).toJson(QJsonDocument::Compact));
    record.platformId = m_target ? m_target->platform.id : QString();
    record.requestedModel = m_setup.requestedModel;
    record.upstreamModel = m_target ? m_target->model : QString();
    record.stream = m_setup.stream;
    record.status = m_response->status();
    const qint64 now = SteadyClock::nowUs();
    record.durationUs = now - m_request.receivedAtUs;
    if (m_response->firstByteAtUs() >= 0)
        record.firstByteUs = m_response->firstByteAtUs() - m_request.receivedAtUs;
    if (m_attempt) {
        record.upstreamStatus = m_attempt->upstreamStatus();
        if (m_attempt->upstreamStartedAtUs() >= 0)
            record.upstreamDurationUs = (m_attempt->upstreamFinishedAtUs() >= 0 ? m_attempt->upstreamFinishedAtUs() : now)
                - m_attempt->upstreamStartedAtUs();
    }
    record.usage = m_usage;
    QJsonObject headers;
    for (const char *name : kRecordedRequestHeaders) {
        const QByteArray value = m_request.header(name);
        if (!value.isEmpty())
            headers.insert(QString::fromLatin1(name), QString::fromUtf8(value));
    }
    record.requestHeadersJson = QJsonDocument(headers).toJson(QJsonDocument::Compact);
    record.requestBody = m_request.body;
    record.responseBody = m_sentBody;
    if (m_failed) {
        record.errorType = QString::fromLatin1(m_error.typeName());
        record.errorMessage = m_error.message();
    }
    record.clientCancelled = m_clientCancelled;
    return record;
}

void ProxyCall::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_context.records)
        m_context.records->submit(buildRecord());
    Q_EMIT finished(this);
    deleteLater();
}
