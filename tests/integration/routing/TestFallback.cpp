// Fault tolerance through real HTTP: chains of three models on separate fake platforms (Anthropic pass-through
// and OpenAI-format ones mixed), every failure class at every place in the chain, the commit point, answers
// that merely mention limits, retry and attempt bounds, the shortened first-byte timeout, and clients that
// leave during a fallback.
#include "RoutingRig.h"

#include <QTest>

using namespace RoutingRig;

namespace {

enum class Fault
{
    Refused,
    HostNotFound,
    FirstByteTimeout,
    Status401,
    Status403,
    Status402,
    DashScopeArrearage,
    DeepSeekInsufficientBalance,
    ModelNotFound,
    Status408,
    Status409,
    RateLimited,
    Status500,
    Status529,
    Malformed,
    ErrorEventBeforeContent,
    ClosedBeforeContent,
};

struct FaultCase
{
    const char *name;
    Fault fault;
    const char *failureClass; // as the record names it
    bool retried; // the failure table retries the same model once (retry_same_model = 1)
    bool reachesFake; // the request arrives at the platform at all
    bool streamOnly;
    int clientStatus; // what the client gets when every model of the chain failed this way
    const char *clientType;
};

// clang-format off
const FaultCase kFaultCases[] = {
    {"refused",            Fault::Refused,                    "connect_error",      false, false, false, 502, "api_error"},
    {"dns",                Fault::HostNotFound,               "connect_error",      false, false, false, 502, "api_error"},
    {"first byte timeout", Fault::FirstByteTimeout,           "first_byte_timeout", false, true,  false, 504, "timeout_error"},
    {"401",                Fault::Status401,                  "bad_key",            false, true,  false, 502, "api_error"},
    {"403",                Fault::Status403,                  "bad_key",            false, true,  false, 502, "api_error"},
    {"402",                Fault::Status402,                  "no_credit",          false, true,  false, 402, "billing_error"},
    {"arrearage",          Fault::DashScopeArrearage,         "no_credit",          false, true,  false, 402, "billing_error"},
    {"insufficient bal.",  Fault::DeepSeekInsufficientBalance,"no_credit",          false, true,  false, 402, "billing_error"},
    {"404 model",          Fault::ModelNotFound,              "model_not_found",    false, true,  false, 404, "not_found_error"},
    {"408",                Fault::Status408,                  "retryable_status",   true,  true,  false, 408, "timeout_error"},
    {"409",                Fault::Status409,                  "retryable_status",   true,  true,  false, 409, "invalid_request_error"},
    {"429",                Fault::RateLimited,                "rate_limited",       false, true,  false, 429, "rate_limit_error"},
    {"500",                Fault::Status500,                  "server_error",       true,  true,  false, 500, "api_error"},
    {"529",                Fault::Status529,                  "overloaded",         false, true,  false, 529, "overloaded_error"},
    {"malformed",          Fault::Malformed,                  "malformed_response", false, true,  false, 502, "api_error"},
    {"error event",        Fault::ErrorEventBeforeContent,    "overloaded",         false, true,  true,  529, "overloaded_error"},
    {"closed early",       Fault::ClosedBeforeContent,        "connection_lost",    true,  true,  false, 502, "api_error"},
};
// clang-format on

const QStringList kPlatforms = {QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma")};

QString modelOf(int index)
{
    return QStringLiteral("model-%1").arg(index);
}

QByteArray sse(const QByteArray &name, const QByteArray &json)
{
    return "event: " + name + "\ndata: " + json + "\n\n";
}

QByteArray openAIChunk(const QByteArray &delta)
{
    return R"({"id":"chatcmpl-x","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":)"
        + delta + R"(,"finish_reason":null}]})";
}

FakeResponse openAIStreamPieces(const QList<QByteArray> &payloads, int delayMs = 0)
{
    QList<FakeResponse::Piece> pieces;
    for (const QByteArray &payload : payloads)
        pieces.append({"data: " + payload + "\n\n", delayMs});
    return FakeResponse::sse(pieces);
}

// The platform's side of a fault, in the request's own format.
FakeResponse faultResponse(Fault fault, const ReceivedRequest &request)
{
    const bool openAI = isOpenAIRequest(request);
    const bool stream = bodyOf(request).value(QStringLiteral("stream")).toBool();
    auto error = [openAI](int status, const char *anthropicType, const char *openAIType, const char *message,
                     const char *code = nullptr) {
        return openAI
            ? FakeResponse::openAIError(status, QString::fromLatin1(message), QString::fromLatin1(openAIType),
                code ? QString::fromLatin1(code) : QString())
            : FakeResponse::anthropicError(status, QString::fromLatin1(anthropicType), QString::fromLatin1(message));
    };
    switch (fault) {
    case Fault::Refused:
    case Fault::HostNotFound:
        break;
    case Fault::FirstByteTimeout:
        return FakeResponse::hang();
    case Fault::Status401:
        return error(401, "authentication_error", "invalid_request_error", "invalid x-api-key", "invalid_api_key");
    case Fault::Status403:
        return error(403, "permission_error", "permission_error", "this key may not use the API");
    case Fault::Status402:
        return error(402, "billing_error", "payment_required", "payment required");
    case Fault::DashScopeArrearage:
        return FakeResponse::json(400,
            QByteArray(
                R"({"error":{"message":"Access denied, please make sure your account is in good standing.","type":"Arrearage","param":null,"code":"Arrearage"},"request_id":"5c0e2f5a-0000-0000-0000-000000000000"})"));
    case Fault::DeepSeekInsufficientBalance:
        return FakeResponse::json(402,
            QByteArray(
                R"({"error":{"message":"Insufficient Balance","type":"unknown_error","param":null,"code":"invalid_request_error"}})"));
    case Fault::ModelNotFound:
        return error(404, "not_found_error", "invalid_request_error", "model: no such model", "model_not_found");
    case Fault::Status408:
        return error(408, "timeout_error", "timeout", "request timed out");
    case Fault::Status409:
        return error(409, "invalid_request_error", "conflict", "conflict, try again");
    case Fault::RateLimited:
        return error(429, "rate_limit_error", "rate_limit_exceeded", "slow down").withHeader("retry-after", "1");
    case Fault::Status500:
        return error(500, "api_error", "server_error", "internal error");
    case Fault::Status529:
        return error(529, "overloaded_error", "overloaded_error", "overloaded");
    case Fault::Malformed:
        return FakeResponse::malformedStatusLine();
    case Fault::ErrorEventBeforeContent:
        if (openAI) {
            return openAIStreamPieces({openAIChunk(R"({"role":"assistant","content":""})"),
                R"({"error":{"message":"Overloaded","type":"overloaded_error","code":529}})"});
        }
        return FakeResponse::anthropicStream(
            {FakeResponse::anthropicTextEvents(QStringLiteral("x")).first(), sse("ping", R"({"type":"ping"})"),
                sse("error", R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})")});
    case Fault::ClosedBeforeContent:
        if (!stream) {
            const QByteArray whole = openAI ? FakeResponse::openAIChat(QStringLiteral("never whole")).body
                                            : FakeResponse::anthropicMessage(QStringLiteral("never whole")).body;
            return FakeResponse::truncatedBody(200, whole, whole.size() / 2);
        }
        if (openAI)
            return openAIStreamPieces({openAIChunk(R"({"role":"assistant","content":""})")})
                .withFault(FakeResponse::Fault::CloseMidStream);
        return FakeResponse::anthropicStream(
            {FakeResponse::anthropicTextEvents(QStringLiteral("x")).first(), sse("ping", R"({"type":"ping"})")})
            .withFault(FakeResponse::Fault::CloseMidStream);
    }
    return FakeResponse::closeWithoutResponse();
}

// Three platforms alpha, beta, gamma (model-0, model-1, model-2) in global_direct order. `openAIAt` says which
// of them speak the OpenAI format. The first `failing` platforms fail with `fault`; the others answer.
void buildChain(Rig &rig, const QList<bool> &openAIAt, Fault fault, int failing)
{
    for (int i = 0; i < kPlatforms.size(); ++i) {
        const QString type = openAIAt.at(i) ? (i == 1 ? QStringLiteral("dashscope") : QStringLiteral("openai"))
                                            : QStringLiteral("anthropic");
        const QJsonObject extra {{QStringLiteral("timeouts"),
            QJsonObject {{QStringLiteral("connect_ms"), 2000}, {QStringLiteral("first_byte_ms"), 700}}}};
        const bool fails = i < failing;
        if (fails && fault == Fault::Refused) {
            rig.addPlatformAt(kPlatforms.at(i), type,
                QStringLiteral("http://127.0.0.1:%1/v1").arg(FakeUpstream::unusedPort()), extra);
            continue;
        }
        if (fails && fault == Fault::HostNotFound) {
            rig.addPlatformAt(
                kPlatforms.at(i), type, QStringLiteral("http://switchyard-test-%1.invalid/v1").arg(i), extra);
            continue;
        }
        FakeUpstream &fake = rig.addFake(kPlatforms.at(i), type, extra);
        if (fails)
            fake.setHandler([fault](const ReceivedRequest &request) { return faultResponse(fault, request); });
    }
    rig.setPriorityList(
        {QStringLiteral("alpha:model-0"), QStringLiteral("beta:model-1"), QStringLiteral("gamma:model-2")});
    rig.setFallback(QJsonObject {{QStringLiteral("max_attempts"), 8}, {QStringLiteral("retry_same_model"), 1},
        {QStringLiteral("backoff_ms"), 10}, {QStringLiteral("first_byte_timeout_ms"), 300}});
}

bool hasFake(Fault fault, int index, int failing)
{
    return !(index < failing && (fault == Fault::Refused || fault == Fault::HostNotFound));
}

QList<FakeResponse::Piece> piecesOf(const QList<QByteArray> &events, int delayMs)
{
    QList<FakeResponse::Piece> pieces;
    for (const QByteArray &event : events)
        pieces.append({event, delayMs});
    return pieces;
}

} // namespace

class TestFallback : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyFailureClassAtEveryPlace_data();
    void everyFailureClassAtEveryPlace();
    void failureAfterCommitEndsTheStream_data();
    void failureAfterCommitEndsTheStream();
    void answerMentioningLimitsIsAnAnswer_data();
    void answerMentioningLimitsIsAnAnswer();
    void sameModelRetriesAreBoundedAndBackedOff();
    void maxAttemptsBoundsTheWalk();
    void brokenKeepAliveConnectionIsNotHammered();
    void shortFirstByteTimeoutSparesTheLastModel();
    void streamWithoutContentCountsAsNotStarted_data();
    void streamWithoutContentCountsAsNotStarted();
    void clientLeavingDuringBackoffStopsTheWalk();
    void clientLeavingMidAttemptCancelsIt_data();
    void clientLeavingMidAttemptCancelsIt();
};

void TestFallback::everyFailureClassAtEveryPlace_data()
{
    QTest::addColumn<int>("caseIndex");
    QTest::addColumn<int>("failing"); // how many platforms of the chain fail (3 = all)
    QTest::addColumn<bool>("openAIFirst"); // layout: O-A-O instead of A-O-A
    QTest::addColumn<bool>("stream");
    for (int c = 0; c < int(std::size(kFaultCases)); ++c) {
        for (int failing = 1; failing <= 3; ++failing) {
            for (bool openAIFirst : {false, true}) {
                for (bool stream : {true, false}) {
                    if (kFaultCases[c].streamOnly && !stream)
                        continue;
                    QTest::addRow("%s, %d failing, %s, %s", kFaultCases[c].name, failing,
                        openAIFirst ? "O-A-O" : "A-O-A", stream ? "stream" : "json")
                        << c << failing << openAIFirst << stream;
                }
            }
        }
    }
}

void TestFallback::everyFailureClassAtEveryPlace()
{
    QFETCH(int, caseIndex);
    QFETCH(int, failing);
    QFETCH(bool, openAIFirst);
    QFETCH(bool, stream);
    const FaultCase &fault = kFaultCases[caseIndex];
    const QList<bool> openAIAt = openAIFirst ? QList<bool> {true, false, true} : QList<bool> {false, true, false};

    Rig rig;
    buildChain(rig, openAIAt, fault.fault, failing);
    QVERIFY(rig.start());
    HttpTestClient client = rig.client();
    const TestHttpResponse response
        = client.post("/v1/messages", smallRequest(QStringLiteral("claude-sonnet-4-5"), stream), {}, 20'000);
    QVERIFY2(response.complete, qPrintable(response.error));
    const ClientAnswer answer = read(response);
    const StoredRecord record = rig.lastRecord(1);
    const QList<RecordedAttempt> attempts = attemptsOf(record);
    const QString trail
        = describe(attempts) + QStringLiteral(" / client: ") + QString::fromUtf8(response.body.left(300));

    // Every failing platform was tried exactly once more when the class allows a retry, never beyond.
    const int tries = fault.retried ? 2 : 1;
    const int expectedAttempts = failing * tries + (failing < 3 ? 1 : 0);
    QVERIFY2(attempts.size() == expectedAttempts, qPrintable(trail));
    int at = 0;
    for (int i = 0; i < failing; ++i) {
        for (int t = 0; t < tries; ++t, ++at) {
            QCOMPARE(attempts.at(at).platform, kPlatforms.at(i));
            QCOMPARE(attempts.at(at).model, modelOf(i));
            QVERIFY2(attempts.at(at).result == QLatin1String(fault.failureClass), qPrintable(trail));
            QCOMPARE(attempts.at(at).retry, t > 0);
        }
        if (hasFake(fault.fault, i, failing)) {
            QVERIFY2(rig.fake(kPlatforms.at(i)).requestCount() == (fault.reachesFake ? tries : 0), qPrintable(trail));
            const QJsonObject sent = bodyOf(rig.fake(kPlatforms.at(i)).lastRequest());
            QCOMPARE(sent.value(QStringLiteral("model")).toString(), modelOf(i));
        }
        if (fault.fault == Fault::FirstByteTimeout) // the proxy gave up on the hanging platform and said so
            QTRY_COMPARE_WITH_TIMEOUT(rig.fake(kPlatforms.at(i)).disconnectedPaths().size(), tries, 5000);
    }

    if (failing < 3) {
        // The next platform answered, and the client got its answer as if nothing had happened.
        const QString answeredBy = kPlatforms.at(failing);
        QCOMPARE(attempts.last().platform, answeredBy);
        QCOMPARE(attempts.last().result, QStringLiteral("ok"));
        QVERIFY2(answer.status == 200, qPrintable(trail));
        QCOMPARE(answer.text, signature(answeredBy, modelOf(failing)));
        QCOMPARE(answer.streamed, stream);
        if (stream) {
            QVERIFY2(answer.streamValid, qPrintable(answer.problems.join(QLatin1Char('\n'))));
            QCOMPARE(answer.messageStarts, 1);
            QVERIFY(!answer.endedWithError);
        }
        QCOMPARE(rig.fake(answeredBy).requestCount(), 1);
        for (int i = failing + 1; i < kPlatforms.size(); ++i)
            QCOMPARE(rig.fake(kPlatforms.at(i)).requestCount(), 0);
        QCOMPARE(record.record.platformId, answeredBy);
        QCOMPARE(record.record.status, 200);
        QVERIFY(record.record.errorType.isEmpty());
    } else {
        // Every model failed: the client gets the last failure as an HTTP error (nothing was streamed yet).
        QVERIFY2(answer.status == fault.clientStatus, qPrintable(trail));
        QVERIFY2(answer.errorType == QLatin1String(fault.clientType), qPrintable(trail));
        QVERIFY(response.events.isEmpty());
        // A JSON error body, labelled as one (also when the platform's error came as an event of its stream).
        QVERIFY2(response.header("content-type").startsWith("application/json"),
            response.header("content-type").constData());
        QCOMPARE(record.record.status, fault.clientStatus);
        QCOMPARE(record.record.errorType, QString::fromLatin1(fault.clientType));
        QCOMPARE(record.record.platformId, kPlatforms.last());
        if (fault.fault == Fault::RateLimited)
            QCOMPARE(response.header("retry-after"), QByteArray("1"));
    }
    QCOMPARE(record.record.requestId.toLatin1(), response.header("x-switchyard-request-id"));
}

void TestFallback::failureAfterCommitEndsTheStream_data()
{
    QTest::addColumn<bool>("openAI");
    QTest::addColumn<int>("kind"); // 0 closed after content, 1 error event after content, 2 silent (idle timeout)
    QTest::addColumn<QString>("failureClass");
    for (bool openAI : {false, true}) {
        const char *format = openAI ? "openai" : "anthropic";
        QTest::addRow("%s closed", format) << openAI << 0 << QStringLiteral("connection_lost");
        QTest::addRow("%s error event", format) << openAI << 1 << QStringLiteral("malformed_response");
        QTest::addRow("%s idle", format) << openAI << 2 << QStringLiteral("idle_timeout");
    }
}

void TestFallback::failureAfterCommitEndsTheStream()
{
    QFETCH(bool, openAI);
    QFETCH(int, kind);
    QFETCH(QString, failureClass);
    Rig rig;
    const QJsonObject timeouts {{QStringLiteral("timeouts"), QJsonObject {{QStringLiteral("idle_ms"), 300}}}};
    FakeUpstream &first = rig.addFake(
        QStringLiteral("alpha"), openAI ? QStringLiteral("openai") : QStringLiteral("anthropic"), timeouts);
    FakeUpstream &second = rig.addFake(QStringLiteral("beta"), QStringLiteral("anthropic"));
    rig.setPriorityList({QStringLiteral("alpha:model-0"), QStringLiteral("beta:model-1")});
    rig.setFallback(QJsonObject {{QStringLiteral("max_attempts"), 4}, {QStringLiteral("backoff_ms"), 10}});
    first.setHandler([openAI, kind](const ReceivedRequest &) {
        FakeResponse response;
        if (openAI) {
            QList<QByteArray> payloads {openAIChunk(R"({"role":"assistant","content":""})"),
                openAIChunk(R"({"content":"partial "})"), openAIChunk(R"({"content":"answer"})")};
            if (kind == 1)
                payloads.append(R"({"error":{"message":"upstream broke","type":"server_error","code":500}})");
            response = openAIStreamPieces(payloads, 10);
        } else {
            QList<QByteArray> events = FakeResponse::anthropicTextEvents(QStringLiteral("partial answer"), 2).mid(0, 4);
            if (kind == 1)
                events.append(
                    sse("error", R"({"type":"error","error":{"type":"api_error","message":"upstream broke"}})"));
            response = FakeResponse::sse(piecesOf(events, 10));
        }
        if (kind == 0)
            return response.withFault(FakeResponse::Fault::CloseMidStream);
        if (kind == 2)
            return response.withFault(FakeResponse::Fault::HangMidStream);
        return response;
    });
    QVERIFY(rig.start());
    HttpTestClient client = rig.client();
    const TestHttpResponse response
        = client.post("/v1/messages", smallRequest(QStringLiteral("claude-sonnet-4-5"), true), {}, 10'000);
    const ClientAnswer answer = read(response);
    QCOMPARE(answer.status, 200);
    QVERIFY2(
        answer.streamValid, qPrintable(answer.problems.join(QLatin1Char('\n')) + QString::fromUtf8(response.body)));
    QCOMPARE(answer.messageStarts, 1); // never a second message from another model
    QVERIFY(answer.endedWithError);
    QVERIFY(!answer.errorType.isEmpty());
    QCOMPARE(answer.text, QStringLiteral("partial answer")); // what had arrived is kept
    QCOMPARE(response.eventNames().last(), QByteArray("error"));
    QCOMPARE(second.requestCount(), 0); // no fallback after the commit point
    QCOMPARE(first.requestCount(), 1); // and no retry

    const StoredRecord record = rig.lastRecord(1);
    const QList<RecordedAttempt> attempts = attemptsOf(record);
    QVERIFY2(attempts.size() == 1, qPrintable(describe(attempts)));
    QCOMPARE(attempts.first().result, failureClass);
    QCOMPARE(record.record.status, 200);
    QVERIFY(!record.record.errorType.isEmpty());
    QCOMPARE(record.record.responseBody, response.body);
}

void TestFallback::answerMentioningLimitsIsAnAnswer_data()
{
    QTest::addColumn<bool>("openAI");
    QTest::addColumn<bool>("stream");
    for (bool openAI : {false, true}) {
        for (bool stream : {true, false})
            QTest::addRow("%s %s", openAI ? "openai" : "anthropic", stream ? "stream" : "json") << openAI << stream;
    }
}

void TestFallback::answerMentioningLimitsIsAnAnswer()
{
    QFETCH(bool, openAI);
    QFETCH(bool, stream);
    const QString text = QStringLiteral(
        "Your rate limit is fine; the quota error you saw "
        "({\"error\":{\"code\":\"Arrearage\",\"message\":\"Insufficient "
        "Balance\"}}) means insufficient balance on the other account, and 429 or 402 means a limit was hit.");
    Rig rig;
    FakeUpstream &first
        = rig.addFake(QStringLiteral("alpha"), openAI ? QStringLiteral("openai") : QStringLiteral("anthropic"));
    FakeUpstream &second = rig.addFake(QStringLiteral("beta"), QStringLiteral("anthropic"));
    first.setHandler([text](const ReceivedRequest &request) { return answer(request, text, 5); });
    rig.setPriorityList({QStringLiteral("alpha:model-0"), QStringLiteral("beta:model-1")});
    QVERIFY(rig.start());
    HttpTestClient client = rig.client();
    for (int i = 0; i < 6; ++i) { // more than the breaker's min_requests: nothing counts as a failure
        const TestHttpResponse response
            = client.post("/v1/messages", smallRequest(QStringLiteral("claude-sonnet-4-5"), stream));
        const ClientAnswer received = read(response);
        QCOMPARE(received.status, 200);
        QCOMPARE(received.text, text);
        if (stream)
            QVERIFY(received.streamValid);
    }
    QCOMPARE(first.requestCount(), 6);
    QCOMPARE(second.requestCount(), 0);
    const QList<StoredRecord> records = rig.records(6);
    QCOMPARE(records.size(), 6);
    for (const StoredRecord &record : records) {
        const QList<RecordedAttempt> attempts = attemptsOf(record);
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts.first().result, QStringLiteral("ok"));
        QVERIFY(record.record.errorType.isEmpty());
    }
    QCOMPARE(rig.healthStatus(QStringLiteral("alpha")), QStringLiteral("healthy"));
    QCOMPARE(rig.healthStatus(QStringLiteral("alpha:model-0")), QStringLiteral("healthy"));
}

void TestFallback::sameModelRetriesAreBoundedAndBackedOff()
{
    for (int retries : {0, 2}) {
        Rig rig;
        FakeUpstream &first = rig.addFake(QStringLiteral("alpha"), QStringLiteral("anthropic"));
        FakeUpstream &second = rig.addFake(QStringLiteral("beta"), QStringLiteral("openai"));
        first.setHandler([](const ReceivedRequest &) {
            return FakeResponse::anthropicError(500, QStringLiteral("api_error"), QStringLiteral("internal"));
        });
        rig.setPriorityList({QStringLiteral("alpha:model-0"), QStringLiteral("beta:model-1")});
        rig.setFallback(QJsonObject {{QStringLiteral("max_attempts"), 10},
            {QStringLiteral("retry_same_model"), retries}, {QStringLiteral("backoff_ms"), 150}});
        QVERIFY(rig.start());
        HttpTestClient client = rig.client();
        const TestHttpResponse response
            = client.post("/v1/messages", smallRequest(QStringLiteral("claude-sonnet-4-5"), true));
        QCOMPARE(read(response).text, signature(QStringLiteral("beta"), modelOf(1)));
        QCOMPARE(first.requestCount(), 1 + retries);
        QCOMPARE(second.requestCount(), 1);
        const QList<ReceivedRequest> received = first.receivedRequests();
        // Backoff doubles per retry: 150 ms, then 300 ms (arrival times at the platform, with a small margin).
        for (int i = 1; i < received.size(); ++i) {
            const qint64 gapUs = received.at(i).receivedAtUs - received.at(i - 1).receivedAtUs;
            const qint64 backoffUs = 150'000LL << (i - 1);
            QVERIFY2(gapUs >= backoffUs - 20'000, qPrintable(QString::number(gapUs)));
        }
        // No backoff before falling back to another model.
        const qint64 fallbackGapUs = second.lastRequest().receivedAtUs - received.last().receivedAtUs;
        QVERIFY2(fallbackGapUs < 150'000, qPrintable(QString::number(fallbackGapUs)));
        QCOMPARE(attemptsOf(rig.lastRecord(1)).size(), retries + 2);
    }
}

void TestFallback::maxAttemptsBoundsTheWalk()
{
    Rig rig;
    for (const QString &id : kPlatforms) {
        rig.addFake(id, QStringLiteral("anthropic")).setHandler([](const ReceivedRequest &) {
            return FakeResponse::anthropicError(529, QStringLiteral("overloaded_error"), QStringLiteral("Overloaded"));
        });
    }
    rig.setPriorityList(
        {QStringLiteral("alpha:model-0"), QStringLiteral("beta:model-1"), QStringLiteral("gamma:model-2")});
    rig.setFallback(QJsonObject {{QStringLiteral("max_attempts"), 2}});
    QVERIFY(rig.start());
    HttpTestClient client = rig.client();
    const TestHttpResponse response
        = client.post("/v1/messages", smallRequest(QStringLiteral("claude-sonnet-4-5"), false));
    QCOMPARE(response.status, 529);
    QCOMPARE(rig.fake(QStringLiteral("alpha")).requestCount(), 1);
    QCOMPARE(rig.fake(QStringLiteral("beta")).requestCount(), 1);
    QCOMPARE(rig.fake(QStringLiteral("gamma")).requestCount(), 0);
    QCOMPARE(attemptsOf(rig.lastRecord(1)).size(), 2);
}

// A platform that reads each request and closes the connection without answering. On a connection kept alive
// from an earlier answer the upstream client sends the request once more on a fresh connection (a stale
// keep-alive connection looks exactly like this); that resend is inside one attempt. Bound: one attempt plus
// retry_same_model retries, each sent at most twice only when it went out on a reused connection.
void TestFallback::brokenKeepAliveConnectionIsNotHammered()
{
    for (int retries : {0, 1}) {
        Rig rig;
        FakeUpstream &first = rig.addFake(QStringLiteral("alpha"), QStringLiteral("anthropic"));
        FakeUpstream &second = rig.addFake(QStringLiteral("beta"), QStringLiteral("anthropic"));
        first.enqueue(FakeResponse::anthropicMessage(QStringLiteral("warm"))); // leaves a kept-alive connection
        first.setHandler([](const ReceivedRequest &) { return FakeResponse::closeWithoutResponse(); });
        rig.setPriorityList({QStringLiteral("alpha:model-0"), QStringLiteral("beta:model-1")});
        rig.setFallback(
            QJsonObject {{QStringLiteral("retry_same_model"), retries}, {QStringLiteral("backoff_ms"), 10}});
        QVERIFY(rig.start());
        HttpTestClient client = rig.client();
        QCOMPARE(read(client.post("/v1/messages", smallRequest(QStringLiteral("claude-sonnet-4-5"), false))).text,
            QStringLiteral("warm"));
        const TestHttpResponse response
            = client.post("/v1/messages", smallRequest(QStringLiteral("claude-sonnet-4-5"), true));
        QCOMPARE(read(response).text, signature(QStringLiteral("beta"), modelOf(1)));
        const QList<RecordedAttempt> attempts = attemptsOf(rig.lastRecord(2));
        QCOMPARE(attempts.size(), retries + 2);
        for (int i = 0; i <= retries; ++i)
            QCOMPARE(attempts.at(i).result, QStringLiteral("connection_lost"));
        // 1 for the warm-up, then the first attempt twice (reused connection, then a fresh one), then each retry once.
        QCOMPARE(first.requestCount(), 1 + 2 + retries);
        QCOMPARE(second.requestCount(), 1);
    }
}

// fallback.first_byte_timeout_ms only shortens attempts that have another model after them: the last model of
// a chain (or the last attempt max_attempts allows, or the last one not resting) waits its platform's own
// first-byte timeout; a model with a fallback after it is given up on early.
void TestFallback::shortFirstByteTimeoutSparesTheLastModel()
{
    struct Case
    {
        const char *name;
        int chainLength;
        int maxAttempts;
        int slowIndex; // the platform that answers after 600 ms; the ones before it hang
        int answeringIndex; // who the client hears from
    };
    const Case cases[] = {
        {"single model", 1, 3, 0, 0},
        {"last of three", 3, 8, 2, 2},
        {"last allowed attempt", 3, 2, 1, 1},
        {"slow first is cut short", 2, 3, 0, 1},
    };
    for (const Case &c : cases) {
        Rig rig;
        QStringList chain;
        for (int i = 0; i < c.chainLength; ++i) {
            FakeUpstream &fake
                = rig.addFake(kPlatforms.at(i), i == 1 ? QStringLiteral("openai") : QStringLiteral("anthropic"),
                    QJsonObject {{QStringLiteral("timeouts"), QJsonObject {{QStringLiteral("first_byte_ms"), 5000}}}});
            const QString id = kPlatforms.at(i);
            if (i < c.slowIndex)
                fake.setHandler([](const ReceivedRequest &) { return FakeResponse::hang(); });
            else if (i == c.slowIndex)
                fake.setHandler([id](const ReceivedRequest &request) {
                    return answer(request, signature(id, bodyOf(request).value(QStringLiteral("model")).toString()))
                        .withDelayBeforeHeaders(600);
                });
            chain.append(id + QStringLiteral(":") + modelOf(i));
        }
        rig.setPriorityList(chain);
        rig.setFallback(QJsonObject {
            {QStringLiteral("max_attempts"), c.maxAttempts}, {QStringLiteral("first_byte_timeout_ms"), 200}});
        QVERIFY(rig.start());
        HttpTestClient client = rig.client();
        const TestHttpResponse response
            = client.post("/v1/messages", smallRequest(QStringLiteral("claude-sonnet-4-5"), true), {}, 15'000);
        const ClientAnswer received = read(response);
        QVERIFY2(received.status == 200, c.name);
        QVERIFY2(received.text == signature(kPlatforms.at(c.answeringIndex), modelOf(c.answeringIndex)),
            qPrintable(QString::fromLatin1(c.name) + QStringLiteral(": ") + received.text));
        const QList<RecordedAttempt> attempts = attemptsOf(rig.lastRecord(1));
        QCOMPARE(attempts.last().result, QStringLiteral("ok"));
        for (int i = 0; i + 1 < attempts.size(); ++i)
            QCOMPARE(attempts.at(i).result, QStringLiteral("first_byte_timeout"));
    }
}

// A platform may answer at once with the head of a stream and then keep silent (Anthropic's message_start and
// pings; OpenRouter's ": OPENROUTER PROCESSING" comments while it waits for a provider). The client has seen
// nothing yet, so for fallback.first_byte_timeout_ms this is no answer: the next model is asked.
void TestFallback::streamWithoutContentCountsAsNotStarted_data()
{
    QTest::addColumn<bool>("openAI");
    QTest::newRow("anthropic message_start and pings") << false;
    QTest::newRow("openrouter processing comments") << true;
}

void TestFallback::streamWithoutContentCountsAsNotStarted()
{
    QFETCH(bool, openAI);
    Rig rig;
    const QJsonObject timeouts {{QStringLiteral("timeouts"),
        QJsonObject {{QStringLiteral("first_byte_ms"), 20000}, {QStringLiteral("idle_ms"), 20000}}}};
    FakeUpstream &first = rig.addFake(
        QStringLiteral("alpha"), openAI ? QStringLiteral("openrouter") : QStringLiteral("anthropic"), timeouts);
    FakeUpstream &second = rig.addFake(QStringLiteral("beta"), QStringLiteral("anthropic"));
    first.setHandler([openAI](const ReceivedRequest &) {
        QList<FakeResponse::Piece> pieces;
        if (openAI) {
            for (int i = 0; i < 40; ++i)
                pieces.append({": OPENROUTER PROCESSING\n\n", 100});
        } else {
            pieces.append({FakeResponse::anthropicTextEvents(QStringLiteral("x")).first(), 0});
            for (int i = 0; i < 40; ++i)
                pieces.append({sse("ping", R"({"type":"ping"})"), 100});
        }
        return FakeResponse::sse(pieces).withFault(FakeResponse::Fault::HangMidStream);
    });
    rig.setPriorityList({QStringLiteral("alpha:model-0"), QStringLiteral("beta:model-1")});
    rig.setFallback(QJsonObject {{QStringLiteral("first_byte_timeout_ms"), 300}});
    QVERIFY(rig.start());
    HttpTestClient client = rig.client();
    const TestHttpResponse response
        = client.post("/v1/messages", smallRequest(QStringLiteral("claude-sonnet-4-5"), true), {}, 30'000);
    const ClientAnswer received = read(response);
    QCOMPARE(received.text, signature(QStringLiteral("beta"), modelOf(1)));
    QCOMPARE(received.messageStarts, 1); // alpha's held message_start never reached the client
    QVERIFY(received.streamValid);
    const qint64 waitedUs = second.lastRequest().receivedAtUs - first.lastRequest().receivedAtUs;
    QVERIFY2(waitedUs >= 250'000 && waitedUs < 2'000'000, qPrintable(QString::number(waitedUs)));
    const QList<RecordedAttempt> attempts = attemptsOf(rig.lastRecord(1));
    QCOMPARE(attempts.size(), 2);
    QCOMPARE(attempts.first().result, QStringLiteral("first_byte_timeout"));
    QTRY_COMPARE_WITH_TIMEOUT(first.disconnectedPaths().size(), 1, 5000);
}

void TestFallback::clientLeavingDuringBackoffStopsTheWalk()
{
    Rig rig;
    FakeUpstream &first = rig.addFake(QStringLiteral("alpha"), QStringLiteral("anthropic"));
    FakeUpstream &second = rig.addFake(QStringLiteral("beta"), QStringLiteral("anthropic"));
    first.setHandler([](const ReceivedRequest &) {
        return FakeResponse::anthropicError(500, QStringLiteral("api_error"), QStringLiteral("internal"));
    });
    rig.setPriorityList({QStringLiteral("alpha:model-0"), QStringLiteral("beta:model-1")});
    rig.setFallback(QJsonObject {{QStringLiteral("retry_same_model"), 1}, {QStringLiteral("backoff_ms"), 600}});
    QVERIFY(rig.start());
    {
        HttpTestClient client = rig.client();
        client.send("POST", "/v1/messages", {}, smallRequest(QStringLiteral("claude-sonnet-4-5"), true));
        QVERIFY(waitFor([&] { return first.requestCount() == 1; }));
        QThread::msleep(100); // the 500 is back; the proxy waits out its backoff
        client.abort();
    }
    const StoredRecord record = rig.lastRecord(1);
    QVERIFY(record.record.clientCancelled);
    const QList<RecordedAttempt> attempts = attemptsOf(record);
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().result, QStringLiteral("server_error"));
    // Well past the backoff: the retry never went out, nor did a fallback.
    QThread::msleep(900);
    QCOMPARE(first.requestCount(), 1);
    QCOMPARE(second.requestCount(), 0);
    QCOMPARE(rig.records().size(), 1);
}

void TestFallback::clientLeavingMidAttemptCancelsIt_data()
{
    QTest::addColumn<bool>("openAI");
    QTest::addColumn<bool>("afterFallback"); // the first model failed; the second one is cancelled
    QTest::addColumn<bool>("midStream"); // cancelled after part of the answer arrived (else while it hangs)
    for (bool openAI : {false, true}) {
        for (bool afterFallback : {false, true}) {
            for (bool midStream : {false, true}) {
                QTest::addRow("%s%s%s", openAI ? "openai" : "anthropic", afterFallback ? ", after a fallback" : "",
                    midStream ? ", mid-stream" : ", waiting")
                    << openAI << afterFallback << midStream;
            }
        }
    }
}

void TestFallback::clientLeavingMidAttemptCancelsIt()
{
    QFETCH(bool, openAI);
    QFETCH(bool, afterFallback);
    QFETCH(bool, midStream);
    // The cancelled platform speaks `openAI ? OpenAI : Anthropic`; it is alpha, or beta after alpha failed.
    const QString cancelledType = openAI ? QStringLiteral("openai") : QStringLiteral("anthropic");
    Rig rig;
    FakeUpstream &first
        = rig.addFake(QStringLiteral("alpha"), afterFallback ? QStringLiteral("anthropic") : cancelledType);
    FakeUpstream &second
        = rig.addFake(QStringLiteral("beta"), afterFallback ? cancelledType : QStringLiteral("anthropic"));
    FakeUpstream &third = rig.addFake(QStringLiteral("gamma"), QStringLiteral("anthropic"));
    FakeUpstream &cancelled = afterFallback ? second : first;
    if (afterFallback) {
        first.setHandler([](const ReceivedRequest &) {
            return FakeResponse::anthropicError(529, QStringLiteral("overloaded_error"), QStringLiteral("Overloaded"));
        });
    }
    cancelled.setHandler([midStream](const ReceivedRequest &request) {
        if (!midStream)
            return FakeResponse::hang();
        return answer(request, QStringLiteral("a long slow answer in many small pieces"), 20, 200);
    });
    rig.setPriorityList(
        {QStringLiteral("alpha:model-0"), QStringLiteral("beta:model-1"), QStringLiteral("gamma:model-2")});
    QVERIFY(rig.start());
    {
        HttpTestClient client = rig.client();
        client.send("POST", "/v1/messages", {}, smallRequest(QStringLiteral("claude-sonnet-4-5"), true));
        if (midStream) {
            const TestHttpResponse &partial = client.readUntil(
                [](const TestHttpResponse &r) { return r.eventNames().contains("content_block_delta"); });
            QVERIFY2(partial.eventNames().contains("content_block_delta"), qPrintable(partial.error));
        } else {
            QVERIFY(waitFor([&] { return cancelled.requestCount() == 1; }));
            QThread::msleep(50);
        }
        client.abort();
    }
    QTRY_COMPARE_WITH_TIMEOUT(cancelled.disconnectedPaths().size(), 1, 5000); // the platform saw the proxy leave
    const StoredRecord record = rig.lastRecord(1);
    QVERIFY(record.record.clientCancelled);
    const QList<RecordedAttempt> attempts = attemptsOf(record);
    QCOMPARE(attempts.last().result, QStringLiteral("cancelled"));
    QCOMPARE(attempts.size(), afterFallback ? 2 : 1);
    QCOMPARE(third.requestCount(), 0); // a cancelled attempt is not a reason to fall back
    // Cancelling says nothing about the model's health.
    QCOMPARE(rig.healthStatus(afterFallback ? QStringLiteral("beta:model-1") : QStringLiteral("alpha:model-0")),
        QStringLiteral("healthy"));
}

QTEST_GUILESS_MAIN(TestFallback)
#include "TestFallback.moc"
