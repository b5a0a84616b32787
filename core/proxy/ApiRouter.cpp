#include "proxy/ApiRouter.h"

#include "BuildInfo.h"
#include "common/Logging.h"
#include "protocol/RequestBodyInspector.h"
#include "proxy/ApiPaths.h"
#include "proxy/ClientAuthenticator.h"
#include "proxy/ProxyCall.h"
#include "proxy/RequestId.h"
#include "routing/RequestFeatures.h"
#include "routing/RoutePlanner.h"
#include "server/ClientResponse.h"

#include <QJsonDocument>
#include <QJsonObject>

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
        const QJsonObject status{{QStringLiteral("status"), m_draining ? QStringLiteral("draining") : QStringLiteral("ok")},
                                 {QStringLiteral("name"), QStringLiteral(SWITCHYARD_APPLICATION_NAME)},
                                 {QStringLiteral("version"), QStringLiteral(SWITCHYARD_VERSION)},
                                 {QStringLiteral("mode"), routingModeId(config->routing.mode)}};
        response->sendJson(m_draining ? 503 : 200, QJsonDocument(status).toJson(QJsonDocument::Compact));
        return;
    }

    ProxyCall::Setup setup;
    setup.path = path;
    setup.requestId = newRequestId();
    setup.plan.mode = config->routing.mode;

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
    const bool wantsPost = path.endpoint == ApiPaths::Endpoint::Messages || path.endpoint == ApiPaths::Endpoint::CountTokens;
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

    if (wantsPost) {
        const RequestBodyInspection inspection = RequestBodyInspector::inspect(
            request.body, path.endpoint == ApiPaths::Endpoint::CountTokens
                ? RequestBodyInspector::Requirement::CountTokensRequest
                : RequestBodyInspector::Requirement::MessagesRequest);
        setup.requestedModel = inspection.model;
        setup.stream = inspection.stream;
        if (!inspection.valid) {
            startCall(setup)->reject(ApiError::invalidRequest(inspection.error));
            return;
        }
    } else if (path.endpoint == ApiPaths::Endpoint::Model) {
        setup.requestedModel = path.modelId;
    }

    RouteRequest routeRequest;
    routeRequest.endpoint = path.canonicalPath;
    routeRequest.model = setup.requestedModel;
    if (wantsPost && RoutePlanner::needsRequestFeatures(*config)) {
        // Tiers, rules and capability checks read the request: one parse of the (already validated) body.
        const RequestFeatures features = RequestFeatures::extract(QJsonDocument::fromJson(request.body).object(),
                                                                  QString::fromUtf8(request.header("x-claude-code-session-id")));
        routeRequest = features.toRouteRequest(path.canonicalPath, request.body.size());
    }
    setup.plan = RoutePlanner::plan(*config, routeRequest);
    startCall(std::move(setup))->start();
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
