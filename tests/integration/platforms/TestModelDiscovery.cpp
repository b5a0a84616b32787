// ModelDiscovery against a FakeUpstream that speaks each platform's model list dialect.
#include "FakeUpstream.h"
#include "PlatformTestSupport.h"
#include "platforms/ModelDiscovery.h"
#include "upstream/UpstreamClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>
#include <QtTest>

using namespace PlatformTestSupport;

namespace {

QByteArray openAIList(const QStringList &ids)
{
    QJsonArray data;
    for (const QString &id : ids)
        data.append(QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("object"), QStringLiteral("model")},
            {QStringLiteral("owned_by"), QStringLiteral("system")}});
    return QJsonDocument(
        QJsonObject {{QStringLiteral("object"), QStringLiteral("list")}, {QStringLiteral("data"), data}})
        .toJson(QJsonDocument::Compact);
}

QByteArray anthropicPage(const QStringList &ids, bool hasMore)
{
    QJsonArray data;
    for (const QString &id : ids)
        data.append(QJsonObject {{QStringLiteral("type"), QStringLiteral("model")}, {QStringLiteral("id"), id},
            {QStringLiteral("display_name"), id.toUpper()},
            {QStringLiteral("created_at"), QStringLiteral("2025-01-01T00:00:00Z")}});
    QJsonObject page {{QStringLiteral("data"), data}, {QStringLiteral("has_more"), hasMore}};
    if (!ids.isEmpty()) {
        page.insert(QStringLiteral("first_id"), ids.first());
        page.insert(QStringLiteral("last_id"), ids.last());
    }
    return QJsonDocument(page).toJson(QJsonDocument::Compact);
}

const QByteArray kOpenRouterModels = R"json({"data":[
 {"id":"qwen/qwen3-coder","name":"Qwen: Qwen3 Coder","context_length":262144,
  "architecture":{"modality":"text->text","input_modalities":["text"],"output_modalities":["text"]},
  "top_provider":{"context_length":262144,"max_completion_tokens":65536,"is_moderated":false},
  "supported_parameters":["max_tokens","tools","tool_choice","temperature"]},
 {"id":"google/gemini-2.5-pro","name":"Google: Gemini 2.5 Pro","context_length":1048576,
  "architecture":{"modality":"text+image->text","input_modalities":["text","image","file"]},
  "top_provider":{"context_length":1048576,"max_completion_tokens":65536},
  "supported_parameters":["include_reasoning","reasoning","tools","max_tokens"]}
]})json";

const QByteArray kOllamaTags = R"json({"models":[
 {"name":"qwen2.5-coder:7b","model":"qwen2.5-coder:7b","size":4683087332,
  "details":{"format":"gguf","family":"qwen2","families":["qwen2"],"parameter_size":"7.6B","quantization_level":"Q4_K_M"}},
 {"name":"nomic-embed-text:latest","model":"nomic-embed-text:latest",
  "details":{"format":"gguf","family":"nomic-bert","families":["nomic-bert"]}},
 {"name":"llava:7b","model":"llava:7b","details":{"family":"llama","families":["llama","clip"]}}
]})json";

const QByteArray kLMStudioModels = R"json({"object":"list","data":[
 {"id":"qwen2.5-coder-14b-instruct","object":"model","type":"llm","publisher":"lmstudio-community","arch":"qwen2",
  "compatibility_type":"gguf","quantization":"Q4_K_M","state":"loaded","max_context_length":32768},
 {"id":"text-embedding-nomic-embed-text-v1.5","object":"model","type":"embeddings","state":"not-loaded",
  "max_context_length":2048},
 {"id":"gemma-3-12b-it","object":"model","type":"vlm","state":"not-loaded","max_context_length":131072}
]})json";

} // namespace

class TestModelDiscovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void openAICompatible();
    void dashScope();
    void openRouterRichEntries();
    void siliconFlowAsksForChatModels();
    void anthropicPaging();
    void anthropicPageBound();
    void anthropicRepeatedCursorStops();
    void ollamaNativeTags();
    void ollamaFallsBackToOpenAIList();
    void lmStudioNative();
    void lmStudioFallsBackToOpenAIList();
    void rejectedKeyIsRedacted();
    void malformedJson();
    void refused();
    void hangTimesOut();
    void oversizedList();
    void invalidSettingsReportedLater();
    void cancel();
    void restartDropsTheFirstDiscovery();

private:
    ModelDiscoveryResult discover(const PlatformConfig &platform);

    FakeUpstream *m_fake = nullptr;
    UpstreamClient *m_client = nullptr;
    ModelDiscovery *m_discovery = nullptr;
};

void TestModelDiscovery::init()
{
    m_fake = new FakeUpstream;
    QVERIFY(m_fake->listen());
    m_client = new UpstreamClient;
    m_discovery = new ModelDiscovery(m_client);
    m_discovery->setTimeouts(shortTimeouts(2'000));
    m_discovery->setSecretLookup({}); // keys are literal here
}

void TestModelDiscovery::cleanup()
{
    delete m_discovery;
    delete m_client;
    delete m_fake;
}

ModelDiscoveryResult TestModelDiscovery::discover(const PlatformConfig &platform)
{
    ResultCollector<ModelDiscoveryResult> collector(m_discovery, &ModelDiscovery::finished);
    m_discovery->start(platform);
    if (!collector.wait())
        return ModelDiscoveryResult(); // the caller's checks fail
    QTest::qWait(20); // a second emission would show here
    if (collector.results.size() != 1) {
        qWarning("finished() was emitted %d times", int(collector.results.size()));
        return ModelDiscoveryResult();
    }
    return collector.last();
}

void TestModelDiscovery::openAICompatible()
{
    m_fake->enqueueFor(
        "/v1/models", FakeResponse::json(200, openAIList({QStringLiteral("gpt-4o"), QStringLiteral("o3")})));
    const ModelDiscoveryResult result
        = discover(platformAt(*m_fake, PlatformType::OpenAICompatible, QStringLiteral("/v1")));
    QVERIFY2(result.ok(), qPrintable(result.failure.message));
    QCOMPARE(result.ids(), QStringList({QStringLiteral("gpt-4o"), QStringLiteral("o3")}));
    QCOMPARE(result.source, m_fake->url(QStringLiteral("/v1/models")).toString());
    QCOMPARE(result.pages, 1);
    QVERIFY(result.latencyMs >= 0);
    const ReceivedRequest request = m_fake->lastRequest();
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.path, QByteArray("/v1/models"));
    QCOMPARE(request.header("authorization"), QByteArray("Bearer ") + kApiKey.toUtf8());
    QVERIFY(!request.hasHeader("x-api-key"));
}

void TestModelDiscovery::dashScope()
{
    m_fake->enqueueFor("/compatible-mode/v1/models",
        FakeResponse::json(200,
            openAIList(
                {QStringLiteral("qwen-plus"), QStringLiteral("qwen3-coder-plus"), QStringLiteral("qwen-vl-max")})));
    const ModelDiscoveryResult result
        = discover(platformAt(*m_fake, PlatformType::DashScope, QStringLiteral("/compatible-mode/v1")));
    QVERIFY2(result.ok(), qPrintable(result.failure.message));
    QCOMPARE(result.models.size(), 3);
    QCOMPARE(m_fake->lastRequest().path, QByteArray("/compatible-mode/v1/models"));
}

void TestModelDiscovery::openRouterRichEntries()
{
    m_fake->enqueueFor("/api/v1/models", FakeResponse::json(200, kOpenRouterModels));
    const ModelDiscoveryResult result
        = discover(platformAt(*m_fake, PlatformType::OpenRouter, QStringLiteral("/api/v1")));
    QVERIFY2(result.ok(), qPrintable(result.failure.message));
    QCOMPARE(result.models.size(), 2);
    const DiscoveredModel *coder = result.find(QStringLiteral("qwen/qwen3-coder"));
    QVERIFY(coder);
    QCOMPARE(coder->displayName, QStringLiteral("Qwen: Qwen3 Coder"));
    QCOMPARE(coder->contextWindow, std::optional<int>(262144));
    QCOMPARE(coder->maxOutputTokens, std::optional<int>(65536));
    QCOMPARE(coder->supportsTools, std::optional<bool>(true));
    QCOMPARE(coder->supportsVision, std::optional<bool>(false));
    QCOMPARE(coder->supportsReasoning, std::optional<bool>(false));
    const DiscoveredModel *gemini = result.find(QStringLiteral("google/gemini-2.5-pro"));
    QVERIFY(gemini);
    QCOMPARE(gemini->supportsVision, std::optional<bool>(true));
    QCOMPARE(gemini->supportsReasoning, std::optional<bool>(true));
}

void TestModelDiscovery::siliconFlowAsksForChatModels()
{
    m_fake->enqueueFor("/v1/models", FakeResponse::json(200, openAIList({QStringLiteral("Qwen/Qwen2.5-7B-Instruct")})));
    const ModelDiscoveryResult result = discover(platformAt(*m_fake, PlatformType::SiliconFlow, QStringLiteral("/v1")));
    QVERIFY2(result.ok(), qPrintable(result.failure.message));
    QCOMPARE(result.ids(), QStringList({QStringLiteral("Qwen/Qwen2.5-7B-Instruct")}));
    const ReceivedRequest request = m_fake->lastRequest();
    QCOMPARE(request.pathWithoutQuery(), QByteArray("/v1/models"));
    const QUrlQuery query(QString::fromLatin1(request.path.mid(request.path.indexOf('?') + 1)));
    QCOMPARE(query.queryItemValue(QStringLiteral("type")), QStringLiteral("text"));
    QCOMPARE(query.queryItemValue(QStringLiteral("sub_type")), QStringLiteral("chat"));
    QVERIFY(!result.source.contains(QLatin1Char('?'))); // shown without the query
}

void TestModelDiscovery::anthropicPaging()
{
    m_fake->enqueueFor("/v1/models",
        FakeResponse::json(200, anthropicPage({QStringLiteral("claude-a"), QStringLiteral("claude-b")}, true)));
    m_fake->enqueueFor("/v1/models",
        FakeResponse::json(200, anthropicPage({QStringLiteral("claude-c"), QStringLiteral("claude-d")}, true)));
    m_fake->enqueueFor("/v1/models", FakeResponse::json(200, anthropicPage({QStringLiteral("claude-e")}, false)));
    const ModelDiscoveryResult result = discover(platformAt(*m_fake, PlatformType::Anthropic, QString()));
    QVERIFY2(result.ok(), qPrintable(result.failure.message));
    QCOMPARE(result.ids(),
        QStringList({QStringLiteral("claude-a"), QStringLiteral("claude-b"), QStringLiteral("claude-c"),
            QStringLiteral("claude-d"), QStringLiteral("claude-e")}));
    QCOMPARE(result.models.at(0).displayName, QStringLiteral("CLAUDE-A"));
    QCOMPARE(result.pages, 3);
    QVERIFY(!result.truncated);

    const QList<ReceivedRequest> requests = m_fake->receivedRequests();
    QCOMPARE(requests.size(), 3);
    QCOMPARE(requests.at(0).path, QByteArray("/v1/models?limit=100"));
    QCOMPARE(requests.at(1).path, QByteArray("/v1/models?limit=100&after_id=claude-b"));
    QCOMPARE(requests.at(2).path, QByteArray("/v1/models?limit=100&after_id=claude-d"));
    for (const ReceivedRequest &request : requests) {
        QCOMPARE(request.header("x-api-key"), kApiKey.toUtf8());
        QCOMPARE(request.header("anthropic-version"), QByteArray("2023-06-01"));
        QVERIFY(!request.hasHeader("authorization"));
    }
}

void TestModelDiscovery::anthropicPageBound()
{
    m_discovery->setMaxPages(2);
    for (int i = 0; i < 4; ++i)
        m_fake->enqueueFor(
            "/v1/models", FakeResponse::json(200, anthropicPage({QStringLiteral("claude-%1").arg(i)}, true)));
    const ModelDiscoveryResult result = discover(platformAt(*m_fake, PlatformType::Anthropic, QString()));
    QVERIFY2(result.ok(), qPrintable(result.failure.message));
    QCOMPARE(result.pages, 2);
    QVERIFY(result.truncated);
    QCOMPARE(result.models.size(), 2);
    QCOMPARE(m_fake->requestCount(), 2);
}

void TestModelDiscovery::anthropicRepeatedCursorStops()
{
    // A relay that ignores after_id and always says there is more: the discovery must not loop.
    m_fake->setHandler([](const ReceivedRequest &) {
        return FakeResponse::json(200, anthropicPage({QStringLiteral("claude-x")}, true));
    });
    const ModelDiscoveryResult result = discover(platformAt(*m_fake, PlatformType::Anthropic, QString()));
    QVERIFY2(result.ok(), qPrintable(result.failure.message));
    QCOMPARE(result.ids(), QStringList({QStringLiteral("claude-x")}));
    QCOMPARE(m_fake->requestCount(), 2); // the second answer repeats the cursor: stop
}

void TestModelDiscovery::ollamaNativeTags()
{
    m_fake->enqueueFor("/api/tags", FakeResponse::json(200, kOllamaTags));
    const ModelDiscoveryResult result
        = discover(platformAt(*m_fake, PlatformType::Ollama, QStringLiteral("/v1"), QString()));
    QVERIFY2(result.ok(), qPrintable(result.failure.message));
    QCOMPARE(result.ids(), QStringList({QStringLiteral("qwen2.5-coder:7b"), QStringLiteral("llava:7b")}));
    QCOMPARE(result.dialect, ModelListDialect::OllamaTags);
    QCOMPARE(result.source, m_fake->url(QStringLiteral("/api/tags")).toString());
    QCOMPARE(result.find(QStringLiteral("llava:7b"))->supportsVision, std::optional<bool>(true));
    QCOMPARE(m_fake->requestCount(), 1);
    QVERIFY(!m_fake->lastRequest().hasHeader("authorization")); // no key, no header
}

void TestModelDiscovery::ollamaFallsBackToOpenAIList()
{
    m_fake->enqueueFor("/api/tags", FakeResponse::text(404, "404 page not found"));
    m_fake->enqueueFor("/v1/models",
        FakeResponse::json(
            200, openAIList({QStringLiteral("llama3.2:latest"), QStringLiteral("mxbai-embed-large:latest")})));
    const ModelDiscoveryResult result
        = discover(platformAt(*m_fake, PlatformType::Ollama, QStringLiteral("/v1"), QString()));
    QVERIFY2(result.ok(), qPrintable(result.failure.message));
    QCOMPARE(result.ids(), QStringList({QStringLiteral("llama3.2:latest")})); // the embedding model is left out
    QCOMPARE(result.dialect, ModelListDialect::OpenAI);
    QCOMPARE(result.source, m_fake->url(QStringLiteral("/v1/models")).toString());
    QCOMPARE(result.pages, 1);
    QCOMPARE(m_fake->requestCount(), 2);
}

void TestModelDiscovery::lmStudioNative()
{
    m_fake->enqueueFor("/api/v0/models", FakeResponse::json(200, kLMStudioModels));
    const ModelDiscoveryResult result
        = discover(platformAt(*m_fake, PlatformType::LMStudio, QStringLiteral("/v1"), QString()));
    QVERIFY2(result.ok(), qPrintable(result.failure.message));
    QCOMPARE(
        result.ids(), QStringList({QStringLiteral("qwen2.5-coder-14b-instruct"), QStringLiteral("gemma-3-12b-it")}));
    QCOMPARE(result.find(QStringLiteral("gemma-3-12b-it"))->supportsVision, std::optional<bool>(true));
    QCOMPARE(result.find(QStringLiteral("qwen2.5-coder-14b-instruct"))->contextWindow, std::optional<int>(32768));
    QCOMPARE(result.dialect, ModelListDialect::LMStudioNative);
}

void TestModelDiscovery::lmStudioFallsBackToOpenAIList()
{
    // Older LM Studio: no /api/v0 (it answers 200 with an error object), /v1/models lists everything.
    m_fake->enqueueFor(
        "/api/v0/models", FakeResponse::json(200, QByteArray(R"({"error":"Unexpected endpoint or method."})")));
    m_fake->enqueueFor("/v1/models",
        FakeResponse::json(200,
            openAIList(
                {QStringLiteral("qwen2.5-7b-instruct"), QStringLiteral("text-embedding-nomic-embed-text-v1.5")})));
    const ModelDiscoveryResult result
        = discover(platformAt(*m_fake, PlatformType::LMStudio, QStringLiteral("/v1"), QString()));
    QVERIFY2(result.ok(), qPrintable(result.failure.message));
    QCOMPARE(result.ids(), QStringList({QStringLiteral("qwen2.5-7b-instruct")}));
    QCOMPARE(result.dialect, ModelListDialect::OpenAI);
}

void TestModelDiscovery::rejectedKeyIsRedacted()
{
    // A platform that echoes the key it received in its error message.
    m_fake->enqueueFor("/v1/models",
        FakeResponse::openAIError(401, QStringLiteral("Incorrect API key provided: ") + kApiKey,
            QStringLiteral("invalid_request_error"), QStringLiteral("invalid_api_key")));
    const ModelDiscoveryResult result
        = discover(platformAt(*m_fake, PlatformType::OpenAICompatible, QStringLiteral("/v1")));
    QCOMPARE(result.failure.category, ConnectionCategory::BadApiKey);
    QCOMPARE(result.failure.httpStatus, 401);
    QCOMPARE(result.failure.message, QStringLiteral("The API key was rejected by Fake openai."));
    QVERIFY2(result.failure.details.contains(QStringLiteral("Incorrect API key provided: ********")),
        qPrintable(result.failure.details));
    QVERIFY(!result.failure.details.contains(kApiKey));
    QVERIFY(!result.failure.message.contains(kApiKey));
    QVERIFY(result.models.isEmpty());
}

void TestModelDiscovery::malformedJson()
{
    m_fake->enqueueFor("/v1/models", FakeResponse::json(200, QByteArray(R"({"data":[{"id":"a"},)")));
    const ModelDiscoveryResult result
        = discover(platformAt(*m_fake, PlatformType::OpenAICompatible, QStringLiteral("/v1")));
    QCOMPARE(result.failure.category, ConnectionCategory::MalformedResponse);
    QVERIFY2(result.failure.details.contains(QStringLiteral("not JSON")), qPrintable(result.failure.details));
    QVERIFY(result.failure.details.contains(QStringLiteral("{\"data\":[{\"id\":\"a\"},"))); // the start of the answer
}

void TestModelDiscovery::refused()
{
    PlatformConfig platform = platformAt(*m_fake, PlatformType::Ollama, QStringLiteral("/v1"), QString());
    const quint16 port = FakeUpstream::unusedPort();
    platform.baseUrl = QStringLiteral("http://127.0.0.1:%1/v1").arg(port);
    const ModelDiscoveryResult result = discover(platform);
    QCOMPARE(result.failure.category, ConnectionCategory::ConnectionRefused);
    QVERIFY2(
        result.failure.message.contains(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(result.failure.message));
    QVERIFY2(result.failure.details.contains(QStringLiteral("Is Ollama running")), qPrintable(result.failure.details));
}

void TestModelDiscovery::hangTimesOut()
{
    m_discovery->setTimeouts(shortTimeouts(200));
    m_fake->enqueueFor("/v1/models", FakeResponse::hang());
    const ModelDiscoveryResult result = discover(platformAt(*m_fake, PlatformType::SiliconFlow, QStringLiteral("/v1")));
    QCOMPARE(result.failure.category, ConnectionCategory::Timeout);
    QVERIFY2(result.failure.message.contains(QStringLiteral("did not answer within 200 ms")),
        qPrintable(result.failure.message));
}

void TestModelDiscovery::oversizedList()
{
    m_discovery->setMaxBodyBytes(4096);
    QStringList ids;
    for (int i = 0; i < 500; ++i)
        ids.append(QStringLiteral("model-%1").arg(i));
    m_fake->enqueueFor("/v1/models", FakeResponse::json(200, openAIList(ids)));
    const ModelDiscoveryResult result
        = discover(platformAt(*m_fake, PlatformType::OpenAICompatible, QStringLiteral("/v1")));
    QCOMPARE(result.failure.category, ConnectionCategory::MalformedResponse);
    QVERIFY2(
        result.failure.details.contains(QStringLiteral("larger than 4096 bytes")), qPrintable(result.failure.details));
}

void TestModelDiscovery::invalidSettingsReportedLater()
{
    PlatformConfig platform = platformAt(*m_fake, PlatformType::DashScope, QStringLiteral("/v1"), QString());
    ResultCollector<ModelDiscoveryResult> collector(m_discovery, &ModelDiscovery::finished);
    m_discovery->start(platform);
    QVERIFY(collector.results.isEmpty()); // never from inside start()
    QVERIFY(collector.wait());
    QCOMPARE(collector.last().failure.category, ConnectionCategory::InvalidSettings);
    QCOMPARE(collector.last().failure.message, QStringLiteral("No API key is set for Fake dashscope."));
    QCOMPARE(m_fake->requestCount(), 0);
}

void TestModelDiscovery::cancel()
{
    m_fake->enqueueFor("/v1/models", FakeResponse::hang());
    ResultCollector<ModelDiscoveryResult> collector(m_discovery, &ModelDiscovery::finished);
    m_discovery->start(platformAt(*m_fake, PlatformType::OpenAICompatible, QStringLiteral("/v1")));
    QTRY_COMPARE(m_fake->requestCount(), 1);
    QVERIFY(m_discovery->isRunning());
    m_discovery->cancel();
    QCOMPARE(collector.results.size(), 1);
    QCOMPARE(collector.last().failure.category, ConnectionCategory::Cancelled);
    QVERIFY(!m_discovery->isRunning());
    QTRY_COMPARE(m_fake->disconnectedPaths().size(), 1); // the request was really dropped
    QTest::qWait(20);
    QCOMPARE(collector.results.size(), 1);
}

void TestModelDiscovery::restartDropsTheFirstDiscovery()
{
    m_fake->enqueueFor(
        "/slow/v1/models", FakeResponse::json(200, openAIList({QStringLiteral("old")})).withDelayBeforeHeaders(200));
    m_fake->enqueueFor("/fast/v1/models", FakeResponse::json(200, openAIList({QStringLiteral("new")})));
    ResultCollector<ModelDiscoveryResult> collector(m_discovery, &ModelDiscovery::finished);
    m_discovery->start(platformAt(*m_fake, PlatformType::OpenAICompatible, QStringLiteral("/slow/v1")));
    QTRY_COMPARE(m_fake->requestCount(), 1);
    m_discovery->start(platformAt(*m_fake, PlatformType::OpenAICompatible, QStringLiteral("/fast/v1")));
    QVERIFY(collector.wait());
    QTest::qWait(300); // the slow answer would have arrived by now
    QCOMPARE(collector.results.size(), 1);
    QCOMPARE(collector.last().ids(), QStringList({QStringLiteral("new")}));
}

QTEST_GUILESS_MAIN(TestModelDiscovery)
#include "TestModelDiscovery.moc"
