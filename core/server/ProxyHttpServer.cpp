#include "server/ProxyHttpServer.h"

#include "common/Logging.h"
#include "server/ClientResponse.h"
#include "server/RequestHandler.h"

#include <QTcpSocket>

ProxyHttpServer::ProxyHttpServer(RequestHandler *handler, QObject *parent)
    : QObject(parent)
    , m_handler(handler)
    , m_limitsProvider([] { return ConnectionLimits(); })
{
}

ProxyHttpServer::~ProxyHttpServer() = default;

void ProxyHttpServer::setLimitsProvider(ListeningSocket::LimitsProvider provider)
{
    m_limitsProvider = std::move(provider);
}

bool ProxyHttpServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    auto *listener = new ListeningSocket([this] { return m_limitsProvider(); },
        [this](ClientConnection *connection, IncomingRequest request) { dispatch(connection, std::move(request)); },
        this);
    // Qt's default backlog of 50 drops SYNs when many clients connect at once (200 streams take a second).
    listener->setListenBacklogSize(1024);
    if (!listener->listen(address, port)) {
        if (error) {
            *error = listener->serverError() == QAbstractSocket::AddressInUseError
                ? QStringLiteral("%1:%2 is already in use (is another Switchyard or another program listening "
                                 "there?)")
                      .arg(address.toString())
                      .arg(port)
                : QStringLiteral("cannot listen on %1:%2: %3")
                      .arg(address.toString())
                      .arg(port)
                      .arg(listener->errorString());
        }
        delete listener;
        return false;
    }
    m_listener = listener;
    qCInfo(lcServer).noquote() << "listening on"
                               << address.toString() + QLatin1Char(':') + QString::number(listener->serverPort());
    return true;
}

bool ProxyHttpServer::isListening() const
{
    return m_listener && m_listener->isListening();
}

quint16 ProxyHttpServer::port() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

QHostAddress ProxyHttpServer::address() const
{
    return m_listener ? m_listener->serverAddress() : QHostAddress();
}

void ProxyHttpServer::stopListening()
{
    if (m_listener && m_listener->isListening()) {
        m_listener->close();
        qCInfo(lcServer) << "stopped accepting connections";
    }
}

int ProxyHttpServer::closeIdleConnections()
{
    int closed = 0;
    if (!m_listener)
        return closed;
    for (ClientConnection *connection : m_listener->connections()) {
        if (connection->closeIfIdle())
            ++closed;
    }
    return closed;
}

int ProxyHttpServer::openConnectionCount() const
{
    return m_listener ? m_listener->openConnectionCount() : 0;
}

int ProxyHttpServer::busyConnectionCount() const
{
    int busy = 0;
    if (!m_listener)
        return busy;
    for (ClientConnection *connection : m_listener->connections()) {
        if (connection->isBusy())
            ++busy;
    }
    return busy;
}

void ProxyHttpServer::dispatch(ClientConnection *connection, IncomingRequest request)
{
    const bool closeAfterResponse = request.closeAfterResponse;
    auto response = std::make_unique<ClientResponse>(connection, closeAfterResponse);
    m_handler->handle(std::move(request), std::move(response));
}
