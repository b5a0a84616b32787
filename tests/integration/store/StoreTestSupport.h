#pragma once

#include "store/CallRecord.h"
#include "store/Database.h"
#include "store/RecordStore.h"
#include "store/StoreSchema.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QThread>

#include <memory>

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

// Text that compresses like prose and needs no escaping in a JSON string: words in a seeded random order.
inline QByteArray wordText(qsizetype size, quint32 seed)
{
    static const char *const words[] = {"the", "model", "reads", "a", "file", "and", "writes", "code", "tool", "input",
        "json", "error", "retry", "stream", "cache", "line", "return", "value", "test", "path"};
    QRandomGenerator generator(seed);
    QByteArray text;
    text.reserve(size + 16);
    while (text.size() < size) {
        text += words[generator.bounded(int(std::size(words)))];
        text += ' ';
    }
    text.truncate(size);
    return text;
}

// A Claude Code request: `system` and `tools` are resent with every request of a session, and so is every
// earlier message of the conversation.
inline QByteArray claudeCodeRequest(
    const QByteArray &system, const QByteArray &tools, const QList<QByteArray> &messages)
{
    QByteArray body = R"({"model":"claude-sonnet-4-5","max_tokens":32000,"stream":true,"system":)";
    body += system + R"(,"tools":)" + tools + R"(,"messages":[)";
    for (qsizetype i = 0; i < messages.size(); ++i)
        body += (i > 0 ? "," : "") + messages.at(i);
    return body + R"(],"metadata":{"user_id":"u"}})";
}

inline QByteArray systemPrompt(quint32 seed, qsizetype size = 8000)
{
    return R"([{"type":"text","text":")" + wordText(size, seed) + R"(","cache_control":{"type":"ephemeral"}}])";
}

inline QByteArray toolList(quint32 seed, qsizetype size = 20000)
{
    return R"([{"name":"Read","description":")" + wordText(size, seed)
        + R"(","input_schema":{"type":"object","properties":{"file_path":{"type":"string"}}}}])";
}

inline QByteArray userMessage(quint32 seed, qsizetype size = 1500)
{
    return R"({"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":")" + wordText(size, seed)
        + R"("}]})";
}

// The request body of the crash test's record n: shared `system` and `tools`, the previous message and one
// of its own, so that records are written with new parts and with parts of earlier records.
inline QByteArray crashTestRequest(int n)
{
    static const QByteArray system = systemPrompt(1, 4000);
    static const QByteArray tools = toolList(2, 6000);
    return claudeCodeRequest(system, tools, {userMessage(quint32(n - 1), 1200), userMessage(quint32(n), 1200)});
}

// The statement of the store's first schema version that creates `table` ("" when there is none), to put
// back a table a test took away.
inline QString createTableStatement(const QString &table)
{
    const QStringList statements = StoreSchema::migrations().constFirst().statements;
    for (const QString &statement : statements) {
        if (statement.startsWith(QStringLiteral("CREATE TABLE ") + table + QLatin1Char(' ')))
            return statement;
    }
    return QString();
}

// The data folder of one test function, with a connection of the test's own that reads what the store wrote.
class StoreFolder
{
public:
    bool isValid() const { return m_dir.isValid(); }
    QString path() const { return m_dir.path(); }
    QString filePath(const QString &name) const { return m_dir.filePath(name); }

    // Opens `store` in the folder, and the reader the first time.
    bool openStore(RecordStore &store)
    {
        QString error;
        if (!store.open(m_dir.path(), &error)) {
            qWarning("cannot open the store: %s", qPrintable(error));
            return false;
        }
        if (!m_reader) {
            m_reader = std::make_unique<Database>();
            if (!m_reader->open(m_dir.path(), QStringLiteral("test-reader"), &error)) {
                qWarning("cannot open a reader: %s", qPrintable(error));
                m_reader.reset();
                return false;
            }
        }
        return true;
    }

    Database &reader() { return *m_reader; }
    void closeReader() { m_reader.reset(); }

    // The one value of a query on the reader; -1 when it fails.
    qint64 scalar(const QString &sql)
    {
        QString error;
        const QVariant value = m_reader->queryValue(sql, &error);
        if (!value.isValid())
            qWarning("query failed: %s: %s", qPrintable(sql), qPrintable(error));
        return value.isValid() ? value.toLongLong() : -1;
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_reader; // declared after the folder: closed before it is removed
};

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
