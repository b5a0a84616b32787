#include "FakeProxyServer.h"
#include "ScriptedUpstreamServer.h"

#include "upstream/UpstreamClient.h"
#include "upstream/UpstreamExchange.h"
#include "upstream/UpstreamProxyRules.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <zlib.h>

namespace {

// Everything one exchange emitted, in order.
class Recorder : public QObject
{
public:
    explicit Recorder(UpstreamExchange *exchange)
        : m_exchange(exchange)
    {
        connect(exchange, &UpstreamExchange::responseStarted, this, [this](int status, const HttpHeaderList &headers) {
            events.append("started");
            this->status = status;
            this->headers = headers;
        });
        connect(exchange, &UpstreamExchange::bodyData, this, [this](const QByteArray &data) {
            if (events.isEmpty() || events.last() != "data")
                events.append("data");
            ++dataSignals;
            body += data;
        });
        connect(exchange, &UpstreamExchange::finished, this, [this] {
            events.append("finished");
            ++finishedSignals;
        });
        connect(exchange, &UpstreamExchange::failed, this, [this](const UpstreamError &e) {
            events.append("failed");
            ++failedSignals;
            error = e;
        });
    }

    bool done() const { return finishedSignals + failedSignals > 0; }
    int signalCount() const { return int(events.size()) + dataSignals; }
    QByteArray header(const QByteArray &lowercaseName) const
    {
        for (const auto &h : headers) {
            if (h.first.toLower() == lowercaseName)
                return h.second;
        }
        return QByteArray();
    }
    bool hasHeader(const QByteArray &lowercaseName) const
    {
        for (const auto &h : headers) {
            if (h.first.toLower() == lowercaseName)
                return true;
        }
        return false;
    }

    QPointer<UpstreamExchange> m_exchange;
    QList<QByteArray> events; // "started", "data" (consecutive ones folded), "finished", "failed"
    int status = 0;
    HttpHeaderList headers;
    QByteArray body;
    int dataSignals = 0;
    int finishedSignals = 0;
    int failedSignals = 0;
    UpstreamError error;
};

UpstreamRequest post(const QUrl &url, const QByteArray &body = QByteArrayLiteral("{\"model\":\"m\"}"))
{
    UpstreamRequest request;
    request.url = url;
    request.method = "POST";
    request.headers = {{"content-type", "application/json"}, {"x-api-key", "sk-test-secret"}};
    request.body = body;
    return request;
}

QByteArray claudeSizedBody()
{
    QByteArray body = "{\"model\":\"claude-sonnet\",\"messages\":[{\"role\":\"user\",\"content\":\"";
    while (body.size() < 50 * 1024)
        body += "lorem ipsum dolor sit amet ";
    return body + "\"}]}";
}

QByteArray compress(const QByteArray &data, int windowBits)
{
    z_stream z {};
    deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&z, uLong(data.size()))) + 64, Qt::Uninitialized);
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    deflate(&z, Z_FINISH);
    out.resize(qsizetype(z.total_out));
    deflateEnd(&z);
    return out;
}

// Deterministic bytes that reveal a lost, duplicated or reordered piece.
QByteArray patternBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char((i * 131 + i / 4093) & 0xFF);
    return bytes;
}

// Starts `server` answering every request with 200 and `body`.
bool answerEveryRequest(ScriptedUpstreamServer &server, const QByteArray &body = QByteArrayLiteral("{}"))
{
    return server.start([body](ScriptedConnection &connection, const ScriptedRequest &) {
        connection.send(Http::response(200, body));
    });
}

// A platform named by a host name that resolves nowhere: only a proxy that connects it to 127.0.0.1 reaches it.
QUrl namedPlatformUrl(const ScriptedUpstreamServer &server, const QString &scheme = QStringLiteral("http"))
{
    return QUrl(QStringLiteral("%1://platform.example:%2/v1/messages").arg(scheme).arg(server.serverPort()));
}

UpstreamProxyRules rulesFor(const QString &proxyUrl, const QString &noProxy = QString())
{
    QString error;
    const std::optional<UpstreamProxy> proxy = UpstreamProxy::fromUrl(proxyUrl, &error);
    Q_ASSERT(proxy);
    return UpstreamProxyRules::manual(*proxy, noProxy);
}

// A port on 127.0.0.1 on which nothing listens.
quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

} // namespace

Q_DECLARE_METATYPE(UpstreamFailure)

class TestUpstreamClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();

    void jsonResponse();
    void failuresAreNeverEmittedInsideSend();
    void sseIsStreamedEventByEvent();
    void interimAndNoBodyResponses();
    void keepAliveReuse();
    void sendFromFinishedSlotReusesTheConnection();
    void connectionNotReusedWhenTheResponseSaysSo_data();
    void connectionNotReusedWhenTheResponseSaysSo();
    void idlePool();
    void idleConnectionClosedByPeerIsDiscarded();
    void concurrentStreamsToOneOrigin();
    void contentEncodingDecoded_data();
    void contentEncodingDecoded();
    void unsupportedContentEncodingPassesThrough();
    void corruptGzipIsMalformed();
    void connectionRefused();
    void hostNotFound();
    void connectTimeout();
    void firstByteTimeout();
    void idleTimeout();
    void idleTimerDoesNotRunWhilePaused();
    void totalTimeout();
    void serverClosesMidBody_data();
    void serverClosesMidBody();
    void closeDelimitedBodyFinishesNormally();
    void malformedResponse();
    void staleConnectionIsRetriedOnce();
    void noRetryOnceResponseBytesArrived();
    void noRetryOnFreshConnection();
    void abortMidStream();
    void abortAfterFinishIsANoOp();
    void deleteInsideSignals_data();
    void deleteInsideSignals();
    void deleteRightAfterSend();
    void exchangeOutlivesItsClient();
    void pauseAppliesBackPressure();
    void pauseInsideEveryBodyData();
    void pausedWhenThePeerCloses();
    void nestedEventLoopInsideASlot();
    void tlsSelfSignedCertificateIsRejected();
    void tlsWithTrustedCertificate();

    void throughAnHttpProxy();
    void tlsThroughAnHttpProxy();
    void proxyCredentials();
    void proxyWithoutCredentials();
    void proxyRefusals_data();
    void proxyRefusals();
    void proxyNotRunning();
    void loopbackAndNoProxyHostsGoDirect();
    void newProxyRulesCloseThePool();
    void throughASocks5Proxy();
    void socks5ProxyRefusals();

private:
    // Self-signed certificate for 127.0.0.1 and platform.example, made with openssl at start (empty if it could
    // not be made).
    QTemporaryDir m_tlsDir;
    QSslCertificate m_certificate;
    QSslKey m_key;
    QString m_tlsSkipReason;

    // A TLS server with the test certificate that streams "data: secure" to every request.
    bool startSecureStream(ScriptedUpstreamServer &server) const;
    // The system's TLS settings, trusting the test certificate.
    QSslConfiguration trustingTestCertificate() const;
};

bool TestUpstreamClient::startSecureStream(ScriptedUpstreamServer &server) const
{
    server.useTls(m_certificate, m_key);
    return server.start([&](ScriptedConnection &connection, const ScriptedRequest &) {
        connection.send(Http::chunkedHead() + Http::chunk("data: secure\n\n"));
        connection.sendLater(50, Http::lastChunk());
    });
}

QSslConfiguration TestUpstreamClient::trustingTestCertificate() const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates({m_certificate});
    return configuration;
}

void TestUpstreamClient::initTestCase()
{
    qRegisterMetaType<UpstreamError>("UpstreamError");
    qRegisterMetaType<HttpHeaderList>("HttpHeaderList");

    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (!QSslSocket::supportsSsl()) {
        m_tlsSkipReason = QStringLiteral("Qt has no TLS backend here");
        return;
    }
    if (openssl.isEmpty()) {
        m_tlsSkipReason = QStringLiteral("openssl is not installed, cannot make a test certificate");
        return;
    }
    const QString keyPath = m_tlsDir.filePath(QStringLiteral("key.pem"));
    const QString certPath = m_tlsDir.filePath(QStringLiteral("cert.pem"));
    QProcess process;
    process.start(openssl,
        {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
            QStringLiteral("-nodes"), QStringLiteral("-keyout"), keyPath, QStringLiteral("-out"), certPath,
            QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
            QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:platform.example")});
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        m_tlsSkipReason = QStringLiteral("openssl could not make a certificate: %1")
                              .arg(QString::fromLocal8Bit(process.readAllStandardError()));
        return;
    }
    QFile certFile(certPath);
    QFile keyFile(keyPath);
    if (certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly)) {
        m_certificate = QSslCertificate(&certFile, QSsl::Pem);
        m_key = QSslKey(&keyFile, QSsl::Rsa, QSsl::Pem);
    }
    if (m_certificate.isNull() || m_key.isNull())
        m_tlsSkipReason = QStringLiteral("the generated certificate could not be loaded");
}

void TestUpstreamClient::jsonResponse()
{
    const QByteArray json = "{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[]}";
    ScriptedUpstreamServer server;
    QVERIFY(server.start([&](ScriptedConnection &connection, const ScriptedRequest &) {
        connection.send(Http::head(200, "OK",
                            {{"Content-Type", "application/json"}, {"request-id", "req_1"},
                                {"Content-Length", QByteArray::number(json.size())}})
            + json);
    }));
    UpstreamClient client;
    const QByteArray body = claudeSizedBody();
    UpstreamRequest request = post(server.url(QStringLiteral("/v1/messages?beta=true")), body);
    request.headers.append(qMakePair(QByteArray("Accept-Encoding"), QByteArray("gzip")));
    request.headers.append(qMakePair(QByteArray("Connection"), QByteArray("close")));
    UpstreamExchange *exchange = client.send(request);
    Recorder recorder(exchange);
    QTRY_VERIFY(recorder.done());

    QCOMPARE(recorder.events, QList<QByteArray>({"started", "data", "finished"}));
    QCOMPARE(recorder.status, 200);
    QCOMPARE(exchange->statusCode(), 200);
    QCOMPARE(recorder.body, json);
    QCOMPARE(exchange->responseHeader("request-id"), QByteArray("req_1"));
    QCOMPARE(exchange->responseHeader("content-type"), QByteArray("application/json"));
    QVERIFY(exchange->isFinished());
    QVERIFY(!exchange->reusedConnection());

    // Timings are ordered.
    QVERIFY(exchange->connectedAtUs() >= 0);
    QVERIFY(exchange->requestWrittenAtUs() >= exchange->connectedAtUs());
    QVERIFY(exchange->firstByteAtUs() >= exchange->requestWrittenAtUs());
    QVERIFY(exchange->finishedAtUs() >= exchange->firstByteAtUs());

    // What the server received.
    QCOMPARE(server.requests().size(), 1);
    const ScriptedRequest &received = server.requests().first();
    QCOMPARE(received.method, QByteArray("POST"));
    QCOMPARE(received.target, QByteArray("/v1/messages?beta=true"));
    QCOMPARE(received.body, body);
    QCOMPARE(received.header("host"), QByteArray("127.0.0.1:") + QByteArray::number(server.serverPort()));
    QCOMPARE(received.header("content-length"), QByteArray::number(body.size()));
    QCOMPARE(received.header("x-api-key"), QByteArray("sk-test-secret"));
    QCOMPARE(received.header("accept-encoding"), QByteArray("identity"));
    QCOMPARE(received.headerCount("accept-encoding"), 1);
    QCOMPARE(received.header("connection"), QByteArray("keep-alive"));
    QCOMPARE(received.headerCount("connection"), 1);

    QCOMPARE(client.connectionsOpened(), 1);
    QCOMPARE(client.activeConnectionCount(), 0);
    QCOMPARE(client.idleConnectionCount(), 1);
}

void TestUpstreamClient::failuresAreNeverEmittedInsideSend()
{
    UpstreamClient client;
    // An invalid URL and a refused connection: both must be reported from the event loop, after send()
    // returned and the caller connected its slots.
    UpstreamRequest invalid;
    invalid.url = QUrl(QStringLiteral("ftp://127.0.0.1/x"));
    UpstreamExchange *first = client.send(invalid);
    Recorder firstRecorder(first);
    UpstreamExchange *second = client.send(post(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(closedPort()))));
    Recorder secondRecorder(second);
    QTRY_VERIFY(firstRecorder.done() && secondRecorder.done());
    QCOMPARE(firstRecorder.events, QList<QByteArray>({"failed"}));
    QCOMPARE(firstRecorder.error.failure, UpstreamFailure::NetworkError);
    QVERIFY(firstRecorder.error.message.contains(QStringLiteral("invalid request")));
    QCOMPARE(secondRecorder.events, QList<QByteArray>({"failed"}));
    QCOMPARE(secondRecorder.error.failure, UpstreamFailure::ConnectionRefused);
}

void TestUpstreamClient::sseIsStreamedEventByEvent()
{
    const QList<QByteArray> events = {
        "event: message_start\ndata: {\"type\":\"message_start\"}\n\n",
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"text\":\"Hel\"}}\n\n",
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"text\":\"lo\"}}\n\n",
        "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
    };
    bool serverSentLastChunk = false;
    ScriptedUpstreamServer server;
    QVERIFY(server.start([&](ScriptedConnection &connection, const ScriptedRequest &) {
        connection.send(Http::chunkedHead() + Http::chunk(events[0]));
        for (int i = 1; i < events.size(); ++i)
            connection.sendLater(100 * i, Http::chunk(events[i]));
        QTimer::singleShot(100 * int(events.size()), &connection, [&serverSentLastChunk, &connection] {
            serverSentLastChunk = true;
            connection.send(Http::lastChunk());
        });
    }));
    UpstreamClient client;
    UpstreamExchange *exchange = client.send(post(server.url()));
    Recorder recorder(exchange);
    QList<QByteArray> pieces;
    bool dataAfterEnd = false;
    bool dataWhileFinished = false;
    connect(exchange, &UpstreamExchange::bodyData, &recorder, [&](const QByteArray &data) {
        pieces.append(data);
        dataAfterEnd = dataAfterEnd || serverSentLastChunk;
        dataWhileFinished = dataWhileFinished || exchange->isFinished();
    });
    QTRY_VERIFY(recorder.done());
    QCOMPARE(recorder.events, QList<QByteArray>({"started", "data", "finished"}));
    // Each event was delivered as it arrived, before the server ended the stream.
    QCOMPARE(pieces, events);
    QVERIFY(!dataAfterEnd);
    QVERIFY(!dataWhileFinished);
    QCOMPARE(recorder.header("transfer-encoding"), QByteArray("chunked"));
    QCOMPARE(client.idleConnectionCount(), 1);
}

void TestUpstreamClient::interimAndNoBodyResponses()
{
    ScriptedUpstreamServer server;
    QVERIFY(server.start([&](ScriptedConnection &connection, const ScriptedRequest &request) {
        if (request.target == "/continue") {
            connection.send("HTTP/1.1 100 Continue\r\n\r\n");
            connection.sendLater(20, "HTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n");
            connection.sendLater(40, Http::response(200, "{\"ok\":1}"));
        } else if (request.target == "/empty") {
            connection.send("HTTP/1.1 204 No Content\r\nX-Id: 7\r\n\r\n");
        } else {
            // HEAD: a Content-Length but no body.
            connection.send("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n");
        }
    }));
    UpstreamClient client;
    Recorder interim(client.send(post(server.url(QStringLiteral("/continue")))));
    QTRY_VERIFY(interim.done());
    QCOMPARE(interim.events, QList<QByteArray>({"started", "data", "finished"}));
    QCOMPARE(interim.status, 200);
    QCOMPARE(interim.body, QByteArray("{\"ok\":1}"));

    Recorder empty(client.send(post(server.url(QStringLiteral("/empty")))));
    QTRY_VERIFY(empty.done());
    QCOMPARE(empty.events, QList<QByteArray>({"started", "finished"}));
    QCOMPARE(empty.status, 204);

    UpstreamRequest head = post(server.url(QStringLiteral("/head")), QByteArray());
    head.method = "HEAD";
    Recorder headRecorder(client.send(head));
    QTRY_VERIFY(headRecorder.done());
    QCOMPARE(headRecorder.events, QList<QByteArray>({"started", "finished"}));
    QCOMPARE(headRecorder.header("content-length"), QByteArray("1234"));
    // All three on one connection: nothing was misread as the start of the next response.
    QCOMPARE(client.connectionsOpened(), 1);
    QCOMPARE(server.connectionCount(), 1);
}

void TestUpstreamClient::keepAliveReuse()
{
    ScriptedUpstreamServer server;
    QVERIFY(server.start([&](ScriptedConnection &connection, const ScriptedRequest &request) {
        connection.send(Http::response(200, "{\"n\":" + QByteArray::number(connection.requestsSeen()) + "}"));
        Q_UNUSED(request);
    }));
    UpstreamClient client;
    for (int i = 1; i <= 5; ++i) {
        UpstreamExchange *exchange = client.send(post(server.url(), claudeSizedBody()));
        Recorder recorder(exchange);
        QTRY_VERIFY(recorder.done());
        QCOMPARE(recorder.events.last(), QByteArray("finished"));
        QCOMPARE(recorder.body, "{\"n\":" + QByteArray::number(i) + "}");
        QCOMPARE(exchange->reusedConnection(), i > 1);
        if (i > 1)
            QVERIFY(exchange->connectedAtUs() <= exchange->requestWrittenAtUs());
        QCOMPARE(client.connectionsOpened(), 1);
        QCOMPARE(client.idleConnectionCount(), 1);
        QCOMPARE(client.activeConnectionCount(), 0);
        delete exchange;
    }
    QCOMPARE(server.connectionCount(), 1);
    QCOMPARE(server.requests().size(), 5);
}

void TestUpstreamClient::sendFromFinishedSlotReusesTheConnection()
{
    ScriptedUpstreamServer server;
    QVERIFY(server.start(
        [&](ScriptedConnection &connection, const ScriptedRequest &) { connection.send(Http::response(200, "{}")); }));
    UpstreamClient client;
    QList<QPointer<UpstreamExchange>> chain;
    std::function<void()> sendNext = [&] {
        UpstreamExchange *exchange = client.send(post(server.url()));
        chain.append(exchange);
        connect(exchange, &UpstreamExchange::finished, exchange, [&, exchange] {
            exchange->deleteLater();
            if (chain.size() < 4)
                sendNext();
        });
    };
    sendNext();
    QTRY_COMPARE(server.requests().size(), 4);
    QTRY_VERIFY(!chain.last());
    QCOMPARE(client.connectionsOpened(), 1);
    QCOMPARE(server.connectionCount(), 1);
}

void TestUpstreamClient::connectionNotReusedWhenTheResponseSaysSo_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::newRow("connection close") << QByteArray(
        "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}");
    QTest::newRow("HTTP/1.0") << QByteArray("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n{}");
    QTest::newRow("bytes after the response") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}junk");
    QTest::newRow("both framings") << QByteArray(
        "HTTP/1.1 200 OK\r\nContent-Length: 9\r\nTransfer-Encoding: chunked\r\n\r\n"
        "2\r\n{}\r\n0\r\n\r\n");
}

void TestUpstreamClient::connectionNotReusedWhenTheResponseSaysSo()
{
    QFETCH(QByteArray, response);
    ScriptedUpstreamServer server;
    QVERIFY(server.start([&](ScriptedConnection &connection, const ScriptedRequest &) { connection.send(response); }));
    UpstreamClient client;
    for (int i = 0; i < 2; ++i) {
        Recorder recorder(client.send(post(server.url())));
        QTRY_VERIFY(recorder.done());
        QCOMPARE(recorder.events.last(), QByteArray("finished"));
        QCOMPARE(recorder.body, QByteArray("{}"));
        QCOMPARE(client.idleConnectionCount(), 0);
    }
    QCOMPARE(client.connectionsOpened(), 2);
    QTRY_COMPARE(server.closedByPeerCount(), 2); // the client closed both
}

void TestUpstreamClient::idlePool()
{
    ScriptedUpstreamServer server;
    QList<ScriptedConnection *> held;
    QVERIFY(server.start([&](ScriptedConnection &connection, const ScriptedRequest &) {
        held.append(&connection);
        if (held.size() == 3) {
            for (ScriptedConnection *c : held)
                c->send(Http::response(200, "{}"));
        }
    }));
    UpstreamClient client;
    client.setMaxIdleConnectionsPerOrigin(2);
    client.setIdleConnectionTimeoutMs(300);
    // Three at once: three connections; only two are kept idle afterwards.
    QList<Recorder *> recorders;
    for (int i = 0; i < 3; ++i)
        recorders.append(new Recorder(client.send(post(server.url()))));
    QTRY_VERIFY(recorders[0]->done() && recorders[1]->done() && recorders[2]->done());
    qDeleteAll(recorders);
    QCOMPARE(client.connectionsOpened(), 3);
    QCOMPARE(client.idleConnectionCount(), 2);
    QTRY_COMPARE(server.closedByPeerCount(), 1);

    // The idle timeout closes the rest.
    QTRY_COMPARE_WITH_TIMEOUT(client.idleConnectionCount(), 0, 5000);
    QTRY_COMPARE(server.closedByPeerCount(), 3);

    // closeIdleConnections() empties the pool at once.
    client.setIdleConnectionTimeoutMs(30000);
    held.clear();
    server.setHandler(
        [&](ScriptedConnection &connection, const ScriptedRequest &) { connection.send(Http::response(200, "{}")); });
    Recorder again(client.send(post(server.url())));
    QTRY_VERIFY(again.done());
    QCOMPARE(client.idleConnectionCount(), 1);
    client.closeIdleConnections();
    QCOMPARE(client.idleConnectionCount(), 0);
    QTRY_COMPARE(server.closedByPeerCount(), 4);
}

void TestUpstreamClient::idleConnectionClosedByPeerIsDiscarded()
{
    ScriptedUpstreamServer server;
    QVERIFY(server.start(
        [&](ScriptedConnection &connection, const ScriptedRequest &) { connection.send(Http::response(200, "{}")); }));
    UpstreamClient client;
    Recorder first(client.send(post(server.url())));
    QTRY_VERIFY(first.done());
    QCOMPARE(client.idleConnectionCount(), 1);
    server.connection(0)->close();
    QTRY_COMPARE(client.idleConnectionCount(), 0);

    // An idle connection on which the server sends something unasked is discarded too.
    Recorder second(client.send(post(server.url())));
    QTRY_VERIFY(second.done());
    QCOMPARE(client.idleConnectionCount(), 1);
    server.connection(1)->send("HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\n\r\n");
    QTRY_COMPARE(client.idleConnectionCount(), 0);

    Recorder third(client.send(post(server.url())));
    QTRY_VERIFY(third.done());
    QCOMPARE(third.events.last(), QByteArray("finished"));
    UpstreamExchange *thirdExchange = third.m_exchange;
    QVERIFY(!thirdExchange->reusedConnection());
    QVERIFY(!thirdExchange->retriedOnFreshConnection());
    QCOMPARE(client.connectionsOpened(), 3);
}

void TestUpstreamClient::concurrentStreamsToOneOrigin()
{
    constexpr int kStreams = 200;
    constexpr int kFollowUps = 8;
    constexpr int kIntervalMs = 150;
    ScriptedUpstreamServer server;
    QVERIFY(server.start([&](ScriptedConnection &connection, const ScriptedRequest &) {
        // A slow stream: the first event at once, then one every interval, then the end (~1.2 s in all).
        connection.send(Http::chunkedHead() + Http::chunk("event: message_start\ndata: {}\n\n"));
        for (int i = 1; i <= kFollowUps; ++i)
            connection.sendLater(kIntervalMs * i, Http::chunk("event: ping\ndata: {}\n\n"));
        connection.sendLater(kIntervalMs * (kFollowUps + 1), Http::lastChunk());
    }));
    UpstreamClient client;
    QObject owner;
    int firstChunks = 0;
    int finishedCount = 0;
    int failedCount = 0;
    int startedWhenFirstFinished = -1;
    int maxActive = 0;
    QElapsedTimer clock;
    clock.start();
    qint64 allStartedAtMs = -1;
    for (int i = 0; i < kStreams; ++i) {
        UpstreamExchange *exchange = client.send(post(server.url()), &owner);
        auto seen = std::make_shared<bool>(false);
        connect(exchange, &UpstreamExchange::bodyData, &owner, [&, seen] {
            if (!*seen) {
                *seen = true;
                if (++firstChunks == kStreams)
                    allStartedAtMs = clock.elapsed();
            }
            maxActive = qMax(maxActive, client.activeConnectionCount());
        });
        connect(exchange, &UpstreamExchange::finished, &owner, [&] {
            if (startedWhenFirstFinished < 0)
                startedWhenFirstFinished = firstChunks;
            ++finishedCount;
        });
        connect(exchange, &UpstreamExchange::failed, &owner, [&](const UpstreamError &error) {
            qWarning() << "stream failed:" << error.message;
            ++failedCount;
        });
    }
    QTRY_VERIFY_WITH_TIMEOUT(finishedCount + failedCount == kStreams, 60000);
    QCOMPARE(failedCount, 0);
    // Every stream had started before the first one ended: nothing waited for a free connection.
    QCOMPARE(startedWhenFirstFinished, kStreams);
    qInfo("all %d streams received their first event %lld ms after the first send", kStreams, allStartedAtMs);
    QCOMPARE(maxActive, kStreams);
    QCOMPARE(client.connectionsOpened(), kStreams);
    QCOMPARE(server.connectionCount(), kStreams);
    QCOMPARE(client.activeConnectionCount(), 0);
    QCOMPARE(client.idleConnectionCount(), 64); // the default idle cap per origin
}

void TestUpstreamClient::contentEncodingDecoded_data()
{
    QTest::addColumn<QByteArray>("coding");
    QTest::addColumn<int>("windowBits");
    QTest::addColumn<bool>("chunked");
    QTest::newRow("gzip, content-length") << QByteArray("gzip") << 31 << false;
    QTest::newRow("gzip, chunked in small pieces") << QByteArray("gzip") << 31 << true;
    QTest::newRow("deflate zlib, chunked") << QByteArray("deflate") << 15 << true;
    QTest::newRow("deflate raw, content-length") << QByteArray("deflate") << -15 << false;
}

void TestUpstreamClient::contentEncodingDecoded()
{
    QFETCH(QByteArray, coding);
    QFETCH(int, windowBits);
    QFETCH(bool, chunked);
    QByteArray plain;
    for (int i = 0; i < 3000; ++i)
        plain += "event: content_block_delta\ndata: {\"text\":\"" + QByteArray::number(i) + "\"}\n\n";
    const QByteArray encoded = compress(plain, windowBits);
    ScriptedUpstreamServer server;
    QVERIFY(server.start([&](ScriptedConnection &connection, const ScriptedRequest &) {
        if (!chunked) {
            connection.send(Http::head(200, "OK",
                                {{"Content-Type", "text/event-stream"}, {"Content-Encoding", coding},
                                    {"Content-Length", QByteArray::number(encoded.size())}})
                + encoded);
            return;
        }
        connection.send(Http::head(200, "OK", {{"Content-Encoding", coding}, {"Transfer-Encoding", "chunked"}}));
        int delay = 0;
        for (qsizetype at = 0; at < encoded.size(); at += 777)
            connection.sendLater(delay++ / 4, Http::chunk(encoded.mid(at, 777)));
        connection.sendLater(delay / 4 + 1, Http::lastChunk());
    }));
    UpstreamClient client;
    Recorder recorder(client.send(post(server.url())));
    QTRY_VERIFY(recorder.done());
    QCOMPARE(recorder.events.last(), QByteArray("finished"));
    QCOMPARE(recorder.body.size(), plain.size());
    QVERIFY(recorder.body == plain);
    QVERIFY(!recorder.hasHeader("content-encoding"));
    QVERIFY(!recorder.hasHeader("content-length"));
    QCOMPARE(server.requests().first().header("accept-encoding"), QByteArray("identity"));
}

void TestUpstreamClient::unsupportedContentEncodingPassesThrough()
{
    const QByteArray opaque = "\x0b\x02\x80hello\x03";
    ScriptedUpstreamServer server;
    QVERIFY(server.start([&](ScriptedConnection &connection, const ScriptedRequest &) {
        connection.send(
            Http::head(200, "OK", {{"Content-Encoding", "br"}, {"Content-Length", QByteArray::number(opaque.size())}})
            + opaque);
    }));
    UpstreamClient client;
    Recorder recorder(client.send(post(server.url())));
    QTRY_VERIFY(recorder.done());
    QCOMPARE(recorder.events.last(), QByteArray("finished"));
    QCOMPARE(recorder.body, opaque);
    QCOMPARE(recorder.header("content-encoding"), QByteArray("br"));
}

void TestUpstreamClient::corruptGzipIsMalformed()
{
    ScriptedUpstreamServer server;
    QVERIFY(server.start([&](ScriptedConnection &connection, const ScriptedRequest &) {
        connection.send(
            Http::head(200, "OK", {{"Content-Encoding", "gzip"}, {"Content-Length", "12"}}) + "not gzip!!!!");
    }));
    UpstreamClient client;
    Recorder recorder(client.send(post(server.url())));
    QTRY_VERIFY(recorder.done());
    QCOMPARE(recorder.events, QList<QByteArray>({"started", "failed"}));
    QCOMPARE(recorder.error.failure, UpstreamFailure::MalformedResponse);
    QVERIFY(recorder.error.responseStarted);
    QVERIFY2(recorder.error.message.contains(QStringLiteral("gzip")), qPrintable(recorder.error.message));
    QCOMPARE(client.idleConnectionCount(), 0);
}

void TestUpstreamClient::connectionRefused()
{
    UpstreamClient client;
    Recorder recorder(client.send(post(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/messages").arg(closedPort())))));
    QTRY_VERIFY(recorder.done());
    QCOMPARE(recorder.events, QList<QByteArray>({"failed"}));
    QCOMPARE(recorder.error.failure, UpstreamFailure::ConnectionRefused);
    QVERIFY(!recorder.error.responseStarted);
    QCOMPARE(upstreamFailureName(recorder.error.failure), QStringLiteral("connection_refused"));
    QVERIFY(!recorder.error.message.contains(QStringLiteral("sk-test-secret")));
    QCOMPARE(client.activeConnectionCount(), 0);
    QCOMPARE(client.idleConnectionCount(), 0);
}

void TestUpstreamClient::hostNotFound()
{
    UpstreamClient client;
    UpstreamRequest request = post(QUrl(QStringLiteral("http://switchyard-upstream-test.invalid/v1/messages")));
    request.timeouts.connectMs = 30000;
    Recorder recorder(client.send(request));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.done(), 35000);
    QCOMPARE(recorder.events, QList<QByteArray>({"failed"}));
    QCOMPARE(recorder.error.failure, UpstreamFailure::HostNotFound);
    QVERIFY(recorder.error.message.contains(QStringLiteral("switchyard-upstream-test.invalid")));
}

void TestUpstreamClient::connectTimeout()
{
    // A plain TCP connection to loopback is established at once, so make the TLS half of "connect" hang: the
    // server accepts and never answers the ClientHello.
    if (!QSslSocket::supportsSsl())
        QSKIP("Qt has no TLS backend here");
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    QList<QTcpSocket *> accepted;
    connect(&silent, &QTcpServer::newConnection, &silent, [&] { accepted.append(silent.nextPendingConnection()); });
    UpstreamClient client;
    UpstreamRequest request = post(QUrl(QStringLiteral("https://127.0.0.1:%1/").arg(silent.serverPort())));
    request.timeouts.connectMs = 300;
    QElapsedTimer clock;
    clock.start();
    Recorder recorder(client.send(request));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.done(), 10000);
    QCOMPARE(recorder.events, QList<QByteArray>({"failed"}));
    QCOMPARE(recorder.error.failure, UpstreamFailure::ConnectTimeout);
    QVERIFY(clock.elapsed() >= 250);
    QCOMPARE(accepted.size(), 1);
    QTRY_COMPARE(accepted.first()->state(), QAbstractSocket::UnconnectedState); // the client closed it
}

void TestUpstreamClient::firstByteTimeout()
{
    ScriptedUpstreamServer server;
    QVERIFY(server.start([](ScriptedConnection &, const ScriptedRequest &) {})); // reads, never answers
    UpstreamClient client;
    UpstreamRequest request = post(server.url());
    request.timeouts.firstByteMs = 300;
    QElapsedTimer clock;
    clock.start();
    Recorder recorder(client.send(request));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.done(), 10000);
    QCOMPARE(recorder.events, QList<QByteArray>({"failed"}));
    QCOMPARE(recorder.error.failure, UpstreamFailure::FirstByteTimeout);
    QVERIFY(!recorder.error.responseStarted);
    QVERIFY(clock.elapsed() >= 250);
    QCOMPARE(server.requests().size(), 1);
    QTRY_COMPARE(server.closedByPeerCount(), 1); // the connection was closed, not pooled
    QCOMPARE(client.idleConnectionCount(), 0);
}

void TestUpstreamClient::idleTimeout()
{
    ScriptedUpstreamServer server;
    QVERIFY(server.start([](ScriptedConnection &connection, const ScriptedRequest &) {
        // Three quick events, then silence.
        connection.send(Http::chunkedHead() + Http::chunk("data: 1\n\n"));
        connection.sendLater(100, Http::chunk("data: 2\n\n"));
        connection.sendLater(200, Http::chunk("data: 3\n\n"));
    }));
    UpstreamClient client;
    UpstreamRequest request = post(server.url());
    request.timeouts.idleMs = 400; // longer than the gaps between the first events
    QElapsedTimer clock;
    clock.start();
    Recorder recorder(client.send(request));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.done(), 10000);
    QCOMPARE(recorder.events, QList<QByteArray>({"started", "data", "failed"}));
    QCOMPARE(recorder.error.failure, UpstreamFailure::IdleTimeout);
    QVERIFY(recorder.error.responseStarted);
    QCOMPARE(recorder.body, QByteArray("data: 1\n\ndata: 2\n\ndata: 3\n\n"));
    QVERIFY(clock.elapsed() >= 550); // 200 ms of events, then 400 ms of silence
    QTRY_COMPARE(server.closedByPeerCount(), 1);
}

void TestUpstreamClient::idleTimerDoesNotRunWhilePaused()
{
    ScriptedUpstreamServer server;
    QVERIFY(server.start([](ScriptedConnection &connection, const ScriptedRequest &) {
        connection.send(Http::chunkedHead() + Http::chunk("data: 1\n\n"));
        connection.sendLater(200, Http::chunk("data: 2\n\n"));
        connection.sendLater(900, Http::chunk("data: 3\n\n") + Http::lastChunk());
    }));
    UpstreamClient client;
    UpstreamRequest request = post(server.url());
    request.timeouts.idleMs = 500;
    UpstreamExchange *exchange = client.send(request);
    Recorder recorder(exchange);
    // Paused from the first event for 800 ms: without the pause the 500 ms idle timer would fire; paused, the
    // gap that counts is 800 -> 900 ms.
    connect(exchange, &UpstreamExchange::responseStarted, exchange, [exchange] {
        exchange->setReadingPaused(true);
        QTimer::singleShot(800, exchange, [exchange] { exchange->setReadingPaused(false); });
    });
    QTRY_VERIFY_WITH_TIMEOUT(recorder.done(), 10000);
    QCOMPARE(recorder.events.last(), QByteArray("finished"));
    QCOMPARE(recorder.body, QByteArray("data: 1\n\ndata: 2\n\ndata: 3\n\n"));
}

void TestUpstreamClient::totalTimeout()
{
    ScriptedUpstreamServer server;
    QVERIFY(server.start([](ScriptedConnection &connection, const ScriptedRequest &) {
        // Never ends, never idle: an event every 50 ms for 5 s.
        connection.send(Http::chunkedHead());
        for (int i = 1; i <= 100; ++i)
            connection.sendLater(50 * i, Http::chunk("data: tick\n\n"));
    }));
    UpstreamClient client;
    UpstreamRequest request = post(server.url());
    request.timeouts.idleMs = 400;
    request.timeouts.totalMs = 600;
    QElapsedTimer clock;
    clock.start();
    Recorder recorder(client.send(request));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.done(), 10000);
    QCOMPARE(recorder.events, QList<QByteArray>({"started", "data", "failed"}));
    QCOMPARE(recorder.error.failure, UpstreamFailure::TotalTimeout);
    QVERIFY(clock.elapsed() >= 550);
    QVERIFY(recorder.body.size() > 0);
    QTRY_COMPARE(server.closedByPeerCount(), 1);
}

void TestUpstreamClient::serverClosesMidBody_data()
{
    QTest::addColumn<QByteArray>("partial");
    QTest::addColumn<QByteArray>("bodyBeforeClose");
    QTest::newRow("content-length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789")
                                    << QByteArray("0123456789");
    QTest::newRow("chunked") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n3\r\nwo")
                             << QByteArray("hellowo");
}

void TestUpstreamClient::serverClosesMidBody()
{
    QFETCH(QByteArray, partial);
    QFETCH(QByteArray, bodyBeforeClose);
    ScriptedUpstreamServer server;
    QVERIFY(server.start([&](ScriptedConnection &connection, const ScriptedRequest &) {
        connection.send(partial);
        connection.closeLater(100);
    }));
    UpstreamClient client;
    Recorder recorder(client.send(post(server.url())));
    QTRY_VERIFY(recorder.done());
    QCOMPARE(recorder.events, QList<QByteArray>({"started", "data", "failed"}));
    QCOMPARE(recorder.error.failure, UpstreamFailure::ConnectionClosed);
    QVERIFY(recorder.error.responseStarted);
    QCOMPARE(recorder.body, bodyBeforeClose);
    QCOMPARE(server.requests().size(), 1); // not retried
    QCOMPARE(client.idleConnectionCount(), 0);
    QCOMPARE(client.activeConnectionCount(), 0);
}

void TestUpstreamClient::closeDelimitedBodyFinishesNormally()
{
    ScriptedUpstreamServer server;
    QVERIFY(server.start([&](ScriptedConnection &connection, const ScriptedRequest &) {
        connection.send("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\ndata: a\n\n");
        connection.sendLater(50, "data: b\n\n");
        connection.closeLater(100);
    }));
    UpstreamClient client;
    Recorder recorder(client.send(post(server.url())));
    QTRY_VERIFY(recorder.done());
    QCOMPARE(recorder.events, QList<QByteArray>({"started", "data", "finished"}));
    QCOMPARE(recorder.body, QByteArray("data: a\n\ndata: b\n\n"));
    QCOMPARE(client.idleConnectionCount(), 0);
}

void TestUpstreamClient::malformedResponse()
{
    ScriptedUpstreamServer server;
    QVERIFY(server.start(
        [&](ScriptedConnection &connection, const ScriptedRequest &) { connection.send("SSH-2.0-OpenSSH_9.2\r\n"); }));
    UpstreamClient client;
    Recorder recorder(client.send(post(server.url())));
    QTRY_VERIFY(recorder.done());
    QCOMPARE(recorder.events, QList<QByteArray>({"failed"}));
    QCOMPARE(recorder.error.failure, UpstreamFailure::MalformedResponse);
    QVERIFY(!recorder.error.responseStarted);
    QVERIFY(recorder.error.message.contains(QStringLiteral("malformed status line")));
    QTRY_COMPARE(server.closedByPeerCount(), 1);
    QCOMPARE(client.idleConnectionCount(), 0);
}

void TestUpstreamClient::staleConnectionIsRetriedOnce()
{
    ScriptedUpstreamServer server;
    QVERIFY(server.start(
        [&](ScriptedConnection &connection, const ScriptedRequest &) { connection.send(Http::response(200, "{}")); }));
    UpstreamClient client;
    Recorder first(client.send(post(server.url())));
    QTRY_VERIFY(first.done());
    QCOMPARE(client.idleConnectionCount(), 1);

    // The server closes the idle connection, and before the client's event loop notices, a request reuses it.
    server.connection(0)->abort();
    UpstreamExchange *exchange = client.send(post(server.url(), claudeSizedBody()));
    Recorder second(exchange);
    QTRY_VERIFY(second.done());
    QCOMPARE(second.events, QList<QByteArray>({"started", "data", "finished"}));
    QVERIFY(exchange->retriedOnFreshConnection());
    QVERIFY(!exchange->reusedConnection());
    QCOMPARE(client.connectionsOpened(), 2);
    QCOMPARE(server.connectionCount(), 2);
    // The request reached the server once, on the fresh connection.
    QCOMPARE(server.requests().size(), 2);
    QCOMPARE(server.requests().last().connectionIndex, 1);
    QCOMPARE(server.requests().last().body, claudeSizedBody());
}

void TestUpstreamClient::noRetryOnceResponseBytesArrived()
{
    ScriptedUpstreamServer server;
    QVERIFY(server.start([&](ScriptedConnection &connection, const ScriptedRequest &) {
        if (connection.requestsSeen() == 1) {
            connection.send(Http::response(200, "{}"));
        } else {
            connection.send("HTTP/1.1 200 OK\r\nContent-Le"); // cut inside the head
            connection.closeLater(50);
        }
    }));
    UpstreamClient client;
    Recorder first(client.send(post(server.url())));
    QTRY_VERIFY(first.done());
    UpstreamExchange *exchange = client.send(post(server.url()));
    Recorder second(exchange);
    QTRY_VERIFY(second.done());
    QCOMPARE(second.events, QList<QByteArray>({"failed"}));
    QCOMPARE(second.error.failure, UpstreamFailure::ConnectionClosed);
    QVERIFY(exchange->reusedConnection());
    QVERIFY(!exchange->retriedOnFreshConnection());
    QCOMPARE(server.requests().size(), 2);
    QCOMPARE(client.connectionsOpened(), 1);
}

void TestUpstreamClient::noRetryOnFreshConnection()
{
    ScriptedUpstreamServer server;
    QVERIFY(server.start([&](ScriptedConnection &connection, const ScriptedRequest &) { connection.close(); }));
    UpstreamClient client;
    UpstreamExchange *exchange = client.send(post(server.url()));
    Recorder recorder(exchange);
    QTRY_VERIFY(recorder.done());
    QCOMPARE(recorder.events, QList<QByteArray>({"failed"}));
    QCOMPARE(recorder.error.failure, UpstreamFailure::ConnectionClosed);
    QVERIFY(recorder.error.message.contains(QStringLiteral("before any response byte")));
    QVERIFY(!exchange->retriedOnFreshConnection());
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(client.connectionsOpened(), 1);
}

void TestUpstreamClient::abortMidStream()
{
    ScriptedUpstreamServer server;
    QVERIFY(server.start([](ScriptedConnection &connection, const ScriptedRequest &) {
        connection.send(Http::chunkedHead() + Http::chunk("data: first\n\n"));
        for (int i = 1; i <= 20; ++i)
            connection.sendLater(20 * i, Http::chunk("data: more\n\n"));
        connection.sendLater(450, Http::lastChunk());
    }));
    UpstreamClient client;
    UpstreamExchange *exchange = client.send(post(server.url()));
    Recorder recorder(exchange);
    connect(exchange, &UpstreamExchange::bodyData, exchange, [exchange] { exchange->abort(); });
    QTRY_VERIFY(recorder.done());
    QCOMPARE(recorder.events, QList<QByteArray>({"started", "data", "failed"}));
    QCOMPARE(recorder.error.failure, UpstreamFailure::Aborted);
    QCOMPARE(recorder.dataSignals, 1);
    QVERIFY(exchange->isFinished());
    exchange->abort(); // again: nothing more
    QTest::qWait(600);
    QCOMPARE(recorder.failedSignals, 1);
    QCOMPARE(recorder.dataSignals, 1);
    QCOMPARE(recorder.finishedSignals, 0);
    QTRY_COMPARE(server.closedByPeerCount(), 1);
    QCOMPARE(client.activeConnectionCount(), 0);
    QCOMPARE(client.idleConnectionCount(), 0);
}

void TestUpstreamClient::abortAfterFinishIsANoOp()
{
    ScriptedUpstreamServer server;
    QVERIFY(server.start(
        [&](ScriptedConnection &connection, const ScriptedRequest &) { connection.send(Http::response(200, "{}")); }));
    UpstreamClient client;
    UpstreamExchange *exchange = client.send(post(server.url()));
    Recorder recorder(exchange);
    QTRY_VERIFY(recorder.done());
    exchange->abort();
    QCOMPARE(recorder.events, QList<QByteArray>({"started", "data", "finished"}));
    QCOMPARE(client.idleConnectionCount(), 1); // the finished exchange's connection stays pooled
}

void TestUpstreamClient::deleteInsideSignals_data()
{
    QTest::addColumn<QByteArray>("where");
    QTest::addColumn<bool>("connectionPooled");
    QTest::newRow("responseStarted") << QByteArray("responseStarted") << false;
    QTest::newRow("first bodyData") << QByteArray("bodyData") << false;
    QTest::newRow("finished") << QByteArray("finished") << true;
    QTest::newRow("failed") << QByteArray("failed") << false;
}

void TestUpstreamClient::deleteInsideSignals()
{
    QFETCH(QByteArray, where);
    QFETCH(bool, connectionPooled);
    ScriptedUpstreamServer server;
    QVERIFY(server.start([&](ScriptedConnection &connection, const ScriptedRequest &) {
        if (where == "failed") {
            connection.send("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial");
            connection.closeLater(50);
            return;
        }
        if (where == "finished") {
            connection.send(
                Http::chunkedHead() + Http::chunk("data: a\n\n") + Http::chunk("data: b\n\n") + Http::lastChunk());
            return;
        }
        // Head and two events in one write: the deletion happens with bytes still to parse.
        connection.send(Http::chunkedHead() + Http::chunk("data: a\n\n") + Http::chunk("data: b\n\n"));
        for (int i = 1; i <= 10; ++i)
            connection.sendLater(20 * i, Http::chunk("data: more\n\n"));
    }));
    UpstreamClient client;
    QPointer<UpstreamExchange> exchange = client.send(post(server.url()));
    int signalsAfterDelete = 0;
    bool deleted = false;
    QObject guard;
    auto deleteIt = [&] {
        if (deleted) {
            ++signalsAfterDelete;
            return;
        }
        deleted = true;
        delete exchange.data();
    };
    if (where == "responseStarted")
        connect(exchange, &UpstreamExchange::responseStarted, &guard, deleteIt);
    else if (where == "bodyData")
        connect(exchange, &UpstreamExchange::bodyData, &guard, deleteIt);
    else if (where == "finished")
        connect(exchange, &UpstreamExchange::finished, &guard, deleteIt);
    else
        connect(exchange, &UpstreamExchange::failed, &guard, deleteIt);
    QTRY_VERIFY(deleted);
    QVERIFY(!exchange);
    QTest::qWait(300);
    QCOMPARE(signalsAfterDelete, 0);
    QCOMPARE(client.activeConnectionCount(), 0);
    QCOMPARE(client.idleConnectionCount(), connectionPooled ? 1 : 0);
    if (!connectionPooled)
        QTRY_COMPARE(server.closedByPeerCount(), 1);
}

void TestUpstreamClient::deleteRightAfterSend()
{
    ScriptedUpstreamServer server;
    QVERIFY(server.start(
        [&](ScriptedConnection &connection, const ScriptedRequest &) { connection.send(Http::response(200, "{}")); }));
    UpstreamClient client;
    // A fresh connection still connecting, and a reused one with the request written.
    UpstreamExchange *connecting = client.send(post(server.url()));
    QSignalSpy connectingSpy(connecting, &UpstreamExchange::failed);
    delete connecting;
    Recorder warmUp(client.send(post(server.url())));
    QTRY_VERIFY(warmUp.done());
    UpstreamExchange *reused = client.send(post(server.url()));
    QVERIFY(reused->reusedConnection());
    Recorder reusedRecorder(reused);
    delete reused;
    QTest::qWait(200);
    QCOMPARE(connectingSpy.count(), 0);
    QCOMPARE(reusedRecorder.signalCount(), 0);
    QCOMPARE(client.activeConnectionCount(), 0);
    QCOMPARE(client.idleConnectionCount(), 0);
}

void TestUpstreamClient::exchangeOutlivesItsClient()
{
    ScriptedUpstreamServer server;
    QVERIFY(server.start([](ScriptedConnection &connection, const ScriptedRequest &) {
        connection.send(Http::chunkedHead() + Http::chunk("data: a\n\n"));
        connection.sendLater(100, Http::chunk("data: b\n\n") + Http::lastChunk());
    }));
    QObject owner;
    auto *client = new UpstreamClient;
    UpstreamExchange *exchange = client->send(post(server.url()), &owner);
    Recorder recorder(exchange);
    QTRY_VERIFY(recorder.dataSignals > 0);
    delete client;
    QTRY_VERIFY(recorder.done());
    QCOMPARE(recorder.events, QList<QByteArray>({"started", "data", "finished"}));
    QCOMPARE(recorder.body, QByteArray("data: a\n\ndata: b\n\n"));
    QTRY_COMPARE(server.closedByPeerCount(), 1); // with no pool left, the connection is closed
}

void TestUpstreamClient::pauseAppliesBackPressure()
{
    constexpr qsizetype kSize = 40 * 1024 * 1024;
    // Loopback socket buffers auto-tune up to tcp_rmem + tcp_wmem (about 10 MB with Linux defaults); allow 16 MB.
    constexpr qsizetype kKernelBuffers = 16 * 1024 * 1024;
    const QByteArray payload = patternBytes(kSize);
    ScriptedUpstreamServer server;
    QPointer<QTcpSocket> serverSocket;
    QVERIFY(server.start([&](ScriptedConnection &connection, const ScriptedRequest &) {
        serverSocket = connection.socket();
        connection.send(
            Http::head(200, "OK",
                {{"Content-Type", "application/octet-stream"}, {"Content-Length", QByteArray::number(kSize)}})
            + payload);
    }));
    UpstreamClient client;
    UpstreamExchange *exchange = client.send(post(server.url()));
    qint64 bytesWhilePaused = 0;
    bool paused = false;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    qint64 received = 0;
    bool finished = false;
    connect(exchange, &UpstreamExchange::responseStarted, exchange, [&] {
        paused = true;
        exchange->setReadingPaused(true);
    });
    connect(exchange, &UpstreamExchange::bodyData, exchange, [&](const QByteArray &data) {
        if (paused)
            bytesWhilePaused += data.size();
        received += data.size();
        hash.addData(data);
    });
    connect(exchange, &UpstreamExchange::finished, exchange, [&] { finished = true; });
    QTRY_VERIFY(paused);
    QTest::qWait(700);
    QCOMPARE(bytesWhilePaused, 0);
    QVERIFY(serverSocket);
    // The server could not hand everything to the kernel: the client stopped reading and the TCP window
    // closed. What is not stuck at the server fits in the kernel buffers (and the client's bounded read buffer).
    const qint64 stuckAtServer = serverSocket->bytesToWrite();
    qInfo("while paused: %lld of %lld bytes still queued at the server", stuckAtServer, qint64(kSize));
    QVERIFY2(stuckAtServer > kSize - kKernelBuffers, qPrintable(QString::number(stuckAtServer)));
    QVERIFY(!finished);

    paused = false;
    exchange->setReadingPaused(false);
    QTRY_VERIFY_WITH_TIMEOUT(finished, 30000);
    QCOMPARE(received, kSize);
    QCOMPARE(hash.result(), QCryptographicHash::hash(payload, QCryptographicHash::Sha256));
    QCOMPARE(client.idleConnectionCount(), 1);
}

void TestUpstreamClient::pauseInsideEveryBodyData()
{
    const QByteArray payload = patternBytes(3 * 1024 * 1024 + 11);
    ScriptedUpstreamServer server;
    QVERIFY(server.start([&](ScriptedConnection &connection, const ScriptedRequest &) {
        QByteArray bytes = Http::chunkedHead();
        for (qsizetype at = 0; at < payload.size(); at += 10000)
            bytes += Http::chunk(payload.mid(at, 10000));
        connection.send(bytes + Http::lastChunk());
    }));
    UpstreamClient client;
    UpstreamExchange *exchange = client.send(post(server.url()));
    Recorder recorder(exchange);
    bool paused = false;
    int dataWhilePaused = 0;
    int pauses = 0;
    connect(exchange, &UpstreamExchange::bodyData, exchange, [&] {
        if (paused)
            ++dataWhilePaused;
        paused = true;
        ++pauses;
        exchange->setReadingPaused(true);
        QTimer::singleShot(0, exchange, [&] {
            paused = false;
            exchange->setReadingPaused(false);
        });
    });
    QTRY_VERIFY_WITH_TIMEOUT(recorder.done(), 30000);
    QCOMPARE(recorder.events.last(), QByteArray("finished"));
    QCOMPARE(dataWhilePaused, 0);
    QVERIFY(pauses > 1);
    QCOMPARE(recorder.body.size(), payload.size());
    QVERIFY(recorder.body == payload);
}

void TestUpstreamClient::pausedWhenThePeerCloses()
{
    const QByteArray payload = patternBytes(600 * 1024);
    ScriptedUpstreamServer server;
    QVERIFY(server.start([&](ScriptedConnection &connection, const ScriptedRequest &) {
        // Close-delimited: the end of the body is the close, which arrives while the client is paused.
        connection.send("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n" + payload);
        connection.closeLater(100);
    }));
    UpstreamClient client;
    UpstreamExchange *exchange = client.send(post(server.url()));
    Recorder recorder(exchange);
    connect(exchange, &UpstreamExchange::responseStarted, exchange, [exchange] { exchange->setReadingPaused(true); });
    QTRY_COMPARE(recorder.events, QList<QByteArray>({"started"}));
    QTest::qWait(400);
    QCOMPARE(recorder.events, QList<QByteArray>({"started"}));
    exchange->setReadingPaused(false);
    QTRY_VERIFY(recorder.done());
    QCOMPARE(recorder.events, QList<QByteArray>({"started", "data", "finished"}));
    QVERIFY(recorder.body == payload);
}

void TestUpstreamClient::nestedEventLoopInsideASlot()
{
    // A slot that spins an event loop (a modal dialog, a blocking wait) while the client still holds bytes it has
    // not parsed: bytes and the close arriving meanwhile must not overtake them. (Qt does not re-emit readyRead
    // inside readyRead, but the close of the connection is reported.)
    ScriptedUpstreamServer server;
    QVERIFY(server.start([](ScriptedConnection &connection, const ScriptedRequest &) {
        connection.send("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\none ");
        connection.sendLater(30, "two ");
        connection.sendLater(60, "three");
        connection.closeLater(90);
    }));
    UpstreamClient client;
    UpstreamExchange *exchange = client.send(post(server.url()));
    Recorder recorder(exchange);
    int dataDuringNestedLoop = 0;
    bool inNestedLoop = false;
    connect(exchange, &UpstreamExchange::bodyData, exchange, [&] { dataDuringNestedLoop += inNestedLoop ? 1 : 0; });
    connect(exchange, &UpstreamExchange::responseStarted, exchange, [&] {
        inNestedLoop = true;
        QTest::qWait(300);
        inNestedLoop = false;
    });
    QTRY_VERIFY(recorder.done());
    QCOMPARE(recorder.events, QList<QByteArray>({"started", "data", "finished"}));
    QCOMPARE(recorder.body, QByteArray("one two three"));
    QCOMPARE(dataDuringNestedLoop, 0);
}

void TestUpstreamClient::tlsSelfSignedCertificateIsRejected()
{
    if (!m_tlsSkipReason.isEmpty())
        QSKIP(qPrintable(m_tlsSkipReason));
    ScriptedUpstreamServer server;
    server.useTls(m_certificate, m_key);
    QVERIFY(server.start(
        [&](ScriptedConnection &connection, const ScriptedRequest &) { connection.send(Http::response(200, "{}")); }));
    UpstreamClient client;
    Recorder recorder(client.send(post(server.url())));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.done(), 10000);
    QCOMPARE(recorder.events, QList<QByteArray>({"failed"}));
    QCOMPARE(recorder.error.failure, UpstreamFailure::TlsError);
    QVERIFY2(recorder.error.message.contains(QStringLiteral("certificate"), Qt::CaseInsensitive),
        qPrintable(recorder.error.message));
    QVERIFY2(recorder.error.message.contains(QStringLiteral("self-signed"), Qt::CaseInsensitive),
        qPrintable(recorder.error.message));
    QCOMPARE(server.requests().size(), 0);
}

void TestUpstreamClient::tlsWithTrustedCertificate()
{
    if (!m_tlsSkipReason.isEmpty())
        QSKIP(qPrintable(m_tlsSkipReason));
    ScriptedUpstreamServer server;
    QVERIFY(startSecureStream(server));
    UpstreamClient client;
    client.setSslConfiguration(trustingTestCertificate());
    for (int i = 0; i < 2; ++i) {
        UpstreamExchange *exchange = client.send(post(server.url(), claudeSizedBody()));
        Recorder recorder(exchange);
        QTRY_VERIFY_WITH_TIMEOUT(recorder.done(), 10000);
        QCOMPARE(recorder.events, QList<QByteArray>({"started", "data", "finished"}));
        QCOMPARE(recorder.body, QByteArray("data: secure\n\n"));
        QCOMPARE(exchange->reusedConnection(), i == 1);
        QVERIFY(exchange->requestWrittenAtUs() >= exchange->connectedAtUs());
        QVERIFY(exchange->connectedAtUs() >= 0);
        QVERIFY(exchange->firstByteAtUs() >= exchange->requestWrittenAtUs());
    }
    QCOMPARE(client.connectionsOpened(), 1);
    QCOMPARE(server.requests().size(), 2);
    QCOMPARE(server.requests().last().body, claudeSizedBody());
    QCOMPARE(
        server.requests().last().header("host"), QByteArray("127.0.0.1:") + QByteArray::number(server.serverPort()));
}

void TestUpstreamClient::throughAnHttpProxy()
{
    ScriptedUpstreamServer server;
    QVERIFY(answerEveryRequest(server, "{\"ok\":true}"));
    FakeProxyServer proxy;
    QVERIFY(proxy.listen());
    UpstreamClient client;
    client.setProxyRules(rulesFor(proxy.url()));
    for (int i = 0; i < 2; ++i) {
        UpstreamExchange *exchange = client.send(post(namedPlatformUrl(server), claudeSizedBody()));
        Recorder recorder(exchange);
        QTRY_VERIFY_WITH_TIMEOUT(recorder.done(), 10000);
        QCOMPARE(recorder.events, QList<QByteArray>({"started", "data", "finished"}));
        QCOMPARE(recorder.body, QByteArray("{\"ok\":true}"));
        QCOMPARE(exchange->reusedConnection(), i == 1); // the tunnel is kept alive like any connection
    }
    // The platform saw the request under its own name; the proxy saw one CONNECT for it and nothing else.
    QCOMPARE(server.requests().size(), 2);
    QCOMPARE(server.requests().first().header("host"),
        QByteArray("platform.example:") + QByteArray::number(server.serverPort()));
    QCOMPARE(server.requests().first().body, claudeSizedBody());
    QCOMPARE(proxy.connectRequests().size(), 1);
    QCOMPARE(proxy.connectRequests().first().target,
        QByteArray("platform.example:") + QByteArray::number(server.serverPort()));
    QVERIFY(proxy.connectRequests().first().proxyAuthorization.isEmpty());
    QCOMPARE(proxy.tunnelsOpened(), 1);
}

void TestUpstreamClient::tlsThroughAnHttpProxy()
{
    if (!m_tlsSkipReason.isEmpty())
        QSKIP(qPrintable(m_tlsSkipReason));
    ScriptedUpstreamServer server;
    QVERIFY(startSecureStream(server));
    FakeProxyServer proxy;
    QVERIFY(proxy.listen());
    UpstreamClient client;
    client.setSslConfiguration(trustingTestCertificate());
    client.setProxyRules(rulesFor(proxy.url()));
    Recorder recorder(client.send(post(namedPlatformUrl(server, QStringLiteral("https")))));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.done(), 10000);
    QCOMPARE(recorder.events, QList<QByteArray>({"started", "data", "finished"}));
    QCOMPARE(recorder.body, QByteArray("data: secure\n\n"));
    // TLS ran end to end through the tunnel: the certificate was checked against the platform's name.
    QCOMPARE(proxy.tunnelsOpened(), 1);
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(server.requests().first().header("x-api-key"), QByteArray("sk-test-secret"));
}

void TestUpstreamClient::proxyCredentials()
{
    ScriptedUpstreamServer server;
    QVERIFY(server.start(
        [&](ScriptedConnection &connection, const ScriptedRequest &) { connection.send(Http::response(200, "{}")); }));
    FakeProxyServer proxy;
    QVERIFY(proxy.listen());
    proxy.requireCredentials(QStringLiteral("alice"), QStringLiteral("p@ss:word"));
    UpstreamClient client;
    client.setProxyRules(rulesFor(QStringLiteral("http://alice:p%40ss%3Aword@127.0.0.1:%1").arg(proxy.port())));
    Recorder recorder(client.send(post(namedPlatformUrl(server))));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.done(), 10000);
    QCOMPARE(recorder.events, QList<QByteArray>({"started", "data", "finished"}));
    QCOMPARE(proxy.tunnelsOpened(), 1);
    // Whether the first CONNECT carried the credentials or answered a challenge, the tunnel was opened for
    // the right ones.
    const FakeProxyServer::ConnectRequest opened = proxy.connectRequests().last();
    QCOMPARE(opened.status, 200);
    QCOMPARE(opened.proxyAuthorization, QByteArray("Basic ") + QByteArray("alice:p@ss:word").toBase64());
}

void TestUpstreamClient::proxyWithoutCredentials()
{
    ScriptedUpstreamServer server;
    QVERIFY(server.start(
        [&](ScriptedConnection &connection, const ScriptedRequest &) { connection.send(Http::response(200, "{}")); }));
    FakeProxyServer proxy;
    QVERIFY(proxy.listen());
    proxy.requireCredentials(QStringLiteral("alice"), QStringLiteral("secret"));
    UpstreamClient client;
    client.setProxyRules(rulesFor(proxy.url()));
    Recorder recorder(client.send(post(namedPlatformUrl(server))));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.done(), 10000);
    QCOMPARE(recorder.events, QList<QByteArray>({"failed"}));
    QCOMPARE(recorder.error.failure, UpstreamFailure::NetworkError);
    QVERIFY2(recorder.error.message.contains(QStringLiteral("asks for a user name and password")),
        qPrintable(recorder.error.message));
    QVERIFY(recorder.error.message.contains(proxy.url()));
    QCOMPARE(server.requests().size(), 0);
    QCOMPARE(client.activeConnectionCount(), 0);
}

void TestUpstreamClient::proxyRefusals_data()
{
    QTest::addColumn<bool>("refuse"); // 403; otherwise 404 (the proxy cannot resolve the host)
    QTest::addColumn<UpstreamFailure>("failure");
    QTest::addColumn<QString>("message");
    QTest::newRow("403 forbidden") << true << UpstreamFailure::ConnectionRefused << "refused the connection";
    QTest::newRow("404 unknown host") << false << UpstreamFailure::HostNotFound << "host not found: platform.example";
}

void TestUpstreamClient::proxyRefusals()
{
    QFETCH(bool, refuse);
    QFETCH(UpstreamFailure, failure);
    QFETCH(QString, message);
    ScriptedUpstreamServer server;
    QVERIFY(server.start(
        [&](ScriptedConnection &connection, const ScriptedRequest &) { connection.send(Http::response(200, "{}")); }));
    FakeProxyServer proxy;
    QVERIFY(proxy.listen());
    if (refuse)
        proxy.refuseHost("platform.example");
    else
        proxy.reportUnknownHost("platform.example");
    UpstreamClient client;
    client.setProxyRules(rulesFor(proxy.url()));
    Recorder recorder(client.send(post(namedPlatformUrl(server))));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.done(), 10000);
    QCOMPARE(recorder.events, QList<QByteArray>({"failed"}));
    QVERIFY2(recorder.error.message.contains(message), qPrintable(recorder.error.message));
    QCOMPARE(recorder.error.failure, failure);
    QVERIFY2(recorder.error.message.contains(proxy.url()), qPrintable(recorder.error.message));
    QCOMPARE(server.requests().size(), 0);
}

void TestUpstreamClient::proxyNotRunning()
{
    UpstreamClient client;
    const QString proxyUrl = QStringLiteral("http://127.0.0.1:%1").arg(closedPort());
    client.setProxyRules(rulesFor(proxyUrl));
    Recorder recorder(client.send(post(QUrl(QStringLiteral("https://platform.example/v1/messages")))));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.done(), 10000);
    QCOMPARE(recorder.events, QList<QByteArray>({"failed"}));
    QCOMPARE(recorder.error.failure, UpstreamFailure::ConnectionRefused);
    QVERIFY2(
        recorder.error.message.contains(QStringLiteral("the proxy ") + proxyUrl), qPrintable(recorder.error.message));
    QCOMPARE(client.activeConnectionCount(), 0);
}

void TestUpstreamClient::loopbackAndNoProxyHostsGoDirect()
{
    ScriptedUpstreamServer server;
    QVERIFY(server.start(
        [&](ScriptedConnection &connection, const ScriptedRequest &) { connection.send(Http::response(200, "{}")); }));
    FakeProxyServer proxy;
    QVERIFY(proxy.listen());
    UpstreamClient client;
    const QString excluded = QStringLiteral("switchyard-no-proxy-test.invalid");
    client.setProxyRules(rulesFor(proxy.url(), excluded));
    // 127.0.0.1 (a local model server) never goes through the proxy; "localhost" neither.
    for (const QString &host : {QStringLiteral("127.0.0.1"), QStringLiteral("localhost")}) {
        Recorder recorder(
            client.send(post(QUrl(QStringLiteral("http://%1:%2/v1/messages").arg(host).arg(server.serverPort())))));
        QTRY_VERIFY_WITH_TIMEOUT(recorder.done(), 10000);
        QCOMPARE(recorder.events, QList<QByteArray>({"started", "data", "finished"}));
    }
    QCOMPARE(server.requests().size(), 2);
    QCOMPARE(proxy.connectionsAccepted(), 0);
    // A host in the no-proxy list is connected to directly: here it does not resolve (".invalid", like the
    // hostNotFound test), which proves it.
    UpstreamRequest request
        = post(QUrl(QStringLiteral("http://%1:%2/v1/messages").arg(excluded).arg(server.serverPort())));
    request.timeouts.connectMs = 30000;
    Recorder direct(client.send(request));
    QTRY_VERIFY_WITH_TIMEOUT(direct.done(), 35000);
    QCOMPARE(direct.events, QList<QByteArray>({"failed"}));
    QCOMPARE(direct.error.failure, UpstreamFailure::HostNotFound);
    QCOMPARE(proxy.connectionsAccepted(), 0);
}

void TestUpstreamClient::newProxyRulesCloseThePool()
{
    ScriptedUpstreamServer server;
    QVERIFY(server.start(
        [&](ScriptedConnection &connection, const ScriptedRequest &) { connection.send(Http::response(200, "{}")); }));
    FakeProxyServer first;
    FakeProxyServer second;
    QVERIFY(first.listen() && second.listen());
    UpstreamClient client;
    client.setProxyRules(rulesFor(first.url()));
    Recorder viaFirst(client.send(post(namedPlatformUrl(server))));
    QTRY_VERIFY_WITH_TIMEOUT(viaFirst.done(), 10000);
    QTRY_COMPARE(client.idleConnectionCount(), 1);
    client.setProxyRules(rulesFor(second.url()));
    QCOMPARE(client.idleConnectionCount(), 0); // the tunnel through the first proxy is not reused
    Recorder viaSecond(client.send(post(namedPlatformUrl(server))));
    QTRY_VERIFY_WITH_TIMEOUT(viaSecond.done(), 10000);
    QCOMPARE(viaSecond.events, QList<QByteArray>({"started", "data", "finished"}));
    QCOMPARE(first.tunnelsOpened(), 1);
    QCOMPARE(second.tunnelsOpened(), 1);
    QCOMPARE(server.requests().size(), 2);
}

void TestUpstreamClient::throughASocks5Proxy()
{
    ScriptedUpstreamServer server;
    QVERIFY(answerEveryRequest(server, "{\"via\":\"socks\"}"));
    FakeProxyServer proxy;
    QVERIFY(proxy.listen());
    proxy.requireCredentials(QStringLiteral("bob"), QStringLiteral("socks-pass"));
    UpstreamClient client;
    client.setProxyRules(rulesFor(QStringLiteral("socks5://bob:socks-pass@127.0.0.1:%1").arg(proxy.port())));
    for (int i = 0; i < 2; ++i) {
        UpstreamExchange *exchange = client.send(post(namedPlatformUrl(server)));
        Recorder recorder(exchange);
        QTRY_VERIFY_WITH_TIMEOUT(recorder.done(), 10000);
        QCOMPARE(recorder.events, QList<QByteArray>({"started", "data", "finished"}));
        QCOMPARE(recorder.body, QByteArray("{\"via\":\"socks\"}"));
        QCOMPARE(exchange->reusedConnection(), i == 1);
    }
    // The platform's name went to the proxy to resolve, with the user name and password.
    QCOMPARE(proxy.connectRequests().size(), 1);
    QCOMPARE(proxy.connectRequests().first().target,
        QByteArray("platform.example:") + QByteArray::number(server.serverPort()));
    QCOMPARE(proxy.connectRequests().first().proxyAuthorization,
        QByteArray("Basic ") + QByteArray("bob:socks-pass").toBase64());
    QCOMPARE(proxy.tunnelsOpened(), 1);
}

void TestUpstreamClient::socks5ProxyRefusals()
{
    ScriptedUpstreamServer server;
    QVERIFY(answerEveryRequest(server));
    FakeProxyServer proxy;
    QVERIFY(proxy.listen());
    proxy.requireCredentials(QStringLiteral("bob"), QStringLiteral("right"));
    proxy.refuseHost("platform.example");
    UpstreamClient client;

    client.setProxyRules(rulesFor(QStringLiteral("socks5://bob:wrong@127.0.0.1:%1").arg(proxy.port())));
    Recorder wrongPassword(client.send(post(namedPlatformUrl(server))));
    QTRY_VERIFY_WITH_TIMEOUT(wrongPassword.done(), 10000);
    QCOMPARE(wrongPassword.events, QList<QByteArray>({"failed"}));
    QVERIFY2(wrongPassword.error.message.contains(QStringLiteral("asks for a user name and password")),
        qPrintable(wrongPassword.error.message));

    client.setProxyRules(rulesFor(QStringLiteral("socks5://bob:right@127.0.0.1:%1").arg(proxy.port())));
    Recorder refused(client.send(post(namedPlatformUrl(server))));
    QTRY_VERIFY_WITH_TIMEOUT(refused.done(), 10000);
    QCOMPARE(refused.events, QList<QByteArray>({"failed"}));
    // Qt reports a SOCKS5 "not allowed" reply as an unknown host; either way the proxy is named.
    QVERIFY2(refused.error.message.contains(QStringLiteral("socks5://bob@127.0.0.1:%1").arg(proxy.port())),
        qPrintable(refused.error.message));
    QCOMPARE(server.requests().size(), 0);
}

QTEST_GUILESS_MAIN(TestUpstreamClient)
#include "TestUpstreamClient.moc"
