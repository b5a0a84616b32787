#pragma once

#include "FakeResponse.h"
#include "ReceivedRequest.h"

#include <QHostAddress>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QUrl>

#include <atomic>
#include <deque>
#include <functional>
#include <memory>

class FakeUpstreamConnection;
class QTcpServer;

// A model platform played by a real HTTP/1.1 server on a loopback port: it records every request and answers
// with scripted responses (JSON bodies, event streams piece by piece with delays, faults at the socket level).
// Integration tests, end-to-end tests and benchmarks point the proxy at baseUrl().
//
// Answers are chosen per request: first a queue registered with enqueueFor() whose path prefix matches
// (the longest matching prefix wins), then the general queue (enqueue()), then the handler, then the default
// response (an Anthropic message). Each queue is consumed first in, first out.
//
// Threads: the object lives on one thread that runs an event loop; its sockets, timers and the handler run
// there. Scripting (enqueue*, setHandler, setDefaultResponse), the records and the counters may be used from
// any thread; listen(), close() and closeAllConnections() run on the owner thread (called from elsewhere they
// wait for it). FakeUpstreamThread runs one on a thread of its own.
class FakeUpstream : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<FakeResponse(const ReceivedRequest &request)>;

    explicit FakeUpstream(QObject *parent = nullptr);
    ~FakeUpstream() override; // aborts every open connection (a hanging client sees the connection close)

    // Port 0 picks a free port. Returns false (and logs why) when the address cannot be bound.
    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    bool isListening() const;
    quint16 port() const;
    QUrl baseUrl() const; // http://127.0.0.1:<port>
    QUrl url(const QString &path) const; // baseUrl() + path ("/v1/messages")
    // Stops accepting: later connections are refused. Open connections go on.
    void close();
    // Aborts every open connection at once, as if the platform went away.
    void closeAllConnections();

    // A loopback port nothing listens on (bound, then released): connecting to it is refused.
    static quint16 unusedPort();
    // Monotonic microseconds (std::chrono::steady_clock), the clock of ReceivedRequest::receivedAtUs.
    static qint64 nowUs();

    // --- scripting ---
    void enqueue(const FakeResponse &response);
    void enqueue(const QList<FakeResponse> &responses);
    // Responses for requests whose path (with query) starts with `pathPrefix`, e.g. "/v1/models".
    void enqueueFor(const QByteArray &pathPrefix, const FakeResponse &response);
    // Answers requests when no queue has a response; runs on the fake's thread. An empty function removes it.
    void setHandler(Handler handler);
    void setDefaultResponse(const FakeResponse &response);
    int queuedResponseCount() const; // all queues together: 0 once every scripted response was used
    void clearQueues();

    // --- records ---
    QList<ReceivedRequest> receivedRequests() const;
    ReceivedRequest lastRequest() const; // an empty request when none was received
    int requestCount() const; // requests answered or being answered (counted even when recording is off)
    void clearReceived(); // forgets the recorded requests and the disconnect paths; counters stay
    // Benchmarks turn recording off so that a long run does not keep every request in memory.
    void setRecordRequests(bool record);
    // Paths of the requests whose client left before its response was complete, in order.
    QList<QByteArray> disconnectedPaths() const;

    // --- counters ---
    int connectionCount() const; // connections accepted so far
    int openConnectionCount() const; // connections open now
    int activeStreams() const; // streamed responses whose head went out and whose end did not yet
    int pendingResponses() const; // requests received and not fully answered (delays, streams, hangs)

    // Limits of the request parser; larger requests are answered 413 / 431 and the connection is closed.
    void setMaxRequestBodyBytes(qint64 bytes);
    void setMaxHeaderBytes(qsizetype bytes);

Q_SIGNALS:
    // Emitted on the fake's thread as soon as a request is complete, before its response is chosen (a
    // directly connected slot may still enqueue the answer).
    void requestReceived(const ReceivedRequest &request);
    // The client closed the connection while its response was still delayed, streaming or hanging.
    void clientDisconnected(const QByteArray &path);

private:
    friend class FakeUpstreamConnection;

    // Called by connections on the owner thread.
    FakeResponse takeResponseFor(const ReceivedRequest &request);
    void noteClientDisconnected(const QByteArray &path);
    void noteConnectionFinished(FakeUpstreamConnection *connection);
    void acceptPendingConnections();
    void runOnOwnerThread(const std::function<void()> &work);

    struct RouteQueue
    {
        QByteArray prefix;
        std::deque<FakeResponse> responses;
    };

    QTcpServer *m_server = nullptr;
    QList<FakeUpstreamConnection *> m_connections;
    bool m_destroying = false;

    mutable QMutex m_mutex; // guards everything below up to the atomics
    std::deque<FakeResponse> m_queue;
    QList<RouteQueue> m_routes;
    std::shared_ptr<const Handler> m_handler; // shared so that a request copies a pointer, not the closure
    FakeResponse m_defaultResponse;
    QList<ReceivedRequest> m_received;
    QList<QByteArray> m_disconnectedPaths;
    bool m_record = true;

    std::atomic<quint16> m_port {0};
    std::atomic<int> m_requestCount {0};
    std::atomic<int> m_connectionCount {0};
    std::atomic<int> m_openConnections {0};
    std::atomic<int> m_activeStreams {0};
    std::atomic<int> m_pendingResponses {0};
    std::atomic<qint64> m_maxBodyBytes {qint64(512) * 1024 * 1024};
    std::atomic<qsizetype> m_maxHeaderBytes {1024 * 1024};
};
