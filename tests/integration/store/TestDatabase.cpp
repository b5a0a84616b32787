#include "store/Database.h"
#include "store/SqliteStatement.h"
#include "store/StoreSchema.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

// Opening the store's database: connection settings and versioned schema migrations, on real files.
class TestDatabase : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void freshDatabaseGetsTheLatestSchema();
    void connectionSettings();
    void olderDatabaseIsUpgradedKeepingItsData();
    void upgradeCountsTheKeptRecordsInTheUsage();
    void databaseFromTheFutureIsRefusedUntouched();
    void failedMigrationStepLeavesNoTrace();
    void migrationsMustBeNumberedInOrder();
    void fileThatIsNotADatabaseIsRefused();
    void connectionsHaveUniqueNames();
    void reopeningAtTheLatestVersionChangesNothing();
    void directStatementsBindSqliteTypes();
    void directStatementReportsErrorsAndRunsAgain();
};

namespace {

QStringList tableNames(Database &db)
{
    QStringList names;
    QSqlQuery query(db.connection());
    query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                              " ORDER BY name"));
    while (query.next())
        names << query.value(0).toString();
    return names;
}

SchemaMigration step(int version, QStringList statements)
{
    SchemaMigration migration;
    migration.version = version;
    migration.description = QStringLiteral("test step %1").arg(version);
    migration.statements = std::move(statements);
    return migration;
}

int userVersionOf(const QString &path)
{
    // Read with a plain connection, not through Database (which would migrate).
    const QString name = QStringLiteral("raw-reader");
    int version = -1;
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        raw.setDatabaseName(path);
        if (raw.open()) {
            QSqlQuery query(raw);
            if (query.exec(QStringLiteral("PRAGMA user_version")) && query.next())
                version = query.value(0).toInt();
        }
        raw.close();
    }
    QSqlDatabase::removeDatabase(name);
    return version;
}

} // namespace

void TestDatabase::freshDatabaseGetsTheLatestSchema()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Database db;
    QString error;
    QVERIFY2(db.open(dir.filePath(QStringLiteral("data/nested")), QStringLiteral("test"), &error), qPrintable(error));
    QCOMPARE(db.filePath(), dir.filePath(QStringLiteral("data/nested/switchyard.sqlite3")));
    QVERIFY(QFile::exists(db.filePath()));
    QCOMPARE(db.schemaVersion(), StoreSchema::latestVersion());
    QCOMPARE(tableNames(db),
        (QStringList {QStringLiteral("body_parts"), QStringLiteral("config_documents"), QStringLiteral("record_bodies"),
            QStringLiteral("record_body_parts"), QStringLiteral("records"), QStringLiteral("store_counters"),
            QStringLiteral("usage_quarter_hours")}));
    QCOMPARE(db.integrityCheck(), QStringLiteral("ok"));
}

void TestDatabase::connectionSettings()
{
    QTemporaryDir dir;
    Database db;
    QString error;
    QVERIFY2(db.open(dir.path(), QStringLiteral("test"), &error), qPrintable(error));
    QCOMPARE(db.queryValue(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    QCOMPARE(db.queryValue(QStringLiteral("PRAGMA synchronous")).toInt(), 1); // NORMAL
    QCOMPARE(db.queryValue(QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
    QCOMPARE(db.queryValue(QStringLiteral("PRAGMA busy_timeout")).toInt(), Database::kBusyTimeoutMs);
    QCOMPARE(db.queryValue(QStringLiteral("PRAGMA auto_vacuum")).toInt(), 2); // INCREMENTAL, set at creation

    QVERIFY(db.setDurableCommits(true, &error));
    QCOMPARE(db.queryValue(QStringLiteral("PRAGMA synchronous")).toInt(), 2); // FULL
    QVERIFY(db.setDurableCommits(false, &error));
    QCOMPARE(db.queryValue(QStringLiteral("PRAGMA synchronous")).toInt(), 1);
}

void TestDatabase::olderDatabaseIsUpgradedKeepingItsData()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("upgrade.sqlite3"));
    const QList<SchemaMigration> v1
        = {step(1, {QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")})};
    QList<SchemaMigration> v3 = v1;
    v3 << step(2, {QStringLiteral("ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT 'nobody'")})
       << step(3,
              {QStringLiteral("CREATE TABLE tags (note_id INTEGER REFERENCES notes (id), tag TEXT)"),
                  QStringLiteral("INSERT INTO tags (note_id, tag) SELECT id, 'migrated' FROM notes")});
    QString error;
    {
        Database db;
        QVERIFY2(db.openFile(path, QStringLiteral("v1"), v1, &error), qPrintable(error));
        QCOMPARE(db.schemaVersion(), 1);
        QVERIFY(db.exec(QStringLiteral("INSERT INTO notes (text) VALUES ('kept')"), &error));
    }
    Database db;
    QVERIFY2(db.openFile(path, QStringLiteral("v3"), v3, &error), qPrintable(error));
    QCOMPARE(db.schemaVersion(), 3);
    QCOMPARE(db.queryValue(QStringLiteral("SELECT text || '/' || author FROM notes")).toString(),
        QStringLiteral("kept/nobody"));
    QCOMPARE(db.queryValue(QStringLiteral("SELECT tag FROM tags")).toString(), QStringLiteral("migrated"));
}

void TestDatabase::upgradeCountsTheKeptRecordsInTheUsage()
{
    QTemporaryDir dir;
    const QString path = Database::filePathIn(dir.path());
    QString error;
    {
        Database v2;
        QVERIFY2(
            v2.openFile(path, QStringLiteral("v2"), StoreSchema::migrations().mid(0, 2), &error), qPrintable(error));
        QCOMPARE(v2.schemaVersion(), 2);
        // 900000 ms = one quarter hour: the first two calls share a quarter, the third is in the next one.
        const char *rows[] = {
            "(900000, '/v1/messages', 'anthropic', 'sonnet', 'alice', 200, 100, 10, 1000, 5)",
            "(900001, '/v1/messages', 'anthropic', 'sonnet', 'alice', 529, NULL, NULL, NULL, NULL)",
            "(1800000, '/v1/messages', 'anthropic', 'sonnet', 'alice', 0, 7, NULL, NULL, NULL)",
            "(900002, '/v1/messages/count_tokens', 'anthropic', 'sonnet', 'alice', 200, 50, NULL, NULL, NULL)",
        };
        for (const char *row : rows) {
            QVERIFY2(v2.exec(QStringLiteral("INSERT INTO records (started_at_ms, endpoint, platform_id, upstream_model,"
                                            " client_key_id, status, input_tokens, output_tokens,"
                                            " cache_read_input_tokens, cache_creation_input_tokens) VALUES ")
                             + QLatin1String(row),
                         &error),
                qPrintable(error));
        }
    }
    Database db;
    QVERIFY2(db.open(dir.path(), QStringLiteral("v3"), &error), qPrintable(error));
    QCOMPARE(db.schemaVersion(), StoreSchema::latestVersion());
    QCOMPARE(db.queryValue(QStringLiteral("SELECT group_concat(line, ' | ') FROM (SELECT quarter_hour || ' '"
                                          " || platform_id || ':' || upstream_model || ' ' || client_key_id || ' '"
                                          " || calls || '/' || failed_calls || ' ' || input_tokens || '/'"
                                          " || output_tokens || '/' || cache_read_input_tokens || '/'"
                                          " || cache_creation_input_tokens AS line"
                                          " FROM usage_quarter_hours ORDER BY quarter_hour)"))
                 .toString(),
        QStringLiteral("1 anthropic:sonnet alice 2/1 100/10/1000/5 | 2 anthropic:sonnet alice 1/1 7/0/0/0"));
}

void TestDatabase::databaseFromTheFutureIsRefusedUntouched()
{
    QTemporaryDir dir;
    const int latest = StoreSchema::latestVersion();
    QList<SchemaMigration> future = StoreSchema::migrations();
    future << step(latest + 1, {QStringLiteral("CREATE TABLE from_the_future (x INTEGER)")});
    QString error;
    {
        Database db;
        QVERIFY2(
            db.openFile(Database::filePathIn(dir.path()), QStringLiteral("future"), future, &error), qPrintable(error));
        QCOMPARE(db.schemaVersion(), latest + 1);
    }
    const QString path = Database::filePathIn(dir.path());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray before = file.readAll();
    file.close();

    Database db;
    QVERIFY(!db.open(dir.path(), QStringLiteral("today"), &error));
    QVERIFY(!db.isOpen());
    QVERIFY2(error.contains(QStringLiteral("schema version %1").arg(latest + 1)), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("(%1)").arg(latest)), qPrintable(error));
    QCOMPARE(userVersionOf(path), latest + 1);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), before);
}

void TestDatabase::failedMigrationStepLeavesNoTrace()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("failing.sqlite3"));
    const QList<SchemaMigration> good = {step(1, {QStringLiteral("CREATE TABLE a (x INTEGER)")})};
    QList<SchemaMigration> bad = good;
    bad << step(2,
        {QStringLiteral("CREATE TABLE b (x INTEGER)"), QStringLiteral("INSERT INTO a VALUES (1)"),
            QStringLiteral("THIS IS NOT SQL")});
    QString error;
    {
        Database db;
        QVERIFY2(db.openFile(path, QStringLiteral("good"), good, &error), qPrintable(error));
    }
    {
        Database db;
        QVERIFY(!db.openFile(path, QStringLiteral("bad"), bad, &error));
        QVERIFY2(error.contains(QStringLiteral("schema migration 2 failed")), qPrintable(error));
        QVERIFY(!db.isOpen());
    }
    Database db;
    QVERIFY2(db.openFile(path, QStringLiteral("check"), good, &error), qPrintable(error));
    QCOMPARE(db.schemaVersion(), 1);
    QCOMPARE(tableNames(db), QStringList {QStringLiteral("a")});
    QCOMPARE(db.queryValue(QStringLiteral("SELECT COUNT(*) FROM a")).toInt(), 0);
}

void TestDatabase::migrationsMustBeNumberedInOrder()
{
    QTemporaryDir dir;
    const QList<SchemaMigration> gap
        = {step(1, {QStringLiteral("CREATE TABLE a (x)")}), step(3, {QStringLiteral("CREATE TABLE c (x)")})};
    Database db;
    QString error;
    QVERIFY(!db.openFile(dir.filePath(QStringLiteral("gap.sqlite3")), QStringLiteral("gap"), gap, &error));
    QVERIFY2(error.contains(QStringLiteral("numbered")), qPrintable(error));
}

void TestDatabase::fileThatIsNotADatabaseIsRefused()
{
    QTemporaryDir dir;
    const QString path = Database::filePathIn(dir.path());
    const QByteArray garbage = QByteArray("this is a text file, not a database\n").repeated(200);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(garbage);
    }
    Database db;
    QString error;
    QVERIFY(!db.open(dir.path(), QStringLiteral("test"), &error));
    QVERIFY2(error.contains(QStringLiteral("not a database")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("switchyard.sqlite3")), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), garbage);
}

void TestDatabase::connectionsHaveUniqueNames()
{
    QTemporaryDir dir;
    Database first;
    Database second;
    QString error;
    QVERIFY2(first.open(dir.path(), QStringLiteral("same"), &error), qPrintable(error));
    QVERIFY2(second.open(dir.path(), QStringLiteral("same"), &error), qPrintable(error));
    QVERIFY(first.connectionName() != second.connectionName());
    // Both work, and see each other's writes.
    QVERIFY(first.exec(QStringLiteral("INSERT INTO config_documents (saved_at_ms, json) VALUES (1, '{}')"), &error));
    QCOMPARE(second.queryValue(QStringLiteral("SELECT COUNT(*) FROM config_documents")).toInt(), 1);
    const QString name = first.connectionName();
    first.close();
    QVERIFY(!QSqlDatabase::contains(name));
}

void TestDatabase::reopeningAtTheLatestVersionChangesNothing()
{
    QTemporaryDir dir;
    QString error;
    {
        Database db;
        QVERIFY2(db.open(dir.path(), QStringLiteral("first"), &error), qPrintable(error));
        QVERIFY(db.exec(QStringLiteral("INSERT INTO config_documents (saved_at_ms, json) VALUES (1, '{}')"), &error));
    }
    Database db;
    QVERIFY2(db.open(dir.path(), QStringLiteral("second"), &error), qPrintable(error));
    QCOMPARE(db.schemaVersion(), StoreSchema::latestVersion());
    QCOMPARE(db.queryValue(QStringLiteral("SELECT COUNT(*) FROM config_documents")).toInt(), 1);
    QCOMPARE(
        db.queryValue(QStringLiteral("SELECT value FROM store_counters WHERE name = 'stored_body_bytes'")).toInt(), 0);
}

void TestDatabase::directStatementsBindSqliteTypes()
{
    QTemporaryDir dir;
    Database db;
    QString error;
    QVERIFY2(db.openFile(dir.filePath(QStringLiteral("t.sqlite3")), QStringLiteral("test"),
                 {step(1, {QStringLiteral("CREATE TABLE t (i INTEGER, s TEXT, b BLOB)")})}, &error),
        qPrintable(error));
    QVERIFY(db.sqliteHandle());
    {
        SqliteStatement insert;
        QVERIFY2(
            insert.prepare(db.sqliteHandle(), "INSERT INTO t (i, s, b) VALUES (?, ?, ?)", &error), qPrintable(error));
        // Each kind of value, each row run on the same prepared statement.
        insert.bindInteger(1, 9'000'000'000'123LL);
        insert.bindText(2, QStringLiteral("grüße 你好"));
        insert.bindBlob(3, QByteArray("\x00\x01\xff", 3));
        QVERIFY2(insert.execute(&error), qPrintable(error));
        const qint64 firstId = insert.lastInsertRowId();
        insert.bindNull(1);
        insert.bindText(2, QString()); // null text is stored as ''
        insert.bindBlob(3, QByteArray()); // a null byte array is NULL
        QVERIFY(insert.execute(&error));
        QCOMPARE(insert.lastInsertRowId(), firstId + 1);
        insert.bindInteger(1, -1);
        insert.bindUtf8(2, QByteArray("{\"k\":\"v\"}"));
        insert.bindBlob(3, QByteArray("")); // empty, not NULL
        QVERIFY(insert.execute(&error));
        // Bindings are cleared after each run.
        QVERIFY(insert.execute(&error));
    } // finalized here, before the connection closes
    QSqlQuery query(db.connection());
    QVERIFY(query.exec(QStringLiteral("SELECT i, typeof(i), s, typeof(s), b, typeof(b) FROM t ORDER BY rowid")));
    const auto row = [&]() {
        QStringList values;
        for (int c = 0; c < 6; ++c)
            values << (query.value(c).typeId() == QMetaType::QByteArray
                    ? QString::fromLatin1(query.value(c).toByteArray().toHex())
                    : query.value(c).toString());
        return values;
    };
    QVERIFY(query.next());
    QCOMPARE(row(), (QStringList {"9000000000123", "integer", QStringLiteral("grüße 你好"), "text", "0001ff", "blob"}));
    QVERIFY(query.next());
    QCOMPARE(row(), (QStringList {"", "null", "", "text", "", "null"}));
    QVERIFY(query.next());
    QCOMPARE(row(), (QStringList {"-1", "integer", R"({"k":"v"})", "text", "", "blob"}));
    QVERIFY(query.next());
    QCOMPARE(row(), (QStringList {"", "null", "", "null", "", "null"}));
    QVERIFY(!query.next());
    query.finish();
    db.close();
}

void TestDatabase::directStatementReportsErrorsAndRunsAgain()
{
    QTemporaryDir dir;
    Database db;
    QString error;
    QVERIFY(db.openFile(dir.filePath(QStringLiteral("t.sqlite3")), QStringLiteral("test"),
        {step(1, {QStringLiteral("CREATE TABLE t (i INTEGER PRIMARY KEY, s TEXT NOT NULL)")})}, &error));
    SqliteStatement bad;
    QVERIFY(!bad.prepare(db.sqliteHandle(), "INSERT INTO missing_table VALUES (1)", &error));
    QVERIFY2(error.contains(QStringLiteral("missing_table")), qPrintable(error));
    QVERIFY(!bad.isPrepared());
    SqliteStatement insert;
    QVERIFY(insert.prepare(db.sqliteHandle(), "INSERT INTO t (i, s) VALUES (?, ?)", &error));
    insert.bindInteger(1, 1);
    insert.bindText(2, QStringLiteral("a"));
    QVERIFY(insert.execute(&error));
    insert.bindInteger(1, 1);
    insert.bindText(2, QStringLiteral("b"));
    error.clear();
    QVERIFY(!insert.execute(&error));
    QVERIFY2(error.contains(QStringLiteral("UNIQUE")), qPrintable(error));
    // The failed run left the statement ready for the next one.
    insert.bindInteger(1, 2);
    insert.bindText(2, QStringLiteral("c"));
    QVERIFY2(insert.execute(&error), qPrintable(error));
    insert.finalize();
    QCOMPARE(db.queryValue(QStringLiteral("SELECT group_concat(s, ',') FROM t")).toString(), QStringLiteral("a,c"));
    db.close();
    QVERIFY(!db.sqliteHandle(&error));
    QVERIFY2(error.contains(QStringLiteral("not open")), qPrintable(error));
    SqliteStatement closed;
    QVERIFY(!closed.prepare(db.sqliteHandle(), "SELECT 1", &error));
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "TestDatabase.moc"
