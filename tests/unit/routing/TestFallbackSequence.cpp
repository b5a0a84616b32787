#include "FakeClock.h"
#include "RoutingTestSupport.h"

#include "routing/FallbackSequence.h"
#include "routing/HealthRegistry.h"
#include "routing/RoutePlanner.h"

#include <QtTest>

using namespace RoutingTestSupport;

namespace {

// Three candidates on three platforms: dashscope (cloud), openrouter (cloud), ollama (local).
Config threeModels()
{
    Config config = baseConfig(RoutingMode::GlobalDirect);
    config.routing.modelPriorityList = {QStringLiteral("dashscope:qwen3-coder-plus"),
        QStringLiteral("openrouter:qwen/qwen3-coder"), QStringLiteral("ollama:qwen3-coder:30b")};
    return config;
}

RoutePlan planFor(const Config &config)
{
    return RoutePlanner::plan(config, messages(QStringLiteral("claude-sonnet-4-5")));
}

FailureDecision failure(int status, const HttpHeaderList &headers = {}, bool outputSent = false)
{
    return UpstreamFailureTable::classify(
        FailedAttempt::fromHttp(QStringLiteral("p"), QStringLiteral("m"), status, headers, QByteArray(), outputSent),
        QDateTime::currentDateTimeUtc());
}

FailureDecision contextOverflow()
{
    return UpstreamFailureTable::classify(
        FailedAttempt::fromHttp(QStringLiteral("p"), QStringLiteral("m"), 400, {},
            R"({"error":{"message":"maximum context length is 32768 tokens"}})", false),
        QDateTime::currentDateTimeUtc());
}

// "index[r][f]/delay" for each step: r = retry, f = forced
QString describe(const FallbackSequence::Step &step)
{
    if (!step.isValid())
        return QStringLiteral("stop");
    return QString::number(step.targetIndex) + (step.isRetry ? QStringLiteral("r") : QString())
        + (step.forced ? QStringLiteral("f") : QString()) + QLatin1Char('/') + QString::number(step.delayMs);
}

} // namespace

class TestFallbackSequence : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void walks_data();
    void walks();
    void skipsRestingCandidates();
    void triesTheFirstWhenEveryCandidateRests();
    void doesNotRetryAModelWhoseBreakerJustOpened();
    void firstByteTimeout();
    void backoff_data();
    void backoff();
    void emptyPlan();
};

void TestFallbackSequence::walks_data()
{
    QTest::addColumn<int>("maxAttempts");
    QTest::addColumn<int>("retrySame");
    QTest::addColumn<QList<FailureDecision>>("failures");
    QTest::addColumn<QStringList>("steps");

    const FailureDecision serverError = failure(502);
    QTest::newRow("5xx: one retry after backoff, then the next model, then the budget is spent")
        << 3 << 1 << QList<FailureDecision> {serverError, serverError, serverError}
        << QStringList {QStringLiteral("0/0"), QStringLiteral("0r/500"), QStringLiteral("1/0"), QStringLiteral("stop")};
    QTest::newRow("a larger budget reaches every model")
        << 6 << 1
        << QList<FailureDecision> {serverError, serverError, serverError, serverError, serverError, serverError}
        << QStringList {QStringLiteral("0/0"), QStringLiteral("0r/500"), QStringLiteral("1/0"),
               QStringLiteral("1r/500"), QStringLiteral("2/0"), QStringLiteral("2r/500"), QStringLiteral("stop")};
    QTest::newRow("two retries: backoff doubles")
        << 4 << 2 << QList<FailureDecision> {serverError, serverError, serverError, serverError}
        << QStringList {QStringLiteral("0/0"), QStringLiteral("0r/500"), QStringLiteral("0r/1000"),
               QStringLiteral("1/0"), QStringLiteral("stop")};
    QTest::newRow("no same-model retries configured")
        << 3 << 0 << QList<FailureDecision> {serverError, serverError, serverError}
        << QStringList {QStringLiteral("0/0"), QStringLiteral("1/0"), QStringLiteral("2/0"), QStringLiteral("stop")};
    QTest::newRow("429: straight to the next model")
        << 3 << 1 << QList<FailureDecision> {failure(429), failure(429), failure(429)}
        << QStringList {QStringLiteral("0/0"), QStringLiteral("1/0"), QStringLiteral("2/0"), QStringLiteral("stop")};
    QTest::newRow("503 with Retry-After: the retry waits for it")
        << 3 << 1 << QList<FailureDecision> {failure(503, {{"retry-after", "3"}})}
        << QStringList {QStringLiteral("0/0"), QStringLiteral("0r/3000")};
    QTest::newRow("a long Retry-After is capped")
        << 3 << 1 << QList<FailureDecision> {failure(503, {{"retry-after", "100"}})}
        << QStringList {QStringLiteral("0/0"), QStringLiteral("0r/30000")};
    QTest::newRow("context overflow: the client is told")
        << 3 << 1 << QList<FailureDecision> {contextOverflow()}
        << QStringList {QStringLiteral("0/0"), QStringLiteral("stop")};
    QTest::newRow("client error: the client is told") << 3 << 1 << QList<FailureDecision> {failure(422)}
                                                      << QStringList {QStringLiteral("0/0"), QStringLiteral("stop")};
    QTest::newRow("after output: the stream ends") << 3 << 1 << QList<FailureDecision> {failure(529, {}, true)}
                                                   << QStringList {QStringLiteral("0/0"), QStringLiteral("stop")};
    QTest::newRow("bad key: next model, never the same platform again in this request")
        << 3 << 1 << QList<FailureDecision> {failure(401), serverError}
        << QStringList {QStringLiteral("0/0"), QStringLiteral("1/0"), QStringLiteral("1r/500")};
    QTest::newRow("one attempt only") << 1 << 1 << QList<FailureDecision> {serverError}
                                      << QStringList {QStringLiteral("0/0"), QStringLiteral("stop")};
}

void TestFallbackSequence::walks()
{
    QFETCH(int, maxAttempts);
    QFETCH(int, retrySame);
    QFETCH(QList<FailureDecision>, failures);
    QFETCH(QStringList, steps);

    FakeClock clock;
    HealthRegistry health(clock);
    Config config = threeModels();
    config.routing.fallback.maxAttempts = maxAttempts;
    config.routing.fallback.retrySameModel = retrySame;
    health.applyConfig(config);
    const RoutePlan plan = planFor(config);
    QCOMPARE(plan.attempts.size(), 3);

    FallbackSequence sequence(plan, config.routing.fallback, &health, true);
    QStringList walked;
    FallbackSequence::Step step = sequence.first();
    walked.append(describe(step));
    for (qsizetype i = 0; step.isValid() && i < failures.size(); ++i) {
        const RouteTarget &target = plan.attempts.at(step.targetIndex);
        health.recordFailure(target.platform.id, target.model, failures.at(i));
        step = sequence.next(failures.at(i));
        walked.append(describe(step));
    }
    QCOMPARE(walked, steps);
    QVERIFY(sequence.attemptsMade() <= maxAttempts);
}

void TestFallbackSequence::skipsRestingCandidates()
{
    FakeClock clock;
    HealthRegistry health(clock);
    const Config config = threeModels();
    health.applyConfig(config);
    health.recordFailure(
        QStringLiteral("dashscope"), QStringLiteral("qwen3-coder-plus"), failure(429, {{"retry-after", "40"}}));
    const RoutePlan plan = planFor(config);
    FallbackSequence sequence(plan, config.routing.fallback, &health, true);
    const FallbackSequence::Step step = sequence.first();
    QCOMPARE(describe(step), QStringLiteral("1/0"));
    QCOMPARE(sequence.passedOver(), QStringList {QStringLiteral("dashscope:qwen3-coder-plus: resting for 40 s more")});
}

void TestFallbackSequence::triesTheFirstWhenEveryCandidateRests()
{
    FakeClock clock;
    HealthRegistry health(clock);
    const Config config = threeModels();
    health.applyConfig(config);
    const RoutePlan plan = planFor(config);
    for (const RouteTarget &target : plan.attempts)
        health.recordFailure(target.platform.id, target.model, failure(429, {{"retry-after", "40"}}));
    FallbackSequence sequence(plan, config.routing.fallback, &health, true);
    const FallbackSequence::Step step = sequence.first();
    QCOMPARE(describe(step), QStringLiteral("0f/0"));
    QCOMPARE(step.timeouts.firstByteMs, config.platforms.at(2).timeouts.firstByteMs); // nothing to fall back to
    QCOMPARE(sequence.passedOver().size(), 3);
    // and after it fails, the others still rest: stop
    QCOMPARE(describe(sequence.next(failure(502))), QStringLiteral("stop"));
}

void TestFallbackSequence::doesNotRetryAModelWhoseBreakerJustOpened()
{
    FakeClock clock;
    HealthRegistry health(clock);
    const Config config = threeModels();
    health.applyConfig(config);
    const QString p = QStringLiteral("dashscope");
    const QString m = QStringLiteral("qwen3-coder-plus");
    for (int i = 0; i < 4; ++i)
        health.recordFailure(p, m, failure(502));
    const RoutePlan plan = planFor(config);
    FallbackSequence sequence(plan, config.routing.fallback, &health, true);
    QCOMPARE(describe(sequence.first()), QStringLiteral("0/0"));
    health.recordFailure(p, m, failure(502)); // the fifth: the breaker opens
    QCOMPARE(describe(sequence.next(failure(502))), QStringLiteral("1/0"));
}

void TestFallbackSequence::firstByteTimeout()
{
    const Config config = threeModels();
    const RoutePlan plan = planFor(config);
    const int platformFirstByte = config.platforms.at(2).timeouts.firstByteMs;
    QCOMPARE(platformFirstByte, 300'000);

    FallbackSequence streaming(plan, config.routing.fallback, nullptr, true);
    FallbackSequence::Step step = streaming.first();
    QCOMPARE(step.timeouts.firstByteMs, 60'000); // a fallback follows
    QCOMPARE(step.timeouts.connectMs, config.platforms.at(2).timeouts.connectMs);
    QCOMPARE(step.timeouts.idleMs, config.platforms.at(2).timeouts.idleMs);
    step = streaming.next(failure(429));
    QCOMPARE(step.timeouts.firstByteMs, 60'000);
    step = streaming.next(failure(429));
    QCOMPARE(step.targetIndex, 2); // the last candidate keeps its platform's own (ollama: 600 s)
    QCOMPARE(step.timeouts.firstByteMs, 600'000);

    FallbackSequence whole(plan, config.routing.fallback, nullptr, false); // not streaming
    QCOMPARE(whole.first().timeouts.firstByteMs, platformFirstByte);

    FallbackSettings off = config.routing.fallback;
    off.firstByteTimeoutMs = 0;
    QCOMPARE(FallbackSequence(plan, off, nullptr, true).first().timeouts.firstByteMs, platformFirstByte);

    FallbackSettings single = config.routing.fallback;
    single.maxAttempts = 1; // no attempt can follow
    QCOMPARE(FallbackSequence(plan, single, nullptr, true).first().timeouts.firstByteMs, platformFirstByte);

    TimeoutSettings fast;
    fast.firstByteMs = 5'000;
    QCOMPARE(
        FallbackSequence::timeoutsFor(fast, config.routing.fallback, true, true).firstByteMs, 5'000); // never longer
}

void TestFallbackSequence::backoff_data()
{
    QTest::addColumn<int>("base");
    QTest::addColumn<int>("retry");
    QTest::addColumn<int>("delay");
    QTest::newRow("first") << 500 << 1 << 500;
    QTest::newRow("second") << 500 << 2 << 1'000;
    QTest::newRow("fifth") << 500 << 5 << 8'000;
    QTest::newRow("zero") << 0 << 3 << 0;
    QTest::newRow("capped") << 60'000 << 1 << FallbackSequence::kMaxDelayMs;
    QTest::newRow("capped by doubling") << 20'000 << 2 << FallbackSequence::kMaxDelayMs;
}

void TestFallbackSequence::backoff()
{
    QFETCH(int, base);
    QFETCH(int, retry);
    QFETCH(int, delay);
    FallbackSettings settings;
    settings.backoffMs = base;
    QCOMPARE(FallbackSequence::backoffMs(settings, retry), delay);
}

void TestFallbackSequence::emptyPlan()
{
    const RoutePlan plan;
    FallbackSequence sequence(plan, FallbackSettings(), nullptr, true);
    QVERIFY(!sequence.first().isValid());
    QVERIFY(!sequence.next(failure(502)).isValid());
    QCOMPARE(sequence.attemptsMade(), 0);
}

QTEST_GUILESS_MAIN(TestFallbackSequence)
#include "TestFallbackSequence.moc"
