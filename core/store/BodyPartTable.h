#pragma once

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <optional>

// The shared parts of request bodies in the database (`body_parts`, and `record_body_parts`: which records use
// which parts; see StoreSchema): reading them, and deleting those no record uses. Statements run on the caller's
// connection and inside the caller's transaction; an object lives no longer than one transaction (or one read).
// Parts and links are inserted by RecordWriter with the statements it prepares once per connection.
class BodyPartTable
{
public:
    struct StoredPart
    {
        qint64 id = 0;
        qint64 size = 0; // uncompressed
        QByteArray stored; // a zstd frame (BodyCodec)
    };

    explicit BodyPartTable(const QSqlDatabase &connection);

    // The parts a record uses; nullopt on error.
    std::optional<QList<qint64>> partsOf(qint64 recordId, QString *error);
    // Deletes the part when no record uses it any more and adds its stored size to `*freedBytes`. 1 when it
    // was deleted, 0 when it is still used (or gone), -1 on error.
    int deleteIfUnused(qint64 partId, qint64 *freedBytes, QString *error);
    // Up to `limit` part ids greater than `afterId`, in order; nullopt on error.
    std::optional<QList<qint64>> idsAfter(qint64 afterId, int limit, QString *error);
    // The next id to give a new part.
    std::optional<qint64> nextId(QString *error);
    // A part's bytes, decompressed; nullopt when it is missing or damaged (`error` says which).
    std::optional<QByteArray> read(qint64 partId, QString *error);

private:
    // Prepares `query` the first time it is used.
    static bool prepare(QSqlQuery &query, const char *sql, QString *error);
    static bool execute(QSqlQuery &query, QString *error);

    QSqlDatabase m_db;
    QSqlQuery m_partsOf;
    QSqlQuery m_usedSize;
    QSqlQuery m_delete;
    QSqlQuery m_read;
};
