#pragma once

#include <QtGlobal>

// Limits the front door enforces on every client connection (see docs/architecture.md).
struct ConnectionLimits
{
    qint64 maxRequestBodyBytes = 32LL * 1024 * 1024;
    int maxHeaderBytes = 64 * 1024;
    int maxConnections = 512;
    int keepAliveIdleMs = 120'000;
};
