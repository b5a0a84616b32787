// The real Claude Code CLI (npm @anthropic-ai/claude-code) -> Switchyard -> a fake platform that plays a model
// which calls the Read tool and then answers from the tool's result. The secret word is random per run and
// only reaches the fake through the tool_result Claude Code sends back, so the answer proves the whole loop.
#include "ProxyHarness.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

namespace {

QByteArray event(const char *name, const QJsonObject &data)
{
    return QByteArray("event: ") + name + "\ndata: " + QJsonDocument(data).toJson(QJsonDocument::Compact) + "\n\n";
}

QList<QByteArray> messageEvents(const QString &model, const QJsonObject &block, const QByteArray &deltaType,
                                const QString &delta, const QString &stopReason)
{
    QList<QByteArray> events;
    events << event("message_start",
                    {{"type", "message_start"},
                     {"message", QJsonObject{{"id", "msg_e2e"}, {"type", "message"}, {"role", "assistant"},
                                             {"model", model}, {"content", QJsonArray()}, {"stop_reason", QJsonValue()},
                                             {"stop_sequence", QJsonValue()},
                                             {"usage", QJsonObject{{"input_tokens", 120}, {"output_tokens", 1}}}}}});
    events << event("content_block_start", {{"type", "content_block_start"}, {"index", 0}, {"content_block", block}});
    const QString field = deltaType == "text_delta" ? "text" : "partial_json";
    const int half = int(delta.size() / 2);
    for (const QString &piece : {delta.left(half), delta.mid(half)}) {
        events << event("content_block_delta", {{"type", "content_block_delta"}, {"index", 0},
                                                {"delta", QJsonObject{{"type", QString::fromLatin1(deltaType)}, {field, piece}}}});
    }
    events << event("content_block_stop", {{"type", "content_block_stop"}, {"index", 0}});
    events << event("message_delta", {{"type", "message_delta"},
                                      {"delta", QJsonObject{{"stop_reason", stopReason}, {"stop_sequence", QJsonValue()}}},
                                      {"usage", QJsonObject{{"output_tokens", 25}}}});
    events << event("message_stop", {{"type", "message_stop"}});
    return events;
}

// The text of the tool_result blocks in the last user message, if that is what it carries.
QString lastToolResultText(const QJsonObject &request)
{
    const QJsonArray messages = request.value("messages").toArray();
    if (messages.isEmpty())
        return {};
    const QJsonValue content = messages.last().toObject().value("content");
    QString text;
    for (const QJsonValue &block : content.toArray()) {
        if (block.toObject().value("type").toString() != QLatin1String("tool_result"))
            continue;
        const QJsonValue result = block.toObject().value("content");
        if (result.isString())
            text += result.toString();
        for (const QJsonValue &part : result.toArray())
            text += part.toObject().value("text").toString();
    }
    return text;
}

// A model that reads notes.txt with the Read tool, then answers with the word it found there.
FakeResponse playModel(const ReceivedRequest &received, const QString &notesPath)
{
    if (!received.path.startsWith("/v1/messages"))
        return FakeResponse::json(200, QByteArray(R"({"data":[],"has_more":false})"));
    if (received.path.startsWith("/v1/messages/count_tokens"))
        return FakeResponse::json(200, QByteArray(R"({"input_tokens":1200})"));
    const QJsonObject request = QJsonDocument::fromJson(received.body).object();
    const QString model = request.value("model").toString();
    const bool stream = request.value("stream").toBool();
    QList<QByteArray> events;
    const QString toolResult = lastToolResultText(request);
    if (!toolResult.isEmpty()) {
        const QRegularExpression word(QStringLiteral("SECRET-[A-Z0-9]+"));
        const QString found = word.match(toolResult).captured(0);
        const QString answer = found.isEmpty() ? QStringLiteral("I could not find it.") : QStringLiteral("The word is ") + found;
        events = messageEvents(model, {{"type", "text"}, {"text", ""}}, "text_delta", answer, "end_turn");
    } else if (!request.value("tools").toArray().isEmpty()) {
        const QString input = QString::fromUtf8(QJsonDocument(QJsonObject{{"file_path", notesPath}}).toJson(QJsonDocument::Compact));
        events = messageEvents(model, {{"type", "tool_use"}, {"id", "toolu_e2e_01"}, {"name", "Read"}, {"input", QJsonObject()}},
                               "input_json_delta", input, "tool_use");
    } else {
        events = messageEvents(model, {{"type", "text"}, {"text", ""}}, "text_delta", "Reading notes", "end_turn");
    }
    if (stream)
        return FakeResponse::anthropicStream(events);
    return FakeResponse::anthropicMessage(QStringLiteral("Reading notes"));
}

} // namespace

class TestClaudeCodeEndToEnd : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void readsAFileThroughSwitchyard();

private:
    QString m_claude;
};

void TestClaudeCodeEndToEnd::initTestCase()
{
    m_claude = qEnvironmentVariable("SWITCHYARD_CLAUDE_CODE_BIN", QStringLiteral(SWITCHYARD_CLAUDE_CODE_BIN));
    if (!QFileInfo(m_claude).isExecutable())
        QSKIP(qPrintable(QStringLiteral("the Claude Code CLI is not installed at %1 (run the e2e_install_claude_code "
                                        "test, which needs npm)")
                             .arg(m_claude)));
}

void TestClaudeCodeEndToEnd::readsAFileThroughSwitchyard()
{
    const QString clientKey = QStringLiteral("sk-switchyard-e2e-client");
    ProxyHarness harness;
    harness.addClientKey(QStringLiteral("e2e"), clientKey);
    QVERIFY(harness.start());

    TempDataDir work;
    const QString secret = QStringLiteral("SECRET-%1").arg(QRandomGenerator::global()->generate(), 0, 36).toUpper();
    QDir().mkpath(work.file(QStringLiteral("project")));
    const QString notesPath = work.writeFile(QStringLiteral("project/notes.txt"),
                                             ("Meeting notes.\nThe secret word is " + secret + ".\n").toUtf8());
    QVERIFY(!notesPath.isEmpty());
    QDir().mkpath(work.file(QStringLiteral("home")));
    harness.upstream().setHandler([notesPath](const ReceivedRequest &request) { return playModel(request, notesPath); });

    QProcess claude;
    claude.setWorkingDirectory(QFileInfo(notesPath).absolutePath());
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("HOME", work.file(QStringLiteral("home")));
    environment.insert("ANTHROPIC_BASE_URL", harness.runtime().baseUrl());
    environment.insert("ANTHROPIC_AUTH_TOKEN", clientKey);
    environment.remove("ANTHROPIC_API_KEY");
    environment.insert("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
    environment.insert("DISABLE_AUTOUPDATER", "1");
    claude.setProcessEnvironment(environment);
    claude.start(m_claude, {QStringLiteral("-p"), QStringLiteral("What is the secret word in notes.txt?"),
                            QStringLiteral("--allowedTools"), QStringLiteral("Read")});
    QVERIFY2(claude.waitForStarted(30000), qPrintable(claude.errorString()));
    QVERIFY2(claude.waitForFinished(240000), "Claude Code did not finish in time");
    const QString output = QString::fromUtf8(claude.readAllStandardOutput());
    const QString errors = QString::fromUtf8(claude.readAllStandardError());
    QVERIFY2(claude.exitCode() == 0, qPrintable(output + errors));
    QVERIFY2(output.contains(secret), qPrintable(QStringLiteral("output: %1\nerrors: %2").arg(output, errors)));

    // What the platform saw: the tool call's result came back through Switchyard, with the platform's key.
    const QList<ReceivedRequest> received = harness.upstream().receivedRequests();
    int messagesCalls = 0;
    bool sawToolResult = false;
    for (const ReceivedRequest &request : received) {
        QCOMPARE(request.header("x-api-key"), QByteArray(ProxyHarness::kProviderKey));
        QVERIFY(!request.body.contains(clientKey.toUtf8()));
        if (request.path.startsWith("/v1/messages?") || request.path == "/v1/messages") {
            ++messagesCalls;
            sawToolResult = sawToolResult || request.body.contains(secret.toUtf8());
        }
    }
    QVERIFY(messagesCalls >= 2);
    QVERIFY(sawToolResult);

    // And every call is recorded, attributed to the client key, with the exact bytes.
    const QList<StoredRecord> records = harness.records(messagesCalls);
    int recordedMessages = 0;
    for (const StoredRecord &stored : records) {
        QCOMPARE(stored.record.clientKeyId, QStringLiteral("e2e"));
        if (stored.record.endpoint == QLatin1String("/v1/messages")) {
            ++recordedMessages;
            QCOMPARE(stored.record.status, 200);
        }
    }
    QCOMPARE(recordedMessages, messagesCalls);
}

QTEST_GUILESS_MAIN(TestClaudeCodeEndToEnd)
#include "TestClaudeCodeEndToEnd.moc"
