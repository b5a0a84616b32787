#include "proxy/ApiRouter.h"

#include "BuildInfo.h"
#include "common/Logging.h"
#include "protocol/RequestBodyInspector.h"
#include "protocol/ValidatedJsonReader.h"
#include "proxy/ApiPaths.h"
#include "proxy/ClientAuthenticator.h"
#include "proxy/ProxyCall.h"
#include "proxy/RequestId.h"
#include "routing/HealthRegistry.h"
#include "routing/RequestFeatures.h"
#include "routing/RoutePlanner.h"
#include "routing/TurnTracker.h"
#include "server/ClientResponse.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

bool endpointTakesPost(ApiPaths::Endpoint endpoint)
{
    return endpoint == ApiPaths::Endpoint::Messages || endpoint == ApiPaths::Endpoint::CountTokens
        || endpoint == ApiPaths::Endpoint::RoutingExplain;
}

QJsonObject healthJson(const HealthState &state)
{
    QJsonObject object {{QStringLiteral("platform"), state.platformId},
        {QStringLiteral("status"), healthStatusId(state.status)},
        {QStringLiteral("recent_requests"), state.recentOutcomes},
        {QStringLiteral("recent_failures"), state.recentFailures},
        {QStringLiteral("available_in_ms"), state.availableInMs}};
    if (!state.model.isEmpty())
        object.insert(QStringLiteral("model"), state.model);
    if (state.hasLastFailure) {
        object.insert(QStringLiteral("last_failure"), failureClassId(state.lastFailure));
        object.insert(QStringLiteral("last_message"), state.lastMessage);
    }
    return object;
}

} // namespace

ApiRouter::ApiRouter(ProxyContext context, QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
{
}

ApiRouter::~ApiRouter()
{
    // Calls are children of this object; their responses close their connections as they go.
    for (ProxyCall *call : std::as_const(m_activeCalls))
        call->disconnect(this);
}

void ApiRouter::handle(IncomingRequest request, std::unique_ptr<ClientResponse> response)
{
    const std::shared_ptr<const Config> config = m_context.config();
    const ApiPaths::Match path = ApiPaths::match(request.path);

    if (path.endpoint == ApiPaths::Endpoint::Health || path.endpoint == ApiPaths::Endpoint::Root) {
        const QJsonObject status {
            {QStringLiteral("status"), m_draining ? QStringLiteral("draining") : QStringLiteral("ok")},
            {QStringLiteral("name"), QStringLiteral(SWITCHYARD_APPLICATION_NAME)},
            {QStringLiteral("version"), QStringLiteral(SWITCHYARD_VERSION)},
            {QStringLiteral("mode"), routingModeId(config->routing.mode)}};
        response->sendJson(m_draining ? 503 : 200, QJsonDocument(status).toJson(QJsonDocument::Compact));
        return;
    }

    ProxyCall::Setup setup;
    setup.path = path;
    setup.requestId = newRequestId();

    auto startCall = [&](ProxyCall::Setup callSetup) {
        auto *call = new ProxyCall(m_context, std::move(request), std::move(response), std::move(callSetup), this);
        m_activeCalls.insert(call);
        connect(call, &ProxyCall::finished, this, &ApiRouter::onCallFinished);
        Q_EMIT activeCallCountChanged(activeCallCount());
        return call;
    };

    if (path.endpoint == ApiPaths::Endpoint::Unknown) {
        startCall(setup)->reject(ApiError::notFound(QStringLiteral("Not found: %1").arg(request.path)));
        return;
    }
    const bool isPost = request.method == "POST";
    const bool wantsPost = endpointTakesPost(path.endpoint);
    if (wantsPost != isPost || (!isPost && request.method != "GET")) {
        startCall(setup)->reject(ApiError(ApiError::Type::InvalidRequest,
            QStringLiteral("Method %1 is not allowed on %2.")
                .arg(QString::fromLatin1(request.method), path.canonicalPath),
            405));
        return;
    }
    if (m_draining) {
        startCall(setup)->reject(ApiError::overloaded(QStringLiteral("Switchyard is shutting down.")));
        return;
    }

    const ClientAuthenticator::Result auth = ClientAuthenticator::authenticate(request, *config);
    if (!auth.accepted) {
        startCall(setup)->reject(auth.error);
        return;
    }
    setup.clientKeyId = auth.clientKeyId;

    if (path.endpoint == ApiPaths::Endpoint::RoutingHealth) {
        QJsonArray states;
        if (m_context.health) {
            for (const HealthState &state : m_context.health->snapshot())
                states.append(healthJson(state));
        }
        response->sendJson(
            200, QJsonDocument(QJsonObject {{QStringLiteral("health"), states}}).toJson(QJsonDocument::Compact));
        return;
    }

    if (wantsPost) {
        const RequestBodyInspection inspection = RequestBodyInspector::inspect(request.body,
            path.endpoint == ApiPaths::Endpoint::Messages ? RequestBodyInspector::Requirement::MessagesRequest
                                                          : RequestBodyInspector::Requirement::CountTokensRequest);
        setup.requestedModel = inspection.model;
        setup.stream = inspection.stream;
        if (!inspection.valid) {
            startCall(setup)->reject(ApiError::invalidRequest(inspection.error));
            return;
        }
    } else if (path.endpoint == ApiPaths::Endpoint::Model) {
        setup.requestedModel = path.modelId;
    }

    const QString routedEndpoint
        = path.endpoint == ApiPaths::Endpoint::RoutingExplain ? QStringLiteral("/v1/messages") : path.canonicalPath;
    setup.routeRequest.endpoint = routedEndpoint;
    setup.routeRequest.model = setup.requestedModel;
    setup.routeRequest.sessionId = QString::fromUtf8(request.header("x-claude-code-session-id"));
    std::optional<RequestFeatures> features;
    if (wantsPost && RoutePlanner::needsRequestFeatures(*config)) {
        // Tiers, rules, capability checks and conversion read the request: one parse of the validated body.
        setup.body = ValidatedJsonReader::readObject(request.body);
        features = RequestFeatures::extract(setup.body, setup.routeRequest.sessionId);
        setup.routeRequest = features->toRouteRequest(routedEndpoint, request.body.size());
    }
    if (features && config->routing.mode == RoutingMode::SmartRouting && m_context.turns) {
        m_context.turns->followScenes(config->routing);
        setup.turn = m_context.turns->decide(routedEndpoint, *features);
    }

    if (path.endpoint == ApiPaths::Endpoint::RoutingExplain) {
        explain(setup, *config, std::move(response));
        return;
    }
    startCall(std::move(setup))->start();
}

// What a request would be routed to, without sending it (and without classifying it: a turn that needs a
// classification is shown with the default scene and says so).
void ApiRouter::explain(ProxyCall::Setup &setup, const Config &config, std::unique_ptr<ClientResponse> response)
{
    QJsonObject turn;
    if (setup.turn) {
        switch (setup.turn->action) {
        case TurnTracker::Action::Classify:
            turn.insert(QStringLiteral("action"), QStringLiteral("classify"));
            turn.insert(QStringLiteral("text"), setup.turn->text);
            break;
        case TurnTracker::Action::Reuse:
            turn.insert(QStringLiteral("action"), QStringLiteral("reuse"));
            setup.routeRequest.scene = setup.turn->scene;
            break;
        case TurnTracker::Action::UseDefault:
            turn.insert(QStringLiteral("action"), QStringLiteral("default"));
            break;
        }
    }
    const RoutePlan plan = ProxyCall::planRoute(config, setup.routeRequest);
    QJsonObject planJson = plan.toJsonObject();
    if (m_context.health) {
        QJsonArray targets = planJson.value(QStringLiteral("targets")).toArray();
        for (qsizetype i = 0; i < targets.size() && i < plan.attempts.size(); ++i) {
            const HealthRegistry::Availability availability
                = m_context.health->availability(plan.attempts.at(i).platform.id, plan.attempts.at(i).model);
            QJsonObject target = targets.at(i).toObject();
            target.insert(QStringLiteral("health"), healthStatusId(availability.status));
            if (!availability.available)
                target.insert(QStringLiteral("unavailable"), availability.reason);
            targets[i] = target;
        }
        planJson.insert(QStringLiteral("targets"), targets);
    }
    QJsonObject request {{QStringLiteral("model"), setup.routeRequest.model},
        {QStringLiteral("tools"), setup.routeRequest.hasTools},
        {QStringLiteral("thinking"), setup.routeRequest.hasThinking},
        {QStringLiteral("images"), setup.routeRequest.hasImages},
        {QStringLiteral("estimated_input_tokens"), setup.routeRequest.estimatedInputTokens},
        {QStringLiteral("background"), setup.routeRequest.isBackground()},
        {QStringLiteral("human_turn"), setup.routeRequest.isHumanTurn}};
    QJsonObject answer {{QStringLiteral("request"), request}, {QStringLiteral("plan"), planJson}};
    if (!turn.isEmpty())
        answer.insert(QStringLiteral("turn"), turn);
    response->sendJson(200, QJsonDocument(answer).toJson(QJsonDocument::Compact));
}

void ApiRouter::abandonAll(const QString &reason)
{
    const auto calls = m_activeCalls;
    for (ProxyCall *call : calls)
        call->abandon(ApiError::overloaded(reason));
}

void ApiRouter::onCallFinished(ProxyCall *call)
{
    m_activeCalls.remove(call);
    Q_EMIT activeCallCountChanged(activeCallCount());
}
