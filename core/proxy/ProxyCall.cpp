#include "proxy/ProxyCall.h"

#include "common/Logging.h"
#include "common/SteadyClock.h"
#include "convert/TokenEstimator.h"
#include "platforms/ModelCapabilities.h"
#include "protocol/JsonWriter.h"
#include "protocol/ValidatedJsonReader.h"
#include "proxy/AnthropicPassThroughAttempt.h"
#include "proxy/OpenAIChatAttempt.h"
#include "routing/HealthRegistry.h"
#include "routing/RoutePlanner.h"
#include "routing/UpstreamFailureTable.h"
#include "server/ClientResponse.h"
#include "store/RecordSink.h"

#include <QJsonDocument>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

// Request headers worth keeping in the record (for people studying Claude Code's traffic). Secrets never.
const char *const kRecordedRequestHeaders[] = {
    "user-agent",
    "anthropic-version",
    "anthropic-beta",
    "x-app",
    "x-claude-code-session-id",
    "content-type",
    "x-stainless-package-version",
    "x-stainless-retry-count",
    "x-stainless-timeout",
};

FailedAttempt failedAttemptFrom(const AttemptFailure &failure, const RouteTarget &target)
{
    if (failure.kind == AttemptFailure::Kind::HttpStatus) {
        return FailedAttempt::fromHttp(target.platform.id, target.model, failure.upstreamStatus,
            failure.upstreamHeaders, failure.upstreamBody, failure.afterOutput);
    }
    if (failure.transportFailure != UpstreamFailure::None) {
        UpstreamError error;
        error.failure = failure.transportFailure;
        error.message = failure.clientError.message();
        error.responseStarted = failure.upstreamStatus != 0;
        return FailedAttempt::fromTransport(target.platform.id, target.model, error, failure.afterOutput);
    }
    FailedAttempt attempt = FailedAttempt::fromHttp(target.platform.id, target.model, failure.upstreamStatus,
        failure.upstreamHeaders, failure.upstreamBody, failure.afterOutput);
    attempt.malformedAnswer = true;
    return attempt;
}

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
    m_config = m_context.config();
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

const RouteTarget *ProxyCall::currentTarget() const
{
    if (m_step.isValid() && m_step.targetIndex < m_plan.attempts.size())
        return &m_plan.attempts.at(m_step.targetIndex);
    return nullptr;
}

void ProxyCall::start()
{
    const std::optional<TurnTracker::Decision> &turn = m_setup.turn;
    if (turn && turn->action == TurnTracker::Action::Classify && m_context.turns && m_config->routing.classifier.enabled
        && !m_config->routing.routingModels.isEmpty()) {
        classifyThenRoute();
        return;
    }
    if (turn && turn->action == TurnTracker::Action::Reuse)
        m_setup.routeRequest.scene = turn->scene;
    route();
}

void ProxyCall::classifyThenRoute()
{
    m_classifier = new SceneClassifier(m_context.upstream, m_config, m_setup.turn->text, this);
    connect(m_classifier, &SceneClassifier::finished, this, [this](const SceneClassification &result) {
        m_classification = result;
        m_classifier->deleteLater();
        m_classifier = nullptr;
        // Unrecognized, late or failed: no scene was chosen, the default scene answers (and the record says so),
        // for this request and the rest of its turn.
        const QString scene = result.recognized ? result.scene : QString();
        if (m_context.turns)
            m_context.turns->remember(*m_setup.turn, scene);
        m_setup.routeRequest.scene = scene;
        route();
    });
    m_classifier->start();
}

void ProxyCall::route()
{
    if (m_finished)
        return;
    m_plan = planRoute(*m_config, m_setup.routeRequest);
    if (answerLocally())
        return;
    if (!m_plan.isRoutable()) {
        // A configuration problem, not a transient one: tell the SDK not to retry.
        reject(ApiError::api(m_plan.error, 503), {{QByteArrayLiteral("x-should-retry"), QByteArrayLiteral("false")}});
        return;
    }
    m_sequence
        = std::make_unique<FallbackSequence>(m_plan, m_config->routing.fallback, m_context.health, m_setup.stream);
    runStep(m_sequence->first());
}

RoutePlan ProxyCall::planRoute(const Config &config, const RouteRequest &request)
{
    RoutePlanner::Options options;
    options.toolEmulationAvailable = true; // OpenAIChatAttempt describes the tools in the prompt (ToolEmulation)
    RoutePlan plan = RoutePlanner::plan(config, request, options);
    if (!plan.isRoutable() && request.hasImages) {
        // No model that sees images can answer. An image stays in a conversation's history, so refusing would
        // refuse every later request of the session (E9): models without vision answer instead, the images
        // replaced by a placeholder text (AnthropicToOpenAIRequest).
        RouteRequest textOnly = request;
        textOnly.hasImages = false;
        RoutePlan withPlaceholders = RoutePlanner::plan(config, textOnly, options);
        if (withPlaceholders.isRoutable()) {
            withPlaceholders.reason
                += QStringLiteral(" (no model with vision can answer: images replaced by a placeholder)");
            return withPlaceholders;
        }
    }
    return plan;
}

// count_tokens and the model list are answered by Switchyard itself unless an Anthropic-compatible platform
// is the one that would answer the request (then they are forwarded to it).
bool ProxyCall::answerLocally()
{
    const ApiPaths::Endpoint endpoint = m_setup.path.endpoint;
    const bool countTokens = endpoint == ApiPaths::Endpoint::CountTokens;
    const bool models = endpoint == ApiPaths::Endpoint::Models || endpoint == ApiPaths::Endpoint::Model;
    if (!countTokens && !models)
        return false;
    if (m_plan.isRoutable() && m_plan.attempts.first().protocol == WireProtocol::AnthropicMessages)
        return false;

    if (countTokens) {
        if (!m_plan.isRoutable())
            return false; // the client learns why nothing can answer
        if (m_setup.body.isEmpty())
            m_setup.body = ValidatedJsonReader::readObject(m_request.body);
        const int tokens = TokenEstimator::estimateRequest(m_setup.body);
        m_answeredLocally
            = QStringLiteral("count_tokens estimated locally for %1").arg(m_plan.attempts.first().reference());
        m_usage.inputTokens = tokens;
        sendLocalJson(
            QJsonDocument(QJsonObject {{QStringLiteral("input_tokens"), tokens}}).toJson(QJsonDocument::Compact));
        return true;
    }

    // The models Switchyard can route to, named "platform:model" (an explicit reference the planner honours).
    QJsonArray data;
    for (const PlatformConfig &platform : m_config->platforms) {
        if (!platform.enabled)
            continue;
        for (const ModelSettings &model : platform.models) {
            const ModelSettings capabilities = ModelCapabilities::resolve(platform, model.id);
            const QString platformName = platform.name.isEmpty() ? platform.id : platform.name;
            QJsonObject entry;
            entry.insert(QStringLiteral("type"), QStringLiteral("model"));
            entry.insert(QStringLiteral("id"), QString(platform.id + QLatin1Char(':') + model.id));
            entry.insert(QStringLiteral("display_name"),
                QString(model.id + QStringLiteral(" (") + platformName + QLatin1Char(')')));
            entry.insert(QStringLiteral("created_at"), QStringLiteral("1970-01-01T00:00:00Z"));
            entry.insert(QStringLiteral("max_input_tokens"), capabilities.contextWindow.value_or(0));
            entry.insert(QStringLiteral("max_tokens"), capabilities.maxOutputTokens.value_or(0));
            data.append(entry);
        }
    }
    m_answeredLocally = QStringLiteral("model list answered from the configuration");
    if (endpoint == ApiPaths::Endpoint::Model) {
        for (const QJsonValue &model : std::as_const(data)) {
            if (model.toObject().value(QStringLiteral("id")).toString() == m_setup.path.modelId) {
                sendLocalJson(QJsonDocument(model.toObject()).toJson(QJsonDocument::Compact));
                return true;
            }
        }
        reject(ApiError::notFound(QStringLiteral("model: %1").arg(m_setup.path.modelId)));
        return true;
    }
    const QJsonObject page {{QStringLiteral("data"), data}, {QStringLiteral("has_more"), false},
        {QStringLiteral("first_id"),
            data.isEmpty() ? QJsonValue() : data.first().toObject().value(QStringLiteral("id"))},
        {QStringLiteral("last_id"),
            data.isEmpty() ? QJsonValue() : data.last().toObject().value(QStringLiteral("id"))}};
    sendLocalJson(QJsonDocument(page).toJson(QJsonDocument::Compact));
    return true;
}

void ProxyCall::sendLocalJson(const QByteArray &json)
{
    m_response->sendJson(200, json, withRequestId({}));
    m_sentBody = json;
    finish();
}

void ProxyCall::runStep(const FallbackSequence::Step &step)
{
    if (!step.isValid()) {
        reject(ApiError::overloaded(QStringLiteral("Every configured model is resting after recent failures.")));
        return;
    }
    m_step = step;
    if (step.delayMs <= 0) {
        launch(step);
        return;
    }
    m_delay = new QTimer(this);
    m_delay->setSingleShot(true);
    connect(m_delay, &QTimer::timeout, this, [this, step] {
        m_delay->deleteLater();
        m_delay = nullptr;
        launch(step);
    });
    m_delay->start(step.delayMs);
}

UpstreamAttempt *ProxyCall::createAttempt(const RouteTarget &target, const UpstreamTimeouts &timeouts)
{
    if (target.protocol == WireProtocol::AnthropicMessages) {
        auto *attempt = new AnthropicPassThroughAttempt(
            m_context.upstream, target, m_request, m_setup.path.canonicalPath, timeouts, this);
        attempt->setClientRequest(m_setup.requestedModel, m_setup.body);
        return attempt;
    }
    if (m_setup.body.isEmpty())
        m_setup.body = ValidatedJsonReader::readObject(m_request.body);
    return new OpenAIChatAttempt(
        m_context.upstream, target, m_setup.body, m_request.body.size(), m_setup.stream, timeouts, this);
}

void ProxyCall::launch(const FallbackSequence::Step &step)
{
    if (m_finished)
        return;
    if (m_contentTimer)
        m_contentTimer->stop();
    const RouteTarget &target = m_plan.attempts.at(step.targetIndex);
    AttemptRecord record;
    record.platform = target.platform.id;
    record.model = target.model;
    record.protocol = wireProtocolId(target.protocol);
    record.retry = step.isRetry;
    record.forced = step.forced;
    record.startedAtUs = SteadyClock::nowUs();
    m_attempts.append(record);

    m_attempt = createAttempt(target, step.timeouts);
    connect(m_attempt, &UpstreamAttempt::answerStarted, this, &ProxyCall::onAnswerStarted);
    connect(m_attempt, &UpstreamAttempt::streamEvent, this, &ProxyCall::onStreamEvent);
    connect(m_attempt, &UpstreamAttempt::answerBody, this, &ProxyCall::onAnswerBody);
    connect(m_attempt, &UpstreamAttempt::completed, this, &ProxyCall::onCompleted);
    connect(m_attempt, &UpstreamAttempt::failed, this, &ProxyCall::onAttemptFailed);
    m_attempt->start();
}

void ProxyCall::closeAttempt(const QString &result, const QString &detail)
{
    if (m_attempts.isEmpty())
        return;
    AttemptRecord &record = m_attempts.last();
    record.durationUs = SteadyClock::nowUs() - record.startedAtUs;
    record.status = m_attempt ? m_attempt->upstreamStatus() : 0;
    record.result = result;
    record.detail = detail;
}

void ProxyCall::onAnswerStarted(int status, const HttpHeaderList &headers, bool)
{
    m_answerStatus = status;
    m_answerHeaders = withRequestId(headers);
    // A stream's head is not its answer yet: a platform may send it (and message_start, pings, keep-alive
    // comments) at once and then nothing for minutes. While another model could answer, the shortened
    // first-byte timeout also bounds the wait for the first content, which is what the client would see.
    const RouteTarget *target = currentTarget();
    const int firstByteMs = m_step.timeouts.firstByteMs;
    if (!m_setup.stream || !target || firstByteMs <= 0 || firstByteMs >= target->platform.timeouts.firstByteMs)
        return;
    if (!m_contentTimer) {
        m_contentTimer = new QTimer(this);
        m_contentTimer->setSingleShot(true);
        connect(m_contentTimer, &QTimer::timeout, this, &ProxyCall::onNoContentInTime);
    }
    m_contentTimer->start(firstByteMs);
}

void ProxyCall::onNoContentInTime()
{
    const RouteTarget *target = currentTarget();
    if (m_finished || !m_attempt || !target || m_response->hasStarted())
        return;
    m_attempt->cancel();
    AttemptFailure failure;
    failure.kind = AttemptFailure::Kind::Transport;
    failure.transportFailure = UpstreamFailure::FirstByteTimeout;
    failure.upstreamStatus = m_attempt->upstreamStatus();
    const QString message = QStringLiteral("%1 started a stream but sent no content within %2 ms.")
                                .arg(target->platform.id)
                                .arg(m_step.timeouts.firstByteMs);
    failure.clientError = ApiError(ApiError::Type::Timeout, message, 504);
    onAttemptFailed(failure);
}

void ProxyCall::onStreamEvent(const QByteArray &event)
{
    if (m_finished)
        return;
    if (m_contentTimer)
        m_contentTimer->stop();
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
    closeAttempt(QStringLiteral("ok"), QString());
    if (const RouteTarget *target = currentTarget(); target && m_context.health)
        m_context.health->recordSuccess(target->platform.id, target->model);
    if (m_response->isStreaming())
        m_response->endStream();
    else if (!m_response->hasStarted())
        m_response->send(m_answerStatus, m_answerHeaders, QByteArray()); // an answer without a body
    finish();
}

void ProxyCall::onAttemptFailed(const AttemptFailure &failure)
{
    if (m_finished)
        return;
    if (m_contentTimer)
        m_contentTimer->stop();
    const RouteTarget *target = currentTarget();
    if (failure.kind == AttemptFailure::Kind::Cancelled || !target) {
        closeAttempt(QStringLiteral("cancelled"), failure.clientError.message());
        if (target && m_context.health)
            m_context.health->recordNeutral(target->platform.id, target->model);
        m_failed = true;
        m_error = failure.clientError;
        finish();
        return;
    }
    const FailureDecision decision
        = UpstreamFailureTable::classify(failedAttemptFrom(failure, *target), QDateTime::currentDateTimeUtc());
    closeAttempt(failureClassId(decision.failureClass),
        decision.detail.isEmpty() ? failure.clientError.message() : decision.detail);
    if (m_context.health)
        m_context.health->recordFailure(target->platform.id, target->model, decision);
    m_attempt->deleteLater();
    m_attempt = nullptr;
    qCInfo(lcProxy).noquote() << m_setup.requestId << target->reference()
                              << "failed:" << failureClassId(decision.failureClass) << m_attempts.last().detail;

    if (failure.afterOutput || m_response->hasStarted()) {
        endStreamAfterFailure(failure, decision);
        finish();
        return;
    }
    const FallbackSequence::Step next = m_sequence->next(decision);
    if (next.isValid()) {
        const RouteTarget &nextTarget = m_plan.attempts.at(next.targetIndex);
        qCInfo(lcRoute).noquote() << m_setup.requestId << (next.isRetry ? "retrying" : "falling back to")
                                  << nextTarget.reference()
                                  << (next.delayMs > 0 ? QStringLiteral("in %1 ms").arg(next.delayMs) : QString());
        runStep(next);
        return;
    }
    answerWithFailure(failure, decision);
    finish();
}

void ProxyCall::answerWithFailure(const AttemptFailure &failure, const FailureDecision &decision)
{
    m_failed = true;
    const bool accountProblem
        = decision.failureClass == FailureClass::BadKey || decision.failureClass == FailureClass::NoCredit;
    if (failure.kind == AttemptFailure::Kind::HttpStatus && failure.upstreamBodyIsAnthropicError && !accountProblem) {
        // The platform already speaks the client's error format and the problem is the client's to see:
        // relay status and body as they are. The body is a JSON envelope whatever the platform labelled it (an
        // error event that ended its stream before any content comes with the stream's text/event-stream).
        HttpHeaderList headers;
        for (const auto &header : AnthropicPassThroughAttempt::relayedResponseHeaders(failure.upstreamHeaders)) {
            if (header.first != "content-type")
                headers.append(header);
        }
        headers.prepend({QByteArrayLiteral("content-type"), QByteArrayLiteral("application/json")});
        m_response->send(failure.upstreamStatus, withRequestId(headers), failure.upstreamBody);
        m_sentBody = failure.upstreamBody;
        m_error = decision.clientError;
        return;
    }
    HttpHeaderList extra {{QByteArrayLiteral("x-should-retry"),
        decision.clientShouldRetry ? QByteArrayLiteral("true") : QByteArrayLiteral("false")}};
    if (decision.retryAfterMs)
        extra.append({QByteArrayLiteral("retry-after"), QByteArray::number((*decision.retryAfterMs + 999) / 1000)});
    m_error = decision.clientError;
    if (decision.failureClass == FailureClass::ContextOverflow
        && failure.clientError.message().startsWith(QLatin1String("prompt is too long: "))) {
        // A converting attempt read the token counts out of the platform's own wording (OpenAIErrorMapper):
        // "prompt is too long: N tokens > M maximum", which Claude Code reads to compact the conversation.
        m_error
            = ApiError(decision.clientError.type(), failure.clientError.message(), decision.clientError.httpStatus());
    }
    sendError(m_error, extra);
}

void ProxyCall::endStreamAfterFailure(const AttemptFailure &failure, const FailureDecision &decision)
{
    m_failed = true;
    m_error = decision.clientError;
    if (!m_response->hasStarted()) {
        answerWithFailure(failure, decision);
        return;
    }
    if (!failure.streamEndedByUpstream) {
        // After the first byte an HTTP status can no longer change: a well-formed error event ends the stream.
        const QByteArray closing
            = failure.closingEvents.isEmpty() ? decision.clientError.toSseEvent() : failure.closingEvents;
        m_response->writeChunk(closing);
        m_sentBody += closing;
    }
    m_response->endStream();
}

void ProxyCall::onClientDisconnected()
{
    if (m_finished)
        return;
    m_clientCancelled = true;
    cancelWork(QStringLiteral("the client disconnected"));
    qCInfo(lcProxy).noquote() << m_setup.requestId << "client disconnected; upstream request cancelled";
    finish();
}

// Stops whatever is in progress (classification, a fallback's delay, the attempt); the attempt counts for
// nothing in the platform's health: it was not the platform's fault.
void ProxyCall::cancelWork(const QString &reason)
{
    // The current target was taken from the health registry (tryBeginAttempt) when its attempt started or when
    // its back-off delay began: either way it is handed back without a verdict.
    const bool holdsTarget = m_attempt || (m_delay && m_delay->isActive());
    if (m_classifier)
        m_classifier->cancel();
    if (m_delay)
        m_delay->stop();
    if (m_contentTimer)
        m_contentTimer->stop();
    if (m_attempt) {
        m_attempt->cancel();
        closeAttempt(QStringLiteral("cancelled"), reason);
    }
    if (const RouteTarget *target = currentTarget(); holdsTarget && target && m_context.health)
        m_context.health->recordNeutral(target->platform.id, target->model);
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
    cancelWork(error.message());
    m_failed = true;
    m_error = error;
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

QByteArray ProxyCall::routeJson() const
{
    JsonWriter out(512);
    out.beginObject();
    // A call answered before any route was planned records the configured mode.
    m_plan.writeMembers(out, routingModeId(m_plan.attempts.isEmpty() ? m_config->routing.mode : m_plan.mode));
    out.key("attempts"_L1).beginArray();
    for (const AttemptRecord &attempt : m_attempts) {
        out.beginObject()
            .field("platform"_L1, attempt.platform)
            .field("model"_L1, attempt.model)
            .field("protocol"_L1, attempt.protocol)
            .field("status"_L1, attempt.status)
            .field("duration_ms"_L1, double(attempt.durationUs) / 1000.0)
            .field("result"_L1, attempt.result);
        if (!attempt.detail.isEmpty())
            out.field("detail"_L1, attempt.detail);
        if (attempt.retry)
            out.field("retry"_L1, true);
        if (attempt.forced)
            out.field("forced"_L1, true);
        out.endObject();
    }
    out.endArray();
    if (m_classification)
        out.field("classifier"_L1, QJsonValue(m_classification->toJson()));
    else if (m_setup.turn && m_setup.turn->action == TurnTracker::Action::Reuse)
        out.field("turn"_L1, "scene kept from this turn's classification"_L1);
    if (m_sequence && !m_sequence->passedOver().isEmpty())
        out.field("passed_over"_L1, QJsonValue(QJsonArray::fromStringList(m_sequence->passedOver())));
    if (!m_answeredLocally.isEmpty())
        out.field("answered_locally"_L1, m_answeredLocally);
    out.endObject();
    return out.take();
}

CallRecord ProxyCall::buildRecord() const
{
    CallRecord record;
    record.requestId = m_setup.requestId;
    record.startedAt = m_startedAt;
    record.clientKeyId = m_setup.clientKeyId;
    record.method = QString::fromLatin1(m_request.method);
    record.endpoint = m_setup.path.canonicalPath;
    record.sessionId = m_setup.routeRequest.sessionId.isEmpty()
        ? QString::fromUtf8(m_request.header("x-claude-code-session-id"))
        : m_setup.routeRequest.sessionId;
    record.routingMode = routingModeId(m_config->routing.mode);
    record.routeJson = QString::fromUtf8(routeJson());
    if (const RouteTarget *target = currentTarget()) {
        record.platformId = target->platform.id;
        record.upstreamModel = target->model;
    }
    record.requestedModel = m_setup.requestedModel;
    record.stream = m_setup.stream;
    record.status = m_response->status();
    const qint64 now = SteadyClock::nowUs();
    record.durationUs = now - m_request.receivedAtUs;
    if (m_response->firstByteAtUs() >= 0)
        record.firstByteUs = m_response->firstByteAtUs() - m_request.receivedAtUs;
    if (!m_attempts.isEmpty()) {
        record.upstreamStatus = m_attempts.last().status;
        record.upstreamDurationUs = m_attempts.last().durationUs;
    }
    record.usage = m_usage;
    JsonWriter headers;
    headers.beginObject();
    for (const char *name : kRecordedRequestHeaders) {
        const QByteArray value = m_request.header(name);
        if (!value.isEmpty())
            headers.field(QLatin1StringView(name), QString::fromUtf8(value));
    }
    record.requestHeadersJson = headers.endObject().take();
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
    if (m_contentTimer)
        m_contentTimer->stop();
    if (m_context.records)
        m_context.records->submit(buildRecord());
    Q_EMIT finished(this);
    deleteLater();
}
