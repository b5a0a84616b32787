// The HTTP request parser (the proxy's front door and the fake platform), by tables: every request is fed whole, in
// 3-byte pieces and byte by byte, and must come out the same.
#include "protocol/HttpRequestParser.h"

#include <QTest>

#include <algorithm>

namespace {

struct Outcome
{
    QList<HttpRequestMessage> requests;
    QList<bool> keepAlive;
    QList<bool> expectsContinue;
    int errorStatus = 0;
};

Outcome feedInPieces(
    const QByteArray &input, qsizetype pieceSize, qint64 maxBody = qint64(1) << 30, qsizetype maxHeader = 1 << 20)
{
    HttpRequestParser parser;
    parser.setMaxBodyBytes(maxBody);
    parser.setMaxHeaderBytes(maxHeader);
    Outcome outcome;
    for (qsizetype at = 0; at < input.size() && outcome.errorStatus == 0; at += pieceSize) {
        parser.addData(input.constData() + at, qMin(pieceSize, input.size() - at));
        bool more = true;
        while (more) {
            switch (parser.parse()) {
            case HttpRequestParser::Result::NeedMore:
                more = false;
                break;
            case HttpRequestParser::Result::HeadComplete:
                outcome.expectsContinue.append(parser.expectsContinue());
                break;
            case HttpRequestParser::Result::MessageComplete:
                outcome.keepAlive.append(parser.keepAlive());
                outcome.requests.append(parser.takeRequest());
                break;
            case HttpRequestParser::Result::Error:
                outcome.errorStatus = parser.errorStatus();
                more = false;
                break;
            }
        }
    }
    return outcome;
}

} // namespace

class TestHttpRequestParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesRequests_data();
    void parsesRequests();
    void rejectsBadInput_data();
    void rejectsBadInput();
    void connectionSemantics_data();
    void connectionSemantics();
    void pipelinedRequestsComeOutInOrder();
    void largeBodyInManyPieces();
    void largeBodyAtTheEndIsTakenOverWhole();
    void waitsForTheWholeBody();
};

void TestHttpRequestParser::parsesRequests_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("headerName");
    QTest::addColumn<QByteArray>("headerValue");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("get") << QByteArray("GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n") << QByteArray("GET")
                         << QByteArray("/v1/models") << QByteArray("host") << QByteArray("x") << QByteArray();
    QTest::newRow("query kept") << QByteArray("POST /v1/messages?beta=true HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}")
                                << QByteArray("POST") << QByteArray("/v1/messages?beta=true")
                                << QByteArray("content-length") << QByteArray("2") << QByteArray("{}");
    QTest::newRow("original case, value trimmed")
        << QByteArray("POST / HTTP/1.1\r\nX-Api-Key: \t secret-value \t\r\nContent-Length: 1\r\n\r\nZ")
        << QByteArray("POST") << QByteArray("/") << QByteArray("X-Api-Key") << QByteArray("secret-value")
        << QByteArray("Z");
    QTest::newRow("empty header value") << QByteArray("GET / HTTP/1.1\r\nX-Empty:\r\n\r\n") << QByteArray("GET")
                                        << QByteArray("/") << QByteArray("x-empty") << QByteArray("") << QByteArray();
    QTest::newRow("bare LF line ends") << QByteArray("POST /a HTTP/1.1\nContent-Length: 3\n\nabc") << QByteArray("POST")
                                       << QByteArray("/a") << QByteArray("Content-Length") << QByteArray("3")
                                       << QByteArray("abc");
    QTest::newRow("leading empty lines ignored") << QByteArray("\r\n\r\nGET /b HTTP/1.1\r\n\r\n") << QByteArray("GET")
                                                 << QByteArray("/b") << QByteArray() << QByteArray() << QByteArray();
    QTest::newRow("chunked with extension and trailer")
        << QByteArray("POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "5;name=value\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n")
        << QByteArray("POST") << QByteArray("/c") << QByteArray("transfer-encoding") << QByteArray("chunked")
        << QByteArray("hello 0123456789");
    QTest::newRow("chunked, upper-case hex, LF only")
        << QByteArray(
               "POST /d HTTP/1.1\nTransfer-Encoding: gzip, chunked\n\n1F\n0123456789012345678901234567890\n0\n\n")
        << QByteArray("POST") << QByteArray("/d") << QByteArray("Transfer-Encoding") << QByteArray("gzip, chunked")
        << QByteArray("0123456789012345678901234567890");
    QTest::newRow("two equal Content-Length")
        << QByteArray("PUT /e HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok") << QByteArray("PUT")
        << QByteArray("/e") << QByteArray("content-length") << QByteArray("2") << QByteArray("ok");
    QTest::newRow("binary body") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 4\r\n\r\n")
            + QByteArray("\r\n\0\xff", 4)
                                 << QByteArray("POST") << QByteArray("/") << QByteArray() << QByteArray()
                                 << QByteArray("\r\n\0\xff", 4);
}

void TestHttpRequestParser::parsesRequests()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, headerName);
    QFETCH(QByteArray, headerValue);
    QFETCH(QByteArray, body);

    for (const qsizetype pieceSize : {input.size(), qsizetype(3), qsizetype(1)}) {
        const Outcome outcome = feedInPieces(input, pieceSize);
        QCOMPARE(outcome.errorStatus, 0);
        QCOMPARE(outcome.requests.size(), 1);
        const HttpRequestMessage &request = outcome.requests.constFirst();
        QCOMPARE(request.method, method);
        QCOMPARE(request.target, path);
        QCOMPARE(request.version, QByteArray("HTTP/1.1"));
        if (!headerName.isEmpty()) {
            const auto header = std::find_if(
                request.headers.cbegin(), request.headers.cend(), [&](const HttpRequestMessage::Header &h) {
                    return h.first.compare(headerName, Qt::CaseInsensitive) == 0;
                });
            QVERIFY(header != request.headers.cend());
            QCOMPARE(header->second, headerValue);
        }
        QCOMPARE(request.body, body);
    }
}

void TestHttpRequestParser::rejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("status");

    QTest::newRow("not http") << QByteArray("GARBAGE\r\n\r\n") << 400;
    QTest::newRow("no target") << QByteArray("GET  HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("control char in target") << QByteArray("GET /a\x01 HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("http/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 505;
    QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : x\r\n\r\n") << 400;
    QTest::newRow("folded header") << QByteArray("GET / HTTP/1.1\r\nX-A: 1\r\n  more\r\n\r\n") << 400;
    QTest::newRow("bad content-length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n") << 400;
    QTest::newRow("negative content-length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << 400;
    QTest::newRow("huge content-length") << QByteArray(
        "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n")
                                         << 400;
    QTest::newRow("conflicting content-length")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab") << 400;
    QTest::newRow("te and cl together") << QByteArray(
        "POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                                        << 400;
    QTest::newRow("te not ending in chunked")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n") << 400;
    QTest::newRow("bad chunk size") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") << 400;
    QTest::newRow("chunk without CRLF after data")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabXY") << 400;
    QTest::newRow("body over the limit") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 2000\r\n\r\n") << 413;
    QTest::newRow("chunked body over the limit")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n") + QByteArray(1024, 'a')
            + "\r\n400\r\n"
        << 413;
    QTest::newRow("header block over the limit") << QByteArray("GET / HTTP/1.1\r\nX-Big: ") + QByteArray(5000, 'b')
            + "\r\n\r\n" << 431;
}

void TestHttpRequestParser::rejectsBadInput()
{
    QFETCH(QByteArray, input);
    QFETCH(int, status);
    for (const qsizetype pieceSize : {input.size(), qsizetype(1)}) {
        const Outcome outcome = feedInPieces(input, pieceSize, 1500, 4096);
        QCOMPARE(outcome.errorStatus, status);
        QVERIFY(outcome.requests.isEmpty());
    }
}

void TestHttpRequestParser::connectionSemantics_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("keepAlive");
    QTest::addColumn<bool>("expectsContinue");

    QTest::newRow("1.1 default") << QByteArray("GET / HTTP/1.1\r\n\r\n") << true << false;
    QTest::newRow("1.1 close") << QByteArray("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n") << false << false;
    QTest::newRow("1.1 close in a list") << QByteArray("GET / HTTP/1.1\r\nConnection: te, close\r\n\r\n") << false
                                         << false;
    QTest::newRow("1.0 default") << QByteArray("GET / HTTP/1.0\r\n\r\n") << false << false;
    QTest::newRow("1.0 keep-alive") << QByteArray("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") << true << false;
    QTest::newRow("expect with body") << QByteArray(
        "POST / HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\nx")
                                      << true << true;
    QTest::newRow("expect without body") << QByteArray("POST / HTTP/1.1\r\nExpect: 100-continue\r\n\r\n") << true
                                         << false;
    QTest::newRow("expect on 1.0 ignored")
        << QByteArray("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nx") << false << false;
}

void TestHttpRequestParser::connectionSemantics()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, keepAlive);
    QFETCH(bool, expectsContinue);
    const Outcome outcome = feedInPieces(input, input.size());
    QCOMPARE(outcome.requests.size(), 1);
    QCOMPARE(outcome.keepAlive.constFirst(), keepAlive);
    QCOMPARE(outcome.expectsContinue.constFirst(), expectsContinue);
}

void TestHttpRequestParser::pipelinedRequestsComeOutInOrder()
{
    const QByteArray input = "POST /1 HTTP/1.1\r\nContent-Length: 3\r\n\r\none"
                             "POST /2 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\ntwo\r\n0\r\n\r\n"
                             "GET /3 HTTP/1.1\r\nConnection: close\r\n\r\n";
    for (const qsizetype pieceSize : {input.size(), qsizetype(7), qsizetype(1)}) {
        const Outcome outcome = feedInPieces(input, pieceSize);
        QCOMPARE(outcome.errorStatus, 0);
        QCOMPARE(outcome.requests.size(), 3);
        QCOMPARE(outcome.requests.at(0).target, QByteArray("/1"));
        QCOMPARE(outcome.requests.at(0).body, QByteArray("one"));
        QCOMPARE(outcome.requests.at(1).target, QByteArray("/2"));
        QCOMPARE(outcome.requests.at(1).body, QByteArray("two"));
        QCOMPARE(outcome.requests.at(2).target, QByteArray("/3"));
        QVERIFY(outcome.requests.at(2).body.isEmpty());
        QCOMPARE(outcome.keepAlive, (QList<bool> {true, true, false}));
    }
}

void TestHttpRequestParser::largeBodyInManyPieces()
{
    QByteArray body(3 * 1024 * 1024 + 17, Qt::Uninitialized);
    for (qsizetype i = 0; i < body.size(); ++i)
        body[i] = char((i * 131) ^ (i >> 9));
    const QByteArray input = "POST /big HTTP/1.1\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
        + body + "GET /after HTTP/1.1\r\n\r\n";
    const Outcome outcome = feedInPieces(input, 65536 + 3);
    QCOMPARE(outcome.requests.size(), 2);
    QVERIFY(outcome.requests.at(0).body == body);
    QCOMPARE(outcome.requests.at(1).target, QByteArray("/after"));
}

void TestHttpRequestParser::largeBodyAtTheEndIsTakenOverWhole()
{
    // A body of at least kAdoptBodyBytes that ends the buffered bytes becomes the body without a copy; the
    // parser then goes on with an empty buffer. Both sides of the threshold, alone and followed by a request.
    for (const qint64 size : {HttpRequestParser::kAdoptBodyBytes - 1, HttpRequestParser::kAdoptBodyBytes,
             HttpRequestParser::kAdoptBodyBytes * 3 + 5}) {
        QByteArray body(size, Qt::Uninitialized);
        for (qsizetype i = 0; i < body.size(); ++i)
            body[i] = char('a' + i % 23);
        const QByteArray request
            = "POST /v1/messages HTTP/1.1\r\nContent-Length: " + QByteArray::number(size) + "\r\n\r\n" + body;
        HttpRequestParser parser;
        parser.addData(request.constData(), request.size());
        QCOMPARE(parser.parse(), HttpRequestParser::Result::HeadComplete);
        QCOMPARE(parser.parse(), HttpRequestParser::Result::MessageComplete);
        QVERIFY(parser.takeRequest().body == body);
        QCOMPARE(parser.bufferedBytes(), qsizetype(0));
        const QByteArray next = "GET /health HTTP/1.1\r\n\r\n";
        parser.addData(next.constData(), next.size());
        QCOMPARE(parser.parse(), HttpRequestParser::Result::HeadComplete);
        QCOMPARE(parser.parse(), HttpRequestParser::Result::MessageComplete);
        QCOMPARE(parser.takeRequest().target, QByteArray("/health"));

        const Outcome pipelined = feedInPieces(request + next, request.size() + next.size());
        QCOMPARE(pipelined.requests.size(), 2);
        QVERIFY(pipelined.requests.at(0).body == body);
        QCOMPARE(pipelined.requests.at(1).target, QByteArray("/health"));
    }
}

void TestHttpRequestParser::waitsForTheWholeBody()
{
    HttpRequestParser parser;
    const QByteArray head = "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n";
    parser.addData(head.constData(), head.size());
    QCOMPARE(parser.parse(), HttpRequestParser::Result::HeadComplete);
    QCOMPARE(parser.bodyBytesRemaining(), qint64(10));
    parser.addData("12345", 5);
    QCOMPARE(parser.parse(), HttpRequestParser::Result::NeedMore);
    QCOMPARE(parser.bodyBytesRemaining(), qint64(5));
    parser.addData("67890", 5);
    QCOMPARE(parser.parse(), HttpRequestParser::Result::MessageComplete);
    QCOMPARE(parser.takeRequest().body, QByteArray("1234567890"));
    QCOMPARE(parser.parse(), HttpRequestParser::Result::NeedMore);
}

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "TestHttpRequestParser.moc"
