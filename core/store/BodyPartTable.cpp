#include "store/BodyPartTable.h"

#include "store/BodyCodec.h"

#include <QSqlError>
#include <QVariant>

namespace {

QString describe(const QSqlQuery &query)
{
    const QSqlError error = query.lastError();
    return error.databaseText().isEmpty() ? error.text() : error.databaseText();
}

} // namespace

BodyPartTable::BodyPartTable(const QSqlDatabase &connection)
    : m_db(connection)
    , m_partsOf(connection)
    , m_usedSize(connection)
    , m_delete(connection)
    , m_read(connection)
{
}

bool BodyPartTable::prepare(QSqlQuery &query, const char *sql, QString *error)
{
    if (!query.lastQuery().isEmpty())
        return true;
    query.setForwardOnly(true);
    if (query.prepare(QString::fromLatin1(sql)))
        return true;
    if (error)
        *error = describe(query);
    return false;
}

bool BodyPartTable::execute(QSqlQuery &query, QString *error)
{
    if (query.exec())
        return true;
    if (error)
        *error = describe(query);
    return false;
}

std::optional<QList<qint64>> BodyPartTable::partsOf(qint64 recordId, QString *error)
{
    if (!prepare(m_partsOf, "SELECT part_id FROM record_body_parts WHERE record_id = ?", error))
        return std::nullopt;
    m_partsOf.bindValue(0, recordId);
    if (!execute(m_partsOf, error))
        return std::nullopt;
    QList<qint64> ids;
    while (m_partsOf.next())
        ids.append(m_partsOf.value(0).toLongLong());
    m_partsOf.finish();
    return ids;
}

int BodyPartTable::deleteIfUnused(qint64 partId, qint64 *freedBytes, QString *error)
{
    if (!prepare(m_usedSize,
            "SELECT stored_size FROM body_parts WHERE id = ?"
            " AND NOT EXISTS (SELECT 1 FROM record_body_parts WHERE part_id = ?)",
            error)
        || !prepare(m_delete, "DELETE FROM body_parts WHERE id = ?", error))
        return -1;
    m_usedSize.bindValue(0, partId);
    m_usedSize.bindValue(1, partId);
    if (!execute(m_usedSize, error))
        return -1;
    if (!m_usedSize.next()) {
        m_usedSize.finish();
        return 0;
    }
    const qint64 storedSize = m_usedSize.value(0).toLongLong();
    m_usedSize.finish();
    m_delete.bindValue(0, partId);
    if (!execute(m_delete, error))
        return -1;
    *freedBytes += storedSize;
    return 1;
}

std::optional<QList<qint64>> BodyPartTable::idsAfter(qint64 afterId, int limit, QString *error)
{
    QSqlQuery query(m_db);
    if (!prepare(query, "SELECT id FROM body_parts WHERE id > ? ORDER BY id LIMIT ?", error))
        return std::nullopt;
    query.bindValue(0, afterId);
    query.bindValue(1, limit);
    if (!execute(query, error))
        return std::nullopt;
    QList<qint64> ids;
    while (query.next())
        ids.append(query.value(0).toLongLong());
    return ids;
}

std::optional<qint64> BodyPartTable::nextId(QString *error)
{
    QSqlQuery query(m_db);
    if (!prepare(query, "SELECT COALESCE(MAX(id), 0) + 1 FROM body_parts", error) || !execute(query, error))
        return std::nullopt;
    if (!query.next()) {
        if (error)
            *error = describe(query);
        return std::nullopt;
    }
    return query.value(0).toLongLong();
}

std::optional<QByteArray> BodyPartTable::read(qint64 partId, QString *error)
{
    if (!prepare(m_read, "SELECT size, data FROM body_parts WHERE id = ?", error))
        return std::nullopt;
    m_read.bindValue(0, partId);
    if (!execute(m_read, error))
        return std::nullopt;
    if (!m_read.next()) {
        if (error)
            *error = QStringLiteral("body part %1 is missing").arg(partId);
        return std::nullopt;
    }
    const qint64 size = m_read.value(0).toLongLong();
    const QByteArray stored = m_read.value(1).toByteArray();
    m_read.finish();
    std::optional<QByteArray> bytes = BodyCodec::decompress(stored, size);
    if (!bytes && error)
        *error = QStringLiteral("body part %1 is damaged").arg(partId);
    return bytes;
}
