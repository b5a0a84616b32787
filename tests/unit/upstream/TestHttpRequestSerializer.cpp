#include "upstream/HttpRequestSerializer.h"

#include <QtTest>

namespace {

struct SplitRequest
{
    QByteArray requestLine;
    HttpHeaderList headers;
    QByteArray body;
};

SplitRequest split(const QByteArray &bytes)
{
    SplitRequest request;
    const qsizetype end = bytes.indexOf("\r\n\r\n");
    if (end < 0)
        return request;
    const QList<QByteArray> lines = bytes.left(end).split('\n');
    request.requestLine = lines.first().chopped(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = i + 1 < lines.size() ? lines[i].chopped(1) : lines[i];
        const qsizetype colon = line.indexOf(':');
        request.headers.append({line.left(colon), line.mid(colon + 2)});
    }
    request.body = bytes.mid(end + 4);
    return request;
}

int count(const HttpHeaderList &headers, const QByteArray &lowercaseName)
{
    int n = 0;
    for (const auto &header : headers)
        n += header.first.toLower() == lowercaseName ? 1 : 0;
    return n;
}

QByteArray value(const HttpHeaderList &headers, const QByteArray &lowercaseName)
{
    for (const auto &header : headers) {
        if (header.first.toLower() == lowercaseName)
            return header.second;
    }
    return QByteArray();
}

UpstreamRequest makeRequest(const char *url, const QByteArray &method = "POST", const QByteArray &body = {})
{
    UpstreamRequest request;
    request.url = QUrl(QString::fromLatin1(url));
    request.method = method;
    request.body = body;
    return request;
}

// What goes on the wire: the head, then the body unchanged.
QByteArray serialize(const UpstreamRequest &request, QString *error)
{
    const QByteArray head = HttpRequestSerializer::serializeHead(request, error);
    return head.isEmpty() ? head : head + request.body;
}

} // namespace

class TestHttpRequestSerializer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void requestLineAndHost_data();
    void requestLineAndHost();
    void transportHeadersReplaceTheCallers();
    void hopByHopAndInvalidHeadersAreDropped();
    void contentLength_data();
    void contentLength();
    void rejectsWhatCannotBeSent_data();
    void rejectsWhatCannotBeSent();
    void originKey_data();
    void originKey();
};

void TestHttpRequestSerializer::requestLineAndHost_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("requestLine");
    QTest::addColumn<QByteArray>("host");

    QTest::newRow("https default port") << QStringLiteral("https://api.example.com/v1/messages")
                                        << QByteArray("POST /v1/messages HTTP/1.1") << QByteArray("api.example.com");
    QTest::newRow("https explicit default port")
        << QStringLiteral("https://api.example.com:443/v1/messages") << QByteArray("POST /v1/messages HTTP/1.1")
        << QByteArray("api.example.com");
    QTest::newRow("http other port") << QStringLiteral("http://127.0.0.1:11434/v1/chat/completions")
                                     << QByteArray("POST /v1/chat/completions HTTP/1.1")
                                     << QByteArray("127.0.0.1:11434");
    QTest::newRow("http on 443 keeps the port")
        << QStringLiteral("http://h.example:443/") << QByteArray("POST / HTTP/1.1") << QByteArray("h.example:443");
    QTest::newRow("empty path") << QStringLiteral("http://h.example") << QByteArray("POST / HTTP/1.1")
                                << QByteArray("h.example");
    QTest::newRow("query kept, fragment dropped")
        << QStringLiteral("https://h.example/v1/models?limit=5&after=a%20b#frag")
        << QByteArray("POST /v1/models?limit=5&after=a%20b HTTP/1.1") << QByteArray("h.example");
    QTest::newRow("space in path is encoded")
        << QStringLiteral("https://h.example/a b") << QByteArray("POST /a%20b HTTP/1.1") << QByteArray("h.example");
    QTest::newRow("ipv6 literal") << QStringLiteral("http://[::1]:8080/x") << QByteArray("POST /x HTTP/1.1")
                                  << QByteArray("[::1]:8080");
    QTest::newRow("international host name") << QStringLiteral("https://bücher.example/")
                                             << QByteArray("POST / HTTP/1.1") << QByteArray("xn--bcher-kva.example");
}

void TestHttpRequestSerializer::requestLineAndHost()
{
    QFETCH(QString, url);
    QFETCH(QByteArray, requestLine);
    QFETCH(QByteArray, host);
    UpstreamRequest request;
    request.url = QUrl(url);
    QString error;
    const SplitRequest sent = split(serialize(request, &error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(sent.requestLine, requestLine);
    QCOMPARE(count(sent.headers, "host"), 1);
    QCOMPARE(value(sent.headers, "host"), host);
}

void TestHttpRequestSerializer::transportHeadersReplaceTheCallers()
{
    UpstreamRequest request = makeRequest("https://api.example.com/v1/messages", "POST", "{\"a\":1}");
    request.headers = {
        {"Host", "evil.example"},
        {"content-type", "application/json"},
        {"Content-Length", "999"},
        {"x-api-key", "secret"},
        {"Connection", "close"},
        {"Accept-Encoding", "gzip, br"},
        {"Transfer-Encoding", "chunked"},
        {"anthropic-version", "2023-06-01"},
        {"Expect", "100-continue"},
    };
    QString error;
    const SplitRequest sent = split(serialize(request, &error));
    QCOMPARE(value(sent.headers, "host"), QByteArray("api.example.com"));
    QCOMPARE(count(sent.headers, "host"), 1);
    QCOMPARE(value(sent.headers, "content-length"), QByteArray("7"));
    QCOMPARE(count(sent.headers, "content-length"), 1);
    QCOMPARE(value(sent.headers, "connection"), QByteArray("keep-alive"));
    QCOMPARE(count(sent.headers, "connection"), 1);
    QCOMPARE(value(sent.headers, "accept-encoding"), QByteArray("identity"));
    QCOMPARE(count(sent.headers, "accept-encoding"), 1);
    QCOMPARE(count(sent.headers, "transfer-encoding"), 0);
    QCOMPARE(count(sent.headers, "expect"), 0);
    QCOMPARE(sent.body, QByteArray("{\"a\":1}"));
    // The caller's own headers keep their order and spelling.
    QStringList callerOrder;
    for (const auto &header : sent.headers) {
        if (header.first == "content-type" || header.first == "x-api-key" || header.first == "anthropic-version")
            callerOrder.append(QString::fromLatin1(header.first));
    }
    QCOMPARE(callerOrder,
        QStringList(
            {QStringLiteral("content-type"), QStringLiteral("x-api-key"), QStringLiteral("anthropic-version")}));
    QCOMPARE(value(sent.headers, "x-api-key"), QByteArray("secret"));
}

void TestHttpRequestSerializer::hopByHopAndInvalidHeadersAreDropped()
{
    UpstreamRequest request = makeRequest("http://h.example/", "GET");
    request.headers = {
        {"Keep-Alive", "timeout=5"},
        {"Proxy-Authorization", "Basic abc"},
        {"Proxy-Connection", "keep-alive"},
        {"TE", "trailers"},
        {"Trailer", "X-Sum"},
        {"Upgrade", "h2c"},
        {"Connection", "X-Hop, Upgrade"},
        {"X-Hop", "declared hop-by-hop"},
        {"Bad Name", "v"},
        {"X-Injected", "a\r\nX-Evil: 1"},
        {"X-Kept", "  padded  "},
    };
    QString error;
    const QByteArray bytes = serialize(request, &error);
    const SplitRequest sent = split(bytes);
    for (const char *name : {"keep-alive", "proxy-authorization", "proxy-connection", "te", "trailer", "upgrade",
             "x-hop", "bad name", "x-injected", "x-evil"})
        QVERIFY2(count(sent.headers, name) == 0, name);
    QVERIFY(!bytes.contains("X-Evil"));
    QCOMPARE(value(sent.headers, "x-kept"), QByteArray("padded"));
    QCOMPARE(value(sent.headers, "connection"), QByteArray("keep-alive"));
    QVERIFY(HttpRequestSerializer::isForwardable("Authorization"));
    QVERIFY(HttpRequestSerializer::isForwardable("x-api-key"));
    QVERIFY(!HttpRequestSerializer::isForwardable("PROXY-anything"));
}

void TestHttpRequestSerializer::contentLength_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentLength"); // empty: no header

    QTest::newRow("POST with body") << QByteArray("POST") << QByteArray(51200, 'x') << QByteArray("51200");
    QTest::newRow("POST without body") << QByteArray("POST") << QByteArray() << QByteArray("0");
    QTest::newRow("PUT without body") << QByteArray("PUT") << QByteArray() << QByteArray("0");
    QTest::newRow("GET without body") << QByteArray("GET") << QByteArray() << QByteArray();
    QTest::newRow("DELETE with body") << QByteArray("DELETE") << QByteArray("{}") << QByteArray("2");
}

void TestHttpRequestSerializer::contentLength()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentLength);
    QString error;
    const QByteArray bytes = serialize(makeRequest("http://h.example/", method, body), &error);
    const SplitRequest sent = split(bytes);
    QCOMPARE(count(sent.headers, "content-length"), contentLength.isEmpty() ? 0 : 1);
    QCOMPARE(value(sent.headers, "content-length"), contentLength);
    QCOMPARE(sent.body, body);
    QVERIFY(sent.requestLine.startsWith(QByteArray(method + ' ')));
}

void TestHttpRequestSerializer::rejectsWhatCannotBeSent_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("error");

    QTest::newRow("ftp") << QStringLiteral("ftp://h.example/") << QByteArray("GET") << QStringLiteral("not an http");
    QTest::newRow("no scheme") << QStringLiteral("h.example/x") << QByteArray("GET") << QStringLiteral("not an http");
    QTest::newRow("no host") << QStringLiteral("http:///path") << QByteArray("GET") << QStringLiteral("without a host");
    QTest::newRow("method with space") << QStringLiteral("http://h.example/") << QByteArray("GET /x")
                                       << QStringLiteral("invalid request method");
    QTest::newRow("empty method") << QStringLiteral("http://h.example/") << QByteArray()
                                  << QStringLiteral("invalid request method");
}

void TestHttpRequestSerializer::rejectsWhatCannotBeSent()
{
    QFETCH(QString, url);
    QFETCH(QByteArray, method);
    QFETCH(QString, error);
    UpstreamRequest request;
    request.url = QUrl(url);
    request.method = method;
    QString message;
    QVERIFY(serialize(request, &message).isEmpty());
    QVERIFY2(message.contains(error), qPrintable(message));
}

void TestHttpRequestSerializer::originKey_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("key");
    QTest::newRow("https default") << QStringLiteral("https://API.Example.com/v1")
                                   << QStringLiteral("https://api.example.com:443");
    QTest::newRow("https explicit") << QStringLiteral("https://api.example.com:443/x")
                                    << QStringLiteral("https://api.example.com:443");
    QTest::newRow("http default") << QStringLiteral("http://h.example/") << QStringLiteral("http://h.example:80");
    QTest::newRow("http port") << QStringLiteral("http://127.0.0.1:1234/") << QStringLiteral("http://127.0.0.1:1234");
}

void TestHttpRequestSerializer::originKey()
{
    QFETCH(QString, url);
    QFETCH(QString, key);
    QCOMPARE(HttpRequestSerializer::originKey(QUrl(url)), key);
}

QTEST_GUILESS_MAIN(TestHttpRequestSerializer)
#include "TestHttpRequestSerializer.moc"
