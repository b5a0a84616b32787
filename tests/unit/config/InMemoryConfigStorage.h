#pragma once

#include "config/ConfigStorage.h"

// ConfigStorage in memory, with switches to make loading or saving fail.
class InMemoryConfigStorage : public ConfigStorage
{
public:
    std::optional<QByteArray> load(QString *error) override
    {
        ++loadCount;
        if (failLoad) {
            if (error)
                *error = QStringLiteral("disk on fire");
            return std::nullopt;
        }
        return stored;
    }

    bool save(const QByteArray &json, QString *error) override
    {
        ++saveCount;
        if (failSave) {
            if (error)
                *error = QStringLiteral("database is locked");
            return false;
        }
        stored = json;
        return true;
    }

    QByteArray stored;
    bool failLoad = false;
    bool failSave = false;
    int loadCount = 0;
    int saveCount = 0;
};
