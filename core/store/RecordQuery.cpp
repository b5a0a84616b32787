#include "store/RecordQuery.h"

#include "store/BodyCodec.h"
#include "store/BodyPartTable.h"
#include "store/Database.h"
#include "store/SplitBodyCodec.h"
#include "store/StoreSchema.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariantList>

namespace {

const QString kRecordColumns = QStringLiteral(
    "id, request_id, started_at_ms, client_key_id, method, endpoint, session_id, routing_mode, route_json,"
    " platform_id, requested_model, upstream_model, stream, status, upstream_status, duration_us, first_byte_us,"
    " upstream_duration_us, input_tokens, output_tokens, cache_read_input_tokens, cache_creation_input_tokens,"
    " request_headers_json, request_body_size, request_body_stored_size, response_body_size,"
    " response_body_stored_size, bodies_stored, error_type, error_message, client_cancelled");

struct WhereClause
{
    QString sql; // "" or " WHERE ..."
    QVariantList values;
};

WhereClause whereClause(const RecordFilter &filter)
{
    QStringList conditions;
    WhereClause where;
    switch (filter.statusClass) {
    case RecordFilter::StatusClass::Any:
        break;
    case RecordFilter::StatusClass::Success:
        conditions << QStringLiteral("status BETWEEN 200 AND 299");
        break;
    case RecordFilter::StatusClass::ClientError:
        conditions << QStringLiteral("status BETWEEN 400 AND 499");
        break;
    case RecordFilter::StatusClass::ServerError:
        conditions << QStringLiteral("status BETWEEN 500 AND 599");
        break;
    case RecordFilter::StatusClass::Failed:
        conditions << QStringLiteral("(status < 200 OR status > 299)"); // two index ranges, not a scan
        break;
    case RecordFilter::StatusClass::NoResponse:
        conditions << QStringLiteral("status = 0");
        break;
    }
    if (!filter.platformId.isEmpty()) {
        conditions << QStringLiteral("platform_id = ?");
        where.values << filter.platformId;
    }
    if (!filter.model.isEmpty()) {
        conditions << QStringLiteral("(requested_model = ? OR upstream_model = ?)");
        where.values << filter.model << filter.model;
    }
    if (!filter.clientKeyId.isEmpty()) {
        conditions << QStringLiteral("client_key_id = ?");
        where.values << filter.clientKeyId;
    }
    if (!filter.sessionId.isEmpty()) {
        conditions << QStringLiteral("session_id = ?");
        where.values << filter.sessionId;
    }
    if (filter.startedFrom.isValid()) {
        conditions << QStringLiteral("started_at_ms >= ?");
        where.values << filter.startedFrom.toMSecsSinceEpoch();
    }
    if (filter.startedBefore.isValid()) {
        conditions << QStringLiteral("started_at_ms < ?");
        where.values << filter.startedBefore.toMSecsSinceEpoch();
    }
    if (filter.afterId > 0) {
        conditions << QStringLiteral("id > ?");
        where.values << filter.afterId;
    }
    if (filter.beforeId > 0) {
        conditions << QStringLiteral("id < ?");
        where.values << filter.beforeId;
    }
    const QStringList words = filter.text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (QString word : words) {
        word.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
            .replace(QLatin1Char('%'), QStringLiteral("\\%"))
            .replace(QLatin1Char('_'), QStringLiteral("\\_"));
        const QString pattern = QLatin1Char('%') + word + QLatin1Char('%');
        QStringList columns;
        for (const char *column : {"request_id", "platform_id", "requested_model", "upstream_model", "client_key_id",
                 "session_id", "endpoint", "error_message"}) {
            columns << QLatin1String(column) + QStringLiteral(" LIKE ? ESCAPE '\\'");
            where.values << pattern;
        }
        conditions << QLatin1Char('(') + columns.join(QStringLiteral(" OR ")) + QLatin1Char(')');
    }
    if (!conditions.isEmpty())
        where.sql = QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    return where;
}

bool run(QSqlQuery &query, const QString &sql, const QVariantList &values, QString *error)
{
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        if (error)
            *error = query.lastError().text();
        return false;
    }
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        if (error)
            *error = query.lastError().text();
        return false;
    }
    return true;
}

qint64 countOrUnknown(const QVariant &value)
{
    return value.isNull() ? -1 : value.toLongLong();
}

// Reads the columns of kRecordColumns, in that order.
StoredRecord readRecord(const QSqlQuery &query)
{
    StoredRecord stored;
    CallRecord &r = stored.record;
    int i = 0;
    r.id = query.value(i++).toLongLong();
    r.requestId = query.value(i++).toString();
    r.startedAt = QDateTime::fromMSecsSinceEpoch(query.value(i++).toLongLong(), Qt::UTC);
    r.clientKeyId = query.value(i++).toString();
    r.method = query.value(i++).toString();
    r.endpoint = query.value(i++).toString();
    r.sessionId = query.value(i++).toString();
    r.routingMode = query.value(i++).toString();
    r.routeJson = query.value(i++).toString();
    r.platformId = query.value(i++).toString();
    r.requestedModel = query.value(i++).toString();
    r.upstreamModel = query.value(i++).toString();
    r.stream = query.value(i++).toInt() != 0;
    r.status = query.value(i++).toInt();
    r.upstreamStatus = query.value(i++).toInt();
    r.durationUs = query.value(i++).toLongLong();
    r.firstByteUs = countOrUnknown(query.value(i++));
    r.upstreamDurationUs = countOrUnknown(query.value(i++));
    r.usage.inputTokens = countOrUnknown(query.value(i++));
    r.usage.outputTokens = countOrUnknown(query.value(i++));
    r.usage.cacheReadInputTokens = countOrUnknown(query.value(i++));
    r.usage.cacheCreationInputTokens = countOrUnknown(query.value(i++));
    r.requestHeadersJson = query.value(i++).toString().toUtf8();
    stored.requestBodySize = query.value(i++).toLongLong();
    const qint64 requestStored = query.value(i++).toLongLong();
    stored.responseBodySize = query.value(i++).toLongLong();
    const qint64 responseStored = query.value(i++).toLongLong();
    stored.storedBodyBytes = requestStored + responseStored;
    stored.bodiesStored = query.value(i++).toInt() != 0;
    r.errorType = query.value(i++).toString();
    r.errorMessage = query.value(i++).toString();
    r.clientCancelled = query.value(i++).toInt() != 0;
    return stored;
}

} // namespace

qint64 RecordQuery::count(const RecordFilter &filter, QString *error) const
{
    const WhereClause where = whereClause(filter);
    QSqlQuery query(m_db.connection());
    if (!run(query, QStringLiteral("SELECT COUNT(*) FROM records") + where.sql, where.values, error) || !query.next())
        return 0;
    return query.value(0).toLongLong();
}

QList<StoredRecord> RecordQuery::list(const RecordFilter &filter, int offset, int limit, QString *error) const
{
    QList<StoredRecord> records;
    if (limit <= 0)
        return records;
    WhereClause where = whereClause(filter);
    where.values << limit << qMax(0, offset);
    QSqlQuery query(m_db.connection());
    if (!run(query,
            QStringLiteral("SELECT ") + kRecordColumns + QStringLiteral(" FROM records") + where.sql
                + QStringLiteral(" ORDER BY id DESC LIMIT ? OFFSET ?"),
            where.values, error))
        return records;
    while (query.next())
        records.append(readRecord(query));
    return records;
}

std::optional<StoredRecord> RecordQuery::get(qint64 id, QString *error) const
{
    // One snapshot for the record and the parts of its request body, which retention may delete meanwhile
    // (when the connection is already in a transaction, that one is the snapshot).
    QSqlDatabase connection = m_db.connection();
    const bool ownSnapshot = connection.transaction();
    std::optional<StoredRecord> stored = readWithBodies(id, error);
    if (ownSnapshot)
        connection.commit();
    return stored;
}

std::optional<StoredRecord> RecordQuery::readWithBodies(qint64 id, QString *error) const
{
    QSqlQuery query(m_db.connection());
    if (!run(query,
            QStringLiteral("SELECT ") + kRecordColumns
                + QStringLiteral(", b.request_body, b.response_body FROM records"
                                 " LEFT JOIN record_bodies b ON b.record_id = records.id WHERE records.id = ?"),
            {id}, error))
        return std::nullopt;
    if (!query.next()) {
        if (error)
            *error = QStringLiteral("no record %1").arg(id);
        return std::nullopt;
    }
    StoredRecord stored = readRecord(query);
    if (stored.bodiesStored) {
        const int requestColumn = query.record().count() - 2;
        const QByteArray storedRequest = query.value(requestColumn).toByteArray();
        const QByteArray storedResponse = query.value(requestColumn + 1).toByteArray();
        query.finish();
        // A request body may be split: its large parts are shared with other records.
        BodyPartTable parts(m_db.connection());
        const auto request = SplitBodyCodec::decode(
            storedRequest, stored.requestBodySize, [&parts](qint64 partId) { return parts.read(partId, nullptr); });
        const auto response = BodyCodec::decompress(storedResponse, stored.responseBodySize);
        if (!request || !response) {
            if (error)
                *error = QStringLiteral("the stored bodies of record %1 are damaged").arg(id);
            return std::nullopt;
        }
        stored.record.requestBody = *request;
        stored.record.responseBody = *response;
    }
    return stored;
}

QList<UsageCell> RecordQuery::usageCells(const UsageFilter &filter, QString *error) const
{
    QStringList conditions;
    QVariantList values;
    if (filter.from.isValid()) {
        conditions << QStringLiteral("quarter_hour >= ?");
        values << filter.from.toMSecsSinceEpoch() / StoreSchema::kUsageBucketMs;
    }
    if (filter.before.isValid()) {
        conditions << QStringLiteral("quarter_hour < ?");
        values << (filter.before.toMSecsSinceEpoch() + StoreSchema::kUsageBucketMs - 1) / StoreSchema::kUsageBucketMs;
    }
    if (!filter.platformId.isEmpty()) {
        conditions << QStringLiteral("platform_id = ?");
        values << filter.platformId;
    }
    if (!filter.clientKeyId.isEmpty()) {
        conditions << QStringLiteral("client_key_id = ?");
        values << filter.clientKeyId;
    }
    const QString where
        = conditions.isEmpty() ? QString() : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    QList<UsageCell> cells;
    QSqlQuery query(m_db.connection());
    if (!run(query,
            QStringLiteral("SELECT date(quarter_hour * %1, 'unixepoch', 'localtime') AS day, platform_id,"
                           " upstream_model, client_key_id, SUM(calls), SUM(failed_calls), SUM(input_tokens),"
                           " SUM(output_tokens), SUM(cache_read_input_tokens), SUM(cache_creation_input_tokens)"
                           " FROM usage_quarter_hours")
                    .arg(StoreSchema::kUsageBucketMs / 1000)
                + where
                + QStringLiteral(" GROUP BY day, platform_id, upstream_model, client_key_id"
                                 " ORDER BY day, platform_id, upstream_model, client_key_id"),
            values, error))
        return cells;
    while (query.next()) {
        UsageCell cell;
        cell.day = QDate::fromString(query.value(0).toString(), Qt::ISODate);
        cell.platformId = query.value(1).toString();
        cell.model = query.value(2).toString();
        cell.clientKeyId = query.value(3).toString();
        cell.calls = query.value(4).toLongLong();
        cell.failedCalls = query.value(5).toLongLong();
        cell.inputTokens = query.value(6).toLongLong();
        cell.outputTokens = query.value(7).toLongLong();
        cell.cacheReadInputTokens = query.value(8).toLongLong();
        cell.cacheCreationInputTokens = query.value(9).toLongLong();
        cells.append(cell);
    }
    return cells;
}

qint64 RecordQuery::storedBodyBytes(QString *error) const
{
    QSqlQuery query(m_db.connection());
    if (!run(query, QStringLiteral("SELECT value FROM store_counters WHERE name = ?"),
            {QString::fromLatin1(StoreSchema::kStoredBodyBytesCounter)}, error)
        || !query.next())
        return 0;
    return query.value(0).toLongLong();
}
