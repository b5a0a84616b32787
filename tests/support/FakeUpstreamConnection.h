#pragma once

#include "FakeResponse.h"
#include "ReceivedRequest.h"
#include "protocol/HttpRequestParser.h"

#include <QObject>
#include <QTimer>

class FakeUpstream;
class QTcpSocket;

// One accepted connection of the fake upstream: parses requests in order, answers each with the response the
// fake chose, one at a time (pipelined requests wait for the answer before them), and plays faults. Lives on
// the fake's thread; owned by the fake.
class FakeUpstreamConnection : public QObject
{
public:
    FakeUpstreamConnection(QTcpSocket *socket, int index, FakeUpstream *upstream);
    ~FakeUpstreamConnection() override;

    // Aborts the connection without reporting anything back to the fake (used when the fake goes away).
    void abortSilently();
    // Aborts the connection as a fault of the upstream (closeAllConnections()).
    void abortConnection();

private:
    enum class Phase
    {
        Idle, // waiting for (the rest of) a request
        DelayingHead, // a response is due after its delay
        Streaming, // the head went out; pieces follow as their delays pass
        Hanging, // the request will never be answered (or the stream stalls for good)
        Closing, // the fake closes the connection
        Closed
    };

    void onReadyRead();
    void onDisconnected();
    void onTimer();
    void processInput();
    void handleRequest(ReceivedRequest request);
    void startResponse();
    void continueStream();
    void finishResponse();
    void appendHead();
    void appendPiece(const QByteArray &bytes);
    void flushOutput();
    void answerParseError();
    void closeGracefully();
    void resetConnection();
    void endStream();
    void endPending();

    QTcpSocket *m_socket;
    FakeUpstream *m_upstream;
    int m_index;
    HttpRequestParser m_parser;
    QTimer m_timer;
    Phase m_phase = Phase::Idle;

    // The response in progress.
    FakeResponse m_response;
    QByteArray m_path;
    bool m_headRequest = false;
    bool m_keepAlive = true;
    qsizetype m_nextPiece = 0;
    bool m_pieceDelayDone = false;
    bool m_streamCounted = false;
    bool m_pendingCounted = false;

    QByteArray m_out; // staging buffer: what goes out in the next single write
    bool m_closingByUs = false;
    bool m_finished = false;
};
