#pragma once

#include "config/Config.h"

#include <QHostAddress>
#include <QObject>
#include <QTimer>
#include <functional>
#include <memory>

class ApiRouter;
class HealthRegistry;
class ProxyHttpServer;
class TurnTracker;
struct HealthState;
class RecordSink;
class UpstreamClient;

// Everything that serves requests, living on the proxy thread: the HTTP server, the API router and the
// upstream client. Created and destroyed by ProxyRuntime; its methods run on the proxy thread.
class ProxyService : public QObject
{
    Q_OBJECT
public:
    using ConfigSource = std::function<std::shared_ptr<const Config>()>;

    ProxyService(ConfigSource config, RecordSink *records);
    ~ProxyService() override;

    // Builds the server objects on the calling (proxy) thread (the first time) and starts listening.
    // Called again after stopListening() it listens anew, possibly elsewhere; connections and calls
    // already open continue.
    bool listen(const QHostAddress &address, quint16 port, QString *error);
    // Stops accepting new connections; open connections and running calls continue.
    void stopListening();
    bool isListening() const;
    quint16 port() const;
    int activeCallCount() const;

    // The configuration changed: platforms whose settings changed start with fresh health, and the upstream
    // proxy settings (and the environment they may name) are read again.
    void applyConfig();
    QList<HealthState> healthSnapshot() const;

    // Stops accepting, lets calls in progress finish for up to graceMs, then ends the rest with an error.
    // Emits shutdownComplete() when no call is left.
    void beginShutdown(int graceMs);

Q_SIGNALS:
    void activeCallCountChanged(int count);
    // The health of some platform-model changed (read healthSnapshot(), or take the list).
    void healthChanged(const QList<HealthState> &health);
    void shutdownComplete();

private:
    void checkShutdownDone();
    void applyProxyRules(const Config &config);

    ConfigSource m_config;
    RecordSink *m_records;
    std::unique_ptr<UpstreamClient> m_upstream;
    std::unique_ptr<HealthRegistry> m_health;
    std::unique_ptr<TurnTracker> m_turns;
    std::unique_ptr<ApiRouter> m_router;
    std::unique_ptr<ProxyHttpServer> m_server;
    QTimer *m_graceTimer = nullptr;
    bool m_shuttingDown = false;
};
