#include "DesktopTestSupport.h"
#include "FakeUpstreamThread.h"
#include "HttpTestClient.h"

#include "LanguageManager.h"
#include "MainWindow.h"
#include "RecordFeed.h"
#include "RecordTableModel.h"
#include "RecordsPage.h"
#include "SettingsPage.h"
#include "StatisticsPage.h"
#include "UsageChart.h"
#include "UsageTableModel.h"
#include "config/ConfigService.h"
#include "store/RecordStore.h"

#include <QApplication>
#include <QComboBox>
#include <QFileDialog>
#include <QHorizontalStackedBarSeries>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStackedBarSeries>
#include <QTableView>
#include <QTimer>
#include <QtTest>

// The Statistics page over the real runtime: records written through the real store (and one call through the
// real proxy to a fake platform), prices from the configuration, the table, the summary, the chart, the period,
// live refreshes and the CSV export.
class TestStatisticsPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rowsTokensAndCostPerModel();
    void groupedByClientKeyAndDay();
    void periodFilter();
    void followsNewCallsOnlyWhileVisible();
    void followsNewCallsWithRecordsOff();
    void refreshesAtMostEveryTwoSeconds();
    void clearingRecordsKeepsTheStatistics();
    void emptyStateWithoutCalls();
    void exportsTheTableAsCsv();
    void chineseTexts();

private:
    // Starts the app over alpha (answering, USD) and beta (CNY), writes the sample records and opens the page.
    StatisticsPage *startWithSampleRecords(DesktopHarness &harness, FakeUpstreamThread &alpha);
    // alpha's model: $3 in, $15 out, $0.30 cache read, $3.75 cache write per million tokens; beta's: ¥4 in, ¥16 out
    // (or no price).
    static void setPrices(DesktopHarness &harness, bool alsoBeta);
};

namespace {

QDateTime todayAt(int hour)
{
    return QDateTime(QDate::currentDate(), QTime(hour, 0));
}

CallRecord call(const QString &platform, const QString &model, const QString &key, const QDateTime &startedAt,
    qint64 input, qint64 output, qint64 cacheRead = 0, qint64 cacheWrite = 0, int status = 200)
{
    static int next = 0;
    CallRecord record;
    record.requestId = QStringLiteral("req_stats_%1").arg(++next);
    record.startedAt = startedAt;
    record.method = "POST";
    record.endpoint = "/v1/messages";
    record.clientKeyId = key;
    record.routingMode = "claude_code";
    record.platformId = platform;
    record.requestedModel = model;
    record.upstreamModel = model;
    record.status = status;
    record.upstreamStatus = status;
    record.usage.inputTokens = input;
    record.usage.outputTokens = output;
    record.usage.cacheReadInputTokens = cacheRead;
    record.usage.cacheCreationInputTokens = cacheWrite;
    record.routeJson = R"({"attempts":[]})";
    return record;
}

// The rows of the table by key: the text of each column.
QHash<QString, QStringList> rowsByKey(const UsageTableModel *model)
{
    QHash<QString, QStringList> rows;
    for (int row = 0; row < model->rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < UsageTableModel::ColumnCount; ++column)
            cells << model->index(row, column).data().toString();
        rows.insert(model->index(row, 0).data(UsageTableModel::KeyRole).toString(), cells);
    }
    return rows;
}

QString toolTip(const UsageTableModel *model, const QString &key, int column)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(UsageTableModel::KeyRole).toString() == key)
            return model->index(row, column).data(Qt::ToolTipRole).toString();
    }
    return QStringLiteral("<no row %1>").arg(key);
}

QString costToolTip(const UsageTableModel *model, const QString &key)
{
    return toolTip(model, key, UsageTableModel::CostColumn);
}

QString groupToolTip(const UsageTableModel *model, const QString &key)
{
    return toolTip(model, key, UsageTableModel::GroupColumn);
}

void choose(QComboBox *field, int value)
{
    const int index = field->findData(value);
    QVERIFY(index >= 0);
    field->setCurrentIndex(index);
}

} // namespace

StatisticsPage *TestStatisticsPage::startWithSampleRecords(DesktopHarness &harness, FakeUpstreamThread &alpha)
{
    alpha.upstream().setHandler([](const ReceivedRequest &) {
        return FakeResponse::anthropicMessage(
            "from alpha", QJsonObject {{"input_tokens", 1000}, {"output_tokens", 50}}, "claude-sonnet-4-5");
    });
    const QByteArray config = QStringLiteral(R"({"version": 1, "config_type": "claude_code",
        "claude_code": {"platforms": ["alpha"]},
        "records": {"retention_days": 90},
        "platforms": [
          {"id": "alpha", "name": "Alpha Cloud", "type": "anthropic", "base_url": "%1", "api_key": "sk-alpha-0123456789"},
          {"id": "beta", "type": "anthropic", "base_url": "http://127.0.0.1:1", "api_key": "sk-beta-0123456789",
           "currency": "CNY"}]})")
                                  .arg(alpha->baseUrl().toString())
                                  .toUtf8();
    QString error;
    if (!harness.start(config, &error)) {
        qWarning("cannot start: %s", qPrintable(error));
        return nullptr;
    }
    RecordStore *store = harness.app().runtime()->recordStore();
    const QDateTime yesterday = todayAt(10).addDays(-1);
    // alpha:claude-sonnet-4-5, 2 calls: 1 000 000 in, 200 000 out, 500 000 cache read, 200 000 cache write
    // (laptop, today) and 100 000 in, 20 000 out (ci, yesterday).
    store->submit(
        call("alpha", "claude-sonnet-4-5", "laptop", todayAt(0).addSecs(60), 1'000'000, 200'000, 500'000, 200'000));
    store->submit(call("alpha", "claude-sonnet-4-5", "ci", yesterday, 100'000, 20'000));
    // beta:glm-4.6, 2 calls: 300 000 in, 40 000 out (laptop, today), and a failed one without usage (no key).
    store->submit(call("beta", "glm-4.6", "laptop", todayAt(0).addSecs(120), 300'000, 40'000));
    store->submit(call("beta", "glm-4.6", "", todayAt(0).addSecs(180), -1, -1, -1, -1, 529));
    // Not model calls, or too old for the week.
    CallRecord countTokens = call("alpha", "claude-sonnet-4-5", "laptop", todayAt(0).addSecs(240), 777, 0);
    countTokens.endpoint = "/v1/messages/count_tokens";
    store->submit(countTokens);
    store->submit(call("alpha", "claude-sonnet-4-5", "laptop", todayAt(12).addDays(-40), 10, 10));
    if (!store->flush())
        return nullptr;
    harness.app().feed()->poll();

    MainWindow *window = harness.app().mainWindow();
    window->showPage(MainWindow::StatisticsPageIndex);
    StatisticsPage *page = window->statisticsPage();
    if (!QTest::qWaitFor([page] { return page->model()->rowCount() > 0 && !page->isQueryRunning(); }, 10000))
        return nullptr;
    return page;
}

void TestStatisticsPage::setPrices(DesktopHarness &harness, bool alsoBeta)
{
    ConfigService *service = harness.app().runtime()->configService();
    Config config = service->current();
    for (PlatformConfig &platform : config.platforms) {
        ModelSettings model;
        ModelPrice price;
        if (platform.id == "alpha") {
            model.id = "claude-sonnet-4-5";
            price.input = 3;
            price.output = 15;
            price.cacheRead = 0.3;
            price.cacheWrite = 3.75;
        } else if (alsoBeta) {
            model.id = "glm-4.6";
            price.input = 4;
            price.output = 16;
        } else {
            platform.models.clear();
            continue;
        }
        model.price = price;
        platform.models = {model};
    }
    QString error;
    QVERIFY2(service->apply(config, &error), qPrintable(error));
}

void TestStatisticsPage::rowsTokensAndCostPerModel()
{
    FakeUpstreamThread alpha;
    DesktopHarness harness;
    StatisticsPage *page = startWithSampleRecords(harness, alpha);
    QVERIFY(page);
    QCOMPARE(page->period(), UsagePeriod::Kind::Last7Days);
    QCOMPARE(page->grouping(), UsageReport::Grouping::Model);
    UsageTableModel *model = page->model();

    // Without prices: tokens counted, costs unknown (never "free").
    QHash<QString, QStringList> rows = rowsByKey(model);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.value("alpha:claude-sonnet-4-5"),
        QStringList({"alpha:claude-sonnet-4-5", "2", "0", "1,100,000", "220,000", "500,000", "200,000", "\u2014"}));
    QCOMPARE(
        rows.value("beta:glm-4.6"), QStringList({"beta:glm-4.6", "2", "1", "300,000", "40,000", "0", "0", "\u2014"}));
    QVERIFY(costToolTip(model, "beta:glm-4.6").startsWith("2 calls had no price"));
    QVERIFY(costToolTip(model, "beta:glm-4.6").contains("Prices are set per model in Platforms"));
    QCOMPARE(model->index(0, UsageTableModel::CallsColumn).data(Qt::TextAlignmentRole).toInt(),
        int(Qt::AlignRight | Qt::AlignVCenter));
    QCOMPARE(groupToolTip(model, "alpha:claude-sonnet-4-5"), QString("Alpha Cloud")); // the platform's name
    QCOMPARE(groupToolTip(model, "beta:glm-4.6"), QString());

    // A price on alpha's model (USD per million tokens) is applied at once:
    // 1.1M × $3 + 220k × $15 + 500k × $0.30 + 200k × $3.75 = $3.30 + $3.30 + $0.15 + $0.75 = $7.50.
    setPrices(harness, false);
    rows = rowsByKey(model);
    QCOMPARE(rows.value("alpha:claude-sonnet-4-5").at(UsageTableModel::CostColumn), QString("$7.50"));
    QVERIFY(costToolTip(model, "alpha:claude-sonnet-4-5").isEmpty());
    QCOMPARE(rows.value("beta:glm-4.6").at(UsageTableModel::CostColumn), QString("\u2014"));
    const QString summary = child<QLabel>(page, "summary")->text();
    QVERIFY2(summary.contains("4 calls") && summary.contains("1 failed") && summary.contains("2,360,000 tokens")
            && summary.contains("cost $7.50 *"),
        qPrintable(summary));
    QVERIFY(summary.startsWith(
        QDate::currentDate().addDays(-6).toString(Qt::ISODate) + " to " + QDate::currentDate().toString(Qt::ISODate)));
    QVERIFY(child<QLabel>(page, "summary")->toolTip().startsWith("2 calls had no price"));

    // Prices in another currency are kept apart: beta in CNY, 300k × ¥4 + 40k × ¥16 = ¥1.84.
    setPrices(harness, true);
    choose(child<QComboBox>(page, "groupingField"), int(UsageReport::Grouping::Platform));
    rows = rowsByKey(model);
    QCOMPARE(rows.value("alpha").at(UsageTableModel::CostColumn), QString("$7.50"));
    QCOMPARE(rows.value("beta").at(UsageTableModel::CostColumn), QString("\u00a51.84"));
    QCOMPARE(groupToolTip(model, "alpha"), QString("Alpha Cloud"));
    QVERIFY(child<QLabel>(page, "summary")->text().endsWith("cost \u00a51.84 + $7.50"));

    // Sorting is numeric: by input tokens, 300,000 comes before 1,100,000 ascending.
    page->table()->sortByColumn(UsageTableModel::InputColumn, Qt::AscendingOrder);
    QCOMPARE(model->index(0, 0).data(UsageTableModel::KeyRole).toString(), QString("beta"));
    page->table()->sortByColumn(UsageTableModel::InputColumn, Qt::DescendingOrder);
    QCOMPARE(model->index(0, 0).data(UsageTableModel::KeyRole).toString(), QString("alpha"));

    // The chart shows the groups as horizontal bars, input + cache stacked with output.
    UsageChart *chart = page->chart();
    QCOMPARE(chart->barLabels(), QStringList({"beta", "alpha"})); // the largest on top
    QCOMPARE(chart->inputAndCacheTokens(), QList<qint64>({300'000, 1'800'000}));
    QCOMPARE(chart->outputTokens(), QList<qint64>({40'000, 220'000}));
    QCOMPARE(chart->chart()->series().size(), 1);
    QVERIFY(qobject_cast<QHorizontalStackedBarSeries *>(chart->chart()->series().at(0)));
}

void TestStatisticsPage::groupedByClientKeyAndDay()
{
    FakeUpstreamThread alpha;
    DesktopHarness harness;
    StatisticsPage *page = startWithSampleRecords(harness, alpha);
    QVERIFY(page);
    setPrices(harness, false);
    UsageTableModel *model = page->model();

    choose(child<QComboBox>(page, "groupingField"), int(UsageReport::Grouping::ClientKey));
    QCOMPARE(model->headerData(0, Qt::Horizontal).toString(), QString("Client key"));
    QHash<QString, QStringList> rows = rowsByKey(model);
    QCOMPARE(rows.size(), 3);
    // laptop: alpha's priced call (1M × $3 + 200k × $15 + 500k × $0.30 + 200k × $3.75 = $6.90) and beta's unpriced one.
    QCOMPARE(rows.value("laptop"),
        QStringList({"laptop", "2", "0", "1,300,000", "240,000", "500,000", "200,000", "$6.90 *"}));
    QCOMPARE(costToolTip(model, "laptop"),
        QString("1 call had no price, so its cost is not included. Prices are set per model in Platforms."));
    QCOMPARE(rows.value("ci").at(UsageTableModel::CostColumn), QString("$0.60"));
    QCOMPARE(rows.value("").first(), QString("(no client key)"));
    QCOMPARE(rows.value("").at(UsageTableModel::FailedColumn), QString("1"));
    QCOMPARE(rows.value("").at(UsageTableModel::CostColumn), QString("\u2014"));

    // By day: newest first, one row per day with calls; the chart has a bar for each day of the week.
    choose(child<QComboBox>(page, "groupingField"), int(UsageReport::Grouping::Day));
    const QString today = QDate::currentDate().toString(Qt::ISODate);
    const QString yesterday = QDate::currentDate().addDays(-1).toString(Qt::ISODate);
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->index(0, 0).data().toString(), today);
    QCOMPARE(model->index(1, 0).data().toString(), yesterday);
    QCOMPARE(model->index(0, UsageTableModel::CallsColumn).data().toString(), QString("3"));
    QCOMPARE(model->index(1, UsageTableModel::CostColumn).data().toString(), QString("$0.60"));
    UsageChart *chart = page->chart();
    QCOMPARE(chart->barLabels().size(), 7);
    QCOMPARE(chart->inputAndCacheTokens().constLast(), qint64(1'000'000 + 500'000 + 200'000 + 300'000));
    QCOMPARE(chart->outputTokens().constLast(), qint64(240'000));
    QCOMPARE(chart->inputAndCacheTokens().at(5), qint64(100'000));
    QCOMPARE(chart->outputTokens().at(0), qint64(0));
    QVERIFY(qobject_cast<QStackedBarSeries *>(chart->chart()->series().at(0)));
}

void TestStatisticsPage::periodFilter()
{
    FakeUpstreamThread alpha;
    DesktopHarness harness;
    StatisticsPage *page = startWithSampleRecords(harness, alpha);
    QVERIFY(page);
    choose(child<QComboBox>(page, "groupingField"), int(UsageReport::Grouping::Day));
    UsageTableModel *model = page->model();
    const auto days = [model] {
        QStringList keys;
        for (int row = 0; row < model->rowCount(); ++row)
            keys << model->index(row, 0).data(UsageTableModel::KeyRole).toString();
        return keys;
    };
    const QString today = QDate::currentDate().toString(Qt::ISODate);
    const QString yesterday = QDate::currentDate().addDays(-1).toString(Qt::ISODate);
    const QString fortyDaysAgo = QDate::currentDate().addDays(-40).toString(Qt::ISODate);

    choose(child<QComboBox>(page, "periodField"), int(UsagePeriod::Kind::AllKept));
    QTRY_COMPARE(days(), QStringList({today, yesterday, fortyDaysAgo}));
    QVERIFY(child<QLabel>(page, "summary")->text().startsWith(fortyDaysAgo + " to " + today));
    QVERIFY(child<QLabel>(page, "summary")->text().contains("5 calls"));

    choose(child<QComboBox>(page, "periodField"), int(UsagePeriod::Kind::Last30Days));
    QTRY_COMPARE(days(), QStringList({today, yesterday}));

    choose(child<QComboBox>(page, "periodField"), int(UsagePeriod::Kind::Today));
    QTRY_COMPARE(days(), QStringList({today}));
    QVERIFY(child<QLabel>(page, "summary")->text().startsWith(today + "  \u00b7  3 calls"));
    QCOMPARE(page->chart()->barLabels().size(), 1);

    choose(child<QComboBox>(page, "periodField"), int(UsagePeriod::Kind::ThisMonth));
    QStringList expected {today};
    if (QDate::currentDate().day() > 1)
        expected << yesterday;
    QTRY_COMPARE(days(), expected);
}

void TestStatisticsPage::followsNewCallsOnlyWhileVisible()
{
    FakeUpstreamThread alpha;
    DesktopHarness harness;
    StatisticsPage *page = startWithSampleRecords(harness, alpha);
    QVERIFY(page);
    UsageTableModel *model = page->model();
    const auto alphaCalls = [model] { return rowsByKey(model).value("alpha:claude-sonnet-4-5").value(1); };
    QCOMPARE(alphaCalls(), QString("2"));

    // A call through the proxy to alpha appears by itself.
    const quint16 port = harness.app().runtime()->port();
    QCOMPARE(HttpTestClient(port).post("/v1/messages", messageBody()).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(alphaCalls(), QString("3"), 10000);
    QCOMPARE(rowsByKey(model).value("alpha:claude-sonnet-4-5").at(UsageTableModel::InputColumn), QString("1,101,000"));

    // While another page is shown nothing is read; the page catches up when it is shown again.
    MainWindow *window = harness.app().mainWindow();
    window->showPage(MainWindow::RecordsPageIndex);
    QVERIFY(!page->isVisible());
    const int queries = page->queriesStarted();
    QCOMPARE(HttpTestClient(port).post("/v1/messages", messageBody()).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(window->recordsPage()->model()->rowCount(), 8, 10000);
    QTest::qWait(2500);
    QCOMPARE(page->queriesStarted(), queries);
    QCOMPARE(alphaCalls(), QString("3"));
    window->showPage(MainWindow::StatisticsPageIndex);
    QTRY_COMPARE_WITH_TIMEOUT(alphaCalls(), QString("4"), 10000);
    QCOMPARE(page->queriesStarted(), queries + 1);
}

void TestStatisticsPage::followsNewCallsWithRecordsOff()
{
    FakeUpstreamThread alpha;
    DesktopHarness harness;
    StatisticsPage *page = startWithSampleRecords(harness, alpha);
    QVERIFY(page);
    ConfigService *service = harness.app().runtime()->configService();
    Config config = service->current();
    config.records.enabled = false;
    QString error;
    QVERIFY2(service->apply(config, &error), qPrintable(error));
    UsageTableModel *model = page->model();
    const auto alphaCalls = [model] { return rowsByKey(model).value("alpha:claude-sonnet-4-5").value(1); };
    QTRY_COMPARE_WITH_TIMEOUT(alphaCalls(), QString("2"), 10000);
    const int records = harness.app().mainWindow()->recordsPage()->model()->rowCount();

    // Not recorded, but counted, and the page follows it by itself.
    QCOMPARE(HttpTestClient(harness.app().runtime()->port()).post("/v1/messages", messageBody()).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(alphaCalls(), QString("3"), 10000);
    QCOMPARE(rowsByKey(model).value("alpha:claude-sonnet-4-5").at(UsageTableModel::InputColumn), QString("1,101,000"));
    QCOMPARE(harness.app().mainWindow()->recordsPage()->model()->rowCount(), records);
}

void TestStatisticsPage::refreshesAtMostEveryTwoSeconds()
{
    FakeUpstreamThread alpha;
    DesktopHarness harness;
    StatisticsPage *page = startWithSampleRecords(harness, alpha);
    QVERIFY(page);
    RecordFeed *feed = harness.app().feed();
    // Let the batches of the sample records and the reading they cause (at most one more, two seconds on) pass.
    QTest::qWait(2 * StatisticsPage::kRefreshIntervalMs + 200);
    QVERIFY(!page->isQueryRunning());
    const int queries = page->queriesStarted();
    QElapsedTimer sinceFirst;
    sinceFirst.start();
    for (int i = 0; i < 5; ++i)
        Q_EMIT feed->batchStored();
    QCOMPARE(page->queriesStarted(), queries + 1); // the first batch is read at once, the others wait
    QTest::qWait(1000);
    if (sinceFirst.elapsed() < StatisticsPage::kRefreshIntervalMs)
        QCOMPARE(page->queriesStarted(), queries + 1);
    QTRY_COMPARE_WITH_TIMEOUT(page->queriesStarted(), queries + 2, 5000);
    QVERIFY(sinceFirst.elapsed() >= StatisticsPage::kRefreshIntervalMs - 50);
    QTest::qWait(StatisticsPage::kRefreshIntervalMs + 500);
    QCOMPARE(page->queriesStarted(), queries + 2); // nothing new since
}

void TestStatisticsPage::clearingRecordsKeepsTheStatistics()
{
    FakeUpstreamThread alpha;
    DesktopHarness harness;
    StatisticsPage *page = startWithSampleRecords(harness, alpha);
    QVERIFY(page);
    QVERIFY(page->table()->isVisible());
    QVERIFY(!child<QLabel>(page, "emptyState")->isVisible());
    const QString summary = child<QLabel>(page, "summary")->text();
    QVERIFY(summary.contains("4 calls"));
    QSignalSpy refreshed(page, &StatisticsPage::refreshed);
    harness.app().runtime()->recordStore()->clearRecords();
    QVERIFY(refreshed.wait(10000)); // read again after the records are gone
    QCOMPARE(RecordQuery(harness.app().feed()->database()).count(), 0);
    QCOMPARE(page->model()->rowCount(), 2);
    QCOMPARE(child<QLabel>(page, "summary")->text(), summary);
    QVERIFY(page->table()->isVisible());
}

void TestStatisticsPage::emptyStateWithoutCalls()
{
    DesktopHarness harness;
    QVERIFY(harness.start());
    MainWindow *window = harness.app().mainWindow();
    window->showPage(MainWindow::StatisticsPageIndex);
    StatisticsPage *page = window->statisticsPage();
    QSignalSpy refreshed(page, &StatisticsPage::refreshed);
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(page->model()->rowCount(), 0);
    QVERIFY(child<QLabel>(page, "emptyState")->isVisible());
    QCOMPARE(child<QLabel>(page, "emptyState")->text(), QString("No model calls in this period."));
    QVERIFY(!page->table()->isVisible());
    QVERIFY(!child<QPushButton>(page, "exportCsvButton")->isEnabled());
    QVERIFY(child<QLabel>(page, "summary")->text().contains("0 calls"));
}

void TestStatisticsPage::exportsTheTableAsCsv()
{
    FakeUpstreamThread alpha;
    DesktopHarness harness;
    StatisticsPage *page = startWithSampleRecords(harness, alpha);
    QVERIFY(page);
    setPrices(harness, true);
    page->table()->sortByColumn(UsageTableModel::GroupColumn, Qt::AscendingOrder);

    // Through the button and the file dialog.
    const QString path = harness.dir().file("usage.csv");
    QTimer::singleShot(0, [path] {
        auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        dialog->selectFile(path);
        static_cast<QDialog *>(dialog)->accept(); // QFileDialog::accept() checks the name, as OK does
    });
    QTest::mouseClick(child<QPushButton>(page, "exportCsvButton"), Qt::LeftButton);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(file.readAll()),
        QString("model,calls,failed_calls,input_tokens,output_tokens,cache_read_input_tokens,"
                "cache_creation_input_tokens,cost_CNY,cost_USD,unpriced_calls\n"
                "alpha:claude-sonnet-4-5,2,0,1100000,220000,500000,200000,,7.5,0\n"
                "beta:glm-4.6,2,1,300000,40000,0,0,1.84,,0\n"
                "total,4,1,1400000,260000,500000,200000,1.84,7.5,0\n"));
    QVERIFY(child<QLabel>(page, "statusLabel")->text().startsWith("Exported 2 rows to "));

    // By client key, in the order shown; the calls without a price are counted.
    setPrices(harness, false);
    choose(child<QComboBox>(page, "groupingField"), int(UsageReport::Grouping::ClientKey));
    page->table()->sortByColumn(UsageTableModel::CallsColumn, Qt::DescendingOrder);
    const QString byKey = harness.dir().file("by-key.csv");
    QVERIFY(page->exportCsv(byKey));
    QFile keyFile(byKey);
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(keyFile.readAll()),
        QString("client_key,calls,failed_calls,input_tokens,output_tokens,cache_read_input_tokens,"
                "cache_creation_input_tokens,cost_USD,unpriced_calls\n"
                "laptop,2,0,1300000,240000,500000,200000,6.9,1\n"
                "ci,1,0,100000,20000,0,0,0.6,0\n"
                ",1,1,0,0,0,0,,1\n"
                "total,4,1,1400000,260000,500000,200000,7.5,2\n"));

    // An error is said in the status line.
    QVERIFY(!page->exportCsv(harness.dir().file("missing-folder/usage.csv")));
    QVERIFY(child<QLabel>(page, "statusLabel")->text().startsWith("Cannot write "));
    QVERIFY(!child<QLabel>(page, "statusLabel")->styleSheet().isEmpty());
}

void TestStatisticsPage::chineseTexts()
{
    FakeUpstreamThread alpha;
    DesktopHarness harness;
    StatisticsPage *page = startWithSampleRecords(harness, alpha);
    QVERIFY(page);
    MainWindow *window = harness.app().mainWindow();
    QCOMPARE(window->navigation()->item(MainWindow::StatisticsPageIndex)->text(), QString("Statistics"));
    QCOMPARE(window->navigation()->item(MainWindow::StatisticsPageIndex)->toolTip(), QString("Statistics (Ctrl+4)"));
    window->settingsPage()->setLanguage("zh_CN");
    QTRY_COMPARE(window->navigation()->item(MainWindow::StatisticsPageIndex)->text(), QString::fromUtf8("统计"));
    QCOMPARE(child<QPushButton>(page, "exportCsvButton")->text(), QString::fromUtf8("导出 CSV…"));
    QCOMPARE(
        page->model()->headerData(UsageTableModel::CallsColumn, Qt::Horizontal).toString(), QString::fromUtf8("调用"));
    choose(child<QComboBox>(page, "groupingField"), int(UsageReport::Grouping::ClientKey));
    QCOMPARE(rowsByKey(page->model()).value("").first(), QString::fromUtf8("（无客户端密钥）"));
    QVERIFY(child<QLabel>(page, "summary")->text().contains(QString::fromUtf8("4 次调用")));
    window->settingsPage()->setLanguage("en");
    QTRY_COMPARE(window->navigation()->item(MainWindow::StatisticsPageIndex)->text(), QString("Statistics"));
    QCOMPARE(rowsByKey(page->model()).value("").first(), QString("(no client key)"));
}

QTEST_MAIN(TestStatisticsPage)
#include "TestStatisticsPage.moc"
