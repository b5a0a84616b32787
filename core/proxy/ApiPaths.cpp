#include "proxy/ApiPaths.h"

namespace ApiPaths {

Match match(const QString &rawPath)
{
    QString path = rawPath;
    while (path.size() > 1 && path.endsWith(QLatin1Char('/')))
        path.chop(1);

    static const QString seedPrefix = QStringLiteral("/api/v1/claude-code");
    if (path == seedPrefix + QStringLiteral("/messages"))
        path = QStringLiteral("/v1/messages");
    else if (path == seedPrefix + QStringLiteral("/messages/count_tokens"))
        path = QStringLiteral("/v1/messages/count_tokens");
    else if (path.startsWith(seedPrefix + QStringLiteral("/v1/")))
        path = path.mid(seedPrefix.size());

    Match match;
    match.canonicalPath = path;
    if (path == QLatin1String("/health"))
        match.endpoint = Endpoint::Health;
    else if (path == QLatin1String("/"))
        match.endpoint = Endpoint::Root;
    else if (path == QLatin1String("/v1/messages"))
        match.endpoint = Endpoint::Messages;
    else if (path == QLatin1String("/v1/messages/count_tokens"))
        match.endpoint = Endpoint::CountTokens;
    else if (path == QLatin1String("/v1/models"))
        match.endpoint = Endpoint::Models;
    else if (path == QLatin1String("/api/routing/explain"))
        match.endpoint = Endpoint::RoutingExplain;
    else if (path == QLatin1String("/api/routing/health"))
        match.endpoint = Endpoint::RoutingHealth;
    else if (path.startsWith(QLatin1String("/v1/models/")) && path.size() > int(qstrlen("/v1/models/"))) {
        match.endpoint = Endpoint::Model;
        match.modelId = path.mid(int(qstrlen("/v1/models/")));
    }
    return match;
}

QString endpointName(Endpoint endpoint)
{
    switch (endpoint) {
    case Endpoint::Health:
        return QStringLiteral("health");
    case Endpoint::Root:
        return QStringLiteral("root");
    case Endpoint::Messages:
        return QStringLiteral("messages");
    case Endpoint::CountTokens:
        return QStringLiteral("count_tokens");
    case Endpoint::Models:
        return QStringLiteral("models");
    case Endpoint::Model:
        return QStringLiteral("model");
    case Endpoint::RoutingExplain:
        return QStringLiteral("routing_explain");
    case Endpoint::RoutingHealth:
        return QStringLiteral("routing_health");
    case Endpoint::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

} // namespace ApiPaths
