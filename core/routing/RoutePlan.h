#pragma once

#include "config/Config.h"
#include "platforms/PlatformPreset.h"

#include <QJsonObject>
#include <QList>
#include <QString>

class JsonWriter;

// Which rule put a candidate into a route (docs/configuration.md, "How a request is routed", in this order).
enum class RouteRule
{
    Explicit, // the client asked for "platform:model"
    Tier, // tiers.haiku / .sonnet / .opus
    Background, // rules.background
    Think, // rules.think
    LongContext, // rules.long_context
    Image, // rules.image
    ClaudeCodePlatforms, // claude_code mode: claude_code.platforms (or every enabled anthropic platform)
    PriorityList, // global_direct: model_priority_list
    Scene, // smart_routing: the scene the classifier chose
    DefaultScene, // smart_routing: the default scene
};

QString routeRuleId(RouteRule rule); // "explicit", "tier", "background", "think", "long_context", "image",
                                     // "claude_code", "priority_list", "scene", "default_scene"

// One place a request may be sent: a platform (its resolved configuration, secrets expanded) and a model.
struct RouteTarget
{
    PlatformConfig platform;
    QString model; // the model name sent upstream
    WireProtocol protocol = WireProtocol::AnthropicMessages;
    RouteRule rule = RouteRule::ClaudeCodePlatforms; // why it is in the plan
    QString source; // where in the configuration it came from, e.g. "tiers.opus[1]"

    QString reference() const { return platform.id + QLatin1Char(':') + model; } // "platform:model"
};

// Every candidate the planner considered, in order: an attempt, or why it was left out.
struct RouteCandidate
{
    QString platformId;
    QString model;
    RouteRule rule = RouteRule::ClaudeCodePlatforms;
    QString source;
    QString skipReason; // empty: it is one of the plan's attempts

    bool isSkipped() const { return !skipReason.isEmpty(); }
    bool operator==(const RouteCandidate &other) const;
};

// What the planner decided for one request: a value that can be logged, recorded, shown and tested without
// a network. `attempts` are tried in order until one answers (fault tolerance walks down the list).
struct RoutePlan
{
    RoutingMode mode = RoutingMode::ClaudeCode;
    QString reason; // why these targets, in words a person reads in the record viewer
    RouteRule rule = RouteRule::ClaudeCodePlatforms; // the rule of the first attempt
    QString scene; // smart_routing: the scene whose models form the mode's chain
    QList<RouteTarget> attempts;
    QList<RouteCandidate> candidates; // attempts and skipped candidates, in the order considered
    QString error; // when no target can serve the request: what the user must fix

    bool isRoutable() const { return !attempts.isEmpty(); }
    QByteArray toJson() const; // compact JSON for the record (no secrets)
    QJsonObject toJsonObject() const;
    // The members of toJson() without the braces, so that a record can add its own to the same object;
    // `modeId` is written as "mode".
    void writeMembers(JsonWriter &out, QStringView modeId) const;
};
