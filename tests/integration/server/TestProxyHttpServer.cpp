#include "protocol/ApiError.h"
#include "server/ClientConnection.h"
#include "server/ClientResponse.h"
#include "server/ProxyHttpServer.h"
#include "server/RequestHandler.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

// A handler whose behaviour each test scripts: it records requests and answers by path.
class ScriptedHandler : public QObject, public RequestHandler
{
    Q_OBJECT
public:
    QList<IncomingRequest> requests;
    std::vector<std::unique_ptr<ClientResponse>> streams; // /stream responses kept open by the test
    int delayedMs = 0;

    void handle(IncomingRequest request, std::unique_ptr<ClientResponse> response) override
    {
        requests.append(request);
        if (request.path == QLatin1String("/stream")) {
            response->beginStream(200, {{"Content-Type", "text/event-stream"}});
            response->writeChunk("event: ping\ndata: {}\n\n");
            streams.push_back(std::move(response));
            return;
        }
        if (request.path == QLatin1String("/slow")) {
            ClientResponse *raw = response.release();
            QTimer::singleShot(delayedMs, this, [raw] {
                raw->sendJson(200, "{\"slow\":true}");
                delete raw;
            });
            return;
        }
        const QByteArray body
            = "{\"path\":\"" + request.path.toUtf8() + "\",\"bytes\":" + QByteArray::number(request.body.size()) + "}";
        response->sendJson(200, body);
    }
};

// A blocking raw HTTP/1.1 client, so tests control every byte on the wire.
class RawClient
{
public:
    explicit RawClient(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        m_socket.waitForConnected(5000);
    }
    QTcpSocket &socket() { return m_socket; }
    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }
    // Reads until `predicate(buffer)` holds or the timeout passes; returns everything read so far.
    QByteArray readUntil(const std::function<bool(const QByteArray &)> &predicate, int timeoutMs = 5000)
    {
        QElapsedTimer timer;
        timer.start();
        while (!predicate(m_buffer) && timer.elapsed() < timeoutMs) {
            if (m_socket.state() != QAbstractSocket::ConnectedState && m_socket.bytesAvailable() == 0)
                break;
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
            m_socket.waitForReadyRead(10);
            m_buffer += m_socket.readAll();
        }
        return m_buffer;
    }
    QByteArray readResponses(int count, int timeoutMs = 5000)
    {
        return readUntil(
            [count](const QByteArray &buffer) {
                return buffer.count("HTTP/1.1 ") >= count && completeBodies(buffer, count);
            },
            timeoutMs);
    }
    bool waitForDisconnect(int timeoutMs)
    {
        QElapsedTimer timer;
        timer.start();
        while (m_socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < timeoutMs) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
            m_socket.waitForReadyRead(10);
            m_buffer += m_socket.readAll();
        }
        return m_socket.state() != QAbstractSocket::ConnectedState;
    }
    void clear() { m_buffer.clear(); }

private:
    static bool completeBodies(const QByteArray &buffer, int count)
    {
        int found = 0;
        qsizetype position = 0;
        while (found < count) {
            const qsizetype headEnd = buffer.indexOf("\r\n\r\n", position);
            if (headEnd < 0)
                return false;
            const QByteArray head = buffer.mid(position, headEnd - position).toLower();
            const qsizetype lengthAt = head.indexOf("content-length: ");
            if (lengthAt < 0)
                return false;
            const qint64 length = head.mid(lengthAt + 16, head.indexOf("\r\n", lengthAt) - lengthAt - 16).toLongLong();
            if (buffer.size() < headEnd + 4 + length)
                return false;
            position = headEnd + 4 + length;
            ++found;
        }
        return true;
    }
    QTcpSocket m_socket;
    QByteArray m_buffer;
};

class TestProxyHttpServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void answersAndCopiesRequest();
    void keepsConnectionAliveAcrossRequests();
    void rejectsOversizedBodyBeforeItArrives();
    void rejectsOversizedChunkedBody();
    void rejectsOversizedHead();
    void answersExpectContinue();
    void malformedRequestsGetAnErrorEnvelope_data();
    void malformedRequestsGetAnErrorEnvelope();
    void requestTargetsAreDecoded();
    void chunkedBodyIsJoined();
    void manyPipelinedRequestsAreAllAnswered();
    void pipelinedRequestsAreAnsweredInOrder();
    void connectionCloseIsHonoured();
    void idleConnectionsAreClosed();
    void connectionCapAnswers529();
    void clientLeavingMidStreamIsReportedAndSafe();
    void portInUseIsReported();

private:
    ScriptedHandler *m_handler = nullptr;
    ProxyHttpServer *m_server = nullptr;
    ConnectionLimits m_limits;
};

void TestProxyHttpServer::init()
{
    m_limits = ConnectionLimits();
    m_handler = new ScriptedHandler;
    m_server = new ProxyHttpServer(m_handler);
    m_server->setLimitsProvider([this] { return m_limits; });
    QString error;
    QVERIFY2(m_server->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
}

void TestProxyHttpServer::cleanup()
{
    m_handler->streams.clear();
    delete m_server;
    delete m_handler;
}

void TestProxyHttpServer::answersAndCopiesRequest()
{
    RawClient client(m_server->port());
    client.send("POST /v1/messages?beta=true HTTP/1.1\r\nHost: x\r\nX-Api-Key: k\r\nContent-Length: 5\r\n\r\nhello");
    const QByteArray response = client.readResponses(1);
    QVERIFY2(response.startsWith("HTTP/1.1 200 OK\r\n"), response.constData());
    QVERIFY(response.contains("\"bytes\":5"));
    QCOMPARE(m_handler->requests.size(), 1);
    const IncomingRequest &request = m_handler->requests.first();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.path, QStringLiteral("/v1/messages"));
    QCOMPARE(request.query, QByteArray("beta=true"));
    QCOMPARE(request.header("x-api-key"), QByteArray("k")); // names lower-cased
    QCOMPARE(request.body, QByteArray("hello"));
    QVERIFY(request.peerAddress.isLoopback());
}

void TestProxyHttpServer::keepsConnectionAliveAcrossRequests()
{
    RawClient client(m_server->port());
    for (int i = 0; i < 3; ++i) {
        client.clear();
        client.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(client.readResponses(1).startsWith("HTTP/1.1 200"));
    }
    QCOMPARE(m_handler->requests.size(), 3);
    QCOMPARE(m_server->openConnectionCount(), 1);
}

void TestProxyHttpServer::rejectsOversizedBodyBeforeItArrives()
{
    m_limits.maxRequestBodyBytes = 1000;
    RawClient client(m_server->port());
    // Only the head is sent: the answer must come without waiting for the announced body.
    client.send(
        "POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n");
    const QByteArray response = client.readResponses(1);
    QVERIFY2(response.startsWith("HTTP/1.1 413 "), response.constData());
    const QByteArray body = response.mid(response.indexOf("\r\n\r\n") + 4);
    const QJsonObject envelope = QJsonDocument::fromJson(body).object();
    QCOMPARE(envelope.value("type").toString(), QStringLiteral("error"));
    QCOMPARE(envelope.value("error").toObject().value("type").toString(), QStringLiteral("request_too_large"));
    QVERIFY(response.contains("Connection: close"));
    client.send(QByteArray(5000, 'x')); // the body the client still sends is discarded
    QVERIFY(client.waitForDisconnect(5000));
    QCOMPARE(m_handler->requests.size(), 0);
}

void TestProxyHttpServer::rejectsOversizedChunkedBody()
{
    m_limits.maxRequestBodyBytes = 1000;
    RawClient client(m_server->port());
    client.send("POST /v1/messages HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (int i = 0; i < 40 && client.socket().state() == QAbstractSocket::ConnectedState; ++i)
        client.send("400\r\n" + QByteArray(1024, 'x') + "\r\n");
    const QByteArray response = client.readResponses(1);
    QVERIFY2(response.startsWith("HTTP/1.1 413 "), response.left(200).constData());
    QCOMPARE(m_handler->requests.size(), 0);
}

void TestProxyHttpServer::rejectsOversizedHead()
{
    m_limits.maxHeaderBytes = 4096;
    RawClient client(m_server->port());
    client.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(8000, 'a') + "\r\n\r\n");
    const QByteArray response = client.readResponses(1);
    QVERIFY2(response.startsWith("HTTP/1.1 431 "), response.left(200).constData());
    QCOMPARE(m_handler->requests.size(), 0);
}

void TestProxyHttpServer::answersExpectContinue()
{
    RawClient client(m_server->port());
    client.send("POST /v1/messages HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n");
    const QByteArray interim = client.readUntil([](const QByteArray &b) { return b.contains("\r\n\r\n"); });
    QVERIFY2(interim.startsWith("HTTP/1.1 100 Continue\r\n\r\n"), interim.constData());
    client.clear();
    client.send("abc");
    QVERIFY(client.readResponses(1).contains("\"bytes\":3"));
}

void TestProxyHttpServer::malformedRequestsGetAnErrorEnvelope_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("reason");
    QTest::newRow("not http") << QByteArray("HELLO\r\n\r\n") << 400 << QStringLiteral("request line");
    QTest::newRow("header without colon")
        << QByteArray("POST /v1/messages HTTP/1.1\r\nHost x\r\n\r\n") << 400 << QStringLiteral("header line");
    QTest::newRow("bad content-length") << QByteArray("POST /v1/messages HTTP/1.1\r\nContent-Length: 1x\r\n\r\n") << 400
                                        << QStringLiteral("Content-Length");
    QTest::newRow("smuggling shape") << QByteArray(
        "POST /v1/messages HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n")
                                     << 400 << QStringLiteral("Transfer-Encoding and Content-Length");
    QTest::newRow("bad chunk size") << QByteArray(
        "POST /v1/messages HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
                                    << 400 << QStringLiteral("chunk size");
    QTest::newRow("http/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 505
                                    << QStringLiteral("HTTP version");
}

void TestProxyHttpServer::malformedRequestsGetAnErrorEnvelope()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QString, reason);
    RawClient client(m_server->port());
    client.send(request);
    const QByteArray response = client.readResponses(1);
    QVERIFY2(response.startsWith(QByteArray("HTTP/1.1 " + QByteArray::number(status) + ' ')),
        response.left(200).constData());
    QVERIFY(response.contains("Connection: close"));
    const QJsonObject envelope = QJsonDocument::fromJson(response.mid(response.indexOf("\r\n\r\n") + 4)).object();
    QCOMPARE(envelope.value(QLatin1String("type")).toString(), QStringLiteral("error"));
    const QString message
        = envelope.value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString();
    QVERIFY2(message.contains(reason), qPrintable(message));
    QVERIFY(client.waitForDisconnect(5000));
    QCOMPARE(m_handler->requests.size(), 0);
}

void TestProxyHttpServer::requestTargetsAreDecoded()
{
    RawClient client(m_server->port());
    client.send("POST /v1/messages?beta=true HTTP/1.1\r\nHost: x\r\nX-Api-Key: k\r\nContent-Length: 2\r\n\r\n{}"
                "GET http://127.0.0.1:8000/api/v1/claude-code/v1/models?limit=5 HTTP/1.1\r\nHost: x\r\n\r\n"
                "GET /v1/mod%65ls HTTP/1.1\r\nHost: x\r\n\r\n");
    client.readResponses(3);
    QCOMPARE(m_handler->requests.size(), 3);
    const IncomingRequest &first = m_handler->requests.at(0);
    QCOMPARE(first.method, QByteArray("POST"));
    QCOMPARE(first.path, QStringLiteral("/v1/messages"));
    QCOMPARE(first.query, QByteArray("beta=true"));
    QCOMPARE(first.header("x-api-key"), QByteArray("k")); // names are lower-cased
    QCOMPARE(first.body, QByteArray("{}"));
    QCOMPARE(first.peerAddress, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(m_handler->requests.at(1).path, QStringLiteral("/api/v1/claude-code/v1/models"));
    QCOMPARE(m_handler->requests.at(1).query, QByteArray("limit=5"));
    QCOMPARE(m_handler->requests.at(2).path, QStringLiteral("/v1/models"));
}

void TestProxyHttpServer::chunkedBodyIsJoined()
{
    RawClient client(m_server->port());
    client.send("POST /v1/messages HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                "4\r\n{\"a\"\r\n3;ext=1\r\n:1}\r\n0\r\nX-Trailer: y\r\n\r\n");
    QVERIFY(client.readResponses(1).contains("\"bytes\":7"));
    QCOMPARE(m_handler->requests.size(), 1);
    QCOMPARE(m_handler->requests.constFirst().body, QByteArray("{\"a\":1}"));
}

void TestProxyHttpServer::manyPipelinedRequestsAreAllAnswered()
{
    // More requests than the connection reads ahead: the rest wait in the socket and are answered in order.
    const int count = int(ClientConnection::kMaxWaitingRequests) * 3;
    QByteArray burst;
    for (int i = 0; i < count; ++i)
        burst += "GET /r" + QByteArray::number(i) + " HTTP/1.1\r\nHost: x\r\n\r\n";
    RawClient client(m_server->port());
    client.send(burst);
    const QByteArray responses = client.readResponses(count);
    QCOMPARE(responses.count("HTTP/1.1 200 "), count);
    qsizetype previous = -1;
    for (int i = 0; i < count; ++i) {
        const qsizetype at = responses.indexOf(QByteArray("\"/r" + QByteArray::number(i) + "\""));
        QVERIFY2(at > previous, qPrintable(QStringLiteral("answer %1 out of order").arg(i)));
        previous = at;
    }
}

void TestProxyHttpServer::pipelinedRequestsAreAnsweredInOrder()
{
    m_handler->delayedMs = 200;
    RawClient client(m_server->port());
    client.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /second HTTP/1.1\r\nHost: x\r\n\r\n");
    const QByteArray responses = client.readResponses(2);
    const qsizetype slow = responses.indexOf("{\"slow\":true}");
    const qsizetype second = responses.indexOf("\"/second\"");
    QVERIFY2(slow > 0 && second > 0, responses.constData());
    QVERIFY(slow < second); // the slow answer first, complete, then the second
}

void TestProxyHttpServer::connectionCloseIsHonoured()
{
    RawClient client(m_server->port());
    client.send("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QVERIFY(client.readResponses(1).contains("Connection: close"));
    QVERIFY(client.waitForDisconnect(5000));

    RawClient http10(m_server->port());
    http10.send("GET /health HTTP/1.0\r\n\r\n");
    QVERIFY(http10.readResponses(1).startsWith("HTTP/1.1 200"));
    QVERIFY(http10.waitForDisconnect(5000));
}

void TestProxyHttpServer::idleConnectionsAreClosed()
{
    m_limits.keepAliveIdleMs = 200;
    RawClient client(m_server->port());
    client.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(client.readResponses(1).startsWith("HTTP/1.1 200"));
    QVERIFY(client.waitForDisconnect(5000));
}

void TestProxyHttpServer::connectionCapAnswers529()
{
    m_limits.maxConnections = 2;
    RawClient first(m_server->port());
    RawClient second(m_server->port());
    QTRY_COMPARE(m_server->openConnectionCount(), 2);
    RawClient third(m_server->port());
    const QByteArray response = third.readResponses(1);
    QVERIFY2(response.startsWith("HTTP/1.1 529 "), response.constData());
    QVERIFY(response.contains("overloaded_error"));
    // The first two still work.
    first.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(first.readResponses(1).startsWith("HTTP/1.1 200"));
}

void TestProxyHttpServer::clientLeavingMidStreamIsReportedAndSafe()
{
    auto *client = new RawClient(m_server->port());
    client->send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
    const QByteArray head = client->readUntil([](const QByteArray &b) { return b.contains("ping"); });
    QVERIFY(head.contains("Transfer-Encoding: chunked"));
    QVERIFY(head.contains("\r\n16\r\nevent: ping\ndata: {}\n\n\r\n")); // one chunk per event
    QCOMPARE(m_handler->streams.size(), size_t(1));
    ClientResponse *stream = m_handler->streams.front().get();
    QSignalSpy left(stream, &ClientResponse::clientDisconnected);
    delete client;
    QVERIFY(left.wait(5000));
    QVERIFY(!stream->isClientConnected());
    stream->writeChunk("event: ping\ndata: {}\n\n"); // dropped, no crash
    stream->endStream();
    QCOMPARE(left.count(), 1);
}

void TestProxyHttpServer::portInUseIsReported()
{
    ScriptedHandler handler;
    ProxyHttpServer second(&handler);
    QString error;
    QVERIFY(!second.listen(QHostAddress::LocalHost, m_server->port(), &error));
    QVERIFY2(error.contains(QStringLiteral("already in use")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestProxyHttpServer)
#include "TestProxyHttpServer.moc"
