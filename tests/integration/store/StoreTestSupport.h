#pragma once

#include "store/CallRecord.h"
#include "store/RecordStore.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QRandomGenerator>
#include <QSet>
#include <QThread>

// Helpers shared by the store's integration tests.
namespace StoreTest {

inline CallRecord makeRecord(const QString &requestId, const QDateTime &startedAt = QDateTime::currentDateTimeUtc())
{
    CallRecord record;
    record.requestId = requestId;
    record.startedAt = startedAt;
    record.method = QStringLiteral("POST");
    record.endpoint = QStringLiteral("/v1/messages");
    record.routingMode = QStringLiteral("claude_code");
    record.platformId = QStringLiteral("anthropic");
    record.requestedModel = QStringLiteral("claude-sonnet-4-5");
    record.upstreamModel = QStringLiteral("claude-sonnet-4-5");
    record.status = 200;
    record.upstreamStatus = 200;
    record.durationUs = 1234;
    record.requestBody = QByteArray(R"({"model":"claude-sonnet-4-5","max_tokens":16,"messages":[]})");
    record.responseBody = QByteArray(R"({"type":"message","usage":{"input_tokens":3,"output_tokens":4}})");
    return record;
}

inline QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QRandomGenerator generator(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &c : bytes)
        c = char(generator.bounded(256));
    return bytes;
}

// Collects RecordStore::recordsStored on the thread that creates it (the connection is queued, as it is for
// a window of the application).
class StoredBatches
{
public:
    explicit StoredBatches(RecordStore &store)
    {
        QObject::connect(&store, &RecordStore::recordsStored, &m_context, [this](const QList<qint64> &ids) {
            if (QThread::currentThread() != m_context.thread())
                m_wrongThread = true;
            m_batches.append(ids);
        });
    }

    int batchCount() const { return int(m_batches.size()); }
    const QList<QList<qint64>> &batches() const { return m_batches; }
    qsizetype idCount() const
    {
        qsizetype count = 0;
        for (const QList<qint64> &batch : m_batches)
            count += batch.size();
        return count;
    }
    QList<qint64> allIds() const
    {
        QList<qint64> ids;
        for (const QList<qint64> &batch : m_batches)
            ids += batch;
        return ids;
    }
    bool allUnique() const
    {
        const QList<qint64> ids = allIds();
        return QSet<qint64>(ids.cbegin(), ids.cend()).size() == ids.size();
    }
    bool deliveredOnOwnThread() const { return !m_wrongThread; }

private:
    QObject m_context;
    QList<QList<qint64>> m_batches;
    bool m_wrongThread = false;
};

} // namespace StoreTest
