#include "store/SqliteStatement.h"

#include <sqlite3.h>

SqliteStatement::~SqliteStatement()
{
    finalize();
}

bool SqliteStatement::prepare(sqlite3 *connection, const char *sql, QString *error)
{
    finalize();
    if (!connection) {
        if (error)
            *error = QStringLiteral("the database is not open");
        return false;
    }
    m_connection = connection;
    const int rc = sqlite3_prepare_v3(connection, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr);
    if (rc != SQLITE_OK) {
        fail(rc, error);
        finalize();
        return false;
    }
    return true;
}

void SqliteStatement::finalize()
{
    if (m_statement)
        sqlite3_finalize(m_statement);
    m_statement = nullptr;
    m_connection = nullptr;
    m_bound.clear();
}

void SqliteStatement::bindInteger(int position, qint64 value)
{
    sqlite3_bind_int64(m_statement, position, value);
}

void SqliteStatement::bindNull(int position)
{
    sqlite3_bind_null(m_statement, position);
}

void SqliteStatement::bindText(int position, const QString &text)
{
    bindUtf8(position, text.isEmpty() ? QByteArray("") : text.toUtf8());
}

void SqliteStatement::bindUtf8(int position, const QByteArray &utf8)
{
    keep(utf8);
    sqlite3_bind_text64(m_statement, position, utf8.isNull() ? "" : utf8.constData(), sqlite3_uint64(utf8.size()),
        SQLITE_STATIC, SQLITE_UTF8);
}

void SqliteStatement::bindBlob(int position, const QByteArray &bytes)
{
    if (bytes.isNull()) {
        bindNull(position);
        return;
    }
    keep(bytes);
    // An empty blob needs a non-null pointer, or SQLite binds NULL.
    sqlite3_bind_blob64(
        m_statement, position, bytes.isEmpty() ? "" : bytes.constData(), sqlite3_uint64(bytes.size()), SQLITE_STATIC);
}

void SqliteStatement::keep(const QByteArray &bytes)
{
    // A shared copy (no bytes copied) keeps the data alive and unmoved until the statement has run.
    m_bound.push_back(bytes);
}

bool SqliteStatement::execute(QString *error)
{
    int rc = sqlite3_step(m_statement);
    while (rc == SQLITE_ROW)
        rc = sqlite3_step(m_statement);
    const bool done = rc == SQLITE_DONE;
    if (!done)
        fail(rc, error);
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
    m_bound.clear();
    return done;
}

qint64 SqliteStatement::lastInsertRowId() const
{
    return m_connection ? sqlite3_last_insert_rowid(m_connection) : 0;
}

void SqliteStatement::fail(int code, QString *error) const
{
    if (!error)
        return;
    const char *message = m_connection ? sqlite3_errmsg(m_connection) : sqlite3_errstr(code);
    *error = QString::fromUtf8(message ? message : sqlite3_errstr(code));
}
