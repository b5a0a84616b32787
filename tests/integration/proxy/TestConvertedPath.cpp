// Claude Code -> Switchyard -> an OpenAI-format platform (DashScope, OpenRouter, SiliconFlow, Ollama, LM Studio,
// any OpenAI-compatible service), through real HTTP: the real runtime (proxy and store threads, SQLite file) in
// front of a fake platform that answers /v1/chat/completions. The request is converted on the way out, the
// answer (an OpenAI stream in some provider's dialect, or one JSON body) on the way back.
#include "ClaudeCodeRequests.h"
#include "ConvertTestSupport.h"
#include "LogCapture.h"
#include "ProxyHarness.h"
#include "TestSupport.h"
#include "common/Logging.h"
#include "convert/AnthropicStreamValidator.h"
#include "convert/AnthropicToOpenAIRequest.h"
#include "convert/TokenEstimator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QRegularExpression>
#include <QTest>

using ConvertTestSupport::StreamFixture;

namespace {

const QString kPlatformId = QStringLiteral("target");
const QByteArray kClientKey = "sk-client-key-not-for-platforms-42";
const QString kRequestedModel = QStringLiteral("claude-sonnet-4-5-20250929");
constexpr int kPieceDelayMs = 80; // between the pieces of a replayed fixture

HttpHeaderList claudeCodeHeaders()
{
    return {{"authorization", "Bearer " + kClientKey}, {"anthropic-version", "2023-06-01"},
        {"anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14"},
        {"x-claude-code-session-id", "5e463e6f-0000-4d1d-834a-de1b3d6b62c7"},
        {"user-agent", "claude-cli/2.1.332 (external, sdk-cli)"}, {"x-app", "cli"}};
}

QString upstreamBaseUrl(ProxyHarness &harness)
{
    return harness.upstream().baseUrl().toString() + QStringLiteral("/v1");
}

// One OpenAI-format platform of `type` on the fake upstream, its models listed with their settings.
QJsonObject platformJson(ProxyHarness &harness, const QString &id, const QString &type, const QJsonArray &models)
{
    return QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("type"), type},
        {QStringLiteral("base_url"), upstreamBaseUrl(harness)},
        {QStringLiteral("api_key"), QString::fromLatin1(ProxyHarness::kProviderKey)},
        {QStringLiteral("models"), models}};
}

QJsonObject modelJson(const QString &model, QJsonObject settings = {})
{
    settings.insert(QStringLiteral("id"), model);
    return settings;
}

// global_direct to `models` (in order) of one platform "target" of `type`.
void routeTo(ProxyHarness &harness, const QString &type, const QStringList &models, const QJsonObject &settings = {})
{
    QJsonArray modelEntries;
    QJsonArray priority;
    for (const QString &model : models) {
        modelEntries.append(modelJson(model, settings));
        priority.append(QString(kPlatformId + QLatin1Char(':') + model));
    }
    harness.config().insert(QStringLiteral("config_type"), QStringLiteral("global_direct"));
    harness.config().insert(
        QStringLiteral("platforms"), QJsonArray {platformJson(harness, kPlatformId, type, modelEntries)});
    harness.config().insert(QStringLiteral("model_priority_list"), priority);
}

void routeTo(ProxyHarness &harness, const QString &type, const QString &model, const QJsonObject &settings = {})
{
    routeTo(harness, type, QStringList {model}, settings);
}

QJsonObject mainLoopRequest(bool stream = true)
{
    ClaudeCodeRequests::Options options;
    options.model = kRequestedModel;
    options.stream = stream;
    return ClaudeCodeRequests::mainLoop(options);
}

QByteArray bytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject jsonObject(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

// The pieces of an SSE body, one per event (comment lines included), each after `delayMs`.
QList<FakeResponse::Piece> ssePieces(const QByteArray &sse, int delayMs)
{
    QList<FakeResponse::Piece> pieces;
    qsizetype start = 0;
    while (start < sse.size()) {
        qsizetype end = sse.indexOf("\n\n", start);
        end = end < 0 ? sse.size() : end + 2;
        pieces.append({sse.mid(start, end - start), delayMs});
        start = end;
    }
    return pieces;
}

// `data: {chunk}` for each chunk, then `data: [DONE]`, as the raw SSE body an OpenAI-format platform streams.
QByteArray openAISse(const QList<QByteArray> &chunks, bool done = true)
{
    QByteArray sse;
    for (const QByteArray &chunk : chunks)
        sse += "data: " + chunk + "\n\n";
    if (done)
        sse += "data: [DONE]\n\n";
    return sse;
}

QByteArray chunk(const QByteArray &delta, const QByteArray &finishReason = "null", const QByteArray &extra = {})
{
    return R"({"id":"chatcmpl-t1","object":"chat.completion.chunk","created":1764160000,"model":"m","choices":[{"index":0,"delta":)"
        + delta + R"(,"finish_reason":)" + finishReason + "}]" + extra + "}";
}

AnthropicStreamValidator validated(const TestHttpResponse &response)
{
    AnthropicStreamValidator validator;
    validator.feedBytes(response.body);
    validator.finish();
    return validator;
}

QString textOf(const QJsonValue &content)
{
    if (content.isString())
        return content.toString();
    QStringList parts;
    for (const QJsonValue &part : content.toArray())
        parts.append(part.toObject().value(QStringLiteral("text")).toString());
    return parts.join(QLatin1Char('\n'));
}

// Every key anywhere in a JSON value, and every `type` value of an object, to look for what must not be there.
void collectKeysAndTypes(const QJsonValue &value, QSet<QString> &keys, QSet<QString> &types)
{
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectKeysAndTypes(item, keys, types);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            keys.insert(it.key());
            if (it.key() == QLatin1String("type") && it->isString())
                types.insert(it->toString());
            collectKeysAndTypes(it.value(), keys, types);
        }
    }
}

// What a strict Chat Completions server would reject in `body`; empty when it is well-formed.
QStringList chatCompletionsProblems(const QJsonObject &body)
{
    QStringList problems;
    static const QSet<QString> knownFields {QStringLiteral("model"), QStringLiteral("messages"),
        QStringLiteral("tools"), QStringLiteral("tool_choice"), QStringLiteral("parallel_tool_calls"),
        QStringLiteral("stream"), QStringLiteral("stream_options"), QStringLiteral("max_tokens"),
        QStringLiteral("max_completion_tokens"), QStringLiteral("temperature"), QStringLiteral("top_p"),
        QStringLiteral("stop"), QStringLiteral("user"), QStringLiteral("reasoning"), QStringLiteral("reasoning_effort"),
        QStringLiteral("enable_thinking"), QStringLiteral("thinking_budget"), QStringLiteral("thinking"),
        QStringLiteral("response_format")};
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!knownFields.contains(it.key()))
            problems << QStringLiteral("unexpected field %1").arg(it.key());
    }
    if (body.contains(QStringLiteral("thinking"))) {
        // DeepSeek's and GLM's switch: {"type": "enabled" | "disabled"}, never Anthropic's budget.
        const QJsonObject thinking = body.value(QStringLiteral("thinking")).toObject();
        if (thinking.keys() != QStringList {QStringLiteral("type")})
            problems << QStringLiteral("thinking is not {type}");
    }
    if (body.value(QStringLiteral("model")).toString().isEmpty())
        problems << QStringLiteral("no model");

    QSet<QString> keys;
    QSet<QString> types;
    collectKeysAndTypes(body.value(QStringLiteral("messages")), keys, types);
    for (const char *anthropicOnly : {"cache_control", "tool_use_id", "input_schema", "signature", "source"}) {
        if (keys.contains(QLatin1String(anthropicOnly)))
            problems << QStringLiteral("Anthropic field %1 in messages").arg(QLatin1String(anthropicOnly));
    }
    for (const char *anthropicType :
        {"tool_use", "tool_result", "thinking", "redacted_thinking", "image", "document"}) {
        if (types.contains(QLatin1String(anthropicType)))
            problems << QStringLiteral("Anthropic block type %1 in messages").arg(QLatin1String(anthropicType));
    }

    const QJsonArray messages = body.value(QStringLiteral("messages")).toArray();
    if (messages.isEmpty())
        problems << QStringLiteral("no messages");
    QStringList unanswered; // tool call ids of the last assistant message without their tool message yet
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const QJsonObject message = messages.at(i).toObject();
        const QString role = message.value(QStringLiteral("role")).toString();
        const QString where = QStringLiteral("messages[%1] (%2)").arg(i).arg(role);
        if (role == QLatin1String("tool")) {
            const QString id = message.value(QStringLiteral("tool_call_id")).toString();
            if (unanswered.isEmpty())
                problems << where + QStringLiteral(": not right after an assistant's tool_calls");
            else if (id != unanswered.takeFirst())
                problems << where + QStringLiteral(": tool_call_id %1 out of order").arg(id);
            if (!message.value(QStringLiteral("content")).isString())
                problems << where + QStringLiteral(": content is not a string");
            continue;
        }
        if (!unanswered.isEmpty())
            problems << where
                    + QStringLiteral(": tool calls %1 not answered first").arg(unanswered.join(QLatin1Char(',')));
        unanswered.clear();
        const QJsonValue content = message.value(QStringLiteral("content"));
        if (role == QLatin1String("system")) {
            if (i != 0)
                problems << where + QStringLiteral(": a system message after the first");
            if (textOf(content).isEmpty())
                problems << where + QStringLiteral(": empty");
        } else if (role == QLatin1String("user")) {
            if (content.isArray()) {
                for (const QJsonValue &part : content.toArray()) {
                    const QString type = part.toObject().value(QStringLiteral("type")).toString();
                    if (type == QLatin1String("text")
                        && part.toObject().value(QStringLiteral("text")).toString().isEmpty())
                        problems << where + QStringLiteral(": empty text part");
                    else if (type != QLatin1String("text") && type != QLatin1String("image_url"))
                        problems << where + QStringLiteral(": part of type %1").arg(type);
                }
            } else if (!content.isString() || content.toString().isEmpty()) {
                problems << where + QStringLiteral(": no content");
            }
        } else if (role == QLatin1String("assistant")) {
            const QJsonArray calls = message.value(QStringLiteral("tool_calls")).toArray();
            if (!content.isString() && !content.isNull() && !content.isUndefined())
                problems << where + QStringLiteral(": content is neither a string nor null");
            if (calls.isEmpty() && textOf(content).isEmpty())
                problems << where + QStringLiteral(": neither content nor tool calls");
            for (const QJsonValue &value : calls) {
                const QJsonObject call = value.toObject();
                const QJsonObject function = call.value(QStringLiteral("function")).toObject();
                const QString id = call.value(QStringLiteral("id")).toString();
                if (id.isEmpty() || call.value(QStringLiteral("type")).toString() != QLatin1String("function")
                    || function.value(QStringLiteral("name")).toString().isEmpty())
                    problems << where + QStringLiteral(": malformed tool call");
                if (!QJsonDocument::fromJson(function.value(QStringLiteral("arguments")).toString().toUtf8())
                         .isObject())
                    problems << where + QStringLiteral(": arguments are not a JSON object string");
                unanswered << id;
            }
        } else {
            problems << where + QStringLiteral(": unknown role");
        }
    }
    if (!unanswered.isEmpty())
        problems << QStringLiteral("tool calls %1 never answered").arg(unanswered.join(QLatin1Char(',')));

    static const QRegularExpression functionName(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    for (const QJsonValue &value : body.value(QStringLiteral("tools")).toArray()) {
        const QJsonObject tool = value.toObject();
        const QJsonObject function = tool.value(QStringLiteral("function")).toObject();
        const QString name = function.value(QStringLiteral("name")).toString();
        if (tool.value(QStringLiteral("type")).toString() != QLatin1String("function")
            || !functionName.match(name).hasMatch())
            problems << QStringLiteral("tool %1 is not a function with a valid name").arg(name);
        if (function.value(QStringLiteral("parameters")).toObject().value(QStringLiteral("type")).toString()
            != QLatin1String("object"))
            problems << QStringLiteral("tool %1 parameters are not an object schema").arg(name);
        if (tool.contains(QStringLiteral("input_schema")) || function.contains(QStringLiteral("input_schema")))
            problems << QStringLiteral("tool %1 keeps input_schema").arg(name);
    }
    return problems;
}

int maxTokensOf(const QJsonObject &body)
{
    return body
        .value(body.contains(QStringLiteral("max_completion_tokens")) ? QStringLiteral("max_completion_tokens")
                                                                      : QStringLiteral("max_tokens"))
        .toInt(-1);
}

QStringList rolesOf(const QJsonObject &openai)
{
    QStringList roles;
    for (const QJsonValue &message : openai.value(QStringLiteral("messages")).toArray())
        roles << message.toObject().value(QStringLiteral("role")).toString();
    return roles;
}

QJsonObject toolDefinition(const QString &name)
{
    return QJsonObject {{QStringLiteral("name"), name},
        {QStringLiteral("description"), QStringLiteral("A tool of an MCP server of this session.")},
        {QStringLiteral("input_schema"),
            QJsonObject {
                {QStringLiteral("type"), QStringLiteral("object")}, {QStringLiteral("properties"), QJsonObject {}}}}};
}

// A 1x1 PNG, base64.
const QString kTinyPng = QStringLiteral(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

} // namespace

class TestConvertedPath : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    // 1. the stream fixtures, each in its provider's dialect, through the proxy
    void playsStreamFixture_data();
    void playsStreamFixture();
    // 2. what the platform receives
    void sendsChatCompletionsRequest_data();
    void sendsChatCompletionsRequest();
    void switchesThinkingOffForDashScope();
    // 3. answers that are not streams, local answers
    void convertsNonStreamingAnswers();
    void streamsAnAnswerSentAsOneBody();
    void countsTokensLocally();
    void listsConfiguredModels();
    // 4. errors
    void mapsContextOverflow();
    void mapsRejectedKeyToBadGateway();
    void rateLimitFallsBackThenAnswers429();
    void midStreamErrorEndsTheStreamWithErrorEvent();
    void errorChunkBeforeContentIsRetried();
    void errorChunkBeforeContentOnEveryTryIsAnHttpError();
    void connectionLostMidStreamEndsWithErrorEvent();
    void clientLeavingCancelsThePlatformRequest();
    void secretsNeverReachRecordsOrLogs();
    // 5. capabilities
    void imagesBecomePlaceholdersWithoutVision();
    void imagesReachVisionModels();
    void emulatesToolsForModelsWithoutToolCalling();
    // 6. a whole Claude Code turn
    void runsATwoStepToolTurn();

private:
    QList<StreamFixture> m_fixtures;
};

void TestConvertedPath::initTestCase()
{
    m_fixtures
        = ConvertTestSupport::loadStreamFixtures(TestSupport::sourceDir() + QStringLiteral("/tests/fixtures/convert"));
    QVERIFY(m_fixtures.size() >= 15);
}

// --- 1 ----------------------------------------------------------------------------------------------------------

void TestConvertedPath::playsStreamFixture_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("platformType");
    QTest::addColumn<QString>("model");
    for (qsizetype i = 0; i < m_fixtures.size(); ++i) {
        const StreamFixture &fixture = m_fixtures.at(i);
        // The platform whose dialect the fixture speaks; a generic OpenAI-compatible service otherwise (its
        // profile also splits <think> tags).
        QString type = QStringLiteral("openai");
        QString model = QStringLiteral("served-model");
        if (fixture.name.startsWith(QLatin1String("qwen"))) {
            type = QStringLiteral("dashscope");
            model = QStringLiteral("qwen3-coder-plus");
        } else if (fixture.name.startsWith(QLatin1String("openrouter"))) {
            type = QStringLiteral("openrouter");
            model = QStringLiteral("qwen/qwen3-235b-a22b");
        } else if (fixture.name.startsWith(QLatin1String("ollama")) || fixture.context.parseTextToolCalls) {
            type = QStringLiteral("ollama");
            model = QStringLiteral("qwen3:8b");
        } else if (fixture.name.startsWith(QLatin1String("deepseek"))) {
            model = QStringLiteral("deepseek-reasoner");
        }
        QTest::newRow(qPrintable(fixture.name)) << int(i) << type << model;
    }
}

void TestConvertedPath::playsStreamFixture()
{
    QFETCH(int, index);
    QFETCH(QString, platformType);
    QFETCH(QString, model);
    const StreamFixture &fixture = m_fixtures.at(index);
    QCOMPARE(fixture.context.requestedModel, kRequestedModel);

    ProxyHarness harness;
    QJsonObject settings;
    if (fixture.context.toolsEmulated)
        settings.insert(QStringLiteral("tools"), false);
    routeTo(harness, platformType, model, settings);
    QVERIFY(harness.start());
    const QList<FakeResponse::Piece> pieces = ssePieces(fixture.sse, kPieceDelayMs);
    harness.upstream().enqueue(FakeResponse::sse(pieces));

    // A Claude Code main-loop request that declares whatever the fixture's answer needs.
    QJsonObject request = mainLoopRequest();
    QJsonArray tools = request.value(QStringLiteral("tools")).toArray();
    QStringList declared;
    for (const QJsonValue &tool : std::as_const(tools))
        declared << tool.toObject().value(QStringLiteral("name")).toString();
    for (const QString &name : fixture.context.declaredTools) {
        if (!declared.contains(name))
            tools.append(toolDefinition(name));
    }
    request.insert(QStringLiteral("tools"), tools);
    if (!fixture.context.stopSequences.isEmpty())
        request.insert(QStringLiteral("stop_sequences"), QJsonArray::fromStringList(fixture.context.stopSequences));

    HttpTestClient client = harness.client();
    const TestHttpResponse response = client.post("/v1/messages?beta=true", bytes(request), claudeCodeHeaders(), 20000);
    QCOMPARE(response.status, 200);
    QVERIFY2(response.complete, qPrintable(response.error));
    QVERIFY(response.header("content-type").startsWith("text/event-stream"));
    const AnthropicStreamValidator validator = validated(response);
    QVERIFY2(validator.isValid(), qPrintable(validator.errors().join(QLatin1Char('\n'))));
    QVERIFY(validator.isComplete());
    const QJsonObject message = validator.message();
    QString where;
    if (fixture.expectedError.isEmpty()) {
        QVERIFY(!validator.endedWithError());
        QVERIFY2(ConvertTestSupport::matches(message, fixture.expected, &where),
            qPrintable(where + QStringLiteral("\n") + QString::fromUtf8(bytes(message))));
        QVERIFY(message.value(QStringLiteral("id")).toString().startsWith(QLatin1String("msg_")));
    } else {
        QVERIFY(validator.endedWithError());
        QCOMPARE(
            validator.errorPayload().value(QStringLiteral("error")).toObject().value(QStringLiteral("type")).toString(),
            fixture.expectedError.value(QStringLiteral("type")).toString());
        QVERIFY2(ConvertTestSupport::matches(message.value(QStringLiteral("content")),
                     fixture.expectedError.value(QStringLiteral("contentBeforeError")), &where),
            qPrintable(where));
    }

    // Events arrive as the platform streams them: the first one while the platform still has pieces to send,
    // the last one only after the platform's last piece.
    const ReceivedRequest upstream = harness.upstream().lastRequest();
    QVERIFY(!response.events.isEmpty());
    const qint64 streamUs = qint64(pieces.size()) * kPieceDelayMs * 1000;
    const qint64 firstUs = response.events.first().atUs - upstream.receivedAtUs;
    const qint64 lastUs = response.events.last().atUs - upstream.receivedAtUs;
    QVERIFY2(firstUs < streamUs - kPieceDelayMs * 1000,
        qPrintable(QStringLiteral("first event after %1 us of %2").arg(firstUs).arg(streamUs)));
    QVERIFY2(lastUs > streamUs - kPieceDelayMs * 500,
        qPrintable(QStringLiteral("last event after %1 us of %2").arg(lastUs).arg(streamUs)));

    // What the platform received.
    QCOMPARE(harness.upstream().requestCount(), 1);
    QCOMPARE(upstream.method, QByteArray("POST"));
    QCOMPARE(upstream.path, QByteArray("/v1/chat/completions"));
    QCOMPARE(upstream.header("authorization"), "Bearer " + QByteArray(ProxyHarness::kProviderKey));
    QVERIFY(!upstream.body.contains(kClientKey));
    const QJsonObject openai = jsonObject(upstream.body);
    QVERIFY2(
        chatCompletionsProblems(openai).isEmpty(), qPrintable(chatCompletionsProblems(openai).join(QLatin1Char('\n'))));
    QCOMPARE(openai.value(QStringLiteral("model")).toString(), model);
    QCOMPARE(openai.contains(QStringLiteral("tools")), !fixture.context.toolsEmulated);
    for (const QJsonValue &tool : openai.value(QStringLiteral("tools")).toArray())
        QVERIFY(
            tool.toObject().value(QStringLiteral("function")).toObject().value(QStringLiteral("name")).toString().size()
            <= 64);
    if (!fixture.context.stopSequences.isEmpty())
        QCOMPARE(
            openai.value(QStringLiteral("stop")).toArray(), QJsonArray::fromStringList(fixture.context.stopSequences));

    // The record has what the client received, and the usage the platform reported.
    const QList<StoredRecord> records = harness.records(1);
    QCOMPARE(records.size(), 1);
    const CallRecord &record = records.first().record;
    QCOMPARE(record.platformId, kPlatformId);
    QCOMPARE(record.upstreamModel, model);
    QCOMPARE(record.requestedModel, kRequestedModel);
    QCOMPARE(record.responseBody, response.body);
    if (fixture.expectedError.isEmpty()) {
        const QJsonObject usage = fixture.expected.value(QStringLiteral("usage")).toObject();
        QCOMPARE(record.usage.inputTokens, usage.value(QStringLiteral("input_tokens")).toInteger());
        QCOMPARE(record.usage.outputTokens, usage.value(QStringLiteral("output_tokens")).toInteger());
        QCOMPARE(record.usage.cacheReadInputTokens, usage.value(QStringLiteral("cache_read_input_tokens")).toInteger());
        QVERIFY(record.errorType.isEmpty());
    } else {
        QCOMPARE(record.errorType, fixture.expectedError.value(QStringLiteral("type")).toString());
    }
}

// --- 2 ----------------------------------------------------------------------------------------------------------

void TestConvertedPath::sendsChatCompletionsRequest_data()
{
    QTest::addColumn<QString>("platformType");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QJsonObject>("settings");
    QTest::addColumn<int>("maxOutputTokens");
    QTest::addColumn<int>("contextWindow"); // 0: large enough not to matter

    auto settings = [](int maxOutput, int window, bool reasoning) {
        QJsonObject object {{QStringLiteral("max_output_tokens"), maxOutput}};
        if (window > 0)
            object.insert(QStringLiteral("context_window"), window);
        if (reasoning)
            object.insert(QStringLiteral("reasoning"), true);
        return object;
    };
    QTest::newRow("dashscope") << QStringLiteral("dashscope") << QStringLiteral("qwen3-max") << settings(32768, 0, true)
                               << 32768 << 0;
    QTest::newRow("openrouter") << QStringLiteral("openrouter") << QStringLiteral("deepseek/deepseek-chat-v3.1")
                                << settings(16000, 0, true) << 16000 << 0;
    QTest::newRow("siliconflow") << QStringLiteral("siliconflow") << QStringLiteral("Qwen/Qwen3-32B")
                                 << settings(16384, 0, true) << 16384 << 0;
    QTest::newRow("openai") << QStringLiteral("openai") << QStringLiteral("gpt-4o") << settings(16384, 0, false)
                            << 16384 << 0;
    QTest::newRow("ollama, small window") << QStringLiteral("ollama") << QStringLiteral("qwen2.5-coder:7b")
                                          << settings(16384, 24000, false) << 16384 << 24000;
    QTest::newRow("lmstudio") << QStringLiteral("lmstudio") << QStringLiteral("qwen2.5-coder-14b-instruct")
                              << settings(4096, 0, false) << 4096 << 0;
}

void TestConvertedPath::sendsChatCompletionsRequest()
{
    QFETCH(QString, platformType);
    QFETCH(QString, model);
    QFETCH(QJsonObject, settings);
    QFETCH(int, maxOutputTokens);
    QFETCH(int, contextWindow);

    ProxyHarness harness;
    routeTo(harness, platformType, model, settings);
    QVERIFY(harness.start());
    harness.upstream().setDefaultResponse(
        FakeResponse::openAIStream(FakeResponse::openAITextChunks(QStringLiteral("Fine."))));

    // The follow-up of a tool call, with text the user typed after the tool result.
    ClaudeCodeRequests::Options options;
    options.model = kRequestedModel;
    QJsonObject request = ClaudeCodeRequests::toolResultFollowUp(QStringLiteral("The secret word is plover."), options);
    QJsonArray messages = request.value(QStringLiteral("messages")).toArray();
    QJsonObject last = messages.last().toObject();
    QJsonArray lastContent = last.value(QStringLiteral("content")).toArray();
    lastContent.append(QJsonObject {{QStringLiteral("type"), QStringLiteral("text")},
        {QStringLiteral("text"), QStringLiteral("Then tell me what it means.")}});
    last.insert(QStringLiteral("content"), lastContent);
    messages[messages.size() - 1] = last;
    request.insert(QStringLiteral("messages"), messages);

    HttpTestClient client = harness.client();
    const TestHttpResponse response = client.post("/v1/messages?beta=true", bytes(request), claudeCodeHeaders());
    QCOMPARE(response.status, 200);
    QVERIFY(validated(response).isValid());
    QCOMPARE(validated(response)
                 .message()
                 .value(QStringLiteral("content"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("text"))
                 .toString(),
        QStringLiteral("Fine."));

    const ReceivedRequest upstream = harness.upstream().lastRequest();
    QCOMPARE(upstream.path, QByteArray("/v1/chat/completions"));
    QCOMPARE(upstream.header("authorization"), "Bearer " + QByteArray(ProxyHarness::kProviderKey));
    QCOMPARE(upstream.header("content-type"), QByteArray("application/json"));
    for (const char *anthropicHeader : {"x-api-key", "anthropic-version", "anthropic-beta", "x-claude-code-session-id"})
        QVERIFY2(!upstream.hasHeader(anthropicHeader), anthropicHeader);
    QVERIFY(!upstream.body.contains(kClientKey));

    const QJsonObject openai = jsonObject(upstream.body);
    QVERIFY2(
        chatCompletionsProblems(openai).isEmpty(), qPrintable(chatCompletionsProblems(openai).join(QLatin1Char('\n'))));
    QCOMPARE(openai.value(QStringLiteral("model")).toString(), model);
    QCOMPARE(openai.value(QStringLiteral("stream")).toBool(), true);
    QCOMPARE(openai.value(QStringLiteral("stream_options")).toObject().value(QStringLiteral("include_usage")).toBool(),
        true);

    // System first (the billing line dropped, the inline system message merged in), the turn in order, the
    // tool result right after the assistant's call, the user's own text kept after it.
    QCOMPARE(rolesOf(openai),
        (QStringList {QStringLiteral("system"), QStringLiteral("user"), QStringLiteral("assistant"),
            QStringLiteral("tool"), QStringLiteral("user")}));
    const QJsonArray sent = openai.value(QStringLiteral("messages")).toArray();
    const QString system = textOf(sent.at(0).toObject().value(QStringLiteral("content")));
    QVERIFY(system.contains(QStringLiteral("You are a coding assistant")));
    QVERIFY(system.contains(QStringLiteral("Working directory: /home/dev/project")));
    QVERIFY(!system.contains(QStringLiteral("x-anthropic-billing-header")));
    const QJsonObject call = sent.at(2).toObject().value(QStringLiteral("tool_calls")).toArray().at(0).toObject();
    QCOMPARE(call.value(QStringLiteral("id")).toString(), QStringLiteral("toolu_01"));
    QCOMPARE(call.value(QStringLiteral("function")).toObject().value(QStringLiteral("name")).toString(),
        QStringLiteral("Read"));
    QCOMPARE(
        jsonObject(
            call.value(QStringLiteral("function")).toObject().value(QStringLiteral("arguments")).toString().toUtf8())
            .value(QStringLiteral("file_path"))
            .toString(),
        QStringLiteral("/home/dev/project/notes.txt"));
    QCOMPARE(sent.at(3).toObject().value(QStringLiteral("tool_call_id")).toString(), QStringLiteral("toolu_01"));
    QVERIFY(sent.at(3).toObject().value(QStringLiteral("content")).toString().contains(QStringLiteral("plover")));
    QVERIFY(textOf(sent.at(4).toObject().value(QStringLiteral("content")))
                .contains(QStringLiteral("Then tell me what it means.")));

    // Tools as functions, one per declared tool.
    const QJsonArray tools = openai.value(QStringLiteral("tools")).toArray();
    QCOMPARE(tools.size(), request.value(QStringLiteral("tools")).toArray().size());
    QCOMPARE(
        tools.at(1).toObject().value(QStringLiteral("function")).toObject().value(QStringLiteral("name")).toString(),
        QStringLiteral("Read"));
    QVERIFY(tools.at(1)
                .toObject()
                .value(QStringLiteral("function"))
                .toObject()
                .value(QStringLiteral("parameters"))
                .toObject()
                .value(QStringLiteral("properties"))
                .toObject()
                .contains(QStringLiteral("file_path")));

    // max_tokens (128000 asked) clamped to the model's output limit, and so that input + output fit its window.
    const int maxTokens = maxTokensOf(openai);
    QVERIFY2(maxTokens > 0 && maxTokens <= maxOutputTokens, qPrintable(QString::number(maxTokens)));
    if (contextWindow > 0) {
        QVERIFY2(maxTokens < maxOutputTokens, qPrintable(QString::number(maxTokens)));
        QVERIFY(maxTokens + TokenEstimator::estimateRequest(request) <= contextWindow);
    } else {
        QCOMPARE(maxTokens, maxOutputTokens);
    }

    // Per-platform quirks: how thinking (adaptive, effort high) is switched on, OpenRouter's attribution.
    if (platformType == QLatin1String("dashscope") || platformType == QLatin1String("siliconflow")) {
        QCOMPARE(openai.value(QStringLiteral("enable_thinking")).toBool(), true);
        QVERIFY(!openai.contains(QStringLiteral("reasoning")));
    } else if (platformType == QLatin1String("openrouter")) {
        QCOMPARE(openai.value(QStringLiteral("reasoning")).toObject(),
            (QJsonObject {{QStringLiteral("effort"), QStringLiteral("high")}}));
        QVERIFY(!openai.contains(QStringLiteral("enable_thinking")));
        QVERIFY(!upstream.header("http-referer").isEmpty());
        QCOMPARE(upstream.header("x-title"), QByteArray("Switchyard"));
        // Claude Code's user id is a JSON document; the platform gets a digest of it.
        QVERIFY(openai.value(QStringLiteral("user")).toString().startsWith(QLatin1String("sha256:")));
    } else {
        for (const char *field : {"enable_thinking", "reasoning", "reasoning_effort", "thinking"})
            QVERIFY2(!openai.contains(QLatin1String(field)), field);
    }
    if (platformType != QLatin1String("openrouter")) {
        QVERIFY(!upstream.hasHeader("x-title"));
        QVERIFY(!upstream.hasHeader("http-referer"));
    }
}

void TestConvertedPath::switchesThinkingOffForDashScope()
{
    ProxyHarness harness;
    routeTo(harness, QStringLiteral("dashscope"), QStringLiteral("qwen3-max"),
        QJsonObject {{QStringLiteral("reasoning"), true}});
    QVERIFY(harness.start());
    harness.upstream().setDefaultResponse(
        FakeResponse::openAIStream(FakeResponse::openAITextChunks(QStringLiteral("A title"))));
    ClaudeCodeRequests::Options options;
    options.stream = true;
    const QJsonObject request = ClaudeCodeRequests::background(options); // no thinking
    HttpTestClient client = harness.client();
    QCOMPARE(client.post("/v1/messages", bytes(request), claudeCodeHeaders()).status, 200);
    const QJsonObject openai = jsonObject(harness.upstream().lastRequest().body);
    QCOMPARE(openai.value(QStringLiteral("enable_thinking")), QJsonValue(false));
    QVERIFY2(
        chatCompletionsProblems(openai).isEmpty(), qPrintable(chatCompletionsProblems(openai).join(QLatin1Char('\n'))));
}

// --- 3 ----------------------------------------------------------------------------------------------------------

void TestConvertedPath::convertsNonStreamingAnswers()
{
    ProxyHarness harness;
    routeTo(harness, QStringLiteral("openai"), QStringLiteral("served-model"));
    QVERIFY(harness.start());
    harness.upstream().enqueue(FakeResponse::openAIChat(QStringLiteral("The secret word is plover."),
        QJsonObject {{QStringLiteral("prompt_tokens"), 12000}, {QStringLiteral("completion_tokens"), 7},
            {QStringLiteral("total_tokens"), 12007}}));
    harness.upstream().enqueue(FakeResponse::json(
        200, QByteArray(R"({"id":"chatcmpl-2","object":"chat.completion","created":1764160000,"model":"served-model",
        "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_9","type":"function",
        "function":{"name":"Read","arguments":"{\"file_path\":\"/tmp/a.txt\"}"}}]},"finish_reason":"tool_calls"}],
        "usage":{"prompt_tokens":12001,"completion_tokens":20,"total_tokens":12021}})")));

    HttpTestClient client = harness.client();
    const TestHttpResponse text
        = client.post("/v1/messages?beta=true", bytes(mainLoopRequest(false)), claudeCodeHeaders());
    QCOMPARE(text.status, 200);
    QVERIFY(text.header("content-type").startsWith("application/json"));
    QVERIFY(text.events.isEmpty());
    const QJsonObject message = text.json();
    QCOMPARE(message.value(QStringLiteral("type")).toString(), QStringLiteral("message"));
    QCOMPARE(message.value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
    QVERIFY(message.value(QStringLiteral("id")).toString().startsWith(QLatin1String("msg_")));
    QCOMPARE(message.value(QStringLiteral("model")).toString(), kRequestedModel);
    QCOMPARE(message.value(QStringLiteral("content")).toArray(),
        (QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("text")},
            {QStringLiteral("text"), QStringLiteral("The secret word is plover.")}}}));
    QCOMPARE(message.value(QStringLiteral("stop_reason")).toString(), QStringLiteral("end_turn"));
    QCOMPARE(message.value(QStringLiteral("usage")).toObject().value(QStringLiteral("input_tokens")).toInt(), 12000);
    QCOMPARE(message.value(QStringLiteral("usage")).toObject().value(QStringLiteral("output_tokens")).toInt(), 7);
    const QJsonObject openai = jsonObject(harness.upstream().lastRequest().body);
    QVERIFY(!openai.value(QStringLiteral("stream")).toBool());
    QVERIFY(!openai.contains(QStringLiteral("stream_options")));
    QCOMPARE(harness.upstream().lastRequest().header("accept"), QByteArray("application/json"));

    const TestHttpResponse tool
        = client.post("/v1/messages?beta=true", bytes(mainLoopRequest(false)), claudeCodeHeaders());
    QCOMPARE(tool.status, 200);
    const QJsonObject toolMessage = tool.json();
    QCOMPARE(toolMessage.value(QStringLiteral("stop_reason")).toString(), QStringLiteral("tool_use"));
    const QJsonObject block = toolMessage.value(QStringLiteral("content")).toArray().at(0).toObject();
    QCOMPARE(block.value(QStringLiteral("type")).toString(), QStringLiteral("tool_use"));
    QCOMPARE(block.value(QStringLiteral("id")).toString(), QStringLiteral("call_9"));
    QCOMPARE(block.value(QStringLiteral("name")).toString(), QStringLiteral("Read"));
    QCOMPARE(block.value(QStringLiteral("input")).toObject(),
        (QJsonObject {{QStringLiteral("file_path"), QStringLiteral("/tmp/a.txt")}}));

    const QList<StoredRecord> records = harness.records(2);
    QCOMPARE(records.size(), 2);
    QCOMPARE(records.at(1).record.responseBody, text.body);
    QCOMPARE(records.at(1).record.usage.inputTokens, 12000);
    QVERIFY(!records.at(1).record.stream);
}

void TestConvertedPath::streamsAnAnswerSentAsOneBody()
{
    ProxyHarness harness;
    routeTo(harness, QStringLiteral("ollama"), QStringLiteral("qwen2.5-coder:7b"));
    QVERIFY(harness.start());
    harness.upstream().enqueue(FakeResponse::openAIChat(QStringLiteral("One body, not a stream."),
        QJsonObject {{QStringLiteral("prompt_tokens"), 900}, {QStringLiteral("completion_tokens"), 5},
            {QStringLiteral("total_tokens"), 905}}));
    HttpTestClient client = harness.client();
    const TestHttpResponse response
        = client.post("/v1/messages?beta=true", bytes(mainLoopRequest(true)), claudeCodeHeaders());
    QCOMPARE(response.status, 200);
    QVERIFY(response.header("content-type").startsWith("text/event-stream"));
    const AnthropicStreamValidator validator = validated(response);
    QVERIFY2(validator.isValid(), qPrintable(validator.errors().join(QLatin1Char('\n'))));
    QVERIFY(validator.isComplete() && !validator.endedWithError());
    const QJsonObject message = validator.message();
    QCOMPARE(
        message.value(QStringLiteral("content")).toArray().at(0).toObject().value(QStringLiteral("text")).toString(),
        QStringLiteral("One body, not a stream."));
    QCOMPARE(message.value(QStringLiteral("stop_reason")).toString(), QStringLiteral("end_turn"));
    QCOMPARE(message.value(QStringLiteral("model")).toString(), kRequestedModel);
    QCOMPARE(message.value(QStringLiteral("usage")).toObject().value(QStringLiteral("input_tokens")).toInt(), 900);
    QCOMPARE(harness.upstream().lastRequest().header("accept"), QByteArray("text/event-stream"));
}

void TestConvertedPath::countsTokensLocally()
{
    ProxyHarness harness;
    routeTo(harness, QStringLiteral("dashscope"), QStringLiteral("qwen3-coder-plus"));
    QVERIFY(harness.start());
    HttpTestClient client = harness.client();

    const QJsonObject full = mainLoopRequest();
    QJsonObject counted;
    for (const char *field : {"model", "system", "tools", "messages"})
        counted.insert(QLatin1String(field), full.value(QLatin1String(field)));
    auto count = [&](const QJsonObject &body) {
        const TestHttpResponse response
            = client.post("/v1/messages/count_tokens?beta=true", bytes(body), claudeCodeHeaders());
        if (response.status != 200 || response.json().keys() != QStringList {QStringLiteral("input_tokens")})
            return -1;
        return response.json().value(QStringLiteral("input_tokens")).toInt(-1);
    };
    const int all = count(counted);
    QJsonObject withoutTools = counted;
    withoutTools.remove(QStringLiteral("tools"));
    QJsonObject withoutSystem = counted;
    withoutSystem.remove(QStringLiteral("system"));
    QJsonObject longer = counted;
    QJsonArray messages = longer.value(QStringLiteral("messages")).toArray();
    messages.append(QJsonObject {{QStringLiteral("role"), QStringLiteral("assistant")},
        {QStringLiteral("content"), QString(QStringLiteral("A long answer. ")).repeated(200)}});
    messages.append(QJsonObject {
        {QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), QStringLiteral("Go on.")}});
    longer.insert(QStringLiteral("messages"), messages);

    const int noTools = count(withoutTools);
    const int noSystem = count(withoutSystem);
    const int more = count(longer);
    qInfo("count_tokens: all %d, without tools %d, without system %d, two more messages %d", all, noTools, noSystem,
        more);
    QVERIFY(noTools > 0 && noSystem > 0);
    QVERIFY(all > noTools + 1000); // a dozen tool schemas are thousands of tokens
    QVERIFY(all > noSystem + 5000); // the ~40 KB instructions
    QVERIFY(more > all + 300); // 3 KB of history
    QCOMPARE(harness.upstream().requestCount(), 0);
    const QList<StoredRecord> records = harness.records(4);
    QCOMPARE(records.size(), 4);
    QCOMPARE(records.last().record.endpoint, QStringLiteral("/v1/messages/count_tokens"));
    QVERIFY(records.last().record.routeJson.contains(QStringLiteral("count_tokens estimated locally")));
    QCOMPARE(records.last().record.usage.inputTokens, all);
}

void TestConvertedPath::listsConfiguredModels()
{
    ProxyHarness harness;
    harness.config().insert(QStringLiteral("config_type"), QStringLiteral("global_direct"));
    harness.config().insert(QStringLiteral("platforms"),
        QJsonArray {platformJson(harness, QStringLiteral("ds"), QStringLiteral("dashscope"),
                        QJsonArray {modelJson(QStringLiteral("qwen3-coder-plus")),
                            modelJson(QStringLiteral("qwen3-max"),
                                QJsonObject {{QStringLiteral("context_window"), 262144},
                                    {QStringLiteral("max_output_tokens"), 65536}})}),
            platformJson(harness, QStringLiteral("or"), QStringLiteral("openrouter"),
                QJsonArray {modelJson(QStringLiteral("deepseek/deepseek-chat"))})});
    harness.config().insert(QStringLiteral("model_priority_list"), QJsonArray {QStringLiteral("ds:qwen3-coder-plus")});
    QVERIFY(harness.start());
    HttpTestClient client = harness.client();
    const TestHttpResponse response = client.get("/v1/models", claudeCodeHeaders());
    QCOMPARE(response.status, 200);
    const QJsonObject page = response.json();
    QStringList ids;
    for (const QJsonValue &model : page.value(QStringLiteral("data")).toArray()) {
        QCOMPARE(model.toObject().value(QStringLiteral("type")).toString(), QStringLiteral("model"));
        ids << model.toObject().value(QStringLiteral("id")).toString();
    }
    QCOMPARE(ids,
        (QStringList {QStringLiteral("ds:qwen3-coder-plus"), QStringLiteral("ds:qwen3-max"),
            QStringLiteral("or:deepseek/deepseek-chat")}));
    QCOMPARE(page.value(QStringLiteral("has_more")).toBool(true), false);
    QCOMPARE(page.value(QStringLiteral("first_id")).toString(), ids.first());
    QCOMPARE(page.value(QStringLiteral("last_id")).toString(), ids.last());

    const TestHttpResponse one = client.get("/v1/models/ds:qwen3-max", claudeCodeHeaders());
    QCOMPARE(one.status, 200);
    QCOMPARE(one.json().value(QStringLiteral("id")).toString(), QStringLiteral("ds:qwen3-max"));
    QCOMPARE(one.json().value(QStringLiteral("max_input_tokens")).toInt(), 262144);
    QCOMPARE(one.json().value(QStringLiteral("max_tokens")).toInt(), 65536);
    QCOMPARE(client.get("/v1/models/ds:no-such-model", claudeCodeHeaders()).status, 404);
    QCOMPARE(harness.upstream().requestCount(), 0);
}

// --- 4 ----------------------------------------------------------------------------------------------------------

void TestConvertedPath::mapsContextOverflow()
{
    ProxyHarness harness;
    routeTo(
        harness, QStringLiteral("openai"), QStringList {QStringLiteral("small-model"), QStringLiteral("other-model")});
    QVERIFY(harness.start());
    const FakeResponse overflow = FakeResponse::openAIError(400,
        QStringLiteral("This model's maximum context length is 32768 tokens. However, your messages resulted in 40120 "
                       "tokens. Please reduce the length of the messages."),
        QStringLiteral("invalid_request_error"), QStringLiteral("context_length_exceeded"));
    for (const bool stream : {false, true}) {
        harness.upstream().clearReceived();
        harness.upstream().enqueue(overflow);
        HttpTestClient client = harness.client();
        const TestHttpResponse response
            = client.post("/v1/messages?beta=true", bytes(mainLoopRequest(stream)), claudeCodeHeaders());
        QCOMPARE(response.status, 400);
        QVERIFY(response.events.isEmpty());
        QCOMPARE(response.json().value(QStringLiteral("type")).toString(), QStringLiteral("error"));
        QCOMPARE(response.errorType(), QStringLiteral("invalid_request_error"));
        const QString message
            = response.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
        // The wording Claude Code recognises to offer compaction, with the numbers it reads.
        QVERIFY2(
            message.startsWith(QLatin1String("prompt is too long: 40120 tokens > 32768 maximum")), qPrintable(message));
        // The request is the problem, not the model: no other model is tried with the same prompt.
        QCOMPARE(harness.upstream().receivedRequests().size(), 1);
    }
}

void TestConvertedPath::mapsRejectedKeyToBadGateway()
{
    ProxyHarness harness;
    routeTo(harness, QStringLiteral("dashscope"), QStringLiteral("qwen3-coder-plus"));
    QVERIFY(harness.start());
    harness.upstream().enqueue(FakeResponse::openAIError(401, QStringLiteral("Incorrect API key provided."),
        QStringLiteral("invalid_request_error"), QStringLiteral("invalid_api_key")));
    HttpTestClient client = harness.client();
    const TestHttpResponse response
        = client.post("/v1/messages?beta=true", bytes(mainLoopRequest()), claudeCodeHeaders());
    // Not 401: that would make Claude Code ask its user to log in again, and the user's key is fine.
    QCOMPARE(response.status, 502);
    QCOMPARE(response.errorType(), QStringLiteral("api_error"));
    QCOMPARE(response.header("x-should-retry"), QByteArray("false"));
    const QString message
        = response.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(kPlatformId) && message.contains(QStringLiteral("api_key")), qPrintable(message));
    QVERIFY(!message.contains(QString::fromLatin1(ProxyHarness::kProviderKey)));
    QCOMPARE(harness.upstream().requestCount(), 1);
}

void TestConvertedPath::rateLimitFallsBackThenAnswers429()
{
    ProxyHarness harness;
    routeTo(harness, QStringLiteral("openrouter"),
        QStringList {QStringLiteral("first/model"), QStringLiteral("second/model")});
    QVERIFY(harness.start());
    const FakeResponse limited = FakeResponse::openAIError(
        429, QStringLiteral("Rate limit exceeded: free-models-per-min."), QStringLiteral("rate_limit_exceeded"))
                                     .withHeader("retry-after", "7");
    harness.upstream().enqueue(limited);
    harness.upstream().enqueue(limited);
    HttpTestClient client = harness.client();
    const TestHttpResponse response
        = client.post("/v1/messages?beta=true", bytes(mainLoopRequest()), claudeCodeHeaders());
    QCOMPARE(response.status, 429);
    QCOMPARE(response.errorType(), QStringLiteral("rate_limit_error"));
    QCOMPARE(response.header("retry-after"), QByteArray("7"));
    QVERIFY(response.events.isEmpty());
    const QList<ReceivedRequest> received = harness.upstream().receivedRequests();
    QCOMPARE(received.size(), 2);
    QCOMPARE(jsonObject(received.at(0).body).value(QStringLiteral("model")).toString(), QStringLiteral("first/model"));
    QCOMPARE(jsonObject(received.at(1).body).value(QStringLiteral("model")).toString(), QStringLiteral("second/model"));

    // Both rest now; a model that answers takes over as soon as one is free: the first is tried anyway.
    harness.upstream().enqueue(
        FakeResponse::openAIStream(FakeResponse::openAITextChunks(QStringLiteral("Back again."), 2)));
    const TestHttpResponse later = client.post("/v1/messages?beta=true", bytes(mainLoopRequest()), claudeCodeHeaders());
    QCOMPARE(later.status, 200);
    QVERIFY(validated(later).isValid());
}

void TestConvertedPath::midStreamErrorEndsTheStreamWithErrorEvent()
{
    ProxyHarness harness;
    routeTo(harness, QStringLiteral("openrouter"),
        QStringList {QStringLiteral("anthropic/claude-sonnet-4.5"), QStringLiteral("backup/model")});
    QVERIFY(harness.start());
    const QByteArray sse = openAISse(
        {chunk(R"({"role":"assistant","content":"Let me"})"), chunk(R"({"content":" check"})"),
            R"({"id":"gen-9","object":"chat.completion.chunk","error":{"code":502,"message":"Provider disconnected"},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]})"},
        false);
    harness.upstream().enqueue(FakeResponse::sse(ssePieces(sse, 30)));
    HttpTestClient client = harness.client();
    const TestHttpResponse response
        = client.post("/v1/messages?beta=true", bytes(mainLoopRequest()), claudeCodeHeaders());
    QCOMPARE(response.status, 200);
    QVERIFY2(response.complete, qPrintable(response.error));
    const AnthropicStreamValidator validator = validated(response);
    QVERIFY2(validator.isValid(), qPrintable(validator.errors().join(QLatin1Char('\n'))));
    QVERIFY(validator.endedWithError());
    QCOMPARE(response.eventNames().last(), QByteArray("error"));
    QCOMPARE(response.eventNames().count("error"), 1);
    const QJsonObject error = validator.errorPayload().value(QStringLiteral("error")).toObject();
    QVERIFY(!error.value(QStringLiteral("type")).toString().isEmpty());
    QVERIFY2(error.value(QStringLiteral("message")).toString().contains(QStringLiteral("Provider disconnected")),
        qPrintable(error.value(QStringLiteral("message")).toString()));
    QCOMPARE(textOf(validator.message().value(QStringLiteral("content"))), QStringLiteral("Let me check"));
    // Part of the answer was out: nothing is retried or sent to the backup.
    QCOMPARE(harness.upstream().requestCount(), 1);
    const QList<StoredRecord> records = harness.records(1);
    QCOMPARE(records.first().record.responseBody, response.body);
    QVERIFY(!records.first().record.errorType.isEmpty());
}

void TestConvertedPath::errorChunkBeforeContentIsRetried()
{
    ProxyHarness harness;
    routeTo(harness, QStringLiteral("openrouter"), QStringLiteral("qwen/qwen3-coder"));
    harness.config().insert(QStringLiteral("fallback"), QJsonObject {{QStringLiteral("backoff_ms"), 20}});
    QVERIFY(harness.start());
    const QByteArray failing
        = openAISse({chunk(R"({"role":"assistant","content":""})"),
                        R"({"error":{"code":502,"message":"Upstream provider returned an error"}})"},
            false);
    harness.upstream().enqueue(FakeResponse::sse(ssePieces(failing, 10)));
    harness.upstream().enqueue(
        FakeResponse::openAIStream(FakeResponse::openAITextChunks(QStringLiteral("Second try worked."), 3)));
    HttpTestClient client = harness.client();
    const TestHttpResponse response
        = client.post("/v1/messages?beta=true", bytes(mainLoopRequest()), claudeCodeHeaders());
    QCOMPARE(response.status, 200);
    const AnthropicStreamValidator validator = validated(response);
    QVERIFY2(validator.isValid(), qPrintable(validator.errors().join(QLatin1Char('\n'))));
    QVERIFY(!validator.endedWithError());
    QCOMPARE(response.eventNames().count("message_start"), 1); // nothing of the failed try reached the client
    QCOMPARE(textOf(validator.message().value(QStringLiteral("content"))), QStringLiteral("Second try worked."));
    QCOMPARE(harness.upstream().requestCount(), 2);
    const QList<StoredRecord> records = harness.records(1);
    const QJsonArray attempts
        = jsonObject(records.first().record.routeJson.toUtf8()).value(QStringLiteral("attempts")).toArray();
    QCOMPARE(attempts.size(), 2);
    QCOMPARE(attempts.at(1).toObject().value(QStringLiteral("result")).toString(), QStringLiteral("ok"));
}

void TestConvertedPath::errorChunkBeforeContentOnEveryTryIsAnHttpError()
{
    ProxyHarness harness;
    routeTo(harness, QStringLiteral("openrouter"), QStringLiteral("qwen/qwen3-coder"));
    harness.config().insert(QStringLiteral("fallback"), QJsonObject {{QStringLiteral("backoff_ms"), 20}});
    QVERIFY(harness.start());
    const QByteArray limited = openAISse({R"({"error":{"code":429,"message":"Rate limit exceeded upstream"}})"}, false);
    harness.upstream().setDefaultResponse(FakeResponse::sse(ssePieces(limited, 10)));
    HttpTestClient client = harness.client();
    const TestHttpResponse response
        = client.post("/v1/messages?beta=true", bytes(mainLoopRequest()), claudeCodeHeaders());
    QCOMPARE(response.status, 429);
    QVERIFY(response.header("content-type").startsWith("application/json"));
    QVERIFY(response.events.isEmpty());
    QCOMPARE(response.errorType(), QStringLiteral("rate_limit_error"));
    QVERIFY(response.json()
                .value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("Rate limit exceeded upstream")));
}

void TestConvertedPath::connectionLostMidStreamEndsWithErrorEvent()
{
    ProxyHarness harness;
    routeTo(harness, QStringLiteral("siliconflow"),
        QStringList {QStringLiteral("Qwen/Qwen3-32B"), QStringLiteral("backup-model")});
    QVERIFY(harness.start());
    // Text, then a tool call whose arguments never finish: the connection drops.
    const QByteArray sse = openAISse(
        {chunk(R"({"role":"assistant","content":"Reading the file."})"),
            chunk(
                R"({"tool_calls":[{"index":0,"id":"call_cut","type":"function","function":{"name":"Read","arguments":"{\"file_pa"}}]})")},
        false);
    harness.upstream().enqueue(FakeResponse::sse(ssePieces(sse, 20)).withFault(FakeResponse::Fault::CloseMidStream));
    HttpTestClient client = harness.client();
    const TestHttpResponse response
        = client.post("/v1/messages?beta=true", bytes(mainLoopRequest()), claudeCodeHeaders());
    QCOMPARE(response.status, 200);
    QVERIFY2(response.complete, qPrintable(response.error));
    const AnthropicStreamValidator validator = validated(response);
    QVERIFY2(validator.isValid(), qPrintable(validator.errors().join(QLatin1Char('\n'))));
    QVERIFY(validator.endedWithError());
    QCOMPARE(
        validator.errorPayload().value(QStringLiteral("error")).toObject().value(QStringLiteral("type")).toString(),
        QStringLiteral("api_error"));
    QCOMPARE(
        textOf(validator.message().value(QStringLiteral("content"))).trimmed(), QStringLiteral("Reading the file."));
    QCOMPARE(harness.upstream().requestCount(), 1);
}

void TestConvertedPath::clientLeavingCancelsThePlatformRequest()
{
    ProxyHarness harness;
    routeTo(harness, QStringLiteral("dashscope"), QStringLiteral("qwen3-coder-plus"));
    QVERIFY(harness.start());
    harness.upstream().enqueue(FakeResponse::openAIStream(
        FakeResponse::openAITextChunks(QStringLiteral("a long answer that takes its time to arrive"), 8), 200));
    {
        HttpTestClient client = harness.client();
        client.send("POST", "/v1/messages?beta=true", claudeCodeHeaders(), bytes(mainLoopRequest()));
        QVERIFY(!client.readUntil([](const TestHttpResponse &r) { return !r.events.isEmpty(); }).events.isEmpty());
        client.abort();
    }
    QTRY_COMPARE_WITH_TIMEOUT(harness.upstream().disconnectedPaths().size(), 1, 5000);
    QCOMPARE(harness.upstream().disconnectedPaths().first(), QByteArray("/v1/chat/completions"));
    QVERIFY(harness.records(1).first().record.clientCancelled);
    // The proxy still serves.
    harness.upstream().enqueue(FakeResponse::openAIStream(FakeResponse::openAITextChunks(QStringLiteral("Next."))));
    HttpTestClient next = harness.client();
    QCOMPARE(next.post("/v1/messages?beta=true", bytes(mainLoopRequest()), claudeCodeHeaders()).status, 200);
}

void TestConvertedPath::secretsNeverReachRecordsOrLogs()
{
    LogCapture logs;
    ProxyHarness harness;
    routeTo(harness, QStringLiteral("openrouter"), QStringLiteral("qwen/qwen3-coder"));
    QVERIFY(harness.start());
    harness.upstream().enqueue(FakeResponse::openAIStream(FakeResponse::openAITextChunks(QStringLiteral("fine"), 2)));
    harness.upstream().enqueue(
        FakeResponse::openAIError(401, QStringLiteral("No auth credentials found"), QStringLiteral("auth_error")));
    harness.upstream().enqueue(FakeResponse::sse(ssePieces(openAISse({chunk(R"({"content":"cut"})")}, false), 0))
                                   .withFault(FakeResponse::Fault::ResetMidStream));
    HttpTestClient client = harness.client();
    QCOMPARE(client.post("/v1/messages?beta=true", bytes(mainLoopRequest()), claudeCodeHeaders()).status, 200);
    QCOMPARE(client.post("/v1/messages?beta=true", bytes(mainLoopRequest(false)), claudeCodeHeaders()).status, 502);
    HttpTestClient another = harness.client();
    QCOMPARE(another.post("/v1/messages?beta=true", bytes(mainLoopRequest()), claudeCodeHeaders()).status, 200);

    const QList<StoredRecord> records = harness.records(3);
    QCOMPARE(records.size(), 3);
    for (const StoredRecord &stored : records) {
        const QByteArray everything = ProxyHarness::recordedText(stored.record);
        QVERIFY2(!everything.contains(ProxyHarness::kProviderKey), qPrintable(stored.record.requestId));
        QVERIFY2(!everything.contains(kClientKey), qPrintable(stored.record.requestId));
    }
    for (const QString &line : LogCapture::lines()) {
        QVERIFY2(!line.contains(QLatin1String(ProxyHarness::kProviderKey)), qPrintable(line));
        QVERIFY2(!line.contains(QString::fromLatin1(kClientKey)), qPrintable(line));
    }
    QVERIFY(LogCapture::lines().size() > 10); // debug logging was on
}

// --- 5 ----------------------------------------------------------------------------------------------------------

namespace {

QJsonObject requestWithImage()
{
    QJsonObject request = mainLoopRequest();
    QJsonArray messages = request.value(QStringLiteral("messages")).toArray();
    QJsonObject first = messages.at(0).toObject();
    QJsonArray content = first.value(QStringLiteral("content")).toArray();
    content.append(QJsonObject {{QStringLiteral("type"), QStringLiteral("image")},
        {QStringLiteral("source"),
            QJsonObject {{QStringLiteral("type"), QStringLiteral("base64")},
                {QStringLiteral("media_type"), QStringLiteral("image/png")}, {QStringLiteral("data"), kTinyPng}}}});
    content.append(QJsonObject {{QStringLiteral("type"), QStringLiteral("text")},
        {QStringLiteral("text"), QStringLiteral("What does this screenshot show?")}});
    first.insert(QStringLiteral("content"), content);
    messages[0] = first;
    request.insert(QStringLiteral("messages"), messages);
    return request;
}

} // namespace

void TestConvertedPath::imagesBecomePlaceholdersWithoutVision()
{
    ProxyHarness harness;
    routeTo(harness, QStringLiteral("openai"), QStringLiteral("text-only-model"),
        QJsonObject {{QStringLiteral("vision"), false}});
    QVERIFY(harness.start());
    harness.upstream().setDefaultResponse(
        FakeResponse::openAIStream(FakeResponse::openAITextChunks(QStringLiteral("I cannot see it."))));
    HttpTestClient client = harness.client();
    const TestHttpResponse response
        = client.post("/v1/messages?beta=true", bytes(requestWithImage()), claudeCodeHeaders());
    QVERIFY2(response.status == 200, response.body.constData());
    QVERIFY(validated(response).isValid());
    const ReceivedRequest upstream = harness.upstream().lastRequest();
    QVERIFY(!upstream.body.contains("image_url"));
    QVERIFY(!upstream.body.contains(kTinyPng.toLatin1()));
    QVERIFY(upstream.body.contains(AnthropicToOpenAIRequest::imageOmittedText().toUtf8()));
    const QJsonObject openai = jsonObject(upstream.body);
    QVERIFY2(
        chatCompletionsProblems(openai).isEmpty(), qPrintable(chatCompletionsProblems(openai).join(QLatin1Char('\n'))));
    QVERIFY(textOf(openai.value(QStringLiteral("messages")).toArray().at(1).toObject().value(QStringLiteral("content")))
                .contains(QStringLiteral("What does this screenshot show?")));
    // The record says why a model without vision got the request.
    const QList<StoredRecord> records = harness.records(1);
    QVERIFY2(records.first().record.routeJson.contains(QStringLiteral("images replaced by a placeholder")),
        qPrintable(records.first().record.routeJson));
}

void TestConvertedPath::imagesReachVisionModels()
{
    ProxyHarness harness;
    routeTo(harness, QStringLiteral("dashscope"), QStringLiteral("qwen-vl-max"),
        QJsonObject {{QStringLiteral("vision"), true}});
    QVERIFY(harness.start());
    harness.upstream().setDefaultResponse(
        FakeResponse::openAIStream(FakeResponse::openAITextChunks(QStringLiteral("A red pixel."))));
    HttpTestClient client = harness.client();
    QCOMPARE(client.post("/v1/messages?beta=true", bytes(requestWithImage()), claudeCodeHeaders()).status, 200);
    const QJsonObject openai = jsonObject(harness.upstream().lastRequest().body);
    QVERIFY2(
        chatCompletionsProblems(openai).isEmpty(), qPrintable(chatCompletionsProblems(openai).join(QLatin1Char('\n'))));
    bool sawImage = false;
    for (const QJsonValue &part : openai.value(QStringLiteral("messages"))
                                      .toArray()
                                      .at(1)
                                      .toObject()
                                      .value(QStringLiteral("content"))
                                      .toArray()) {
        if (part.toObject().value(QStringLiteral("type")).toString() == QLatin1String("image_url"))
            sawImage
                = part.toObject().value(QStringLiteral("image_url")).toObject().value(QStringLiteral("url")).toString()
                == QStringLiteral("data:image/png;base64,") + kTinyPng;
    }
    QVERIFY(sawImage);
    QVERIFY(!harness.upstream().lastRequest().body.contains(AnthropicToOpenAIRequest::imageOmittedText().toUtf8()));
}

void TestConvertedPath::emulatesToolsForModelsWithoutToolCalling()
{
    ProxyHarness harness;
    routeTo(
        harness, QStringLiteral("ollama"), QStringLiteral("gemma3:4b"), QJsonObject {{QStringLiteral("tools"), false}});
    QVERIFY(harness.start());
    const QByteArray sse = openAISse({chunk(R"({"role":"assistant","content":"I will list the files.\n<tool"})"),
        chunk(R"({"content":"_call>\n{\"name\": \"Bash\", \"arguments\": {\"command\": "})"),
        chunk(R"({"content":"\"ls -la\"}}\n</tool_call>"})"), chunk("{}", R"("stop")"),
        R"({"id":"chatcmpl-t1","object":"chat.completion.chunk","model":"gemma3:4b","choices":[],"usage":{"prompt_tokens":14000,"completion_tokens":25,"total_tokens":14025}})"});
    harness.upstream().enqueue(FakeResponse::sse(ssePieces(sse, 20)));
    HttpTestClient client = harness.client();
    const QJsonObject request = mainLoopRequest();
    const TestHttpResponse response = client.post("/v1/messages?beta=true", bytes(request), claudeCodeHeaders());
    QVERIFY2(response.status == 200, response.body.constData());

    // The platform got the tools described in the prompt, and no `tools` field.
    const QJsonObject openai = jsonObject(harness.upstream().lastRequest().body);
    QVERIFY2(
        chatCompletionsProblems(openai).isEmpty(), qPrintable(chatCompletionsProblems(openai).join(QLatin1Char('\n'))));
    QVERIFY(!openai.contains(QStringLiteral("tools")));
    QVERIFY(!openai.contains(QStringLiteral("tool_choice")));
    const QString system
        = textOf(openai.value(QStringLiteral("messages")).toArray().at(0).toObject().value(QStringLiteral("content")));
    QVERIFY(system.contains(QStringLiteral("<tool_call>")));
    for (const QJsonValue &tool : request.value(QStringLiteral("tools")).toArray())
        QVERIFY2(system.contains(tool.toObject().value(QStringLiteral("name")).toString()),
            qPrintable(tool.toObject().value(QStringLiteral("name")).toString()));
    QVERIFY(system.contains(QStringLiteral("file_path"))); // the parameters too

    // Its text answer reaches the client as a real tool_use block.
    const AnthropicStreamValidator validator = validated(response);
    QVERIFY2(validator.isValid(), qPrintable(validator.errors().join(QLatin1Char('\n'))));
    const QJsonObject message = validator.message();
    QCOMPARE(message.value(QStringLiteral("stop_reason")).toString(), QStringLiteral("tool_use"));
    const QJsonArray content = message.value(QStringLiteral("content")).toArray();
    QCOMPARE(content.size(), 2);
    QCOMPARE(content.at(0).toObject().value(QStringLiteral("text")).toString().trimmed(),
        QStringLiteral("I will list the files."));
    const QJsonObject toolUse = content.at(1).toObject();
    QCOMPARE(toolUse.value(QStringLiteral("type")).toString(), QStringLiteral("tool_use"));
    QCOMPARE(toolUse.value(QStringLiteral("name")).toString(), QStringLiteral("Bash"));
    QCOMPARE(toolUse.value(QStringLiteral("input")).toObject(),
        (QJsonObject {{QStringLiteral("command"), QStringLiteral("ls -la")}}));
    QVERIFY(!toolUse.value(QStringLiteral("id")).toString().isEmpty());
    QVERIFY(!response.body.contains("<tool_call>"));
}

// --- 6 ----------------------------------------------------------------------------------------------------------

void TestConvertedPath::runsATwoStepToolTurn()
{
    ProxyHarness harness;
    routeTo(harness, QStringLiteral("dashscope"), QStringLiteral("qwen3-coder-plus"));
    QVERIFY(harness.start());
    // Step 1: the main-loop request; the model calls Read.
    const QByteArray callSse = openAISse({chunk(R"({"role":"assistant","content":"Let me read it."})"),
        chunk(
            R"({"tool_calls":[{"index":0,"id":"call_7f3a01","type":"function","function":{"name":"Read","arguments":""}}]})"),
        chunk(
            R"({"tool_calls":[{"index":0,"function":{"arguments":"{\"file_path\":\"/home/dev/project/notes.txt\"}"}}]})"),
        chunk("{}", R"("tool_calls")"),
        R"({"id":"chatcmpl-t1","object":"chat.completion.chunk","model":"qwen3-coder-plus","choices":[],"usage":{"prompt_tokens":13000,"completion_tokens":30,"total_tokens":13030}})"});
    harness.upstream().enqueue(FakeResponse::sse(ssePieces(callSse, 10)));
    HttpTestClient client = harness.client();
    QJsonObject request = mainLoopRequest();
    const TestHttpResponse first = client.post("/v1/messages?beta=true", bytes(request), claudeCodeHeaders());
    QCOMPARE(first.status, 200);
    const AnthropicStreamValidator firstValidator = validated(first);
    QVERIFY2(firstValidator.isValid(), qPrintable(firstValidator.errors().join(QLatin1Char('\n'))));
    const QJsonObject answer = firstValidator.message();
    QCOMPARE(answer.value(QStringLiteral("stop_reason")).toString(), QStringLiteral("tool_use"));
    const QJsonArray answerContent = answer.value(QStringLiteral("content")).toArray();
    QCOMPARE(answerContent.size(), 2);
    const QJsonObject toolUse = answerContent.at(1).toObject();
    QCOMPARE(toolUse.value(QStringLiteral("type")).toString(), QStringLiteral("tool_use"));
    const QString toolUseId = toolUse.value(QStringLiteral("id")).toString();
    QCOMPARE(toolUseId, QStringLiteral("call_7f3a01"));

    // Step 2: Claude Code runs the tool and sends the result, with a system reminder after it, as it does.
    QJsonArray messages = request.value(QStringLiteral("messages")).toArray();
    messages.append(QJsonObject {
        {QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("content"), answerContent}});
    messages.append(QJsonObject {{QStringLiteral("role"), QStringLiteral("user")},
        {QStringLiteral("content"),
            QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("tool_result")},
                            {QStringLiteral("tool_use_id"), toolUseId},
                            {QStringLiteral("content"),
                                QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("text")},
                                    {QStringLiteral("text"), QStringLiteral("     1\tThe secret word is plover.")}}}}},
                QJsonObject {{QStringLiteral("type"), QStringLiteral("text")},
                    {QStringLiteral("text"),
                        QStringLiteral("<system-reminder>\nThe file is short.\n</system-reminder>")},
                    {QStringLiteral("cache_control"),
                        QJsonObject {{QStringLiteral("type"), QStringLiteral("ephemeral")}}}}}}});
    request.insert(QStringLiteral("messages"), messages);
    harness.upstream().enqueue(
        FakeResponse::openAIStream(FakeResponse::openAITextChunks(QStringLiteral("The secret word is plover."), 3)));
    const TestHttpResponse second = client.post("/v1/messages?beta=true", bytes(request), claudeCodeHeaders());
    QCOMPARE(second.status, 200);
    const AnthropicStreamValidator secondValidator = validated(second);
    QVERIFY2(secondValidator.isValid(), qPrintable(secondValidator.errors().join(QLatin1Char('\n'))));
    QCOMPARE(secondValidator.message().value(QStringLiteral("stop_reason")).toString(), QStringLiteral("end_turn"));
    QCOMPARE(textOf(secondValidator.message().value(QStringLiteral("content"))),
        QStringLiteral("The secret word is plover."));
    QCOMPARE(client.connectionsOpened(), 1);

    const QJsonObject openai = jsonObject(harness.upstream().lastRequest().body);
    QVERIFY2(
        chatCompletionsProblems(openai).isEmpty(), qPrintable(chatCompletionsProblems(openai).join(QLatin1Char('\n'))));
    QCOMPARE(rolesOf(openai),
        (QStringList {QStringLiteral("system"), QStringLiteral("user"), QStringLiteral("assistant"),
            QStringLiteral("tool"), QStringLiteral("user")}));
    const QJsonArray sent = openai.value(QStringLiteral("messages")).toArray();
    const QJsonObject assistant = sent.at(2).toObject();
    QCOMPARE(assistant.value(QStringLiteral("content")).toString(), QStringLiteral("Let me read it."));
    const QJsonArray calls = assistant.value(QStringLiteral("tool_calls")).toArray();
    QCOMPARE(calls.size(), 1);
    QCOMPARE(calls.at(0).toObject().value(QStringLiteral("id")).toString(), toolUseId);
    QCOMPARE(
        calls.at(0).toObject().value(QStringLiteral("function")).toObject().value(QStringLiteral("name")).toString(),
        QStringLiteral("Read"));
    QCOMPARE(jsonObject(calls.at(0)
                            .toObject()
                            .value(QStringLiteral("function"))
                            .toObject()
                            .value(QStringLiteral("arguments"))
                            .toString()
                            .toUtf8()),
        (QJsonObject {{QStringLiteral("file_path"), QStringLiteral("/home/dev/project/notes.txt")}}));
    const QJsonObject tool = sent.at(3).toObject();
    QCOMPARE(tool.value(QStringLiteral("tool_call_id")).toString(), toolUseId);
    QVERIFY(tool.value(QStringLiteral("content")).toString().contains(QStringLiteral("The secret word is plover.")));
    QVERIFY(
        textOf(sent.at(4).toObject().value(QStringLiteral("content"))).contains(QStringLiteral("The file is short.")));
}

QTEST_GUILESS_MAIN(TestConvertedPath)
#include "TestConvertedPath.moc"
