// Benchmark of the record store (not a CTest test): `build/tests/bench/bench_record_store [records] [session]`.
// Prints
//   - the store thread's CPU time per record of a Claude Code session: the 49 kB request of
//     fixtures/messages-large.json (`system` and `tools` resent every time) plus one new 2 kB tool result per
//     request, and a small streamed response; with the database size after those records,
//   - the cost of RecordStore::submit() on the caller's thread (mean and percentiles, ns per call), and
//   - the sustained rate at which the store thread writes records with 50 KB request and 50 KB response
//     bodies (JSON / SSE text, and incompressible bytes as the worst case).
//   - the same for the proxy benchmark's small calls (a 1 kB request answered by a short JSON message),
// With `session` as the second argument, only these two figures are measured.

#include "store/BodyCodec.h"
#include "store/Database.h"
#include "store/RecordQuery.h"
#include "store/RecordStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

namespace {

// Text that compresses like real traffic: words from a small vocabulary in random order.
QByteArray wordText(qsizetype size, quint32 seed)
{
    static const char *const words[]
        = {"the", "model", "reads", "a", "file", "and", "writes", "code", "tool", "use", "input", "json", "error",
            "retry", "stream", "delta", "claude", "qwen", "token", "cache", "line", "return", "value", "test"};
    QRandomGenerator generator(seed);
    QByteArray text;
    text.reserve(size + 16);
    while (text.size() < size) {
        text += words[generator.bounded(int(std::size(words)))];
        text += generator.bounded(12) == 0 ? "\\n" : " ";
    }
    text.truncate(size);
    return text;
}

QByteArray requestBody(qsizetype size, quint32 seed)
{
    const QByteArray head
        = R"({"model":"claude-sonnet-4-5","max_tokens":32000,"stream":true,"messages":[{"role":"user","content":")";
    const QByteArray tail = R"("}]})";
    return head + wordText(size - head.size() - tail.size(), seed) + tail;
}

QByteArray responseStream(qsizetype size, quint32 seed)
{
    QByteArray out = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":"
                     "{\"input_tokens\":1200,\"output_tokens\":1}}}\n\n";
    const QByteArray text = wordText(size, seed);
    qsizetype pos = 0;
    while (out.size() < size - 200) {
        const QByteArray piece = text.mid(pos, 40);
        pos = (pos + 40) % (text.size() - 40);
        out += "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
               "{\"type\":\"text_delta\",\"text\":\""
            + piece + "\"}}\n\n";
    }
    out += "event: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":900}}\n\n";
    return out;
}

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QRandomGenerator generator(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &c : bytes)
        c = char(generator.bounded(256));
    return bytes;
}

CallRecord baseRecord(int n)
{
    CallRecord record;
    record.requestId = QStringLiteral("req_%1").arg(n);
    record.startedAt = QDateTime::currentDateTimeUtc();
    record.method = QStringLiteral("POST");
    record.endpoint = QStringLiteral("/v1/messages");
    record.sessionId = QStringLiteral("session-1");
    record.routingMode = QStringLiteral("claude_code");
    record.platformId = QStringLiteral("anthropic");
    record.requestedModel = QStringLiteral("claude-sonnet-4-5");
    record.upstreamModel = QStringLiteral("claude-sonnet-4-5");
    record.stream = true;
    record.status = 200;
    record.upstreamStatus = 200;
    record.durationUs = 2'500'000;
    record.requestHeadersJson = R"({"anthropic-version":"2023-06-01","user-agent":"claude-cli/2.0"})";
    return record;
}

// Times `count` submit() calls. With `burst` > 0 the queue is drained (flush(), not timed) after every
// `burst` calls, as under a steady load; with 0 the calls come back to back and the queue grows.
void measureSubmit(int count, int burst)
{
    QTemporaryDir dir;
    RecordStore store;
    QString error;
    if (!store.open(dir.path(), &error))
        qFatal("cannot open the store: %s", qPrintable(error));
    // Records are built beforehand (bodies shared), so that only submit() is timed.
    const QByteArray request = requestBody(2048, 1);
    const QByteArray response = responseStream(2048, 2);
    std::vector<CallRecord> records;
    records.reserve(size_t(count));
    for (int i = 0; i < count; ++i) {
        CallRecord record = baseRecord(i);
        record.requestBody = request;
        record.responseBody = response;
        records.push_back(std::move(record));
    }
    std::vector<qint64> perCall(static_cast<size_t>(count));
    qint64 totalNs = 0;
    for (int i = 0; i < count; ++i) {
        const auto start = std::chrono::steady_clock::now();
        store.submit(std::move(records[size_t(i)]));
        const qint64 ns
            = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count();
        perCall[size_t(i)] = ns;
        totalNs += ns;
        if (burst > 0 && i % burst == burst - 1)
            store.flush();
    }
    store.flush();
    std::sort(perCall.begin(), perCall.end());
    const auto percentile
        = [&](double p) { return perCall[std::min(perCall.size() - 1, size_t(p * double(perCall.size())))]; };
    if (burst > 0)
        std::printf("submit() on the caller's thread, %d records in bursts of %d (queue drained between bursts):\n",
            count, burst);
    else
        std::printf(
            "submit() on the caller's thread, %d records back to back (store thread writing meanwhile):\n", count);
    std::printf("  mean %.0f ns/call; p50 %lld ns, p99 %lld ns, p99.9 %lld ns, max %lld ns; bodies dropped under "
                "load %lld\n",
        double(totalNs) / count, static_cast<long long>(percentile(0.50)), static_cast<long long>(percentile(0.99)),
        static_cast<long long>(percentile(0.999)), static_cast<long long>(perCall.back()),
        static_cast<long long>(store.counters().bodiesDroppedUnderLoad));
}

void measureSustained(const char *label, int count, bool incompressible)
{
    QTemporaryDir dir;
    RecordStore store;
    QString error;
    if (!store.open(dir.path(), &error))
        qFatal("cannot open the store: %s", qPrintable(error));
    const int variants = 16;
    std::vector<QByteArray> requests;
    std::vector<QByteArray> responses;
    for (int v = 0; v < variants; ++v) {
        requests.push_back(incompressible ? randomBytes(50 * 1024, quint32(v)) : requestBody(50 * 1024, quint32(v)));
        responses.push_back(
            incompressible ? randomBytes(50 * 1024, quint32(100 + v)) : responseStream(50 * 1024, quint32(100 + v)));
    }
    // Submitted in slices of 512 with a flush after each, so that the queue never holds more than the
    // pending-bytes limit (which would drop bodies and flatter the figure).
    qint64 bodyBytes = 0;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < count; ++i) {
        CallRecord record = baseRecord(i);
        record.requestBody = requests[size_t(i % variants)];
        record.responseBody = responses[size_t(i % variants)];
        bodyBytes += record.requestBody.size() + record.responseBody.size();
        store.submit(std::move(record));
        if (i % 512 == 511)
            store.flush();
    }
    store.flush();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    Database reader;
    if (!reader.open(dir.path(), QStringLiteral("bench"), &error))
        qFatal("cannot open a reader: %s", qPrintable(error));
    const qint64 stored = RecordQuery(reader).storedBodyBytes();
    const qint64 rows = RecordQuery(reader).count();
    reader.close();
    store.close();
    std::printf("%s: %lld records, 50 KB request + 50 KB response bodies each\n", label, static_cast<long long>(rows));
    std::printf("  %.0f records/s written (%.1f MB/s of bodies), stored/raw %.3f, file %.1f MB, dropped bodies %lld\n",
        double(count) / seconds, double(bodyBytes) / seconds / 1e6, double(stored) / double(bodyBytes),
        double(QFileInfo(Database::filePathIn(dir.path())).size()) / 1e6,
        static_cast<long long>(store.counters().bodiesDroppedUnderLoad));
}

// CPU time the store thread ("switchyard-store") has used so far, in nanoseconds (Linux); -1 when unknown.
qint64 storeThreadCpuNs()
{
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        if (!comm.open(QIODevice::ReadOnly) || !comm.readAll().startsWith("switchyard-stor")) // 15 characters
            continue;
        QFile schedstat(tasks.filePath(tid + QStringLiteral("/schedstat")));
        if (!schedstat.open(QIODevice::ReadOnly))
            return -1;
        return schedstat.readAll().split(' ').value(0).toLongLong(); // time on a CPU, ns
    }
    return -1;
}

struct StoreMeasurement
{
    double recordsPerSecond = 0;
    double storedBytesPerRecord = 0;
    double databaseMegabytes = 0;
};

// Submits one record per request body (all answered by `response`) and returns the store thread's CPU time per
// record, in microseconds. The records are submitted in bursts of 256, as under a steady load.
double storeCpuPerRecord(std::vector<QByteArray> requests, const QByteArray &response, StoreMeasurement *measured)
{
    QTemporaryDir dir;
    RecordStore store;
    QString error;
    if (!store.open(dir.path(), &error))
        qFatal("cannot open the store: %s", qPrintable(error));
    store.flush();
    const int count = int(requests.size());
    const qint64 cpuBefore = storeThreadCpuNs();
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < count; ++i) {
        CallRecord record = baseRecord(i);
        record.requestBody = std::move(requests[size_t(i)]);
        record.responseBody = response;
        store.submit(std::move(record));
        if (i % 256 == 255)
            store.flush();
    }
    store.flush();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const qint64 cpuNs = storeThreadCpuNs() - cpuBefore;
    Database reader;
    if (!reader.open(dir.path(), QStringLiteral("bench"), &error))
        qFatal("cannot open a reader: %s", qPrintable(error));
    const qint64 stored = RecordQuery(reader).storedBodyBytes();
    reader.close();
    store.close();
    measured->recordsPerSecond = double(count) / seconds;
    measured->storedBytesPerRecord = double(stored) / count;
    measured->databaseMegabytes = double(QFileInfo(Database::filePathIn(dir.path())).size()) / 1e6;
    return double(cpuNs) / 1000.0 / count;
}

// A body of tests/bench/fixtures, e.g. "messages-large.json".
QByteArray readFixture(const QString &name)
{
    const QString path = QFileInfo(QString::fromUtf8(__FILE__)).dir().filePath(QStringLiteral("fixtures/") + name);
    QFile fixture(path);
    if (!fixture.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return fixture.readAll();
}

void printStoreMeasurement(double cpuUs, const StoreMeasurement &measured, int count)
{
    std::printf("  store thread %.1f us CPU per record (%.0f records/s wall), stored bodies %.2f kB per record,"
                " database %.2f MB after %d records\n",
        cpuUs, measured.recordsPerSecond, measured.storedBytesPerRecord / 1000.0, measured.databaseMegabytes, count);
}

void measureSession(int count)
{
    const QJsonObject request = QJsonDocument::fromJson(readFixture(QStringLiteral("messages-large.json"))).object();
    if (request.isEmpty())
        qFatal("messages-large.json is not a JSON object");
    // Bodies are built beforehand: only the store's work is measured.
    std::vector<QByteArray> requests;
    requests.reserve(size_t(count));
    qint64 requestBytes = 0;
    for (int i = 0; i < count; ++i) {
        QJsonObject turn = request;
        QJsonArray messages = turn.value(QStringLiteral("messages")).toArray();
        messages.append(QJsonObject {{QStringLiteral("role"), QStringLiteral("user")},
            {QStringLiteral("content"),
                QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("tool_result")},
                    {QStringLiteral("tool_use_id"), QStringLiteral("toolu_%1").arg(i)},
                    {QStringLiteral("content"), QString::fromLatin1(wordText(2048, quint32(i)))}}}}});
        turn.insert(QStringLiteral("messages"), messages);
        requests.push_back(QJsonDocument(turn).toJson(QJsonDocument::Compact));
        requestBytes += requests.back().size();
    }
    StoreMeasurement measured;
    const QByteArray response = responseStream(2048, 2);
    const double cpuUs = storeCpuPerRecord(std::move(requests), response, &measured);
    std::printf("Claude Code session: %d records, %.1f kB requests (messages-large.json + a 2 kB tool result),"
                " %lld B responses\n",
        count, double(requestBytes) / count / 1000.0, static_cast<long long>(response.size()));
    printStoreMeasurement(cpuUs, measured, count);
}

// The records of the proxy benchmark's small case: messages-small.json answered by a short JSON message.
void measureSmall(int count)
{
    const QByteArray request = readFixture(QStringLiteral("messages-small.json"));
    const QByteArray response = R"({"id":"msg_bench","type":"message","role":"assistant","model":"claude-bench-small",)"
                                R"("content":[{"type":"text","text":")"
        + wordText(400, 7)
        + R"("}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":320,"output_tokens":95,)"
          R"("cache_read_input_tokens":0,"cache_creation_input_tokens":0}})";
    std::vector<QByteArray> requests(size_t(count), request);
    StoreMeasurement measured;
    const double cpuUs = storeCpuPerRecord(std::move(requests), response, &measured);
    std::printf("small calls: %d records, %lld B requests (messages-small.json), %lld B JSON responses\n", count,
        static_cast<long long>(request.size()), static_cast<long long>(response.size()));
    printStoreMeasurement(cpuUs, measured, count);
}

void measureCompression()
{
    const QByteArray request = requestBody(50 * 1024, 1);
    const QByteArray response = responseStream(50 * 1024, 2);
    const int rounds = 400;
    qint64 stored = 0;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < rounds; ++i)
        stored += BodyCodec::compress(request).size() + BodyCodec::compress(response).size();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const double raw = double(rounds) * double(request.size() + response.size());
    std::printf("body compression (zstd level %d) of 50 KB JSON / SSE text: %.0f MB/s, stored/raw %.3f\n",
        BodyCodec::kCompressionLevel, raw / seconds / 1e6, double(stored) / raw);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? std::max(1000, QByteArray(argv[1]).toInt()) : 200'000;
    measureSession(std::max(1000, count / 40));
    measureSmall(std::max(1000, count / 10));
    if (argc > 2 && QByteArray(argv[2]) == "session")
        return 0;
    measureCompression();
    measureSubmit(count / 4, 64);
    measureSubmit(count, 0);
    measureSustained("sustained, text bodies", count / 20, false);
    measureSustained("sustained, incompressible bodies", count / 40, true);
    return 0;
}
