// The health of platforms and models through real HTTP: circuit breakers opening on an error ratio (never on
// one error) and probing after their cooldown, 429 rests until Retry-After, a rejected key or no credit
// resting the whole platform until a request gets through or its configuration changes, /api/routing/health.
#include "RoutingRig.h"

#include <QTest>

using namespace RoutingRig;

namespace {

const QString kAlpha0 = QStringLiteral("alpha:model-0");
const QString kAlpha1 = QStringLiteral("alpha:model-1");
const QString kBeta = QStringLiteral("beta:model-b");

FakeResponse overloaded()
{
    return FakeResponse::anthropicError(529, QStringLiteral("overloaded_error"), QStringLiteral("Overloaded"));
}

QByteArray request(bool stream = true, const QString &model = QStringLiteral("claude-sonnet-4-5"))
{
    return smallRequest(model, stream);
}

// alpha (anthropic) then beta (OpenAI format); alpha answers with `alphaScript(n)` for its n-th request (from 0).
void buildChain(Rig &rig, const std::function<FakeResponse(int, const ReceivedRequest &)> &alphaScript,
    const QStringList &chain = {kAlpha0, kBeta})
{
    FakeUpstream &alpha = rig.addFake(QStringLiteral("alpha"), QStringLiteral("anthropic"));
    rig.addFake(QStringLiteral("beta"), QStringLiteral("openai"));
    auto counter = std::make_shared<std::atomic<int>>(0);
    alpha.setHandler(
        [alphaScript, counter](const ReceivedRequest &received) { return alphaScript((*counter)++, received); });
    rig.setPriorityList(chain);
    rig.setFallback(QJsonObject {{QStringLiteral("max_attempts"), 4}, {QStringLiteral("retry_same_model"), 0},
        {QStringLiteral("breaker"),
            QJsonObject {{QStringLiteral("window"), 4}, {QStringLiteral("min_requests"), 4},
                {QStringLiteral("error_ratio"), 0.5}, {QStringLiteral("cooldown_s"), 1}}}});
}

QStringList passedOver(const StoredRecord &record)
{
    QStringList list;
    for (const QJsonValue &value : routeOf(record).value(QStringLiteral("passed_over")).toArray())
        list.append(value.toString());
    return list;
}

// Sends one request and returns who answered ("alpha" / "beta", from the text) and the record.
struct Outcome
{
    QString answeredBy;
    StoredRecord record;
};

Outcome send(Rig &rig, int recordsSoFar, const QByteArray &body = request())
{
    HttpTestClient client = rig.client();
    const TestHttpResponse response = client.post("/v1/messages", body, {}, 10'000);
    const ClientAnswer answer = read(response);
    Outcome outcome;
    if (answer.text.startsWith(QLatin1String("from ")))
        outcome.answeredBy = answer.text.mid(5).section(QLatin1Char('/'), 0, 0);
    outcome.record = rig.lastRecord(recordsSoFar + 1);
    return outcome;
}

} // namespace

class TestRoutingHealth : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void breakerOpensOnErrorRatioNotOnOneError();
    void openBreakerProbesAfterCooldown();
    void rateLimitRestsUntilRetryAfter();
    void credentialFailureRestsThePlatform_data();
    void credentialFailureRestsThePlatform();
    void missingModelRestsOnlyThatModel();
    void configChangeResetsHealth();
    void healthEndpointNeedsAClientKey();
};

void TestRoutingHealth::breakerOpensOnErrorRatioNotOnOneError()
{
    // alpha: fail, ok, ok, ok, fail, ok, ok, ok (never half of the last four), then fail, fail (half: open).
    const QList<bool> fails = {true, false, false, false, true, false, false, false, true, true};
    Rig rig;
    buildChain(rig, [fails](int n, const ReceivedRequest &received) {
        if (n < fails.size() && fails.at(n))
            return overloaded();
        return answer(received, signature(QStringLiteral("alpha"), QStringLiteral("model-0")));
    });
    QVERIFY(rig.start());
    FakeUpstream &alpha = rig.fake(QStringLiteral("alpha"));
    for (int i = 0; i < fails.size(); ++i) {
        const Outcome outcome = send(rig, i);
        QCOMPARE(alpha.requestCount(), i + 1); // tried every time while the breaker is closed
        QCOMPARE(outcome.answeredBy, fails.at(i) ? QStringLiteral("beta") : QStringLiteral("alpha"));
        QVERIFY(passedOver(outcome.record).isEmpty());
        const QString status = rig.healthStatus(kAlpha0);
        QVERIFY2(status == (i + 1 < fails.size() ? QStringLiteral("healthy") : QStringLiteral("open")),
            qPrintable(QStringLiteral("after request %1: %2").arg(i).arg(status)));
    }
    // Open: skipped at once, the next model answers, and the record says why.
    const std::map<QString, QJsonObject> health = rig.health();
    const QJsonObject state = health.at(kAlpha0);
    QCOMPARE(state.value(QStringLiteral("recent_failures")).toInt(), 2);
    QCOMPARE(state.value(QStringLiteral("recent_requests")).toInt(), 4);
    QCOMPARE(state.value(QStringLiteral("last_failure")).toString(), QStringLiteral("overloaded"));
    QVERIFY(state.value(QStringLiteral("available_in_ms")).toInteger() > 0);
    QVERIFY(state.value(QStringLiteral("available_in_ms")).toInteger() <= 1000);
    for (int i = 0; i < 3; ++i) {
        const Outcome outcome = send(rig, int(fails.size()) + i);
        QCOMPARE(outcome.answeredBy, QStringLiteral("beta"));
        const QStringList skipped = passedOver(outcome.record);
        QVERIFY2(skipped.size() == 1 && skipped.first().startsWith(kAlpha0 + QStringLiteral(": open")),
            qPrintable(skipped.join(QLatin1Char('|'))));
        const QList<RecordedAttempt> attempts = attemptsOf(outcome.record);
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts.first().platform, QStringLiteral("beta"));
    }
    QCOMPARE(alpha.requestCount(), int(fails.size()));
}

void TestRoutingHealth::openBreakerProbesAfterCooldown()
{
    // alpha fails four times (open), fails its first probe (open for twice the cooldown), then answers.
    Rig rig;
    buildChain(rig, [](int n, const ReceivedRequest &received) {
        return n < 5 ? overloaded() : answer(received, signature(QStringLiteral("alpha"), QStringLiteral("model-0")));
    });
    QVERIFY(rig.start());
    FakeUpstream &alpha = rig.fake(QStringLiteral("alpha"));
    int sent = 0;
    for (; sent < 4; ++sent)
        send(rig, sent);
    QCOMPARE(rig.healthStatus(kAlpha0), QStringLiteral("open"));
    const qint64 openedAtUs = FakeUpstream::nowUs();

    QVERIFY(waitFor([&] { return rig.healthStatus(kAlpha0) == QLatin1String("half_open"); }, 3000));
    QVERIFY2(FakeUpstream::nowUs() - openedAtUs >= 900'000, "half-open before the 1 s cooldown");
    Outcome probe = send(rig, sent++);
    QCOMPARE(alpha.requestCount(), 5); // one probe
    QCOMPARE(probe.answeredBy, QStringLiteral("beta"));
    const QJsonObject reopened = rig.health().at(kAlpha0);
    QCOMPARE(reopened.value(QStringLiteral("status")).toString(), QStringLiteral("open"));
    QVERIFY2(reopened.value(QStringLiteral("available_in_ms")).toInteger() > 1000,
        "the cooldown doubles after a failed probe");

    QVERIFY(waitFor([&] { return rig.healthStatus(kAlpha0) == QLatin1String("half_open"); }, 4000));
    probe = send(rig, sent++);
    QCOMPARE(probe.answeredBy, QStringLiteral("alpha"));
    QCOMPARE(rig.healthStatus(kAlpha0), QStringLiteral("healthy"));
    QCOMPARE(send(rig, sent++).answeredBy, QStringLiteral("alpha"));
}

void TestRoutingHealth::rateLimitRestsUntilRetryAfter()
{
    struct Case
    {
        QByteArray header;
        QByteArray value;
        qint64 restMs;
    };
    for (const Case &c : {Case {"retry-after", "1", 1000}, Case {"retry-after-ms", "400", 400},
             Case {QByteArray(), QByteArray(), 20'000}}) {
        Rig rig;
        buildChain(rig, [c](int n, const ReceivedRequest &received) {
            if (n == 0) {
                FakeResponse limited = FakeResponse::anthropicError(
                    429, QStringLiteral("rate_limit_error"), QStringLiteral("slow down"));
                return c.header.isEmpty() ? limited : limited.withHeader(c.header, c.value);
            }
            return answer(received, signature(QStringLiteral("alpha"), QStringLiteral("model-0")));
        });
        QVERIFY(rig.start());
        FakeUpstream &alpha = rig.fake(QStringLiteral("alpha"));
        QCOMPARE(send(rig, 0).answeredBy, QStringLiteral("beta"));
        const qint64 limitedAtUs = alpha.lastRequest().receivedAtUs;
        // Resting: passed over at once, without a request.
        const Outcome during = send(rig, 1);
        QCOMPARE(during.answeredBy, QStringLiteral("beta"));
        QCOMPARE(alpha.requestCount(), 1);
        QVERIFY(passedOver(during.record).value(0).startsWith(kAlpha0 + QStringLiteral(": resting")));
        const QJsonObject state = rig.health().at(kAlpha0);
        QCOMPARE(state.value(QStringLiteral("status")).toString(), QStringLiteral("resting"));
        QCOMPARE(state.value(QStringLiteral("last_failure")).toString(), QStringLiteral("rate_limited"));
        const qint64 availableInMs = state.value(QStringLiteral("available_in_ms")).toInteger();
        QVERIFY2(
            availableInMs > c.restMs - 1000 && availableInMs <= c.restMs, qPrintable(QString::number(availableInMs)));
        if (c.restMs > 5000)
            continue; // the default rest is not waited out here
        // Back exactly when the platform said, and no probe is needed: the next request goes to alpha.
        QVERIFY(waitFor([&] { return rig.healthStatus(kAlpha0) == QLatin1String("healthy"); }, 3000));
        QVERIFY2(FakeUpstream::nowUs() - limitedAtUs >= (c.restMs - 50) * 1000, "rested less than Retry-After");
        QCOMPARE(send(rig, 2).answeredBy, QStringLiteral("alpha"));
        QCOMPARE(alpha.requestCount(), 2);
    }
}

void TestRoutingHealth::credentialFailureRestsThePlatform_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("failureClass");
    QTest::newRow("401")
        << 401
        << QByteArray(R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}})")
        << QStringLiteral("bad_key");
    QTest::newRow("403") << 403
                         << QByteArray(R"({"type":"error","error":{"type":"permission_error","message":"forbidden"}})")
                         << QStringLiteral("bad_key");
    QTest::newRow("402") << 402
                         << QByteArray(R"({"type":"error","error":{"type":"billing_error","message":"no credit"}})")
                         << QStringLiteral("no_credit");
    QTest::newRow("arrearage")
        << 400
        << QByteArray(
               R"({"error":{"message":"Access denied, please make sure your account is in good standing.","type":"Arrearage","code":"Arrearage"}})")
        << QStringLiteral("no_credit");
}

void TestRoutingHealth::credentialFailureRestsThePlatform()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, failureClass);
    auto keyWorks = std::make_shared<std::atomic<bool>>(false);
    Rig rig;
    buildChain(rig,
        [=](int, const ReceivedRequest &received) {
            if (!*keyWorks)
                return FakeResponse::json(status, body);
            return answer(received,
                signature(QStringLiteral("alpha"), bodyOf(received).value(QStringLiteral("model")).toString()));
        },
        {kAlpha0, kAlpha1, kBeta});
    QVERIFY(rig.start());
    FakeUpstream &alpha = rig.fake(QStringLiteral("alpha"));

    // The rejected key rests every model of the platform at once: alpha:model-1 is not tried either.
    Outcome first = send(rig, 0);
    QCOMPARE(first.answeredBy, QStringLiteral("beta"));
    QCOMPARE(alpha.requestCount(), 1);
    QList<RecordedAttempt> attempts = attemptsOf(first.record);
    QCOMPARE(attempts.size(), 2);
    QCOMPARE(attempts.at(0).result, failureClass);
    QVERIFY2(passedOver(first.record).value(0).startsWith(kAlpha1 + QStringLiteral(": platform unavailable")),
        qPrintable(passedOver(first.record).join(QLatin1Char('|'))));
    const QJsonObject state = rig.health().at(QStringLiteral("alpha"));
    QCOMPARE(state.value(QStringLiteral("status")).toString(), QStringLiteral("unavailable"));
    QCOMPARE(state.value(QStringLiteral("last_failure")).toString(), failureClass);
    QVERIFY(!state.contains(QStringLiteral("model")));
    // Still resting a moment later (the key does not heal by itself).
    QCOMPARE(send(rig, 1).answeredBy, QStringLiteral("beta"));
    QCOMPARE(alpha.requestCount(), 1);

    // Asked for explicitly, alpha is the only candidate: it is tried anyway, fails the same way, stays unavailable.
    HttpTestClient client = rig.client();
    TestHttpResponse explicitResponse = client.post("/v1/messages", request(true, kAlpha0));
    QVERIFY(explicitResponse.status >= 400);
    QCOMPARE(alpha.requestCount(), 2);
    QVERIFY(attemptsOf(rig.lastRecord(3)).first().forced);
    QCOMPARE(rig.healthStatus(QStringLiteral("alpha")), QStringLiteral("unavailable"));
    // Once a request gets through, the platform is back for everyone.
    *keyWorks = true;
    explicitResponse = client.post("/v1/messages", request(true, kAlpha0));
    QCOMPARE(read(explicitResponse).text, signature(QStringLiteral("alpha"), QStringLiteral("model-0")));
    QCOMPARE(rig.healthStatus(QStringLiteral("alpha")), QStringLiteral("healthy"));
    QCOMPARE(send(rig, 4).answeredBy, QStringLiteral("alpha"));

    // A configuration change of the platform (a new key) also brings it back at once.
    *keyWorks = false;
    QCOMPARE(send(rig, 5).answeredBy, QStringLiteral("beta"));
    QCOMPARE(rig.healthStatus(QStringLiteral("alpha")), QStringLiteral("unavailable"));
    QVERIFY(rig.changeConfig(
        [](Config &config) { platformIn(config, QStringLiteral("beta"))->name = QStringLiteral("Beta renamed"); }));
    QCOMPARE(send(rig, 6).answeredBy, QStringLiteral("beta")); // another platform's change does not reset alpha
    QCOMPARE(rig.healthStatus(QStringLiteral("alpha")), QStringLiteral("unavailable"));
    *keyWorks = true;
    QVERIFY(rig.changeConfig([](Config &config) {
        platformIn(config, QStringLiteral("alpha"))->apiKey = QStringLiteral("sk-new-key-0000000000");
    }));
    QVERIFY(waitFor([&] { return rig.healthStatus(QStringLiteral("alpha")) == QLatin1String("healthy"); }));
    QCOMPARE(send(rig, 7).answeredBy, QStringLiteral("alpha"));
    QCOMPARE(alpha.lastRequest().header("x-api-key"), QByteArray("sk-new-key-0000000000"));
}

void TestRoutingHealth::missingModelRestsOnlyThatModel()
{
    Rig rig;
    buildChain(rig,
        [](int, const ReceivedRequest &received) {
            const QString model = bodyOf(received).value(QStringLiteral("model")).toString();
            if (model == QLatin1String("model-0"))
                return FakeResponse::anthropicError(
                    404, QStringLiteral("not_found_error"), QStringLiteral("model: model-0"));
            return answer(received, signature(QStringLiteral("alpha"), model));
        },
        {kAlpha0, kAlpha1, kBeta});
    QVERIFY(rig.start());
    FakeUpstream &alpha = rig.fake(QStringLiteral("alpha"));
    const Outcome first = send(rig, 0);
    QCOMPARE(first.answeredBy, QStringLiteral("alpha")); // model-1 of the same platform
    QCOMPARE(alpha.requestCount(), 2);
    QCOMPARE(rig.healthStatus(kAlpha0), QStringLiteral("unavailable"));
    QCOMPARE(rig.healthStatus(QStringLiteral("alpha")), QStringLiteral("healthy"));
    const Outcome second = send(rig, 1);
    QCOMPARE(alpha.requestCount(), 3); // model-0 passed over, model-1 asked
    QCOMPARE(bodyOf(alpha.lastRequest()).value(QStringLiteral("model")).toString(), QStringLiteral("model-1"));
    QVERIFY(passedOver(second.record).value(0).startsWith(kAlpha0 + QStringLiteral(": unavailable")));
}

void TestRoutingHealth::configChangeResetsHealth()
{
    Rig rig;
    buildChain(rig, [](int n, const ReceivedRequest &received) {
        return n < 4 ? overloaded() : answer(received, signature(QStringLiteral("alpha"), QStringLiteral("model-0")));
    });
    rig.setFallback(QJsonObject {{QStringLiteral("retry_same_model"), 0},
        {QStringLiteral("breaker"),
            QJsonObject {{QStringLiteral("window"), 4}, {QStringLiteral("min_requests"), 4},
                {QStringLiteral("cooldown_s"), 600}}}});
    QVERIFY(rig.start());
    for (int i = 0; i < 4; ++i)
        send(rig, i);
    QCOMPARE(rig.healthStatus(kAlpha0), QStringLiteral("open"));
    // Another platform's change leaves alpha's breaker alone.
    QVERIFY(rig.changeConfig(
        [](Config &config) { platformIn(config, QStringLiteral("beta"))->name = QStringLiteral("B"); }));
    QCOMPARE(send(rig, 4).answeredBy, QStringLiteral("beta"));
    QCOMPARE(rig.healthStatus(kAlpha0), QStringLiteral("open"));
    // A change of the breaker settings starts every platform afresh.
    QVERIFY(rig.changeConfig([](Config &config) { config.routing.fallback.breaker.cooldownSeconds = 300; }));
    QVERIFY(waitFor([&] { return rig.health().empty(); }));
    QCOMPARE(send(rig, 5).answeredBy, QStringLiteral("alpha"));
}

void TestRoutingHealth::healthEndpointNeedsAClientKey()
{
    Rig rig;
    buildChain(rig, [](int, const ReceivedRequest &) { return overloaded(); });
    rig.harness().addClientKey(QStringLiteral("alice"), QStringLiteral("sk-alice-000000000000"));
    QVERIFY(rig.start());
    HttpTestClient client = rig.client();
    QCOMPARE(client.get("/api/routing/health").status, 401);
    QCOMPARE(client.post("/v1/messages", request(), {{"x-api-key", "sk-alice-000000000000"}}).status, 200);
    const TestHttpResponse health = client.get("/api/routing/health", {{"x-api-key", "sk-alice-000000000000"}});
    QCOMPARE(health.status, 200);
    const QJsonArray states = health.json().value(QStringLiteral("health")).toArray();
    QCOMPARE(states.size(), 1);
    QCOMPARE(states.first().toObject().value(QStringLiteral("model")).toString(), QStringLiteral("model-0"));
    QCOMPARE(states.first().toObject().value(QStringLiteral("recent_failures")).toInt(), 1);
    // Nothing in the health answer leaks a platform key.
    QVERIFY(!health.body.contains(kApiKey.toLatin1()));
}

QTEST_GUILESS_MAIN(TestRoutingHealth)
#include "TestRoutingHealth.moc"
