#include "StoreTestSupport.h"

#include "store/Database.h"
#include "store/RecordQuery.h"
#include "store/RecordStore.h"
#include "store/StoreSchema.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <memory>
#include <vector>

using StoreTest::makeRecord;
using StoreTest::StoredBatches;

// The record store on real SQLite files: batching, flush, threads, bodies, usage, secrets, retention.
class TestRecordStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void flushCommitsEverythingSubmittedBefore();
    void clearRecordsDeletesEverythingAndIdsKeepGrowing();
    void batchWindowHoldsRecordsThenWritesThem();
    void fullBatchIsWrittenWithoutWaitingForTheWindow();
    void manySubmitsMakeFewTransactions();
    void concurrentSubmitsFromSeveralThreads();
    void everyFieldRoundTrips();
    void bodiesRoundTripExactly_data();
    void bodiesRoundTripExactly();
    void bodiesAreLeftOutWhenStoreBodiesIsOff();
    void usageIsReadFromTheResponseWhenUnknown_data();
    void usageIsReadFromTheResponseWhenUnknown();
    void secretHeadersNeverReachTheFile();
    void disabledRecordsAreDropped();
    void usageIsCountedWhileRecordsAreOff();
    void closedStoreDropsAndReopenedStoreContinues();
    void openFailsClearlyOnABadFolder();
    void failedBatchesAreRetriedThenDropped();
    void retentionByAge();
    void usageOutlivesTheRecords();
    void retentionRunsAtOpen();
    void retentionBySizeKeepsTheNewest();
    void retentionBySizeStartsByItselfAndShrinksTheFile();

private:
    bool openStore(RecordStore &store) { return m_folder->openStore(store); }
    qint64 scalar(const QString &sql) { return m_folder->scalar(sql); }

    std::unique_ptr<StoreTest::StoreFolder> m_folder;
};

void TestRecordStore::init()
{
    m_folder = std::make_unique<StoreTest::StoreFolder>();
    QVERIFY(m_folder->isValid());
}

void TestRecordStore::cleanup()
{
    m_folder.reset();
}

void TestRecordStore::flushCommitsEverythingSubmittedBefore()
{
    RecordStore store;
    store.setBatchWindowMs(60'000);
    QVERIFY(openStore(store));
    StoredBatches batches(store);
    for (int i = 0; i < 300; ++i)
        store.submit(makeRecord(QStringLiteral("req_%1").arg(i)));
    QVERIFY(store.flush());
    // Visible at once on another connection: committed, not merely queued.
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records")), qint64(300));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(DISTINCT request_id) FROM records")), qint64(300));
    QTRY_COMPARE(batches.idCount(), qsizetype(300));
    QVERIFY(batches.batchCount() <= 2); // the full batch of 256, then what flush() found
    QVERIFY(batches.allUnique());
    QVERIFY(batches.deliveredOnOwnThread());
    // Ids come in insertion order.
    const QList<qint64> ids = batches.allIds();
    for (qsizetype i = 1; i < ids.size(); ++i)
        QCOMPARE(ids.at(i), ids.at(i - 1) + 1);
    // Nothing pending: a second flush writes nothing and succeeds.
    QVERIFY(store.flush());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records")), qint64(300));
}

void TestRecordStore::clearRecordsDeletesEverythingAndIdsKeepGrowing()
{
    RecordStore store;
    store.setBatchWindowMs(60'000);
    QVERIFY(openStore(store));
    for (int i = 0; i < 20; ++i)
        store.submit(makeRecord(QStringLiteral("old_%1").arg(i)));
    QVERIFY(store.flush());
    const qint64 lastId = scalar(QStringLiteral("SELECT MAX(id) FROM records"));
    QVERIFY(scalar(QStringLiteral("SELECT value FROM store_counters WHERE name = 'stored_body_bytes'")) > 0);
    // Submitted (still pending in the batch window) before the clear: deleted too.
    store.submit(makeRecord(QStringLiteral("pending")));
    QSignalSpy cleared(&store, &RecordStore::recordsCleared);
    store.clearRecords();
    QTRY_COMPARE(cleared.size(), 1);
    QCOMPARE(cleared.at(0).at(0).toBool(), true);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records")), qint64(0));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM record_bodies")), qint64(0));
    QCOMPARE(scalar(QStringLiteral("SELECT value FROM store_counters WHERE name = 'stored_body_bytes'")), qint64(0));
    store.submit(makeRecord(QStringLiteral("new")));
    QVERIFY(store.flush());
    QVERIFY(scalar(QStringLiteral("SELECT MAX(id) FROM records")) > lastId + 1); // a list appending by id stays right

    RecordStore closed;
    QSignalSpy refused(&closed, &RecordStore::recordsCleared);
    closed.clearRecords();
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.at(0).at(0).toBool(), false);
}

void TestRecordStore::batchWindowHoldsRecordsThenWritesThem()
{
    RecordStore store;
    store.setBatchWindowMs(1500);
    QVERIFY(openStore(store));
    StoredBatches batches(store);
    for (int i = 0; i < 10; ++i)
        store.submit(makeRecord(QStringLiteral("req_%1").arg(i)));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records")), qint64(0)); // still in the window
    // Without flush(): the window ends and the batch is written in one transaction.
    QTRY_COMPARE_WITH_TIMEOUT(scalar(QStringLiteral("SELECT COUNT(*) FROM records")), qint64(10), 15'000);
    QTRY_COMPARE(batches.batchCount(), 1);
    QCOMPARE(batches.idCount(), qsizetype(10));
}

void TestRecordStore::fullBatchIsWrittenWithoutWaitingForTheWindow()
{
    RecordStore store;
    store.setBatchWindowMs(3'600'000); // an hour: only a full batch can trigger the write
    store.setMaxBatchRecords(50);
    QVERIFY(openStore(store));
    StoredBatches batches(store);
    for (int i = 0; i < 50; ++i)
        store.submit(makeRecord(QStringLiteral("req_%1").arg(i)));
    QTRY_COMPARE_WITH_TIMEOUT(batches.idCount(), qsizetype(50), 15'000);
    QCOMPARE(batches.batchCount(), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records")), qint64(50));
    // One less than a batch stays pending.
    for (int i = 0; i < 49; ++i)
        store.submit(makeRecord(QStringLiteral("more_%1").arg(i)));
    QTest::qWait(200);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records")), qint64(50));
    QVERIFY(store.flush());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records")), qint64(99));
}

void TestRecordStore::manySubmitsMakeFewTransactions()
{
    RecordStore store;
    QVERIFY(openStore(store));
    QCOMPARE(store.batchWindowMs(), 250);
    QCOMPARE(store.maxBatchRecords(), 256);
    store.setBatchWindowMs(60'000); // a slow machine must not end batches early by the clock
    StoredBatches batches(store);
    const int total = 5000;
    for (int i = 0; i < total; ++i)
        store.submit(makeRecord(QStringLiteral("req_%1").arg(i)));
    QVERIFY(store.flush());
    QTRY_COMPARE(batches.idCount(), qsizetype(total));
    // At least 256 records per transaction, except the last one.
    QVERIFY2(batches.batchCount() <= total / 256 + 1, qPrintable(QString::number(batches.batchCount())));
    QVERIFY(batches.allUnique());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records")), qint64(total));
}

void TestRecordStore::concurrentSubmitsFromSeveralThreads()
{
    RecordStore store;
    QVERIFY(openStore(store));
    StoredBatches batches(store);
    const int threadCount = 8;
    const int perThread = 1500;
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < threadCount; ++t) {
        threads.emplace_back(QThread::create([&store, t] {
            for (int i = 0; i < perThread; ++i) {
                CallRecord record = makeRecord(QStringLiteral("t%1-%2").arg(t).arg(i));
                record.responseBody = QByteArray("x").repeated(i % 200);
                store.submit(std::move(record));
            }
        }));
    }
    for (auto &thread : threads)
        thread->start();
    for (auto &thread : threads)
        QVERIFY(thread->wait(60'000));
    QVERIFY(store.flush());
    const qint64 expected = threadCount * perThread;
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records")), expected);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(DISTINCT request_id) FROM records")), expected);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM record_bodies")), expected);
    QTRY_COMPARE(batches.idCount(), qsizetype(expected));
    QVERIFY(batches.allUnique());
    QCOMPARE(store.counters().submitted, expected);
    QCOMPARE(store.counters().dropped, qint64(0));
    // Each thread's records are in its submission order.
    for (int t = 0; t < threadCount; ++t) {
        QSqlQuery query(m_folder->reader().connection());
        query.prepare(QStringLiteral("SELECT request_id FROM records WHERE request_id LIKE ? ORDER BY id"));
        query.addBindValue(QStringLiteral("t%1-%").arg(t));
        QVERIFY(query.exec());
        int i = 0;
        while (query.next())
            QCOMPARE(query.value(0).toString(), QStringLiteral("t%1-%2").arg(t).arg(i++));
        QCOMPARE(i, perThread);
    }
}

void TestRecordStore::everyFieldRoundTrips()
{
    RecordStore store;
    QVERIFY(openStore(store));
    CallRecord record;
    record.requestId = QStringLiteral("req_01ABC");
    record.startedAt = QDateTime::fromMSecsSinceEpoch(1'760'000'123'456, Qt::UTC);
    record.clientKeyId = QStringLiteral("laptop");
    record.method = QStringLiteral("POST");
    record.endpoint = QStringLiteral("/v1/messages");
    record.sessionId = QStringLiteral("5b7c-session");
    record.routingMode = QStringLiteral("smart_routing");
    record.routeJson = QStringLiteral(R"({"reason":"scene:coding","attempts":[{"platform":"dashscope"}]})");
    record.platformId = QStringLiteral("dashscope");
    record.requestedModel = QStringLiteral("claude-opus-4-1");
    record.upstreamModel = QStringLiteral("qwen3-coder-plus");
    record.stream = true;
    record.status = 529;
    record.upstreamStatus = 503;
    record.durationUs = 9'876'543;
    record.firstByteUs = 120'000;
    record.upstreamDurationUs = 9'000'000;
    record.usage.inputTokens = 10;
    record.usage.outputTokens = 20;
    record.usage.cacheReadInputTokens = 30;
    record.usage.cacheCreationInputTokens = 0;
    record.requestHeadersJson = QByteArray(R"({"anthropic-version":"2023-06-01","user-agent":"claude-cli/2.0"})");
    record.requestBody = QByteArray("{\"model\":\"claude-opus-4-1\",\"x\":\"\xe4\xbd\xa0\xe5\xa5\xbd\"}");
    record.responseBody = QByteArray("event: error\ndata: {}\n\n");
    record.errorType = QStringLiteral("overloaded_error");
    record.errorMessage = QStringLiteral("Overloaded \u00e9");
    record.clientCancelled = true;
    store.submit(record);
    CallRecord sparse; // nothing known: unknown counts stay unknown, no time becomes now
    sparse.requestId = QStringLiteral("req_sparse");
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    store.submit(sparse);
    QVERIFY(store.flush());

    RecordQuery query(m_folder->reader());
    const QList<StoredRecord> listed = query.list(RecordFilter(), 0, 10);
    QCOMPARE(listed.size(), 2);
    const auto stored = query.get(listed.at(1).record.id);
    QVERIFY(stored);
    const CallRecord &r = stored->record;
    QVERIFY(r.id > 0);
    QCOMPARE(r.requestId, record.requestId);
    QCOMPARE(r.startedAt, record.startedAt);
    QCOMPARE(r.clientKeyId, record.clientKeyId);
    QCOMPARE(r.method, record.method);
    QCOMPARE(r.endpoint, record.endpoint);
    QCOMPARE(r.sessionId, record.sessionId);
    QCOMPARE(r.routingMode, record.routingMode);
    QCOMPARE(r.routeJson, record.routeJson);
    QCOMPARE(r.platformId, record.platformId);
    QCOMPARE(r.requestedModel, record.requestedModel);
    QCOMPARE(r.upstreamModel, record.upstreamModel);
    QCOMPARE(r.stream, record.stream);
    QCOMPARE(r.status, record.status);
    QCOMPARE(r.upstreamStatus, record.upstreamStatus);
    QCOMPARE(r.durationUs, record.durationUs);
    QCOMPARE(r.firstByteUs, record.firstByteUs);
    QCOMPARE(r.upstreamDurationUs, record.upstreamDurationUs);
    QCOMPARE(r.usage.inputTokens, record.usage.inputTokens);
    QCOMPARE(r.usage.outputTokens, record.usage.outputTokens);
    QCOMPARE(r.usage.cacheReadInputTokens, record.usage.cacheReadInputTokens);
    QCOMPARE(r.usage.cacheCreationInputTokens, record.usage.cacheCreationInputTokens);
    QCOMPARE(r.requestHeadersJson, record.requestHeadersJson);
    QCOMPARE(r.requestBody, record.requestBody);
    QCOMPARE(r.responseBody, record.responseBody);
    QCOMPARE(r.errorType, record.errorType);
    QCOMPARE(r.errorMessage, record.errorMessage);
    QCOMPARE(r.clientCancelled, record.clientCancelled);
    QCOMPARE(stored->requestBodySize, qint64(record.requestBody.size()));
    QCOMPARE(stored->responseBodySize, qint64(record.responseBody.size()));

    const auto empty = query.get(listed.at(0).record.id);
    QVERIFY(empty);
    QCOMPARE(empty->record.requestId, QStringLiteral("req_sparse"));
    QVERIFY(empty->record.startedAt.toMSecsSinceEpoch() >= before);
    QCOMPARE(empty->record.firstByteUs, qint64(-1));
    QCOMPARE(empty->record.upstreamDurationUs, qint64(-1));
    QVERIFY(!empty->record.usage.isKnown());
    QCOMPARE(empty->record.usage.cacheReadInputTokens, qint64(-1));
    QVERIFY(empty->record.requestBody.isEmpty());
    QVERIFY(empty->record.responseBody.isEmpty());
}

void TestRecordStore::bodiesRoundTripExactly_data()
{
    QTest::addColumn<QByteArray>("requestBody");
    QTest::addColumn<QByteArray>("responseBody");
    QTest::newRow("empty") << QByteArray() << QByteArray();
    QTest::newRow("invalid utf-8 and NULs")
        << QByteArray::fromHex("fffe007b2261223ac3287d00") << QByteArray::fromHex("646174613a208081000a0a");
    QTest::newRow("5 MB random") << StoreTest::randomBytes(5 * 1024 * 1024, 1)
                                 << StoreTest::randomBytes(5 * 1024 * 1024 + 3, 2);
    QTest::newRow("5 MB of SSE") << QByteArray("{}")
                                 << QByteArray("event: content_block_delta\ndata: {\"type\":\"content_block_delta\","
                                               "\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"abc\"}}\n\n")
                                        .repeated(40'000);
}

void TestRecordStore::bodiesRoundTripExactly()
{
    QFETCH(QByteArray, requestBody);
    QFETCH(QByteArray, responseBody);
    RecordStore store;
    QVERIFY(openStore(store));
    CallRecord record = makeRecord(QStringLiteral("req_bodies"));
    record.requestBody = requestBody;
    record.responseBody = responseBody;
    store.submit(record);
    QVERIFY(store.flush());

    RecordQuery query(m_folder->reader());
    const QList<StoredRecord> listed = query.list(RecordFilter(), 0, 1);
    QCOMPARE(listed.size(), 1);
    QVERIFY(listed.first().record.requestBody.isEmpty()); // list() leaves bodies out
    QString error;
    const auto stored = query.get(listed.first().record.id, &error);
    QVERIFY2(stored, qPrintable(error));
    QVERIFY(stored->bodiesStored);
    QCOMPARE(stored->record.requestBody.size(), requestBody.size());
    QVERIFY(stored->record.requestBody == requestBody);
    QCOMPARE(stored->record.responseBody.size(), responseBody.size());
    QVERIFY(stored->record.responseBody == responseBody);
    QCOMPARE(stored->requestBodySize, qint64(requestBody.size()));
    QCOMPARE(stored->responseBodySize, qint64(responseBody.size()));
    QCOMPARE(query.storedBodyBytes(), stored->storedBodyBytes);
    QCOMPARE(scalar(QStringLiteral("SELECT SUM(LENGTH(request_body) + LENGTH(response_body)) FROM record_bodies")),
        stored->storedBodyBytes);
    if (qstrcmp(QTest::currentDataTag(), "5 MB of SSE") == 0)
        QVERIFY(stored->storedBodyBytes < responseBody.size() / 10); // compressed
}

void TestRecordStore::bodiesAreLeftOutWhenStoreBodiesIsOff()
{
    RecordStore store;
    RecordSettings settings;
    settings.storeBodies = false;
    store.setRecordSettings(settings);
    QVERIFY(openStore(store));
    CallRecord record = makeRecord(QStringLiteral("req_no_bodies"));
    record.responseBody = QByteArray("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":"
                                     "{\"input_tokens\":21,\"output_tokens\":1}}}\n\n"
                                     "event: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":"
                                     "{\"output_tokens\":34}}\n\n");
    store.submit(record);
    QVERIFY(store.flush());
    settings.storeBodies = true; // applies to what is submitted from now on
    store.setRecordSettings(settings);
    store.submit(makeRecord(QStringLiteral("req_with_bodies")));
    QVERIFY(store.flush());

    RecordQuery query(m_folder->reader());
    const QList<StoredRecord> listed = query.list(RecordFilter(), 0, 10);
    QCOMPARE(listed.size(), 2);
    const auto without = query.get(listed.at(1).record.id);
    QVERIFY(without);
    QCOMPARE(without->record.requestId, QStringLiteral("req_no_bodies"));
    QVERIFY(!without->bodiesStored);
    QVERIFY(without->record.requestBody.isEmpty());
    QVERIFY(without->record.responseBody.isEmpty());
    QCOMPARE(without->requestBodySize, qint64(record.requestBody.size()));
    QCOMPARE(without->responseBodySize, qint64(record.responseBody.size()));
    QCOMPARE(without->storedBodyBytes, qint64(0));
    QCOMPARE(without->record.usage.inputTokens, qint64(21)); // read before the bodies were left out
    QCOMPARE(without->record.usage.outputTokens, qint64(34));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM record_bodies WHERE record_id = %1").arg(without->record.id)),
        qint64(0));

    const auto with = query.get(listed.at(0).record.id);
    QVERIFY(with);
    QVERIFY(with->bodiesStored);
    QCOMPARE(with->record.requestBody, makeRecord(QString()).requestBody);
}

void TestRecordStore::usageIsReadFromTheResponseWhenUnknown_data()
{
    QTest::addColumn<qint64>("givenInput");
    QTest::addColumn<qint64>("givenOutput");
    QTest::addColumn<QByteArray>("responseBody");
    QTest::addColumn<qint64>("storedInput");
    QTest::addColumn<qint64>("storedOutput");
    QTest::newRow("json, unknown usage") << qint64(
        -1) << qint64(-1) << QByteArray(R"({"type":"message","usage":{"input_tokens":7,"output_tokens":8}})")
                                         << qint64(7) << qint64(8);
    QTest::newRow("known usage is kept") << qint64(
        100) << qint64(200) << QByteArray(R"({"type":"message","usage":{"input_tokens":7,"output_tokens":8}})")
                                         << qint64(100) << qint64(200);
    QTest::newRow("stream, unknown usage")
        << qint64(-1) << qint64(-1)
        << QByteArray(
               "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":"
               "5,\"output_tokens\":1}}}\n\nevent: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":"
               "{\"output_tokens\":9}}\n\n")
        << qint64(5) << qint64(9);
    QTest::newRow("error body, nothing to read")
        << qint64(-1) << qint64(-1) << QByteArray(R"({"type":"error","error":{"type":"api_error","message":"x"}})")
        << qint64(-1) << qint64(-1);
}

void TestRecordStore::usageIsReadFromTheResponseWhenUnknown()
{
    QFETCH(qint64, givenInput);
    QFETCH(qint64, givenOutput);
    QFETCH(QByteArray, responseBody);
    QFETCH(qint64, storedInput);
    QFETCH(qint64, storedOutput);
    RecordStore store;
    QVERIFY(openStore(store));
    CallRecord record = makeRecord(QStringLiteral("req_usage"));
    record.usage.inputTokens = givenInput;
    record.usage.outputTokens = givenOutput;
    record.responseBody = responseBody;
    store.submit(record);
    QVERIFY(store.flush());
    QCOMPARE(scalar(QStringLiteral("SELECT COALESCE(input_tokens, -1) FROM records")), storedInput);
    QCOMPARE(scalar(QStringLiteral("SELECT COALESCE(output_tokens, -1) FROM records")), storedOutput);
}

void TestRecordStore::secretHeadersNeverReachTheFile()
{
    const QByteArray secrets[]
        = {"sk-ant-SECRET-0001", "sk-client-SECRET-0002", "Basic UFJPWFktU0VDUkVU", "session=COOKIE-SECRET"};
    {
        RecordStore store;
        QVERIFY(openStore(store));
        CallRecord record = makeRecord(QStringLiteral("req_headers"));
        record.requestHeadersJson = QByteArray("{\"Authorization\":\"Bearer ") + secrets[0] + "\",\"x-api-key\":\""
            + secrets[1] + "\",\"Proxy-Authorization\":\"" + secrets[2] + "\",\"cookie\":\"" + secrets[3]
            + "\",\"anthropic-version\":\"2023-06-01\"}";
        store.submit(record);
        CallRecord pairs = makeRecord(QStringLiteral("req_header_pairs"));
        pairs.requestHeadersJson = QByteArray("[[\"X-API-KEY\",\"") + secrets[1] + "\"],[\"accept\",\"*/*\"]]";
        store.submit(pairs);
        QVERIFY(store.flush());

        RecordQuery query(m_folder->reader());
        const QList<StoredRecord> listed = query.list(RecordFilter(), 0, 10);
        QCOMPARE(listed.size(), 2);
        QCOMPARE(QJsonDocument::fromJson(listed.at(1).record.requestHeadersJson),
            QJsonDocument::fromJson(R"({"anthropic-version":"2023-06-01"})"));
        QCOMPARE(QJsonDocument::fromJson(listed.at(0).record.requestHeadersJson),
            QJsonDocument::fromJson("[[\"accept\",\"*/*\"]]"));
        m_folder->closeReader();
    }
    // Not anywhere in the files either (database and write-ahead log).
    const QStringList files = QDir(m_folder->path()).entryList(QDir::Files);
    QVERIFY(files.contains(Database::fileName()));
    for (const QString &name : files) {
        QFile file(m_folder->filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        for (const QByteArray &secret : secrets)
            QVERIFY2(!bytes.contains(secret), qPrintable(name));
    }
}

void TestRecordStore::disabledRecordsAreDropped()
{
    RecordStore store;
    QVERIFY(openStore(store));
    RecordSettings settings;
    settings.enabled = false;
    store.setRecordSettings(settings);
    for (int i = 0; i < 5; ++i)
        store.submit(makeRecord(QStringLiteral("req_%1").arg(i)));
    settings.enabled = true;
    store.setRecordSettings(settings);
    store.submit(makeRecord(QStringLiteral("req_kept")));
    QVERIFY(store.flush());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records")), qint64(1));
    QCOMPARE(store.counters().dropped, qint64(5));
    QCOMPARE(store.counters().submitted, qint64(1));
    // Not recorded, but counted in the usage statistics: 5 calls of 3 + 4 tokens read from their responses.
    QCOMPARE(scalar(QStringLiteral("SELECT SUM(calls) FROM usage_quarter_hours")), qint64(6));
    QCOMPARE(scalar(QStringLiteral("SELECT SUM(input_tokens) FROM usage_quarter_hours")), qint64(18));
}

void TestRecordStore::usageIsCountedWhileRecordsAreOff()
{
    RecordStore store;
    QVERIFY(openStore(store));
    RecordSettings settings;
    settings.enabled = false;
    store.setRecordSettings(settings);
    CallRecord call = makeRecord(QStringLiteral("secret-call"));
    call.clientKeyId = QStringLiteral("alice");
    call.status = 429;
    call.usage = {10, 20, 30, 40};
    call.requestHeadersJson = QByteArray(R"({"user-agent":"claude-cli"})");
    call.errorMessage = QStringLiteral("rate limited");
    store.submit(call);
    CallRecord count = makeRecord(QStringLiteral("count"));
    count.endpoint = QStringLiteral("/v1/messages/count_tokens");
    store.submit(count);
    QVERIFY(store.flush());

    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records")), qint64(0));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM record_bodies")), qint64(0));
    QCOMPARE(m_folder->reader()
                 .queryValue(QStringLiteral("SELECT platform_id || ':' || upstream_model || ' ' || client_key_id || ' '"
                                            " || calls || '/' || failed_calls || ' ' || input_tokens || '/'"
                                            " || output_tokens || '/' || cache_read_input_tokens || '/'"
                                            " || cache_creation_input_tokens FROM usage_quarter_hours"))
                 .toString(),
        QStringLiteral("anthropic:claude-sonnet-4-5 alice 1/1 10/20/30/40"));
    // Nothing of the call itself is in the file.
    QFile file(m_folder->reader().filePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    store.close();
    const QByteArray bytes = file.readAll() + [&] {
        QFile wal(m_folder->reader().filePath() + QStringLiteral("-wal"));
        return wal.open(QIODevice::ReadOnly) ? wal.readAll() : QByteArray();
    }();
    QVERIFY(!bytes.contains("secret-call"));
    QVERIFY(!bytes.contains("rate limited"));
    QVERIFY(!bytes.contains("claude-cli"));
}

void TestRecordStore::closedStoreDropsAndReopenedStoreContinues()
{
    RecordStore store;
    QVERIFY(openStore(store));
    store.submit(makeRecord(QStringLiteral("req_before")));
    store.close(); // writes what is pending
    QVERIFY(!store.isOpen());
    QVERIFY(!store.flush());
    store.submit(makeRecord(QStringLiteral("req_while_closed")));
    QCOMPARE(store.counters().dropped, qint64(1));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records")), qint64(1));
    const qint64 firstId = scalar(QStringLiteral("SELECT MAX(id) FROM records"));

    QVERIFY(openStore(store));
    store.submit(makeRecord(QStringLiteral("req_after")));
    QVERIFY(store.flush());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records")), qint64(2));
    QVERIFY(scalar(QStringLiteral("SELECT MAX(id) FROM records")) > firstId);
}

void TestRecordStore::openFailsClearlyOnABadFolder()
{
    // A file where the data folder should be.
    const QString blocker = m_folder->filePath(QStringLiteral("not-a-folder"));
    {
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("x");
    }
    RecordStore store;
    QString error;
    QVERIFY(!store.open(blocker, &error));
    QVERIFY(!store.isOpen());
    QVERIFY2(error.contains(QStringLiteral("not-a-folder")), qPrintable(error));
    store.submit(makeRecord(QStringLiteral("req_dropped")));
    QCOMPARE(store.counters().dropped, qint64(1));
    // The same object opens fine afterwards.
    QVERIFY(openStore(store));
    store.submit(makeRecord(QStringLiteral("req_kept")));
    QVERIFY(store.flush());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records")), qint64(1));
}

void TestRecordStore::failedBatchesAreRetriedThenDropped()
{
    RecordStore store;
    store.setBatchWindowMs(3'600'000); // retries only when asked, below
    QVERIFY(openStore(store));
    QStringList failures;
    QObject context;
    connect(&store, &RecordStore::writeFailed, &context, [&failures](const QString &message) { failures << message; });
    QString error;
    // Take away the bodies table: every batch with bodies fails, as on a damaged or full disk.
    QVERIFY2(m_folder->reader().exec(QStringLiteral("DROP TABLE record_bodies"), &error), qPrintable(error));
    store.submit(makeRecord(QStringLiteral("req_retried")));
    QVERIFY(!store.flush());
    QTRY_COMPARE(failures.size(), 1);
    QVERIFY2(failures.first().contains(QStringLiteral("record_bodies")), qPrintable(failures.first()));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records")), qint64(0)); // the whole batch rolled back

    // Repaired before the attempts run out: the batch kept waiting and is written by the next flush.
    const QString createBodies = StoreTest::createTableStatement(QStringLiteral("record_bodies"));
    QVERIFY(!createBodies.isEmpty());
    QVERIFY2(m_folder->reader().exec(createBodies, &error), qPrintable(error));
    QVERIFY(store.flush());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records WHERE request_id = 'req_retried'")), qint64(1));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM record_bodies")), qint64(1));

    // Not repaired: after the last attempt the batch is given up and counted.
    QVERIFY2(m_folder->reader().exec(QStringLiteral("DROP TABLE record_bodies"), &error), qPrintable(error));
    store.submit(makeRecord(QStringLiteral("req_given_up_1")));
    store.submit(makeRecord(QStringLiteral("req_given_up_2")));
    for (int attempt = 1; attempt <= 5; ++attempt)
        QVERIFY(!store.flush());
    QCOMPARE(store.counters().dropped, qint64(2));
    QVERIFY2(m_folder->reader().exec(createBodies, &error), qPrintable(error));
    store.submit(makeRecord(QStringLiteral("req_after")));
    QVERIFY(store.flush());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records WHERE request_id LIKE 'req_given_up%'")), qint64(0));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records WHERE request_id = 'req_after'")), qint64(1));
}

void TestRecordStore::retentionByAge()
{
    RecordStore store;
    RecordSettings settings;
    settings.retentionDays = 0; // keep everything while filling
    store.setRecordSettings(settings);
    QVERIFY(openStore(store));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < 450; ++i) // more than one retention step
        store.submit(makeRecord(QStringLiteral("old_%1").arg(i), now.addDays(-40).addSecs(i)));
    for (int i = 0; i < 30; ++i)
        store.submit(makeRecord(QStringLiteral("recent_%1").arg(i), now.addDays(-10)));
    for (int i = 0; i < 20; ++i)
        store.submit(makeRecord(QStringLiteral("new_%1").arg(i), now));
    QVERIFY(store.flush());
    store.runRetention();
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records")), qint64(500)); // 0 = forever

    settings.retentionDays = 30;
    store.setRecordSettings(settings);
    store.runRetention();
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records")), qint64(50));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records WHERE request_id LIKE 'old_%'")), qint64(0));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM record_bodies")), qint64(50)); // bodies went with them
    QCOMPARE(scalar(QStringLiteral("SELECT value FROM store_counters WHERE name = 'stored_body_bytes'")),
        scalar(QStringLiteral("SELECT SUM(request_body_stored_size + response_body_stored_size) FROM records")));
    QCOMPARE(m_folder->reader().integrityCheck(), QStringLiteral("ok"));
}

void TestRecordStore::usageOutlivesTheRecords()
{
    RecordStore store;
    RecordSettings settings;
    settings.retentionDays = 0;
    store.setRecordSettings(settings);
    QVERIFY(openStore(store));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto call = [](const QString &id, const QDateTime &at, int status, qint64 input, const char *endpoint) {
        CallRecord record = makeRecord(id, at);
        record.endpoint = QString::fromLatin1(endpoint);
        record.status = status;
        record.clientKeyId = QStringLiteral("alice");
        record.usage = {input, 2, -1, 1};
        return record;
    };
    for (int i = 0; i < 300; ++i) // several batches for the same quarter hour add up
        store.submit(
            call(QStringLiteral("old_%1").arg(i), now.addDays(-40), i % 3 == 0 ? 500 : 200, 10, "/v1/messages"));
    store.submit(call(QStringLiteral("count"), now.addDays(-40), 200, 999, "/v1/messages/count_tokens"));
    QVERIFY(store.flush());
    store.submit(call(QStringLiteral("new"), now, 200, 5, "/v1/messages"));
    QVERIFY(store.flush());

    const QString totals = QStringLiteral("SELECT SUM(calls) || ' ' || SUM(failed_calls) || ' ' || SUM(input_tokens)"
                                          " || ' ' || SUM(output_tokens) || ' ' || SUM(cache_read_input_tokens) || ' '"
                                          " || SUM(cache_creation_input_tokens) FROM usage_quarter_hours");
    auto usage = [&] { return m_folder->reader().queryValue(totals).toString(); };
    const QString expected = QStringLiteral("301 100 3005 602 0 301");
    QCOMPARE(usage(), expected);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM usage_quarter_hours")), qint64(2));

    settings.retentionDays = 30; // the 300 old calls go
    store.setRecordSettings(settings);
    store.runRetention();
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records")), qint64(1));
    QCOMPARE(usage(), expected);

    QSignalSpy cleared(&store, &RecordStore::recordsCleared);
    store.clearRecords();
    QTRY_COMPARE(cleared.size(), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records")), qint64(0));
    QCOMPARE(usage(), expected);
}

void TestRecordStore::retentionRunsAtOpen()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    {
        RecordStore store;
        RecordSettings keepAll;
        keepAll.retentionDays = 0;
        store.setRecordSettings(keepAll);
        QVERIFY(openStore(store));
        for (int i = 0; i < 40; ++i)
            store.submit(makeRecord(QStringLiteral("old_%1").arg(i), now.addDays(-8)));
        for (int i = 0; i < 10; ++i)
            store.submit(makeRecord(QStringLiteral("new_%1").arg(i), now.addDays(-1)));
        store.close();
    }
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records")), qint64(50));
    RecordStore store;
    RecordSettings week;
    week.retentionDays = 7;
    store.setRecordSettings(week);
    QVERIFY(openStore(store));
    QTRY_COMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records")), qint64(10));
}

void TestRecordStore::retentionBySizeKeepsTheNewest()
{
    RecordStore store;
    RecordSettings settings;
    settings.retentionDays = 0;
    settings.maxTotalBytes = 0; // no limit while filling
    store.setRecordSettings(settings);
    QVERIFY(openStore(store));
    const int count = 100;
    const int bodySize = 8 * 1024;
    for (int i = 0; i < count; ++i) {
        CallRecord record = makeRecord(QStringLiteral("req_%1").arg(i, 3, 10, QLatin1Char('0')));
        record.requestBody = StoreTest::randomBytes(bodySize, quint32(i)); // does not compress
        record.responseBody = QByteArray();
        store.submit(record);
    }
    QVERIFY(store.flush());
    RecordQuery query(m_folder->reader());
    const qint64 storedBefore = query.storedBodyBytes();
    QVERIFY(storedBefore >= qint64(count) * bodySize);

    settings.maxTotalBytes = 200 * 1024;
    store.setRecordSettings(settings);
    store.runRetention();
    const qint64 storedAfter = query.storedBodyBytes();
    QVERIFY2(storedAfter <= settings.maxTotalBytes, qPrintable(QString::number(storedAfter)));
    QVERIFY2(storedAfter > settings.maxTotalBytes - 2 * bodySize, qPrintable(QString::number(storedAfter)));
    QCOMPARE(storedAfter,
        scalar(QStringLiteral("SELECT SUM(request_body_stored_size + response_body_stored_size) FROM records")));
    // The newest survive: the kept ids are the last ones, without gaps.
    const qint64 kept = scalar(QStringLiteral("SELECT COUNT(*) FROM records"));
    QVERIFY(kept > 0 && kept < count);
    QCOMPARE(scalar(QStringLiteral("SELECT MAX(id) - MIN(id) + 1 FROM records")), kept);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records WHERE request_id = 'req_099'")), qint64(1));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM record_bodies")), kept);
}

void TestRecordStore::retentionBySizeStartsByItselfAndShrinksTheFile()
{
    RecordStore store;
    RecordSettings settings;
    settings.retentionDays = 0;
    settings.maxTotalBytes = 0;
    store.setRecordSettings(settings);
    QVERIFY(openStore(store));
    for (int i = 0; i < 400; ++i) {
        CallRecord record = makeRecord(QStringLiteral("fill_%1").arg(i));
        record.responseBody = StoreTest::randomBytes(16 * 1024, quint32(i));
        store.submit(record);
    }
    QVERIFY(store.flush());
    const qint64 pagesBefore = scalar(QStringLiteral("PRAGMA page_count"));
    QVERIFY(pagesBefore * scalar(QStringLiteral("PRAGMA page_size")) > 400 * 16 * 1024);

    // New limits start a retention run on the store thread; nothing here asks for one.
    settings.maxTotalBytes = 512 * 1024;
    store.setRecordSettings(settings);
    RecordQuery query(m_folder->reader());
    QTRY_VERIFY(query.storedBodyBytes() <= settings.maxTotalBytes);
    // Writing more than a sixteenth of the limit starts another run by itself.
    for (int i = 0; i < 100; ++i) {
        CallRecord record = makeRecord(QStringLiteral("more_%1").arg(i));
        record.responseBody = StoreTest::randomBytes(16 * 1024, quint32(1000 + i));
        store.submit(record);
    }
    QVERIFY(store.flush());
    QTRY_VERIFY(query.storedBodyBytes() <= settings.maxTotalBytes);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records WHERE request_id = 'more_99'")), qint64(1));

    // Freed pages went back to the file system.
    store.runRetention();
    QTRY_COMPARE(scalar(QStringLiteral("PRAGMA freelist_count")), qint64(0));
    const qint64 pagesAfter = scalar(QStringLiteral("PRAGMA page_count"));
    QVERIFY2(pagesAfter < pagesBefore / 4, qPrintable(QStringLiteral("%1 -> %2").arg(pagesBefore).arg(pagesAfter)));
    store.close();
    m_folder->closeReader();
    QVERIFY(QFileInfo(Database::filePathIn(m_folder->path())).size() < pagesBefore * 4096 / 4);
}

QTEST_GUILESS_MAIN(TestRecordStore)
#include "TestRecordStore.moc"
