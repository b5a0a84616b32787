#include "store/RecordWriter.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "common/Logging.h"
#include "store/AnthropicUsageReader.h"
#include "store/BodyCodec.h"
#include "store/BodyPartTable.h"
#include "store/RequestBodySplitter.h"
#include "store/SecretHeaderFilter.h"
#include "store/SplitBodyCodec.h"
#include "store/StoreSchema.h"
#include "store/UsageCounts.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

struct RecordWriter::PreparedRow
{
    CallRecord record; // bodies moved out
    QByteArray headersJson; // UTF-8
    QByteArray storedRequestBody;
    QByteArray storedResponseBody;
    qint64 requestBodySize = 0;
    qint64 responseBodySize = 0;
    bool bodiesStored = false;
    bool usageOnly = false; // records are off: the row only adds to the usage table
    QList<qint64> partIds; // distinct parts the request body uses
    std::vector<BodyPartTable::StoredPart> newParts; // the ones this row inserts

    // What the row adds to the database's body bytes: its own bodies and the parts it inserts.
    qint64 storedBytes() const
    {
        qint64 bytes = storedRequestBody.size() + storedResponseBody.size();
        for (const BodyPartTable::StoredPart &part : newParts)
            bytes += part.stored.size();
        return bytes;
    }
};

namespace {

// -1 means "not known" in CallRecord; the database says NULL.
void bindCountOrNull(SqliteStatement &statement, int position, qint64 value)
{
    if (value >= 0)
        statement.bindInteger(position, value);
    else
        statement.bindNull(position);
}

QString describe(const QSqlQuery &query)
{
    const QSqlError error = query.lastError();
    return error.databaseText().isEmpty() ? error.text() : error.databaseText();
}

} // namespace

RecordWriter::RecordWriter(std::shared_ptr<RecordQueue> queue, QObject *parent)
    : QObject(parent)
    , m_queue(std::move(queue))
    , m_windowTimer(this)
    , m_retentionTimer(this)
    , m_trimTimer(this)
{
    m_windowTimer.setSingleShot(true);
    connect(&m_windowTimer, &QTimer::timeout, this, [this] { writePending(); });
    m_retentionTimer.setInterval(kRetentionIntervalMs);
    m_trimTimer.setSingleShot(true);
    m_trimTimer.setInterval(kTrimAfterBurstMs);
    connect(&m_trimTimer, &QTimer::timeout, this, &RecordWriter::trimMemory);
    connect(&m_retentionTimer, &QTimer::timeout, this, &RecordWriter::startRetention);
}

RecordWriter::~RecordWriter()
{
    closeDatabase();
}

void RecordWriter::closeDatabase()
{
    // SQLite does not close a connection that still has prepared statements.
    m_insertRecord.finalize();
    m_insertBodies.finalize();
    m_updateCounter.finalize();
    m_insertPart.finalize();
    m_linkPart.finalize();
    m_addUsage.finalize();
    m_db.close();
}

bool RecordWriter::open(const QString &dataDir, QString *error)
{
    if (!m_db.open(dataDir, QStringLiteral("store"), error))
        return false;
    const std::optional<qint64> nextPartId = BodyPartTable(m_db.connection()).nextId(error);
    if (!nextPartId || !loadStoredBodyBytes(error)) {
        closeDatabase();
        return false;
    }
    m_nextPartId = *nextPartId;
    m_partCache.clear();
    m_partSweepNeeded = true;
    m_partSweepAfterId = 0;
    m_retentionTimer.start();
    startRetention();
    return true;
}

void RecordWriter::shutdown()
{
    writePending();
    if (!m_unwritten.empty()) {
        qCWarning(lcStore) << m_unwritten.size() << "records could not be written before closing";
        dropUnwrittenRows();
    }
    m_windowTimer.stop();
    m_retentionTimer.stop();
    m_trimTimer.stop();
    m_retentionPhase = RetentionPhase::Idle;
    if (m_db.isOpen())
        m_db.checkpoint();
    closeDatabase();
}

bool RecordWriter::loadStoredBodyBytes(QString *error)
{
    QSqlQuery query(m_db.connection());
    query.prepare(QStringLiteral("SELECT value FROM store_counters WHERE name = ?"));
    query.addBindValue(QString::fromLatin1(StoreSchema::kStoredBodyBytesCounter));
    if (!query.exec() || !query.next()) {
        if (error)
            *error = QStringLiteral("cannot read the store counters: %1").arg(describe(query));
        return false;
    }
    m_storedBodyBytes = query.value(0).toLongLong();
    return true;
}

void RecordWriter::onWake(RecordQueue::Wake wake)
{
    if (!m_db.isOpen())
        return;
    switch (wake) {
    case RecordQueue::Wake::StartWindow:
        if (!m_windowTimer.isActive())
            m_windowTimer.start(m_queue->batchWindowMs());
        break;
    case RecordQueue::Wake::WriteNow:
        writePending();
        break;
    case RecordQueue::Wake::RetentionLimitsChanged:
        startRetention();
        break;
    }
}

RecordWriter::PreparedRow RecordWriter::prepare(PendingRecord &&pending)
{
    PreparedRow row;
    row.record = std::move(pending.record);
    CallRecord &record = row.record;
    row.requestBodySize = pending.requestBodySize;
    row.responseBodySize = pending.responseBodySize;
    row.usageOnly = pending.usageOnly;

    if (!record.usage.isKnown() && !record.responseBody.isEmpty())
        record.usage = AnthropicUsageReader::read(record.responseBody);
    if (!record.startedAt.isValid())
        record.startedAt = QDateTime::currentDateTimeUtc();
    if (row.usageOnly) {
        record.responseBody = QByteArray();
        return row;
    }

    bool removedSecrets = false;
    const QByteArray headers = SecretHeaderFilter::strip(record.requestHeadersJson, &removedSecrets);
    if (removedSecrets)
        qCWarning(lcStore) << "secret headers removed from the record of request" << record.requestId;
    row.headersJson = headers;
    record.requestHeadersJson = QByteArray();

    if (pending.storeBodies) {
        row.storedRequestBody = storeRequestBody(record.requestBody, &row);
        row.storedResponseBody = BodyCodec::compress(record.responseBody);
        row.bodiesStored = true;
    }
    record.requestBody = QByteArray();
    record.responseBody = QByteArray();
    return row;
}

QByteArray RecordWriter::storeRequestBody(QByteArrayView body, PreparedRow *row)
{
    const QList<BodySpan> parts = RequestBodySplitter::findParts(body);
    if (parts.isEmpty())
        return BodyCodec::compress(body);
    QList<qint64> ids;
    ids.reserve(parts.size());
    for (const BodySpan &span : parts) {
        const QByteArrayView bytes = body.sliced(span.offset, span.length);
        std::optional<qint64> id = m_partCache.find(bytes);
        if (!id) {
            // New (or forgotten): stored with this row. Later rows find it in the cache even before it is
            // committed; they are written after this one, in the same transaction or a later one.
            id = m_nextPartId++;
            row->newParts.push_back(BodyPartTable::StoredPart {*id, span.length, BodyCodec::compress(bytes)});
            m_partCache.insert(*id, bytes);
        }
        ids.append(*id);
        if (!row->partIds.contains(*id))
            row->partIds.append(*id);
    }
    return SplitBodyCodec::encode(body, parts, ids);
}

QSet<qint64> RecordWriter::partsOfUnwrittenRows() const
{
    QSet<qint64> ids;
    for (const PreparedRow &row : m_unwritten) {
        for (const qint64 id : row.partIds)
            ids.insert(id);
    }
    return ids;
}

void RecordWriter::dropUnwrittenRows()
{
    m_queue->addDropped(qint64(m_unwritten.size()));
    // The parts they would have inserted do not exist: no later row may refer to them.
    for (const PreparedRow &row : m_unwritten) {
        for (const BodyPartTable::StoredPart &part : row.newParts)
            m_partCache.remove(part.id);
    }
    m_unwritten.clear();
}

bool RecordWriter::clearAll(QString *error)
{
    if (!m_db.isOpen()) {
        if (error)
            *error = QStringLiteral("the records database is not open");
        return false;
    }
    writePending();
    if (!m_unwritten.empty()) {
        // Submitted before the clear, so deleted with everything else (and they may use parts deleted now).
        qCWarning(lcStore) << m_unwritten.size() << "records that could not be written are dropped by the clear";
        dropUnwrittenRows();
        m_failedAttempts = 0;
    }
    Database::WriteTransaction transaction(m_db);
    if (!transaction.begin(error) || !m_db.exec(QStringLiteral("DELETE FROM record_body_parts"), error)
        || !m_db.exec(QStringLiteral("DELETE FROM record_bodies"), error)
        || !m_db.exec(QStringLiteral("DELETE FROM records"), error)
        || !m_db.exec(QStringLiteral("DELETE FROM body_parts"), error)
        || !m_db.exec(QStringLiteral("UPDATE store_counters SET value = 0 WHERE name = '%1'")
                          .arg(QLatin1String(StoreSchema::kStoredBodyBytesCounter)),
            error)
        || !transaction.commit(error))
        return false;
    m_storedBodyBytes = 0;
    m_bytesSinceRetention = 0;
    m_partCache.clear();
    m_partSweepNeeded = false;
    m_partSweepAfterId = 0;
    while (m_db.reclaimFreePages(kVacuumChunkPages) > 0) { }
    m_db.checkpoint();
    qCInfo(lcStore) << "every record deleted";
    return true;
}

bool RecordWriter::writePending()
{
    m_windowTimer.stop();
    if (!m_db.isOpen())
        return false;
    std::deque<PendingRecord> batch = m_queue->takeAll();
    m_unwritten.reserve(m_unwritten.size() + batch.size());
    for (PendingRecord &pending : batch)
        m_unwritten.push_back(prepare(std::move(pending)));
    batch.clear();
    if (m_unwritten.empty())
        return true;

    QList<qint64> ids;
    QString error;
    if (!insertRows(m_unwritten, &ids, &error)) {
        ++m_failedAttempts;
        const QString message = QStringLiteral("cannot write %1 records (attempt %2 of %3): %4")
                                    .arg(m_unwritten.size())
                                    .arg(m_failedAttempts)
                                    .arg(kMaxWriteAttempts)
                                    .arg(error);
        qCWarning(lcStore).noquote() << message;
        if (m_failedAttempts >= kMaxWriteAttempts) {
            qCCritical(lcStore) << "dropping" << m_unwritten.size() << "records that could not be written";
            dropUnwrittenRows();
            m_failedAttempts = 0;
        } else {
            m_windowTimer.start(m_queue->batchWindowMs());
        }
        Q_EMIT writeFailed(message);
        return false;
    }

    qint64 storedBytes = 0;
    for (const PreparedRow &row : m_unwritten)
        storedBytes += row.storedBytes();
    m_unwritten.clear();
    m_failedAttempts = 0;
    m_storedBodyBytes += storedBytes;
    m_bytesSinceRetention += storedBytes;
    qCDebug(lcStore) << "stored" << ids.size() << "records," << storedBytes << "body bytes";
    Q_EMIT batchCommitted(ids);
#ifdef __GLIBC__
    // After a burst the allocator keeps the queue's peak in the process; give it back once the burst is over.
    // malloc_trim() locks every thread's arena while it walks them (milliseconds after a large burst), which
    // would stall the proxy thread in the middle of requests, so it waits until no batch has come for a while:
    // under steady traffic every batch restarts the wait.
    if (ids.size() >= 256)
        m_backlogSinceTrim = true;
    if (m_backlogSinceTrim)
        m_trimTimer.start();
#endif

    if (m_bytesSinceRetention >= retentionTriggerBytes())
        startRetention();
    return true;
}

bool RecordWriter::prepareStatements(QString *error)
{
    const struct
    {
        SqliteStatement &statement;
        const char *sql;
    } statements[] = {
        {m_insertRecord,
            "INSERT INTO records (request_id, started_at_ms, client_key_id, method, endpoint, session_id,"
            " routing_mode, route_json, platform_id, requested_model, upstream_model, stream, status,"
            " upstream_status, duration_us, first_byte_us, upstream_duration_us, input_tokens, output_tokens,"
            " cache_read_input_tokens, cache_creation_input_tokens, request_headers_json, request_body_size,"
            " request_body_stored_size, response_body_size, response_body_stored_size, bodies_stored,"
            " error_type, error_message, client_cancelled)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
        {m_insertBodies, "INSERT INTO record_bodies (record_id, request_body, response_body) VALUES (?, ?, ?)"},
        {m_updateCounter, "UPDATE store_counters SET value = value + ? WHERE name = ?"},
        {m_insertPart, "INSERT INTO body_parts (id, size, stored_size, data) VALUES (?, ?, ?, ?)"},
        {m_linkPart, "INSERT INTO record_body_parts (record_id, part_id) VALUES (?, ?)"},
        {m_addUsage,
            "INSERT INTO usage_quarter_hours (quarter_hour, platform_id, upstream_model, client_key_id, calls,"
            " failed_calls, input_tokens, output_tokens, cache_read_input_tokens, cache_creation_input_tokens)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (quarter_hour, platform_id, upstream_model, client_key_id) DO UPDATE SET"
            " calls = calls + excluded.calls, failed_calls = failed_calls + excluded.failed_calls,"
            " input_tokens = input_tokens + excluded.input_tokens,"
            " output_tokens = output_tokens + excluded.output_tokens,"
            " cache_read_input_tokens = cache_read_input_tokens + excluded.cache_read_input_tokens,"
            " cache_creation_input_tokens = cache_creation_input_tokens + excluded.cache_creation_input_tokens"},
    };
    sqlite3 *connection = nullptr;
    for (const auto &entry : statements) {
        if (entry.statement.isPrepared())
            continue;
        if (!connection && !(connection = m_db.sqliteHandle(error)))
            return false;
        if (!entry.statement.prepare(connection, entry.sql, error))
            return false;
    }
    return true;
}

bool RecordWriter::insertRows(const std::vector<PreparedRow> &rows, QList<qint64> *ids, QString *error)
{
    Database::WriteTransaction transaction(m_db);
    if (!transaction.begin(error))
        return false;

    if (!prepareStatements(error))
        return false;

    ids->clear();
    ids->reserve(qsizetype(rows.size()));
    qint64 storedBytes = 0;
    UsageCounts usage;
    for (const PreparedRow &row : rows) {
        usage.add(row.record);
        if (row.usageOnly)
            continue;
        for (const BodyPartTable::StoredPart &part : row.newParts) {
            m_insertPart.bindInteger(1, part.id);
            m_insertPart.bindInteger(2, part.size);
            m_insertPart.bindInteger(3, qint64(part.stored.size()));
            m_insertPart.bindBlob(4, part.stored);
            if (!m_insertPart.execute(error))
                return false;
        }
        const CallRecord &r = row.record;
        SqliteStatement &insert = m_insertRecord;
        int i = 1;
        insert.bindText(i++, r.requestId);
        insert.bindInteger(i++, r.startedAt.toMSecsSinceEpoch());
        insert.bindText(i++, r.clientKeyId);
        insert.bindText(i++, r.method);
        insert.bindText(i++, r.endpoint);
        insert.bindText(i++, r.sessionId);
        insert.bindText(i++, r.routingMode);
        insert.bindText(i++, r.routeJson);
        insert.bindText(i++, r.platformId);
        insert.bindText(i++, r.requestedModel);
        insert.bindText(i++, r.upstreamModel);
        insert.bindInteger(i++, r.stream ? 1 : 0);
        insert.bindInteger(i++, r.status);
        insert.bindInteger(i++, r.upstreamStatus);
        insert.bindInteger(i++, r.durationUs);
        bindCountOrNull(insert, i++, r.firstByteUs);
        bindCountOrNull(insert, i++, r.upstreamDurationUs);
        bindCountOrNull(insert, i++, r.usage.inputTokens);
        bindCountOrNull(insert, i++, r.usage.outputTokens);
        bindCountOrNull(insert, i++, r.usage.cacheReadInputTokens);
        bindCountOrNull(insert, i++, r.usage.cacheCreationInputTokens);
        insert.bindUtf8(i++, row.headersJson);
        insert.bindInteger(i++, row.requestBodySize);
        insert.bindInteger(i++, qint64(row.storedRequestBody.size()));
        insert.bindInteger(i++, row.responseBodySize);
        insert.bindInteger(i++, qint64(row.storedResponseBody.size()));
        insert.bindInteger(i++, row.bodiesStored ? 1 : 0);
        insert.bindText(i++, r.errorType);
        insert.bindText(i++, r.errorMessage);
        insert.bindInteger(i++, r.clientCancelled ? 1 : 0);
        if (!insert.execute(error))
            return false;
        const qint64 id = insert.lastInsertRowId();
        ids->append(id);
        if (row.bodiesStored) {
            m_insertBodies.bindInteger(1, id);
            m_insertBodies.bindBlob(2, row.storedRequestBody);
            m_insertBodies.bindBlob(3, row.storedResponseBody);
            if (!m_insertBodies.execute(error))
                return false;
            for (const qint64 partId : row.partIds) {
                m_linkPart.bindInteger(1, id);
                m_linkPart.bindInteger(2, partId);
                if (!m_linkPart.execute(error))
                    return false;
            }
            storedBytes += row.storedBytes();
        }
    }
    for (const auto &[key, sums] : usage.buckets()) {
        int i = 1;
        m_addUsage.bindInteger(i++, key.quarterHour);
        m_addUsage.bindText(i++, key.platformId);
        m_addUsage.bindText(i++, key.upstreamModel);
        m_addUsage.bindText(i++, key.clientKeyId);
        for (const qint64 value : sums.values())
            m_addUsage.bindInteger(i++, value);
        if (!m_addUsage.execute(error))
            return false;
    }
    if (storedBytes > 0) {
        m_updateCounter.bindInteger(1, storedBytes);
        m_updateCounter.bindUtf8(2, QByteArray(StoreSchema::kStoredBodyBytesCounter));
        if (!m_updateCounter.execute(error))
            return false;
    }
    return transaction.commit(error);
}

// --- Retention ----------------------------------------------------------------------------------------

qint64 RecordWriter::retentionTriggerBytes() const
{
    // Check again after a sixteenth of the size limit was written (between 64 KB and 32 MB), so the store
    // never overshoots its limit by much.
    const qint64 limit = m_queue->settings().maxTotalBytes;
    if (limit <= 0)
        return 32LL * 1024 * 1024;
    return qBound<qint64>(64 * 1024, limit / 16, 32LL * 1024 * 1024);
}

void RecordWriter::startRetention()
{
    if (!m_db.isOpen())
        return;
    if (m_retentionPhase != RetentionPhase::Idle) {
        // Another run follows this one, with the settings and the data of then.
        m_retentionRequestedDuringRun = true;
        return;
    }
    beginRetentionRun();
    if (!m_retentionStepScheduled) {
        m_retentionStepScheduled = true;
        QTimer::singleShot(0, this, &RecordWriter::retentionStep);
    }
}

void RecordWriter::beginRetentionRun()
{
    m_retentionSettings = m_queue->settings();
    m_retentionRequestedDuringRun = false;
    m_retentionPhase = RetentionPhase::ByAge;
    m_retentionDeleted = 0;
    m_bytesSinceRetention = 0;
    QString error;
    if (!loadStoredBodyBytes(&error))
        qCWarning(lcStore) << error;
}

void RecordWriter::retentionStep()
{
    m_retentionStepScheduled = false;
    if (m_retentionPhase == RetentionPhase::Idle)
        return;
    if (runRetentionStep()) {
        // Let batches of new records in between steps.
        m_retentionStepScheduled = true;
        QTimer::singleShot(0, this, &RecordWriter::retentionStep);
    }
}

void RecordWriter::runRetentionToCompletion()
{
    if (!m_db.isOpen())
        return;
    // A fresh run, with the settings of now (a run in steps that was under way is superseded).
    beginRetentionRun();
    // Bounded: each step deletes at least one record or moves to the next phase.
    while (runRetentionStep()) { }
}

bool RecordWriter::runRetentionStep()
{
    QString error;
    switch (m_retentionPhase) {
    case RetentionPhase::Idle:
        return false;
    case RetentionPhase::ByAge: {
        if (m_retentionSettings.retentionDays <= 0) {
            m_retentionPhase = RetentionPhase::PartSweep;
            return true;
        }
        const int deleted = deleteOldRecords(true, &error);
        if (deleted < 0) {
            qCWarning(lcStore) << "retention by age failed:" << error;
            m_retentionPhase = RetentionPhase::PartSweep;
        } else if (deleted == 0) {
            m_retentionPhase = RetentionPhase::PartSweep;
        }
        return true;
    }
    case RetentionPhase::PartSweep: {
        // Before retention by size, which must not count parts that nothing uses.
        if (!m_partSweepNeeded) {
            m_retentionPhase = RetentionPhase::BySize;
            return true;
        }
        const int looked = sweepUnusedParts(&error);
        if (looked < 0)
            qCWarning(lcStore) << "looking for unused body parts failed:" << error;
        if (looked < kPartSweepChunk)
            m_retentionPhase = RetentionPhase::BySize;
        return true;
    }
    case RetentionPhase::BySize: {
        if (m_retentionSettings.maxTotalBytes <= 0 || m_storedBodyBytes <= m_retentionSettings.maxTotalBytes) {
            m_retentionPhase = RetentionPhase::Vacuum;
            return true;
        }
        const int deleted = deleteOldRecords(false, &error);
        if (deleted < 0) {
            qCWarning(lcStore) << "retention by size failed:" << error;
            m_retentionPhase = RetentionPhase::Vacuum;
        } else if (deleted == 0) {
            m_retentionPhase = RetentionPhase::Vacuum;
        }
        return true;
    }
    case RetentionPhase::Vacuum: {
        const bool deletedAnything = m_retentionDeleted > 0 || m_retentionDeletedParts > 0;
        const int freed = deletedAnything ? m_db.reclaimFreePages(kVacuumChunkPages) : 0;
        if (freed < kVacuumChunkPages)
            m_retentionPhase = RetentionPhase::Checkpoint;
        return true;
    }
    case RetentionPhase::Checkpoint:
        if (m_retentionDeleted > 0 || m_retentionDeletedParts > 0) {
            if (!m_db.checkpoint(&error))
                qCDebug(lcStore) << "checkpoint after retention:" << error;
            qCInfo(lcStore) << "retention removed" << m_retentionDeleted << "records and" << m_retentionDeletedParts
                            << "body parts";
        }
        m_retentionPhase = RetentionPhase::Idle;
        if (m_retentionRequestedDuringRun) {
            beginRetentionRun();
            return true;
        }
        return false;
    }
    return false;
}

int RecordWriter::deleteOldRecords(bool byAge, QString *error)
{
    Database::WriteTransaction transaction(m_db);
    if (!transaction.begin(error))
        return -1;

    QSqlQuery select(m_db.connection());
    select.setForwardOnly(true);
    if (byAge) {
        const qint64 cutoffMs
            = QDateTime::currentMSecsSinceEpoch() - qint64(m_retentionSettings.retentionDays) * 24 * 3600 * 1000;
        select.prepare(QStringLiteral("SELECT id, request_body_stored_size + response_body_stored_size FROM records"
                                      " WHERE started_at_ms < ? ORDER BY started_at_ms LIMIT ?"));
        select.addBindValue(cutoffMs);
    } else {
        select.prepare(QStringLiteral("SELECT id, request_body_stored_size + response_body_stored_size FROM records"
                                      " ORDER BY id LIMIT ?"));
    }
    select.addBindValue(kRetentionChunkRecords);
    if (!select.exec()) {
        if (error)
            *error = describe(select);
        return -1;
    }
    QList<std::pair<qint64, qint64>> candidates; // id, stored bytes of its own bodies
    while (select.next())
        candidates.append({select.value(0).toLongLong(), select.value(1).toLongLong()});
    select.finish();
    if (candidates.isEmpty())
        return 0;

    // One record at a time, each with the parts that only it still used, so that what is freed is known
    // exactly before the next one is chosen.
    const qint64 excess = m_storedBodyBytes - m_retentionSettings.maxTotalBytes;
    BodyPartTable parts(m_db.connection());
    QSqlQuery remove(m_db.connection());
    remove.prepare(QStringLiteral("DELETE FROM records WHERE id = ?"));
    PartDeletion partDeletion {partsOfUnwrittenRows()};
    qsizetype deletedRecords = 0;
    qint64 freedBytes = 0;
    for (const auto &[id, ownBytes] : std::as_const(candidates)) {
        if (!byAge && freedBytes >= excess)
            break;
        if (deletedRecords > 0 && freedBytes >= kRetentionChunkBytes)
            break;
        const std::optional<QList<qint64>> used = parts.partsOf(id, error);
        if (!used)
            return -1;
        remove.bindValue(0, id);
        if (!remove.exec()) {
            if (error)
                *error = describe(remove);
            return -1;
        }
        ++deletedRecords;
        freedBytes += ownBytes;
        if (!deleteUnusedParts(parts, *used, &partDeletion, &freedBytes, error))
            return -1;
    }
    remove.finish();
    if (partDeletion.keptSome)
        m_partSweepNeeded = true; // looked at again once those rows are written
    if (!subtractStoredBytes(freedBytes, error) || !transaction.commit(error))
        return -1;
    m_storedBodyBytes -= freedBytes;
    m_retentionDeleted += deletedRecords;
    m_retentionDeletedParts += partDeletion.deleted;
    return int(deletedRecords);
}

int RecordWriter::sweepUnusedParts(QString *error)
{
    Database::WriteTransaction transaction(m_db);
    if (!transaction.begin(error))
        return -1;
    BodyPartTable parts(m_db.connection());
    const std::optional<QList<qint64>> ids = parts.idsAfter(m_partSweepAfterId, kPartSweepChunk, error);
    if (!ids)
        return -1;
    PartDeletion partDeletion {partsOfUnwrittenRows()};
    qint64 freedBytes = 0;
    if (!deleteUnusedParts(parts, *ids, &partDeletion, &freedBytes, error) || !subtractStoredBytes(freedBytes, error)
        || !transaction.commit(error))
        return -1;
    m_storedBodyBytes -= freedBytes;
    m_retentionDeletedParts += partDeletion.deleted;
    if (ids->size() < kPartSweepChunk) {
        // Every part was looked at: done, unless some had to be kept for rows still waiting to be written.
        m_partSweepAfterId = 0;
        m_partSweepNeeded = partDeletion.keptSome;
    } else {
        m_partSweepAfterId = ids->constLast();
    }
    if (partDeletion.deleted > 0)
        qCDebug(lcStore) << "deleted" << partDeletion.deleted << "body parts no record uses";
    return int(ids->size());
}

bool RecordWriter::deleteUnusedParts(
    BodyPartTable &parts, const QList<qint64> &candidates, PartDeletion *deletion, qint64 *freedBytes, QString *error)
{
    for (const qint64 partId : candidates) {
        if (deletion->kept.contains(partId)) {
            deletion->keptSome = true;
            continue;
        }
        const int deleted = parts.deleteIfUnused(partId, freedBytes, error);
        if (deleted < 0)
            return false;
        if (deleted > 0) {
            ++deletion->deleted;
            // Never found again, even if the transaction does not commit (the part is then only stored again).
            m_partCache.remove(partId);
        }
    }
    return true;
}

bool RecordWriter::subtractStoredBytes(qint64 bytes, QString *error)
{
    if (bytes == 0)
        return true;
    QSqlQuery updateCounter(m_db.connection());
    updateCounter.prepare(QStringLiteral("UPDATE store_counters SET value = value - ? WHERE name = ?"));
    updateCounter.addBindValue(bytes);
    updateCounter.addBindValue(QString::fromLatin1(StoreSchema::kStoredBodyBytesCounter));
    if (!updateCounter.exec()) {
        if (error)
            *error = describe(updateCounter);
        return false;
    }
    return true;
}

void RecordWriter::trimMemory()
{
#ifdef __GLIBC__
    if (m_queue->pendingCount() > 0) {
        m_trimTimer.start(); // still busy: wait for the end of the burst
        return;
    }
    malloc_trim(0);
    m_backlogSinceTrim = false;
#endif
}
