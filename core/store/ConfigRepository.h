#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

class Database;

// The configuration documents in the database: every save adds a row, the newest row is the current
// configuration, and the last kHistoryLimit saves are kept as history. It stores the bytes it is given (UTF-8
// text, as the configuration's JSON is) and does not interpret them.
//
// Saves are written with synchronous=FULL: when save() returns true, the document is on the disk and
// survives a crash of the process or of the machine.
class ConfigRepository
{
public:
    static constexpr int kHistoryLimit = 20;

    struct Revision
    {
        qint64 id = 0;
        QDateTime savedAt; // UTC
        qint64 size = 0; // bytes of the document
    };

    // `db` must be open, on the calling thread.
    explicit ConfigRepository(Database &db)
        : m_db(db)
    {
    }

    // The newest document. nullopt with an empty `error` when nothing was ever saved; nullopt with `error`
    // set when it cannot be read.
    std::optional<QByteArray> loadCurrent(QString *error) const;
    // Adds a document (and forgets the ones beyond the history limit) in one transaction. Refuses empty
    // documents and bytes that are not UTF-8, leaving what is stored unchanged.
    bool save(const QByteArray &json, QString *error);

    // Newest first.
    QList<Revision> history(QString *error) const;
    std::optional<QByteArray> load(qint64 revisionId, QString *error) const;

private:
    Database &m_db;
};
