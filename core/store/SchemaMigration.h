#pragma once

#include <QString>
#include <QStringList>

// One step of the store's schema history. Steps are applied in order of `version` (1, 2, 3...), each in its
// own write transaction together with the new version number, so a database is always at exactly one version.
struct SchemaMigration
{
    int version = 0;
    QString description;
    QStringList statements; // one SQL statement per entry, executed in order
};
