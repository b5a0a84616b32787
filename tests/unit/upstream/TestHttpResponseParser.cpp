#include "upstream/HttpResponseParser.h"

#include <QList>
#include <QtTest>

using Framing = HttpResponseParser::BodyFraming;
Q_DECLARE_METATYPE(HttpResponseParser::BodyFraming)

namespace {

struct Outcome
{
    bool complete = false;
    bool error = false;
    QString errorText;
    bool stalled = false; // feed() consumed nothing from a non-empty input without finishing: a parser bug
    bool bodyBeforeHead = false;
    int status = 0;
    QByteArray body;
    bool keepAlive = false;
    Framing framing = Framing::None;
    qsizetype leftover = 0;
    HttpHeaderList headers;
    HttpHeaderList trailers;
    int interim = 0;
};

// Feeds `pieces` one after the other, resuming after every early stop, then signals EOF if asked.
Outcome run(const QList<QByteArray> &pieces, bool eof, bool head = false, qsizetype maxHeaderBytes = 64 * 1024)
{
    HttpResponseParser parser(maxHeaderBytes);
    parser.setHeadRequest(head);
    Outcome outcome;
    bool stopped = false;
    for (const QByteArray &piece : pieces) {
        QByteArrayView rest(piece);
        if (stopped) {
            outcome.leftover += rest.size();
            continue;
        }
        while (!rest.isEmpty()) {
            QByteArray body;
            const qsizetype used = parser.feed(rest, body);
            rest = rest.sliced(used);
            if (!body.isEmpty() && !parser.headersComplete())
                outcome.bodyBeforeHead = true;
            outcome.body += body;
            if (parser.hasError() || parser.isComplete()) {
                stopped = true;
                outcome.leftover += rest.size();
                break;
            }
            if (used == 0) {
                outcome.stalled = true;
                stopped = true;
                break;
            }
        }
    }
    if (eof && !parser.hasError() && !parser.isComplete())
        parser.finishAtEof();
    outcome.complete = parser.isComplete();
    outcome.error = parser.hasError();
    outcome.errorText = parser.errorString();
    outcome.status = parser.statusCode();
    outcome.keepAlive = parser.isKeepAlive();
    outcome.framing = parser.bodyFraming();
    outcome.headers = parser.headers();
    outcome.trailers = parser.trailers();
    outcome.interim = parser.interimResponseCount();
    return outcome;
}

QByteArray chunk(const QByteArray &data)
{
    return QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n";
}

QList<QByteArray> whole(const QByteArray &input)
{
    return {input};
}

QList<QByteArray> bytewise(const QByteArray &input)
{
    QList<QByteArray> pieces;
    for (const char c : input)
        pieces.append(QByteArray(1, c));
    return pieces;
}

} // namespace

class TestHttpResponseParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void framing_data();
    void framing();
    void splitAtEveryByte_data() { framing_data(); }
    void splitAtEveryByte();
    void malformed_data();
    void malformed();
    void malformedSplitAtEveryByte_data() { malformed_data(); }
    void malformedSplitAtEveryByte();
    void keepAlive_data();
    void keepAlive();
    void stopsRightAfterTheHead();
    void headerLookupIsCaseInsensitiveAndKeepsOrder();
    void headerLimitBoundary();
    void completeParserConsumesNothing();
    void resetParsesTheNextResponse();
    void largeContentLengthBody();
};

void TestHttpResponseParser::framing_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("head");
    QTest::addColumn<bool>("eof");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("keepAlive");
    QTest::addColumn<Framing>("framing");
    QTest::addColumn<qsizetype>("leftover");
    QTest::addColumn<int>("trailers");
    QTest::addColumn<int>("interim");

    QTest::newRow("content-length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                                  "Content-Length: 11\r\n\r\n{\"ok\":true}")
                                    << false << false << 200 << QByteArray("{\"ok\":true}") << true
                                    << Framing::ContentLength << qsizetype(0) << 0 << 0;
    QTest::newRow("content-length zero") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n") << false << false
                                         << 200 << QByteArray() << true << Framing::None << qsizetype(0) << 0 << 0;
    QTest::newRow("identical content-length values")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\nContent-Length: 5\r\n\r\nhello") << false << false
        << 200 << QByteArray("hello") << true << Framing::ContentLength << qsizetype(0) << 0 << 0;
    QTest::newRow("chunked with extensions and trailers")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "5;name=value\r\nhello\r\n7 ; q=\"a b\"\r\n, world\r\n0;last\r\nX-Checksum: abc\r\n"
                      "X-Other: 1\r\n\r\n")
        << false << false << 200 << QByteArray("hello, world") << true << Framing::Chunked << qsizetype(0) << 2 << 0;
    QTest::newRow("chunked uppercase hex and LF-only chunk ends")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\nA\r\n0123456789\n1a\r\n"
                      "abcdefghijklmnopqrstuvwxyz\r\n0\r\n\r\n")
        << false << false << 200 << QByteArray("0123456789abcdefghijklmnopqrstuvwxyz") << true << Framing::Chunked
        << qsizetype(0) << 0 << 0;
    QTest::newRow("chunked server-sent events")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
               + chunk("event: ping\ndata: {\"a\":1}\n\n") + chunk("event: done\ndata: {\"b\":\"\\n\"}\n\n")
               + "0\r\n\r\n")
        << false << false << 200 << QByteArray("event: ping\ndata: {\"a\":1}\n\nevent: done\ndata: {\"b\":\"\\n\"}\n\n")
        << true << Framing::Chunked << qsizetype(0) << 0 << 0;
    QTest::newRow("close-delimited") << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end")
                                     << false << true << 200 << QByteArray("until the end") << false
                                     << Framing::UntilClose << qsizetype(0) << 0 << 0;
    QTest::newRow("close-delimited empty") << QByteArray("HTTP/1.0 200 OK\r\n\r\n") << false << true << 200
                                           << QByteArray() << false << Framing::UntilClose << qsizetype(0) << 0 << 0;
    QTest::newRow("204 has no body") << QByteArray("HTTP/1.1 204 No Content\r\nX-Id: 1\r\n\r\n") << false << false
                                     << 204 << QByteArray() << true << Framing::None << qsizetype(0) << 0 << 0;
    QTest::newRow("304 ignores content-length")
        << QByteArray("HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n") << false << false << 304
        << QByteArray() << true << Framing::None << qsizetype(0) << 0 << 0;
    QTest::newRow("HEAD ignores content-length")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n") << true << false << 200 << QByteArray() << true
        << Framing::None << qsizetype(0) << 0 << 0;
    QTest::newRow("100 continue then 200")
        << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") << false << false
        << 200 << QByteArray("ok") << true << Framing::ContentLength << qsizetype(0) << 0 << 1;
    QTest::newRow("two interim responses with headers")
        << QByteArray("HTTP/1.1 102 Processing\r\nX-A: 1\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                      "HTTP/1.1 201 Created\r\nContent-Length: 3\r\n\r\nnew")
        << false << false << 201 << QByteArray("new") << true << Framing::ContentLength << qsizetype(0) << 0 << 2;
    QTest::newRow("LF-only head") << QByteArray("HTTP/1.1 200 OK\nContent-Length: 3\n\nabc") << false << false << 200
                                  << QByteArray("abc") << true << Framing::ContentLength << qsizetype(0) << 0 << 0;
    QTest::newRow("status line without reason")
        << QByteArray("HTTP/1.1 503\r\nContent-Length: 1\r\n\r\nx") << false << false << 503 << QByteArray("x") << true
        << Framing::ContentLength << qsizetype(0) << 0 << 0;
    QTest::newRow("obsolete line folding")
        << QByteArray("HTTP/1.1 200 OK\r\nX-Folded: first\r\n  second\r\n\tthird\r\nContent-Length: 1\r\n\r\nz")
        << false << false << 200 << QByteArray("z") << true << Framing::ContentLength << qsizetype(0) << 0 << 0;
    QTest::newRow("transfer-encoding wins over content-length and closes")
        << QByteArray(
               "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
        << false << false << 200 << QByteArray("abc") << false << Framing::Chunked << qsizetype(0) << 0 << 0;
    QTest::newRow("bytes after the response are left over")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n") << false << false << 200
        << QByteArray("ok") << true << Framing::ContentLength << qsizetype(17) << 0 << 0;
    QTest::newRow("bytes after a chunked response are left over")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\nextra") << false << false
        << 200 << QByteArray("x") << true << Framing::Chunked << qsizetype(5) << 0 << 0;
    QTest::newRow("body bytes that look like a head")
        << QByteArray("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 19\r\n\r\nHTTP/1.1 200 OK\r\n\r\n")
        << false << false << 500 << QByteArray("HTTP/1.1 200 OK\r\n\r\n") << true << Framing::ContentLength
        << qsizetype(0) << 0 << 0;
}

void TestHttpResponseParser::framing()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, head);
    QFETCH(bool, eof);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, keepAlive);
    QFETCH(Framing, framing);
    QFETCH(qsizetype, leftover);
    QFETCH(int, trailers);
    QFETCH(int, interim);

    const Outcome outcome = run(whole(input), eof, head);
    QVERIFY2(!outcome.error, qPrintable(outcome.errorText));
    QVERIFY(!outcome.stalled);
    QVERIFY(outcome.complete);
    QVERIFY(!outcome.bodyBeforeHead);
    QCOMPARE(outcome.status, status);
    QCOMPARE(outcome.body, body);
    QCOMPARE(outcome.keepAlive, keepAlive);
    QCOMPARE(outcome.framing, framing);
    QCOMPARE(outcome.leftover, leftover);
    QCOMPARE(outcome.trailers.size(), trailers);
    QCOMPARE(outcome.interim, interim);

    if (!eof) {
        // Complete on its own: the end of file is not needed (and changes nothing).
        const Outcome withEof = run(whole(input), true, head);
        QCOMPARE(withEof.body, body);
        QVERIFY(withEof.complete);
    } else {
        // Without the end of file a close-delimited response is not complete.
        const Outcome noEof = run(whole(input), false, head);
        QVERIFY(!noEof.complete);
        QVERIFY(!noEof.error);
    }
}

void TestHttpResponseParser::splitAtEveryByte()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, head);
    QFETCH(bool, eof);
    QFETCH(QByteArray, body);
    QFETCH(bool, keepAlive);
    QFETCH(qsizetype, leftover);
    QFETCH(int, trailers);

    for (qsizetype split = 0; split <= input.size(); ++split) {
        const Outcome outcome = run({input.left(split), input.mid(split)}, eof, head);
        const QByteArray where = "split at " + QByteArray::number(split);
        QVERIFY2(!outcome.error, QByteArray(where + ": " + outcome.errorText.toUtf8()).constData());
        QVERIFY2(outcome.complete && !outcome.stalled, where.constData());
        QVERIFY2(outcome.body == body, where.constData());
        QVERIFY2(outcome.keepAlive == keepAlive, where.constData());
        QVERIFY2(outcome.leftover == leftover, where.constData());
        QVERIFY2(outcome.trailers.size() == trailers, where.constData());
        QVERIFY2(!outcome.bodyBeforeHead, where.constData());
    }
    // Two splits, everywhere, for the short inputs.
    if (input.size() <= 120) {
        for (qsizetype first = 0; first <= input.size(); ++first) {
            for (qsizetype second = first; second <= input.size(); ++second) {
                const Outcome outcome
                    = run({input.left(first), input.mid(first, second - first), input.mid(second)}, eof, head);
                QVERIFY2(outcome.complete && outcome.body == body && outcome.leftover == leftover,
                    qPrintable(QStringLiteral("splits at %1 and %2").arg(first).arg(second)));
            }
        }
    }
    const Outcome byteByByte = run(bytewise(input), eof, head);
    QVERIFY(byteByByte.complete);
    QCOMPARE(byteByByte.body, body);
    QCOMPARE(byteByByte.leftover, leftover);
}

void TestHttpResponseParser::malformed_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("eof");
    QTest::addColumn<QString>("error");

    const QByteArray ok = "HTTP/1.1 200 OK\r\n";
    QTest::newRow("HTTP/2 status line") << QByteArray("HTTP/2 200 OK\r\n\r\n") << false
                                        << QStringLiteral("malformed status line");
    QTest::newRow("not HTTP") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n") << false
                              << QStringLiteral("malformed status line");
    QTest::newRow("leading empty line") << QByteArray("\r\nHTTP/1.1 200 OK\r\n\r\n") << false
                                        << QStringLiteral("malformed status line");
    QTest::newRow("status code with a letter")
        << QByteArray("HTTP/1.1 2x0 OK\r\n\r\n") << false << QStringLiteral("malformed status code");
    QTest::newRow("status code too short")
        << QByteArray("HTTP/1.1 20 OK\r\n\r\n") << false << QStringLiteral("malformed status");
    QTest::newRow("status code below 100")
        << QByteArray("HTTP/1.1 099 Odd\r\n\r\n") << false << QStringLiteral("malformed status code");
    QTest::newRow("101 without an upgrade request")
        << QByteArray("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n") << false
        << QStringLiteral("unexpected 101");
    QTest::newRow("header without colon") << ok + "Bad Header\r\n\r\n"
                                          << false << QStringLiteral("header line without a colon");
    QTest::newRow("space before colon") << ok + "Content-Length : 5\r\n\r\nhello" << false
                                        << QStringLiteral("invalid character in a header name");
    QTest::newRow("empty header name") << ok + ": value\r\n\r\n" << false << QStringLiteral("empty header name");
    QTest::newRow("fold before any header") << ok + " folded: x\r\n\r\n"
                                            << false << QStringLiteral("starts with whitespace");
    QTest::newRow("NUL in a header value")
        << ok + QByteArray("X-A: a\0b\r\n\r\n", 12) << false << QStringLiteral("control character");
    QTest::newRow("bare CR in a header") << ok + "X-A: a\rb\r\n\r\n" << false << QStringLiteral("bare CR");
    QTest::newRow("content-length not a number") << ok + "Content-Length: abc\r\n\r\n"
                                                 << false << QStringLiteral("invalid Content-Length");
    QTest::newRow("content-length negative") << ok + "Content-Length: -1\r\n\r\n"
                                             << false << QStringLiteral("invalid Content-Length");
    QTest::newRow("content-length conflicting") << ok + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!" << false
                                                << QStringLiteral("invalid Content-Length");
    QTest::newRow("content-length list conflicting")
        << ok + "Content-Length: 5, 6\r\n\r\nhello!" << false << QStringLiteral("invalid Content-Length");
    QTest::newRow("content-length huge") << ok + "Content-Length: 99999999999999999999\r\n\r\n"
                                         << false << QStringLiteral("invalid Content-Length");
    QTest::newRow("transfer-encoding gzip") << ok + "Transfer-Encoding: gzip\r\n\r\n"
                                            << false << QStringLiteral("unsupported Transfer-Encoding");
    QTest::newRow("transfer-encoding gzip, chunked") << ok + "Transfer-Encoding: gzip, chunked\r\n\r\n"
                                                     << false << QStringLiteral("unsupported Transfer-Encoding");
    QTest::newRow("chunked twice") << ok + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"
                                   << false << QStringLiteral("unsupported Transfer-Encoding");
    const QByteArray chunked = ok + "Transfer-Encoding: chunked\r\n\r\n";
    QTest::newRow("chunk size not hex") << chunked + "zz\r\n" << false << QStringLiteral("invalid chunk size");
    QTest::newRow("chunk size empty") << chunked + "\r\n" << false << QStringLiteral("invalid chunk size");
    QTest::newRow("chunk size with junk") << chunked + "5 x\r\nhello\r\n"
                                          << false << QStringLiteral("invalid chunk size");
    QTest::newRow("chunk size too large") << chunked + "fffffffffffffffff\r\n"
                                          << false << QStringLiteral("chunk size too large");
    QTest::newRow("chunk data too long") << chunked + "5\r\nhelloXX\r\n"
                                         << false << QStringLiteral("not followed by CRLF");
    QTest::newRow("chunk data CR without LF")
        << chunked + "5\r\nhello\rX" << false << QStringLiteral("not followed by CRLF");
    QTest::newRow("chunk size line too long") << chunked + "5;" + QByteArray(9000, 'x') + "\r\n"
                                              << false << QStringLiteral("chunk size line longer");
    QTest::newRow("trailer without colon") << chunked + "0\r\nnot a trailer\r\n\r\n"
                                           << false << QStringLiteral("without a colon");
    QTest::newRow("trailers too large") << chunked + "0\r\nX-T: " + QByteArray(70 * 1024, 'x') + "\r\n\r\n"
                                        << false << QStringLiteral("trailer block larger than 65536 bytes");
    QTest::newRow("head too large in one header") << ok + "X-Big: " + QByteArray(70 * 1024, 'x') + "\r\n\r\n"
                                                  << false << QStringLiteral("response head larger than 65536 bytes");
    QByteArray manyHeaders = ok;
    for (int i = 0; i < 5000; ++i)
        manyHeaders += "X-H" + QByteArray::number(i) + ": value\r\n";
    QTest::newRow("head too large in many headers") << manyHeaders + "\r\n"
                                                    << false << QStringLiteral("response head larger than 65536 bytes");
    QTest::newRow("status line too long, no newline") << QByteArray("HTTP/1.1 200 ")
            + QByteArray(70 * 1024, 'r') << false << QStringLiteral("response head larger than 65536 bytes");
    // Cut short: only the end of file tells.
    QTest::newRow("eof before any byte") << QByteArray() << true << QStringLiteral("before any response byte");
    QTest::newRow("eof inside the status line")
        << QByteArray("HTTP/1.1 20") << true << QStringLiteral("inside the response head");
    QTest::newRow("eof inside the headers") << ok + "Content-Length: 5\r\n"
                                            << true << QStringLiteral("inside the response head");
    QTest::newRow("eof after an interim response")
        << QByteArray("HTTP/1.1 100 Continue\r\n\r\n") << true << QStringLiteral("inside the response head");
    QTest::newRow("eof inside a content-length body")
        << ok + "Content-Length: 10\r\n\r\nabc" << true << QStringLiteral("after 3 of 10 body bytes");
    QTest::newRow("eof inside a chunk") << chunked + "5\r\nhel" << true << QStringLiteral("inside the chunked body");
    QTest::newRow("eof before the last chunk") << chunked + "5\r\nhello\r\n"
                                               << true << QStringLiteral("inside the chunked body");
    QTest::newRow("eof inside the trailers") << chunked + "0\r\nX-T: 1\r\n"
                                             << true << QStringLiteral("inside the chunked body");
}

void TestHttpResponseParser::malformed()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, eof);
    QFETCH(QString, error);

    const Outcome outcome = run(whole(input), eof);
    QVERIFY(outcome.error);
    QVERIFY(!outcome.complete);
    QVERIFY2(outcome.errorText.contains(error), qPrintable(outcome.errorText));
}

void TestHttpResponseParser::malformedSplitAtEveryByte()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, eof);
    QFETCH(QString, error);

    const qsizetype step = input.size() > 2000 ? 997 : 1;
    for (qsizetype split = 0; split <= input.size(); split += step) {
        const Outcome outcome = run({input.left(split), input.mid(split)}, eof);
        QVERIFY2(outcome.error && !outcome.stalled && outcome.errorText.contains(error),
            qPrintable(QStringLiteral("split at %1: %2").arg(split).arg(outcome.errorText)));
    }
}

void TestHttpResponseParser::keepAlive_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("keepAlive");

    QTest::newRow("1.1 default") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n") << true;
    QTest::newRow("1.1 close") << QByteArray("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
                               << false;
    QTest::newRow("1.1 Close in a list") << QByteArray(
        "HTTP/1.1 200 OK\r\nConnection: Keep-Alive, CLOSE\r\nContent-Length: 0\r\n\r\n")
                                         << false;
    QTest::newRow("1.1 close in a second header")
        << QByteArray("HTTP/1.1 200 OK\r\nConnection: upgrade\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
        << false;
    QTest::newRow("1.1 closed is not close")
        << QByteArray("HTTP/1.1 200 OK\r\nConnection: closed\r\nContent-Length: 0\r\n\r\n") << true;
    QTest::newRow("1.0 default") << QByteArray("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n") << false;
    QTest::newRow("1.0 keep-alive") << QByteArray(
        "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n")
                                    << true;
    QTest::newRow("1.0 keep-alive and close")
        << QByteArray("HTTP/1.0 200 OK\r\nConnection: keep-alive, close\r\nContent-Length: 0\r\n\r\n") << false;
    QTest::newRow("1.0 chunked") << QByteArray("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n"
                                               "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                                 << false;
    QTest::newRow("1.1 204") << QByteArray("HTTP/1.1 204 No Content\r\n\r\n") << true;
}

void TestHttpResponseParser::keepAlive()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, keepAlive);
    const Outcome outcome = run(whole(head), false);
    QVERIFY2(outcome.complete, qPrintable(outcome.errorText));
    QCOMPARE(outcome.keepAlive, keepAlive);
}

void TestHttpResponseParser::stopsRightAfterTheHead()
{
    const QByteArray head = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n";
    HttpResponseParser parser;
    QByteArray body;
    const qsizetype used = parser.feed(QByteArray(head + "hello"), body);
    QCOMPARE(used, head.size());
    QVERIFY(parser.headersComplete());
    QVERIFY(body.isEmpty());
    QCOMPARE(parser.state(), HttpResponseParser::State::Body);
    QCOMPARE(parser.contentLength(), 5);
    QCOMPARE(parser.feed(QByteArrayView("hello"), body), 5);
    QCOMPARE(body, QByteArray("hello"));
    QVERIFY(parser.isComplete());
}

void TestHttpResponseParser::headerLookupIsCaseInsensitiveAndKeepsOrder()
{
    const Outcome outcome = run(whole("HTTP/1.1 200 OK\r\nx-request-id: first\r\nContent-Type: text/plain\r\n"
                                      "X-Request-Id: second\r\nSet-Cookie: a=1\r\nContent-Length: 0\r\n\r\n"),
        false);
    QVERIFY(outcome.complete);
    QCOMPARE(outcome.headers.size(), 5);
    QCOMPARE(outcome.headers.at(0).first, QByteArray("x-request-id"));
    QCOMPARE(outcome.headers.at(1).first, QByteArray("Content-Type"));
    QCOMPARE(outcome.headers.at(2).second, QByteArray("second"));

    HttpResponseParser parser;
    QByteArray body;
    parser.feed(QByteArrayView("HTTP/1.1 200 OK\r\nx-request-id:   first  \r\nX-REQUEST-ID: second\r\n"
                               "Content-Length: 0\r\n\r\n"),
        body);
    QCOMPARE(parser.header("X-Request-ID"), QByteArray("first"));
    QCOMPARE(parser.header("x-request-id"), QByteArray("first"));
    QVERIFY(parser.hasHeader("CONTENT-LENGTH"));
    QVERIFY(!parser.hasHeader("content-type"));
    QCOMPARE(parser.header("missing"), QByteArray());
}

void TestHttpResponseParser::headerLimitBoundary()
{
    // Status line (17) + header (19) + blank line (2) = 38 bytes.
    const QByteArray head = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
    QCOMPARE(head.size(), 38);
    QVERIFY(run(whole(head), false, false, 38).complete);
    QVERIFY(run(bytewise(head), false, false, 38).complete);
    const Outcome over = run(whole(head), false, false, 37);
    QVERIFY(over.error);
    QVERIFY(over.errorText.contains(QStringLiteral("larger than 37 bytes")));
    QVERIFY(run(bytewise(head), false, false, 37).error);
    // Interim responses do not eat into the final head's budget.
    QVERIFY(run(whole(QByteArray("HTTP/1.1 100 Continue\r\n\r\n" + head)), false, false, 38).complete);
}

void TestHttpResponseParser::completeParserConsumesNothing()
{
    HttpResponseParser parser;
    QByteArray body;
    parser.feed(QByteArrayView("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"), body);
    QVERIFY(parser.isComplete());
    QCOMPARE(parser.feed(QByteArrayView("more"), body), 0);
    QVERIFY(parser.finishAtEof());

    HttpResponseParser broken;
    broken.feed(QByteArrayView("nonsense\r\n"), body);
    QVERIFY(broken.hasError());
    QCOMPARE(broken.feed(QByteArrayView("HTTP/1.1 200 OK\r\n"), body), 0);
    QVERIFY(!broken.finishAtEof());
    QVERIFY(body.isEmpty());
}

void TestHttpResponseParser::resetParsesTheNextResponse()
{
    HttpResponseParser parser;
    parser.setHeadRequest(true);
    QByteArray body;
    parser.feed(QByteArrayView("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n"), body);
    QVERIFY(parser.isComplete());
    parser.reset();
    QVERIFY(!parser.headersComplete());
    QVERIFY(!parser.receivedAnything());
    // Still a HEAD parser after reset.
    parser.feed(QByteArrayView("HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\n"), body);
    QVERIFY(parser.isComplete());
    QCOMPARE(parser.statusCode(), 404);
    QVERIFY(body.isEmpty());
}

void TestHttpResponseParser::largeContentLengthBody()
{
    const QByteArray payload(3 * 1024 * 1024 + 7, 'p');
    const QByteArray input
        = QByteArray("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(payload.size()) + "\r\n\r\n") + payload;
    QList<QByteArray> pieces;
    for (qsizetype at = 0; at < input.size(); at += 65536)
        pieces.append(input.mid(at, 65536));
    const Outcome outcome = run(pieces, false);
    QVERIFY(outcome.complete);
    QCOMPARE(outcome.body.size(), payload.size());
    QVERIFY(outcome.body == payload);
}

QTEST_GUILESS_MAIN(TestHttpResponseParser)
#include "TestHttpResponseParser.moc"
