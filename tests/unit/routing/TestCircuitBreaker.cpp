#include "routing/CircuitBreaker.h"

#include <QtTest>

namespace {

QString stateName(CircuitBreaker::State state)
{
    switch (state) {
    case CircuitBreaker::State::Closed:
        return QStringLiteral("closed");
    case CircuitBreaker::State::Open:
        return QStringLiteral("open");
    case CircuitBreaker::State::HalfOpen:
        return QStringLiteral("half_open");
    }
    return QString();
}

} // namespace

// Each row is a script run against one breaker, with the time moved by the script itself:
//   S / F       record a success / failure          +N   advance the clock N ms
//   A! / A-     tryAcquire() must return true / false
//   P           release the probe                   rN   rest N ms (429)     uN   open until a probe in N ms
//   =state      state() must be closed / open / half_open
//   cN          cooldownMs() must be N              oN / fN  outcomes / failures in the window must be N
//   @N          the model must be available again in N ms
class TestCircuitBreaker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scripts_data();
    void scripts();
    void settingsFromConfiguration();
};

void TestCircuitBreaker::scripts_data()
{
    QTest::addColumn<int>("window");
    QTest::addColumn<int>("minRequests");
    QTest::addColumn<double>("errorRatio");
    QTest::addColumn<int>("cooldownMs");
    QTest::addColumn<QString>("script");

    auto row = [](const char *name, const char *script, int window = 20, int minRequests = 5, double ratio = 0.5,
                   int cooldown = 60'000) {
        QTest::newRow(name) << window << minRequests << ratio << cooldown << QString::fromLatin1(script);
    };

    row("never opens on one error", "F =closed A! o1 f1 @0");
    row("needs min_requests outcomes", "F F F F =closed A! F =open A- @60000");
    row("ratio over the window, not a streak", "S S S S S F F F F =closed o9 f4 F =open o10 f5");
    row("below the ratio stays closed", "S S S S S S S S S S F F F F F F F F F =closed o19 f9 F =open o20 f10");
    row("window slides: old failures fall out",
        "F F F S S S =closed o6 f3 S S S S S S S =closed o10 f0 F F F F =closed o10 f4 F =open o10 f5", 10, 5, 0.5);
    row("open for the cooldown, then half-open", "F F F F F =open +59999 =open A- +1 =half_open @0");
    row("half-open admits one probe", "F F F F F +60000 A! =half_open A- A- @600000");
    row("probe success closes and clears the window", "F F F F F +60000 A! S =closed o0 f0 c60000 A! A! F =closed o1");
    row("probe failure reopens for twice as long",
        "F F F F F +60000 A! F =open c120000 @120000 +119999 =open +1 =half_open");
    row("cooldown doubles up to eight times",
        "F F F F F +60000 A! F c120000 +120000 A! F c240000 +240000 A! F c480000 +480000 A! F c480000 =open @480000");
    row("released probe lets the next request probe", "F F F F F +60000 A! A- P A! A-");
    row("a probe never reported frees its slot after the lease", "F F F F F +60000 A! +599999 A- +1 A! A-");
    row("late outcomes while open are ignored", "F F F F F =open S F S =open o5 f5 @60000");
    row("success in half-open without a probe also closes", "F F F F F +60000 =half_open S =closed");
    row("rest (429) keeps it out until Retry-After, no probe", "r12000 =closed A- @12000 +11999 A- +1 A! A! o0");
    row("rest never shortens", "r30000 +1000 r5000 @29000");
    row("rest releases a probe", "F F F F F +60000 A! r1000 +1000 A! A-");
    row("open until probe (model not found)", "u300000 =open A- @300000 +300000 =half_open A! A- F =open c120000");
    row("open until probe, then found", "u300000 +300000 A! S =closed c60000");
    row("window 1: every failure opens", "S F =open", 1, 1, 1.0);
    row("ratio 1: the whole window must fail", "S F =closed F =open", 2, 1, 1.0);
    row("small window", "F S F =open", 3, 3, 0.6);
}

void TestCircuitBreaker::scripts()
{
    QFETCH(int, window);
    QFETCH(int, minRequests);
    QFETCH(double, errorRatio);
    QFETCH(int, cooldownMs);
    QFETCH(QString, script);

    CircuitBreaker::Settings settings;
    settings.window = window;
    settings.minRequests = minRequests;
    settings.errorRatio = errorRatio;
    settings.cooldownMs = cooldownMs;
    CircuitBreaker breaker(settings);
    qint64 now = 5'000'000;

    const QStringList steps = script.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const QString &step = steps.at(i);
        const QString where = QStringLiteral("step %1 \"%2\" of: %3").arg(i).arg(step, script);
        const qint64 number = step.mid(1).toLongLong();
        switch (step.at(0).toLatin1()) {
        case 'S':
            breaker.recordSuccess(now);
            break;
        case 'F':
            breaker.recordFailure(now);
            break;
        case '+':
            now += number;
            break;
        case 'A':
            QVERIFY2(breaker.tryAcquire(now) == (step == QLatin1String("A!")), qPrintable(where));
            break;
        case 'P':
            breaker.releaseProbe();
            break;
        case 'r':
            breaker.rest(now, number);
            break;
        case 'u':
            breaker.openUntilProbe(now, number);
            break;
        case '=':
            QVERIFY2(stateName(breaker.state(now)) == step.mid(1),
                qPrintable(where + QStringLiteral(" (was %1)").arg(stateName(breaker.state(now)))));
            break;
        case 'c':
            QVERIFY2(breaker.cooldownMs() == number,
                qPrintable(where + QStringLiteral(" (was %1)").arg(breaker.cooldownMs())));
            break;
        case 'o':
            QVERIFY2(breaker.outcomeCount() == number,
                qPrintable(where + QStringLiteral(" (was %1)").arg(breaker.outcomeCount())));
            break;
        case 'f':
            QVERIFY2(breaker.failureCount() == number,
                qPrintable(where + QStringLiteral(" (was %1)").arg(breaker.failureCount())));
            break;
        case '@':
            QVERIFY2(breaker.availableAtMs(now) - now == number,
                qPrintable(where + QStringLiteral(" (was %1)").arg(breaker.availableAtMs(now) - now)));
            QCOMPARE(breaker.allowsRequest(now), number == 0);
            break;
        default:
            QFAIL(qPrintable(QStringLiteral("bad step ") + where));
        }
    }
}

void TestCircuitBreaker::settingsFromConfiguration()
{
    BreakerSettings configured;
    configured.window = 7;
    configured.minRequests = 3;
    configured.errorRatio = 0.25;
    configured.cooldownSeconds = 9;
    const CircuitBreaker::Settings settings = CircuitBreaker::Settings::from(configured);
    QCOMPARE(settings.window, 7);
    QCOMPARE(settings.minRequests, 3);
    QCOMPARE(settings.errorRatio, 0.25);
    QCOMPARE(settings.cooldownMs, 9'000);
    const CircuitBreaker defaults;
    QCOMPARE(defaults.settings(), CircuitBreaker::Settings::from(BreakerSettings())); // the documented defaults
    QCOMPARE(defaults.cooldownMs(), 60'000);
}

QTEST_GUILESS_MAIN(TestCircuitBreaker)
#include "TestCircuitBreaker.moc"
