#pragma once

#include "config/ConfigStorage.h"
#include "store/Database.h"

// The configuration kept in the data folder's database (ConfigRepository), for ConfigService. Uses its own
// database connection on the thread that owns the ConfigService.
class DatabaseConfigStorage : public ConfigStorage
{
public:
    DatabaseConfigStorage() = default;
    bool open(const QString &dataDir, QString *error);

    std::optional<QByteArray> load(QString *error) override;
    bool save(const QByteArray &json, QString *error) override;

private:
    Database m_database;
};
