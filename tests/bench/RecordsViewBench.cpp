// The desktop records list (RecordTableModel over RecordQuery) with 100 000 stored calls: how long the
// first page, each further page, a live append and a filter change take on the GUI thread.
//   bench_records_view [records]   (default 100000)
#include "RecordTableModel.h"
#include "TempDataDir.h"
#include "store/Database.h"
#include "store/RecordStore.h"

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
    return 0;
}
