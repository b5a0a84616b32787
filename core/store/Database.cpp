#include "store/Database.h"

#include "common/Logging.h"
#include "store/StoreSchema.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>
#include <sqlite3.h>

namespace {

std::atomic<int> g_connectionCounter {0};

QString describe(const QSqlError &error)
{
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    return text.isEmpty() ? QStringLiteral("unknown database error") : text;
}

QString newerThanCodeMessage(int version, int latest)
{
    return QStringLiteral("the database has schema version %1, newer than this version of Switchyard knows (%2). "
                          "Use a newer Switchyard, or move the file away to start with an empty database.")
        .arg(version)
        .arg(latest);
}

} // namespace

QString Database::fileName()
{
    return QStringLiteral("switchyard.sqlite3");
}

QString Database::filePathIn(const QString &dataDir)
{
    return QDir(dataDir).filePath(fileName());
}

Database::~Database()
{
    close();
}

bool Database::fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

bool Database::open(const QString &dataDir, const QString &purpose, QString *error)
{
    if (dataDir.isEmpty())
        return fail(error, QStringLiteral("no data folder given for the database"));
    if (!QDir().mkpath(dataDir))
        return fail(error, QStringLiteral("cannot create the data folder %1").arg(QDir::toNativeSeparators(dataDir)));
    return openFile(filePathIn(dataDir), purpose, StoreSchema::migrations(), error);
}

bool Database::openFile(
    const QString &filePath, const QString &purpose, const QList<SchemaMigration> &migrations, QString *error)
{
    close();
    m_filePath = filePath;
    m_connectionName = QStringLiteral("switchyard-%1-%2").arg(purpose).arg(++g_connectionCounter);
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    if (!m_db.isValid()) {
        close();
        return fail(error, QStringLiteral("the Qt SQLite driver (QSQLITE) is not available"));
    }
    m_db.setDatabaseName(filePath);
    if (!m_db.open()) {
        const QString message = QStringLiteral("cannot open the database %1: %2")
                                    .arg(QDir::toNativeSeparators(filePath), describe(m_db.lastError()));
        close();
        return fail(error, message);
    }
    QString reason;
    const int latest = migrations.isEmpty() ? 0 : migrations.constLast().version;
    if (!applyConnectionSettings(latest, &reason) || !migrate(migrations, &reason)) {
        const QString message = QStringLiteral("database %1: %2").arg(QDir::toNativeSeparators(filePath), reason);
        close();
        return fail(error, message);
    }
    qCDebug(lcStore) << "opened" << m_connectionName << "schema version" << schemaVersion();
    return true;
}

void Database::close()
{
    if (m_connectionName.isEmpty())
        return;
    if (m_db.isOpen())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

sqlite3 *Database::sqliteHandle(QString *error) const
{
    const auto fail = [error](const QString &message) -> sqlite3 * {
        if (error)
            *error = message;
        return nullptr;
    };
    if (!m_db.isOpen())
        return fail(QStringLiteral("the database is not open"));
    const QVariant handle = m_db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return fail(QStringLiteral("the database driver does not expose an SQLite connection"));
    // The handle may only be used with the SQLite library that made it: a Qt whose driver carries its own copy
    // of SQLite (not Debian's, which uses the system library Switchyard links) would otherwise see its
    // connection handled by different code. Their versions tell them apart.
    const QString driverVersion = queryValue(QStringLiteral("SELECT sqlite_version()")).toString();
    const QString linkedVersion = QString::fromLatin1(sqlite3_libversion());
    if (driverVersion != linkedVersion)
        return fail(QStringLiteral("Qt's SQLite driver uses SQLite %1, Switchyard was built with %2")
                        .arg(driverVersion, linkedVersion));
    return *static_cast<sqlite3 *const *>(handle.constData());
}

bool Database::exec(const QString &sql, QString *error)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        return fail(error, describe(query.lastError()));
    while (query.next()) { } // some statements (pragmas) step once per row
    return true;
}

QVariant Database::queryValue(const QString &sql, QString *error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(sql)) {
        if (error)
            *error = describe(query.lastError());
        return QVariant();
    }
    if (!query.next()) {
        if (error)
            *error = query.lastError().isValid() ? describe(query.lastError()) : QStringLiteral("no result");
        return QVariant();
    }
    return query.value(0);
}

// --- SQLite specifics ---------------------------------------------------------------------------------

bool Database::applyConnectionSettings(int latestVersion, QString *error)
{
    // First, so that every later statement waits for a lock instead of failing at once.
    if (!exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(kBusyTimeoutMs), error))
        return false;
    // The first read of the file: this is where a file that is not a database is recognised. A database
    // from a newer Switchyard is refused before anything in it is changed.
    const QVariant version = queryValue(QStringLiteral("PRAGMA user_version"), error);
    if (!version.isValid())
        return false;
    if (version.toInt() > latestVersion)
        return fail(error, newerThanCodeMessage(version.toInt(), latestVersion));
    // Only takes effect on a database without tables, i.e. at creation; must precede the first table.
    if (!exec(QStringLiteral("PRAGMA auto_vacuum = INCREMENTAL"), error))
        return false;
    const QString journalMode = queryValue(QStringLiteral("PRAGMA journal_mode = WAL"), error).toString();
    if (journalMode.compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        return fail(
            error, QStringLiteral("cannot switch to write-ahead logging (journal mode is '%1')").arg(journalMode));
    // In WAL mode, NORMAL loses no commit when the process dies; FULL (see setDurableCommits) also
    // survives a power cut. Record bodies live in their own table and are deleted with their record.
    if (!exec(QStringLiteral("PRAGMA synchronous = NORMAL"), error)
        || !exec(QStringLiteral("PRAGMA foreign_keys = ON"), error))
        return false;
    // A write-ahead log that grew during a burst is cut back to this size after a checkpoint.
    return exec(QStringLiteral("PRAGMA journal_size_limit = %1").arg(64 * 1024 * 1024), error);
}

int Database::schemaVersion() const
{
    const QVariant value = queryValue(QStringLiteral("PRAGMA user_version"));
    return value.isValid() ? value.toInt() : -1;
}

bool Database::setSchemaVersion(int version, QString *error)
{
    // Pragmas take no bound parameters; `version` is an int.
    return exec(QStringLiteral("PRAGMA user_version = %1").arg(version), error);
}

bool Database::beginWrite(QString *error)
{
    return exec(QStringLiteral("BEGIN IMMEDIATE"), error);
}

bool Database::commit(QString *error)
{
    return exec(QStringLiteral("COMMIT"), error);
}

void Database::rollback()
{
    QString ignored;
    exec(QStringLiteral("ROLLBACK"), &ignored);
}

bool Database::setDurableCommits(bool durable, QString *error)
{
    return exec(
        durable ? QStringLiteral("PRAGMA synchronous = FULL") : QStringLiteral("PRAGMA synchronous = NORMAL"), error);
}

int Database::reclaimFreePages(int maxPages)
{
    if (maxPages <= 0 || queryValue(QStringLiteral("PRAGMA auto_vacuum")).toInt() != 2)
        return 0;
    const int freeBefore = queryValue(QStringLiteral("PRAGMA freelist_count")).toInt();
    if (freeBefore <= 0)
        return 0;
    QString error;
    if (!beginWrite(&error)) {
        qCWarning(lcStore) << "cannot reclaim free pages:" << error;
        return -1;
    }
    {
        // Each step of the pragma frees one page and yields a row without columns, which QSqlQuery does not
        // step through: run a one-page vacuum once per page instead.
        QSqlQuery query(m_db);
        if (!query.prepare(QStringLiteral("PRAGMA incremental_vacuum(1)"))) {
            qCWarning(lcStore) << "cannot reclaim free pages:" << describe(query.lastError());
            rollback();
            return -1;
        }
        const int pages = qMin(maxPages, freeBefore);
        for (int i = 0; i < pages; ++i) {
            if (!query.exec()) {
                qCWarning(lcStore) << "cannot reclaim free pages:" << describe(query.lastError());
                query.finish();
                rollback();
                return -1;
            }
        }
        query.finish();
    }
    if (!commit(&error)) {
        qCWarning(lcStore) << "cannot reclaim free pages:" << error;
        rollback();
        return -1;
    }
    return freeBefore - queryValue(QStringLiteral("PRAGMA freelist_count")).toInt();
}

bool Database::checkpoint(QString *error)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")) || !query.next())
        return fail(error, describe(query.lastError()));
    // Columns: busy (1 when readers or writers kept it from completing), log frames, checkpointed frames.
    if (query.value(0).toInt() != 0)
        return fail(error, QStringLiteral("checkpoint blocked by another connection"));
    return true;
}

QString Database::integrityCheck()
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("PRAGMA integrity_check")))
        return describe(query.lastError());
    QStringList lines;
    while (query.next())
        lines << query.value(0).toString();
    return lines.isEmpty() ? QStringLiteral("no result") : lines.join(QLatin1Char('\n'));
}

// --- Migrations ---------------------------------------------------------------------------------------

bool Database::migrate(const QList<SchemaMigration> &migrations, QString *error)
{
    const int latest = migrations.isEmpty() ? 0 : migrations.constLast().version;
    for (qsizetype i = 0; i < migrations.size(); ++i) {
        if (migrations.at(i).version != int(i) + 1)
            return fail(error,
                QStringLiteral("schema migrations must be numbered 1, 2, 3... (step %1 is version %2)")
                    .arg(i + 1)
                    .arg(migrations.at(i).version));
    }
    const auto newerThanCode = [&](int version) { return fail(error, newerThanCodeMessage(version, latest)); };
    int current = schemaVersion();
    if (current < 0)
        return fail(error, QStringLiteral("cannot read the schema version"));
    if (current > latest)
        return newerThanCode(current);

    for (const SchemaMigration &step : migrations) {
        if (step.version <= current)
            continue;
        WriteTransaction transaction(*this);
        if (!transaction.begin(error))
            return false;
        // Another connection may have migrated while this one waited for the lock.
        current = schemaVersion();
        if (current > latest)
            return newerThanCode(current);
        if (step.version <= current)
            continue;
        qCInfo(lcStore).noquote() << "migrating the database to schema version" << step.version << "-"
                                  << step.description;
        for (const QString &statement : step.statements) {
            QString reason;
            if (!exec(statement, &reason))
                return fail(error, QStringLiteral("schema migration %1 failed: %2").arg(step.version).arg(reason));
        }
        if (!setSchemaVersion(step.version, error) || !transaction.commit(error))
            return false;
        current = step.version;
    }
    return true;
}

// --- WriteTransaction ---------------------------------------------------------------------------------

Database::WriteTransaction::~WriteTransaction()
{
    if (m_active)
        m_db.rollback();
}

bool Database::WriteTransaction::begin(QString *error)
{
    m_active = m_db.beginWrite(error);
    return m_active;
}

bool Database::WriteTransaction::commit(QString *error)
{
    if (!m_active)
        return m_db.fail(error, QStringLiteral("no transaction to commit"));
    if (!m_db.commit(error))
        return false; // still active: the destructor rolls back
    m_active = false;
    return true;
}
