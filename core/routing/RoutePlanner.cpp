#include "routing/RoutePlanner.h"

WireProtocol RoutePlanner::protocolFor(PlatformType type)
{
    return PlatformPresets::forType(type).protocol;
}

RoutePlan RoutePlanner::plan(const Config &config, const Request &request)
{
    RoutePlan plan;
    plan.mode = config.routing.mode;

    // Pass-through to Anthropic-compatible platforms: the named ones in order, else every enabled one.
    // (The priority and smart-routing modes arrive with the routing work; until then they fall back to it.)
    QList<const PlatformConfig *> candidates;
    if (!config.routing.claudeCodePlatforms.isEmpty()) {
        for (const QString &id : config.routing.claudeCodePlatforms) {
            const PlatformConfig *platform = config.findPlatform(id);
            if (platform && platform->enabled && platform->type == PlatformType::Anthropic)
                candidates.append(platform);
        }
    } else {
        for (const PlatformConfig &platform : config.platforms) {
            if (platform.enabled && platform.type == PlatformType::Anthropic)
                candidates.append(&platform);
        }
    }
    if (candidates.isEmpty()) {
        plan.error = config.routing.claudeCodePlatforms.isEmpty()
            ? QStringLiteral("No enabled Anthropic-compatible platform is configured. Add one (type \"anthropic\") "
                             "to the configuration.")
            : QStringLiteral("None of the platforms in claude_code.platforms (%1) is enabled.")
                  .arg(config.routing.claudeCodePlatforms.join(QStringLiteral(", ")));
        return plan;
    }
    for (const PlatformConfig *platform : candidates) {
        RouteTarget target;
        target.platform = *platform;
        target.model = request.model;
        target.protocol = WireProtocol::AnthropicMessages;
        plan.attempts.append(target);
    }
    plan.reason = QStringLiteral("claude_code pass-through to %1").arg(candidates.first()->id);
    return plan;
}
