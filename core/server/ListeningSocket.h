#pragma once

#include "server/ClientConnection.h"

#include <QTcpServer>
#include <functional>

// The front door's listening socket. Every accepted connection gets TCP_NODELAY and a ClientConnection that
// reads and answers it, and is deleted once closed; beyond the connection cap a connection gets an
// Anthropic-style 529 answer and is closed.
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
