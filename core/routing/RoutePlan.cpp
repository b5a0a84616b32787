#include "routing/RoutePlan.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

QString routeRuleId(RouteRule rule)
{
    switch (rule) {
    case RouteRule::Explicit:
        return QStringLiteral("explicit");
    case RouteRule::Tier:
        return QStringLiteral("tier");
    case RouteRule::Background:
        return QStringLiteral("background");
    case RouteRule::Think:
        return QStringLiteral("think");
    case RouteRule::LongContext:
        return QStringLiteral("long_context");
    case RouteRule::Image:
        return QStringLiteral("image");
    case RouteRule::ClaudeCodePlatforms:
        return QStringLiteral("claude_code");
    case RouteRule::PriorityList:
        return QStringLiteral("priority_list");
    case RouteRule::Scene:
        return QStringLiteral("scene");
    case RouteRule::DefaultScene:
        return QStringLiteral("default_scene");
    }
    return QString();
}

bool RouteCandidate::operator==(const RouteCandidate &other) const
{
    return platformId == other.platformId && model == other.model && rule == other.rule && source == other.source
        && skipReason == other.skipReason;
}

QByteArray RoutePlan::toJson() const
{
    return QJsonDocument(toJsonObject()).toJson(QJsonDocument::Compact);
}

QJsonObject RoutePlan::toJsonObject() const
{
    QJsonArray targets;
    for (const RouteTarget &target : attempts) {
        targets.append(QJsonObject {
            {QStringLiteral("platform"), target.platform.id},
            {QStringLiteral("model"), target.model},
            {QStringLiteral("protocol"), wireProtocolId(target.protocol)},
            {QStringLiteral("source"), target.source},
        });
    }
    QJsonObject object {
        {QStringLiteral("mode"), routingModeId(mode)},
        {QStringLiteral("reason"), reason},
        {QStringLiteral("targets"), targets},
    };
    if (!attempts.isEmpty())
        object.insert(QStringLiteral("rule"), routeRuleId(rule));
    if (!scene.isEmpty())
        object.insert(QStringLiteral("scene"), scene);
    QJsonArray skipped;
    for (const RouteCandidate &candidate : candidates) {
        if (!candidate.isSkipped())
            continue;
        skipped.append(QJsonObject {
            {QStringLiteral("platform"), candidate.platformId},
            {QStringLiteral("model"), candidate.model},
            {QStringLiteral("source"), candidate.source},
            {QStringLiteral("reason"), candidate.skipReason},
        });
    }
    if (!skipped.isEmpty())
        object.insert(QStringLiteral("skipped"), skipped);
    if (!error.isEmpty())
        object.insert(QStringLiteral("error"), error);
    return object;
}
