#pragma once

#include "server/ClientConnection.h"

#include <QTcpServer>
#include <functional>

// The listening socket QHttpServer is bound to. It prepares every accepted connection before QHttpServer
// sees it: TCP_NODELAY, a ClientConnection guard (whose readyRead slot therefore runs first), and the
// connection cap (an Anthropic-style 529 answer beyond it).
class ListeningSocket : public QTcpServer
{
    Q_OBJECT
public:
    using LimitsProvider = std::function<ConnectionLimits()>;

    ListeningSocket(LimitsProvider limits, ClientConnection::Dispatcher dispatcher, QObject *parent = nullptr);

    int openConnectionCount() const { return m_openConnections; }
    QList<ClientConnection *> connections() const;

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    LimitsProvider m_limits;
    ClientConnection::Dispatcher m_dispatcher;
    int m_openConnections = 0;
    QList<QPointer<ClientConnection>> m_connections;
};
