#pragma once

#include "upstream/UpstreamProxyRules.h"
#include "upstream/UpstreamRequest.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QSslConfiguration>

class UpstreamConnection;
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

    // TLS settings for https origins (CA certificates, protocol); the default is the system's, with normal
    // certificate verification. Applies to connections opened afterwards.
    void setSslConfiguration(const QSslConfiguration &configuration);
    QSslConfiguration sslConfiguration() const { return m_sslConfiguration; }

    // Which requests go through a proxy (default: none). Applies to requests sent afterwards; pooled
    // connections made under other rules are closed.
    void setProxyRules(const UpstreamProxyRules &rules);
    const UpstreamProxyRules &proxyRules() const { return m_proxyRules; }

private:
    friend class UpstreamExchange;

    // A pooled connection for `poolKey` fit for reuse (most recently parked first), or null.
    UpstreamConnection *takeIdleConnection(const QString &poolKey);
    UpstreamConnection *openConnection(
        const QUrl &url, const QString &poolKey, const std::optional<UpstreamProxy> &proxy, QObject *owner);
    // The exchange is done with a connection that can carry another request.
    void recycleConnection(UpstreamConnection *connection);
    // The exchange closed a connection.
    void forgetConnection(UpstreamConnection *connection);
    void removeIdleConnection(UpstreamConnection *connection);
    void trimIdle(QList<UpstreamConnection *> &stack, int keep);

    QHash<QString, QList<UpstreamConnection *>> m_idle; // per pool key, the most recently parked last
    QSet<UpstreamConnection *> m_active;
    int m_idleCount = 0;
    int m_maxIdlePerOrigin = 64;
    int m_idleTimeoutMs = 30'000;
    qint64 m_connectionsOpened = 0;
    QSslConfiguration m_sslConfiguration;
    UpstreamProxyRules m_proxyRules;
};
