#include "store/UsagePeriod.h"

#include <QtTest>

// The statistics' periods start at local midnight of their first day.
class TestUsagePeriod : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startAt_data();
    void startAt();
    void ids();
};

void TestUsagePeriod::startAt_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<QDateTime>("expected");

    const QDateTime now(QDate(2026, 3, 3), QTime(0, 10), Qt::LocalTime);
    auto midnight = [](int year, int month, int day) { return QDate(year, month, day).startOfDay(Qt::LocalTime); };
    QTest::newRow("today") << int(UsagePeriod::Kind::Today) << now << midnight(2026, 3, 3);
    QTest::newRow("7 days, today included") << int(UsagePeriod::Kind::Last7Days) << now << midnight(2026, 2, 25);
    QTest::newRow("30 days across February") << int(UsagePeriod::Kind::Last30Days) << now << midnight(2026, 2, 2);
    QTest::newRow("this month") << int(UsagePeriod::Kind::ThisMonth) << now << midnight(2026, 3, 1);
    QTest::newRow("this month on the 1st")
        << int(UsagePeriod::Kind::ThisMonth) << QDateTime(QDate(2026, 1, 1), QTime(23, 59), Qt::LocalTime)
        << midnight(2026, 1, 1);
    QTest::newRow("now given in UTC counts in local days")
        << int(UsagePeriod::Kind::Today) << now.toUTC() << midnight(2026, 3, 3);
    QTest::newRow("all kept has no start") << int(UsagePeriod::Kind::AllKept) << now << QDateTime();
}

void TestUsagePeriod::startAt()
{
    QFETCH(int, kind);
    QFETCH(QDateTime, now);
    QFETCH(QDateTime, expected);
    const QDateTime start = UsagePeriod(UsagePeriod::Kind(kind)).startAt(now);
    QCOMPARE(start.isValid(), expected.isValid());
    if (expected.isValid())
        QCOMPARE(start.toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
}

void TestUsagePeriod::ids()
{
    for (auto kind : {UsagePeriod::Kind::Today, UsagePeriod::Kind::Last7Days, UsagePeriod::Kind::Last30Days,
             UsagePeriod::Kind::ThisMonth, UsagePeriod::Kind::AllKept})
        QCOMPARE(UsagePeriod::kindFromId(UsagePeriod::id(kind)), kind);
    QCOMPARE(UsagePeriod::idsText(), QStringLiteral("today, 7d, 30d, month, all"));
    QVERIFY(!UsagePeriod::kindFromId(QStringLiteral("7")));
}

QTEST_GUILESS_MAIN(TestUsagePeriod)
#include "TestUsagePeriod.moc"
