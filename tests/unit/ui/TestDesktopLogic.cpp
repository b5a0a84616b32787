#include "Autostart.h"
#include "NotificationThrottle.h"
#include "RecordHealthMonitor.h"
#include "RecordTableModel.h"
#include "ShellSetup.h"

#include <QSignalSpy>
#include <QtTest>

// The desktop app's pure parts: notification rate limits, the shell lines, the health read from records,
// the records list's filter (the same decisions as the SQL), the autostart entry.
class TestDesktopLogic : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void throttle();
    void shellSetup_data();
    void shellSetup();
    void attemptsFromRecords();
    void healthEventsAndExpiry();
    void coolDownsFromTheHealthRegistry();
    void filterMatches_data();
    void filterMatches();
    void autostartEntryQuotesThePath();
};

void TestDesktopLogic::throttle()
{
    NotificationThrottle throttle(60'000, 3, 60'000);
    QVERIFY(throttle.allow("dashscope", 0));
    QVERIFY(!throttle.allow("dashscope", 59'999)); // once per platform per minute
    QVERIFY(throttle.allow("openrouter", 1000));
    QVERIFY(throttle.allow("ollama", 2000));
    QVERIFY(!throttle.allow("lmstudio", 3000)); // global cap: three a minute
    QVERIFY(throttle.allow("dashscope", 60'000)); // the minute of the first one is over
    QVERIFY(!throttle.allow("lmstudio", 60'500));
    QVERIFY(throttle.allow("lmstudio", 61'000));
}

void TestDesktopLogic::shellSetup_data()
{
    QTest::addColumn<QList<ClientKey>>("keys");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("usesKey");
    QTest::newRow("no key") << QList<ClientKey>()
                            << "export ANTHROPIC_BASE_URL=http://127.0.0.1:8000 "
                               "ANTHROPIC_AUTH_TOKEN=switchyard-no-client-key-needed"
                            << false;
    QTest::newRow("first enabled key") << QList<ClientKey> {{"off", "", "sy-disabled", false}, {"a", "", "sy-a", true},
        {"b", "", "sy-b", true}} << "export ANTHROPIC_BASE_URL=http://127.0.0.1:8000 ANTHROPIC_AUTH_TOKEN=sy-a"
                                       << true;
    QTest::newRow("quoted when needed") << QList<ClientKey> {{"a", "", "it's $x", true}}
                                        << "export ANTHROPIC_BASE_URL=http://127.0.0.1:8000 "
                                           "ANTHROPIC_AUTH_TOKEN='it'\\''s $x'"
                                        << true;
}

void TestDesktopLogic::shellSetup()
{
    QFETCH(QList<ClientKey>, keys);
    QFETCH(QString, expected);
    QFETCH(bool, usesKey);
    Config config;
    config.clientKeys = keys;
    const ShellSetup::Result result = ShellSetup::forConfig("http://127.0.0.1:8000", config);
    QCOMPARE(result.text, expected);
    QCOMPARE(result.usesClientKey, usesKey);
}

void TestDesktopLogic::attemptsFromRecords()
{
    CallRecord record;
    record.platformId = "ds";
    record.upstreamModel = "qwen-plus";
    record.upstreamStatus = 200;
    QList<RecordHealthMonitor::Attempt> attempts = RecordHealthMonitor::attemptsOf(record);
    QCOMPARE(attempts.size(), 1); // no route: the record itself
    QCOMPARE(attempts.at(0).platformId, QString("ds"));
    record.routeJson = R"({"attempts":[{"platform":"a","model":"m1","status":0,"result":"connection refused"},)"
                       R"({"platform":"b","model":"m2","status":200,"result":"ok"}]})";
    attempts = RecordHealthMonitor::attemptsOf(record);
    QCOMPARE(attempts.size(), 2);
    QVERIFY(RecordHealthMonitor::attemptFailed(attempts.at(0)));
    QVERIFY(!RecordHealthMonitor::attemptFailed(attempts.at(1)));
    for (int status : {401, 402, 403, 408, 429, 500, 502, 503, 529})
        QVERIFY(RecordHealthMonitor::attemptFailed({"p", "m", status, ""}));
    for (int status : {200, 400, 404, 413})
        QVERIFY(!RecordHealthMonitor::attemptFailed({"p", "m", status, ""}));
    QVERIFY(!RecordHealthMonitor::attemptFailed({"p", "m", 0, "cancelled by the client"}));
    QVERIFY(!RecordHealthMonitor::attemptFailed({"p", "m", 0, ""}));
}

void TestDesktopLogic::healthEventsAndExpiry()
{
    RecordHealthMonitor monitor;
    monitor.setStaleAfterMs(1000);
    QSignalSpy events(&monitor, &HealthSource::healthEvent);
    QSignalSpy changed(&monitor, &HealthSource::changed);
    StoredRecord fallback;
    fallback.record.startedAt = QDateTime::fromMSecsSinceEpoch(10'000, Qt::UTC);
    fallback.record.routeJson = R"({"attempts":[{"platform":"a","model":"m1","status":529,"result":"overloaded"},)"
                                R"({"platform":"b","model":"m2","status":200,"result":"ok"}]})";
    monitor.addRecords({fallback}, 10'000);
    QCOMPARE(monitor.failingPlatforms(), QStringList {"a"});
    QCOMPARE(monitor.lastRoute(), QString("b:m2"));
    QCOMPARE(events.size(), 2);
    const auto failing = events.at(0).at(0).value<HealthEvent>();
    QCOMPARE(failing.kind, HealthEvent::Kind::Failing);
    QCOMPARE(failing.detail, QString("HTTP 529"));
    const auto fellBack = events.at(1).at(0).value<HealthEvent>();
    QCOMPARE(fellBack.kind, HealthEvent::Kind::Fallback);
    QCOMPARE(fellBack.replacement, QString("b:m2"));
    QVERIFY(changed.size() >= 1);

    // The same failure again: no new "failing" event.
    monitor.addRecords({fallback}, 10'100);
    QCOMPARE(events.size(), 3); // just the fallback
    // Silence for longer than the stale limit: no longer failing, without a "recovered" claim.
    monitor.expire(12'000);
    QVERIFY(monitor.failingPlatforms().isEmpty());
    QCOMPARE(events.size(), 3);
    // A success after a failure: recovered.
    fallback.record.startedAt = QDateTime::fromMSecsSinceEpoch(13'000, Qt::UTC);
    monitor.addRecords({fallback}, 13'000);
    QCOMPARE(monitor.failingPlatforms(), QStringList {"a"});
    StoredRecord ok;
    ok.record.startedAt = QDateTime::fromMSecsSinceEpoch(13'500, Qt::UTC);
    ok.record.routeJson = R"({"attempts":[{"platform":"a","model":"m1","status":200,"result":"ok"}]})";
    monitor.addRecords({ok}, 13'500);
    QVERIFY(monitor.failingPlatforms().isEmpty());
    QCOMPARE(events.last().at(0).value<HealthEvent>().kind, HealthEvent::Kind::Recovered);
}

void TestDesktopLogic::coolDownsFromTheHealthRegistry()
{
    RecordHealthMonitor monitor;
    QList<HealthEvent> events;
    connect(&monitor, &HealthSource::healthEvent, this, [&](const HealthEvent &event) { events.append(event); });

    HealthState resting;
    resting.platformId = QStringLiteral("dashscope");
    resting.model = QStringLiteral("qwen3-coder-plus");
    resting.status = HealthState::Status::Resting;
    resting.availableInMs = 20'000;
    HealthState blocked;
    blocked.platformId = QStringLiteral("openrouter");
    blocked.status = HealthState::Status::Unavailable;
    blocked.lastMessage = QStringLiteral("no credit");
    HealthState healthy;
    healthy.platformId = QStringLiteral("ollama");
    healthy.model = QStringLiteral("qwen2.5-coder:7b");

    monitor.setRegistryStates({resting, blocked, healthy}, 1'000);
    QCOMPARE(monitor.failingPlatforms(), (QStringList {"dashscope", "openrouter"}));
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).kind, HealthEvent::Kind::Failing);

    // The 429 rest ends by itself; the blocked platform stays until the registry says otherwise.
    monitor.expire(21'001);
    QCOMPARE(monitor.failingPlatforms(), QStringList {"openrouter"});
    monitor.setRegistryStates({healthy}, 30'000);
    QVERIFY(monitor.failingPlatforms().isEmpty());
    QCOMPARE(events.last().kind, HealthEvent::Kind::Recovered);
    QCOMPARE(events.last().platformId, QStringLiteral("openrouter"));
}

void TestDesktopLogic::filterMatches_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("statusClass");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("matches");
    using S = RecordFilter::StatusClass;
    QTest::newRow("any") << 500 << int(S::Any) << "" << true;
    QTest::newRow("success") << 204 << int(S::Success) << "" << true;
    QTest::newRow("not success") << 429 << int(S::Success) << "" << false;
    QTest::newRow("failed includes 0") << 0 << int(S::Failed) << "" << true;
    QTest::newRow("client error") << 404 << int(S::ClientError) << "" << true;
    QTest::newRow("server error") << 404 << int(S::ServerError) << "" << false;
    QTest::newRow("no response") << 0 << int(S::NoResponse) << "" << true;
    QTest::newRow("text in model, any case") << 200 << int(S::Any) << "QWEN" << true;
    QTest::newRow("both words") << 200 << int(S::Any) << "dashscope plus" << true;
    QTest::newRow("one word missing") << 200 << int(S::Any) << "dashscope turbo" << false;
    QTest::newRow("text in error") << 200 << int(S::Any) << "balance" << true;
}

void TestDesktopLogic::filterMatches()
{
    QFETCH(int, status);
    QFETCH(int, statusClass);
    QFETCH(QString, text);
    QFETCH(bool, matches);
    CallRecord record;
    record.id = 10;
    record.status = status;
    record.platformId = "dashscope";
    record.upstreamModel = "qwen-plus";
    record.errorMessage = "Insufficient balance";
    RecordFilter filter;
    filter.statusClass = RecordFilter::StatusClass(statusClass);
    filter.text = text;
    QCOMPARE(RecordTableModel::matches(record, filter), matches);
    filter.platformId = "other";
    QVERIFY(!RecordTableModel::matches(record, filter));
}

void TestDesktopLogic::autostartEntryQuotesThePath()
{
    const QString entry = QString::fromUtf8(Autostart::desktopEntry("/opt/my apps/switch\"yard"));
    QVERIFY(entry.startsWith("[Desktop Entry]\n"));
    QVERIFY(entry.contains("Exec=\"/opt/my apps/switch\\\"yard\"\n"));
    QVERIFY(entry.contains("Type=Application\n"));
}

QTEST_GUILESS_MAIN(TestDesktopLogic)
#include "TestDesktopLogic.moc"
