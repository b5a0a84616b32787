#include "store/RecordExport.h"

#include "store/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace RecordExport {

namespace {

constexpr int kPageSize = 200;

QJsonValue countValue(qint64 value)
{
    return value < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

// A JSON body as JSON, anything else as text.
QJsonValue bodyValue(const QByteArray &body)
{
    if (body.isEmpty())
        return QJsonValue(QJsonValue::Null);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError && (document.isObject() || document.isArray()))
        return document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    return QString::fromUtf8(body);
}

} // namespace

QByteArray toJsonLine(const StoredRecord &stored)
{
    const CallRecord &r = stored.record;
    QJsonObject usage {
        {QStringLiteral("input_tokens"), countValue(r.usage.inputTokens)},
        {QStringLiteral("output_tokens"), countValue(r.usage.outputTokens)},
        {QStringLiteral("cache_read_input_tokens"), countValue(r.usage.cacheReadInputTokens)},
        {QStringLiteral("cache_creation_input_tokens"), countValue(r.usage.cacheCreationInputTokens)},
    };
    QJsonObject object {
        {QStringLiteral("id"), r.id},
        {QStringLiteral("request_id"), r.requestId},
        {QStringLiteral("started_at"), r.startedAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("client_key_id"), r.clientKeyId},
        {QStringLiteral("method"), r.method},
        {QStringLiteral("endpoint"), r.endpoint},
        {QStringLiteral("session_id"), r.sessionId},
        {QStringLiteral("routing_mode"), r.routingMode},
        {QStringLiteral("route"), bodyValue(r.routeJson.toUtf8())},
        {QStringLiteral("platform_id"), r.platformId},
        {QStringLiteral("requested_model"), r.requestedModel},
        {QStringLiteral("upstream_model"), r.upstreamModel},
        {QStringLiteral("stream"), r.stream},
        {QStringLiteral("status"), r.status},
        {QStringLiteral("upstream_status"), r.upstreamStatus},
        {QStringLiteral("duration_ms"), r.durationUs / 1000.0},
        {QStringLiteral("first_byte_ms"),
            r.firstByteUs < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(r.firstByteUs / 1000.0)},
        {QStringLiteral("upstream_duration_ms"),
            r.upstreamDurationUs < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(r.upstreamDurationUs / 1000.0)},
        {QStringLiteral("usage"), usage},
        {QStringLiteral("request_headers"), bodyValue(r.requestHeadersJson)},
        {QStringLiteral("request_body_size"), stored.requestBodySize},
        {QStringLiteral("response_body_size"), stored.responseBodySize},
        {QStringLiteral("bodies_stored"), stored.bodiesStored},
        {QStringLiteral("request_body"), bodyValue(r.requestBody)},
        {QStringLiteral("response_body"), bodyValue(r.responseBody)},
        {QStringLiteral("error_type"), r.errorType},
        {QStringLiteral("error_message"), r.errorMessage},
        {QStringLiteral("client_cancelled"), r.clientCancelled},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

qint64 write(const RecordQuery &query, const QList<qint64> &ids, const RecordFilter &filter, QIODevice *out,
    QString *error, const std::function<bool(qint64 written)> &progress)
{
    qint64 written = 0;
    auto writeOne = [&](qint64 id) -> bool {
        QString problem;
        const std::optional<StoredRecord> stored = query.get(id, &problem);
        if (!stored) {
            if (error)
                *error = problem;
            return false;
        }
        const QByteArray line = toJsonLine(*stored);
        if (out->write(line) != line.size()) {
            if (error)
                *error = out->errorString();
            return false;
        }
        ++written;
        if (progress && !progress(written)) {
            if (error)
                *error = QStringLiteral("cancelled");
            return false;
        }
        return true;
    };

    if (!ids.isEmpty()) {
        for (qint64 id : ids) {
            if (!writeOne(id))
                return -1;
        }
        return written;
    }
    // Every matching record, oldest first: collect the ids newest first in pages (bodies are not read),
    // then write from the end.
    QList<qint64> all;
    RecordFilter page = filter;
    for (;;) {
        QString problem;
        const QList<StoredRecord> records = query.list(page, 0, kPageSize * 10, &problem);
        if (!problem.isEmpty()) {
            if (error)
                *error = problem;
            return -1;
        }
        for (const StoredRecord &stored : records)
            all.append(stored.record.id);
        if (records.size() < kPageSize * 10)
            break;
        page.beforeId = records.constLast().record.id;
    }
    for (auto it = all.crbegin(); it != all.crend(); ++it) {
        if (!writeOne(*it))
            return -1;
    }
    return written;
}

qint64 writeFile(const QString &dataDir, const QList<qint64> &ids, const RecordFilter &filter, const QString &path,
    QString *error, const std::function<bool(qint64 written)> &progress)
{
    Database db;
    if (!db.open(dataDir, QStringLiteral("export"), error))
        return -1;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return -1;
    }
    const RecordQuery query(db);
    const qint64 written = write(query, ids, filter, &file, error, progress);
    if (written < 0) {
        file.cancelWriting();
        return -1;
    }
    if (!file.commit()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return -1;
    }
    return written;
}

} // namespace RecordExport
