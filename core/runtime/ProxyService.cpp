#include "runtime/ProxyService.h"

#include "common/Logging.h"
#include "proxy/ApiRouter.h"
#include "routing/HealthRegistry.h"
#include "routing/TurnTracker.h"
#include "server/ProxyHttpServer.h"
#include "upstream/UpstreamClient.h"

#include <QProcessEnvironment>

ProxyService::ProxyService(ConfigSource config, RecordSink *records)
    : m_config(std::move(config))
    , m_records(records)
{
}

ProxyService::~ProxyService()
{
    // The server first (no new requests), then the calls, then the upstream connections they used.
    m_server.reset();
    m_router.reset();
    m_turns.reset();
    m_health.reset();
    m_upstream.reset();
}

bool ProxyService::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (m_server) {
        m_server->stopListening();
        return m_server->listen(address, port, error);
    }
    m_upstream = std::make_unique<UpstreamClient>();
    applyProxyRules(*m_config());
    m_health = std::make_unique<HealthRegistry>();
    m_health->applyConfig(*m_config());
    connect(
        m_health.get(), &HealthRegistry::healthChanged, this, [this] { Q_EMIT healthChanged(m_health->snapshot()); });
    m_turns = std::make_unique<TurnTracker>();
    ProxyContext context;
    context.upstream = m_upstream.get();
    context.health = m_health.get();
    context.turns = m_turns.get();
    context.records = m_records;
    context.config = m_config;
    m_router = std::make_unique<ApiRouter>(context);
    connect(m_router.get(), &ApiRouter::activeCallCountChanged, this, &ProxyService::activeCallCountChanged);
    connect(m_router.get(), &ApiRouter::activeCallCountChanged, this, &ProxyService::checkShutdownDone);

    m_server = std::make_unique<ProxyHttpServer>(m_router.get());
    m_server->setLimitsProvider([config = m_config] {
        const std::shared_ptr<const Config> snapshot = config();
        ConnectionLimits limits;
        limits.maxRequestBodyBytes = snapshot->limits.maxRequestBodyBytes;
        limits.maxConnections = snapshot->limits.maxConnections;
        limits.keepAliveIdleMs = snapshot->limits.keepAliveIdleSeconds * 1000;
        return limits;
    });
    return m_server->listen(address, port, error);
}

void ProxyService::applyConfig()
{
    const std::shared_ptr<const Config> config = m_config();
    if (m_upstream)
        applyProxyRules(*config);
    if (m_health)
        m_health->applyConfig(*config);
}

void ProxyService::applyProxyRules(const Config &config)
{
    QStringList warnings;
    m_upstream->setProxyRules(
        UpstreamProxyRules::forSettings(config.upstreamProxy, QProcessEnvironment::systemEnvironment(), &warnings));
    for (const QString &warning : std::as_const(warnings))
        qCWarning(lcRuntime).noquote() << warning;
}

QList<HealthState> ProxyService::healthSnapshot() const
{
    return m_health ? m_health->snapshot() : QList<HealthState>();
}

void ProxyService::stopListening()
{
    if (m_server)
        m_server->stopListening();
}

bool ProxyService::isListening() const
{
    return m_server && m_server->isListening();
}

quint16 ProxyService::port() const
{
    return m_server ? m_server->port() : 0;
}

int ProxyService::activeCallCount() const
{
    return m_router ? m_router->activeCallCount() : 0;
}

void ProxyService::beginShutdown(int graceMs)
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    if (m_server) {
        m_server->stopListening();
        m_server->closeIdleConnections();
    }
    if (m_router)
        m_router->setDraining(true);
    const int active = activeCallCount();
    if (active > 0)
        qCInfo(lcRuntime) << "waiting up to" << graceMs / 1000.0 << "s for" << active << "call(s) to finish";
    m_graceTimer = new QTimer(this);
    m_graceTimer->setSingleShot(true);
    connect(m_graceTimer, &QTimer::timeout, this, [this] {
        if (activeCallCount() > 0) {
            qCWarning(lcRuntime) << "grace period over; ending" << activeCallCount() << "call(s)";
            m_router->abandonAll(QStringLiteral("Switchyard is shutting down."));
        }
        checkShutdownDone();
    });
    m_graceTimer->start(graceMs);
    checkShutdownDone();
}

void ProxyService::checkShutdownDone()
{
    if (!m_shuttingDown || activeCallCount() > 0)
        return;
    if (m_graceTimer)
        m_graceTimer->stop();
    if (m_server)
        m_server->closeIdleConnections();
    m_shuttingDown = false; // emit once
    Q_EMIT shutdownComplete();
}
