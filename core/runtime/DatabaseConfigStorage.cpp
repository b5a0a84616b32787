#include "runtime/DatabaseConfigStorage.h"

#include "store/ConfigRepository.h"

bool DatabaseConfigStorage::open(const QString &dataDir, QString *error)
{
    return m_database.open(dataDir, QStringLiteral("config"), error);
}

std::optional<QByteArray> DatabaseConfigStorage::load(QString *error)
{
    QString readError;
    const std::optional<QByteArray> document = ConfigRepository(m_database).loadCurrent(&readError);
    if (document)
        return document;
    if (readError.isEmpty())
        return QByteArray(); // nothing stored yet
    *error = readError;
    return std::nullopt;
}

bool DatabaseConfigStorage::save(const QByteArray &json, QString *error)
{
    return ConfigRepository(m_database).save(json, error);
}
