#pragma once

#include "upstream/UpstreamRequest.h"

#include <QObject>
#include <QPointer>

class ApiError;
class ClientConnection;
class QTcpSocket;

// Writes one response to a client connection: a whole response with Content-Length, or a stream framed
// as HTTP/1.1 chunks (one chunk per SSE event). All HTTP framing the proxy produces lives here, so a later
// Qt with a different responder API is a local change.
//
// The socket is held by QPointer and checked before every write: the client may disconnect at any time,
// after which writes are dropped and clientDisconnected() is emitted once. Lives on the proxy thread.
class ClientResponse : public QObject
{
    Q_OBJECT
public:
    ClientResponse(ClientConnection *connection, bool closeAfterResponse, QObject *parent = nullptr);
    ~ClientResponse() override;

    static QByteArray reasonPhrase(int status);

    bool isClientConnected() const;
    bool hasStarted() const { return m_status != 0; }
    bool isStreaming() const { return m_streaming; }
    bool isFinished() const { return m_finished; }
    int status() const { return m_status; }
    qint64 firstByteAtUs() const { return m_firstByteAtUs; } // SteadyClock; -1 before the first write
    qint64 bytesWaitingToBeSent() const; // not yet taken by the kernel

    // A complete response. Content-Length is added; Content-Type should be in `headers`.
    void send(int status, const HttpHeaderList &headers, const QByteArray &body);
    void sendJson(int status, const QByteArray &json, const HttpHeaderList &extraHeaders = {});
    void sendError(const ApiError &error, const HttpHeaderList &extraHeaders = {});

    // A streamed response: status and headers now (Transfer-Encoding: chunked), then chunks, then the end.
    void beginStream(int status, const HttpHeaderList &headers);
    void writeChunk(const QByteArray &data);
    void endStream();

    // Back-pressure: above the high-water mark the producer should pause; drained() says when to resume.
    static constexpr qint64 kHighWaterBytes = 1024 * 1024;
    static constexpr qint64 kLowWaterBytes = 256 * 1024;
    bool isCongested() const { return bytesWaitingToBeSent() > kHighWaterBytes; }

Q_SIGNALS:
    void clientDisconnected(); // the client left before the response was finished
    void drained(); // the write buffer fell below the low-water mark after being congested

private:
    void writeHead(int status, const HttpHeaderList &headers, QByteArray &out) const;
    enum class Flush
    {
        Now,
        Soon
    };
    void write(const QByteArray &bytes, Flush flush);
    void writeWaiting();
    void finish();
    void onDisconnected();
    void onBytesWritten();

    QPointer<QTcpSocket> m_socket;
    QPointer<ClientConnection> m_connection;
    bool m_closeAfterResponse = false;
    int m_status = 0;
    bool m_streaming = false;
    bool m_finished = false;
    bool m_disconnected = false;
    bool m_wasCongested = false;
    bool m_flushQueued = false;
    QByteArray m_waitingToBeWritten; // events to be written together when control returns to the event loop
    qint64 m_firstByteAtUs = -1;
};
