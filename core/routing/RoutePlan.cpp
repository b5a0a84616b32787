#include "routing/RoutePlan.h"

#include "protocol/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

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
    JsonWriter out;
    out.beginObject();
    writeMembers(out, routingModeId(mode));
    out.endObject();
    return out.take();
}

QJsonObject RoutePlan::toJsonObject() const
{
    return QJsonDocument::fromJson(toJson()).object();
}

void RoutePlan::writeMembers(JsonWriter &out, QStringView modeId) const
{
    out.field("mode"_L1, modeId).field("reason"_L1, reason);
    if (!attempts.isEmpty())
        out.field("rule"_L1, routeRuleId(rule));
    if (!scene.isEmpty())
        out.field("scene"_L1, scene);
    out.key("targets"_L1).beginArray();
    for (const RouteTarget &target : attempts) {
        out.beginObject()
            .field("platform"_L1, target.platform.id)
            .field("model"_L1, target.model)
            .field("protocol"_L1, wireProtocolId(target.protocol))
            .field("source"_L1, target.source)
            .endObject();
    }
    out.endArray();
    bool anySkipped = false;
    for (const RouteCandidate &candidate : candidates) {
        if (!candidate.isSkipped())
            continue;
        if (!anySkipped)
            out.key("skipped"_L1).beginArray();
        anySkipped = true;
        out.beginObject()
            .field("platform"_L1, candidate.platformId)
            .field("model"_L1, candidate.model)
            .field("source"_L1, candidate.source)
            .field("reason"_L1, candidate.skipReason)
            .endObject();
    }
    if (anySkipped)
        out.endArray();
    if (!error.isEmpty())
        out.field("error"_L1, error);
}
