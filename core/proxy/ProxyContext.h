#pragma once

#include "config/Config.h"

#include <functional>
#include <memory>

class HealthRegistry;
class RecordSink;
class TurnTracker;
class UpstreamClient;

// What every call on the proxy thread shares: the upstream client, where records go, the health of every
// platform-model, smart routing's per-session turn memory, and the current configuration snapshot (immutable;
// read once per request).
struct ProxyContext
{
    UpstreamClient *upstream = nullptr;
    RecordSink *records = nullptr; // may be null: nothing is recorded
    HealthRegistry *health = nullptr; // may be null: every model is always available
    TurnTracker *turns = nullptr; // may be null: no smart routing classification
    std::function<std::shared_ptr<const Config>()> config;
};
