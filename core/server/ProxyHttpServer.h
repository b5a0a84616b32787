#pragma once

#include "server/ConnectionLimits.h"
#include "server/ListeningSocket.h"

#include <QAbstractHttpServer>
#include <QHostAddress>
#include <QPointer>

class RequestHandler;

// Switchyard's HTTP front door on the proxy thread: QHttpServer (6.4) parses requests, every request is
// copied out at once into an IncomingRequest and handed to the RequestHandler with its ClientResponse.
class ProxyHttpServer : public QAbstractHttpServer
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

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    void dispatch(ClientConnection *connection, IncomingRequest request);

    RequestHandler *m_handler;
    ListeningSocket::LimitsProvider m_limitsProvider;
    QPointer<ListeningSocket> m_listener;
};
