#include "UsageCsv.h"
#include "UsageTableModel.h"
#include "UsageText.h"

#include <QtTest>

// The statistics table's pure parts: the texts of amounts and groups, numeric sorting (counts and costs), the
// order kept across new reports, and the CSV.
class TestUsageTable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void amounts_data();
    void amounts();
    void costTexts();
    void groupLabels_data();
    void groupLabels();
    void sortsNumbersAsNumbers();
    void sortsCostsCurrencyByCurrency();
    void keepsTheOrderForANewReport();
    void csvQuotesAndRawNumbers();
};

namespace {

UsageReport::Row row(
    const QString &key, qint64 calls, qint64 input, QMap<QString, double> cost = {}, qint64 unpriced = 0)
{
    UsageReport::Row row;
    row.key = key;
    row.calls = calls;
    row.inputTokens = input;
    row.cost = cost;
    row.unpricedCalls = unpriced;
    return row;
}

UsageReport reportOf(const QList<UsageReport::Row> &rows)
{
    UsageReport report;
    report.rows = rows;
    for (const UsageReport::Row &row : rows)
        report.total.add(row);
    return report;
}

QStringList keys(const UsageTableModel &model)
{
    QStringList keys;
    for (int i = 0; i < model.rowCount(); ++i)
        keys << model.index(i, 0).data(UsageTableModel::KeyRole).toString();
    return keys;
}

} // namespace

void TestUsageTable::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestUsageTable::amounts_data()
{
    QTest::addColumn<QString>("currency");
    QTest::addColumn<double>("amount");
    QTest::addColumn<QString>("expected");
    QTest::newRow("dollars") << "USD" << 1.234 << "$1.23";
    QTest::newRow("yuan") << "CNY" << 4.56 << QString::fromUtf8("¥4.56");
    QTest::newRow("other currency") << "EUR" << 1.23 << "1.23 EUR";
    QTest::newRow("thousands") << "USD" << 12345.678 << "$12,345.68";
    QTest::newRow("zero") << "USD" << 0.0 << "$0.00";
    QTest::newRow("under a cent") << "USD" << 0.00315 << "$0.0032";
    QTest::newRow("tiny") << "USD" << 0.00001 << "<$0.0001";
}

void TestUsageTable::amounts()
{
    QFETCH(QString, currency);
    QFETCH(double, amount);
    QFETCH(QString, expected);
    QCOMPARE(UsageText::amount(currency, amount), expected);
}

void TestUsageTable::costTexts()
{
    QCOMPARE(UsageText::cost({}), QString::fromUtf8("—"));
    QCOMPARE(UsageText::cost({{"USD", 1.5}, {"CNY", 2}}), QString::fromUtf8("¥2.00 + $1.50"));
    QCOMPARE(UsageText::costWithMarker({{"USD", 1.5}}, 3), QString("$1.50 *"));
    QCOMPARE(UsageText::costWithMarker({{"USD", 1.5}}, 0), QString("$1.50"));
    QCOMPARE(UsageText::costWithMarker({}, 3), QString::fromUtf8("—")); // nothing priced: no marker
    QVERIFY(UsageText::unpricedExplanation(0).isEmpty());
    QVERIFY(UsageText::unpricedExplanation(1234).startsWith("1,234"));
    QCOMPARE(UsageText::count(1234567), QString("1,234,567"));
}

void TestUsageTable::groupLabels_data()
{
    QTest::addColumn<int>("grouping");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");
    QTest::newRow("model") << int(UsageReport::Grouping::Model) << "ollama:qwen2.5-coder:7b"
                           << "ollama:qwen2.5-coder:7b";
    QTest::newRow("no model") << int(UsageReport::Grouping::Model) << "alpha:" << QString::fromUtf8("alpha:—");
    QTest::newRow("no platform, no model") << int(UsageReport::Grouping::Model) << ":" << QString::fromUtf8("—");
    QTest::newRow("no client key") << int(UsageReport::Grouping::ClientKey) << ""
                                   << "(no client key)";
    QTest::newRow("client key") << int(UsageReport::Grouping::ClientKey) << "laptop"
                                << "laptop";
    QTest::newRow("no platform") << int(UsageReport::Grouping::Platform) << "" << QString::fromUtf8("—");
    QTest::newRow("day") << int(UsageReport::Grouping::Day) << "2025-03-15"
                         << "2025-03-15";
}

void TestUsageTable::groupLabels()
{
    QFETCH(int, grouping);
    QFETCH(QString, key);
    QFETCH(QString, expected);
    QCOMPARE(UsageText::groupLabel(UsageReport::Grouping(grouping), key), expected);
}

void TestUsageTable::sortsNumbersAsNumbers()
{
    UsageTableModel model;
    model.setReport(reportOf({row("a", 9, 1000), row("b", 10, 200), row("c", 100, 30), row("d", 10, 5)}),
        UsageReport::Grouping::Platform);
    QCOMPARE(model.index(0, UsageTableModel::InputColumn).data().toString(), QString("1,000"));
    QCOMPARE(model.index(0, UsageTableModel::InputColumn).data(UsageTableModel::RawValueRole).toLongLong(), 1000);
    model.sort(UsageTableModel::CallsColumn, Qt::AscendingOrder); // as text, "10" < "9"
    QCOMPARE(keys(model), QStringList({"a", "b", "d", "c"})); // equal counts: by key
    model.sort(UsageTableModel::CallsColumn, Qt::DescendingOrder);
    QCOMPARE(keys(model), QStringList({"c", "d", "b", "a"}));
    model.sort(UsageTableModel::InputColumn, Qt::DescendingOrder);
    QCOMPARE(keys(model), QStringList({"a", "b", "c", "d"}));
    model.sort(UsageTableModel::GroupColumn, Qt::DescendingOrder);
    QCOMPARE(keys(model), QStringList({"d", "c", "b", "a"}));
}

void TestUsageTable::sortsCostsCurrencyByCurrency()
{
    UsageTableModel model;
    model.setReport(reportOf({row("unpriced", 1, 5'000'000, {}, 1), row("cheap", 1, 10, {{"USD", 0.5}}),
                        row("dear", 1, 10, {{"USD", 12}}), row("yuan", 1, 10, {{"CNY", 3}}),
                        row("free", 1, 900, {{"USD", 0}}), row("free-small", 1, 100, {{"USD", 0}})}),
        UsageReport::Grouping::Platform);
    QCOMPARE(model.currencies(), QStringList({"CNY", "USD"}));
    model.sort(UsageTableModel::CostColumn, Qt::DescendingOrder);
    // CNY first (alphabetical), then USD; free before unknown; equal costs by tokens.
    QCOMPARE(keys(model), QStringList({"yuan", "dear", "cheap", "free", "free-small", "unpriced"}));
    QCOMPARE(model.index(0, UsageTableModel::CostColumn).data(Qt::TextAlignmentRole).toInt(),
        int(Qt::AlignRight | Qt::AlignVCenter));
    QCOMPARE(model.index(5, UsageTableModel::CostColumn).data().toString(), QString::fromUtf8("—"));
    QVERIFY(model.index(5, UsageTableModel::CostColumn).data(Qt::ToolTipRole).toString().contains("no price"));
}

void TestUsageTable::keepsTheOrderForANewReport()
{
    UsageTableModel model;
    model.setReport(reportOf({row("a", 1, 10), row("b", 2, 20)}), UsageReport::Grouping::Model);
    model.sort(UsageTableModel::CallsColumn, Qt::DescendingOrder);
    QCOMPARE(keys(model), QStringList({"b", "a"}));
    model.setReport(reportOf({row("a", 5, 10), row("b", 2, 20), row("c", 3, 0)}), UsageReport::Grouping::Model);
    QCOMPARE(keys(model), QStringList({"a", "c", "b"}));
    QCOMPARE(model.sortColumn(), int(UsageTableModel::CallsColumn));
}

void TestUsageTable::csvQuotesAndRawNumbers()
{
    const UsageReport report = reportOf({row("odd,\"name\"", 1234, 1'000'000, {{"EUR", 0.000315}}, 2)});
    QCOMPARE(QString::fromUtf8(UsageCsv::build(report.rows, report.total, UsageReport::Grouping::Model)),
        QString("model,calls,failed_calls,input_tokens,output_tokens,cache_read_input_tokens,"
                "cache_creation_input_tokens,cost_EUR,unpriced_calls\n"
                "\"odd,\"\"name\"\"\",1234,0,1000000,0,0,0,0.000315,2\n"
                "total,1234,0,1000000,0,0,0,0.000315,2\n"));
    QCOMPARE(UsageCsv::amountText(7.5), QString("7.5"));
    QCOMPARE(UsageCsv::amountText(0), QString("0"));
    QCOMPARE(UsageCsv::amountText(12345.678), QString("12345.678"));
}

QTEST_GUILESS_MAIN(TestUsageTable)
#include "TestUsageTable.moc"
