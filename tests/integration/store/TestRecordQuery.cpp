#include "StoreTestSupport.h"

#include "store/Database.h"
#include "store/RecordExport.h"
#include "store/RecordQuery.h"
#include "store/RecordStore.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

#include <memory>

// Reading records back: filters, paging, usage per day, damaged bodies.
class TestRecordQuery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void countAndListFilter_data();
    void countAndListFilter();
    void listPagesNewestFirst();
    void afterIdGivesWhatIsNew();
    void beforeIdPagesWithoutOffset();
    void textSearch_data();
    void textSearch();
    void exportJsonLines();
    void usageCellsPerLocalDay();
    void getUnknownIdSaysSo();
    void damagedBodiesAreReportedNotReturned();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_reader;
    QDateTime m_now;
};

namespace {

// Ten calls, oldest first (so ids grow in this order).
const struct
{
    const char *requestId;
    int minutesAgo;
    const char *platform;
    const char *requestedModel;
    const char *upstreamModel;
    int status;
    const char *clientKey;
    const char *session;
    qint64 input;
    qint64 output;
    qint64 cacheRead;
} kRows[] = {
    {"r01", 600, "anthropic", "claude-sonnet-4-5", "claude-sonnet-4-5", 200, "laptop", "s1", 100, 10, 1000},
    {"r02", 500, "anthropic", "claude-sonnet-4-5", "claude-sonnet-4-5", 429, "laptop", "s1", -1, -1, -1},
    {"r03", 400, "dashscope", "claude-sonnet-4-5", "qwen3-coder-plus", 200, "laptop", "s2", 200, 20, 0},
    {"r04", 300, "dashscope", "claude-haiku-4-5", "qwen-flash", 200, "ci", "s3", 50, 5, -1},
    {"r05", 250, "openrouter", "claude-opus-4-1", "qwen3-coder-plus", 500, "ci", "s3", -1, -1, -1},
    {"r06", 200, "openrouter", "claude-opus-4-1", "deepseek-v3", 529, "", "s4", -1, -1, -1},
    {"r07", 120, "dashscope", "claude-sonnet-4-5", "qwen3-coder-plus", 0, "laptop", "s2", -1, -1, -1},
    {"r08", 60, "anthropic", "claude-haiku-4-5", "claude-haiku-4-5", 200, "", "s5", 30, 3, 300},
    {"r09", 30, "dashscope", "claude-sonnet-4-5", "qwen3-coder-plus", 400, "laptop", "s2", -1, -1, -1},
    {"r10", 5, "anthropic", "claude-sonnet-4-5", "claude-sonnet-4-5", 200, "laptop", "s1", 1000, 100, 0},
};

} // namespace

void TestRecordQuery::initTestCase()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_now = QDateTime::currentDateTimeUtc();
    RecordStore store;
    QString error;
    QVERIFY2(store.open(m_dir->path(), &error), qPrintable(error));
    for (const auto &row : kRows) {
        CallRecord record
            = StoreTest::makeRecord(QString::fromLatin1(row.requestId), m_now.addSecs(-60 * row.minutesAgo));
        record.platformId = QString::fromLatin1(row.platform);
        record.requestedModel = QString::fromLatin1(row.requestedModel);
        record.upstreamModel = QString::fromLatin1(row.upstreamModel);
        record.status = row.status;
        record.clientKeyId = QString::fromLatin1(row.clientKey);
        record.sessionId = QString::fromLatin1(row.session);
        record.usage.inputTokens = row.input;
        record.usage.outputTokens = row.output;
        record.usage.cacheReadInputTokens = row.cacheRead;
        record.responseBody = QByteArray(R"({"type":"error","error":{"type":"api_error","message":"no usage here"}})");
        store.submit(record);
    }
    QVERIFY(store.flush());
    store.close();
    m_reader = std::make_unique<Database>();
    QVERIFY2(m_reader->open(m_dir->path(), QStringLiteral("query"), &error), qPrintable(error));
}

void TestRecordQuery::cleanupTestCase()
{
    m_reader.reset();
    m_dir.reset();
}

void TestRecordQuery::countAndListFilter_data()
{
    QTest::addColumn<RecordFilter>("filter");
    QTest::addColumn<QStringList>("expected"); // newest first

    auto ids = [](const char *list) { return QString::fromLatin1(list).split(QLatin1Char(' '), Qt::SkipEmptyParts); };
    RecordFilter f;
    QTest::newRow("everything") << f << ids("r10 r09 r08 r07 r06 r05 r04 r03 r02 r01");
    f = RecordFilter();
    f.statusClass = RecordFilter::StatusClass::Success;
    QTest::newRow("2xx") << f << ids("r10 r08 r04 r03 r01");
    f.statusClass = RecordFilter::StatusClass::ClientError;
    QTest::newRow("4xx") << f << ids("r09 r02");
    f.statusClass = RecordFilter::StatusClass::ServerError;
    QTest::newRow("5xx") << f << ids("r06 r05");
    f.statusClass = RecordFilter::StatusClass::Failed;
    QTest::newRow("failed, including no response") << f << ids("r09 r07 r06 r05 r02");
    f.statusClass = RecordFilter::StatusClass::NoResponse;
    QTest::newRow("no response") << f << ids("r07");
    f = RecordFilter();
    f.platformId = QStringLiteral("dashscope");
    QTest::newRow("platform") << f << ids("r09 r07 r04 r03");
    f = RecordFilter();
    f.model = QStringLiteral("qwen3-coder-plus");
    QTest::newRow("upstream model") << f << ids("r09 r07 r05 r03");
    f.model = QStringLiteral("claude-opus-4-1");
    QTest::newRow("requested model") << f << ids("r06 r05");
    f = RecordFilter();
    f.clientKeyId = QStringLiteral("ci");
    QTest::newRow("client key") << f << ids("r05 r04");
    f = RecordFilter();
    f.sessionId = QStringLiteral("s2");
    QTest::newRow("session") << f << ids("r09 r07 r03");
    f = RecordFilter();
    f.startedFrom = QDateTime::currentDateTimeUtc().addSecs(-60 * 130);
    QTest::newRow("started within 130 minutes") << f << ids("r10 r09 r08 r07");
    f = RecordFilter();
    f.startedBefore = QDateTime::currentDateTimeUtc().addSecs(-60 * 450);
    QTest::newRow("started before 450 minutes ago") << f << ids("r02 r01");
    f = RecordFilter();
    f.platformId = QStringLiteral("dashscope");
    f.clientKeyId = QStringLiteral("laptop");
    f.statusClass = RecordFilter::StatusClass::Failed;
    QTest::newRow("combined") << f << ids("r09 r07");
    f = RecordFilter();
    f.platformId = QStringLiteral("nowhere");
    QTest::newRow("nothing matches") << f << QStringList();
    f = RecordFilter();
    f.model = QStringLiteral("x' OR '1'='1");
    QTest::newRow("values are bound, not spliced") << f << QStringList();
}

void TestRecordQuery::countAndListFilter()
{
    QFETCH(RecordFilter, filter);
    QFETCH(QStringList, expected);
    RecordQuery query(*m_reader);
    QString error;
    QCOMPARE(query.count(filter, &error), qint64(expected.size()));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QStringList listed;
    for (const StoredRecord &stored : query.list(filter, 0, 100, &error))
        listed << stored.record.requestId;
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(listed, expected);
}

void TestRecordQuery::listPagesNewestFirst()
{
    RecordQuery query(*m_reader);
    QStringList pages;
    for (int offset = 0; offset < 12; offset += 4) {
        QStringList page;
        for (const StoredRecord &stored : query.list(RecordFilter(), offset, 4))
            page << stored.record.requestId;
        pages << page.join(QLatin1Char(','));
    }
    QCOMPARE(pages,
        (QStringList {
            QStringLiteral("r10,r09,r08,r07"), QStringLiteral("r06,r05,r04,r03"), QStringLiteral("r02,r01")}));
    QVERIFY(query.list(RecordFilter(), 0, 0).isEmpty());
    // Listing leaves the bodies out but says how large they are.
    const StoredRecord first = query.list(RecordFilter(), 0, 1).constFirst();
    QVERIFY(first.record.requestBody.isEmpty());
    QVERIFY(first.requestBodySize > 0);
    QVERIFY(first.bodiesStored);
}

void TestRecordQuery::afterIdGivesWhatIsNew()
{
    RecordQuery query(*m_reader);
    const QList<StoredRecord> all = query.list(RecordFilter(), 0, 100);
    QCOMPARE(all.size(), 10);
    RecordFilter filter;
    filter.afterId = all.at(3).record.id; // r07
    QStringList newer;
    for (const StoredRecord &stored : query.list(filter, 0, 100))
        newer << stored.record.requestId;
    QCOMPARE(newer, (QStringList {QStringLiteral("r10"), QStringLiteral("r09"), QStringLiteral("r08")}));
}

void TestRecordQuery::beforeIdPagesWithoutOffset()
{
    RecordQuery query(*m_reader);
    QStringList pages;
    RecordFilter filter;
    for (int page = 0; page < 4; ++page) {
        const QList<StoredRecord> records = query.list(filter, 0, 4);
        if (records.isEmpty())
            break;
        QStringList ids;
        for (const StoredRecord &stored : records)
            ids << stored.record.requestId;
        pages << ids.join(QLatin1Char(','));
        filter.beforeId = records.constLast().record.id;
    }
    QCOMPARE(pages,
        (QStringList {
            QStringLiteral("r10,r09,r08,r07"), QStringLiteral("r06,r05,r04,r03"), QStringLiteral("r02,r01")}));
}

void TestRecordQuery::textSearch_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("platform") << "openrouter"
                              << "r06,r05";
    QTest::newRow("model, any case") << "DEEPSEEK"
                                     << "r06";
    QTest::newRow("two words must both match") << "dashscope flash"
                                               << "r04";
    QTest::newRow("request id") << "r03"
                                << "r03";
    QTest::newRow("session") << "s5"
                             << "r08";
    QTest::newRow("% is literal") << "%"
                                  << "";
    QTest::newRow("_ is literal") << "r_1"
                                  << "";
    QTest::newRow("blank is no filter") << "   "
                                        << "r10,r09,r08,r07,r06,r05,r04,r03,r02,r01";
}

void TestRecordQuery::textSearch()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    RecordQuery query(*m_reader);
    RecordFilter filter;
    filter.text = text;
    QStringList ids;
    for (const StoredRecord &stored : query.list(filter, 0, 100))
        ids << stored.record.requestId;
    QCOMPARE(ids.join(QLatin1Char(',')), expected);
    QCOMPARE(query.count(filter), qint64(ids.size()));
}

void TestRecordQuery::exportJsonLines()
{
    RecordQuery query(*m_reader);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    RecordFilter filter;
    filter.platformId = QStringLiteral("anthropic");
    QString error;
    QCOMPARE(RecordExport::write(query, {}, filter, &buffer, &error), qint64(4));
    const QList<QByteArray> lines = buffer.data().split('\n');
    QCOMPARE(lines.size(), 5); // four lines and the empty rest after the last "\n"
    QStringList ids;
    for (int i = 0; i < 4; ++i) {
        QJsonParseError parseError;
        const QJsonObject object = QJsonDocument::fromJson(lines.at(i), &parseError).object();
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        ids << object.value("request_id").toString();
        QCOMPARE(object.value("platform_id").toString(), QStringLiteral("anthropic"));
        QVERIFY(object.value("request_body").isObject()); // JSON bodies stay JSON
        QCOMPARE(
            object.value("request_body").toObject().value("model").toString(), QStringLiteral("claude-sonnet-4-5"));
        QVERIFY(object.value("response_body").isObject());
    }
    QCOMPARE(ids, (QStringList {"r01", "r02", "r08", "r10"})); // oldest first

    // Chosen records, in the order given; an unknown id is an error.
    const QList<StoredRecord> all = query.list(RecordFilter(), 0, 100);
    QBuffer chosen;
    chosen.open(QIODevice::WriteOnly);
    QCOMPARE(RecordExport::write(query, {all.at(0).record.id, all.at(9).record.id}, RecordFilter(), &chosen, &error),
        qint64(2));
    QVERIFY(chosen.data().startsWith("{") && chosen.data().contains("\"r10\"") && chosen.data().contains("\"r01\""));
    QVERIFY(chosen.data().indexOf("\"r10\"") < chosen.data().indexOf("\"r01\""));
    QBuffer failing;
    failing.open(QIODevice::WriteOnly);
    QCOMPARE(RecordExport::write(query, {999999}, RecordFilter(), &failing, &error), qint64(-1));
    QVERIFY(error.contains("999999"));

    // A streamed body is kept as text; unknown counts are null.
    StoredRecord streamed;
    streamed.record.responseBody = "event: ping\ndata: {}\n\n";
    streamed.record.usage.inputTokens = 5;
    const QJsonObject line = QJsonDocument::fromJson(RecordExport::toJsonLine(streamed)).object();
    QCOMPARE(line.value("response_body").toString(), QStringLiteral("event: ping\ndata: {}\n\n"));
    QCOMPARE(line.value("usage").toObject().value("input_tokens").toInt(), 5);
    QVERIFY(line.value("usage").toObject().value("output_tokens").isNull());
    QVERIFY(line.value("request_body").isNull());
}

void TestRecordQuery::usageCellsPerLocalDay()
{
    // Days are the user's: 23:30 and 00:30 in Shanghai are different days, although both are the same UTC day.
    const QByteArray savedZone = qgetenv("TZ");
    const bool hadZone = qEnvironmentVariableIsSet("TZ");
    qputenv("TZ", "Asia/Shanghai");
    tzset();
    auto restoreZone = qScopeGuard([&] {
        if (hadZone)
            qputenv("TZ", savedZone);
        else
            qunsetenv("TZ");
        tzset();
    });
    auto local = [](int day, int hour, int minute) {
        return QDateTime(QDate(2026, 11, day), QTime(hour, minute), QTimeZone("Asia/Shanghai")).toUTC();
    };

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    {
        RecordStore store;
        QString error;
        QVERIFY2(store.open(dir.path(), &error), qPrintable(error));
        auto submit = [&](const char *id, const QDateTime &at, const char *platform, const char *model, const char *key,
                          int status, qint64 input, qint64 output, qint64 cacheRead, qint64 cacheWrite,
                          const char *endpoint = "/v1/messages") {
            CallRecord record = StoreTest::makeRecord(QString::fromLatin1(id), at);
            record.endpoint = QString::fromLatin1(endpoint);
            record.platformId = QString::fromLatin1(platform);
            record.upstreamModel = QString::fromLatin1(model);
            record.clientKeyId = QString::fromLatin1(key);
            record.status = status;
            record.usage = {input, output, cacheRead, cacheWrite};
            record.responseBody = QByteArray("{}");
            store.submit(record);
        };
        submit("a", local(25, 23, 30), "anthropic", "sonnet", "alice", 200, 100, 10, 1000, 5);
        submit("b", local(26, 0, 30), "anthropic", "sonnet", "alice", 500, -1, -1, -1, -1);
        submit("c", local(26, 9, 0), "anthropic", "sonnet", "alice", 200, 20, 2, 0, 0);
        submit("d", local(26, 10, 0), "dashscope", "qwen", "", 0, 7, 8, -1, -1);
        submit("e", local(26, 11, 0), "anthropic", "sonnet", "alice", 200, 99, 0, 0, 0, "/v1/messages/count_tokens");
        submit("f", local(26, 12, 0), "", "", "alice", 200, -1, -1, -1, -1, "/v1/models");
        QVERIFY(store.flush());
    }
    Database reader;
    QString error;
    QVERIFY2(reader.open(dir.path(), QStringLiteral("usage"), &error), qPrintable(error));
    RecordQuery query(reader);

    auto describe = [](const QList<UsageCell> &cells) {
        QStringList out;
        for (const UsageCell &c : cells)
            out << QStringLiteral("%1 %2 %3 %4 calls=%5 failed=%6 tokens=%7/%8/%9/%10")
                       .arg(c.day.toString(Qt::ISODate), c.platformId, c.model, c.clientKeyId)
                       .arg(c.calls)
                       .arg(c.failedCalls)
                       .arg(c.inputTokens)
                       .arg(c.outputTokens)
                       .arg(c.cacheReadInputTokens)
                       .arg(c.cacheCreationInputTokens);
        return out;
    };
    QCOMPARE(describe(query.usageCells(UsageFilter(), &error)),
        (QStringList {QStringLiteral("2026-11-25 anthropic sonnet alice calls=1 failed=0 tokens=100/10/1000/5"),
            QStringLiteral("2026-11-26 anthropic sonnet alice calls=2 failed=1 tokens=20/2/0/0"),
            QStringLiteral("2026-11-26 dashscope qwen  calls=1 failed=1 tokens=7/8/0/0")}));
    QVERIFY2(error.isEmpty(), qPrintable(error));

    UsageFilter fromMidnight;
    fromMidnight.from = local(26, 0, 0);
    fromMidnight.clientKeyId = QStringLiteral("alice");
    QCOMPARE(describe(query.usageCells(fromMidnight)),
        QStringList {QStringLiteral("2026-11-26 anthropic sonnet alice calls=2 failed=1 tokens=20/2/0/0")});
}

void TestRecordQuery::getUnknownIdSaysSo()
{
    RecordQuery query(*m_reader);
    QString error;
    QVERIFY(!query.get(999'999, &error));
    QVERIFY2(error.contains(QStringLiteral("999999")), qPrintable(error));
}

void TestRecordQuery::damagedBodiesAreReportedNotReturned()
{
    RecordQuery query(*m_reader);
    const qint64 id = query.list(RecordFilter(), 0, 1).constFirst().record.id;
    QString error;
    QVERIFY2(query.get(id, &error), qPrintable(error));
    QVERIFY(m_reader->exec(
        QStringLiteral("UPDATE record_bodies SET response_body = X'78DA0102' WHERE record_id = %1").arg(id), &error));
    QVERIFY(!query.get(id, &error));
    QVERIFY2(error.contains(QStringLiteral("damaged")), qPrintable(error));
    // The rest of the record is still listed.
    RecordFilter filter;
    filter.afterId = id - 1;
    QCOMPARE(query.list(filter, 0, 10).size(), 1);
}

QTEST_GUILESS_MAIN(TestRecordQuery)
#include "TestRecordQuery.moc"
