#pragma once

#include "protocol/HttpRequestParser.h"
#include "server/ClientResponse.h"
#include "server/ConnectionLimits.h"
#include "server/IncomingRequest.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <deque>
#include <functional>

class QTcpSocket;

// One client connection of Switchyard's HTTP/1.1 front door. It reads the socket into an HttpRequestParser
// (one copy out of the socket's buffer, no other HTTP layer in between) and
//  - hands every complete request, copied into an IncomingRequest, to the dispatcher — one at a time:
//    pipelined requests wait until the answer before them is finished, so answers never interleave;
//  - answers 413 as soon as a request head announces a body over the limit (or a chunked body grows past
//    it), 431 for an oversized head and 400 for bytes that are not HTTP, in the Anthropic error envelope,
//    then discards what the client still sends and closes;
//  - answers `Expect: 100-continue`;
//  - honours `Connection: close` and HTTP/1.0 without keep-alive;
//  - closes the connection after the keep-alive idle time.
// It is a child of its socket and dies with it.
class ClientConnection : public QObject
{
    Q_OBJECT
public:
    using Dispatcher = std::function<void(ClientConnection *, IncomingRequest)>;

    // Requests read ahead of the one being answered; beyond this the socket is not read until one is answered.
    static constexpr std::size_t kMaxWaitingRequests = 16;
    // What the socket object buffers before the kernel's buffer (and TCP) hold the client back.
    static constexpr qint64 kSocketReadBufferBytes = 1024 * 1024;

    ClientConnection(QTcpSocket *socket, const ConnectionLimits &limits, Dispatcher dispatcher);
    ~ClientConnection() override;

    QTcpSocket *socket() const { return m_socket; }
    bool isBusy() const { return m_activeResponse != nullptr; }
    bool isRejected() const { return m_rejected; }

    // From ClientResponse.
    void responseStarted(ClientResponse *response);
    void responseFinished(ClientResponse *response, bool closeConnection);

    // Closes the connection now if it is idle (between requests); used at shutdown.
    bool closeIfIdle();

private:
    void onReadyRead();
    void onIdleTimeout();
    void readSocket();
    void parseBuffered();
    IncomingRequest toIncomingRequest(HttpRequestMessage message) const;
    void rejectMalformed();
    void reject(int status, const QString &message);
    void dispatchNext();
    void armIdleTimer();

    QTcpSocket *m_socket;
    ConnectionLimits m_limits;
    Dispatcher m_dispatcher;
    QHostAddress m_peerAddress;
    QTimer m_idleTimer;
    HttpRequestParser m_parser;

    bool m_rejected = false;
    bool m_closing = false; // a request asked for the connection to close after its answer: read no further
    qint64 m_drainRemaining = 0;

    std::deque<IncomingRequest> m_waiting; // complete requests waiting for the active response
    QPointer<ClientResponse> m_activeResponse;
};
