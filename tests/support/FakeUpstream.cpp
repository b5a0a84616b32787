#include "FakeUpstream.h"

#include "FakeUpstreamConnection.h"

#include <QMetaObject>
#include <QMutexLocker>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <chrono>

FakeUpstream::FakeUpstream(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
    , m_defaultResponse(FakeResponse::anthropicMessage())
{
    qRegisterMetaType<ReceivedRequest>();
    m_server->setMaxPendingConnections(1024);
    connect(m_server, &QTcpServer::newConnection, this, [this] { acceptPendingConnections(); });
}

FakeUpstream::~FakeUpstream()
{
    m_destroying = true;
    const QList<FakeUpstreamConnection *> connections = m_connections;
    m_connections.clear();
    for (FakeUpstreamConnection *connection : connections)
        delete connection; // aborts its socket without reporting back
}

void FakeUpstream::runOnOwnerThread(const std::function<void()> &work)
{
    if (QThread::currentThread() == thread())
        work();
    else
        QMetaObject::invokeMethod(this, work, Qt::BlockingQueuedConnection);
}

bool FakeUpstream::listen(const QHostAddress &address, quint16 port)
{
    bool ok = false;
    runOnOwnerThread([&] {
        m_server->setListenBacklogSize(1024);
        ok = m_server->listen(address, port);
        if (ok)
            m_port.store(m_server->serverPort());
        else
            qWarning("FakeUpstream: cannot listen on %s:%u: %s", qPrintable(address.toString()), unsigned(port),
                qPrintable(m_server->errorString()));
    });
    return ok;
}

bool FakeUpstream::isListening() const
{
    bool listening = false;
    const_cast<FakeUpstream *>(this)->runOnOwnerThread([&] { listening = m_server->isListening(); });
    return listening;
}

quint16 FakeUpstream::port() const
{
    return m_port.load();
}

QUrl FakeUpstream::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    return url;
}

QUrl FakeUpstream::url(const QString &path) const
{
    QUrl result = baseUrl();
    const qsizetype query = path.indexOf(QLatin1Char('?'));
    result.setPath(query < 0 ? path : path.left(query));
    if (query >= 0)
        result.setQuery(path.mid(query + 1));
    return result;
}

void FakeUpstream::close()
{
    runOnOwnerThread([this] { m_server->close(); });
}

void FakeUpstream::closeAllConnections()
{
    runOnOwnerThread([this] {
        const QList<FakeUpstreamConnection *> connections = m_connections;
        for (FakeUpstreamConnection *connection : connections)
            connection->abortConnection();
    });
}

quint16 FakeUpstream::unusedPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

qint64 FakeUpstream::nowUs()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(steady_clock::now().time_since_epoch()).count();
}

void FakeUpstream::enqueue(const FakeResponse &response)
{
    QMutexLocker locker(&m_mutex);
    m_queue.push_back(response);
}

void FakeUpstream::enqueue(const QList<FakeResponse> &responses)
{
    QMutexLocker locker(&m_mutex);
    for (const FakeResponse &response : responses)
        m_queue.push_back(response);
}

void FakeUpstream::enqueueFor(const QByteArray &pathPrefix, const FakeResponse &response)
{
    QMutexLocker locker(&m_mutex);
    for (RouteQueue &route : m_routes) {
        if (route.prefix == pathPrefix) {
            route.responses.push_back(response);
            return;
        }
    }
    m_routes.append(RouteQueue {pathPrefix, {response}});
}

void FakeUpstream::setHandler(Handler handler)
{
    QMutexLocker locker(&m_mutex);
    m_handler = handler ? std::make_shared<const Handler>(std::move(handler)) : nullptr;
}

void FakeUpstream::setDefaultResponse(const FakeResponse &response)
{
    QMutexLocker locker(&m_mutex);
    m_defaultResponse = response;
}

int FakeUpstream::queuedResponseCount() const
{
    QMutexLocker locker(&m_mutex);
    size_t count = m_queue.size();
    for (const RouteQueue &route : m_routes)
        count += route.responses.size();
    return int(count);
}

void FakeUpstream::clearQueues()
{
    QMutexLocker locker(&m_mutex);
    m_queue.clear();
    m_routes.clear();
}

QList<ReceivedRequest> FakeUpstream::receivedRequests() const
{
    QMutexLocker locker(&m_mutex);
    return m_received;
}

ReceivedRequest FakeUpstream::lastRequest() const
{
    QMutexLocker locker(&m_mutex);
    return m_received.isEmpty() ? ReceivedRequest() : m_received.constLast();
}

int FakeUpstream::requestCount() const
{
    return m_requestCount.load();
}

void FakeUpstream::clearReceived()
{
    QMutexLocker locker(&m_mutex);
    m_received.clear();
    m_disconnectedPaths.clear();
}

void FakeUpstream::setRecordRequests(bool record)
{
    QMutexLocker locker(&m_mutex);
    m_record = record;
}

QList<QByteArray> FakeUpstream::disconnectedPaths() const
{
    QMutexLocker locker(&m_mutex);
    return m_disconnectedPaths;
}

int FakeUpstream::connectionCount() const
{
    return m_connectionCount.load();
}

int FakeUpstream::openConnectionCount() const
{
    return m_openConnections.load();
}

int FakeUpstream::activeStreams() const
{
    return m_activeStreams.load();
}

int FakeUpstream::pendingResponses() const
{
    return m_pendingResponses.load();
}

void FakeUpstream::setMaxRequestBodyBytes(qint64 bytes)
{
    m_maxBodyBytes.store(bytes);
}

void FakeUpstream::setMaxHeaderBytes(qsizetype bytes)
{
    m_maxHeaderBytes.store(bytes);
}

void FakeUpstream::acceptPendingConnections()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        const int index = m_connectionCount.fetch_add(1) + 1;
        m_openConnections.fetch_add(1);
        m_connections.append(new FakeUpstreamConnection(socket, index, this));
    }
}

FakeResponse FakeUpstream::takeResponseFor(const ReceivedRequest &request)
{
    m_requestCount.fetch_add(1);
    {
        QMutexLocker locker(&m_mutex);
        if (m_record)
            m_received.append(request);
    }
    Q_EMIT requestReceived(request);

    std::shared_ptr<const Handler> handler;
    {
        QMutexLocker locker(&m_mutex);
        RouteQueue *best = nullptr;
        for (RouteQueue &route : m_routes) {
            if (!route.responses.empty() && request.path.startsWith(route.prefix)
                && (!best || route.prefix.size() > best->prefix.size()))
                best = &route;
        }
        std::deque<FakeResponse> *queue = best ? &best->responses : (m_queue.empty() ? nullptr : &m_queue);
        if (queue) {
            FakeResponse response = std::move(queue->front());
            queue->pop_front();
            return response;
        }
        if (!m_handler)
            return m_defaultResponse;
        handler = m_handler;
    }
    return (*handler)(request); // outside the lock: a handler may look at the records
}

void FakeUpstream::noteClientDisconnected(const QByteArray &path)
{
    if (m_destroying)
        return;
    {
        QMutexLocker locker(&m_mutex);
        m_disconnectedPaths.append(path);
    }
    Q_EMIT clientDisconnected(path);
}

void FakeUpstream::noteConnectionFinished(FakeUpstreamConnection *connection)
{
    m_openConnections.fetch_sub(1);
    if (m_destroying)
        return;
    m_connections.removeOne(connection);
    connection->deleteLater();
}
