// The real Claude Code CLI (npm @anthropic-ai/claude-code) -> Switchyard -> a fake platform that plays a model
// which calls the Read tool and then answers from the tool's result. The secret word is random per run and
// only reaches the fake through the tool_result Claude Code sends back, so the answer proves the whole loop.
#include "ProxyHarness.h"

#include "config/ConfigService.h"
#include "store/UsageReport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
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
            {"message",
                QJsonObject {{"id", "msg_e2e"}, {"type", "message"}, {"role", "assistant"}, {"model", model},
                    {"content", QJsonArray()}, {"stop_reason", QJsonValue()}, {"stop_sequence", QJsonValue()},
                    {"usage", QJsonObject {{"input_tokens", 120}, {"output_tokens", 1}}}}}});
    events << event("content_block_start", {{"type", "content_block_start"}, {"index", 0}, {"content_block", block}});
    const QString field = deltaType == "text_delta" ? "text" : "partial_json";
    const int half = int(delta.size() / 2);
    for (const QString &piece : {delta.left(half), delta.mid(half)}) {
        events << event("content_block_delta",
            {{"type", "content_block_delta"}, {"index", 0},
                {"delta", QJsonObject {{"type", QString::fromLatin1(deltaType)}, {field, piece}}}});
    }
    events << event("content_block_stop", {{"type", "content_block_stop"}, {"index", 0}});
    events << event("message_delta",
        {{"type", "message_delta"},
            {"delta", QJsonObject {{"stop_reason", stopReason}, {"stop_sequence", QJsonValue()}}},
            {"usage", QJsonObject {{"output_tokens", 25}}}});
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
        const QString answer
            = found.isEmpty() ? QStringLiteral("I could not find it.") : QStringLiteral("The word is ") + found;
        events = messageEvents(model, {{"type", "text"}, {"text", ""}}, "text_delta", answer, "end_turn");
    } else if (!request.value("tools").toArray().isEmpty()) {
        const QString input
            = QString::fromUtf8(QJsonDocument(QJsonObject {{"file_path", notesPath}}).toJson(QJsonDocument::Compact));
        events = messageEvents(model,
            {{"type", "tool_use"}, {"id", "toolu_e2e_01"}, {"name", "Read"}, {"input", QJsonObject()}},
            "input_json_delta", input, "tool_use");
    } else {
        events = messageEvents(model, {{"type", "text"}, {"text", ""}}, "text_delta", "Reading notes", "end_turn");
    }
    if (stream)
        return FakeResponse::anthropicStream(events);
    return FakeResponse::anthropicMessage(QStringLiteral("Reading notes"));
}

QByteArray openAIChunk(const QJsonObject &delta, const QJsonValue &finishReason = QJsonValue())
{
    const QJsonObject choice {{"index", 0}, {"delta", delta}, {"finish_reason", finishReason}};
    return QJsonDocument(QJsonObject {{"id", "chatcmpl-e2e"}, {"object", "chat.completion.chunk"},
                             {"model", "qwen3-coder-plus"}, {"choices", QJsonArray {choice}}})
        .toJson(QJsonDocument::Compact);
}

// A Qwen-like OpenAI-format model doing a two-step task: read notes.txt, which points to details.txt, read that,
// answer with the word found there. It thinks aloud (reasoning_content) and reports usage in a last chunk.
FakeResponse playOpenAIModel(const ReceivedRequest &received, const QString &folder)
{
    const QJsonObject request = QJsonDocument::fromJson(received.body).object();
    const QJsonArray messages = request.value("messages").toArray();
    QStringList toolResults;
    for (const QJsonValue &message : messages) {
        if (message.toObject().value("role").toString() == QLatin1String("tool"))
            toolResults.append(message.toObject().value("content").toString());
    }
    QList<QByteArray> chunks;
    chunks << openAIChunk({{"role", "assistant"}, {"content", ""}});
    auto callTool = [&](const QString &file) {
        chunks << openAIChunk({{"reasoning_content", QString("I should read " + file + ".")}});
        const QJsonObject call {{"index", 0}, {"id", QString("call_" + file.left(5))}, {"type", "function"},
            {"function", QJsonObject {{"name", "Read"}, {"arguments", ""}}}};
        chunks << openAIChunk({{"tool_calls", QJsonArray {call}}});
        const QString arguments = QString::fromUtf8(
            QJsonDocument(QJsonObject {{"file_path", QString(folder + "/" + file)}}).toJson(QJsonDocument::Compact));
        for (const QString &piece : {arguments.left(10), arguments.mid(10)})
            chunks << openAIChunk({{"tool_calls",
                QJsonArray {QJsonObject {{"index", 0}, {"function", QJsonObject {{"arguments", piece}}}}}}});
        chunks << openAIChunk({}, "tool_calls");
    };
    if (request.value("tools").toArray().isEmpty()) {
        chunks << openAIChunk({{"content", "Notes lookup"}}) << openAIChunk({}, "stop");
    } else if (toolResults.isEmpty()) {
        callTool(QStringLiteral("notes.txt"));
    } else if (toolResults.size() == 1) {
        callTool(QStringLiteral("details.txt"));
    } else {
        const QString found
            = QRegularExpression(QStringLiteral("SECRET-[A-Z0-9]+")).match(toolResults.last()).captured(0);
        chunks << openAIChunk({{"content", "The word is "}});
        chunks << openAIChunk({{"content", found.isEmpty() ? QStringLiteral("unknown") : found}});
        chunks << openAIChunk({}, "stop");
    }
    chunks << QJsonDocument(
        QJsonObject {{"id", "chatcmpl-e2e"}, {"object", "chat.completion.chunk"}, {"choices", QJsonArray()},
            {"usage",
                QJsonObject {{"prompt_tokens", 21000}, {"completion_tokens", 40},
                    {"prompt_tokens_details", QJsonObject {{"cached_tokens", 20000}}}}}})
                  .toJson(QJsonDocument::Compact);
    return FakeResponse::openAIStream(chunks, 5);
}

struct ClaudeRun
{
    int exitCode = -1;
    QString output;
    QString errors;
};

ClaudeRun runClaude(const QString &claude, const QString &baseUrl, const QString &clientKey, const QString &folder,
    const QString &home, const QString &prompt)
{
    QProcess process;
    process.setWorkingDirectory(folder);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("HOME", home);
    environment.insert("ANTHROPIC_BASE_URL", baseUrl);
    environment.insert("ANTHROPIC_AUTH_TOKEN", clientKey);
    environment.remove("ANTHROPIC_API_KEY");
    environment.insert("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
    environment.insert("DISABLE_AUTOUPDATER", "1");
    process.setProcessEnvironment(environment);
    process.start(claude, {QStringLiteral("-p"), prompt, QStringLiteral("--allowedTools"), QStringLiteral("Read")});
    ClaudeRun run;
    if (!process.waitForStarted(30000) || !process.waitForFinished(240000)) {
        process.kill();
        process.waitForFinished();
        run.errors = QStringLiteral("Claude Code did not finish in time");
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.output += QString::fromUtf8(process.readAllStandardOutput());
    run.errors += QString::fromUtf8(process.readAllStandardError());
    return run;
}

QString randomSecret()
{
    return QStringLiteral("SECRET-%1").arg(QRandomGenerator::global()->generate(), 0, 36).toUpper();
}

} // namespace

class TestClaudeCodeEndToEnd : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void readsAFileThroughSwitchyard();
    void doesAMultiStepTaskOnAnOpenAIFormatModel();
    void fallsBackWhenThePlatformHasNoCredit();

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
    const QString secret = randomSecret();
    QDir().mkpath(work.file(QStringLiteral("project")));
    const QString notesPath = work.writeFile(
        QStringLiteral("project/notes.txt"), ("Meeting notes.\nThe secret word is " + secret + ".\n").toUtf8());
    QVERIFY(!notesPath.isEmpty());
    QDir().mkpath(work.file(QStringLiteral("home")));
    harness.upstream().setHandler(
        [notesPath](const ReceivedRequest &request) { return playModel(request, notesPath); });

    const ClaudeRun claude
        = runClaude(m_claude, harness.runtime().baseUrl(), clientKey, QFileInfo(notesPath).absolutePath(),
            work.file(QStringLiteral("home")), QStringLiteral("What is the secret word in notes.txt?"));
    QVERIFY2(claude.exitCode == 0, qPrintable(claude.output + claude.errors));
    QVERIFY2(claude.output.contains(secret),
        qPrintable(QStringLiteral("output: %1\nerrors: %2").arg(claude.output, claude.errors)));

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

void TestClaudeCodeEndToEnd::doesAMultiStepTaskOnAnOpenAIFormatModel()
{
    const QString clientKey = QStringLiteral("sk-switchyard-e2e-openai");
    ProxyHarness harness;
    harness.addClientKey(QStringLiteral("e2e"), clientKey);
    harness.config().insert("config_type", QStringLiteral("global_direct"));
    harness.config().insert("model_priority_list", QJsonArray {QStringLiteral("qwen:qwen3-coder-plus")});
    harness.config().insert("platforms",
        QJsonArray {QJsonObject {{"id", "qwen"}, {"type", "dashscope"},
            {"base_url", QString(harness.upstream().baseUrl().toString() + "/v1")},
            {"api_key", QString::fromLatin1(ProxyHarness::kProviderKey)}, {"currency", "CNY"},
            {"models",
                QJsonArray {QJsonObject {{"id", "qwen3-coder-plus"},
                    {"price", QJsonObject {{"input", 4}, {"output", 16}, {"cache_read", 0.4}}}}}}}});
    QVERIFY(harness.start());

    TempDataDir work;
    QDir().mkpath(work.file(QStringLiteral("project")));
    QDir().mkpath(work.file(QStringLiteral("home")));
    const QString secret = randomSecret();
    work.writeFile(QStringLiteral("project/notes.txt"), "Nothing here; the word is in details.txt.\n");
    work.writeFile(QStringLiteral("project/details.txt"), ("The secret word is " + secret + ".\n").toUtf8());
    const QString folder = work.file(QStringLiteral("project"));
    harness.upstream().setHandler(
        [folder](const ReceivedRequest &request) { return playOpenAIModel(request, folder); });

    const ClaudeRun claude = runClaude(m_claude, harness.runtime().baseUrl(), clientKey, folder,
        work.file(QStringLiteral("home")), QStringLiteral("What is the secret word? Start with notes.txt."));
    QVERIFY2(claude.exitCode == 0, qPrintable(claude.output + claude.errors));
    QVERIFY2(claude.output.contains(secret),
        qPrintable(QStringLiteral("output: %1\nerrors: %2").arg(claude.output, claude.errors)));

    // The platform was spoken to in its own format, with its own key, and got both tool results back.
    int chatCalls = 0;
    int withTwoResults = 0;
    for (const ReceivedRequest &request : harness.upstream().receivedRequests()) {
        QCOMPARE(request.pathWithoutQuery(), QByteArray("/v1/chat/completions"));
        QCOMPARE(request.header("authorization"), "Bearer " + QByteArray(ProxyHarness::kProviderKey));
        ++chatCalls;
        const QJsonArray messages = QJsonDocument::fromJson(request.body).object().value("messages").toArray();
        int toolMessages = 0;
        for (const QJsonValue &message : messages)
            toolMessages += message.toObject().value("role").toString() == QLatin1String("tool") ? 1 : 0;
        withTwoResults += toolMessages == 2 ? 1 : 0;
    }
    QVERIFY(chatCalls >= 3);
    QCOMPARE(withTwoResults, 1);
    // Usage from the platform's last chunk reached the records (with the cached part).
    bool sawCacheRead = false;
    for (const StoredRecord &stored : harness.records(3))
        sawCacheRead = sawCacheRead || stored.record.usage.cacheReadInputTokens == 20000;
    QVERIFY(sawCacheRead);

    // The statistics: every call of the session, for this client key, priced in the platform's currency.
    // Each answer reported 21 000 prompt tokens of which 20 000 cached, and 40 output tokens.
    Database database;
    QString error;
    QVERIFY2(database.open(harness.dataDir().path(), QStringLiteral("e2e-usage"), &error), qPrintable(error));
    const UsageReport report = UsageReport::build(RecordQuery(database).usageCells(UsageFilter(), &error),
        UsageReport::Grouping::ClientKey, harness.runtime().configService()->current());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(report.rows.size(), 1);
    QCOMPARE(report.rows.at(0).key, QStringLiteral("e2e"));
    QCOMPARE(report.total.calls, qint64(chatCalls));
    QCOMPARE(report.total.failedCalls, qint64(0));
    QCOMPARE(report.total.inputTokens, qint64(chatCalls) * 1000);
    QCOMPARE(report.total.cacheReadInputTokens, qint64(chatCalls) * 20000);
    QCOMPARE(report.total.outputTokens, qint64(chatCalls) * 40);
    QCOMPARE(report.total.unpricedCalls, qint64(0));
    QVERIFY(qAbs(report.total.cost.value(QStringLiteral("CNY")) - chatCalls * (1000 * 4 + 40 * 16 + 20000 * 0.4) / 1e6)
        < 1e-9);
}

void TestClaudeCodeEndToEnd::fallsBackWhenThePlatformHasNoCredit()
{
    const QString clientKey = QStringLiteral("sk-switchyard-e2e-fallback");
    FakeUpstreamThread broke;
    broke->setDefaultResponse(FakeResponse::anthropicError(
        402, QStringLiteral("billing_error"), QStringLiteral("Your credit balance is too low to access the API.")));
    ProxyHarness harness;
    harness.addClientKey(QStringLiteral("e2e"), clientKey);
    QJsonArray platforms = harness.config().value("platforms").toArray();
    platforms.prepend(QJsonObject {{"id", "broke"}, {"type", "anthropic"}, {"base_url", broke->baseUrl().toString()},
        {"api_key", "sk-broke-provider"}});
    harness.config().insert("platforms", platforms);
    harness.config().insert("claude_code", QJsonObject {{"platforms", QJsonArray {"broke", "fake"}}});
    QVERIFY(harness.start());

    TempDataDir work;
    QDir().mkpath(work.file(QStringLiteral("project")));
    QDir().mkpath(work.file(QStringLiteral("home")));
    const QString secret = randomSecret();
    const QString notesPath
        = work.writeFile(QStringLiteral("project/notes.txt"), ("The secret word is " + secret + ".\n").toUtf8());
    harness.upstream().setHandler(
        [notesPath](const ReceivedRequest &request) { return playModel(request, notesPath); });

    const ClaudeRun claude
        = runClaude(m_claude, harness.runtime().baseUrl(), clientKey, QFileInfo(notesPath).absolutePath(),
            work.file(QStringLiteral("home")), QStringLiteral("What is the secret word in notes.txt?"));
    QVERIFY2(claude.exitCode == 0, qPrintable(claude.output + claude.errors));
    QVERIFY2(claude.output.contains(secret),
        qPrintable(QStringLiteral("output: %1\nerrors: %2").arg(claude.output, claude.errors)));

    // The platform without credit was asked once; after that it was passed over until a probe is due.
    QCOMPARE(broke->requestCount(), 1);
    const QList<StoredRecord> records = harness.records(2);
    const StoredRecord &first = records.last(); // newest first
    const QJsonArray attempts
        = QJsonDocument::fromJson(first.record.routeJson.toUtf8()).object().value("attempts").toArray();
    QCOMPARE(attempts.size(), 2);
    QCOMPARE(attempts.at(0).toObject().value("platform").toString(), QStringLiteral("broke"));
    QCOMPARE(attempts.at(0).toObject().value("result").toString(), QStringLiteral("no_credit"));
    QCOMPARE(attempts.at(1).toObject().value("platform").toString(), QStringLiteral("fake"));
    QCOMPARE(attempts.at(1).toObject().value("result").toString(), QStringLiteral("ok"));
    QCOMPARE(first.record.status, 200);
}

QTEST_GUILESS_MAIN(TestClaudeCodeEndToEnd)
#include "TestClaudeCodeEndToEnd.moc"
