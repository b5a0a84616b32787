// The real `switchyard` binary, started the way a server operator starts it: flags, configuration errors,
// port conflicts, graceful shutdown on SIGTERM, and a SIGKILL under load.
#include "FakeUpstreamThread.h"
#include "HttpTestClient.h"
#include "TempDataDir.h"
#include "TestSupport.h"
#include "store/Database.h"
#include "store/RecordQuery.h"
#include "store/RecordStore.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTest>
#include <csignal>

namespace {

QString binary()
{
    return TestSupport::binaryDir() + QStringLiteral("/app/switchyard");
}

QByteArray configFor(const QUrl &upstream, const QJsonObject &limits = {})
{
    QJsonObject config {{"version", 1}, {"config_type", "claude_code"},
        {"platforms",
            QJsonArray {QJsonObject {{"id", "fake"}, {"type", "anthropic"}, {"base_url", upstream.toString()},
                {"api_key", "sk-bin-test"}}}}};
    if (!limits.isEmpty())
        config.insert("limits", limits);
    return QJsonDocument(config).toJson();
}

struct RunResult
{
    int exitCode = -1;
    QString output; // stdout + stderr
};

RunResult runToEnd(const QStringList &arguments, int timeoutMs = 20000)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(binary(), arguments);
    RunResult result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.output = QStringLiteral("(did not exit) ") + QString::fromUtf8(process.readAll());
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.output = QString::fromUtf8(process.readAll());
    return result;
}

// Starts the binary and waits until it says it is listening.
bool startServing(QProcess &process, const QStringList &arguments, QString *log)
{
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(binary(), arguments);
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 15000) {
        process.waitForReadyRead(100);
        *log += QString::fromUtf8(process.readAll());
        if (log->contains(QStringLiteral("listening on http://")))
            return true;
        if (process.state() == QProcess::NotRunning)
            return false;
    }
    return false;
}

bool isRefused(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    return !socket.waitForConnected(1000);
}

// The binary serving a configuration that points at `upstream`, on a free port, with its own data folder.
struct ServingBinary
{
    TempDataDir dir;
    quint16 port = FakeUpstream::unusedPort();
    QProcess process;
    QString log;

    bool start(const QUrl &upstream, const QJsonObject &limits = {})
    {
        const QString config = dir.writeFile(QStringLiteral("config.json"), configFor(upstream, limits));
        return startServing(process,
            {"--headless", "--config", config, "--data-dir", dir.file("data"), "--listen",
                QStringLiteral("127.0.0.1:%1").arg(port)},
            &log);
    }
    void signal(int number) { ::kill(pid_t(process.processId()), number); }
};

const QByteArray kStreamRequest
    = R"({"model":"m","max_tokens":5,"stream":true,"messages":[{"role":"user","content":"hi"}]})";

} // namespace

class TestHeadlessBinary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void helpAndVersion();
    void reportsBadFlags();
    void reportsConfigurationErrors_data();
    void reportsConfigurationErrors();
    void reportsPortInUse();
    void refusesOpenListenWithoutClientKeys();
    void finishesRunningStreamsOnSigterm();
    void endsStreamsThatOutliveTheGracePeriod();
    void survivesSigkillUnderLoad();
    void checksPlatformsAndListsModels();
    void printsUsageAndCost();
};

void TestHeadlessBinary::helpAndVersion()
{
    const RunResult version = runToEnd({QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QVERIFY2(version.output.startsWith(QStringLiteral("switchyard 0.1.0")), qPrintable(version.output));
    const RunResult help = runToEnd({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    for (const char *option : {"--headless", "--config", "--data-dir", "--listen", "--debug"})
        QVERIFY2(help.output.contains(QLatin1String(option)), option);
}

void TestHeadlessBinary::reportsBadFlags()
{
    const RunResult result = runToEnd({QStringLiteral("--no-such-flag")});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.output.contains(QStringLiteral("Unknown option 'no-such-flag'")), qPrintable(result.output));
}

void TestHeadlessBinary::reportsConfigurationErrors_data()
{
    QTest::addColumn<QByteArray>("contents"); // empty = the file does not exist
    QTest::addColumn<QString>("message");
    QTest::newRow("missing file") << QByteArray() << QStringLiteral("config.json");
    QTest::newRow("syntax") << QByteArray("{\"version\": 1,,}") << QStringLiteral("line 1");
    QTest::newRow("bad field") << QByteArray(
        R"({"version":1,"platforms":[{"id":"a","type":"anthropic","base_url":"ftp://x","api_key":"k"}]})")
                               << QStringLiteral("platforms[0].base_url");
    QTest::newRow("typo") << QByteArray(R"({"version":1,"platforms":[{"id":"a","type":"anthropic","api_kye":"k"}]})")
                          << QStringLiteral("unknown field \"api_kye\"");
    QTest::newRow("missing env") << QByteArray(
        R"({"version":1,"platforms":[{"id":"a","type":"anthropic","api_key":"$SWITCHYARD_TEST_UNSET_VARIABLE"}]})")
                                 << QStringLiteral("SWITCHYARD_TEST_UNSET_VARIABLE is not set");
}

void TestHeadlessBinary::reportsConfigurationErrors()
{
    QFETCH(QByteArray, contents);
    QFETCH(QString, message);
    TempDataDir dir;
    const QString file = contents.isEmpty() ? dir.file(QStringLiteral("config.json"))
                                            : dir.writeFile(QStringLiteral("config.json"), contents);
    const RunResult result = runToEnd({"--headless", "--config", file, "--data-dir", dir.file("data"), "--listen",
        QStringLiteral("127.0.0.1:%1").arg(FakeUpstream::unusedPort())});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.output.contains(message), qPrintable(result.output));
}

void TestHeadlessBinary::reportsPortInUse()
{
    QTcpServer occupant;
    QVERIFY(occupant.listen(QHostAddress::LocalHost, 0));
    TempDataDir dir;
    const RunResult result = runToEnd({"--headless", "--data-dir", dir.path(), "--listen",
        QStringLiteral("127.0.0.1:%1").arg(occupant.serverPort())});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.output.contains(QStringLiteral("already in use")), qPrintable(result.output));
}

void TestHeadlessBinary::refusesOpenListenWithoutClientKeys()
{
    TempDataDir dir;
    const RunResult result = runToEnd({"--headless", "--data-dir", dir.path(), "--listen", "0.0.0.0:1"});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.output.contains(QStringLiteral("without client keys")), qPrintable(result.output));
}

void TestHeadlessBinary::finishesRunningStreamsOnSigterm()
{
    FakeUpstreamThread upstream;
    const QList<QByteArray> events = FakeResponse::anthropicTextEvents(QStringLiteral("a b c d e f g h"), 8);
    upstream->setDefaultResponse(FakeResponse::anthropicStream(events, 150));
    ServingBinary binary;
    QVERIFY2(binary.start(upstream->baseUrl()), qPrintable(binary.log));
    const quint16 port = binary.port;
    QProcess &process = binary.process;

    HttpTestClient client(port);
    client.send("POST", "/v1/messages", {}, kStreamRequest);
    QVERIFY(!client.readUntil([](const TestHttpResponse &r) { return !r.events.isEmpty(); }).events.isEmpty());
    binary.signal(SIGTERM);

    // New connections are refused at once; the running stream finishes completely.
    QTRY_VERIFY_WITH_TIMEOUT(isRefused(port), 3000);
    const TestHttpResponse &response = client.readToEnd(15000);
    QVERIFY2(response.complete, qPrintable(response.error));
    QCOMPARE(response.events.size(), events.size());
    QCOMPARE(response.eventNames().last(), QByteArray("message_stop"));
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);

    // The record of that stream was flushed before the exit.
    Database database;
    QString error;
    QVERIFY2(database.open(binary.dir.file("data"), QStringLiteral("check"), &error), qPrintable(error));
    RecordQuery query(database);
    const QList<StoredRecord> records = query.list(RecordFilter(), 0, 10);
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.first().record.status, 200);
    QCOMPARE(records.first().responseBodySize, response.body.size());
}

void TestHeadlessBinary::endsStreamsThatOutliveTheGracePeriod()
{
    FakeUpstreamThread upstream;
    upstream->setDefaultResponse(
        FakeResponse::anthropicStream(FakeResponse::anthropicTextEvents(QStringLiteral("x y z"), 40), 200));
    ServingBinary binary;
    QVERIFY2(binary.start(upstream->baseUrl(), {{"shutdown_grace_seconds", 1}}), qPrintable(binary.log));
    QProcess &process = binary.process;
    HttpTestClient client(binary.port);
    client.send("POST", "/v1/messages", {}, kStreamRequest);
    QVERIFY(!client.readUntil([](const TestHttpResponse &r) { return !r.events.isEmpty(); }).events.isEmpty());
    QElapsedTimer sinceSignal;
    sinceSignal.start();
    binary.signal(SIGTERM);
    const TestHttpResponse &response = client.readToEnd(15000);
    QVERIFY2(response.complete, qPrintable(response.error));
    QCOMPARE(response.eventNames().last(), QByteArray("error")); // a well-formed end, not a cut
    QVERIFY(sinceSignal.elapsed() < 6000); // the 8 s stream was not waited for
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
}

void TestHeadlessBinary::survivesSigkillUnderLoad()
{
    FakeUpstreamThread upstream;
    upstream->setRecordRequests(false);
    ServingBinary binary;
    QVERIFY2(binary.start(upstream->baseUrl()), qPrintable(binary.log));
    QProcess &process = binary.process;
    HttpTestClient client(binary.port);
    const QByteArray body
        = R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":")" + QByteArray(4000, 'x') + R"("}]})";
    int answered = 0;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 1500 && answered < 5000) {
        if (client.post("/v1/messages", body).status == 200)
            ++answered;
    }
    QVERIFY(answered > 50);
    // Killed while records are still being written.
    binary.signal(SIGKILL);
    QVERIFY(process.waitForFinished(5000));

    Database database;
    QString error;
    QVERIFY2(database.open(binary.dir.file("data"), QStringLiteral("check"), &error), qPrintable(error));
    QCOMPARE(database.integrityCheck(), QStringLiteral("ok"));
    RecordQuery query(database);
    const qint64 stored = query.count();
    QVERIFY2(stored > 0 && stored <= answered, qPrintable(QStringLiteral("%1 of %2").arg(stored).arg(answered)));
    // The configuration imported at start is there.
    QVERIFY(database.queryValue(QStringLiteral("SELECT COUNT(*) FROM config_documents")).toInt() >= 1);
    qInfo("answered %d requests, %lld recorded before the kill", answered, stored);
}

void TestHeadlessBinary::checksPlatformsAndListsModels()
{
    FakeUpstreamThread good;
    good->enqueueFor("/v1/models",
        FakeResponse::json(200, QByteArray(R"({"data":[{"id":"qwen3-coder-plus"},{"id":"qwen-turbo"}]})")));
    good->enqueueFor("/v1/models",
        FakeResponse::json(200, QByteArray(R"({"data":[{"id":"qwen3-coder-plus"},{"id":"qwen-turbo"}]})")));
    TempDataDir dir;
    const QJsonObject config {{"version", 1},
        {"platforms",
            QJsonArray {QJsonObject {{"id", "good"}, {"type", "openai"},
                            {"base_url", QString(good->baseUrl().toString() + "/v1")}, {"api_key", "sk-good"}},
                QJsonObject {{"id", "down"}, {"type", "openai"},
                    {"base_url", QStringLiteral("http://127.0.0.1:%1/v1").arg(FakeUpstream::unusedPort())},
                    {"api_key", "sk-down"}}}}};
    const QString file = dir.writeFile(QStringLiteral("config.json"), QJsonDocument(config).toJson());

    const RunResult check = runToEnd({"--check", "--config", file, "--data-dir", dir.file("data")});
    QCOMPARE(check.exitCode, 1); // one platform is down
    QVERIFY2(check.output.contains(QStringLiteral("ok    good: ")), qPrintable(check.output));
    QVERIFY2(check.output.contains(QStringLiteral("FAIL  down: ")) && check.output.contains(QStringLiteral("refused")),
        qPrintable(check.output));
    QVERIFY(!check.output.contains(QStringLiteral("sk-good"))); // keys never printed

    const RunResult list = runToEnd({"--list-models", "good", "--config", file, "--data-dir", dir.file("data")});
    QCOMPARE(list.exitCode, 0);
    QVERIFY2(list.output.contains(QStringLiteral("good:qwen3-coder-plus  context 1000000")), qPrintable(list.output));
    QVERIFY(list.output.contains(QStringLiteral("good:qwen-turbo")));
    // Checking reads the file; it does not import it.
    QVERIFY(!QFile::exists(dir.file("data/switchyard.sqlite3")));
}

void TestHeadlessBinary::printsUsageAndCost()
{
    TempDataDir dir;
    const QString dataDir = dir.file(QStringLiteral("data"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    {
        RecordStore store;
        QString error;
        QVERIFY2(store.open(dataDir, &error), qPrintable(error));
        auto submit = [&](const QDateTime &at, const char *platform, const char *model, const char *key, int status,
                          qint64 input, qint64 output, const char *endpoint = "/v1/messages") {
            CallRecord record;
            record.requestId = QStringLiteral("req_%1").arg(store.counters().submitted);
            record.startedAt = at;
            record.method = QStringLiteral("POST");
            record.endpoint = QString::fromLatin1(endpoint);
            record.platformId = QString::fromLatin1(platform);
            record.requestedModel = QStringLiteral("claude-sonnet-4-5");
            record.upstreamModel = QString::fromLatin1(model);
            record.clientKeyId = QString::fromLatin1(key);
            record.status = status;
            record.usage.inputTokens = input;
            record.usage.outputTokens = output;
            store.submit(record);
        };
        submit(now, "anthropic", "sonnet", "alice", 200, 1'000'000, 100'000);
        submit(now, "anthropic", "opus", "bob", 529, 10, 0);
        submit(now, "dashscope", "qwen", "alice", 200, 500'000, 250'000);
        submit(now, "anthropic", "sonnet", "alice", 200, 777, 0, "/v1/messages/count_tokens"); // not a model call
        submit(now.addDays(-40), "anthropic", "sonnet", "bob", 200, 2'000'000, 0);
        QVERIFY(store.flush());
    }
    // Prices: sonnet 3 / 15 USD, qwen 2 / 8 CNY, opus without a price. The key values never appear.
    const QJsonObject config {{"version", 1},
        {"platforms",
            QJsonArray {QJsonObject {{"id", "anthropic"}, {"type", "anthropic"}, {"api_key", "sk-secret-a"},
                            {"models",
                                QJsonArray {QJsonObject {
                                    {"id", "sonnet"}, {"price", QJsonObject {{"input", 3}, {"output", 15}}}}}}},
                QJsonObject {{"id", "dashscope"}, {"type", "dashscope"}, {"api_key", "sk-secret-d"},
                    {"currency", "CNY"},
                    {"models",
                        QJsonArray {
                            QJsonObject {{"id", "qwen"}, {"price", QJsonObject {{"input", 2}, {"output", 8}}}}}}}}}};
    const QString file = dir.writeFile(QStringLiteral("prices.json"), QJsonDocument(config).toJson());

    const RunResult today = runToEnd({"--usage", "today", "--config", file, "--data-dir", dataDir});
    QCOMPARE(today.exitCode, 0);
    auto hasLine = [&](const QString &output, const QString &pattern) {
        return QRegularExpression(
            QStringLiteral("^") + pattern + QStringLiteral("$"), QRegularExpression::MultilineOption)
            .match(output)
            .hasMatch();
    };
    QVERIFY2(hasLine(today.output, R"(anthropic:opus\s+1\s+1\s+10\s+0\s+0\s+0\s+- \*)"), qPrintable(today.output));
    QVERIFY2(hasLine(today.output, R"(anthropic:sonnet\s+1\s+0\s+1,000,000\s+100,000\s+0\s+0\s+4\.50 USD)"),
        qPrintable(today.output));
    QVERIFY2(hasLine(today.output, R"(dashscope:qwen\s+1\s+0\s+500,000\s+250,000\s+0\s+0\s+3\.00 CNY)"),
        qPrintable(today.output));
    QVERIFY2(hasLine(today.output, R"(total\s+3\s+1\s+1,500,010\s+350,000\s+0\s+0\s+3\.00 CNY \+ 4\.50 USD \*)"),
        qPrintable(today.output));
    QVERIFY2(today.output.contains(QStringLiteral("* 1 call on a model without a price is not in the cost")),
        qPrintable(today.output));
    QVERIFY(!today.output.contains(QStringLiteral("sk-secret")));

    const RunResult byKey
        = runToEnd({"--usage", "all", "--by", "key", "--json", "--config", file, "--data-dir", dataDir});
    QCOMPARE(byKey.exitCode, 0);
    QJsonParseError parseError;
    const QJsonObject report = QJsonDocument::fromJson(byKey.output.toUtf8(), &parseError).object();
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(byKey.output));
    QCOMPARE(report.value("by").toString(), QStringLiteral("key"));
    QCOMPARE(report.value("period").toString(), QStringLiteral("all"));
    const QJsonArray rows = report.value("rows").toArray();
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(0).toObject().value("key").toString(), QStringLiteral("alice"));
    QCOMPARE(rows.at(0).toObject().value("calls").toInt(), 2);
    QCOMPARE(rows.at(1).toObject().value("key").toString(), QStringLiteral("bob"));
    QCOMPARE(rows.at(1).toObject().value("calls").toInt(), 2); // today's opus call and the one 40 days ago
    QCOMPARE(rows.at(1).toObject().value("unpriced_calls").toInt(), 1);
    const QJsonObject total = report.value("total").toObject();
    QCOMPARE(total.value("calls").toInt(), 4);
    QCOMPARE(total.value("cost").toObject().value("USD").toDouble(), 10.5); // 4.50 today + 2M × 3 earlier
    QCOMPARE(total.value("cost").toObject().value("CNY").toDouble(), 3.0);

    const RunResult week = runToEnd({"--usage", "7d", "--by", "day", "--config", file, "--data-dir", dataDir});
    QCOMPARE(week.exitCode, 0);
    QVERIFY2(hasLine(week.output,
                 QRegularExpression::escape(now.toLocalTime().date().toString(Qt::ISODate))
                     + R"(\s+3\s+1\s+1,500,010\s+350,000\s+0\s+0\s+3\.00 CNY \+ 4\.50 USD \*)"),
        qPrintable(week.output));

    // Nothing recorded yet: a clear message, and no database is created by looking.
    const QString empty = dir.file(QStringLiteral("empty"));
    const RunResult none = runToEnd({"--usage", "today", "--data-dir", empty});
    QCOMPARE(none.exitCode, 1);
    QVERIFY2(none.output.contains(QStringLiteral("no records in")), qPrintable(none.output));
    QVERIFY(!QFile::exists(Database::filePathIn(empty)));
}

QTEST_GUILESS_MAIN(TestHeadlessBinary)
#include "TestHeadlessBinary.moc"
