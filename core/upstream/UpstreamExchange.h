#pragma once

#include "upstream/ContentDecoder.h"
#include "upstream/HttpResponseParser.h"
#include "upstream/UpstreamProxy.h"
#include "upstream/UpstreamRequest.h"

#include <QAbstractSocket>
#include <QBasicTimer>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <memory>
#include <optional>

class UpstreamConnection;
class UpstreamClient;

// One HTTP request to an upstream and its response, streamed as it arrives. Created by UpstreamClient;
// lives on the thread of its client. Signals are emitted in this order:
//   responseStarted -> bodyData* -> finished      or      failed (at any point; nothing after it)
// Delete it (or let its parent do so) once it is done; deleting it early aborts the request.
class UpstreamExchange : public QObject
{
    Q_OBJECT
public:
    ~UpstreamExchange() override;

    const UpstreamRequest &request() const { return m_request; }
    int statusCode() const { return m_statusCode; }
    const HttpHeaderList &responseHeaders() const { return m_responseHeaders; }
    QByteArray responseHeader(const QByteArray &lowercaseName) const; // first match, case-insensitive
    bool isFinished() const { return m_done; }

    // Microseconds from send() to: the connection being ready, the request being written, the first
    // response byte, the end. -1 while not reached.
    qint64 connectedAtUs() const { return m_connectedAtUs; }
    qint64 requestWrittenAtUs() const { return m_requestWrittenAtUs; }
    qint64 firstByteAtUs() const { return m_firstByteAtUs; }
    qint64 finishedAtUs() const { return m_finishedAtUs; }
    bool reusedConnection() const { return m_reusedConnection; }
    // The request was sent a second time, on a fresh connection, because the reused one turned out to be
    // closed by the server before any response byte arrived.
    bool retriedOnFreshConnection() const { return m_retried; }

    // Stops reading the response (TCP flow control then slows the upstream) while the downstream
    // client cannot keep up; the idle timer does not run while paused.
    void setReadingPaused(bool paused);
    // Cancels the request; emits failed(Aborted) unless already done. The connection is closed.
    void abort();

Q_SIGNALS:
    void responseStarted(int statusCode, const HttpHeaderList &headers);
    // Decoded body bytes (chunked framing and gzip/deflate content-encoding removed), in order.
    void bodyData(const QByteArray &data);
    void finished();
    void failed(const UpstreamError &error);

private:
    friend class UpstreamClient;
    friend class UpstreamConnection;
    explicit UpstreamExchange(UpstreamRequest request, QObject *parent);

    UpstreamRequest m_request;
    int m_statusCode = 0;
    HttpHeaderList m_responseHeaders;
    bool m_done = false;
    bool m_reusedConnection = false;
    qint64 m_connectedAtUs = -1;
    qint64 m_requestWrittenAtUs = -1;
    qint64 m_firstByteAtUs = -1;
    qint64 m_finishedAtUs = -1;
    // Implementation state (connection, timers, parser) belongs to the implementation; add members below.

    void timerEvent(QTimerEvent *event) override;

    // Called by UpstreamClient::send().
    void start(UpstreamClient *client);
    void startAttempt(bool allowReuse);
    void bindConnection(UpstreamConnection *connection);
    void writeRequest();
    void markRequestWritten();

    // Socket events, forwarded by the bound UpstreamConnection.
    void handleConnectionReady();
    void handleReadyRead();
    void handleBytesWritten();
    void handleSocketError(QAbstractSocket::SocketError error);
    void handleDisconnected();

    void processIncoming();
    bool consume(const QByteArray &bytes);
    bool startResponse();
    bool deliverBody(QByteArray body);
    void finishResponse(bool bytesLeftOver);
    void concludeAtEof();
    bool canRetry() const;
    void retryOnFreshConnection();
    void fail(UpstreamFailure failure, const QString &message);
    void releaseConnection(bool reusable);
    void discardConnection();
    void stopTimers();
    qint64 elapsedUs() const { return m_clock.nsecsElapsed() / 1000; }
    QString describeTarget() const; // method, origin and path, never the query or headers

    QPointer<UpstreamClient> m_client;
    UpstreamConnection *m_connection = nullptr; // owned (as a child) while bound
    QString m_originKey;
    std::optional<UpstreamProxy> m_proxy; // chosen by the client's rules when the request starts
    QString m_poolKey; // the origin, and the proxy when there is one
    QByteArray m_requestHead; // kept (with m_request.body) until the first response byte in case of a retry
    HttpResponseParser m_parser;
    std::unique_ptr<ContentDecoder> m_decoder;
    QByteArray m_unparsed; // received bytes held back while reading is paused
    QElapsedTimer m_clock;
    QBasicTimer m_connectTimer;
    QBasicTimer m_firstByteTimer;
    QBasicTimer m_idleTimer;
    QBasicTimer m_totalTimer;
    qint64 m_lastReadAtMs = 0;
    bool m_starting = false; // inside send(): failures are emitted from the event loop
    bool m_processing = false; // inside processIncoming()
    bool m_requestIssued = false; // the request was handed to the current connection's socket
    bool m_paused = false;
    bool m_drainQueued = false;
    bool m_eofSeen = false;
    bool m_attemptReceivedBytes = false;
    bool m_responseStartedEmitted = false;
    bool m_retried = false;
};
