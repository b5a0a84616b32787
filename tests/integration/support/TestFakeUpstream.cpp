// The fake upstream, driven over real loopback sockets: QNetworkAccessManager where a normal client is
// enough, a raw QTcpSocket where the wire bytes matter, and a plain BSD socket where only the system can tell a
// reset from a clean close. Timing assertions compare arrival times with lower bounds only (timers never fire
// early), so a loaded machine can make them slower, never wrong.
#include "FakeUpstream.h"
#include "FakeUpstreamThread.h"
#include "TempDataDir.h"
#include "protocol/SseParser.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#ifdef Q_OS_UNIX
#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0
#endif
#endif

namespace {

// --- a client-side reading of HTTP responses, independent of the fake's own code ---

struct HttpResponse
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QList<QByteArray> chunks; // the body's chunks as framed on the wire (chunked responses)

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &header : headers) {
            if (header.first.compare(name, Qt::CaseInsensitive) == 0)
                return header.second;
        }
        return {};
    }
};

// Parses the response at the start of `buffer`. Returns the bytes it used, 0 when more are needed, -1 when
// the bytes are not an HTTP response. `atEof`: the connection has closed (ends a close-delimited body).
qsizetype parseHttpResponse(const QByteArray &buffer, HttpResponse &out, bool atEof = false)
{
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return 0;
    const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
    const QList<QByteArray> statusLine = lines.constFirst().trimmed().split(' ');
    if (statusLine.size() < 2 || !statusLine.at(0).startsWith("HTTP/1."))
        return -1;
    HttpResponse response;
    response.status = statusLine.at(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            response.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    qsizetype at = headEnd + 4;
    if (response.status / 100 == 1 || response.status == 204 || response.status == 304) {
        out = response;
        return at;
    }
    if (response.header("Transfer-Encoding").toLower().contains("chunked")) {
        while (true) {
            const qsizetype lineEnd = buffer.indexOf("\r\n", at);
            if (lineEnd < 0)
                return 0;
            bool ok = false;
            const qsizetype size = buffer.mid(at, lineEnd - at).split(';').constFirst().trimmed().toLongLong(&ok, 16);
            if (!ok)
                return -1;
            if (buffer.size() < lineEnd + 2 + size + 2)
                return 0;
            if (size == 0) {
                out = response;
                return lineEnd + 4;
            }
            const QByteArray chunk = buffer.mid(lineEnd + 2, size);
            response.chunks.append(chunk);
            response.body += chunk;
            at = lineEnd + 2 + size + 2;
        }
    }
    if (!response.header("Content-Length").isNull()) {
        const qsizetype length = response.header("Content-Length").toLongLong();
        if (buffer.size() - at < length)
            return 0;
        response.body = buffer.mid(at, length);
        out = response;
        return at + length;
    }
    if (!atEof)
        return 0;
    response.body = buffer.mid(at);
    out = response;
    return buffer.size();
}

// A blocking raw client. Only for a fake that runs on another thread (FakeUpstreamThread): the waits here do
// not run this thread's event loop.
class RawClient
{
public:
    explicit RawClient(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        m_socket.waitForConnected(5000);
    }

    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    QTcpSocket &socket() { return m_socket; }
    QByteArray &buffer() { return m_buffer; }

    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        while (m_socket.bytesToWrite() > 0 && m_socket.waitForBytesWritten(5000)) { }
    }

    // Waits up to `timeoutMs` for more bytes; returns false when none came (or the connection closed).
    bool readMore(int timeoutMs)
    {
        if (m_socket.bytesAvailable() == 0 && !m_socket.waitForReadyRead(timeoutMs)) {
            m_buffer += m_socket.readAll();
            return false;
        }
        m_buffer += m_socket.readAll();
        return true;
    }

    bool readResponse(HttpResponse &response, int timeoutMs = 5000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (true) {
            const bool closed = m_socket.state() != QAbstractSocket::ConnectedState;
            const qsizetype used = parseHttpResponse(m_buffer, response, closed);
            if (used > 0) {
                m_buffer.remove(0, used);
                return true;
            }
            if (used < 0 || closed || deadline.hasExpired())
                return false;
            readMore(int(qMax<qint64>(1, deadline.remainingTime())));
        }
    }

    bool readUntilContains(const QByteArray &needle, int timeoutMs = 5000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!m_buffer.contains(needle)) {
            if (deadline.hasExpired() || !readMore(int(qMax<qint64>(1, deadline.remainingTime()))))
                return m_buffer.contains(needle);
        }
        return true;
    }

    // Reads until the peer closes; true when it did within the time.
    bool waitForClose(int timeoutMs = 5000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (m_socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
            if (m_socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
                m_buffer += m_socket.readAll();
        }
        m_buffer += m_socket.readAll();
        return m_socket.state() != QAbstractSocket::ConnectedState;
    }

private:
    QTcpSocket m_socket;
    QByteArray m_buffer;
};

QByteArray postRequest(const QByteArray &path, const QByteArray &body, const QByteArray &extraHeaders = {})
{
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n" + extraHeaders + "\r\n" + body;
}

QNetworkRequest jsonRequest(const QUrl &url)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    return request;
}

bool waitForFinished(QNetworkReply *reply, int timeoutMs = 10000)
{
    if (reply->isFinished())
        return true;
    QSignalSpy finished(reply, &QNetworkReply::finished);
    return finished.wait(timeoutMs) || reply->isFinished();
}

int statusOf(QNetworkReply *reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

QJsonObject jsonOf(const QByteArray &bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

#ifdef Q_OS_UNIX
enum class Ending
{
    Eof,
    Reset,
    Timeout,
    Failed
};

// Sends `request` on a plain BSD socket and reads until the connection ends, telling a clean close (recv
// returns 0) from a reset (ECONNRESET), which Qt's sockets report alike.
Ending exchangeOnBsdSocket(quint16 port, const QByteArray &request, QByteArray *received)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return Ending::Failed;
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval timeout {};
    timeout.tv_sec = 5;
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    Ending ending = Ending::Failed;
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0
        && ::send(fd, request.constData(), size_t(request.size()), MSG_NOSIGNAL) == request.size()) {
        char chunk[4096];
        while (true) {
            const ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
            if (n > 0) {
                received->append(chunk, qsizetype(n));
                continue;
            }
            if (n == 0)
                ending = Ending::Eof;
            else if (errno == ECONNRESET)
                ending = Ending::Reset;
            else if (errno == EAGAIN || errno == EWOULDBLOCK)
                ending = Ending::Timeout;
            break;
        }
    }
    ::close(fd);
    return ending;
}
#endif

} // namespace

class TestFakeUpstream : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultAnswerIsRecorded();
    void queueThenHandlerThenDefault();
    void pathQueuesTakeTheLongestPrefix();
    void slotOnRequestReceivedCanScriptTheAnswer();
    void errorBuilders_data();
    void errorBuilders();
    void openAIChatAndStreamShapes();
    void anthropicStreamIsWellFormed();
    void streamPiecesArriveSeparatelyWithTheirDelays();
    void qnamSeesStreamBeforeItEnds();
    void closeDelimitedStream();
    void socketFaults_data();
    void socketFaults();
    void hangUntilClientTimesOut();
    void hangEndsWhenTheFakeIsDestroyed();
    void closeMidStreamLeavesBodyUnfinished();
    void hangMidStreamKeepsStreamActive();
    void truncatedBodyIsAnError();
    void delayBeforeHeadersDelaysOnlyThatResponse();
    void malformedStatusLineIsAProtocolError();
    void refusedAfterClose();
    void keepAliveReusesOneConnection();
    void qnamReusesOneConnection();
    void pipelinedRequestsAreAnsweredInOrder();
    void connectionCloseIsHonoured_data();
    void connectionCloseIsHonoured();
    void expect100Continue();
    void fiveMegabyteBodyIsRecordedExactly();
    void chunkedRequestBody();
    void badRequestsAreAnsweredAndClosed_data();
    void badRequestsAreAnsweredAndClosed();
    void clientDisconnectMidStreamIsReported();
    void finishedResponsesAreNotReportedAsDisconnects();
    void closeAllConnectionsDropsEveryone();
    void tempDataDir();
};

void TestFakeUpstream::defaultAnswerIsRecorded()
{
    FakeUpstream fake;
    QVERIFY(fake.listen());
    QVERIFY(fake.port() != 0);
    QCOMPARE(fake.baseUrl().toString(), QStringLiteral("http://127.0.0.1:%1").arg(fake.port()));
    QSignalSpy received(&fake, &FakeUpstream::requestReceived);

    QNetworkAccessManager network;
    QNetworkRequest request = jsonRequest(fake.url(QStringLiteral("/v1/messages?beta=true")));
    request.setRawHeader("X-Api-Key", "sk-test-not-a-secret");
    request.setRawHeader("anthropic-version", "2023-06-01");
    const QByteArray body = R"({"model":"claude-sonnet-4-5","max_tokens":10})";
    const qint64 before = FakeUpstream::nowUs();
    std::unique_ptr<QNetworkReply> reply(network.post(request, body));
    QVERIFY(waitForFinished(reply.get()));

    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(statusOf(reply.get()), 200);
    QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toString(), QStringLiteral("application/json"));
    const QJsonObject answer = jsonOf(reply->readAll());
    QCOMPARE(answer.value(QStringLiteral("type")).toString(), QStringLiteral("message"));
    QCOMPARE(answer.value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
    QCOMPARE(answer.value(QStringLiteral("stop_reason")).toString(), QStringLiteral("end_turn"));
    QVERIFY(!answer.value(QStringLiteral("content"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("text"))
                 .toString()
                 .isEmpty());
    QVERIFY(answer.value(QStringLiteral("usage")).toObject().value(QStringLiteral("output_tokens")).toInt() > 0);

    QCOMPARE(fake.requestCount(), 1);
    QCOMPARE(received.size(), 1);
    const QList<ReceivedRequest> requests = fake.receivedRequests();
    QCOMPARE(requests.size(), 1);
    const ReceivedRequest &seen = requests.constFirst();
    QCOMPARE(seen.method, QByteArray("POST"));
    QCOMPARE(seen.path, QByteArray("/v1/messages?beta=true"));
    QCOMPARE(seen.pathWithoutQuery(), QByteArray("/v1/messages"));
    QCOMPARE(seen.body, body);
    QCOMPARE(seen.header("x-api-key"), QByteArray("sk-test-not-a-secret"));
    QCOMPARE(seen.header("ANTHROPIC-VERSION"), QByteArray("2023-06-01"));
    QVERIFY(!seen.hasHeader("x-absent"));
    bool originalCase = false;
    for (const auto &header : seen.headers)
        originalCase = originalCase || header.first == "X-Api-Key";
    QVERIFY(originalCase);
    QVERIFY(seen.receivedAtUs >= before);
    QVERIFY(seen.receivedAtUs <= FakeUpstream::nowUs());
    QCOMPARE(seen.connectionIndex, 1);
    QCOMPARE(received.constFirst().constFirst().value<ReceivedRequest>().body, body);
    QCOMPARE(fake.lastRequest().path, seen.path);

    fake.clearReceived();
    QVERIFY(fake.receivedRequests().isEmpty());
    QCOMPARE(fake.requestCount(), 1); // a counter, not a record
}

void TestFakeUpstream::queueThenHandlerThenDefault()
{
    FakeUpstream fake;
    QVERIFY(fake.listen());
    QNetworkAccessManager network;
    auto get = [&](const QString &path) {
        std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(fake.url(path))));
        if (!waitForFinished(reply.get()))
            return qMakePair(-1, QByteArray());
        return qMakePair(statusOf(reply.get()), reply->readAll());
    };

    fake.enqueue(FakeResponse::json(201, QByteArray("\"first\"")));
    fake.enqueue({FakeResponse::json(202, QByteArray("\"second\"")), FakeResponse::json(203, QByteArray("\"third\""))});
    QCOMPARE(fake.queuedResponseCount(), 3);
    QCOMPARE(get(QStringLiteral("/a")), qMakePair(201, QByteArray("\"first\"")));
    QCOMPARE(get(QStringLiteral("/b")), qMakePair(202, QByteArray("\"second\"")));
    QCOMPARE(get(QStringLiteral("/c")), qMakePair(203, QByteArray("\"third\"")));
    QCOMPARE(fake.queuedResponseCount(), 0);

    // Empty queue, no handler: the default Anthropic message.
    const auto fallback = get(QStringLiteral("/d"));
    QCOMPARE(fallback.first, 200);
    QCOMPARE(jsonOf(fallback.second).value(QStringLiteral("type")).toString(), QStringLiteral("message"));

    int handled = 0;
    fake.setHandler([&handled](const ReceivedRequest &request) {
        ++handled;
        return FakeResponse::text(299, "handled " + request.path);
    });
    QCOMPARE(get(QStringLiteral("/e")), qMakePair(299, QByteArray("handled /e")));
    // A queued response still goes before the handler.
    fake.enqueue(FakeResponse::json(204, QByteArray()));
    QCOMPARE(get(QStringLiteral("/f")).first, 204);
    QCOMPARE(get(QStringLiteral("/g")), qMakePair(299, QByteArray("handled /g")));
    QCOMPARE(handled, 2);

    fake.setHandler({});
    fake.setDefaultResponse(FakeResponse::text(200, "new default"));
    QCOMPARE(get(QStringLiteral("/h")), qMakePair(200, QByteArray("new default")));

    fake.enqueue(FakeResponse::json(500, QByteArray("{}")));
    fake.clearQueues();
    QCOMPARE(fake.queuedResponseCount(), 0);
    QCOMPARE(get(QStringLiteral("/i")).first, 200);
}

void TestFakeUpstream::pathQueuesTakeTheLongestPrefix()
{
    FakeUpstream fake;
    QVERIFY(fake.listen());
    fake.enqueueFor("/v1/models", FakeResponse::json(200, QByteArray(R"({"data":[{"id":"m1"}]})")));
    fake.enqueueFor("/v1/chat/completions", FakeResponse::openAIChat(QStringLiteral("from chat")));
    fake.enqueueFor("/v1/messages", FakeResponse::anthropicMessage(QStringLiteral("from messages")));
    fake.enqueueFor("/v1/messages/count_tokens", FakeResponse::json(200, QByteArray(R"({"input_tokens":5})")));
    fake.enqueue(FakeResponse::json(418, QByteArray("{}")));
    QCOMPARE(fake.queuedResponseCount(), 5);

    QNetworkAccessManager network;
    auto post = [&](const QString &path) {
        std::unique_ptr<QNetworkReply> reply(network.post(jsonRequest(fake.url(path)), QByteArray("{}")));
        if (!waitForFinished(reply.get()))
            return qMakePair(-1, QJsonObject());
        return qMakePair(statusOf(reply.get()), jsonOf(reply->readAll()));
    };

    auto tokens = post(QStringLiteral("/v1/messages/count_tokens?beta=true"));
    QCOMPARE(tokens.second.value(QStringLiteral("input_tokens")).toInt(), 5);
    auto chat = post(QStringLiteral("/v1/chat/completions"));
    QCOMPARE(chat.second.value(QStringLiteral("object")).toString(), QStringLiteral("chat.completion"));
    QCOMPARE(chat.second.value(QStringLiteral("choices"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("message"))
                 .toObject()
                 .value(QStringLiteral("content"))
                 .toString(),
        QStringLiteral("from chat"));
    QCOMPARE(post(QStringLiteral("/elsewhere")).first, 418); // the general queue
    auto models = post(QStringLiteral("/v1/models"));
    QCOMPARE(
        models.second.value(QStringLiteral("data")).toArray().at(0).toObject().value(QStringLiteral("id")).toString(),
        QStringLiteral("m1"));
    auto message = post(QStringLiteral("/v1/messages"));
    QCOMPARE(message.second.value(QStringLiteral("content"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("text"))
                 .toString(),
        QStringLiteral("from messages"));
    QCOMPARE(fake.queuedResponseCount(), 0);
    // Its queue is used up: the default answer.
    auto again = post(QStringLiteral("/v1/models"));
    QCOMPARE(again.first, 200);
    QCOMPARE(again.second.value(QStringLiteral("type")).toString(), QStringLiteral("message"));
}

void TestFakeUpstream::slotOnRequestReceivedCanScriptTheAnswer()
{
    FakeUpstream fake;
    QVERIFY(fake.listen());
    connect(&fake, &FakeUpstream::requestReceived, &fake,
        [&fake](const ReceivedRequest &request) { fake.enqueue(FakeResponse::text(200, "echo:" + request.body)); });
    QNetworkAccessManager network;
    std::unique_ptr<QNetworkReply> reply(network.post(jsonRequest(fake.url(QStringLiteral("/x"))), QByteArray("ping")));
    QVERIFY(waitForFinished(reply.get()));
    QCOMPARE(reply->readAll(), QByteArray("echo:ping"));
}

void TestFakeUpstream::errorBuilders_data()
{
    QTest::addColumn<FakeResponse>("response");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QJsonValue>("code"); // OpenAI only; undefined for Anthropic
    QTest::addColumn<bool>("anthropic");

    QTest::newRow("anthropic overloaded")
        << FakeResponse::anthropicError(529, QStringLiteral("overloaded_error"), QStringLiteral("Overloaded")) << 529
        << QStringLiteral("overloaded_error") << QStringLiteral("Overloaded") << QJsonValue(QJsonValue::Undefined)
        << true;
    QTest::newRow("anthropic rate limit")
        << FakeResponse::anthropicError(429, QStringLiteral("rate_limit_error"), QStringLiteral("Slow down \"now\""))
               .withHeader("retry-after", "7")
        << 429 << QStringLiteral("rate_limit_error") << QStringLiteral("Slow down \"now\"")
        << QJsonValue(QJsonValue::Undefined) << true;
    QTest::newRow("openai with code") << FakeResponse::openAIError(429, QStringLiteral("Rate limit reached"),
        QStringLiteral("rate_limit_error"), QStringLiteral("rate_limit_exceeded"))
                                      << 429 << QStringLiteral("rate_limit_error")
                                      << QStringLiteral("Rate limit reached")
                                      << QJsonValue(QStringLiteral("rate_limit_exceeded")) << false;
    QTest::newRow("openai without code") << FakeResponse::openAIError(400, QStringLiteral("bad role")) << 400
                                         << QStringLiteral("invalid_request_error") << QStringLiteral("bad role")
                                         << QJsonValue(QJsonValue::Null) << false;
}

void TestFakeUpstream::errorBuilders()
{
    QFETCH(FakeResponse, response);
    QFETCH(int, status);
    QFETCH(QString, errorType);
    QFETCH(QString, message);
    QFETCH(QJsonValue, code);
    QFETCH(bool, anthropic);

    FakeUpstream fake;
    QVERIFY(fake.listen());
    fake.enqueue(response);
    QNetworkAccessManager network;
    std::unique_ptr<QNetworkReply> reply(
        network.post(jsonRequest(fake.url(QStringLiteral("/v1/x"))), QByteArray("{}")));
    QVERIFY(waitForFinished(reply.get()));
    QCOMPARE(statusOf(reply.get()), status);
    const QJsonObject body = jsonOf(reply->readAll());
    const QJsonObject error = body.value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("type")).toString(), errorType);
    QCOMPARE(error.value(QStringLiteral("message")).toString(), message);
    if (anthropic) {
        QCOMPARE(body.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
        QVERIFY(reply->rawHeader("request-id").startsWith("req_"));
    } else {
        QVERIFY(!body.contains(QStringLiteral("type")));
        QCOMPARE(error.value(QStringLiteral("code")), code);
    }
    for (const auto &header : response.headers)
        QCOMPARE(reply->rawHeader(header.first), header.second);
}

void TestFakeUpstream::openAIChatAndStreamShapes()
{
    FakeUpstream fake;
    QVERIFY(fake.listen());
    const QString text = QStringLiteral("Hello there, streaming world");
    fake.enqueue(FakeResponse::openAIStream(FakeResponse::openAITextChunks(text, 4)));
    QNetworkAccessManager network;
    std::unique_ptr<QNetworkReply> reply(
        network.post(jsonRequest(fake.url(QStringLiteral("/v1/chat/completions"))), QByteArray("{}")));
    QVERIFY(waitForFinished(reply.get()));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->rawHeader("Content-Type"), QByteArray("text/event-stream"));
    const QByteArray body = reply->readAll();
    QVERIFY(body.endsWith("data: [DONE]\n\n"));
    QList<QByteArray> events = body.split('\n');
    QString content;
    QString finishReason;
    int usageChunks = 0;
    int dataLines = 0;
    for (const QByteArray &line : events) {
        if (line.isEmpty())
            continue;
        QVERIFY2(line.startsWith("data: "), line.constData());
        ++dataLines;
        const QByteArray payload = line.mid(6);
        if (payload == "[DONE]")
            continue;
        const QJsonObject chunk = jsonOf(payload);
        QCOMPARE(chunk.value(QStringLiteral("object")).toString(), QStringLiteral("chat.completion.chunk"));
        const QJsonArray choices = chunk.value(QStringLiteral("choices")).toArray();
        if (choices.isEmpty()) {
            ++usageChunks;
            QCOMPARE(
                chunk.value(QStringLiteral("usage")).toObject().value(QStringLiteral("prompt_tokens")).toInt(), 10);
            continue;
        }
        const QJsonObject choice = choices.at(0).toObject();
        content += choice.value(QStringLiteral("delta")).toObject().value(QStringLiteral("content")).toString();
        if (choice.value(QStringLiteral("finish_reason")).isString())
            finishReason = choice.value(QStringLiteral("finish_reason")).toString();
    }
    QCOMPARE(content, text);
    QCOMPARE(finishReason, QStringLiteral("stop"));
    QCOMPARE(usageChunks, 1);
    QCOMPARE(dataLines, 1 + 4 + 1 + 1 + 1); // role, deltas, finish, usage, [DONE]

    fake.enqueue(FakeResponse::openAIChat(QStringLiteral("plain answer")));
    std::unique_ptr<QNetworkReply> plain(
        network.post(jsonRequest(fake.url(QStringLiteral("/v1/chat/completions"))), QByteArray("{}")));
    QVERIFY(waitForFinished(plain.get()));
    const QJsonObject completion = jsonOf(plain->readAll());
    const QJsonObject choice = completion.value(QStringLiteral("choices")).toArray().at(0).toObject();
    QCOMPARE(choice.value(QStringLiteral("message")).toObject().value(QStringLiteral("content")).toString(),
        QStringLiteral("plain answer"));
    QCOMPARE(choice.value(QStringLiteral("finish_reason")).toString(), QStringLiteral("stop"));
    QCOMPARE(completion.value(QStringLiteral("usage")).toObject().value(QStringLiteral("total_tokens")).toInt(), 12);
}

void TestFakeUpstream::anthropicStreamIsWellFormed()
{
    FakeUpstream fake;
    QVERIFY(fake.listen());
    const QString text = QStringLiteral("Ünïcode 𝄞 text, split in three");
    fake.enqueue(FakeResponse::anthropicStream(FakeResponse::anthropicTextEvents(text, 3)));
    QNetworkAccessManager network;
    std::unique_ptr<QNetworkReply> reply(
        network.post(jsonRequest(fake.url(QStringLiteral("/v1/messages"))), QByteArray("{}")));
    QVERIFY(waitForFinished(reply.get()));
    QCOMPARE(reply->rawHeader("Content-Type"), QByteArray("text/event-stream"));
    QCOMPARE(reply->rawHeader("Transfer-Encoding"), QByteArray("chunked"));

    SseParser parser;
    std::vector<SseEvent> events;
    parser.feed(reply->readAll(), events);
    parser.finish(events);
    QStringList names;
    QString joined;
    for (const SseEvent &event : events) {
        names.append(QString::fromLatin1(event.name));
        const QJsonObject data = jsonOf(event.data);
        QCOMPARE(data.value(QStringLiteral("type")).toString(), QString::fromLatin1(event.name));
        QVERIFY2(event.data.startsWith("{\"type\":"), event.data.constData()); // the API's field order
        if (event.name == "content_block_delta")
            joined += data.value(QStringLiteral("delta")).toObject().value(QStringLiteral("text")).toString();
        if (event.name == "message_delta")
            QCOMPARE(data.value(QStringLiteral("delta")).toObject().value(QStringLiteral("stop_reason")).toString(),
                QStringLiteral("end_turn"));
    }
    QCOMPARE(names,
        (QStringList {QStringLiteral("message_start"), QStringLiteral("content_block_start"),
            QStringLiteral("content_block_delta"), QStringLiteral("content_block_delta"),
            QStringLiteral("content_block_delta"), QStringLiteral("content_block_stop"),
            QStringLiteral("message_delta"), QStringLiteral("message_stop")}));
    QCOMPARE(joined, text);
}

void TestFakeUpstream::streamPiecesArriveSeparatelyWithTheirDelays()
{
    FakeUpstreamThread fake;
    QVERIFY(fake.isListening());
    const QList<QByteArray> pieces {"data: first\n\n", "data: second\n\n", "data: third and last\n\n"};
    fake->enqueue(FakeResponse::sse({{pieces.at(0), 0}, {pieces.at(1), 200}, {pieces.at(2), 200}}));

    RawClient client(fake->port());
    QVERIFY(client.isConnected());
    client.send(postRequest("/v1/messages", "{}"));

    // Read the wire as it comes; note when each chunk is complete.
    QList<QByteArray> chunks;
    QList<qint64> arrivals;
    qsizetype at = -1;
    bool ended = false;
    QDeadlineTimer deadline(10000);
    while (!ended && !deadline.hasExpired()) {
        if (!client.readMore(int(qMax<qint64>(1, deadline.remainingTime()))))
            break;
        const qint64 now = FakeUpstream::nowUs();
        QByteArray &buffer = client.buffer();
        if (at < 0) {
            const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
            if (headEnd < 0)
                continue;
            const QByteArray head = buffer.left(headEnd);
            QVERIFY(head.startsWith("HTTP/1.1 200 OK\r\n"));
            QVERIFY(head.contains("\r\nTransfer-Encoding: chunked"));
            QVERIFY(head.contains("\r\nContent-Type: text/event-stream"));
            at = headEnd + 4;
        }
        while (true) {
            const qsizetype lineEnd = buffer.indexOf("\r\n", at);
            if (lineEnd < 0)
                break;
            const qsizetype size = buffer.mid(at, lineEnd - at).toLongLong(nullptr, 16);
            if (buffer.size() < lineEnd + 2 + size + 2)
                break;
            QCOMPARE(buffer.mid(lineEnd + 2 + size, 2), QByteArray("\r\n"));
            at = lineEnd + 2 + size + 2;
            if (size == 0) {
                ended = true;
                break;
            }
            chunks.append(buffer.mid(lineEnd + 2, size));
            arrivals.append(now);
        }
    }
    QVERIFY(ended);
    QCOMPARE(chunks, pieces); // one chunk per piece, exact bytes
    QCOMPARE(at, client.buffer().size()); // nothing after the terminating chunk
    // The first piece was there long before the last one was written.
    QVERIFY2(arrivals.at(1) - arrivals.at(0) >= 150000, qPrintable(QString::number(arrivals.at(1) - arrivals.at(0))));
    QVERIFY2(arrivals.at(2) - arrivals.at(1) >= 150000, qPrintable(QString::number(arrivals.at(2) - arrivals.at(1))));
    QVERIFY(arrivals.at(2) - arrivals.at(0) >= 300000);
    QCOMPARE(fake->activeStreams(), 0);
    QCOMPARE(fake->pendingResponses(), 0);
}

void TestFakeUpstream::qnamSeesStreamBeforeItEnds()
{
    FakeUpstream fake;
    QVERIFY(fake.listen());
    fake.enqueue(FakeResponse::sse({{"event: a\ndata: 1\n\n", 0}, {"event: b\ndata: 2\n\n", 200}}));
    QNetworkAccessManager network;
    std::unique_ptr<QNetworkReply> reply(
        network.post(jsonRequest(fake.url(QStringLiteral("/v1/messages"))), QByteArray("{}")));
    QByteArray firstRead;
    qint64 firstAt = 0;
    bool finishedAtFirstRead = true;
    connect(reply.get(), &QNetworkReply::readyRead, this, [&] {
        if (firstRead.isEmpty()) {
            firstAt = FakeUpstream::nowUs();
            finishedAtFirstRead = reply->isFinished();
            firstRead = reply->readAll();
        }
    });
    QTRY_VERIFY_WITH_TIMEOUT(fake.activeStreams() == 1 || !firstRead.isEmpty(), 5000);
    QVERIFY(waitForFinished(reply.get()));
    const qint64 finishedAt = FakeUpstream::nowUs();
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(firstRead, QByteArray("event: a\ndata: 1\n\n"));
    QVERIFY(!finishedAtFirstRead);
    QCOMPARE(reply->readAll(), QByteArray("event: b\ndata: 2\n\n"));
    QVERIFY(finishedAt - firstAt >= 150000);
    QCOMPARE(fake.activeStreams(), 0);
}

void TestFakeUpstream::closeDelimitedStream()
{
    FakeUpstreamThread fake;
    fake->enqueue(
        FakeResponse::sse({{"data: a\n\n", 0}, {"data: b\n\n", 50}}).withFraming(FakeResponse::Framing::Close));
    RawClient client(fake->port());
    client.send(postRequest("/v1/chat/completions", "{}"));
    QVERIFY(client.waitForClose());
    HttpResponse response;
    QCOMPARE(parseHttpResponse(client.buffer(), response, true), client.buffer().size());
    QCOMPARE(response.status, 200);
    QVERIFY(response.header("Transfer-Encoding").isNull());
    QVERIFY(response.header("Content-Length").isNull());
    QCOMPARE(response.header("Connection"), QByteArray("close"));
    QCOMPARE(response.body, QByteArray("data: a\n\ndata: b\n\n"));
}

void TestFakeUpstream::socketFaults_data()
{
    QTest::addColumn<FakeResponse>("fault");
    QTest::addColumn<QString>("ending");
    QTest::addColumn<QByteArray>("received");

    QTest::newRow("close without response")
        << FakeResponse::closeWithoutResponse() << QStringLiteral("eof") << QByteArray();
    QTest::newRow("reset without response")
        << FakeResponse::resetWithoutResponse() << QStringLiteral("reset") << QByteArray();
    QTest::newRow("raw bytes") << FakeResponse::raw("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nabc")
                               << QStringLiteral("eof")
                               << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nabc");
    QTest::newRow("malformed status line") << FakeResponse::malformedStatusLine() << QStringLiteral("eof")
                                           << QByteArray("HTTQ/1.1 two-hundred maybe\r\nContent-Length: 2\r\n\r\nok");
    QTest::newRow("reset mid stream") << FakeResponse::sse(
        {{"data: x\n\n", 0}}).withFault(FakeResponse::Fault::ResetMidStream)
                                      << QStringLiteral("reset") << QByteArray();
    QTest::newRow("close mid stream")
        << FakeResponse::sse({{"data: x\n\n", 0}}).withFault(FakeResponse::Fault::CloseMidStream)
        << QStringLiteral("eof")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n9\r\ndata: x\n\n\r\n");
}

void TestFakeUpstream::socketFaults()
{
#ifndef Q_OS_UNIX
    QSKIP("needs BSD sockets to tell a reset from a close");
#else
    QFETCH(FakeResponse, fault);
    QFETCH(QString, ending);
    QFETCH(QByteArray, received);

    FakeUpstreamThread fake;
    fake->enqueue(fault);
    QByteArray bytes;
    const Ending observed = exchangeOnBsdSocket(fake->port(), postRequest("/v1/messages", "{}"), &bytes);
    const QString name = observed == Ending::Eof ? QStringLiteral("eof")
        : observed == Ending::Reset              ? QStringLiteral("reset")
        : observed == Ending::Timeout            ? QStringLiteral("timeout")
                                                 : QStringLiteral("failed");
    QCOMPARE(name, ending);
    if (ending == QLatin1String("eof"))
        QCOMPARE(bytes, received); // a reset may drop bytes in flight: only a clean close promises them
    QCOMPARE(fake->requestCount(), 1);
    QTRY_COMPARE(fake->openConnectionCount(), 0);
    QCOMPARE(fake->activeStreams(), 0);
    QVERIFY(fake->disconnectedPaths().isEmpty()); // the fake closed, not the client
#endif
}

void TestFakeUpstream::hangUntilClientTimesOut()
{
    FakeUpstream fake;
    QVERIFY(fake.listen());
    QSignalSpy disconnected(&fake, &FakeUpstream::clientDisconnected);
    fake.enqueue(FakeResponse::hang());
    QNetworkAccessManager network;
    QNetworkRequest request = jsonRequest(fake.url(QStringLiteral("/v1/messages?beta=true")));
    request.setTransferTimeout(300);
    QElapsedTimer clock;
    clock.start();
    std::unique_ptr<QNetworkReply> reply(network.post(request, QByteArray("{}")));
    QTRY_COMPARE_WITH_TIMEOUT(fake.pendingResponses(), 1, 5000);
    QVERIFY(waitForFinished(reply.get()));
    QVERIFY(clock.elapsed() >= 250); // nothing came back: only the client's own timeout ended it
    QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
    QVERIFY(!reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid());

    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 5000);
    QCOMPARE(disconnected.constFirst().constFirst().toByteArray(), QByteArray("/v1/messages?beta=true"));
    QCOMPARE(fake.disconnectedPaths(), QList<QByteArray> {"/v1/messages?beta=true"});
    QCOMPARE(fake.pendingResponses(), 0);
    QTRY_COMPARE(fake.openConnectionCount(), 0);
}

void TestFakeUpstream::hangEndsWhenTheFakeIsDestroyed()
{
    auto fake = std::make_unique<FakeUpstreamThread>();
    (*fake)->enqueue(FakeResponse::hang());
    RawClient client((*fake)->port());
    client.send(postRequest("/v1/messages", "{}"));
    QTRY_COMPARE_WITH_TIMEOUT((*fake)->pendingResponses(), 1, 5000);
    QVERIFY(!client.readMore(200)); // the hang: nothing within 200 ms
    QCOMPARE(client.socket().state(), QAbstractSocket::ConnectedState);
    fake.reset();
    QVERIFY(client.waitForClose());
    QVERIFY(client.buffer().isEmpty());
}

void TestFakeUpstream::closeMidStreamLeavesBodyUnfinished()
{
    FakeUpstream fake;
    QVERIFY(fake.listen());
    QSignalSpy disconnected(&fake, &FakeUpstream::clientDisconnected);
    fake.enqueue(FakeResponse::anthropicStream(
        {"event: ping\ndata: {\"type\":\"ping\"}\n\n", "event: ping\ndata: {\"type\":\"ping\"}\n\n"}, 20)
                     .withFault(FakeResponse::Fault::CloseMidStream));
    QNetworkAccessManager network;
    std::unique_ptr<QNetworkReply> reply(
        network.post(jsonRequest(fake.url(QStringLiteral("/v1/messages"))), QByteArray("{}")));
    QByteArray body;
    connect(reply.get(), &QNetworkReply::readyRead, this, [&] { body += reply->readAll(); });
    QVERIFY(waitForFinished(reply.get()));
    body += reply->readAll();
    QCOMPARE(statusOf(reply.get()), 200);
    QCOMPARE(reply->error(), QNetworkReply::RemoteHostClosedError);
    QCOMPARE(body, QByteArray("event: ping\ndata: {\"type\":\"ping\"}\n\nevent: ping\ndata: {\"type\":\"ping\"}\n\n"));
    QTRY_COMPARE(fake.activeStreams(), 0);
    QCOMPARE(disconnected.size(), 0);
}

void TestFakeUpstream::hangMidStreamKeepsStreamActive()
{
    FakeUpstream fake;
    QVERIFY(fake.listen());
    QSignalSpy disconnected(&fake, &FakeUpstream::clientDisconnected);
    fake.enqueue(FakeResponse::sse({{"data: 1\n\n", 0}}).withFault(FakeResponse::Fault::HangMidStream));
    QNetworkAccessManager network;
    std::unique_ptr<QNetworkReply> reply(
        network.post(jsonRequest(fake.url(QStringLiteral("/stall"))), QByteArray("{}")));
    QByteArray body;
    connect(reply.get(), &QNetworkReply::readyRead, this, [&] { body += reply->readAll(); });
    QTRY_COMPARE_WITH_TIMEOUT(body, QByteArray("data: 1\n\n"), 5000);
    QCOMPARE(fake.activeStreams(), 1);
    QVERIFY(!reply->isFinished());
    reply->abort();
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 5000);
    QCOMPARE(disconnected.constFirst().constFirst().toByteArray(), QByteArray("/stall"));
    QCOMPARE(fake.activeStreams(), 0);
}

void TestFakeUpstream::truncatedBodyIsAnError()
{
    FakeUpstream fake;
    QVERIFY(fake.listen());
    fake.enqueue(FakeResponse::truncatedBody(200, QByteArray(100, 'x'), 10));
    QNetworkAccessManager network;
    std::unique_ptr<QNetworkReply> reply(
        network.post(jsonRequest(fake.url(QStringLiteral("/v1/messages"))), QByteArray("{}")));
    QVERIFY(waitForFinished(reply.get()));
    QCOMPARE(reply->error(), QNetworkReply::RemoteHostClosedError);
    QCOMPARE(reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(), 100);
}

void TestFakeUpstream::delayBeforeHeadersDelaysOnlyThatResponse()
{
    FakeUpstreamThread fake;
    fake->enqueueFor("/slow", FakeResponse::json(200, QByteArray("\"slow\"")).withDelayBeforeHeaders(300));
    RawClient slow(fake->port());
    RawClient fast(fake->port());
    const qint64 sentAt = FakeUpstream::nowUs();
    slow.send(postRequest("/slow", "{}"));
    fast.send(postRequest("/fast", "{}"));
    HttpResponse fastResponse;
    QVERIFY(fast.readResponse(fastResponse));
    const qint64 fastAt = FakeUpstream::nowUs();
    HttpResponse slowResponse;
    QVERIFY(slow.readResponse(slowResponse));
    const qint64 slowAt = FakeUpstream::nowUs();
    QCOMPARE(slowResponse.body, QByteArray("\"slow\""));
    QCOMPARE(fastResponse.status, 200);
    QVERIFY(fastAt < slowAt); // the other connection was not held up
    QVERIFY2(slowAt - sentAt >= 290000, qPrintable(QString::number(slowAt - sentAt)));
}

void TestFakeUpstream::malformedStatusLineIsAProtocolError()
{
    FakeUpstream fake;
    QVERIFY(fake.listen());
    // Every answer is broken: QNetworkAccessManager resends a request once the connection closes without a
    // valid response, so a single scripted fault would be hidden by the retry.
    fake.setHandler([](const ReceivedRequest &) { return FakeResponse::malformedStatusLine(); });
    QNetworkAccessManager network;
    std::unique_ptr<QNetworkReply> reply(
        network.post(jsonRequest(fake.url(QStringLiteral("/v1/messages"))), QByteArray("{}")));
    QVERIFY(waitForFinished(reply.get()));
    QVERIFY(reply->error() != QNetworkReply::NoError);
    QVERIFY(fake.requestCount() >= 1);
    QVERIFY(!reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid());
}

void TestFakeUpstream::refusedAfterClose()
{
    FakeUpstream fake;
    QVERIFY(fake.listen());
    QNetworkAccessManager network;
    {
        std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(fake.url(QStringLiteral("/health")))));
        QVERIFY(waitForFinished(reply.get()));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
    }
    network.clearConnectionCache();
    fake.close();
    QVERIFY(!fake.isListening());
    {
        std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(fake.url(QStringLiteral("/health")))));
        QVERIFY(waitForFinished(reply.get()));
        QCOMPARE(reply->error(), QNetworkReply::ConnectionRefusedError);
    }
    const quint16 unused = FakeUpstream::unusedPort();
    QVERIFY(unused != 0);
    QUrl url(QStringLiteral("http://127.0.0.1/"));
    url.setPort(unused);
    std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(url)));
    QVERIFY(waitForFinished(reply.get()));
    QCOMPARE(reply->error(), QNetworkReply::ConnectionRefusedError);
    QCOMPARE(fake.requestCount(), 1);
}

void TestFakeUpstream::keepAliveReusesOneConnection()
{
    FakeUpstreamThread fake;
    fake->enqueue(FakeResponse::text(200, "one"));
    fake->enqueue(FakeResponse::sse({{"data: two\n\n", 10}}));
    fake->enqueue(FakeResponse::text(200, "three"));
    RawClient client(fake->port());
    const QList<QByteArray> expected {"one", "data: two\n\n", "three"};
    for (int i = 0; i < 3; ++i) {
        client.send(postRequest("/r" + QByteArray::number(i), "body " + QByteArray::number(i)));
        HttpResponse response;
        QVERIFY(client.readResponse(response));
        QCOMPARE(response.body, expected.at(i));
        QVERIFY(response.header("Connection").isNull());
    }
    QCOMPARE(client.socket().state(), QAbstractSocket::ConnectedState);
    QCOMPARE(fake->connectionCount(), 1);
    QCOMPARE(fake->openConnectionCount(), 1);
    const QList<ReceivedRequest> requests = fake->receivedRequests();
    QCOMPARE(requests.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(requests.at(i).path, "/r" + QByteArray::number(i));
        QCOMPARE(requests.at(i).body, "body " + QByteArray::number(i));
        QCOMPARE(requests.at(i).connectionIndex, 1);
    }
}

void TestFakeUpstream::qnamReusesOneConnection()
{
    FakeUpstream fake;
    QVERIFY(fake.listen());
    QNetworkAccessManager network;
    for (int i = 0; i < 4; ++i) {
        std::unique_ptr<QNetworkReply> reply(
            network.post(jsonRequest(fake.url(QStringLiteral("/v1/messages"))), QByteArray("{}")));
        QVERIFY(waitForFinished(reply.get()));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
    }
    QCOMPARE(fake.requestCount(), 4);
    QCOMPARE(fake.connectionCount(), 1);
}

void TestFakeUpstream::pipelinedRequestsAreAnsweredInOrder()
{
    FakeUpstreamThread fake;
    fake->enqueue(FakeResponse::text(200, "first").withDelayBeforeHeaders(150));
    fake->enqueue(FakeResponse::text(200, "second"));
    fake->enqueue(FakeResponse::sse({{"data: third\n\n", 20}}));
    RawClient client(fake->port());
    client.send(postRequest("/1", "a") + postRequest("/2", "b") + postRequest("/3", "c"));
    QStringList bodies;
    for (int i = 0; i < 3; ++i) {
        HttpResponse response;
        QVERIFY(client.readResponse(response));
        bodies.append(QString::fromLatin1(response.body));
    }
    QCOMPARE(
        bodies, (QStringList {QStringLiteral("first"), QStringLiteral("second"), QStringLiteral("data: third\n\n")}));
    QCOMPARE(fake->requestCount(), 3);
    QCOMPARE(fake->connectionCount(), 1);
}

void TestFakeUpstream::connectionCloseIsHonoured_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<FakeResponse>("response");

    QTest::newRow("client asks") << QByteArray("GET /a HTTP/1.1\r\nConnection: close\r\n\r\n")
                                 << FakeResponse::text(200, "x");
    QTest::newRow("http/1.0") << QByteArray("GET /a HTTP/1.0\r\n\r\n") << FakeResponse::text(200, "x");
    QTest::newRow("fake asks") << QByteArray("GET /a HTTP/1.1\r\n\r\n")
                               << FakeResponse::text(200, "x").withCloseAfterResponse();
}

void TestFakeUpstream::connectionCloseIsHonoured()
{
    QFETCH(QByteArray, request);
    QFETCH(FakeResponse, response);
    FakeUpstreamThread fake;
    fake->enqueue(response);
    RawClient client(fake->port());
    client.send(request);
    QVERIFY(client.waitForClose());
    HttpResponse parsed;
    QVERIFY(parseHttpResponse(client.buffer(), parsed, true) > 0);
    QCOMPARE(parsed.body, QByteArray("x"));
    QCOMPARE(parsed.header("Connection"), QByteArray("close"));
}

void TestFakeUpstream::expect100Continue()
{
    FakeUpstreamThread fake;
    RawClient client(fake->port());
    client.send("POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 11\r\n"
                "Expect: 100-continue\r\n\r\n");
    QVERIFY(client.readUntilContains("\r\n\r\n"));
    QCOMPARE(client.buffer(), QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));
    QCOMPARE(fake->requestCount(), 0);
    client.buffer().clear();
    client.send("hello world");
    HttpResponse response;
    QVERIFY(client.readResponse(response));
    QCOMPARE(response.status, 200);
    const ReceivedRequest request = fake->lastRequest();
    QCOMPARE(request.body, QByteArray("hello world"));
    QCOMPARE(request.header("expect"), QByteArray("100-continue"));
}

void TestFakeUpstream::fiveMegabyteBodyIsRecordedExactly()
{
    FakeUpstream fake;
    QVERIFY(fake.listen());
    QByteArray body(5 * 1024 * 1024 + 3, Qt::Uninitialized);
    QRandomGenerator generator(20261126);
    generator.fillRange(reinterpret_cast<quint32 *>(body.data()), body.size() / 4);
    for (qsizetype i = body.size() / 4 * 4; i < body.size(); ++i)
        body[i] = char(i);
    QNetworkAccessManager network;
    std::unique_ptr<QNetworkReply> reply(network.post(jsonRequest(fake.url(QStringLiteral("/v1/messages"))), body));
    QVERIFY(waitForFinished(reply.get(), 30000));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    const ReceivedRequest request = fake.lastRequest();
    QCOMPARE(request.header("content-length"), QByteArray::number(body.size()));
    QCOMPARE(request.body.size(), body.size());
    QVERIFY(request.body == body);
}

void TestFakeUpstream::chunkedRequestBody()
{
    FakeUpstreamThread fake;
    RawClient client(fake->port());
    client.send("POST /v1/messages HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n");
    client.send("6;ext=1\r\npedia \r\nE\r\nin \r\n\r\nchunks.\r\n0\r\nX-Trailer: 1\r\n\r\n");
    HttpResponse response;
    QVERIFY(client.readResponse(response));
    QCOMPARE(response.status, 200);
    QCOMPARE(fake->lastRequest().body, QByteArray("Wikipedia in \r\n\r\nchunks."));
}

void TestFakeUpstream::badRequestsAreAnsweredAndClosed_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");

    QTest::newRow("garbage") << QByteArray("HELLO?\r\n\r\n") << 400;
    QTest::newRow("bad length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: ten\r\n\r\n") << 400;
    QTest::newRow("smuggling shape") << QByteArray(
        "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                                     << 400;
    QTest::newRow("body too large") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5000\r\n\r\n") << 413;
    QTest::newRow("header too large") << QByteArray("GET / HTTP/1.1\r\nX-Big: ") + QByteArray(3000, 'a') + "\r\n\r\n"
                                      << 431;
}

void TestFakeUpstream::badRequestsAreAnsweredAndClosed()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    FakeUpstreamThread fake;
    fake->setMaxRequestBodyBytes(4096);
    fake->setMaxHeaderBytes(2048);
    RawClient client(fake->port());
    client.send(request);
    QVERIFY(client.waitForClose());
    HttpResponse response;
    QVERIFY(parseHttpResponse(client.buffer(), response, true) > 0);
    QCOMPARE(response.status, status);
    QCOMPARE(response.header("Connection"), QByteArray("close"));
    QCOMPARE(fake->requestCount(), 0);
}

void TestFakeUpstream::clientDisconnectMidStreamIsReported()
{
    FakeUpstream fake;
    QVERIFY(fake.listen());
    QSignalSpy disconnected(&fake, &FakeUpstream::clientDisconnected);
    QList<QByteArray> events;
    for (int i = 0; i < 20; ++i)
        events.append("event: ping\ndata: {\"type\":\"ping\"}\n\n");
    fake.enqueue(FakeResponse::anthropicStream(events, 100));

    QNetworkAccessManager network;
    QNetworkReply *reply
        = network.post(jsonRequest(fake.url(QStringLiteral("/v1/messages?beta=true"))), QByteArray("{}"));
    bool gotData = false;
    connect(reply, &QNetworkReply::readyRead, this, [&] {
        gotData = true;
        reply->abort(); // the client leaves after the first event
    });
    QTRY_VERIFY_WITH_TIMEOUT(gotData, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 5000);
    QCOMPARE(disconnected.constFirst().constFirst().toByteArray(), QByteArray("/v1/messages?beta=true"));
    QCOMPARE(fake.activeStreams(), 0);
    QCOMPARE(fake.pendingResponses(), 0);
    QTRY_COMPARE(fake.openConnectionCount(), 0);
    delete reply;
}

void TestFakeUpstream::finishedResponsesAreNotReportedAsDisconnects()
{
    FakeUpstream fake;
    QVERIFY(fake.listen());
    QSignalSpy disconnected(&fake, &FakeUpstream::clientDisconnected);
    fake.enqueue(FakeResponse::anthropicStream(FakeResponse::anthropicTextEvents(QStringLiteral("done"), 2), 5));
    {
        QNetworkAccessManager network;
        std::unique_ptr<QNetworkReply> reply(
            network.post(jsonRequest(fake.url(QStringLiteral("/v1/messages"))), QByteArray("{}")));
        QVERIFY(waitForFinished(reply.get()));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(fake.openConnectionCount(), 1);
    } // the manager goes away: its idle keep-alive connection closes
    QTRY_COMPARE_WITH_TIMEOUT(fake.openConnectionCount(), 0, 5000);
    QCOMPARE(disconnected.size(), 0);
    QCOMPARE(fake.activeStreams(), 0);
}

void TestFakeUpstream::closeAllConnectionsDropsEveryone()
{
    FakeUpstreamThread fake;
    fake->enqueueFor("/hang", FakeResponse::hang());
    RawClient idle(fake->port());
    idle.send("GET /ok HTTP/1.1\r\n\r\n");
    HttpResponse response;
    QVERIFY(idle.readResponse(response));
    RawClient hanging(fake->port());
    hanging.send("GET /hang HTTP/1.1\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(fake->pendingResponses(), 1, 5000);
    QCOMPARE(fake->openConnectionCount(), 2);
    fake->closeAllConnections();
    QVERIFY(idle.waitForClose());
    QVERIFY(hanging.waitForClose());
    QCOMPARE(fake->openConnectionCount(), 0);
    QCOMPARE(fake->pendingResponses(), 0);
    QVERIFY(fake->disconnectedPaths().isEmpty());
    // Still listening: a new client is served.
    RawClient later(fake->port());
    later.send("GET /ok HTTP/1.1\r\n\r\n");
    QVERIFY(later.readResponse(response));
    QCOMPARE(fake->connectionCount(), 3);
}

void TestFakeUpstream::tempDataDir()
{
    QString path;
    {
        TempDataDir dir;
        QVERIFY(dir.isValid());
        path = dir.path();
        QVERIFY(QFileInfo(path).isDir());
        QCOMPARE(dir.file(QStringLiteral("config.json")), path + QStringLiteral("/config.json"));
        const QString written = dir.writeFile(QStringLiteral("config.json"), "{}");
        QCOMPARE(written, dir.file(QStringLiteral("config.json")));
        QFile file(written);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("{}"));
    }
    QVERIFY(!QFileInfo::exists(path)); // removed: this test has not failed

    qputenv("SWITCHYARD_KEEP_TEST_DATA", "always");
    {
        TempDataDir dir;
        path = dir.path();
    }
    qunsetenv("SWITCHYARD_KEEP_TEST_DATA");
    QVERIFY(QFileInfo(path).isDir());
    QVERIFY(QDir(path).removeRecursively());
}

QTEST_GUILESS_MAIN(TestFakeUpstream)
#include "TestFakeUpstream.moc"
