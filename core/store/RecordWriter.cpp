#include "store/RecordWriter.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "common/Logging.h"
#include "store/AnthropicUsageReader.h"
#include "store/BodyCodec.h"
#include "store/SecretHeaderFilter.h"
#include "store/StoreSchema.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

struct RecordWriter::PreparedRow
{
    CallRecord record; // bodies moved out
    QString headersJson;
    QByteArray storedRequestBody;
    QByteArray storedResponseBody;
    qint64 requestBodySize = 0;
    qint64 responseBodySize = 0;
    bool bodiesStored = false;

    qint64 storedBytes() const { return storedRequestBody.size() + storedResponseBody.size(); }
};

namespace {

// A null QString binds as SQL NULL; the text columns are NOT NULL.
QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QString(QLatin1String(""))) : QVariant(value);
}

// -1 means "not known" in CallRecord; the database says NULL.
QVariant countOrNull(qint64 value)
{
    return value >= 0 ? QVariant(value) : QVariant();
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
{
    m_windowTimer.setSingleShot(true);
    connect(&m_windowTimer, &QTimer::timeout, this, [this] { writePending(); });
    m_retentionTimer.setInterval(kRetentionIntervalMs);
    connect(&m_retentionTimer, &QTimer::timeout, this, &RecordWriter::startRetention);
}

RecordWriter::~RecordWriter()
{
    m_db.close();
}

bool RecordWriter::open(const QString &dataDir, QString *error)
{
    if (!m_db.open(dataDir, QStringLiteral("store"), error))
        return false;
    if (!loadStoredBodyBytes(error)) {
        m_db.close();
        return false;
    }
    m_retentionTimer.start();
    startRetention();
    return true;
}

void RecordWriter::shutdown()
{
    writePending();
    if (!m_unwritten.empty()) {
        qCWarning(lcStore) << m_unwritten.size() << "records could not be written before closing";
        m_queue->addDropped(qint64(m_unwritten.size()));
        m_unwritten.clear();
    }
    m_windowTimer.stop();
    m_retentionTimer.stop();
    m_retentionPhase = RetentionPhase::Idle;
    if (m_db.isOpen())
        m_db.checkpoint();
    m_db.close();
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

RecordWriter::PreparedRow RecordWriter::prepare(PendingRecord &&pending) const
{
    PreparedRow row;
    row.record = std::move(pending.record);
    CallRecord &record = row.record;
    row.requestBodySize = pending.requestBodySize;
    row.responseBodySize = pending.responseBodySize;

    if (!record.usage.isKnown() && !record.responseBody.isEmpty())
        record.usage = AnthropicUsageReader::read(record.responseBody);

    bool removedSecrets = false;
    const QByteArray headers = SecretHeaderFilter::strip(record.requestHeadersJson, &removedSecrets);
    if (removedSecrets)
        qCWarning(lcStore) << "secret headers removed from the record of request" << record.requestId;
    row.headersJson = QString::fromUtf8(headers);
    record.requestHeadersJson = QByteArray();

    if (pending.storeBodies) {
        row.storedRequestBody = BodyCodec::compress(record.requestBody);
        row.storedResponseBody = BodyCodec::compress(record.responseBody);
        row.bodiesStored = true;
    }
    record.requestBody = QByteArray();
    record.responseBody = QByteArray();
    if (!record.startedAt.isValid())
        record.startedAt = QDateTime::currentDateTimeUtc();
    return row;
}

bool RecordWriter::clearAll(QString *error)
{
    if (!m_db.isOpen()) {
        if (error)
            *error = QStringLiteral("the records database is not open");
        return false;
    }
    writePending();
    Database::WriteTransaction transaction(m_db);
    if (!transaction.begin(error) || !m_db.exec(QStringLiteral("DELETE FROM record_bodies"), error)
        || !m_db.exec(QStringLiteral("DELETE FROM records"), error)
        || !m_db.exec(QStringLiteral("UPDATE store_counters SET value = 0 WHERE name = '%1'")
                          .arg(QLatin1String(StoreSchema::kStoredBodyBytesCounter)),
            error)
        || !transaction.commit(error))
        return false;
    m_storedBodyBytes = 0;
    m_bytesSinceRetention = 0;
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
            m_queue->addDropped(qint64(m_unwritten.size()));
            m_unwritten.clear();
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
    // After a burst the allocator keeps the queue's peak in the process; give it back once the queue is empty
    // (the batch that empties it is often a small one, the burst's tail).
    if (ids.size() >= 256)
        m_backlogSinceTrim = true;
    if (m_backlogSinceTrim && m_queue->pendingCount() == 0) {
        malloc_trim(0);
        m_backlogSinceTrim = false;
    }
#endif

    if (m_bytesSinceRetention >= retentionTriggerBytes())
        startRetention();
    return true;
}

bool RecordWriter::insertRows(const std::vector<PreparedRow> &rows, QList<qint64> *ids, QString *error)
{
    Database::WriteTransaction transaction(m_db);
    if (!transaction.begin(error))
        return false;

    QSqlQuery insertRecord(m_db.connection());
    QSqlQuery insertBodies(m_db.connection());
    QSqlQuery updateCounter(m_db.connection());
    if (!insertRecord.prepare(QStringLiteral(
            "INSERT INTO records (request_id, started_at_ms, client_key_id, method, endpoint, session_id,"
            " routing_mode, route_json, platform_id, requested_model, upstream_model, stream, status,"
            " upstream_status, duration_us, first_byte_us, upstream_duration_us, input_tokens, output_tokens,"
            " cache_read_input_tokens, cache_creation_input_tokens, request_headers_json, request_body_size,"
            " request_body_stored_size, response_body_size, response_body_stored_size, bodies_stored,"
            " error_type, error_message, client_cancelled)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))
        || !insertBodies.prepare(
            QStringLiteral("INSERT INTO record_bodies (record_id, request_body, response_body) VALUES (?, ?, ?)"))
        || !updateCounter.prepare(QStringLiteral("UPDATE store_counters SET value = value + ? WHERE name = ?"))) {
        if (error)
            *error = describe(insertRecord.lastError().isValid() ? insertRecord
                    : insertBodies.lastError().isValid()         ? insertBodies
                                                                 : updateCounter);
        return false;
    }

    ids->clear();
    ids->reserve(qsizetype(rows.size()));
    qint64 storedBytes = 0;
    for (const PreparedRow &row : rows) {
        const CallRecord &r = row.record;
        int i = 0;
        insertRecord.bindValue(i++, text(r.requestId));
        insertRecord.bindValue(i++, r.startedAt.toMSecsSinceEpoch());
        insertRecord.bindValue(i++, text(r.clientKeyId));
        insertRecord.bindValue(i++, text(r.method));
        insertRecord.bindValue(i++, text(r.endpoint));
        insertRecord.bindValue(i++, text(r.sessionId));
        insertRecord.bindValue(i++, text(r.routingMode));
        insertRecord.bindValue(i++, text(r.routeJson));
        insertRecord.bindValue(i++, text(r.platformId));
        insertRecord.bindValue(i++, text(r.requestedModel));
        insertRecord.bindValue(i++, text(r.upstreamModel));
        insertRecord.bindValue(i++, r.stream ? 1 : 0);
        insertRecord.bindValue(i++, r.status);
        insertRecord.bindValue(i++, r.upstreamStatus);
        insertRecord.bindValue(i++, r.durationUs);
        insertRecord.bindValue(i++, countOrNull(r.firstByteUs));
        insertRecord.bindValue(i++, countOrNull(r.upstreamDurationUs));
        insertRecord.bindValue(i++, countOrNull(r.usage.inputTokens));
        insertRecord.bindValue(i++, countOrNull(r.usage.outputTokens));
        insertRecord.bindValue(i++, countOrNull(r.usage.cacheReadInputTokens));
        insertRecord.bindValue(i++, countOrNull(r.usage.cacheCreationInputTokens));
        insertRecord.bindValue(i++, text(row.headersJson));
        insertRecord.bindValue(i++, row.requestBodySize);
        insertRecord.bindValue(i++, qint64(row.storedRequestBody.size()));
        insertRecord.bindValue(i++, row.responseBodySize);
        insertRecord.bindValue(i++, qint64(row.storedResponseBody.size()));
        insertRecord.bindValue(i++, row.bodiesStored ? 1 : 0);
        insertRecord.bindValue(i++, text(r.errorType));
        insertRecord.bindValue(i++, text(r.errorMessage));
        insertRecord.bindValue(i++, r.clientCancelled ? 1 : 0);
        if (!insertRecord.exec()) {
            if (error)
                *error = describe(insertRecord);
            return false;
        }
        const qint64 id = insertRecord.lastInsertId().toLongLong();
        ids->append(id);
        if (row.bodiesStored) {
            insertBodies.bindValue(0, id);
            insertBodies.bindValue(1, row.storedRequestBody);
            insertBodies.bindValue(2, row.storedResponseBody);
            if (!insertBodies.exec()) {
                if (error)
                    *error = describe(insertBodies);
                return false;
            }
            storedBytes += row.storedBytes();
        }
    }
    if (storedBytes > 0) {
        updateCounter.bindValue(0, storedBytes);
        updateCounter.bindValue(1, QString::fromLatin1(StoreSchema::kStoredBodyBytesCounter));
        if (!updateCounter.exec()) {
            if (error)
                *error = describe(updateCounter);
            return false;
        }
    }
    insertRecord.finish();
    insertBodies.finish();
    updateCounter.finish();
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
            m_retentionPhase = RetentionPhase::BySize;
            return true;
        }
        const int deleted = deleteOldRecords(true, &error);
        if (deleted < 0) {
            qCWarning(lcStore) << "retention by age failed:" << error;
            m_retentionPhase = RetentionPhase::BySize;
        } else if (deleted == 0) {
            m_retentionPhase = RetentionPhase::BySize;
        }
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
        const int freed = m_retentionDeleted > 0 ? m_db.reclaimFreePages(kVacuumChunkPages) : 0;
        if (freed < kVacuumChunkPages)
            m_retentionPhase = RetentionPhase::Checkpoint;
        return true;
    }
    case RetentionPhase::Checkpoint:
        if (m_retentionDeleted > 0) {
            if (!m_db.checkpoint(&error))
                qCDebug(lcStore) << "checkpoint after retention:" << error;
            qCInfo(lcStore) << "retention removed" << m_retentionDeleted << "records";
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
    QList<qint64> ids;
    qint64 freedBytes = 0;
    const qint64 excess = m_storedBodyBytes - m_retentionSettings.maxTotalBytes;
    while (select.next()) {
        if (!byAge && freedBytes >= excess)
            break;
        if (!ids.isEmpty() && freedBytes >= kRetentionChunkBytes)
            break;
        ids.append(select.value(0).toLongLong());
        freedBytes += select.value(1).toLongLong();
    }
    select.finish();
    if (ids.isEmpty())
        return 0;

    QSqlQuery remove(m_db.connection());
    remove.prepare(QStringLiteral("DELETE FROM records WHERE id = ?"));
    for (const qint64 id : std::as_const(ids)) {
        remove.bindValue(0, id);
        if (!remove.exec()) {
            if (error)
                *error = describe(remove);
            return -1;
        }
    }
    remove.finish();
    QSqlQuery updateCounter(m_db.connection());
    updateCounter.prepare(QStringLiteral("UPDATE store_counters SET value = value - ? WHERE name = ?"));
    updateCounter.addBindValue(freedBytes);
    updateCounter.addBindValue(QString::fromLatin1(StoreSchema::kStoredBodyBytesCounter));
    if (!updateCounter.exec()) {
        if (error)
            *error = describe(updateCounter);
        return -1;
    }
    updateCounter.finish();
    if (!transaction.commit(error))
        return -1;
    m_storedBodyBytes -= freedBytes;
    m_retentionDeleted += ids.size();
    return int(ids.size());
}
