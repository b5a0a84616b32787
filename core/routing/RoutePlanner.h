#pragma once

#include "routing/RoutePlan.h"

// Decides where a request goes from the configuration snapshot and what the client asked for. Pure: no
// network, no clock, no state — the same inputs give the same plan.
class RoutePlanner
{
public:
    struct Request
    {
        QString endpoint; // "/v1/messages", "/v1/messages/count_tokens", "/v1/models"
        QString model; // as the client sent it (empty for /v1/models)
    };

    static RoutePlan plan(const Config &config, const Request &request);

    static WireProtocol protocolFor(PlatformType type);
};
