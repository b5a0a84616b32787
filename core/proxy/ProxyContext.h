#pragma once

#include "config/Config.h"

#include <functional>
#include <memory>

class RecordSink;
class UpstreamClient;

// What every call on the proxy thread shares: the upstream client, where records go, and the current
// configuration snapshot (immutable; read once per request).
struct ProxyContext
{
    UpstreamClient *upstream = nullptr;
    RecordSink *records = nullptr; // may be null: nothing is recorded
    std::function<std::shared_ptr<const Config>()> config;
};
