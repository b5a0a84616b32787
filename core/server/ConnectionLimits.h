#pragma once

#include <QtGlobal>

// Limits the server enforces itself, because QHttpServer 6.4 does not (see docs/architecture.md).
struct ConnectionLimits
{
    qint64 maxRequestBodyBytes = 32LL * 1024 * 1024;
    int maxHeaderBytes = 64 * 1024;
    int maxConnections = 512;
    int keepAliveIdleMs = 120'000;
};
