#include "proxy/OpenAIChatAttempt.h"

#include "common/Logging.h"
#include "common/SteadyClock.h"
#include "convert/AnthropicMessageEvents.h"
#include "convert/AnthropicToOpenAIRequest.h"
#include "convert/OpenAIErrorMapper.h"
#include "convert/OpenAIToAnthropicResponse.h"
#include "platforms/ModelCapabilities.h"
#include "platforms/PlatformEndpoints.h"
#include "upstream/UpstreamClient.h"
#include "upstream/UpstreamExchange.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <vector>

namespace {

constexpr qsizetype kMaxBufferedBodyBytes = 64 * 1024 * 1024;

ConversionProfile profileFor(const RouteTarget &target)
{
    const ModelSettings capabilities = ModelCapabilities::resolve(target.platform, target.model);
    ConversionProfile::Overrides overrides;
    overrides.contextWindow = capabilities.contextWindow;
    overrides.maxOutputTokens = capabilities.maxOutputTokens;
    overrides.supportsTools = capabilities.supportsTools;
    overrides.supportsVision = capabilities.supportsVision;
    overrides.supportsReasoning = capabilities.supportsReasoning;
    return ConversionProfile::forPlatform(platformTypeId(target.platform.type), target.model, overrides);
}

// The Chat Completions body as JSON. Its "tools" (most of the bytes for Claude Code, and the same in every request
// of a session) are serialized once per thread and spliced in; key order does not matter in JSON.
QByteArray serializeBody(QJsonObject body)
{
    const QJsonArray tools = body.take(QStringLiteral("tools")).toArray();
    QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    if (tools.isEmpty())
        return json;
    struct Serialized
    {
        QJsonArray tools;
        QByteArray json;
    };
    static thread_local std::vector<Serialized> cache;
    QByteArray toolsJson;
    for (const Serialized &entry : cache) {
        if (entry.tools == tools) {
            toolsJson = entry.json;
            break;
        }
    }
    if (toolsJson.isEmpty()) {
        toolsJson = QJsonDocument(tools).toJson(QJsonDocument::Compact);
        if (cache.size() >= 8)
            cache.erase(cache.begin());
        cache.push_back(Serialized {tools, toolsJson});
    }
    json.chop(1); // the closing brace
    json += ",\"tools\":";
    json += toolsJson;
    json += '}';
    return json;
}

QString displayName(const PlatformConfig &platform)
{
    return platform.name.isEmpty() ? platform.id : platform.name;
}

} // namespace

OpenAIChatAttempt::OpenAIChatAttempt(UpstreamClient *client, RouteTarget target, QJsonObject anthropicRequest,
    qint64 requestBytes, bool stream, UpstreamTimeouts timeouts, QObject *parent)
    : UpstreamAttempt(parent)
    , m_client(client)
    , m_target(std::move(target))
    , m_request(std::move(anthropicRequest))
    , m_requestBytes(requestBytes)
    , m_stream(stream)
    , m_timeouts(timeouts)
{
}

// The exchange is a child: it dies with the attempt (after the attempt's connections are gone), without a
// deferred delete posted for every call.
OpenAIChatAttempt::~OpenAIChatAttempt() = default;

UpstreamRequest OpenAIChatAttempt::buildRequest(QString *conversionError)
{
    UpstreamRequest request;
    QJsonObject anthropic = m_request;
    anthropic.insert(QStringLiteral("model"), m_target.model);
    anthropic.insert(QStringLiteral("stream"), m_stream);
    const OpenAIRequestConversion conversion
        = AnthropicToOpenAIRequest::convert(anthropic, profileFor(m_target), m_requestBytes);
    if (!conversion.ok()) {
        if (conversionError)
            *conversionError = conversion.error;
        return request;
    }
    m_context = conversion.context;
    m_context.requestedModel = m_request.value(QStringLiteral("model")).toString();
    for (const QString &note : conversion.notes)
        qCDebug(lcConvert).noquote() << m_target.reference() << note;

    const QString base = PlatformEndpoints::trimmedBase(m_target.platform.baseUrl);
    request.url = QUrl(base + QStringLiteral("/chat/completions"), QUrl::StrictMode);
    request.method = QByteArrayLiteral("POST");
    request.headers.append({QByteArrayLiteral("content-type"), QByteArrayLiteral("application/json")});
    request.headers.append({QByteArrayLiteral("accept"),
        m_stream ? QByteArrayLiteral("text/event-stream") : QByteArrayLiteral("application/json")});
    if (!m_target.platform.apiKey.isEmpty())
        request.headers.append({QByteArrayLiteral("authorization"), "Bearer " + m_target.platform.apiKey.toUtf8()});
    if (m_target.platform.type == PlatformType::OpenRouter) {
        // OpenRouter's attribution headers (optional; they name the app in the user's OpenRouter activity).
        request.headers.append(
            {QByteArrayLiteral("http-referer"), QByteArrayLiteral("https://github.com/switchyard-app")});
        request.headers.append({QByteArrayLiteral("x-title"), QByteArrayLiteral("Switchyard")});
    }
    request.body = serializeBody(conversion.openai);
    request.timeouts = m_timeouts;
    return request;
}

void OpenAIChatAttempt::start()
{
    QString conversionError;
    UpstreamRequest request = buildRequest(&conversionError);
    if (!conversionError.isEmpty() || !request.url.isValid()
        || (request.url.scheme() != QLatin1String("http") && request.url.scheme() != QLatin1String("https"))) {
        AttemptFailure failure;
        if (!conversionError.isEmpty()) {
            failure.kind = AttemptFailure::Kind::HttpStatus;
            failure.upstreamStatus = 400;
            failure.clientError = ApiError::invalidRequest(conversionError);
            failure.upstreamBody = failure.clientError.toJson();
        } else {
            failure.kind = AttemptFailure::Kind::Transport;
            failure.transportFailure = UpstreamFailure::NetworkError;
            failure.clientError
                = ApiError::api(QStringLiteral("Platform %1 has an invalid base URL.").arg(m_target.platform.id), 502);
        }
        QMetaObject::invokeMethod(
            this, [this, failure] { fail(failure); }, Qt::QueuedConnection);
        return;
    }
    qCDebug(lcProxy).noquote() << "converted request to" << m_target.reference()
                               << request.url.toString(QUrl::RemoveQuery);
    sendUpstream(m_client, std::move(request));
}

void OpenAIChatAttempt::onResponseStarted(int status, const HttpHeaderList &headers)
{
    m_upstreamStatus = status;
    m_responseHeaders = headers;
    m_success = status >= 200 && status < 300;
    if (!m_success)
        return;
    const QByteArray contentType
        = m_exchange ? m_exchange->responseHeader(QByteArrayLiteral("content-type")) : QByteArray();
    m_upstreamStreams = contentType.toLower().startsWith("text/event-stream");
    if (m_stream)
        m_translator = std::make_unique<OpenAIStreamTranslator>(m_context);
    HttpHeaderList relayed;
    relayed.append({QByteArrayLiteral("content-type"),
        m_stream ? QByteArrayLiteral("text/event-stream; charset=utf-8") : QByteArrayLiteral("application/json")});
    if (m_stream)
        relayed.append({QByteArrayLiteral("cache-control"), QByteArrayLiteral("no-cache")});
    Q_EMIT answerStarted(200, relayed, m_stream);
}

void OpenAIChatAttempt::onBodyData(const QByteArray &data)
{
    if (m_done)
        return;
    if (!m_success || !m_translator) {
        if (m_body.size() + data.size() <= kMaxBufferedBodyBytes)
            m_body += data;
        return;
    }
    if (!m_upstreamStreams) {
        // A platform that answers a stream request with one JSON body: keep it, convert it at the end.
        m_body += data;
        return;
    }
    m_events.clear();
    m_sse.feed(data, m_events);
    for (const SseEvent &event : m_events) {
        if (!deliver(m_translator->feedEvent(event)))
            return;
    }
}

bool OpenAIChatAttempt::deliver(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return true;
    if (!m_translator->hasContent() && m_translator->endedWithError()) {
        // The platform failed before producing anything: a failure the proxy may still fall back from.
        AttemptFailure failure;
        failure.kind = AttemptFailure::Kind::HttpStatus;
        failure.upstreamStatus = m_upstreamStatus;
        failure.upstreamHeaders = m_responseHeaders;
        const qsizetype dataAt = bytes.indexOf("data: ");
        const QByteArray payload = dataAt >= 0 ? bytes.mid(dataAt + 6).trimmed() : QByteArray();
        const QJsonObject envelope = QJsonDocument::fromJson(payload).object();
        const QJsonObject error = envelope.value(QStringLiteral("error")).toObject();
        failure.clientError = ApiError(ApiError::Type::Api, error.value(QStringLiteral("message")).toString(), 502);
        const QByteArray typeName = error.value(QStringLiteral("type")).toString().toLatin1();
        // A named type keeps its own status; a generic api_error (or none) stays a 502 from the platform.
        if (const std::optional<ApiError::Type> type = ApiError::typeFromName(typeName);
            type && *type != ApiError::Type::Api)
            failure.clientError = ApiError(*type, failure.clientError.message());
        failure.upstreamBody
            = QJsonDocument(QJsonObject {{QStringLiteral("error"), error}}).toJson(QJsonDocument::Compact);
        failure.upstreamStatus = failure.clientError.httpStatus();
        fail(failure);
        return false;
    }
    return emitEvents(bytes);
}

bool OpenAIChatAttempt::emitEvents(const QByteArray &bytes)
{
    QPointer<OpenAIChatAttempt> self(this);
    qsizetype start = 0;
    while (start < bytes.size()) {
        qsizetype end = bytes.indexOf("\n\n", start);
        end = end < 0 ? bytes.size() : end + 2;
        ++m_eventsEmitted;
        Q_EMIT streamEvent(bytes.mid(start, end - start));
        if (!self || m_done)
            return false;
        start = end;
    }
    return true;
}

TokenUsage OpenAIChatAttempt::usageFrom(const AnthropicUsage &usage) const
{
    TokenUsage tokens;
    tokens.inputTokens = usage.inputTokens;
    tokens.outputTokens = usage.outputTokens;
    tokens.cacheReadInputTokens = usage.cacheReadInputTokens;
    tokens.cacheCreationInputTokens = usage.cacheCreationInputTokens;
    return tokens;
}

void OpenAIChatAttempt::onFinished()
{
    if (m_done)
        return;
    m_upstreamFinishedAtUs = SteadyClock::nowUs();
    const QString platform = displayName(m_target.platform);
    if (!m_success) {
        AttemptFailure failure = AttemptFailure::fromHttpStatus(m_upstreamStatus, m_responseHeaders, m_body, platform);
        failure.clientError = OpenAIErrorMapper::map(m_upstreamStatus, m_body).error;
        fail(failure);
        return;
    }
    if (m_translator && m_upstreamStreams) {
        if (!deliver(m_translator->finish()))
            return;
        if (m_translator->endedWithError()) {
            // The platform's error came mid-stream; the translator already ended the client's stream with it.
            AttemptFailure failure;
            failure.kind = AttemptFailure::Kind::MalformedResponse;
            failure.upstreamStatus = m_upstreamStatus;
            failure.afterOutput = true;
            failure.streamEndedByUpstream = true;
            failure.clientError
                = ApiError::api(QStringLiteral("%1 reported an error in the middle of its answer.").arg(platform), 502);
            fail(failure);
            return;
        }
        m_done = true;
        Q_EMIT completed(usageFrom(m_translator->usage()));
        return;
    }
    // A whole JSON answer (the client asked for no stream, or the platform did not stream).
    const AnthropicResponseConversion conversion = OpenAIToAnthropicResponse::convert(m_body, m_context);
    if (!conversion.ok()) {
        AttemptFailure failure;
        failure.kind = AttemptFailure::Kind::MalformedResponse;
        failure.upstreamStatus = m_upstreamStatus;
        failure.upstreamBody = m_body.left(4096);
        failure.clientError = *conversion.error;
        fail(failure);
        return;
    }
    if (m_stream) {
        // The client wanted a stream but the platform sent one body: replay the converted message as a stream.
        if (!emitEvents(AnthropicMessageEvents::fromMessage(conversion.message)))
            return;
        m_done = true;
        Q_EMIT completed(usageFrom(conversion.usage));
        return;
    }
    QPointer<OpenAIChatAttempt> self(this);
    Q_EMIT answerBody(QJsonDocument(conversion.message).toJson(QJsonDocument::Compact));
    if (!self)
        return;
    m_done = true;
    Q_EMIT completed(usageFrom(conversion.usage));
}

void OpenAIChatAttempt::onFailed(const UpstreamError &error)
{
    if (m_done)
        return;
    m_upstreamFinishedAtUs = SteadyClock::nowUs();
    AttemptFailure failure = AttemptFailure::fromTransport(error, displayName(m_target.platform));
    failure.upstreamStatus = m_upstreamStatus;
    failure.afterOutput = m_eventsEmitted > 0;
    if (failure.afterOutput && m_translator) {
        // The client already has part of the answer: close the open block properly, the error event last.
        failure.closingEvents = m_translator->abort(failure.clientError);
    }
    fail(failure);
}

void OpenAIChatAttempt::fail(AttemptFailure failure)
{
    if (m_done)
        return;
    m_done = true;
    qCDebug(lcProxy).noquote() << "attempt on" << m_target.reference() << "failed:" << failure.describe();
    Q_EMIT failed(failure);
}
