#pragma once

#include "server/ConnectionLimits.h"
#include "server/ClientResponse.h"
#include "server/IncomingRequest.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <deque>
#include <functional>

class QTcpSocket;

// Guards one client connection around QHttpServer, which buffers any body and keeps connections forever:
// it sees every byte before QHttpServer does (its readyRead slot is connected first) and
//  - answers 413 as soon as a request head announces a body over the limit (or a chunked body grows past
//    it), 431 for an oversized head, then discards the rest and closes;
//  - answers `Expect: 100-continue` (QHttpServer 6.4 does not);
//  - closes the connection after the keep-alive idle time;
//  - serializes pipelined requests so that answers never interleave.
// It is a child of its socket and dies with it.
class ClientConnection : public QObject
{
    Q_OBJECT
public:
    using Dispatcher = std::function<void(ClientConnection *, IncomingRequest)>;

    ClientConnection(QTcpSocket *socket, const ConnectionLimits &limits, Dispatcher dispatcher);
    ~ClientConnection() override;

    static ClientConnection *of(QTcpSocket *socket);

    QTcpSocket *socket() const { return m_socket; }
    bool isBusy() const { return m_activeResponse != nullptr; }
    bool isRejected() const { return m_rejected; }

    // From the server: QHttpServer finished parsing a request on this connection.
    void requestParsed(IncomingRequest request);
    // From ClientResponse.
    void responseStarted(ClientResponse *response);
    void responseFinished(ClientResponse *response, bool closeConnection);

    // Closes the connection now if it is idle (between requests); used at shutdown.
    bool closeIfIdle();

private:
    void onReadyRead();
    void onIdleTimeout();
    bool scanHead(const char *data, qint64 length, qint64 *consumed);
    void reject(int status, const QString &message);
    void dispatchNext();
    void armIdleTimer();

    struct HeadInfo
    {
        bool closeAfterResponse = false;
    };

    QTcpSocket *m_socket;
    ConnectionLimits m_limits;
    Dispatcher m_dispatcher;
    QTimer m_idleTimer;

    enum class State { AwaitingHead, InBody, InChunkedBody };
    State m_state = State::AwaitingHead;
    QByteArray m_head; // head bytes seen so far (bounded by maxHeaderBytes)
    qint64 m_bodyRemaining = 0; // InBody: bytes still to come
    qint64 m_bodySeen = 0; // InChunkedBody: bytes seen so far
    std::deque<HeadInfo> m_heads; // parsed heads whose requests QHttpServer has not delivered yet

    bool m_rejected = false;
    qint64 m_drainRemaining = 0;

    std::deque<IncomingRequest> m_waiting; // pipelined requests waiting for the active response
    QPointer<ClientResponse> m_activeResponse;
};
