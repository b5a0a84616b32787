// ConnectionTester against a FakeUpstream playing each platform: every outcome a user may meet.
#include "FakeUpstream.h"
#include "PlatformTestSupport.h"
#include "platforms/ConnectionTester.h"
#include "upstream/UpstreamClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace PlatformTestSupport;

namespace {

QByteArray openAIList(const QStringList &ids)
{
    QJsonArray data;
    for (const QString &id : ids)
        data.append(QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("object"), QStringLiteral("model")}});
    return QJsonDocument(
        QJsonObject {{QStringLiteral("object"), QStringLiteral("list")}, {QStringLiteral("data"), data}})
        .toJson(QJsonDocument::Compact);
}

QByteArray anthropicList(const QStringList &ids)
{
    QJsonArray data;
    for (const QString &id : ids)
        data.append(QJsonObject {{QStringLiteral("type"), QStringLiteral("model")}, {QStringLiteral("id"), id},
            {QStringLiteral("display_name"), id}});
    return QJsonDocument(QJsonObject {{QStringLiteral("data"), data}, {QStringLiteral("has_more"), false}})
        .toJson(QJsonDocument::Compact);
}

QList<QByteArray> paths(const FakeUpstream &fake)
{
    QList<QByteArray> result;
    for (const ReceivedRequest &request : fake.receivedRequests())
        result.append(request.method + ' ' + request.pathWithoutQuery());
    return result;
}

} // namespace

class TestConnectionTester : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void okWithoutModel();
    void okModelInList();
    void ollamaModelWithImplicitTag();
    void modelMissingFromCompleteList();
    void anthropicAliasIsProbed();
    void anthropicProbeModelNotFound();
    void openAIProbeModelNotFound();
    void unauthorized();
    void forbidden();
    void balance_data();
    void balance();
    void openRouterKeyRejected();
    void openRouterKeyLimitUsedUp();
    void noModelListWithoutModel();
    void noModelListProbes();
    void malformedJson();
    void probeRejectedForAnotherReason();
    void refused();
    void hostNotFound();
    void timeout();
    void missingKey();
    void keyNeverShown();
    void cancel();

private:
    ConnectionTestResult runTest(const PlatformConfig &platform, const QString &model = QString());

    FakeUpstream *m_fake = nullptr;
    UpstreamClient *m_client = nullptr;
    ConnectionTester *m_tester = nullptr;
};

void TestConnectionTester::init()
{
    m_fake = new FakeUpstream;
    QVERIFY(m_fake->listen());
    m_client = new UpstreamClient;
    m_tester = new ConnectionTester(m_client);
    m_tester->setTimeouts(shortTimeouts(2'000));
    m_tester->setSecretLookup({});
}

void TestConnectionTester::cleanup()
{
    delete m_tester;
    delete m_client;
    delete m_fake;
}

ConnectionTestResult TestConnectionTester::runTest(const PlatformConfig &platform, const QString &model)
{
    ResultCollector<ConnectionTestResult> collector(m_tester, &ConnectionTester::finished);
    m_tester->start(platform, model);
    if (!collector.wait())
        return ConnectionTestResult(); // category Ok with no message: the callers' checks fail
    QTest::qWait(20);
    if (collector.results.size() != 1) {
        qWarning("finished() was emitted %d times", int(collector.results.size()));
        return ConnectionTestResult();
    }
    const ConnectionTestResult result = collector.last();
    // Whatever happened: one line, no key.
    if (result.message.isEmpty() || result.message.contains(QLatin1Char('\n')) || result.message.contains(kApiKey)
        || result.details.contains(kApiKey)) {
        qWarning("bad message: %s / %s", qPrintable(result.message), qPrintable(result.details));
        return ConnectionTestResult();
    }
    return result;
}

void TestConnectionTester::okWithoutModel()
{
    m_fake->enqueueFor("/compatible-mode/v1/models",
        FakeResponse::json(200,
            openAIList({QStringLiteral("qwen-plus"), QStringLiteral("qwen-max"), QStringLiteral("qwen3-coder-plus")})));
    const ConnectionTestResult result
        = runTest(platformAt(*m_fake, PlatformType::DashScope, QStringLiteral("/compatible-mode/v1")));
    QCOMPARE(result.categoryId(), QStringLiteral("ok"));
    QVERIFY(result.ok());
    QCOMPARE(result.modelCount, 3);
    QCOMPARE(result.models.size(), 3);
    QVERIFY(result.latencyMs >= 0);
    QCOMPARE(result.message,
        QStringLiteral("Connected to Fake dashscope in %1 ms: 3 models available.").arg(result.latencyMs));
    QVERIFY(result.details.contains(QStringLiteral("Model list: ")));
    QVERIFY(!result.probed);
    QCOMPARE(m_fake->requestCount(), 1);
}

void TestConnectionTester::okModelInList()
{
    m_fake->enqueueFor("/v1/models",
        FakeResponse::json(
            200, openAIList({QStringLiteral("Qwen/Qwen2.5-7B-Instruct"), QStringLiteral("deepseek-ai/DeepSeek-V3")})));
    const ConnectionTestResult result = runTest(platformAt(*m_fake, PlatformType::SiliconFlow, QStringLiteral("/v1")),
        QStringLiteral("deepseek-ai/DeepSeek-V3"));
    QVERIFY2(result.ok(), qPrintable(result.message));
    QVERIFY(result.modelVerified);
    QVERIFY(!result.probed);
    QVERIFY(result.message.endsWith(QStringLiteral("2 models available, including deepseek-ai/DeepSeek-V3.")));
    QCOMPARE(paths(*m_fake), QList<QByteArray>({"GET /v1/models"})); // no test request where the list is complete
}

void TestConnectionTester::ollamaModelWithImplicitTag()
{
    m_fake->enqueueFor(
        "/api/tags", FakeResponse::json(200, QByteArray(R"({"models":[{"name":"llama3.2:latest","details":{}}]})")));
    const ConnectionTestResult result = runTest(
        platformAt(*m_fake, PlatformType::Ollama, QStringLiteral("/v1"), QString()), QStringLiteral("llama3.2"));
    QVERIFY2(result.ok(), qPrintable(result.message));
    QVERIFY(result.modelVerified);
    QCOMPARE(result.modelCount, 1);
}

void TestConnectionTester::modelMissingFromCompleteList()
{
    m_fake->enqueueFor(
        "/api/tags", FakeResponse::json(200, QByteArray(R"({"models":[{"name":"qwen2.5-coder:7b","details":{}}]})")));
    const ConnectionTestResult result = runTest(
        platformAt(*m_fake, PlatformType::Ollama, QStringLiteral("/v1"), QString()), QStringLiteral("qwen3-coder:30b"));
    QCOMPARE(result.categoryId(), QStringLiteral("model_not_found"));
    QCOMPARE(result.message, QStringLiteral("Fake ollama does not offer the model \"qwen3-coder:30b\"."));
    QVERIFY2(result.details.contains(QStringLiteral("ollama pull qwen3-coder:30b")), qPrintable(result.details));
    QVERIFY(result.details.contains(QStringLiteral("qwen2.5-coder:7b"))); // what there is
    QCOMPARE(result.modelCount, 1);
    QVERIFY(!result.probed);
    QCOMPARE(m_fake->requestCount(), 1);
}

void TestConnectionTester::anthropicAliasIsProbed()
{
    m_fake->enqueueFor(
        "/v1/models", FakeResponse::json(200, anthropicList({QStringLiteral("claude-sonnet-4-5-20250929")})));
    m_fake->enqueueFor("/v1/messages", FakeResponse::anthropicMessage(QStringLiteral("p")));
    const ConnectionTestResult result
        = runTest(platformAt(*m_fake, PlatformType::Anthropic, QString()), QStringLiteral("claude-sonnet-4-5"));
    QVERIFY2(result.ok(), qPrintable(result.message));
    QVERIFY(result.probed);
    QVERIFY(result.modelVerified);
    QVERIFY2(
        result.message.contains(QStringLiteral("the model claude-sonnet-4-5 answered a test request (1 model listed)")),
        qPrintable(result.message));
    QCOMPARE(paths(*m_fake), QList<QByteArray>({"GET /v1/models", "POST /v1/messages"}));
    const ReceivedRequest probe = m_fake->lastRequest();
    QCOMPARE(probe.header("x-api-key"), kApiKey.toUtf8());
    QCOMPARE(probe.header("anthropic-version"), QByteArray("2023-06-01"));
    const QJsonObject body = QJsonDocument::fromJson(probe.body).object();
    QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("claude-sonnet-4-5"));
    QCOMPARE(body.value(QStringLiteral("max_tokens")).toInt(), 1);
}

void TestConnectionTester::anthropicProbeModelNotFound()
{
    m_fake->enqueueFor(
        "/v1/models", FakeResponse::json(200, anthropicList({QStringLiteral("claude-opus-4-1-20250805")})));
    m_fake->enqueueFor("/v1/messages",
        FakeResponse::anthropicError(404, QStringLiteral("not_found_error"), QStringLiteral("model: claude-nope")));
    const ConnectionTestResult result
        = runTest(platformAt(*m_fake, PlatformType::Anthropic, QString()), QStringLiteral("claude-nope"));
    QCOMPARE(result.categoryId(), QStringLiteral("model_not_found"));
    QCOMPARE(result.httpStatus, 404);
    QCOMPARE(result.message, QStringLiteral("Fake anthropic does not offer the model \"claude-nope\"."));
    QVERIFY(result.details.contains(QStringLiteral("model: claude-nope")));
    QCOMPARE(result.modelCount, 1);
}

void TestConnectionTester::openAIProbeModelNotFound()
{
    m_fake->enqueueFor("/v1/models", FakeResponse::json(200, openAIList({QStringLiteral("gpt-4o")})));
    m_fake->enqueueFor("/v1/chat/completions",
        FakeResponse::openAIError(404,
            QStringLiteral("The model `gpt-9` does not exist or you do not have access to it."),
            QStringLiteral("invalid_request_error"), QStringLiteral("model_not_found")));
    const ConnectionTestResult result
        = runTest(platformAt(*m_fake, PlatformType::OpenAICompatible, QStringLiteral("/v1")), QStringLiteral("gpt-9"));
    QCOMPARE(result.categoryId(), QStringLiteral("model_not_found"));
    QVERIFY(result.probed);
    QCOMPARE(paths(*m_fake), QList<QByteArray>({"GET /v1/models", "POST /v1/chat/completions"}));
    const QJsonObject body = QJsonDocument::fromJson(m_fake->lastRequest().body).object();
    QCOMPARE(body.value(QStringLiteral("max_tokens")).toInt(), 1);
    QCOMPARE(m_fake->lastRequest().header("authorization"), QByteArray("Bearer ") + kApiKey.toUtf8());
}

void TestConnectionTester::unauthorized()
{
    m_fake->enqueueFor("/compatible-mode/v1/models",
        FakeResponse::openAIError(401, QStringLiteral("Incorrect API key provided."),
            QStringLiteral("invalid_request_error"), QStringLiteral("invalid_api_key")));
    const ConnectionTestResult result
        = runTest(platformAt(*m_fake, PlatformType::DashScope, QStringLiteral("/compatible-mode/v1")),
            QStringLiteral("qwen-plus"));
    QCOMPARE(result.categoryId(), QStringLiteral("bad_api_key"));
    QCOMPARE(result.message, QStringLiteral("The API key was rejected by Fake dashscope."));
    QCOMPARE(result.httpStatus, 401);
    QVERIFY(result.details.contains(QStringLiteral("Incorrect API key provided.")));
    QVERIFY(result.details.contains(QStringLiteral("invalid_api_key")));
    QCOMPARE(result.modelCount, -1);
    QVERIFY(!result.probed); // a rejected key is not tried again with a model
    QCOMPARE(m_fake->requestCount(), 1);
}

void TestConnectionTester::forbidden()
{
    m_fake->enqueueFor("/v1/models",
        FakeResponse::anthropicError(
            403, QStringLiteral("permission_error"), QStringLiteral("Your API key does not have permission.")));
    const ConnectionTestResult result = runTest(platformAt(*m_fake, PlatformType::Anthropic, QString()));
    QCOMPARE(result.categoryId(), QStringLiteral("bad_api_key"));
    QCOMPARE(result.message, QStringLiteral("The API key was rejected by Fake anthropic."));
    QCOMPARE(result.httpStatus, 403);
}

void TestConnectionTester::balance_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("basePath");
    QTest::addColumn<QByteArray>("listPath");
    QTest::addColumn<QByteArray>("probePath");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");

    // DeepSeek's OpenAI-compatible API: 402 Insufficient Balance on a request.
    QTest::newRow("deepseek 402")
        << int(PlatformType::OpenAICompatible) << QStringLiteral("/v1") << QByteArray("/v1/models")
        << QByteArray("/v1/chat/completions") << 402
        << QByteArray(
               R"({"error":{"message":"Insufficient Balance","type":"unknown_error","param":null,"code":"invalid_request_error"}})");
    // DashScope: an account in arrears answers 400 with code Arrearage.
    QTest::newRow("dashscope arrearage")
        << int(PlatformType::DashScope) << QStringLiteral("/compatible-mode/v1")
        << QByteArray("/compatible-mode/v1/models") << QByteArray("/compatible-mode/v1/chat/completions") << 400
        << QByteArray(
               R"({"error":{"message":"Access denied, please make sure your account is in good standing.","type":"Arrearage","param":null,"code":"Arrearage"}})");
    // Anthropic: 400 "credit balance is too low".
    QTest::newRow("anthropic credit")
        << int(PlatformType::Anthropic) << QString() << QByteArray("/v1/models") << QByteArray("/v1/messages") << 400
        << QByteArray(
               R"({"type":"error","error":{"type":"invalid_request_error","message":"Your credit balance is too low to access the Anthropic API."}})");
}

void TestConnectionTester::balance()
{
    QFETCH(int, type);
    QFETCH(QString, basePath);
    QFETCH(QByteArray, listPath);
    QFETCH(QByteArray, probePath);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    // The list works (it costs nothing); the request that would cost money is refused.
    const bool anthropic = PlatformType(type) == PlatformType::Anthropic;
    m_fake->enqueueFor(listPath,
        FakeResponse::json(
            200, anthropic ? anthropicList({QStringLiteral("claude-x-1")}) : openAIList({QStringLiteral("other")})));
    m_fake->enqueueFor(probePath, FakeResponse::json(status, body));
    const ConnectionTestResult result
        = runTest(platformAt(*m_fake, PlatformType(type), basePath), QStringLiteral("some-model"));
    QCOMPARE(result.categoryId(), QStringLiteral("insufficient_balance"));
    QCOMPARE(result.httpStatus, status);
    QVERIFY2(result.message.contains(QStringLiteral("balance is insufficient")), qPrintable(result.message));
    QVERIFY(result.probed);
}

void TestConnectionTester::openRouterKeyRejected()
{
    // OpenRouter's model list is public: only /key shows that the key is wrong.
    m_fake->enqueueFor("/api/v1/models", FakeResponse::json(200, openAIList({QStringLiteral("openai/gpt-4o")})));
    m_fake->enqueueFor("/api/v1/key",
        FakeResponse::json(401, QByteArray(R"({"error":{"message":"No auth credentials found","code":401}})")));
    const ConnectionTestResult result = runTest(
        platformAt(*m_fake, PlatformType::OpenRouter, QStringLiteral("/api/v1")), QStringLiteral("openai/gpt-4o"));
    QCOMPARE(result.categoryId(), QStringLiteral("bad_api_key"));
    QCOMPARE(result.message, QStringLiteral("The API key was rejected by Fake openrouter."));
    QCOMPARE(paths(*m_fake), QList<QByteArray>({"GET /api/v1/models", "GET /api/v1/key"}));
    QCOMPARE(m_fake->lastRequest().header("authorization"), QByteArray("Bearer ") + kApiKey.toUtf8());
}

void TestConnectionTester::openRouterKeyLimitUsedUp()
{
    m_fake->enqueueFor("/api/v1/models", FakeResponse::json(200, openAIList({QStringLiteral("openai/gpt-4o")})));
    m_fake->enqueueFor("/api/v1/key",
        FakeResponse::json(200,
            QByteArray(
                R"({"data":{"label":"sk-or-v1-abc...def","limit":5,"usage":5.0,"limit_remaining":0,"is_free_tier":false}})")));
    const ConnectionTestResult result
        = runTest(platformAt(*m_fake, PlatformType::OpenRouter, QStringLiteral("/api/v1")));
    QCOMPARE(result.categoryId(), QStringLiteral("insufficient_balance"));
    QCOMPARE(result.message, QStringLiteral("The API key of Fake openrouter has used up its credit limit."));

    // A key with credit left (or no limit) passes, and the model is checked against the list.
    m_fake->clearReceived();
    m_fake->enqueueFor("/api/v1/models", FakeResponse::json(200, openAIList({QStringLiteral("openai/gpt-4o")})));
    m_fake->enqueueFor("/api/v1/key",
        FakeResponse::json(200, QByteArray(R"({"data":{"limit":null,"usage":1.5,"limit_remaining":null}})")));
    const ConnectionTestResult ok = runTest(platformAt(*m_fake, PlatformType::OpenRouter, QStringLiteral("/api/v1")),
        QStringLiteral("openai/gpt-4o:nitro"));
    QVERIFY2(ok.ok(), qPrintable(ok.message));
    QVERIFY(ok.modelVerified);
    QVERIFY(!ok.probed);
}

void TestConnectionTester::noModelListWithoutModel()
{
    // An Anthropic-compatible relay without /v1/models.
    m_fake->enqueueFor("/relay/v1/models",
        FakeResponse::anthropicError(404, QStringLiteral("not_found_error"), QStringLiteral("Not Found")));
    const ConnectionTestResult result = runTest(platformAt(*m_fake, PlatformType::Anthropic, QStringLiteral("/relay")));
    QCOMPARE(result.categoryId(), QStringLiteral("endpoint_not_found"));
    QCOMPARE(result.message,
        QStringLiteral("Fake anthropic did not give a model list (HTTP 404). Check the base URL, or "
                       "name a model to test the platform with a request."));
    QCOMPARE(result.httpStatus, 404);
}

void TestConnectionTester::noModelListProbes()
{
    m_fake->enqueueFor("/relay/v1/models", FakeResponse::text(404, "Not Found"));
    m_fake->enqueueFor(
        "/relay/v1/messages", FakeResponse::anthropicMessage(QStringLiteral("p"), {}, QStringLiteral("glm-4.6")));
    const ConnectionTestResult result
        = runTest(platformAt(*m_fake, PlatformType::Anthropic, QStringLiteral("/relay")), QStringLiteral("glm-4.6"));
    QVERIFY2(result.ok(), qPrintable(result.message));
    QVERIFY(result.probed);
    QCOMPARE(result.modelCount, -1);
    QVERIFY2(result.message.endsWith(
                 QStringLiteral("the model glm-4.6 answered a test request (the platform gave no model list).")),
        qPrintable(result.message));
    QVERIFY(result.latencyMs >= 0);
}

void TestConnectionTester::malformedJson()
{
    m_fake->enqueueFor("/v1/models", FakeResponse::json(200, QByteArray("{\"data\": [ {\"id\": ")));
    const ConnectionTestResult result = runTest(platformAt(*m_fake, PlatformType::SiliconFlow, QStringLiteral("/v1")));
    QCOMPARE(result.categoryId(), QStringLiteral("malformed_response"));
    QVERIFY2(result.message.contains(QStringLiteral("unreadable answer")), qPrintable(result.message));
    QVERIFY2(result.details.contains(QStringLiteral("not JSON")), qPrintable(result.details));

    // A test request answered with something that is not JSON.
    m_fake->enqueueFor("/v1/models", FakeResponse::json(200, openAIList({QStringLiteral("a")})));
    m_fake->enqueueFor("/v1/chat/completions", FakeResponse::text(200, "<html>hello</html>", "text/html"));
    const ConnectionTestResult probed
        = runTest(platformAt(*m_fake, PlatformType::OpenAICompatible, QStringLiteral("/v1")), QStringLiteral("b"));
    QCOMPARE(probed.categoryId(), QStringLiteral("malformed_response"));
}

void TestConnectionTester::probeRejectedForAnotherReason()
{
    m_fake->enqueueFor(
        "/compatible-mode/v1/models", FakeResponse::json(200, openAIList({QStringLiteral("qwen-plus")})));
    m_fake->enqueueFor("/compatible-mode/v1/chat/completions",
        FakeResponse::openAIError(
            400, QStringLiteral("This model only support stream mode, please enable the stream parameter.")));
    const ConnectionTestResult result
        = runTest(platformAt(*m_fake, PlatformType::DashScope, QStringLiteral("/compatible-mode/v1")),
            QStringLiteral("qwq-plus"));
    QCOMPARE(result.categoryId(), QStringLiteral("request_rejected"));
    QCOMPARE(
        result.message, QStringLiteral("Fake dashscope rejected a test request to the model \"qwq-plus\" (HTTP 400)."));
    QVERIFY(result.details.contains(QStringLiteral("only support stream mode")));
}

void TestConnectionTester::refused()
{
    const quint16 port = FakeUpstream::unusedPort();
    PlatformConfig platform = platformAt(*m_fake, PlatformType::LMStudio, QStringLiteral("/v1"), QString());
    platform.baseUrl = QStringLiteral("http://127.0.0.1:%1/v1").arg(port);
    const ConnectionTestResult result = runTest(platform, QStringLiteral("qwen2.5-7b-instruct"));
    QCOMPARE(result.categoryId(), QStringLiteral("connection_refused"));
    QCOMPARE(
        result.message, QStringLiteral("Cannot reach Fake lmstudio: 127.0.0.1:%1 refused the connection.").arg(port));
    QVERIFY2(result.details.contains(QStringLiteral("Is LM Studio running and serving on port %1?").arg(port)),
        qPrintable(result.details));
    QVERIFY(!result.probed);
}

void TestConnectionTester::hostNotFound()
{
    PlatformConfig platform = platformAt(*m_fake, PlatformType::OpenAICompatible, QStringLiteral("/v1"));
    platform.baseUrl = QStringLiteral("http://switchyard-test.invalid/v1");
    const ConnectionTestResult result = runTest(platform);
    QCOMPARE(result.categoryId(), QStringLiteral("host_not_found"));
    QCOMPARE(result.message,
        QStringLiteral("Cannot reach Fake openai: the host switchyard-test.invalid was not found (DNS)."));
    QCOMPARE(m_fake->requestCount(), 0);
}

void TestConnectionTester::timeout()
{
    m_tester->setTimeouts(shortTimeouts(250));
    m_fake->enqueueFor("/v1/models", FakeResponse::json(200, openAIList({QStringLiteral("gpt-4o")})));
    m_fake->enqueueFor("/v1/chat/completions", FakeResponse::hang());
    const ConnectionTestResult result
        = runTest(platformAt(*m_fake, PlatformType::OpenAICompatible, QStringLiteral("/v1")), QStringLiteral("gpt-5"));
    QCOMPARE(result.categoryId(), QStringLiteral("timeout"));
    QCOMPARE(
        result.message, QStringLiteral("Fake openai (127.0.0.1:%1) did not answer within 250 ms.").arg(m_fake->port()));
    QVERIFY(result.probed);
    QTRY_COMPARE(m_fake->disconnectedPaths(), QList<QByteArray>({"/v1/chat/completions"})); // the request was dropped
}

void TestConnectionTester::missingKey()
{
    const ConnectionTestResult result
        = runTest(platformAt(*m_fake, PlatformType::OpenRouter, QStringLiteral("/api/v1"), QString()));
    QCOMPARE(result.categoryId(), QStringLiteral("invalid_settings"));
    QCOMPARE(result.message, QStringLiteral("No API key is set for Fake openrouter."));
    QCOMPARE(m_fake->requestCount(), 0);

    // An environment reference that is not set, expanded by the tester's lookup.
    m_tester->setSecretLookup([](const QString &) { return std::optional<QString>(); });
    const ConnectionTestResult unset = runTest(platformAt(
        *m_fake, PlatformType::OpenRouter, QStringLiteral("/api/v1"), QStringLiteral("$OPENROUTER_API_KEY")));
    QCOMPARE(unset.categoryId(), QStringLiteral("invalid_settings"));
    QVERIFY2(unset.message.contains(QStringLiteral("OPENROUTER_API_KEY is not set")), qPrintable(unset.message));

    // A set reference is expanded and sent.
    m_tester->setSecretLookup([](const QString &name) {
        return name == QLatin1String("OPENROUTER_API_KEY") ? std::optional<QString>(kApiKey) : std::nullopt;
    });
    m_fake->enqueueFor("/api/v1/models", FakeResponse::json(200, openAIList({QStringLiteral("x/y")})));
    m_fake->enqueueFor("/api/v1/key", FakeResponse::json(200, QByteArray(R"({"data":{"limit":null}})")));
    const ConnectionTestResult set = runTest(platformAt(
        *m_fake, PlatformType::OpenRouter, QStringLiteral("/api/v1"), QStringLiteral("${OPENROUTER_API_KEY}")));
    QVERIFY2(set.ok(), qPrintable(set.message));
    QCOMPARE(m_fake->lastRequest().header("authorization"), QByteArray("Bearer ") + kApiKey.toUtf8());
}

void TestConnectionTester::keyNeverShown()
{
    // Bodies that repeat the key, in every step that can fail.
    m_fake->enqueueFor("/v1/models", FakeResponse::json(200, openAIList({QStringLiteral("m")})));
    m_fake->enqueueFor("/v1/chat/completions",
        FakeResponse::json(400,
            QByteArray(R"({"error":{"message":"key )") + kApiKey.toUtf8()
                + QByteArray(R"( is not allowed to use model x"}})")));
    const ConnectionTestResult result
        = runTest(platformAt(*m_fake, PlatformType::OpenAICompatible, QStringLiteral("/v1")), QStringLiteral("x"));
    QVERIFY(!result.ok()); // runTest already checked that neither text holds the key
    QVERIFY2(result.details.contains(QStringLiteral("key ******** is not allowed")), qPrintable(result.details));
}

void TestConnectionTester::cancel()
{
    m_fake->enqueueFor("/v1/models", FakeResponse::hang());
    ResultCollector<ConnectionTestResult> collector(m_tester, &ConnectionTester::finished);
    m_tester->start(platformAt(*m_fake, PlatformType::OpenAICompatible, QStringLiteral("/v1")));
    QTRY_COMPARE(m_fake->requestCount(), 1);
    m_tester->cancel();
    QCOMPARE(collector.results.size(), 1);
    QCOMPARE(collector.last().categoryId(), QStringLiteral("cancelled"));
    QVERIFY(!m_tester->isRunning());
    QTRY_COMPARE(m_fake->disconnectedPaths().size(), 1);
    QTest::qWait(20);
    QCOMPARE(collector.results.size(), 1);

    // The tester can be used again.
    m_fake->enqueueFor("/v1/models", FakeResponse::json(200, openAIList({QStringLiteral("m")})));
    const ConnectionTestResult again
        = runTest(platformAt(*m_fake, PlatformType::OpenAICompatible, QStringLiteral("/v1")));
    QVERIFY2(again.ok(), qPrintable(again.message));
}

QTEST_GUILESS_MAIN(TestConnectionTester)
#include "TestConnectionTester.moc"
