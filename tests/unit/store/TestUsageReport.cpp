#include "store/UsageReport.h"

#include <QtTest>

// The cost and grouping rules of the usage statistics, on cells built in code.
class TestUsageReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void costOf_data();
    void costOf();
    void groupsAndSums_data();
    void groupsAndSums();
    void keepsCurrenciesApartAndCountsUnpricedCalls();
    void groupingIds();
};

namespace {

PlatformConfig platform(const QString &id, PlatformType type, const QString &currency = QStringLiteral("USD"))
{
    PlatformConfig platform;
    platform.id = id;
    platform.type = type;
    platform.currency = currency;
    return platform;
}

ModelSettings pricedModel(const QString &id, ModelPrice price)
{
    ModelSettings model;
    model.id = id;
    model.price = price;
    return model;
}

// anthropic (USD): sonnet 3/15/0.3/3.75, haiku 1/5 with cache prices unset, opus without a price.
// dashscope (CNY): qwen 2/8. ollama (USD, local): nothing priced.
Config pricedConfig()
{
    Config config;
    PlatformConfig anthropic = platform(QStringLiteral("anthropic"), PlatformType::Anthropic);
    anthropic.models = {pricedModel(QStringLiteral("sonnet"), ModelPrice {3, 15, 0.3, 3.75}),
        pricedModel(QStringLiteral("haiku"), ModelPrice {1, 5, std::nullopt, std::nullopt}),
        ModelSettings {QStringLiteral("opus"), {}, {}, {}, {}, {}, {}}};
    PlatformConfig dashscope = platform(QStringLiteral("dashscope"), PlatformType::DashScope, QStringLiteral("CNY"));
    dashscope.models = {pricedModel(QStringLiteral("qwen"), ModelPrice {2, 8, std::nullopt, std::nullopt})};
    config.platforms = {anthropic, dashscope, platform(QStringLiteral("ollama"), PlatformType::Ollama)};
    return config;
}

UsageCell cell(const QString &platformId, const QString &model, qint64 input, qint64 output, qint64 cacheRead = 0,
    qint64 cacheWrite = 0)
{
    UsageCell cell;
    cell.day = QDate(2026, 11, 27);
    cell.platformId = platformId;
    cell.model = model;
    cell.calls = 1;
    cell.inputTokens = input;
    cell.outputTokens = output;
    cell.cacheReadInputTokens = cacheRead;
    cell.cacheCreationInputTokens = cacheWrite;
    return cell;
}

} // namespace

void TestUsageReport::costOf_data()
{
    QTest::addColumn<UsageCell>("cell");
    QTest::addColumn<bool>("priced");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<double>("amount");

    // 1M input × 3 + 0.5M output × 15 + 2M cache reads × 0.3 + 0.1M cache writes × 3.75
    QTest::newRow("every price") << cell("anthropic", "sonnet", 1'000'000, 500'000, 2'000'000, 100'000) << true << "USD"
                                 << 11.475;
    // cache prices unset: the input price, 1 per million
    QTest::newRow("cache at the input price") << cell("anthropic", "haiku", 1'000, 2'000, 3'000, 4'000) << true << "USD"
                                              << (1'000 + 10'000 + 3'000 + 4'000) / 1e6;
    QTest::newRow("platform currency") << cell("dashscope", "qwen", 500'000, 250'000) << true << "CNY" << 3.0;
    QTest::newRow("no tokens reported") << cell("anthropic", "sonnet", 0, 0) << true << "USD" << 0.0;
    QTest::newRow("local platform is free") << cell("ollama", "qwen3:8b", 9'000'000, 9'000'000) << true << "USD" << 0.0;
    QTest::newRow("model without a price") << cell("anthropic", "opus", 10, 10) << false << "" << 0.0;
    QTest::newRow("model not described") << cell("dashscope", "qwen-max", 10, 10) << false << "" << 0.0;
    QTest::newRow("platform removed since") << cell("gone", "sonnet", 10, 10) << false << "" << 0.0;
    QTest::newRow("no platform reached") << cell("", "", 0, 0) << false << "" << 0.0;
}

void TestUsageReport::costOf()
{
    QFETCH(UsageCell, cell);
    QFETCH(bool, priced);
    QFETCH(QString, currency);
    QFETCH(double, amount);
    const std::optional<UsageReport::Cost> cost = UsageReport::costOf(cell, pricedConfig());
    QCOMPARE(cost.has_value(), priced);
    if (cost) {
        QCOMPARE(cost->currency, currency);
        QVERIFY2(qAbs(cost->amount - amount) < 1e-12, qPrintable(QString::number(cost->amount, 'g', 17)));
    }
}

void TestUsageReport::groupsAndSums_data()
{
    QTest::addColumn<int>("grouping");
    QTest::addColumn<QStringList>("keys");
    QTest::addColumn<QList<qint64>>("calls");

    QTest::newRow("model") << int(UsageReport::Grouping::Model)
                           << QStringList {"anthropic:haiku", "anthropic:sonnet", "dashscope:qwen"}
                           << QList<qint64> {1, 3, 2};
    QTest::newRow("platform") << int(UsageReport::Grouping::Platform) << QStringList {"anthropic", "dashscope"}
                              << QList<qint64> {4, 2};
    QTest::newRow("client key") << int(UsageReport::Grouping::ClientKey) << QStringList {"", "alice", "bob"}
                                << QList<qint64> {1, 3, 2};
    QTest::newRow("day") << int(UsageReport::Grouping::Day) << QStringList {"2026-10-31", "2026-11-01", "2026-11-27"}
                         << QList<qint64> {2, 1, 3};
}

void TestUsageReport::groupsAndSums()
{
    QFETCH(int, grouping);
    QFETCH(QStringList, keys);
    QFETCH(QList<qint64>, calls);

    auto at = [](UsageCell c, QDate day, const char *key, qint64 count, qint64 failed) {
        c.day = day;
        c.clientKeyId = QString::fromLatin1(key);
        c.calls = count;
        c.failedCalls = failed;
        return c;
    };
    const QList<UsageCell> cells = {
        at(cell("anthropic", "sonnet", 100, 10), QDate(2026, 10, 31), "alice", 2, 1),
        at(cell("dashscope", "qwen", 200, 20), QDate(2026, 11, 1), "bob", 1, 0),
        at(cell("anthropic", "sonnet", 300, 30), QDate(2026, 11, 27), "alice", 1, 0),
        at(cell("dashscope", "qwen", 400, 40), QDate(2026, 11, 27), "bob", 1, 1),
        at(cell("anthropic", "haiku", 500, 50), QDate(2026, 11, 27), "", 1, 0),
    };
    const UsageReport report = UsageReport::build(cells, UsageReport::Grouping(grouping), pricedConfig());

    QStringList actualKeys;
    QList<qint64> actualCalls;
    qint64 input = 0;
    for (const UsageReport::Row &row : report.rows) {
        actualKeys << row.key;
        actualCalls << row.calls;
        input += row.inputTokens;
    }
    QCOMPARE(actualKeys, keys);
    QCOMPARE(actualCalls, calls);
    QCOMPARE(input, 1500);
    QCOMPARE(report.total.calls, 6);
    QCOMPARE(report.total.failedCalls, 2);
    QCOMPARE(report.total.inputTokens, 1500);
    QCOMPARE(report.total.outputTokens, 150);
    QCOMPARE(report.total.totalTokens(), 1650);
    QCOMPARE(report.total.unpricedCalls, 0);
}

void TestUsageReport::keepsCurrenciesApartAndCountsUnpricedCalls()
{
    UsageCell opus = cell("anthropic", "opus", 1'000'000, 1'000'000);
    opus.calls = 4;
    const QList<UsageCell> cells = {cell("anthropic", "sonnet", 1'000'000, 0), cell("dashscope", "qwen", 1'000'000, 0),
        opus, cell("ollama", "llama", 5, 5)};
    const UsageReport report = UsageReport::build(cells, UsageReport::Grouping::Platform, pricedConfig());

    QCOMPARE(report.rows.size(), 3);
    const UsageReport::Row &anthropic = report.rows.at(0);
    QCOMPARE(anthropic.key, QStringLiteral("anthropic"));
    QCOMPARE(anthropic.calls, 5);
    QCOMPARE(anthropic.unpricedCalls, 4); // opus has no price: its cost is not taken as 0
    QCOMPARE(anthropic.cost, (QMap<QString, double> {{QStringLiteral("USD"), 3.0}}));
    const UsageReport::Row &dashscope = report.rows.at(1);
    QCOMPARE(dashscope.cost, (QMap<QString, double> {{QStringLiteral("CNY"), 2.0}}));
    const UsageReport::Row &ollama = report.rows.at(2);
    QCOMPARE(ollama.cost, (QMap<QString, double> {{QStringLiteral("USD"), 0.0}}));
    QCOMPARE(ollama.unpricedCalls, 0);

    QCOMPARE(report.total.cost, (QMap<QString, double> {{QStringLiteral("CNY"), 2.0}, {QStringLiteral("USD"), 3.0}}));
    QCOMPARE(report.total.unpricedCalls, 4);
    QCOMPARE(report.total.calls, 7);
}

void TestUsageReport::groupingIds()
{
    for (auto grouping : {UsageReport::Grouping::Model, UsageReport::Grouping::Platform,
             UsageReport::Grouping::ClientKey, UsageReport::Grouping::Day})
        QCOMPARE(UsageReport::groupingFromId(UsageReport::groupingId(grouping)), grouping);
    QCOMPARE(UsageReport::groupingId(UsageReport::Grouping::ClientKey), QStringLiteral("key"));
    QVERIFY(!UsageReport::groupingFromId(QStringLiteral("month")));
}

QTEST_GUILESS_MAIN(TestUsageReport)
#include "TestUsageReport.moc"
