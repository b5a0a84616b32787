#include "StoreTestSupport.h"

#include "store/ConfigRepository.h"
#include "store/Database.h"
#include "store/RecordStore.h"

#include <QTemporaryDir>
#include <QtTest>

// Configuration documents in the database: save, load, history, refusals, and saving while records flow.
class TestConfigRepository : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void nothingSavedYet();
    void saveThenLoadTheNewest();
    void bytesComeBackExactly();
    void historyKeepsTheLastTwenty();
    void refusalsLoseNothing_data();
    void refusalsLoseNothing();
    void survivesReopeningAndOtherConnections();
    void savesWhileTheStoreWritesRecords();
    void saveLeavesCommitsNormalAgain();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
};

void TestConfigRepository::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_db = std::make_unique<Database>();
    QString error;
    QVERIFY2(m_db->open(m_dir->path(), QStringLiteral("config"), &error), qPrintable(error));
}

void TestConfigRepository::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void TestConfigRepository::nothingSavedYet()
{
    ConfigRepository repository(*m_db);
    QString error = QStringLiteral("stale");
    QVERIFY(!repository.loadCurrent(&error));
    QVERIFY(error.isEmpty());
    QVERIFY(repository.history(&error).isEmpty());
    QVERIFY(error.isEmpty());
}

void TestConfigRepository::saveThenLoadTheNewest()
{
    ConfigRepository repository(*m_db);
    QString error;
    QVERIFY2(repository.save(R"({"version":1,"server":{"port":8000}})", &error), qPrintable(error));
    QVERIFY2(repository.save(R"({"version":1,"server":{"port":8001}})", &error), qPrintable(error));
    const auto current = repository.loadCurrent(&error);
    QVERIFY2(current, qPrintable(error));
    QCOMPARE(*current, QByteArray(R"({"version":1,"server":{"port":8001}})"));
    const QList<ConfigRepository::Revision> history = repository.history(&error);
    QCOMPARE(history.size(), 2);
    QVERIFY(history.at(0).id > history.at(1).id);
    QCOMPARE(history.at(1).size, qint64(36));
    QVERIFY(qAbs(history.at(0).savedAt.secsTo(QDateTime::currentDateTimeUtc())) < 60);
    const auto previous = repository.load(history.at(1).id, &error);
    QVERIFY2(previous, qPrintable(error));
    QCOMPARE(*previous, QByteArray(R"({"version":1,"server":{"port":8000}})"));
}

void TestConfigRepository::bytesComeBackExactly()
{
    ConfigRepository repository(*m_db);
    // Not interpreted: whitespace, key order, a BOM, non-ASCII text, even invalid JSON stay as they are.
    const QByteArray documents[] = {
        QByteArray("{\n  \"b\": 1,\n  \"a\": \"\xe5\x90\x8d\xe5\xad\x97 \xf0\x9f\x9a\x80\"\n}\n"),
        QByteArray("\xEF\xBB\xBF{\"platforms\":[]}"),
        QByteArray("not json { at all"),
        QByteArray("{\"apiKey\":\"$DASHSCOPE_API_KEY\"}\t\r\n"),
    };
    QString error;
    for (const QByteArray &document : documents) {
        QVERIFY2(repository.save(document, &error), qPrintable(error));
        const auto loaded = repository.loadCurrent(&error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(*loaded, document);
        QCOMPARE(repository.history(&error).constFirst().size, qint64(document.size()));
    }
}

void TestConfigRepository::historyKeepsTheLastTwenty()
{
    ConfigRepository repository(*m_db);
    QString error;
    for (int i = 1; i <= 25; ++i)
        QVERIFY2(repository.save(QStringLiteral(R"({"revision":%1})").arg(i).toUtf8(), &error), qPrintable(error));
    const QList<ConfigRepository::Revision> history = repository.history(&error);
    QCOMPARE(history.size(), ConfigRepository::kHistoryLimit);
    QCOMPARE(*repository.loadCurrent(&error), QByteArray(R"({"revision":25})"));
    QCOMPARE(*repository.load(history.constLast().id, &error), QByteArray(R"({"revision":6})"));
    QCOMPARE(m_db->queryValue(QStringLiteral("SELECT COUNT(*) FROM config_documents")).toInt(),
        ConfigRepository::kHistoryLimit);
    QVERIFY(!repository.load(history.constLast().id - 1, &error));
    QVERIFY(error.contains(QStringLiteral("no configuration revision")));
}

void TestConfigRepository::refusalsLoseNothing_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("reason");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
    QTest::newRow("invalid utf-8") << QByteArray("{\"name\":\"\xff\xfe\"}") << QStringLiteral("UTF-8");
    QTest::newRow("truncated utf-8 sequence") << QByteArray("{\"name\":\"\xe5\x90\"}") << QStringLiteral("UTF-8");
}

void TestConfigRepository::refusalsLoseNothing()
{
    QFETCH(QByteArray, document);
    QFETCH(QString, reason);
    ConfigRepository repository(*m_db);
    QString error;
    QVERIFY(repository.save(R"({"kept":true})", &error));
    QVERIFY(!repository.save(document, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    QCOMPARE(*repository.loadCurrent(&error), QByteArray(R"({"kept":true})"));
    QCOMPARE(repository.history(&error).size(), 1);
}

void TestConfigRepository::survivesReopeningAndOtherConnections()
{
    QString error;
    {
        ConfigRepository repository(*m_db);
        QVERIFY(repository.save(R"({"from":"first connection"})", &error));
    }
    Database other;
    QVERIFY2(other.open(m_dir->path(), QStringLiteral("other"), &error), qPrintable(error));
    ConfigRepository fromOther(other);
    QCOMPARE(*fromOther.loadCurrent(&error), QByteArray(R"({"from":"first connection"})"));
    QVERIFY(fromOther.save(R"({"from":"second connection"})", &error));
    m_db.reset();
    other.close();

    Database reopened;
    QVERIFY2(reopened.open(m_dir->path(), QStringLiteral("reopened"), &error), qPrintable(error));
    QCOMPARE(*ConfigRepository(reopened).loadCurrent(&error), QByteArray(R"({"from":"second connection"})"));
}

void TestConfigRepository::savesWhileTheStoreWritesRecords()
{
    RecordStore store;
    store.setBatchWindowMs(1);
    QString error;
    QVERIFY2(store.open(m_dir->path(), &error), qPrintable(error));
    ConfigRepository repository(*m_db);
    for (int i = 0; i < 30; ++i) {
        for (int j = 0; j < 100; ++j)
            store.submit(StoreTest::makeRecord(QStringLiteral("req_%1_%2").arg(i).arg(j)));
        QVERIFY2(repository.save(QStringLiteral(R"({"save":%1})").arg(i).toUtf8(), &error), qPrintable(error));
    }
    QVERIFY(store.flush());
    QCOMPARE(*repository.loadCurrent(&error), QByteArray(R"({"save":29})"));
    QCOMPARE(m_db->queryValue(QStringLiteral("SELECT COUNT(*) FROM records")).toInt(), 3000);
}

void TestConfigRepository::saveLeavesCommitsNormalAgain()
{
    ConfigRepository repository(*m_db);
    QString error;
    QVERIFY(repository.save(R"({})", &error));
    QCOMPARE(m_db->queryValue(QStringLiteral("PRAGMA synchronous")).toInt(), 1); // NORMAL for everything else
}

QTEST_GUILESS_MAIN(TestConfigRepository)
#include "TestConfigRepository.moc"
