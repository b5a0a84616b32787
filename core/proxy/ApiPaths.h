#pragma once

#include <QString>

// The endpoints Claude Code talks to, under every prefix people already use:
//   /v1/...                          the Anthropic API paths
//   /api/v1/claude-code/v1/...       the seed project's base URL (ANTHROPIC_BASE_URL=.../api/v1/claude-code)
//   /api/v1/claude-code/messages     the seed project's short form
//   /api/routing/explain, /api/routing/health   Switchyard's own: a route without sending, the health table
namespace ApiPaths {

enum class Endpoint
{
    Unknown,
    Health,
    Root,
    Messages,
    CountTokens,
    Models,
    Model,
    RoutingExplain,
    RoutingHealth
};

struct Match
{
    Endpoint endpoint = Endpoint::Unknown;
    QString canonicalPath; // "/v1/messages", "/v1/models/<id>", ...
    QString modelId; // for Endpoint::Model
};

Match match(const QString &path);
QString endpointName(Endpoint endpoint);

} // namespace ApiPaths
