#include "store/ConfigRepository.h"

#include "common/Logging.h"
#include "store/Database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringDecoder>

namespace {

bool report(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace

std::optional<QByteArray> ConfigRepository::loadCurrent(QString *error) const
{
    if (error)
        error->clear();
    QSqlQuery query(m_db.connection());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT CAST(json AS BLOB) FROM config_documents ORDER BY id DESC LIMIT 1"))) {
        report(error, QStringLiteral("cannot read the configuration: %1").arg(query.lastError().text()));
        return std::nullopt;
    }
    if (!query.next()) {
        if (query.lastError().isValid())
            report(error, QStringLiteral("cannot read the configuration: %1").arg(query.lastError().text()));
        return std::nullopt;
    }
    return query.value(0).toByteArray();
}

std::optional<QByteArray> ConfigRepository::load(qint64 revisionId, QString *error) const
{
    if (error)
        error->clear();
    QSqlQuery query(m_db.connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT CAST(json AS BLOB) FROM config_documents WHERE id = ?"));
    query.addBindValue(revisionId);
    if (!query.exec()) {
        report(error, QStringLiteral("cannot read the configuration: %1").arg(query.lastError().text()));
        return std::nullopt;
    }
    if (!query.next()) {
        report(error, QStringLiteral("no configuration revision %1").arg(revisionId));
        return std::nullopt;
    }
    return query.value(0).toByteArray();
}

QList<ConfigRepository::Revision> ConfigRepository::history(QString *error) const
{
    if (error)
        error->clear();
    QList<Revision> revisions;
    QSqlQuery query(m_db.connection());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT id, saved_at_ms, LENGTH(CAST(json AS BLOB)) FROM config_documents"
                                   " ORDER BY id DESC"))) {
        report(error, QStringLiteral("cannot read the configuration history: %1").arg(query.lastError().text()));
        return revisions;
    }
    while (query.next()) {
        Revision revision;
        revision.id = query.value(0).toLongLong();
        revision.savedAt = QDateTime::fromMSecsSinceEpoch(query.value(1).toLongLong(), Qt::UTC);
        revision.size = query.value(2).toLongLong();
        revisions.append(revision);
    }
    return revisions;
}

bool ConfigRepository::save(const QByteArray &json, QString *error)
{
    if (json.isEmpty())
        return report(error, QStringLiteral("refusing to save an empty configuration"));
    QStringDecoder decoder(
        QStringDecoder::Utf8, QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
    const QString decoded = decoder.decode(json); // decoding happens on conversion to QString
    if (decoder.hasError())
        return report(error, QStringLiteral("refusing to save a configuration that is not UTF-8 text"));

    QString reason;
    if (!m_db.setDurableCommits(true, &reason))
        return report(error, QStringLiteral("cannot save the configuration: %1").arg(reason));
    bool saved = false;
    {
        Database::WriteTransaction transaction(m_db);
        QSqlQuery insert(m_db.connection());
        QSqlQuery prune(m_db.connection());
        if (transaction.begin(&reason)) {
            insert.prepare(
                QStringLiteral("INSERT INTO config_documents (saved_at_ms, json) VALUES (?, CAST(? AS TEXT))"));
            insert.addBindValue(QDateTime::currentMSecsSinceEpoch());
            insert.addBindValue(json); // the exact bytes, stored as UTF-8 text
            prune.prepare(QStringLiteral("DELETE FROM config_documents WHERE id NOT IN"
                                         " (SELECT id FROM config_documents ORDER BY id DESC LIMIT ?)"));
            prune.addBindValue(kHistoryLimit);
            if (!insert.exec())
                reason = insert.lastError().text();
            else if (!prune.exec())
                reason = prune.lastError().text();
            else {
                insert.finish();
                prune.finish();
                saved = transaction.commit(&reason);
            }
        }
    }
    QString ignored;
    m_db.setDurableCommits(false, &ignored);
    if (!saved)
        return report(error, QStringLiteral("cannot save the configuration: %1").arg(reason));
    qCDebug(lcConfig) << "configuration saved," << json.size() << "bytes";
    return true;
}
