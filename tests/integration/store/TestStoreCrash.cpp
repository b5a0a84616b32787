#include "StoreTestSupport.h"

#include "store/ConfigRepository.h"
#include "store/Database.h"
#include "store/RecordQuery.h"
#include "store/RecordStore.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

// A process killed with SIGKILL while it writes records and configuration leaves a database that opens,
// passes the integrity check, and holds every record and configuration document reported as committed.
class TestStoreCrash : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void killedWriterLosesNothingCommitted();
};

namespace {

struct HelperReport
{
    qint64 committed = 0;
    qint64 maxId = 0;
    int configRevision = 0;
};

void readReport(QProcess &process, QByteArray &pending, HelperReport &report)
{
    pending += process.readAllStandardOutput();
    qsizetype newline;
    while ((newline = pending.indexOf('\n')) >= 0) {
        const QByteArray line = pending.left(newline).trimmed();
        pending.remove(0, newline + 1);
        const QList<QByteArray> words = line.split(' ');
        if (words.size() == 3 && words.at(0) == "committed") {
            report.committed = words.at(1).toLongLong();
            report.maxId = words.at(2).toLongLong();
        } else if (words.size() == 2 && words.at(0) == "config") {
            report.configRevision = words.at(1).toInt();
        }
    }
}

} // namespace

void TestStoreCrash::killedWriterLosesNothingCommitted()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // Two rounds on the same database: the second starts from a database left by a killed process.
    for (int round = 1; round <= 2; ++round) {
        const QString prefix = QStringLiteral("round%1").arg(round);
        QProcess helper;
        helper.setProcessChannelMode(QProcess::SeparateChannels);
        helper.start(QStringLiteral(STORE_CRASH_HELPER), {dir.path(), prefix, QStringLiteral("200000")});
        QVERIFY2(helper.waitForStarted(10'000), qPrintable(helper.errorString()));

        HelperReport report;
        QByteArray pending;
        QElapsedTimer elapsed;
        elapsed.start();
        while ((report.committed < 3000 || report.configRevision < 3) && elapsed.elapsed() < 120'000) {
            if (helper.state() != QProcess::Running)
                QFAIL(qPrintable(QStringLiteral("the helper stopped: %1")
                                     .arg(QString::fromLocal8Bit(helper.readAllStandardError()))));
            helper.waitForReadyRead(200);
            readReport(helper, pending, report);
        }
        QVERIFY2(report.committed >= 3000, qPrintable(QString::number(report.committed)));
        helper.kill(); // SIGKILL
        QVERIFY(helper.waitForFinished(10'000));
        QCOMPARE(helper.exitStatus(), QProcess::CrashExit);
        readReport(helper, pending, report); // lines written before the kill are committed too
        qInfo("round %d: killed after %lld committed records (max id %lld), configuration revision %d", round,
            static_cast<long long>(report.committed), static_cast<long long>(report.maxId), report.configRevision);

        Database db;
        QString error;
        QVERIFY2(db.open(dir.path(), QStringLiteral("after-crash"), &error), qPrintable(error));
        QCOMPARE(db.integrityCheck(), QStringLiteral("ok"));
        {
            QSqlQuery foreignKeys(db.connection());
            QVERIFY(foreignKeys.exec(QStringLiteral("PRAGMA foreign_key_check")));
            QVERIFY(!foreignKeys.next()); // no body without its record
        }

        // Every configuration reported as saved is there; the newest is at least the last reported one.
        const auto current = ConfigRepository(db).loadCurrent(&error);
        QVERIFY2(current, qPrintable(error));
        const QRegularExpressionMatch match
            = QRegularExpression(QStringLiteral(R"re(^\{"round":"(\w+)","revision":(\d+)\}$)re"))
                  .match(QString::fromUtf8(*current));
        QVERIFY2(match.hasMatch(), current->constData());
        QCOMPARE(match.captured(1), prefix);
        QVERIFY(match.captured(2).toInt() >= report.configRevision);

        // Every record reported as committed is there, in submission order, with nothing missing before it.
        QSqlQuery query(db.connection());
        query.prepare(QStringLiteral("SELECT id, request_id, output_tokens FROM records WHERE request_id LIKE ?"
                                     " ORDER BY id"));
        query.addBindValue(QString(prefix + QStringLiteral("-%")));
        QVERIFY(query.exec());
        qint64 present = 0;
        qint64 lastId = 0;
        while (query.next()) {
            QCOMPARE(query.value(1).toString(), QStringLiteral("%1-%2").arg(prefix).arg(present));
            QCOMPARE(query.value(2).toLongLong(), qint64(40));
            lastId = query.value(0).toLongLong();
            ++present;
        }
        QVERIFY2(present >= report.committed,
            qPrintable(QStringLiteral("%1 present, %2 reported").arg(present).arg(report.committed)));
        QVERIFY(lastId >= report.maxId);
        QCOMPARE(
            db.queryValue(QStringLiteral("SELECT COUNT(*) FROM records WHERE id <= %1").arg(report.maxId)).toLongLong(),
            report.maxId);
        // The body counter agrees with the rows (it is written in the same transactions): the records' own
        // bodies and each shared body part once.
        QCOMPARE(db.queryValue(QStringLiteral("SELECT value FROM store_counters WHERE name = 'stored_body_bytes'"))
                     .toLongLong(),
            db.queryValue(QStringLiteral("SELECT SUM(request_body_stored_size + response_body_stored_size)"
                                         " FROM records"))
                    .toLongLong()
                + db.queryValue(QStringLiteral("SELECT COALESCE(SUM(stored_size), 0) FROM body_parts")).toLongLong());
        // Every part a record uses is there, and every record with its bodies reads back exactly.
        QCOMPARE(db.queryValue(QStringLiteral("SELECT COUNT(*) FROM record_body_parts l"
                                              " LEFT JOIN body_parts p ON p.id = l.part_id WHERE p.id IS NULL"))
                     .toLongLong(),
            qint64(0));
        QVERIFY(db.queryValue(QStringLiteral("SELECT COUNT(*) FROM body_parts")).toLongLong() > 0);
        qint64 withBodies = 0;
        const RecordQuery records(db);
        for (const StoredRecord &listed : records.list(RecordFilter(), 0, 1'000'000)) {
            if (!listed.bodiesStored || !listed.record.requestId.startsWith(prefix))
                continue;
            const auto stored = records.get(listed.record.id, &error);
            QVERIFY2(stored, qPrintable(error));
            const int n = listed.record.requestId.mid(prefix.size() + 1).toInt();
            QVERIFY2(stored->record.requestBody == StoreTest::crashTestRequest(n), qPrintable(listed.record.requestId));
            ++withBodies;
        }
        QVERIFY(withBodies > 0);
        db.close();

        // And the store writes to it again.
        RecordStore store;
        QVERIFY2(store.open(dir.path(), &error), qPrintable(error));
        CallRecord record;
        record.requestId = QStringLiteral("after-") + prefix;
        store.submit(record);
        QVERIFY(store.flush());
    }
}

QTEST_GUILESS_MAIN(TestStoreCrash)
#include "TestStoreCrash.moc"
