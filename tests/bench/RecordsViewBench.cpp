// The desktop records list (RecordTableModel over RecordQuery) with 100 000 stored calls: how long the
// first page, each further page, a live append and a filter change take on the GUI thread; and, over as many
// calls spread across a year, the statistics page's query (RecordQuery::usageCells, on its worker thread) and
// what the page then does on the GUI thread (UsageReport, the table, the chart).
//   bench_records_view [records]   (default 100000)
#include "RecordTableModel.h"
#include "TempDataDir.h"
#include "UsageChart.h"
#include "UsageTableModel.h"
#include "config/Config.h"
#include "store/Database.h"
#include "store/RecordQuery.h"
#include "store/RecordStore.h"
#include "store/UsagePeriod.h"
#include "store/UsageReport.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTableView>
#include <algorithm>
#include <cstdio>

namespace {

CallRecord sampleRecord(int i, const QDateTime &start)
{
    static const char *platforms[] = {"dashscope", "openrouter", "anthropic", "ollama"};
    static const char *models[]
        = {"qwen3-coder-plus", "deepseek/deepseek-chat-v3.1", "claude-sonnet-4-5", "qwen2.5-coder:7b"};
    CallRecord record;
    record.requestId = QStringLiteral("req_%1").arg(i, 8, 10, QLatin1Char('0'));
    record.startedAt = start.addMSecs(qint64(i) * 500);
    record.method = QStringLiteral("POST");
    record.endpoint = QStringLiteral("/v1/messages");
    record.routingMode = QStringLiteral("global_direct");
    record.platformId = QString::fromLatin1(platforms[i % 4]);
    record.requestedModel = QStringLiteral("claude-sonnet-4-5");
    record.upstreamModel = QString::fromLatin1(models[i % 4]);
    record.sessionId = QStringLiteral("session-%1").arg(i / 50);
    record.status = i % 17 == 0 ? 529 : 200;
    record.upstreamStatus = record.status;
    record.durationUs = 1'000'000 + (i % 1000) * 1000;
    record.firstByteUs = 300'000;
    record.usage.inputTokens = 10'000 + i % 5000;
    record.usage.outputTokens = 100 + i % 900;
    record.routeJson = QStringLiteral(R"({"mode":"global_direct","attempts":[]})");
    record.requestBody = QByteArray(R"({"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"hi"}]})");
    record.responseBody = QByteArray(R"({"type":"message","content":[{"type":"text","text":"hello"}]})");
    return record;
}

double ms(const QElapsedTimer &timer)
{
    return timer.nsecsElapsed() / 1e6;
}

// `total` calls over the last 365 days, on four models and four client keys: the statistics of each period.
void benchStatistics(int total)
{
    static const char *keys[] = {"laptop", "alice", "build-server", ""};
    TempDataDir dir;
    {
        RecordStore store;
        QString error;
        if (!store.open(dir.path(), &error)) {
            std::fprintf(stderr, "cannot open: %s\n", qPrintable(error));
            return;
        }
        store.setMaxBatchRecords(2000);
        const QDateTime yearAgo = QDateTime::currentDateTimeUtc().addDays(-365);
        const qint64 spacingMs = 365LL * 86'400'000 / total;
        for (int i = 0; i < total; ++i) {
            CallRecord record = sampleRecord(i, yearAgo);
            record.startedAt = yearAgo.addMSecs(qint64(i) * spacingMs);
            record.clientKeyId = QString::fromLatin1(keys[(i / 7) % 4]);
            store.submit(record);
            if (i % 5000 == 4999)
                store.flush();
        }
        store.flush();
    }
    Database db;
    QString error;
    if (!db.open(dir.path(), QStringLiteral("statistics"), &error)) {
        std::fprintf(stderr, "cannot open: %s\n", qPrintable(error));
        return;
    }
    Config config;
    PlatformConfig priced;
    priced.id = QStringLiteral("anthropic");
    ModelSettings sonnet;
    sonnet.id = QStringLiteral("claude-sonnet-4-5");
    sonnet.price = ModelPrice {3, 15, 0.3, 3.75};
    priced.models = {sonnet};
    config.platforms = {priced};
    UsageTableModel table;
    UsageChart chart;
    chart.resize(900, 300);
    struct Period
    {
        const char *name;
        UsagePeriod::Kind kind;
    };
    std::printf("statistics over %d calls across 365 days:\n", total);
    for (const Period &period :
        {Period {"all", UsagePeriod::Kind::AllKept}, Period {"30 days", UsagePeriod::Kind::Last30Days},
            Period {"7 days", UsagePeriod::Kind::Last7Days}, Period {"today", UsagePeriod::Kind::Today}}) {
        UsageFilter filter;
        filter.from = UsagePeriod(period.kind).startAt(QDateTime::currentDateTime());
        std::vector<double> times;
        QList<UsageCell> cells;
        QElapsedTimer timer;
        for (int run = 0; run < 5; ++run) {
            timer.restart();
            cells = RecordQuery(db).usageCells(filter);
            times.push_back(ms(timer));
        }
        std::sort(times.begin(), times.end());
        timer.restart();
        const UsageReport byModel = UsageReport::build(cells, UsageReport::Grouping::Model, config);
        table.setReport(byModel, UsageReport::Grouping::Model);
        chart.showReport(byModel, UsageReport::Grouping::Model, QDate(), QDate::currentDate());
        const double modelMs = ms(timer);
        timer.restart();
        const UsageReport byDay = UsageReport::build(cells, UsageReport::Grouping::Day, config);
        table.setReport(byDay, UsageReport::Grouping::Day);
        chart.showReport(byDay, UsageReport::Grouping::Day, QDate(), QDate::currentDate());
        const double dayMs = ms(timer);
        std::printf("  %-8s usageCells %6lld cells: p50 %6.2f ms, max %6.2f ms (worker thread); report, table and "
                    "chart: %.2f ms by model, %.2f ms by day (GUI thread)\n",
            period.name, static_cast<long long>(cells.size()), times[times.size() / 2], times.back(), modelMs, dayMs);
    }
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int total = argc > 1 ? std::atoi(argv[1]) : 100'000;
    TempDataDir dir;
    {
        RecordStore store;
        QString error;
        if (!store.open(dir.path(), &error)) {
            std::fprintf(stderr, "cannot open: %s\n", qPrintable(error));
            return 1;
        }
        store.setMaxBatchRecords(2000);
        QElapsedTimer timer;
        timer.start();
        const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-3);
        for (int i = 0; i < total; ++i) {
            store.submit(sampleRecord(i, start));
            if (i % 5000 == 4999)
                store.flush();
        }
        store.flush();
        std::printf("stored %d records in %.0f ms\n", total, ms(timer));
    }

    Database db;
    QString error;
    if (!db.open(dir.path(), QStringLiteral("ui"), &error)) {
        std::fprintf(stderr, "cannot open: %s\n", qPrintable(error));
        return 1;
    }
    RecordTableModel model(db);
    QTableView view;
    view.setModel(&model);
    view.resize(1000, 600);

    QElapsedTimer timer;
    timer.start();
    model.reload(); // first page; the count runs on a worker thread
    std::printf("open (first page of %d rows, on the GUI thread): %.2f ms\n", model.rowCount(), ms(timer));
    QElapsedTimer countTimer;
    countTimer.start();
    while (model.isCounting())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    std::printf("  count %lld ready after %.2f ms (worker thread)\n", static_cast<long long>(model.totalCount()),
        ms(countTimer));

    // Scroll to the very end, page by page, as the view asks for more.
    std::vector<double> pageTimes;
    while (model.canFetchMore(QModelIndex())) {
        timer.restart();
        model.fetchMore(QModelIndex());
        pageTimes.push_back(ms(timer));
    }
    std::sort(pageTimes.begin(), pageTimes.end());
    const auto at = [&](double q) { return pageTimes.empty() ? 0.0 : pageTimes[size_t(q * (pageTimes.size() - 1))]; };
    std::printf("fetchMore, %zu pages of %d (to row %d): p50 %.2f ms, p95 %.2f ms, max %.2f ms\n", pageTimes.size(),
        RecordTableModel::kPageSize, model.rowCount(), at(0.5), at(0.95), at(1.0));

    // Live appends with everything loaded: 100 batches of 5 new calls each.
    std::vector<double> appendTimes;
    for (int batch = 0; batch < 100; ++batch) {
        QList<StoredRecord> fresh;
        for (int i = 0; i < 5; ++i) {
            StoredRecord stored;
            stored.record = sampleRecord(total + batch * 5 + i, QDateTime::currentDateTimeUtc());
            stored.record.id = total + batch * 5 + i + 1;
            fresh << stored;
        }
        timer.restart();
        model.appendNew(fresh);
        appendTimes.push_back(ms(timer));
    }
    std::sort(appendTimes.begin(), appendTimes.end());
    std::printf("appendNew (5 calls, %d rows loaded): p50 %.3f ms, max %.3f ms\n", model.rowCount(),
        appendTimes[appendTimes.size() / 2], appendTimes.back());

    struct Case
    {
        const char *name;
        RecordFilter filter;
    };
    RecordFilter failed;
    failed.statusClass = RecordFilter::StatusClass::Failed;
    RecordFilter platform;
    platform.platformId = QStringLiteral("openrouter");
    RecordFilter text;
    text.text = QStringLiteral("session-1999");
    RecordFilter rareText;
    rareText.text = QStringLiteral("req_00099999");
    for (const Case &c : {Case {"status failed", failed}, Case {"platform", platform}, Case {"text (a session)", text},
             Case {"text (one request id)", rareText}}) {
        timer.restart();
        model.setFilter(c.filter);
        const double firstPage = ms(timer);
        while (model.isCounting())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        std::printf("filter %-22s first page %3d rows: %6.2f ms on the GUI thread; count %6lld after %6.2f ms\n",
            c.name, model.rowCount(), firstPage, static_cast<long long>(model.totalCount()), ms(timer));
    }
    // Paging deep into a filtered list costs what the first page does (keyset paging, no OFFSET).
    model.setFilter(platform);
    for (int i = 0; i < 60 && model.canFetchMore(QModelIndex()); ++i)
        model.fetchMore(QModelIndex());
    timer.restart();
    model.fetchMore(QModelIndex());
    std::printf("fetchMore at row %d of a filtered list: %.2f ms\n", model.rowCount(), ms(timer));

    benchStatistics(total);
    return 0;
}
