#pragma once

#include "config/Config.h"
#include "platforms/PlatformPreset.h"

#include <QList>
#include <QString>

// One place a request may be sent: a platform (its resolved configuration, secrets expanded) and a model.
struct RouteTarget
{
    PlatformConfig platform;
    QString model; // the model name sent upstream
    WireProtocol protocol = WireProtocol::AnthropicMessages;
};

// What the planner decided for one request: a value that can be logged, recorded, shown and tested without
// a network. `attempts` are tried in order until one answers (fault tolerance walks down the list).
struct RoutePlan
{
    RoutingMode mode = RoutingMode::ClaudeCode;
    QString reason; // why these targets, in words a person reads in the record viewer
    QList<RouteTarget> attempts;
    QString error; // when no target can serve the request: what the user must fix

    bool isRoutable() const { return !attempts.isEmpty(); }
    QByteArray toJson() const; // compact JSON for the record (no secrets)
};
