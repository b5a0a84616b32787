#pragma once

#include "protocol/SseParser.h"
#include "upstream/HttpResponseParser.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonObject>
#include <QTcpSocket>
#include <functional>

// A response as a test sees it, including when each SSE event arrived.
struct TestHttpResponse
{
    int status = 0;
    HttpHeaderList headers;
    QByteArray body; // framing removed
    bool complete = false;
    bool connectionClosed = false; // the server closed the connection (before or after completing)
    QString error; // parse error or timeout
    qint64 headersAtUs = -1; // FakeUpstream::nowUs() clock
    struct TimedEvent
    {
        SseEvent event;
        qint64 atUs = 0;
    };
    QList<TimedEvent> events; // when the body is an event stream

    QByteArray header(QByteArrayView name) const;
    QJsonObject json() const; // the body as a JSON object (empty when it is not one)
    QString errorType() const; // error.type of an Anthropic error envelope
    QList<QByteArray> eventNames() const;
};

// A blocking HTTP/1.1 client for tests, on a real socket, using Switchyard's own response parser. It keeps its
// connection alive across requests (so keep-alive behaviour is observable), and can read a response step by
// step to check that events arrive before the stream ends. Use it only when the server runs on another thread.
class HttpTestClient
{
public:
    explicit HttpTestClient(quint16 port, const QHostAddress &address = QHostAddress::LocalHost);
    ~HttpTestClient();

    // A whole request: sends, then reads until the response is complete (or the timeout).
    TestHttpResponse request(const QByteArray &method, const QByteArray &path, const HttpHeaderList &headers = {},
        const QByteArray &body = {}, int timeoutMs = 10000);
    TestHttpResponse post(
        const QByteArray &path, const QByteArray &body, const HttpHeaderList &headers = {}, int timeoutMs = 10000);
    TestHttpResponse get(const QByteArray &path, const HttpHeaderList &headers = {}, int timeoutMs = 10000);

    // Step by step: send, then read until `done(response so far)` holds (or the response completes).
    void send(const QByteArray &method, const QByteArray &path, const HttpHeaderList &headers, const QByteArray &body);
    void sendRaw(const QByteArray &bytes);
    const TestHttpResponse &readUntil(const std::function<bool(const TestHttpResponse &)> &done, int timeoutMs = 10000);
    const TestHttpResponse &readToEnd(int timeoutMs = 10000);
    const TestHttpResponse &current() const { return m_response; }

    // Drops the connection abruptly (a client that goes away).
    void abort();
    bool isConnected() const;
    int connectionsOpened() const { return m_connectionsOpened; }

private:
    bool ensureConnected();
    void readAvailable();

    quint16 m_port;
    QHostAddress m_address;
    QTcpSocket m_socket;
    HttpResponseParser m_parser;
    SseParser m_sse;
    TestHttpResponse m_response;
    int m_connectionsOpened = 0;
};
