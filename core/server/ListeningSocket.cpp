#include "server/ListeningSocket.h"

#include "common/Logging.h"
#include "protocol/ApiError.h"
#include "server/ClientResponse.h"

#include <QTcpSocket>

ListeningSocket::ListeningSocket(LimitsProvider limits, ClientConnection::Dispatcher dispatcher, QObject *parent)
    : QTcpServer(parent)
    , m_limits(std::move(limits))
    , m_dispatcher(std::move(dispatcher))
{
}

QList<ClientConnection *> ListeningSocket::connections() const
{
    QList<ClientConnection *> result;
    for (const auto &connection : m_connections) {
        if (connection)
            result.append(connection);
    }
    return result;
}

void ListeningSocket::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    const ConnectionLimits limits = m_limits();

    if (limits.maxConnections > 0 && m_openConnections >= limits.maxConnections) {
        qCWarning(lcServer) << "connection limit reached (" << limits.maxConnections << "); refusing a connection";
        const QByteArray body
            = ApiError::overloaded(QStringLiteral("Too many open connections to Switchyard.")).toJson();
        socket->write("HTTP/1.1 529 " + ClientResponse::reasonPhrase(529)
            + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        socket->disconnectFromHost();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        if (socket->state() == QAbstractSocket::UnconnectedState)
            socket->deleteLater();
        return;
    }

    ++m_openConnections;
    connect(socket, &QObject::destroyed, this, [this] { --m_openConnections; });
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    auto *connection = new ClientConnection(socket, limits, m_dispatcher);
    m_connections.removeAll(nullptr);
    m_connections.append(connection);
}
