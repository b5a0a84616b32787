#pragma once

#include "upstream/UpstreamRequest.h"

#include <QObject>

class UpstreamExchange;

// A small HTTP/1.1 client for talking to model platforms, built on QTcpSocket / QSslSocket instead of
// QNetworkAccessManager (see docs/architecture.md): TCP_NODELAY on every connection, a keep-alive pool per
// origin without a per-host connection cap, responses streamed as they arrive, first-byte / idle / total
// timers per request. Lives on one thread (the proxy thread); not thread-safe.
class UpstreamClient : public QObject
{
    Q_OBJECT
public:
    explicit UpstreamClient(QObject *parent = nullptr);
    ~UpstreamClient() override;

    // Starts the request at once. The exchange is parented to `parent` (or to the client if null).
    UpstreamExchange *send(UpstreamRequest request, QObject *parent = nullptr);

    // Idle keep-alive connections kept per origin, and how long one may stay idle before it is closed.
    void setMaxIdleConnectionsPerOrigin(int count);
    void setIdleConnectionTimeoutMs(int ms);

    int activeConnectionCount() const; // connections carrying a request now
    int idleConnectionCount() const; // pooled connections waiting for reuse
    qint64 connectionsOpened() const; // connections opened since creation (to measure reuse)

    // Closes every pooled connection (active exchanges are not affected).
    void closeIdleConnections();
};
