#pragma once

#include "server/ConnectionLimits.h"
#include "server/ListeningSocket.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>

class RequestHandler;

// Switchyard's HTTP/1.1 front door on the proxy thread: a ListeningSocket accepts connections, each
// ClientConnection parses its requests, and every request is handed to the RequestHandler as an IncomingRequest
// with the ClientResponse that answers it.
class ProxyHttpServer : public QObject
{
    Q_OBJECT
public:
    explicit ProxyHttpServer(RequestHandler *handler, QObject *parent = nullptr);
    ~ProxyHttpServer() override;

    void setLimitsProvider(ListeningSocket::LimitsProvider provider);

    // Listens on address:port (port 0 picks a free one). On failure `error` says why (e.g. port in use).
    bool listen(const QHostAddress &address, quint16 port, QString *error);
    bool isListening() const;
    quint16 port() const;
    QHostAddress address() const;
    // Stops accepting new connections; open ones continue.
    void stopListening();
    // Closes connections that have no request in progress (keep-alive ones waiting for the next request).
    int closeIdleConnections();

    int openConnectionCount() const;
    int busyConnectionCount() const;

private:
    void dispatch(ClientConnection *connection, IncomingRequest request);

    RequestHandler *m_handler;
    ListeningSocket::LimitsProvider m_limitsProvider;
    QPointer<ListeningSocket> m_listener;
};
