#pragma once

#include "store/SchemaMigration.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

struct sqlite3;

// One connection to the store's database file (`switchyard.sqlite3` in the data folder), with its schema
// brought up to date when it opens.
//
// A connection belongs to the thread that opened it (Qt's rule for QSqlDatabase): the store thread, the GUI
// and the configuration service each open their own. Connection names are unique per Database object.
//
// Everything specific to SQLite (pragmas, the schema version in `PRAGMA user_version`, BEGIN IMMEDIATE, WAL
// checkpoints, incremental vacuum) is kept in this class, so that the rest of the store speaks plain SQL.
class Database
{
public:
    static constexpr int kBusyTimeoutMs = 5000;

    static QString fileName(); // "switchyard.sqlite3"
    static QString filePathIn(const QString &dataDir);

    Database() = default;
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens (creating the folder and the file when missing) the database in `dataDir` and applies the
    // store's migrations. `purpose` names the connection ("store", "ui"...) in logs.
    bool open(const QString &dataDir, const QString &purpose, QString *error);
    // The same with an explicit file and migration list.
    bool openFile(
        const QString &filePath, const QString &purpose, const QList<SchemaMigration> &migrations, QString *error);
    void close();

    bool isOpen() const { return m_db.isOpen(); }
    QSqlDatabase connection() const { return m_db; }
    // SQLite's own handle of the connection, for SqliteStatement; null (and `error` says why) when closed, or
    // when Qt's driver uses another SQLite library than the one Switchyard links. Statements prepared on it
    // must be finalized before close().
    sqlite3 *sqliteHandle(QString *error = nullptr) const;
    QString connectionName() const { return m_connectionName; }
    QString filePath() const { return m_filePath; }
    int schemaVersion() const; // -1 when it cannot be read

    // Runs one statement that returns no rows.
    bool exec(const QString &sql, QString *error);

    // A transaction that writes. SQLite takes the write lock at BEGIN (IMMEDIATE), so the transaction waits
    // for the lock up to the busy timeout instead of failing half-way when it first writes.
    bool beginWrite(QString *error);
    bool commit(QString *error);
    void rollback();

    // synchronous=FULL (each commit reaches the disk before it returns) or NORMAL (the default: a commit
    // survives a crash of the process, and the last ones may be lost when the machine loses power).
    bool setDurableCommits(bool durable, QString *error);

    // Returns up to `maxPages` free pages to the file system (SQLite incremental vacuum; the file shrinks at
    // the next checkpoint). Returns the number of pages freed, 0 when the database was not created with
    // auto_vacuum=INCREMENTAL, -1 on error.
    int reclaimFreePages(int maxPages);
    // Copies the write-ahead log into the database file and truncates the log. False when readers kept it
    // from completing (it is retried later) or on error.
    bool checkpoint(QString *error = nullptr);
    // "ok" or SQLite's list of problems.
    QString integrityCheck();

    // Result of a pragma (or any one-value query); an invalid QVariant on error.
    QVariant queryValue(const QString &sql, QString *error = nullptr) const;

    // RAII guard: begins a write transaction, rolls it back unless commit() succeeded.
    class WriteTransaction
    {
    public:
        explicit WriteTransaction(Database &db)
            : m_db(db)
        {
        }
        ~WriteTransaction();
        WriteTransaction(const WriteTransaction &) = delete;
        WriteTransaction &operator=(const WriteTransaction &) = delete;
        bool begin(QString *error);
        bool commit(QString *error);

    private:
        Database &m_db;
        bool m_active = false;
    };

private:
    bool applyConnectionSettings(int latestVersion, QString *error);
    bool migrate(const QList<SchemaMigration> &migrations, QString *error);
    bool setSchemaVersion(int version, QString *error);
    bool fail(QString *error, const QString &message);

    QSqlDatabase m_db;
    QString m_connectionName;
    QString m_filePath;
};
