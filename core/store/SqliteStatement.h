#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <vector>

struct sqlite3;
struct sqlite3_stmt;

// A prepared statement run on SQLite itself rather than through QSqlQuery, for the statements the store thread
// runs once per record. Values are bound as SQLite's own types: integers, UTF-8 text and blobs, without a
// QVariant per value or a UTF-16 round trip. The connection is a Database's (Database::sqliteHandle()) and
// the statement must be finalized before that connection closes.
//
// Positions start at 1, as in SQL.
class SqliteStatement
{
public:
    SqliteStatement() = default;
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    bool prepare(sqlite3 *connection, const char *sql, QString *error);
    bool isPrepared() const { return m_statement != nullptr; }
    void finalize();

    void bindInteger(int position, qint64 value);
    void bindNull(int position);
    // A null QString binds as '' (the store's text columns are NOT NULL).
    void bindText(int position, const QString &text);
    void bindUtf8(int position, const QByteArray &utf8);
    // A null QByteArray binds as NULL, an empty one as an empty blob.
    void bindBlob(int position, const QByteArray &bytes);

    // Runs the statement to its end (it returns no rows), then resets it and clears the bindings.
    bool execute(QString *error);
    // The rowid of the last row inserted on the statement's connection.
    qint64 lastInsertRowId() const;

private:
    void keep(const QByteArray &bytes);
    void fail(int code, QString *error) const;

    sqlite3 *m_connection = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    std::vector<QByteArray> m_bound; // bytes SQLite reads from until the statement has run
};
