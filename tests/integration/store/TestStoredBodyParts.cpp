#include "StoreTestSupport.h"

#include "store/BodyCodec.h"
#include "store/Database.h"
#include "store/RecordExport.h"
#include "store/RecordQuery.h"
#include "store/RecordStore.h"
#include "store/StoreSchema.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using StoreTest::claudeCodeRequest;
using StoreTest::makeRecord;
using StoreTest::systemPrompt;
using StoreTest::toolList;
using StoreTest::userMessage;

// Request bodies keep their large repeated parts (`system`, `tools`, earlier messages) once in the database:
// every record still reads back byte for byte, retention gives the space of unused parts back, and the body
// byte counter stays true.
class TestStoredBodyParts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void sharedPartsAreStoredOnce();
    void retentionByAgeDeletesPartsWithTheirLastRecord();
    void retentionBySizeCountsTheParts();
    void clearRecordsDeletesPartsAndForgetsThem();
    void failedBatchesKeepTheirPartsOrForgetThem();
    void databaseOfVersion1IsMigratedAndStillRead();
    void damagedOrMissingPartsAreReportedNotReturned();
    void exportHasTheWholeBodies();

private:
    bool openStore(RecordStore &store) { return m_folder->openStore(store); }
    qint64 scalar(const QString &sql) { return m_folder->scalar(sql); }
    // The counter, checked against what is stored (records' own bodies and every part once).
    void verifyCounterAndParts();
    // Every record with the given request body reads back exactly.
    void verifyBodies(const QHash<QString, QByteArray> &bodiesByRequestId);

    std::unique_ptr<StoreTest::StoreFolder> m_folder;
};

void TestStoredBodyParts::init()
{
    m_folder = std::make_unique<StoreTest::StoreFolder>();
    QVERIFY(m_folder->isValid());
}

void TestStoredBodyParts::cleanup()
{
    m_folder.reset();
}

void TestStoredBodyParts::verifyCounterAndParts()
{
    QCOMPARE(scalar(QStringLiteral("SELECT value FROM store_counters WHERE name = 'stored_body_bytes'")),
        scalar(QStringLiteral("SELECT COALESCE(SUM(request_body_stored_size + response_body_stored_size), 0)"
                              " FROM records"))
            + scalar(QStringLiteral("SELECT COALESCE(SUM(stored_size), 0) FROM body_parts")));
    QCOMPARE(scalar(QStringLiteral("SELECT COALESCE(SUM(LENGTH(data)), 0) FROM body_parts")),
        scalar(QStringLiteral("SELECT COALESCE(SUM(stored_size), 0) FROM body_parts")));
    // No part without a record that uses it, no record using a missing part.
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM body_parts WHERE id NOT IN"
                                   " (SELECT part_id FROM record_body_parts)")),
        qint64(0));
    QSqlQuery foreignKeys(m_folder->reader().connection());
    QVERIFY(foreignKeys.exec(QStringLiteral("PRAGMA foreign_key_check")));
    QVERIFY(!foreignKeys.next());
}

void TestStoredBodyParts::verifyBodies(const QHash<QString, QByteArray> &bodiesByRequestId)
{
    RecordQuery query(m_folder->reader());
    const QList<StoredRecord> records = query.list(RecordFilter(), 0, 100'000);
    for (const StoredRecord &listed : records) {
        const auto expected = bodiesByRequestId.constFind(listed.record.requestId);
        if (expected == bodiesByRequestId.constEnd())
            continue;
        QString error;
        const auto stored = query.get(listed.record.id, &error);
        QVERIFY2(stored, qPrintable(error));
        QCOMPARE(stored->record.requestBody.size(), expected->size());
        QVERIFY2(stored->record.requestBody == *expected, qPrintable(listed.record.requestId));
    }
}

void TestStoredBodyParts::sharedPartsAreStoredOnce()
{
    const int count = 50;
    const QByteArray system = systemPrompt(1);
    const QByteArray tools = toolList(2);
    QList<QByteArray> conversation;
    QHash<QString, QByteArray> bodies;
    qint64 wholeBodiesStored = 0;
    {
        RecordStore store;
        QVERIFY(openStore(store));
        for (int i = 0; i < count; ++i) {
            conversation.append(userMessage(quint32(100 + i)));
            CallRecord record = makeRecord(QStringLiteral("turn_%1").arg(i));
            record.requestBody = claudeCodeRequest(system, tools, conversation);
            bodies.insert(record.requestId, record.requestBody);
            wholeBodiesStored += BodyCodec::compress(record.requestBody).size();
            store.submit(record);
        }
        QVERIFY(store.flush());
    }
    verifyBodies(bodies);
    // system, tools and each message once; each record uses system, tools and its conversation so far.
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM body_parts")), qint64(2 + count));
    QCOMPARE(
        scalar(QStringLiteral("SELECT COUNT(*) FROM record_body_parts")), qint64(2 * count + count * (count + 1) / 2));
    qint64 partBytes = system.size() + tools.size();
    for (const QByteArray &message : std::as_const(conversation))
        partBytes += message.size();
    QCOMPARE(scalar(QStringLiteral("SELECT SUM(size) FROM body_parts")), partBytes);
    verifyCounterAndParts();
    const qint64 stored = scalar(QStringLiteral("SELECT value FROM store_counters WHERE name = 'stored_body_bytes'"));
    QVERIFY2(
        stored * 10 < wholeBodiesStored, qPrintable(QStringLiteral("%1 vs %2").arg(stored).arg(wholeBodiesStored)));

    // After a restart the cache is empty: parts sent again are stored again, and everything still reads back.
    RecordStore store;
    QVERIFY(openStore(store));
    conversation.append(userMessage(999));
    CallRecord record = makeRecord(QStringLiteral("after_restart"));
    record.requestBody = claudeCodeRequest(system, tools, conversation);
    bodies.insert(record.requestId, record.requestBody);
    store.submit(record);
    QVERIFY(store.flush());
    QVERIFY(scalar(QStringLiteral("SELECT COUNT(*) FROM body_parts")) > qint64(2 + count));
    verifyBodies(bodies);
    verifyCounterAndParts();
    QCOMPARE(m_folder->reader().integrityCheck(), QStringLiteral("ok"));
}

void TestStoredBodyParts::retentionByAgeDeletesPartsWithTheirLastRecord()
{
    RecordStore store;
    RecordSettings settings;
    settings.retentionDays = 0;
    store.setRecordSettings(settings);
    QVERIFY(openStore(store));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QByteArray system = systemPrompt(1);
    const QByteArray oldTools = toolList(2);
    const QByteArray newTools = toolList(3);
    QHash<QString, QByteArray> newBodies;
    for (int i = 0; i < 250; ++i) { // more than one retention step
        CallRecord record = makeRecord(QStringLiteral("old_%1").arg(i), now.addDays(-40).addSecs(i));
        record.requestBody = claudeCodeRequest(system, oldTools, {userMessage(quint32(i))});
        store.submit(record);
    }
    for (int i = 0; i < 10; ++i) {
        CallRecord record = makeRecord(QStringLiteral("new_%1").arg(i), now);
        record.requestBody = claudeCodeRequest(system, newTools, {userMessage(quint32(1000 + i))});
        newBodies.insert(record.requestId, record.requestBody);
        store.submit(record);
    }
    QVERIFY(store.flush());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM body_parts")), qint64(3 + 250 + 10));

    settings.retentionDays = 30;
    store.setRecordSettings(settings);
    store.runRetention();
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records")), qint64(10));
    // The old tools and messages went with their last record; the shared system prompt stays.
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM body_parts")), qint64(2 + 10));
    verifyCounterAndParts();
    verifyBodies(newBodies);

    // The store forgot the deleted parts: sending the old tools again stores them again.
    CallRecord again = makeRecord(QStringLiteral("old_tools_again"), now);
    again.requestBody = claudeCodeRequest(system, oldTools, {userMessage(0)});
    newBodies.insert(again.requestId, again.requestBody);
    store.submit(again);
    QVERIFY(store.flush());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM body_parts")), qint64(2 + 10 + 2));
    verifyCounterAndParts();
    verifyBodies(newBodies);
    QCOMPARE(m_folder->reader().integrityCheck(), QStringLiteral("ok"));
}

void TestStoredBodyParts::retentionBySizeCountsTheParts()
{
    RecordStore store;
    RecordSettings settings;
    settings.retentionDays = 0;
    settings.maxTotalBytes = 0;
    store.setRecordSettings(settings);
    QVERIFY(openStore(store));
    const QByteArray system = systemPrompt(1);
    const QByteArray tools = toolList(2);
    QHash<QString, QByteArray> bodies;
    for (int i = 0; i < 120; ++i) {
        CallRecord record = makeRecord(QStringLiteral("req_%1").arg(i, 3, 10, QLatin1Char('0')));
        // A message of its own in every record (random bytes as text: they hardly compress).
        const QByteArray own
            = R"({"role":"user","content":")" + StoreTest::randomBytes(3000, quint32(i)).toHex() + R"("})";
        record.requestBody = claudeCodeRequest(system, tools, {own});
        bodies.insert(record.requestId, record.requestBody);
        store.submit(record);
    }
    QVERIFY(store.flush());
    RecordQuery query(m_folder->reader());
    const qint64 storedBefore = query.storedBodyBytes();
    const qint64 perRecord = scalar(QStringLiteral("SELECT MAX(stored_size) FROM body_parts WHERE size < 7000"))
        + scalar(QStringLiteral("SELECT MAX(request_body_stored_size + response_body_stored_size) FROM records"));

    settings.maxTotalBytes = storedBefore / 3;
    store.setRecordSettings(settings);
    store.runRetention();
    const qint64 storedAfter = query.storedBodyBytes();
    QVERIFY2(storedAfter <= settings.maxTotalBytes, qPrintable(QString::number(storedAfter)));
    // Each record is deleted with what only it used, so no more is deleted than needed.
    QVERIFY2(storedAfter > settings.maxTotalBytes - perRecord,
        qPrintable(
            QStringLiteral("%1, limit %2, %3 per record").arg(storedAfter).arg(settings.maxTotalBytes).arg(perRecord)));
    const qint64 kept = scalar(QStringLiteral("SELECT COUNT(*) FROM records"));
    QVERIFY(kept > 0 && kept < 120);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records WHERE request_id = 'req_119'")), qint64(1));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM body_parts")), 2 + kept);
    verifyCounterAndParts();
    verifyBodies(bodies);

    // A limit nothing fits in: every record and every part goes, and the file shrinks.
    settings.maxTotalBytes = 1;
    store.setRecordSettings(settings);
    store.runRetention();
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records")), qint64(0));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM body_parts")), qint64(0));
    QCOMPARE(query.storedBodyBytes(), qint64(0));
    QCOMPARE(scalar(QStringLiteral("PRAGMA freelist_count")), qint64(0));
}

void TestStoredBodyParts::clearRecordsDeletesPartsAndForgetsThem()
{
    RecordStore store;
    store.setBatchWindowMs(60'000);
    QVERIFY(openStore(store));
    const QByteArray body = claudeCodeRequest(systemPrompt(1), toolList(2), {userMessage(3)});
    for (int i = 0; i < 5; ++i) {
        CallRecord record = makeRecord(QStringLiteral("before_%1").arg(i));
        record.requestBody = body;
        store.submit(record);
    }
    QVERIFY(store.flush());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM body_parts")), qint64(3));
    QSignalSpy cleared(&store, &RecordStore::recordsCleared);
    store.clearRecords();
    QTRY_COMPARE(cleared.size(), 1);
    QVERIFY(cleared.at(0).at(0).toBool());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM body_parts")), qint64(0));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM record_body_parts")), qint64(0));
    QCOMPARE(scalar(QStringLiteral("SELECT value FROM store_counters WHERE name = 'stored_body_bytes'")), qint64(0));

    // The same parts again: stored again (the store does not believe in parts it deleted).
    CallRecord record = makeRecord(QStringLiteral("after"));
    record.requestBody = body;
    store.submit(record);
    QVERIFY(store.flush());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM body_parts")), qint64(3));
    verifyBodies({{QStringLiteral("after"), body}});
    verifyCounterAndParts();
}

void TestStoredBodyParts::failedBatchesKeepTheirPartsOrForgetThem()
{
    RecordStore store;
    store.setBatchWindowMs(3'600'000); // retries only when asked, below
    QVERIFY(openStore(store));
    QString error;
    const QString createBodies = StoreTest::createTableStatement(QStringLiteral("record_bodies"));
    QVERIFY(!createBodies.isEmpty());
    const QByteArray system = systemPrompt(1);
    const QByteArray tools = toolList(2);
    const auto submit = [&](const QString &requestId, quint32 message) {
        CallRecord record = makeRecord(requestId);
        record.requestBody = claudeCodeRequest(system, tools, {userMessage(message)});
        store.submit(record);
        return record.requestBody;
    };

    // A batch that fails keeps its new parts for the next attempt, and later records may already use them.
    QVERIFY2(m_folder->reader().exec(QStringLiteral("DROP TABLE record_bodies"), &error), qPrintable(error));
    const QByteArray retried = submit(QStringLiteral("retried"), 1);
    QVERIFY(!store.flush());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM body_parts")), qint64(0)); // rolled back with the batch
    const QByteArray later = submit(QStringLiteral("later"), 2);
    QVERIFY(!store.flush());
    QVERIFY2(m_folder->reader().exec(createBodies, &error), qPrintable(error));
    QVERIFY(store.flush());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM body_parts")), qint64(4)); // system, tools, 2 messages
    verifyBodies({{QStringLiteral("retried"), retried}, {QStringLiteral("later"), later}});
    verifyCounterAndParts();

    // A batch given up after its last attempt takes its new parts with it: the store does not use them later.
    QVERIFY2(m_folder->reader().exec(QStringLiteral("DROP TABLE record_bodies"), &error), qPrintable(error));
    submit(QStringLiteral("given_up"), 3);
    for (int attempt = 1; attempt <= 5; ++attempt)
        QVERIFY(!store.flush());
    QCOMPARE(store.counters().dropped, qint64(1));
    QVERIFY2(m_folder->reader().exec(createBodies, &error), qPrintable(error));
    const QByteArray after = submit(QStringLiteral("after"), 3);
    QVERIFY(store.flush());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM records WHERE request_id = 'given_up'")), qint64(0));
    verifyBodies({{QStringLiteral("after"), after}});
    verifyCounterAndParts();
}

void TestStoredBodyParts::databaseOfVersion1IsMigratedAndStillRead()
{
    const QByteArray oldRequest = claudeCodeRequest(systemPrompt(1), toolList(2), {userMessage(3)});
    const QByteArray oldResponse = QByteArray(R"({"type":"message","usage":{"input_tokens":3,"output_tokens":4}})");
    const QByteArray zlibRequest = BodyCodec::compressZlib(oldRequest);
    const QByteArray zstdRequest = BodyCodec::compress(oldRequest);
    const QByteArray zlibResponse = BodyCodec::compressZlib(oldResponse);
    {
        Database v1;
        QString error;
        QVERIFY2(v1.openFile(Database::filePathIn(m_folder->path()), QStringLiteral("v1"),
                     StoreSchema::migrations().mid(0, 1), &error),
            qPrintable(error));
        QCOMPARE(v1.schemaVersion(), 1);
        QSqlQuery insert(v1.connection());
        QVERIFY(insert.prepare(QStringLiteral(
            "INSERT INTO records (request_id, started_at_ms, request_body_size, request_body_stored_size,"
            " response_body_size, response_body_stored_size, bodies_stored) VALUES (?, ?, ?, ?, ?, ?, 1)")));
        QSqlQuery bodies(v1.connection());
        QVERIFY(bodies.prepare(
            QStringLiteral("INSERT INTO record_bodies (record_id, request_body, response_body) VALUES (?, ?, ?)")));
        qint64 counter = 0;
        for (const QByteArray &storedRequest : {zlibRequest, zstdRequest}) {
            insert.addBindValue(storedRequest == zlibRequest ? QStringLiteral("v1_zlib") : QStringLiteral("v1_zstd"));
            insert.addBindValue(QDateTime::currentMSecsSinceEpoch());
            insert.addBindValue(qint64(oldRequest.size()));
            insert.addBindValue(qint64(storedRequest.size()));
            insert.addBindValue(qint64(oldResponse.size()));
            insert.addBindValue(qint64(zlibResponse.size()));
            QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
            bodies.addBindValue(insert.lastInsertId());
            bodies.addBindValue(storedRequest);
            bodies.addBindValue(zlibResponse);
            QVERIFY2(bodies.exec(), qPrintable(bodies.lastError().text()));
            counter += storedRequest.size() + zlibResponse.size();
        }
        QVERIFY(v1.exec(
            QStringLiteral("UPDATE store_counters SET value = %1 WHERE name = 'stored_body_bytes'").arg(counter),
            &error));
    }

    RecordStore store;
    QVERIFY(openStore(store));
    QCOMPARE(m_folder->reader().schemaVersion(), StoreSchema::latestVersion());
    CallRecord record = makeRecord(QStringLiteral("v2"));
    record.requestBody = oldRequest;
    store.submit(record);
    QVERIFY(store.flush());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM body_parts")), qint64(3)); // only the new record's
    verifyBodies({{QStringLiteral("v1_zlib"), oldRequest}, {QStringLiteral("v1_zstd"), oldRequest},
        {QStringLiteral("v2"), oldRequest}});
    RecordQuery query(m_folder->reader());
    const auto old = query.get(query.list(RecordFilter(), 0, 3).constLast().record.id);
    QVERIFY(old);
    QCOMPARE(old->record.responseBody, oldResponse);
    verifyCounterAndParts();
}

void TestStoredBodyParts::damagedOrMissingPartsAreReportedNotReturned()
{
    RecordStore store;
    QVERIFY(openStore(store));
    const QByteArray body = claudeCodeRequest(systemPrompt(1), toolList(2), {userMessage(3)});
    CallRecord record = makeRecord(QStringLiteral("damaged"));
    record.requestBody = body;
    store.submit(record);
    QVERIFY(store.flush());
    store.close();
    RecordQuery query(m_folder->reader());
    const qint64 id = query.list(RecordFilter(), 0, 1).constFirst().record.id;
    QString error;
    QVERIFY2(query.get(id, &error), qPrintable(error));
    const qint64 toolsPart = scalar(QStringLiteral("SELECT id FROM body_parts ORDER BY size DESC LIMIT 1"));

    // A part whose bytes are damaged.
    QVERIFY(m_folder->reader().exec(
        QStringLiteral("UPDATE body_parts SET data = X'28B52FFD0058' WHERE id = %1").arg(toolsPart), &error));
    QVERIFY(!query.get(id, &error));
    QVERIFY2(error.contains(QStringLiteral("damaged")), qPrintable(error));

    // A part that is missing (only possible behind the store's back).
    QVERIFY(m_folder->reader().exec(QStringLiteral("PRAGMA foreign_keys = OFF"), &error));
    QVERIFY(m_folder->reader().exec(QStringLiteral("DELETE FROM body_parts WHERE id = %1").arg(toolsPart), &error));
    error.clear();
    QVERIFY(!query.get(id, &error));
    QVERIFY2(error.contains(QStringLiteral("damaged")), qPrintable(error));

    // A part that is there, with other bytes of another length.
    QSqlQuery replace(m_folder->reader().connection());
    QVERIFY(
        replace.prepare(QStringLiteral("INSERT INTO body_parts (id, size, stored_size, data) VALUES (?, ?, ?, ?)")));
    const QByteArray other = toolList(9, 5000);
    replace.addBindValue(toolsPart);
    replace.addBindValue(qint64(other.size()));
    replace.addBindValue(qint64(BodyCodec::compress(other).size()));
    replace.addBindValue(BodyCodec::compress(other));
    QVERIFY(replace.exec());
    error.clear();
    QVERIFY(!query.get(id, &error));
    QVERIFY2(error.contains(QStringLiteral("damaged")), qPrintable(error));
}

void TestStoredBodyParts::exportHasTheWholeBodies()
{
    RecordStore store;
    QVERIFY(openStore(store));
    const QByteArray system = systemPrompt(1);
    const QByteArray tools = toolList(2);
    QList<QByteArray> bodies;
    for (int i = 0; i < 3; ++i) {
        CallRecord record = makeRecord(QStringLiteral("export_%1").arg(i));
        record.requestBody = claudeCodeRequest(system, tools, {userMessage(1), userMessage(quint32(10 + i))});
        bodies.append(record.requestBody);
        store.submit(record);
    }
    QVERIFY(store.flush());
    RecordQuery query(m_folder->reader());
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QString error;
    QCOMPARE(RecordExport::write(query, {}, RecordFilter(), &buffer, &error), qint64(3));
    const QList<QByteArray> lines = buffer.data().split('\n');
    for (int i = 0; i < 3; ++i) {
        const QJsonObject line = QJsonDocument::fromJson(lines.at(i)).object();
        QCOMPARE(line.value(QStringLiteral("request_id")).toString(), QStringLiteral("export_%1").arg(i));
        QCOMPARE(line.value(QStringLiteral("request_body")).toObject(), QJsonDocument::fromJson(bodies.at(i)).object());
    }
}

QTEST_GUILESS_MAIN(TestStoredBodyParts)
#include "TestStoredBodyParts.moc"
