#include "upstream/UpstreamClient.h"

#include "common/Logging.h"
#include "upstream/UpstreamConnection.h"
#include "upstream/UpstreamExchange.h"

UpstreamClient::UpstreamClient(QObject *parent)
    : QObject(parent)
    , m_sslConfiguration(QSslConfiguration::defaultConfiguration())
{
}

UpstreamClient::~UpstreamClient()
{
    // Exchanges that outlive the client keep their connections (they own them) and close them at the end.
    closeIdleConnections();
    m_active.clear();
}

UpstreamExchange *UpstreamClient::send(UpstreamRequest request, QObject *parent)
{
    auto *exchange = new UpstreamExchange(std::move(request), parent ? parent : this);
    exchange->start(this);
    return exchange;
}

void UpstreamClient::setMaxIdleConnectionsPerOrigin(int count)
{
    m_maxIdlePerOrigin = qMax(0, count);
    for (auto &stack : m_idle)
        trimIdle(stack, m_maxIdlePerOrigin);
}

void UpstreamClient::setIdleConnectionTimeoutMs(int ms)
{
    m_idleTimeoutMs = qMax(0, ms);
    if (m_idleTimeoutMs == 0)
        closeIdleConnections();
}

int UpstreamClient::activeConnectionCount() const
{
    return int(m_active.size());
}

int UpstreamClient::idleConnectionCount() const
{
    return m_idleCount;
}

qint64 UpstreamClient::connectionsOpened() const
{
    return m_connectionsOpened;
}

void UpstreamClient::closeIdleConnections()
{
    const auto idle = std::exchange(m_idle, {});
    m_idleCount = 0;
    for (const auto &stack : idle) {
        for (UpstreamConnection *connection : stack)
            connection->discard();
    }
}

void UpstreamClient::setSslConfiguration(const QSslConfiguration &configuration)
{
    m_sslConfiguration = configuration;
}

void UpstreamClient::setProxyRules(const UpstreamProxyRules &rules)
{
    if (rules == m_proxyRules)
        return;
    m_proxyRules = rules;
    qCInfo(lcUpstream).noquote() << "connections to platforms:" << rules.describe();
    closeIdleConnections();
}

UpstreamConnection *UpstreamClient::takeIdleConnection(const QString &poolKey)
{
    const auto it = m_idle.find(poolKey);
    if (it == m_idle.end())
        return nullptr;
    QList<UpstreamConnection *> &stack = it.value();
    UpstreamConnection *found = nullptr;
    while (!stack.isEmpty() && !found) {
        UpstreamConnection *candidate = stack.takeLast(); // LIFO: the warmest connection first
        --m_idleCount;
        if (candidate->isReusable())
            found = candidate;
        else
            candidate->discard();
    }
    if (stack.isEmpty())
        m_idle.erase(it);
    if (found)
        m_active.insert(found);
    return found;
}

UpstreamConnection *UpstreamClient::openConnection(
    const QUrl &url, const QString &poolKey, const std::optional<UpstreamProxy> &proxy, QObject *owner)
{
    auto *connection = new UpstreamConnection(url, poolKey, proxy, m_sslConfiguration, owner);
    connect(
        connection, &UpstreamConnection::lostWhileIdle, this, [this, connection] { removeIdleConnection(connection); });
    ++m_connectionsOpened;
    m_active.insert(connection);
    qCDebug(lcUpstream).noquote() << "opening connection" << m_connectionsOpened << "to" << poolKey;
    return connection;
}

void UpstreamClient::recycleConnection(UpstreamConnection *connection)
{
    m_active.remove(connection);
    if (m_maxIdlePerOrigin <= 0 || m_idleTimeoutMs <= 0) {
        connection->discard();
        return;
    }
    connection->setParent(this);
    connection->park(m_idleTimeoutMs);
    QList<UpstreamConnection *> &stack = m_idle[connection->poolKey()];
    stack.append(connection);
    ++m_idleCount;
    trimIdle(stack, m_maxIdlePerOrigin);
}

void UpstreamClient::forgetConnection(UpstreamConnection *connection)
{
    m_active.remove(connection);
}

void UpstreamClient::removeIdleConnection(UpstreamConnection *connection)
{
    const auto it = m_idle.find(connection->poolKey());
    if (it != m_idle.end() && it.value().removeOne(connection)) {
        --m_idleCount;
        if (it.value().isEmpty())
            m_idle.erase(it);
    }
    connection->discard();
}

void UpstreamClient::trimIdle(QList<UpstreamConnection *> &stack, int keep)
{
    while (stack.size() > keep) {
        // The least recently used go first.
        stack.takeFirst()->discard();
        --m_idleCount;
    }
}
