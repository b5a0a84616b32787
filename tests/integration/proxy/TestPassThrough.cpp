// Claude Code -> Switchyard -> an Anthropic-compatible platform, through real HTTP: the real runtime (proxy and
// store threads, SQLite file) in front of a fake platform on a loopback port.
#include "ClaudeCodeRequests.h"
#include "FakeProxyServer.h"
#include "LogCapture.h"
#include "ProxyHarness.h"
#include "common/Logging.h"
#include "config/ConfigJson.h"
#include "config/ConfigService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QTest>
#include <QThread>

namespace {

const QByteArray kSmallRequest
    = R"({"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"hi"}]})";
const QByteArray kStreamRequest
    = R"({"model":"claude-sonnet-4-5","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"hi"}]})";

HttpHeaderList claudeCodeHeaders(const QByteArray &clientKey = "sk-client-anything")
{
    return {{"authorization", "Bearer " + clientKey}, {"anthropic-version", "2023-06-01"},
        {"anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14"},
        {"x-claude-code-session-id", "5e463e6f-0000-4d1d-834a-de1b3d6b62c7"},
        {"user-agent", "claude-cli/2.1.332 (external, sdk-cli)"}, {"x-app", "cli"}};
}

QList<QByteArray> textEvents(const QString &text)
{
    return FakeResponse::anthropicTextEvents(text, 3);
}

} // namespace

class TestPassThrough : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void forwardsBodyUnchangedWithPlatformKey();
    void explicitPlatformModelIsSentAsTheModelAlone();
    void syntheticThinkingIsDroppedBeforeAnthropic();
    void routesEveryPathVariant_data();
    void routesEveryPathVariant();
    void relaysStreamEventByEvent();
    void slowClientGetsAWholeLongStream();
    void relaysClaudeCodeSizedRequest();
    void answersHealthAndUnknownPaths();
    void authenticatesClients();
    void rejectsBadBodies_data();
    void rejectsBadBodies();
    void rejectsOversizedBody();
    void mapsUpstreamFailures_data();
    void mapsUpstreamFailures();
    void relaysUpstreamErrorsAsTheyAre();
    void streamFailingBeforeFirstByteIsAnHttpError();
    void streamFailingMidwayEndsWithErrorEvent();
    void streamWithoutMessageStopEndsWithErrorEvent();
    void clientLeavingCancelsUpstream();
    void recordsEveryCall();
    void secretsNeverReachRecordsOrLogs();
    void configChangeAppliesToNextRequest();
    void refusesNonLoopbackWithoutClientKeys();
    void reachesPlatformsThroughAProxy();
};

void TestPassThrough::forwardsBodyUnchangedWithPlatformKey()
{
    ProxyHarness harness;
    QVERIFY(harness.start());
    harness.upstream().enqueue(FakeResponse::anthropicMessage(QStringLiteral("Hello")));
    HttpTestClient client = harness.client();
    const TestHttpResponse response = client.post("/v1/messages?beta=true", kSmallRequest, claudeCodeHeaders());
    QCOMPARE(response.status, 200);
    QVERIFY(response.header("x-switchyard-request-id").startsWith("req_"));
    QCOMPARE(
        response.json().value("content").toArray().at(0).toObject().value("text").toString(), QStringLiteral("Hello"));

    const ReceivedRequest upstream = harness.upstream().lastRequest();
    QCOMPARE(upstream.method, QByteArray("POST"));
    QCOMPARE(upstream.path, QByteArray("/v1/messages?beta=true"));
    QCOMPARE(upstream.body, kSmallRequest); // byte for byte
    QCOMPARE(upstream.header("x-api-key"), QByteArray(ProxyHarness::kProviderKey));
    QVERIFY(!upstream.hasHeader("authorization")); // the client's credentials never go upstream
    QCOMPARE(upstream.header("anthropic-version"), QByteArray("2023-06-01"));
    QCOMPARE(upstream.header("anthropic-beta"), QByteArray("claude-code-20250219,interleaved-thinking-2025-05-14"));
    QCOMPARE(upstream.header("x-claude-code-session-id"), QByteArray("5e463e6f-0000-4d1d-834a-de1b3d6b62c7"));
}

void TestPassThrough::explicitPlatformModelIsSentAsTheModelAlone()
{
    // Plain pass-through (no tiers or rules): the client names "fake:claude-opus-4-1"; the platform gets
    // "claude-opus-4-1" and everything else as the client sent it.
    ProxyHarness harness;
    QVERIFY(harness.start());
    harness.upstream().enqueue(FakeResponse::anthropicMessage(QStringLiteral("Hello")));
    QByteArray body = kSmallRequest;
    body.replace("claude-sonnet-4-5", "fake:claude-opus-4-1");
    HttpTestClient client = harness.client();
    QCOMPARE(client.post("/v1/messages", body, claudeCodeHeaders()).status, 200);
    const QJsonObject sent = QJsonDocument::fromJson(harness.upstream().lastRequest().body).object();
    QCOMPARE(sent.value("model").toString(), QStringLiteral("claude-opus-4-1"));
    QCOMPARE(sent.value("max_tokens").toInt(), 64);
    QCOMPARE(sent.value("messages").toArray().at(0).toObject().value("content").toString(), QStringLiteral("hi"));
}

void TestPassThrough::syntheticThinkingIsDroppedBeforeAnthropic()
{
    // Thinking an OpenAI-format model produced earlier in the conversation carries Switchyard's own signature,
    // which Anthropic would reject; real thinking blocks (with Anthropic's signatures) stay.
    ProxyHarness harness;
    QVERIFY(harness.start());
    harness.upstream().enqueue(FakeResponse::anthropicMessage(QStringLiteral("Hello")));
    const QByteArray body
        = R"({"model":"claude-sonnet-4-5","max_tokens":64,"messages":[)"
          R"({"role":"user","content":"hi"},)"
          R"({"role":"assistant","content":[{"type":"thinking","thinking":"mine","signature":"switchyard-synthetic-signature"},)"
          R"({"type":"thinking","thinking":"real","signature":"EqQBCkYIBx"},{"type":"text","text":"Hello"}]},)"
          R"({"role":"user","content":"again"}]})";
    HttpTestClient client = harness.client();
    QCOMPARE(client.post("/v1/messages", body, claudeCodeHeaders()).status, 200);
    const QJsonObject sent = QJsonDocument::fromJson(harness.upstream().lastRequest().body).object();
    const QJsonArray blocks = sent.value("messages").toArray().at(1).toObject().value("content").toArray();
    QCOMPARE(blocks.size(), 2);
    QCOMPARE(blocks.at(0).toObject().value("signature").toString(), QStringLiteral("EqQBCkYIBx"));
    QCOMPARE(blocks.at(1).toObject().value("text").toString(), QStringLiteral("Hello"));
    QCOMPARE(sent.value("messages").toArray().size(), 3);
}

void TestPassThrough::routesEveryPathVariant_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("clientPath");
    QTest::addColumn<QByteArray>("upstreamPath");
    QTest::newRow("messages") << QByteArray("POST") << QByteArray("/v1/messages") << QByteArray("/v1/messages");
    QTest::newRow("messages beta") << QByteArray("POST") << QByteArray("/v1/messages?beta=true")
                                   << QByteArray("/v1/messages?beta=true");
    QTest::newRow("count_tokens") << QByteArray("POST") << QByteArray("/v1/messages/count_tokens?beta=true")
                                  << QByteArray("/v1/messages/count_tokens?beta=true");
    QTest::newRow("models") << QByteArray("GET") << QByteArray("/v1/models") << QByteArray("/v1/models");
    QTest::newRow("one model") << QByteArray("GET") << QByteArray("/v1/models/claude-x")
                               << QByteArray("/v1/models/claude-x");
    QTest::newRow("seed prefix") << QByteArray("POST") << QByteArray("/api/v1/claude-code/v1/messages?beta=true")
                                 << QByteArray("/v1/messages?beta=true");
    QTest::newRow("seed short") << QByteArray("POST") << QByteArray("/api/v1/claude-code/messages")
                                << QByteArray("/v1/messages");
    QTest::newRow("seed count_tokens") << QByteArray("POST")
                                       << QByteArray("/api/v1/claude-code/v1/messages/count_tokens")
                                       << QByteArray("/v1/messages/count_tokens");
    QTest::newRow("seed models") << QByteArray("GET") << QByteArray("/api/v1/claude-code/v1/models")
                                 << QByteArray("/v1/models");
}

void TestPassThrough::routesEveryPathVariant()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, clientPath);
    QFETCH(QByteArray, upstreamPath);
    ProxyHarness harness;
    QVERIFY(harness.start());
    harness.upstream().enqueue(FakeResponse::json(200, QByteArray(R"({"ok":true})")));
    HttpTestClient client = harness.client();
    const TestHttpResponse response = method == "GET" ? client.get(clientPath) : client.post(clientPath, kSmallRequest);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, QByteArray(R"({"ok":true})"));
    QCOMPARE(harness.upstream().lastRequest().path, upstreamPath);
}

void TestPassThrough::relaysStreamEventByEvent()
{
    ProxyHarness harness;
    QVERIFY(harness.start());
    const QList<QByteArray> events = textEvents(QStringLiteral("one two three four"));
    harness.upstream().enqueue(FakeResponse::anthropicStream(events, 150));
    HttpTestClient client = harness.client();
    client.send("POST", "/v1/messages?beta=true", claudeCodeHeaders(), kStreamRequest);
    // The first event must arrive while the platform is still streaming, not at the end.
    const TestHttpResponse &early = client.readUntil([](const TestHttpResponse &r) { return !r.events.isEmpty(); });
    QCOMPARE(early.status, 200);
    QVERIFY(early.header("content-type").startsWith("text/event-stream"));
    QVERIFY(!early.complete);
    const TestHttpResponse &response = client.readToEnd();
    QVERIFY(response.complete);
    QCOMPARE(response.events.size(), events.size());
    QByteArray expected;
    for (const QByteArray &event : events)
        expected += event;
    QCOMPARE(response.body, expected); // exactly the platform's bytes
    const qint64 spreadUs = response.events.last().atUs - response.events.first().atUs;
    QVERIFY2(spreadUs > 150'000 * (events.size() - 2), qPrintable(QString::number(spreadUs)));
    QCOMPARE(response.eventNames().first(), QByteArray("message_start"));
    QCOMPARE(response.eventNames().last(), QByteArray("message_stop"));
}

void TestPassThrough::slowClientGetsAWholeLongStream()
{
    // A 16 MB stream to a client that reads nothing for a while: more than the kernel's socket buffers and
    // Switchyard's 1 MiB high-water mark hold, so the relay must pause the platform's stream and resume it
    // once the client reads again, and lose nothing.
    ProxyHarness harness;
    QVERIFY(harness.start());
    QString text;
    const QString piece = QStringLiteral("0123456789abcdef");
    text.reserve(16 * 1024 * 1024);
    for (int i = 0; text.size() < 16 * 1024 * 1024; ++i)
        text += piece.at(i % piece.size());
    harness.upstream().enqueue(FakeResponse::anthropicStream(FakeResponse::anthropicTextEvents(text, 2048)));
    HttpTestClient client = harness.client();
    client.send("POST", "/v1/messages", claudeCodeHeaders(), kStreamRequest);
    QThread::msleep(1500); // the client reads nothing meanwhile
    const TestHttpResponse &response = client.readToEnd(60000);
    QVERIFY2(response.complete, qPrintable(response.error));
    QCOMPARE(response.status, 200);
    QString received;
    received.reserve(text.size());
    for (const auto &timed : response.events) {
        if (timed.event.name != "content_block_delta")
            continue;
        received
            += QJsonDocument::fromJson(timed.event.data).object().value("delta").toObject().value("text").toString();
    }
    QCOMPARE(received.size(), text.size());
    QVERIFY(received == text);
    QCOMPARE(response.eventNames().constLast(), QByteArray("message_stop"));
}

void TestPassThrough::relaysClaudeCodeSizedRequest()
{
    ProxyHarness harness;
    QVERIFY(harness.start());
    const QByteArray body = ClaudeCodeRequests::toBytes(ClaudeCodeRequests::mainLoop());
    QVERIFY(body.size() > 45'000 && body.size() < 60'000);
    harness.upstream().enqueue(FakeResponse::anthropicStream(textEvents(QStringLiteral("Let me read it."))));
    HttpTestClient client = harness.client();
    const TestHttpResponse response = client.post("/v1/messages?beta=true", body, claudeCodeHeaders());
    QCOMPARE(response.status, 200);
    QVERIFY(response.complete);
    QCOMPARE(harness.upstream().lastRequest().body, body);
    // Keep-alive: a second request on the same client connection.
    harness.upstream().enqueue(FakeResponse::anthropicStream(textEvents(QStringLiteral("Done."))));
    const QByteArray followUp
        = ClaudeCodeRequests::toBytes(ClaudeCodeRequests::toolResultFollowUp(QStringLiteral("secret")));
    QCOMPARE(client.post("/v1/messages?beta=true", followUp, claudeCodeHeaders()).status, 200);
    QCOMPARE(client.connectionsOpened(), 1);
    QCOMPARE(harness.upstream().lastRequest().body, followUp);
}

void TestPassThrough::answersHealthAndUnknownPaths()
{
    ProxyHarness harness;
    harness.addClientKey(QStringLiteral("alice"), QStringLiteral("sk-alice"));
    QVERIFY(harness.start());
    HttpTestClient client = harness.client();
    const TestHttpResponse health = client.get("/health"); // no key needed
    QCOMPARE(health.status, 200);
    QCOMPARE(health.json().value("status").toString(), QStringLiteral("ok"));
    const TestHttpResponse unknown = client.get("/v2/nothing");
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.json().value("type").toString(), QStringLiteral("error"));
    QCOMPARE(unknown.errorType(), QStringLiteral("not_found_error"));
    const TestHttpResponse wrongMethod = client.get("/v1/messages", {{"x-api-key", "sk-alice"}});
    QCOMPARE(wrongMethod.status, 405);
    QCOMPARE(wrongMethod.errorType(), QStringLiteral("invalid_request_error"));
    QCOMPARE(harness.upstream().requestCount(), 0);
}

void TestPassThrough::authenticatesClients()
{
    ProxyHarness harness;
    harness.addClientKey(QStringLiteral("alice"), QStringLiteral("sk-alice-key"));
    harness.addClientKey(QStringLiteral("bob"), QStringLiteral("sk-bob-key"));
    QVERIFY(harness.start());
    HttpTestClient client = harness.client();

    TestHttpResponse missing = client.post("/v1/messages", kSmallRequest);
    QCOMPARE(missing.status, 401);
    QCOMPARE(missing.errorType(), QStringLiteral("authentication_error"));
    TestHttpResponse wrong = client.post("/v1/messages", kSmallRequest, {{"x-api-key", "sk-alice-ke"}});
    QCOMPARE(wrong.status, 401);
    QCOMPARE(harness.upstream().requestCount(), 0);

    QCOMPARE(client.post("/v1/messages", kSmallRequest, {{"x-api-key", "sk-alice-key"}}).status, 200);
    QCOMPARE(client.post("/v1/messages", kSmallRequest, {{"Authorization", "Bearer sk-bob-key"}}).status, 200);
    for (const ReceivedRequest &request : harness.upstream().receivedRequests()) {
        QCOMPARE(request.header("x-api-key"), QByteArray(ProxyHarness::kProviderKey));
        QVERIFY(!request.hasHeader("authorization"));
    }
    const QList<StoredRecord> records = harness.records(4);
    QCOMPARE(records.size(), 4);
    QCOMPARE(records.at(0).record.clientKeyId, QStringLiteral("bob"));
    QCOMPARE(records.at(1).record.clientKeyId, QStringLiteral("alice"));
    QCOMPARE(records.at(3).record.status, 401);
}

void TestPassThrough::rejectsBadBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QTest::newRow("malformed") << QByteArray(R"({"model":"m","messages":[)") << QStringLiteral("not valid JSON");
    QTest::newRow("invalid utf-8") << QByteArray("{\"model\":\"m\xff\",\"messages\":[]}")
                                   << QStringLiteral("not valid UTF-8");
    QTest::newRow("not an object") << QByteArray(R"([{"model":"m"}])") << QStringLiteral("must be a JSON object");
    QTest::newRow("no model") << QByteArray(R"({"messages":[]})") << QStringLiteral("model: Field required");
    QTest::newRow("no messages") << QByteArray(R"({"model":"m"})") << QStringLiteral("messages: Field required");
    QTest::newRow("empty body") << QByteArray() << QStringLiteral("empty");
}

void TestPassThrough::rejectsBadBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    ProxyHarness harness;
    QVERIFY(harness.start());
    HttpTestClient client = harness.client();
    const TestHttpResponse response = client.post("/v1/messages", body);
    QCOMPARE(response.status, 400);
    QCOMPARE(response.json().value("type").toString(), QStringLiteral("error"));
    QCOMPARE(response.errorType(), QStringLiteral("invalid_request_error"));
    const QString text = response.json().value("error").toObject().value("message").toString();
    QVERIFY2(text.contains(message), qPrintable(text));
    QCOMPARE(harness.upstream().requestCount(), 0);
    // The rejected call is recorded with what was wrong.
    const QList<StoredRecord> records = harness.records(1);
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.first().record.status, 400);
    QCOMPARE(records.first().record.errorMessage, text);
}

void TestPassThrough::rejectsOversizedBody()
{
    ProxyHarness harness;
    harness.config().insert("limits", QJsonObject {{"max_request_body_bytes", 10000}});
    QVERIFY(harness.start());
    HttpTestClient client = harness.client();
    const QByteArray body = ClaudeCodeRequests::toBytes(ClaudeCodeRequests::mainLoop());
    const TestHttpResponse response = client.post("/v1/messages", body);
    QCOMPARE(response.status, 413);
    QCOMPARE(response.errorType(), QStringLiteral("request_too_large"));
    QCOMPARE(harness.upstream().requestCount(), 0);
    // A request under the limit on a new connection still works.
    HttpTestClient second = harness.client();
    QCOMPARE(second.post("/v1/messages", kSmallRequest).status, 200);
}

void TestPassThrough::mapsUpstreamFailures_data()
{
    QTest::addColumn<QString>("baseUrl"); // empty = the fake upstream
    QTest::addColumn<int>("fault"); // 0 none, 1 hang, 2 close without response, 3 malformed
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("errorType");
    QTest::newRow("connection refused") << QStringLiteral("http://127.0.0.1:%1").arg(FakeUpstream::unusedPort()) << 0
                                        << 502 << QStringLiteral("api_error");
    QTest::newRow("host not found") << QStringLiteral("http://no-such-host.invalid") << 0 << 502
                                    << QStringLiteral("api_error");
    QTest::newRow("first byte timeout") << QString() << 1 << 504 << QStringLiteral("timeout_error");
    QTest::newRow("closed without answer") << QString() << 2 << 502 << QStringLiteral("api_error");
    QTest::newRow("malformed answer") << QString() << 3 << 502 << QStringLiteral("api_error");
}

void TestPassThrough::mapsUpstreamFailures()
{
    QFETCH(QString, baseUrl);
    QFETCH(int, fault);
    QFETCH(int, status);
    QFETCH(QString, errorType);
    ProxyHarness harness;
    QJsonObject platform = harness.config().value("platforms").toArray().at(0).toObject();
    if (!baseUrl.isEmpty())
        platform.insert("base_url", baseUrl);
    platform.insert("timeouts", QJsonObject {{"first_byte_ms", 300}});
    harness.config().insert("platforms", QJsonArray {platform});
    QVERIFY(harness.start());
    if (fault == 1)
        harness.upstream().setDefaultResponse(FakeResponse::hang());
    else if (fault == 2)
        harness.upstream().setDefaultResponse(FakeResponse::closeWithoutResponse());
    else if (fault == 3)
        harness.upstream().setDefaultResponse(FakeResponse::malformedStatusLine());
    for (const QByteArray &body : {kSmallRequest, kStreamRequest}) {
        HttpTestClient client = harness.client();
        const TestHttpResponse response = client.post("/v1/messages", body, {}, 15000);
        QCOMPARE(response.status, status);
        QCOMPARE(response.errorType(), errorType);
        QVERIFY(!response.json().value("error").toObject().value("message").toString().isEmpty());
    }
    const QList<StoredRecord> records = harness.records(2);
    QCOMPARE(records.size(), 2);
    QCOMPARE(records.first().record.status, status);
    QCOMPARE(records.first().record.errorType, errorType);
}

void TestPassThrough::relaysUpstreamErrorsAsTheyAre()
{
    ProxyHarness harness;
    QVERIFY(harness.start());
    HttpTestClient client = harness.client();

    harness.upstream().enqueue(
        FakeResponse::anthropicError(429, QStringLiteral("rate_limit_error"), QStringLiteral("Slow down"))
            .withHeader("retry-after", "7"));
    TestHttpResponse limited = client.post("/v1/messages", kStreamRequest);
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.errorType(), QStringLiteral("rate_limit_error"));
    QCOMPARE(limited.header("retry-after"), QByteArray("7"));

    harness.upstream().enqueue(
        FakeResponse::anthropicError(529, QStringLiteral("overloaded_error"), QStringLiteral("Overloaded")));
    TestHttpResponse overloaded = client.post("/v1/messages", kSmallRequest);
    QCOMPARE(overloaded.status, 529);
    QCOMPARE(overloaded.errorType(), QStringLiteral("overloaded_error"));

    // Not the client's error format (a gateway's HTML page): wrapped in the Anthropic envelope.
    harness.upstream().enqueue(FakeResponse::text(502, "<html><body>Bad Gateway</body></html>", "text/html"));
    TestHttpResponse wrapped = client.post("/v1/messages", kSmallRequest);
    QCOMPARE(wrapped.status, 502);
    QCOMPARE(wrapped.errorType(), QStringLiteral("api_error"));
    QVERIFY(
        wrapped.json().value("error").toObject().value("message").toString().contains(QStringLiteral("Bad Gateway")));

    // The platform rejecting Switchyard's key is not the client's authentication problem (a 401 would make
    // Claude Code ask its user to log in again): 502 naming the platform, and Claude Code should not retry.
    harness.upstream().enqueue(FakeResponse::json(401, QByteArray(R"({"error":{"message":"invalid api key"}})")));
    TestHttpResponse badKey = client.post("/v1/messages", kSmallRequest);
    QCOMPARE(badKey.status, 502);
    QCOMPARE(badKey.errorType(), QStringLiteral("api_error"));
    QCOMPARE(badKey.header("x-should-retry"), QByteArray("false"));
    QVERIFY2(badKey.json().value("error").toObject().value("message").toString().contains(QStringLiteral("fake")),
        badKey.body.constData());
}

void TestPassThrough::streamFailingBeforeFirstByteIsAnHttpError()
{
    ProxyHarness harness;
    QVERIFY(harness.start());
    // Every try (the first and the retry the failure table allows) closes before any event.
    harness.upstream().setDefaultResponse(FakeResponse::sse({}).withFault(FakeResponse::Fault::CloseMidStream));
    HttpTestClient client = harness.client();
    const TestHttpResponse response = client.post("/v1/messages", kStreamRequest);
    QCOMPARE(response.status, 502);
    QCOMPARE(response.errorType(), QStringLiteral("api_error"));
    QVERIFY(response.events.isEmpty());
}

void TestPassThrough::streamFailingMidwayEndsWithErrorEvent()
{
    ProxyHarness harness;
    QVERIFY(harness.start());
    QList<QByteArray> events = textEvents(QStringLiteral("partial answer here"));
    events = events.mid(0, 3); // message_start, content_block_start, one delta
    QList<FakeResponse::Piece> pieces;
    for (const QByteArray &event : events)
        pieces.append({event, 20});
    harness.upstream().enqueue(FakeResponse::sse(pieces).withFault(FakeResponse::Fault::CloseMidStream));
    HttpTestClient client = harness.client();
    const TestHttpResponse response = client.post("/v1/messages", kStreamRequest);
    QCOMPARE(response.status, 200);
    QVERIFY2(response.complete, qPrintable(response.error)); // a proper end of the chunked body, not a cut
    QCOMPARE(response.events.size(), 4);
    const SseEvent &last = response.events.last().event;
    QCOMPARE(last.name, QByteArray("error"));
    const QJsonObject error = QJsonDocument::fromJson(last.data).object();
    QCOMPARE(error.value("type").toString(), QStringLiteral("error"));
    QCOMPARE(error.value("error").toObject().value("type").toString(), QStringLiteral("api_error"));
    const QList<StoredRecord> records = harness.records(1);
    QCOMPARE(records.first().record.errorType, QStringLiteral("api_error"));
}

void TestPassThrough::streamWithoutMessageStopEndsWithErrorEvent()
{
    ProxyHarness harness;
    QVERIFY(harness.start());
    QList<QByteArray> events = textEvents(QStringLiteral("no stop"));
    events.removeLast(); // no message_stop, but a clean end of the HTTP response
    harness.upstream().enqueue(FakeResponse::anthropicStream(events));
    HttpTestClient client = harness.client();
    const TestHttpResponse response = client.post("/v1/messages", kStreamRequest);
    QVERIFY(response.complete);
    QCOMPARE(response.eventNames().last(), QByteArray("error"));
}

void TestPassThrough::clientLeavingCancelsUpstream()
{
    ProxyHarness harness;
    QVERIFY(harness.start());
    QList<FakeResponse::Piece> pieces;
    for (const QByteArray &event : textEvents(QStringLiteral("a long answer that takes its time to arrive")))
        pieces.append({event, 200});
    harness.upstream().enqueue(FakeResponse::sse(pieces));
    {
        HttpTestClient client = harness.client();
        client.send("POST", "/v1/messages", {}, kStreamRequest);
        QVERIFY(!client.readUntil([](const TestHttpResponse &r) { return !r.events.isEmpty(); }).events.isEmpty());
        client.abort();
    }
    QTRY_COMPARE_WITH_TIMEOUT(harness.upstream().disconnectedPaths().size(), 1, 5000);
    QCOMPARE(harness.upstream().disconnectedPaths().first(), QByteArray("/v1/messages"));
    QVERIFY(harness.records(1).first().record.clientCancelled);
    // The proxy still serves.
    HttpTestClient next = harness.client();
    QCOMPARE(next.post("/v1/messages", kSmallRequest).status, 200);
}

void TestPassThrough::recordsEveryCall()
{
    ProxyHarness harness;
    QVERIFY(harness.start());
    QList<QByteArray> events = textEvents(QStringLiteral("recorded"));
    harness.upstream().enqueue(FakeResponse::anthropicStream(events));
    harness.upstream().enqueue(FakeResponse::anthropicMessage(QStringLiteral("plain")));
    HttpTestClient client = harness.client();
    const QByteArray body = ClaudeCodeRequests::toBytes(ClaudeCodeRequests::mainLoop());
    const TestHttpResponse streamed = client.post("/v1/messages?beta=true", body, claudeCodeHeaders());
    const TestHttpResponse plain = client.post("/v1/messages", kSmallRequest);
    QCOMPARE(streamed.status, 200);
    QCOMPARE(plain.status, 200);

    const QList<StoredRecord> records = harness.records(2);
    QCOMPARE(records.size(), 2);
    const CallRecord &stream = records.at(1).record;
    QCOMPARE(stream.requestId.toLatin1(), streamed.header("x-switchyard-request-id"));
    QCOMPARE(stream.endpoint, QStringLiteral("/v1/messages"));
    QCOMPARE(stream.routingMode, QStringLiteral("claude_code"));
    QCOMPARE(stream.platformId, QStringLiteral("fake"));
    QCOMPARE(stream.requestedModel, QStringLiteral("claude-sonnet-4-5"));
    QCOMPARE(stream.upstreamModel, QStringLiteral("claude-sonnet-4-5"));
    QCOMPARE(stream.sessionId, QStringLiteral("5e463e6f-0000-4d1d-834a-de1b3d6b62c7"));
    QVERIFY(stream.stream);
    QCOMPARE(stream.status, 200);
    QCOMPARE(stream.upstreamStatus, 200);
    QVERIFY(stream.durationUs > 0);
    QVERIFY(stream.firstByteUs > 0 && stream.firstByteUs <= stream.durationUs);
    QVERIFY(stream.upstreamDurationUs > 0);
    QCOMPARE(stream.requestBody, body); // exactly what the client sent
    QCOMPARE(stream.responseBody, streamed.body); // exactly what the client received
    QVERIFY(stream.usage.inputTokens > 0); // from the usage the platform reported in the stream
    QVERIFY(stream.usage.outputTokens > 0);
    QVERIFY(stream.requestHeadersJson.contains("claude-cli/2.1.332"));
    QVERIFY(!stream.routeJson.isEmpty());
    QVERIFY(stream.errorType.isEmpty());
    const CallRecord &json = records.at(0).record;
    QVERIFY(!json.stream);
    QCOMPARE(json.responseBody, plain.body);
    QVERIFY(json.usage.outputTokens > 0);
}

void TestPassThrough::secretsNeverReachRecordsOrLogs()
{
    LogCapture logs;
    const QString clientKey = QStringLiteral("sk-client-secret-abcdef987654");
    ProxyHarness harness;
    harness.addClientKey(QStringLiteral("alice"), clientKey);
    QVERIFY(harness.start());
    harness.upstream().enqueue(FakeResponse::anthropicStream(textEvents(QStringLiteral("fine"))));
    harness.upstream().enqueue(
        FakeResponse::anthropicError(401, QStringLiteral("authentication_error"), QStringLiteral("invalid x-api-key")));
    harness.upstream().enqueue(FakeResponse::hang());
    HttpTestClient client = harness.client();
    const HttpHeaderList headers = claudeCodeHeaders(clientKey.toLatin1());
    QCOMPARE(client.post("/v1/messages", kStreamRequest, headers).status, 200);
    QCOMPARE(client.post("/v1/messages", kSmallRequest, headers).status, 502); // the platform rejected its key
    QCOMPARE(
        client.post("/v1/messages", kSmallRequest, {{"x-api-key", "sk-wrong-" + clientKey.toLatin1()}}).status, 401);
    client.send("POST", "/v1/messages", headers, kSmallRequest);
    client.abort();

    const QList<StoredRecord> records = harness.records(4);
    QVERIFY(records.size() >= 3);
    const QByteArray providerKey = ProxyHarness::kProviderKey;
    for (const StoredRecord &stored : records) {
        const QByteArray everything = ProxyHarness::recordedText(stored.record);
        QVERIFY2(!everything.contains(providerKey), qPrintable(stored.record.requestId));
        QVERIFY2(!everything.contains(clientKey.toLatin1()), qPrintable(stored.record.requestId));
    }
    for (const QString &line : LogCapture::lines()) {
        QVERIFY2(!line.contains(QString::fromLatin1(providerKey)), qPrintable(line));
        QVERIFY2(!line.contains(clientKey), qPrintable(line));
    }
    QVERIFY(!LogCapture::lines().isEmpty()); // debug logging was on and produced lines
}

void TestPassThrough::configChangeAppliesToNextRequest()
{
    ProxyHarness harness;
    QVERIFY(harness.start());
    FakeUpstreamThread second;
    second->setDefaultResponse(FakeResponse::anthropicMessage(QStringLiteral("from the second platform")));
    harness.upstream().setDefaultResponse(FakeResponse::anthropicMessage(QStringLiteral("from the first platform")));
    HttpTestClient client = harness.client();
    QVERIFY(client.post("/v1/messages", kSmallRequest).body.contains("from the first platform"));

    ConfigService *config = harness.runtime().configService();
    Config changed = config->current();
    changed.platforms[0].baseUrl = second->baseUrl().toString();
    QString error;
    QVERIFY2(config->apply(changed, &error), qPrintable(error));
    QVERIFY(client.post("/v1/messages", kSmallRequest).body.contains("from the second platform"));
    QCOMPARE(second->requestCount(), 1);
}

void TestPassThrough::refusesNonLoopbackWithoutClientKeys()
{
    ProxyHarness harness;
    harness.config().insert("listen", QStringLiteral("0.0.0.0:0"));
    TempDataDir dir;
    ProxyRuntime runtime;
    ProxyRuntime::Options options;
    options.dataDir = dir.path();
    ServerSettings listen;
    listen.host = QStringLiteral("0.0.0.0");
    listen.port = 0;
    options.listen = listen;
    QString error;
    QVERIFY(!runtime.start(options, &error));
    QVERIFY2(error.contains(QStringLiteral("without client keys")), qPrintable(error));
}

void TestPassThrough::reachesPlatformsThroughAProxy()
{
    // An HTTP proxy that asks for credentials, on a thread of its own (the test client blocks this one).
    QThread proxyThread;
    proxyThread.start();
    auto *proxy = new FakeProxyServer;
    proxy->moveToThread(&proxyThread);
    const auto onProxyThread = [proxy](const std::function<void()> &work) {
        QMetaObject::invokeMethod(proxy, work, Qt::BlockingQueuedConnection);
    };
    const auto stopProxy = qScopeGuard([&] {
        onProxyThread([proxy] { delete proxy; });
        proxyThread.quit();
        proxyThread.wait();
    });
    bool listening = false;
    onProxyThread([&] {
        listening = proxy->listen();
        proxy->requireCredentials(QStringLiteral("alice"), QStringLiteral("proxy-secret-4242"));
    });
    QVERIFY(listening);
    qputenv("SWITCHYARD_TEST_PROXY_PASSWORD", "proxy-secret-4242");
    const auto unsetPassword = qScopeGuard([] { qunsetenv("SWITCHYARD_TEST_PROXY_PASSWORD"); });

    LogCapture logs;
    ProxyHarness harness;
    // The platform is named by a host name that only the proxy resolves (to 127.0.0.1).
    QJsonArray platforms = harness.config().value(QStringLiteral("platforms")).toArray();
    QJsonObject platform = platforms.at(0).toObject();
    platform.insert(
        QStringLiteral("base_url"), QStringLiteral("http://platform.example:%1").arg(harness.upstream().port()));
    platforms[0] = platform;
    harness.config().insert(QStringLiteral("platforms"), platforms);
    harness.config().insert(QStringLiteral("upstream_proxy"),
        QJsonObject {{QStringLiteral("mode"), QStringLiteral("manual")},
            {QStringLiteral("url"), QStringLiteral("http://alice@127.0.0.1:%1").arg(proxy->port())},
            {QStringLiteral("password"), QStringLiteral("$SWITCHYARD_TEST_PROXY_PASSWORD")}});
    QString error;
    QVERIFY2(harness.start(&error), qPrintable(error));
    harness.upstream().enqueue(FakeResponse::anthropicMessage(QStringLiteral("through the proxy")));
    harness.upstream().enqueue(FakeResponse::anthropicStream(textEvents(QStringLiteral("streamed through it"))));
    HttpTestClient client = harness.client();
    const TestHttpResponse json = client.post("/v1/messages", kSmallRequest, claudeCodeHeaders());
    QCOMPARE(json.status, 200);
    QVERIFY(json.body.contains("through the proxy"));
    const TestHttpResponse stream = client.post("/v1/messages", kStreamRequest, claudeCodeHeaders());
    QCOMPARE(stream.status, 200);
    QVERIFY(stream.body.contains("event: message_stop"));
    QVERIFY(stream.body.contains("\"text_delta\""));

    QCOMPARE(harness.upstream().lastRequest().header("host"),
        QByteArray("platform.example:") + QByteArray::number(harness.upstream().port()));
    QCOMPARE(harness.upstream().lastRequest().header("x-api-key"), QByteArray(ProxyHarness::kProviderKey));
    int tunnels = 0;
    QList<FakeProxyServer::ConnectRequest> connects;
    onProxyThread([&] {
        tunnels = proxy->tunnelsOpened();
        connects = proxy->connectRequests();
    });
    QCOMPARE(tunnels, 1); // one kept-alive tunnel carried both calls
    QCOMPARE(connects.last().status, 200);

    // The proxy password reaches the proxy only: never a record, the log or the configuration export.
    const QList<StoredRecord> records = harness.records(2);
    QCOMPARE(records.size(), 2);
    for (const StoredRecord &stored : records)
        QVERIFY(!ProxyHarness::recordedText(stored.record).contains("proxy-secret-4242"));
    bool proxyLogged = false;
    for (const QString &line : LogCapture::lines()) {
        QVERIFY2(!line.contains(QStringLiteral("proxy-secret-4242")), qPrintable(line));
        proxyLogged = proxyLogged || line.contains(QStringLiteral("http://alice@127.0.0.1:%1").arg(proxy->port()));
    }
    QVERIFY(proxyLogged); // the log says which proxy is used
    QVERIFY(!harness.runtime().configService()->exportJson(false).contains("proxy-secret-4242"));
}

QTEST_GUILESS_MAIN(TestPassThrough)
#include "TestPassThrough.moc"
