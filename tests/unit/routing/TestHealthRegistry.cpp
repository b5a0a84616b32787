#include "FakeClock.h"
#include "RoutingTestSupport.h"

#include "routing/HealthRegistry.h"

#include <QSignalSpy>
#include <QtTest>

using namespace RoutingTestSupport;

namespace {

const QString kP = QStringLiteral("dashscope");
const QString kM = QStringLiteral("qwen3-max");

FailureDecision failure(int status, const QByteArray &body = QByteArray(), const HttpHeaderList &headers = {})
{
    return UpstreamFailureTable::classify(
        FailedAttempt::fromHttp(kP, kM, status, headers, body, false), QDateTime::currentDateTimeUtc());
}

QString statusOf(const HealthRegistry &health, const QString &platform = kP, const QString &model = kM)
{
    return healthStatusId(health.state(platform, model).status);
}

Config twoPlatforms()
{
    Config config = baseConfig(RoutingMode::GlobalDirect);
    return config;
}

} // namespace

class TestHealthRegistry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unknownModelsAreHealthyAndUntracked();
    void breakerOpensHalfOpensAndCloses();
    void rateLimitRestsUntilRetryAfter();
    void badKeyBlocksThePlatformUntilAProbe();
    void noCreditIsACredentialProblem();
    void modelNotFoundRestsTheModel();
    void clientErrorsLeaveHealthAlone();
    void neutralOutcomeReleasesTheProbe();
    void configChangeResetsChangedPlatforms();
    void breakerSettingsChangeResetsEverything();
    void memoryIsBounded();
};

void TestHealthRegistry::unknownModelsAreHealthyAndUntracked()
{
    FakeClock clock;
    HealthRegistry health(clock);
    health.applyConfig(twoPlatforms());
    QVERIFY(health.isAvailable(kP, kM));
    QVERIFY(health.tryBeginAttempt(kP, kM));
    health.recordSuccess(kP, kM);
    QCOMPARE(health.trackedModelCount(), 0);
    QVERIFY(health.snapshot().isEmpty());
    QCOMPARE(statusOf(health), QStringLiteral("healthy"));
}

void TestHealthRegistry::breakerOpensHalfOpensAndCloses()
{
    FakeClock clock;
    HealthRegistry health(clock);
    health.applyConfig(twoPlatforms());
    QSignalSpy changed(&health, &HealthRegistry::healthChanged);

    for (int i = 0; i < 4; ++i) {
        QVERIFY(health.tryBeginAttempt(kP, kM));
        health.recordFailure(kP, kM, failure(502));
    }
    QCOMPARE(statusOf(health), QStringLiteral("healthy"));
    QCOMPARE(changed.count(), 0); // counting failures is not a change of status
    health.recordFailure(kP, kM, failure(502));
    QCOMPARE(statusOf(health), QStringLiteral("open"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toString(), kP);
    QCOMPARE(changed.at(0).at(1).toString(), kM);

    const HealthRegistry::Availability closed = health.availability(kP, kM);
    QVERIFY(!closed.available);
    QVERIFY(!closed.credentialProblem);
    QCOMPARE(closed.availableInMs, 60'000);
    QCOMPARE(closed.reason, QStringLiteral("open for 60 s more"));
    QVERIFY(!health.tryBeginAttempt(kP, kM));
    QVERIFY(health.isAvailable(kP, QStringLiteral("qwen-plus"))); // per model
    QVERIFY(health.isAvailable(QStringLiteral("openrouter"), kM));

    const QList<HealthState> snapshot = health.snapshot();
    QCOMPARE(snapshot.size(), 1);
    QCOMPARE(snapshot.at(0).status, HealthState::Status::Open);
    QCOMPARE(snapshot.at(0).recentOutcomes, 5);
    QCOMPARE(snapshot.at(0).recentFailures, 5);
    QCOMPARE(snapshot.at(0).lastFailure, FailureClass::ServerError);
    QVERIFY(snapshot.at(0).lastMessage.contains(QStringLiteral("HTTP 502")));

    clock.advance(60'000);
    QCOMPARE(statusOf(health), QStringLiteral("half_open"));
    QVERIFY(health.isAvailable(kP, kM));
    QVERIFY(health.tryBeginAttempt(kP, kM)); // the probe
    QVERIFY(!health.tryBeginAttempt(kP, kM)); // only one
    QVERIFY(!health.isAvailable(kP, kM));
    health.recordSuccess(kP, kM);
    QCOMPARE(statusOf(health), QStringLiteral("healthy"));
    QCOMPARE(changed.count(), 2);
    QVERIFY(health.tryBeginAttempt(kP, kM));
}

void TestHealthRegistry::rateLimitRestsUntilRetryAfter()
{
    FakeClock clock;
    HealthRegistry health(clock);
    health.applyConfig(twoPlatforms());
    QSignalSpy changed(&health, &HealthRegistry::healthChanged);
    health.recordFailure(kP, kM, failure(429, QByteArray(), {{"retry-after", "12"}}));
    QCOMPARE(statusOf(health), QStringLiteral("resting"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(health.availability(kP, kM).availableInMs, 12'000);
    QVERIFY(!health.tryBeginAttempt(kP, kM));
    clock.advance(11'999);
    QVERIFY(!health.isAvailable(kP, kM));
    clock.advance(1);
    QCOMPARE(statusOf(health), QStringLiteral("healthy")); // no probe needed
    QVERIFY(health.tryBeginAttempt(kP, kM));
    QVERIFY(health.tryBeginAttempt(kP, kM));
    QCOMPARE(health.state(kP, kM).recentOutcomes, 0); // a 429 does not count against the breaker
}

void TestHealthRegistry::badKeyBlocksThePlatformUntilAProbe()
{
    FakeClock clock;
    HealthRegistry health(clock);
    health.applyConfig(twoPlatforms());
    QSignalSpy changed(&health, &HealthRegistry::healthChanged);
    health.recordFailure(kP, kM, failure(401, R"({"error":{"message":"Invalid API-key provided."}})"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(1).toString(), QString()); // the platform as a whole

    for (const QString &model : {kM, QStringLiteral("qwen-plus"), QStringLiteral("never-used")}) {
        const HealthRegistry::Availability availability = health.availability(kP, model);
        QVERIFY(!availability.available);
        QVERIFY(availability.credentialProblem);
        QCOMPARE(availability.status, HealthState::Status::Unavailable);
        QCOMPARE(availability.availableInMs, UpstreamFailureTable::kProbeIntervalMs);
    }
    QVERIFY(health.isAvailable(QStringLiteral("openrouter"), kM));
    const QList<HealthState> snapshot = health.snapshot();
    QCOMPARE(snapshot.size(), 1);
    QCOMPARE(snapshot.at(0).platformId, kP);
    QVERIFY(snapshot.at(0).model.isEmpty());
    QCOMPARE(snapshot.at(0).lastFailure, FailureClass::BadKey);

    // a second bad-key failure changes nothing visible
    health.recordFailure(kP, kM, failure(403));
    QCOMPARE(changed.count(), 1);

    clock.advance(UpstreamFailureTable::kProbeIntervalMs);
    QVERIFY(health.isAvailable(kP, QStringLiteral("qwen-plus")));
    QVERIFY(health.tryBeginAttempt(kP, QStringLiteral("qwen-plus"))); // one probe for the platform
    QVERIFY(!health.tryBeginAttempt(kP, kM));
    health.recordFailure(kP, QStringLiteral("qwen-plus"), failure(401));
    QVERIFY(!health.isAvailable(kP, kM));
    QCOMPARE(health.availability(kP, kM).availableInMs, UpstreamFailureTable::kProbeIntervalMs);

    clock.advance(UpstreamFailureTable::kProbeIntervalMs);
    QVERIFY(health.tryBeginAttempt(kP, kM));
    health.recordSuccess(kP, kM);
    QVERIFY(health.isAvailable(kP, kM));
    QVERIFY(health.isAvailable(kP, QStringLiteral("qwen-plus")));
    QCOMPARE(changed.count(), 2);
    for (const HealthState &state : health.snapshot())
        QVERIFY(!state.model.isEmpty()); // no platform block left
}

void TestHealthRegistry::noCreditIsACredentialProblem()
{
    FakeClock clock;
    HealthRegistry health(clock);
    health.applyConfig(twoPlatforms());
    health.recordFailure(
        kP, kM, failure(400, R"({"error":{"code":"Arrearage","message":"Access denied","type":"Arrearage"}})"));
    const HealthRegistry::Availability availability = health.availability(kP, kM);
    QVERIFY(!availability.available);
    QVERIFY(availability.credentialProblem);
    QCOMPARE(health.snapshot().at(0).lastFailure, FailureClass::NoCredit);
    // a probe that fails for another reason says nothing about the balance: still blocked
    clock.advance(UpstreamFailureTable::kProbeIntervalMs);
    QVERIFY(health.tryBeginAttempt(kP, kM));
    health.recordFailure(kP, kM, failure(503));
    QVERIFY(!health.isAvailable(kP, kM));
    QVERIFY(health.availability(kP, kM).credentialProblem);
}

void TestHealthRegistry::modelNotFoundRestsTheModel()
{
    FakeClock clock;
    HealthRegistry health(clock);
    health.applyConfig(twoPlatforms());
    health.recordFailure(kP, kM, failure(404, R"({"error":{"message":"model not found"}})"));
    QCOMPARE(statusOf(health), QStringLiteral("unavailable"));
    QVERIFY(health.isAvailable(kP, QStringLiteral("qwen-plus")));
    QCOMPARE(health.availability(kP, kM).availableInMs, UpstreamFailureTable::kProbeIntervalMs);
    clock.advance(UpstreamFailureTable::kProbeIntervalMs);
    QCOMPARE(statusOf(health), QStringLiteral("half_open"));
    QVERIFY(health.tryBeginAttempt(kP, kM));
    health.recordFailure(kP, kM, failure(404));
    QCOMPARE(statusOf(health), QStringLiteral("unavailable"));
    QCOMPARE(health.availability(kP, kM).availableInMs, UpstreamFailureTable::kProbeIntervalMs); // not doubled
    clock.advance(UpstreamFailureTable::kProbeIntervalMs);
    QVERIFY(health.tryBeginAttempt(kP, kM));
    health.recordSuccess(kP, kM);
    QCOMPARE(statusOf(health), QStringLiteral("healthy"));
}

void TestHealthRegistry::clientErrorsLeaveHealthAlone()
{
    FakeClock clock;
    HealthRegistry health(clock);
    health.applyConfig(twoPlatforms());
    QSignalSpy changed(&health, &HealthRegistry::healthChanged);
    for (int i = 0; i < 20; ++i) {
        health.recordFailure(kP, kM, failure(400, R"({"error":{"message":"messages: required"}})"));
        health.recordFailure(kP, kM, failure(400, R"({"error":{"message":"prompt is too long"}})"));
    }
    QCOMPARE(health.trackedModelCount(), 0);
    QCOMPARE(changed.count(), 0);
    QVERIFY(health.isAvailable(kP, kM));
}

void TestHealthRegistry::neutralOutcomeReleasesTheProbe()
{
    FakeClock clock;
    HealthRegistry health(clock);
    health.applyConfig(twoPlatforms());
    for (int i = 0; i < 5; ++i)
        health.recordFailure(kP, kM, failure(500));
    clock.advance(60'000);
    QVERIFY(health.tryBeginAttempt(kP, kM));
    QVERIFY(!health.tryBeginAttempt(kP, kM));
    health.recordNeutral(kP, kM); // e.g. the client left before the answer
    QCOMPARE(statusOf(health), QStringLiteral("half_open"));
    QVERIFY(health.tryBeginAttempt(kP, kM));
}

void TestHealthRegistry::configChangeResetsChangedPlatforms()
{
    FakeClock clock;
    HealthRegistry health(clock);
    Config config = twoPlatforms();
    health.applyConfig(config);
    const QString other = QStringLiteral("openrouter");
    for (int i = 0; i < 5; ++i) {
        health.recordFailure(kP, kM, failure(500));
        health.recordFailure(other, kM, failure(500));
    }
    health.recordFailure(QStringLiteral("ollama"), kM, failure(401));
    QVERIFY(!health.isAvailable(kP, kM));
    QVERIFY(!health.isAvailable(other, kM));

    QSignalSpy changed(&health, &HealthRegistry::healthChanged);
    health.applyConfig(config); // nothing changed
    QCOMPARE(changed.count(), 0);
    QVERIFY(!health.isAvailable(kP, kM));

    config.platforms[2].apiKey = QStringLiteral("a-new-key"); // dashscope
    config.platforms[4].baseUrl = QStringLiteral("http://gpu-box:11434/v1"); // ollama
    health.applyConfig(config);
    QVERIFY(health.isAvailable(kP, kM));
    QVERIFY(health.isAvailable(QStringLiteral("ollama"), kM));
    QVERIFY(!health.isAvailable(other, kM)); // untouched
    QCOMPARE(changed.count(), 2);

    config.platforms.removeAt(3); // openrouter gone
    health.applyConfig(config);
    QVERIFY(health.isAvailable(other, kM));
    QVERIFY(health.snapshot().isEmpty());
}

void TestHealthRegistry::breakerSettingsChangeResetsEverything()
{
    FakeClock clock;
    HealthRegistry health(clock);
    Config config = twoPlatforms();
    health.applyConfig(config);
    for (int i = 0; i < 5; ++i)
        health.recordFailure(kP, kM, failure(500));
    QVERIFY(!health.isAvailable(kP, kM));
    config.routing.fallback.breaker.minRequests = 2;
    config.routing.fallback.breaker.cooldownSeconds = 10;
    QSignalSpy changed(&health, &HealthRegistry::healthChanged);
    health.applyConfig(config);
    QCOMPARE(changed.count(), 1);
    QVERIFY(health.isAvailable(kP, kM));
    health.recordFailure(kP, kM, failure(500));
    health.recordFailure(kP, kM, failure(500)); // the new min_requests
    QVERIFY(!health.isAvailable(kP, kM));
    QCOMPARE(health.availability(kP, kM).availableInMs, 10'000); // the new cooldown
}

void TestHealthRegistry::memoryIsBounded()
{
    FakeClock clock;
    HealthRegistry health(clock);
    health.applyConfig(twoPlatforms());
    const FailureDecision decision = failure(500);
    for (int i = 0; i < HealthRegistry::kMaxTrackedModels + 50; ++i) {
        health.recordFailure(kP, QStringLiteral("model-%1").arg(i), decision);
        clock.advance(1);
    }
    QCOMPARE(health.trackedModelCount(), HealthRegistry::kMaxTrackedModels);
    QCOMPARE(health.state(kP, QStringLiteral("model-0")).recentOutcomes, 0); // the oldest were forgotten
    QCOMPARE(
        health.state(kP, QStringLiteral("model-%1").arg(HealthRegistry::kMaxTrackedModels + 49)).recentOutcomes, 1);
}

QTEST_GUILESS_MAIN(TestHealthRegistry)
#include "TestHealthRegistry.moc"
