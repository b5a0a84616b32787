#include "platforms/ModelListParser.h"

#include <QtTest>

// Model lists shaped like the platforms' real answers (written for these tests).
namespace {

const QByteArray kOpenAIList = R"json({
  "object": "list",
  "data": [
    {"id": "qwen-plus", "object": "model", "created": 1700000000, "owned_by": "system"},
    {"id": "qwen3-coder-plus", "object": "model", "created": 1700000001, "owned_by": "system"},
    {"id": "qwen-plus", "object": "model", "created": 1700000002, "owned_by": "system"},
    {"object": "model", "owned_by": "system"}
  ]
})json";

const QByteArray kOpenRouterList = R"json({
  "data": [
    {
      "id": "anthropic/claude-sonnet-4",
      "canonical_slug": "anthropic/claude-4-sonnet-20250522",
      "name": "Anthropic: Claude Sonnet 4",
      "created": 1747930371,
      "description": "Claude Sonnet 4 ...",
      "context_length": 200000,
      "architecture": {"modality": "text+image->text", "input_modalities": ["image", "text", "file"],
                       "output_modalities": ["text"], "tokenizer": "Claude", "instruct_type": null},
      "pricing": {"prompt": "0.000003", "completion": "0.000015", "request": "0", "image": "0.0048",
                  "input_cache_read": "0.0000003", "input_cache_write": "0.00000375"},
      "top_provider": {"context_length": 200000, "max_completion_tokens": 64000, "is_moderated": true},
      "per_request_limits": null,
      "supported_parameters": ["include_reasoning", "max_tokens", "reasoning", "stop", "temperature",
                               "tool_choice", "tools", "top_k", "top_p"]
    },
    {
      "id": "deepseek/deepseek-chat-v3.1:free",
      "name": "DeepSeek: DeepSeek V3.1 (free)",
      "context_length": 163840,
      "architecture": {"modality": "text->text", "input_modalities": ["text"], "output_modalities": ["text"]},
      "pricing": {"prompt": "0", "completion": "0"},
      "top_provider": {"context_length": 163840, "max_completion_tokens": null, "is_moderated": false},
      "supported_parameters": ["max_tokens", "temperature", "tools", "tool_choice"]
    },
    {
      "id": "meta-llama/llama-guard-3-8b",
      "name": "Llama Guard 3 8B",
      "architecture": {"modality": "text+image->text"},
      "pricing": {"prompt": "-1", "completion": "-1"},
      "top_provider": {"context_length": 131072}
    }
  ]
})json";

const QByteArray kAnthropicPage = R"json({
  "data": [
    {"type": "model", "id": "claude-sonnet-4-20250514", "display_name": "Claude Sonnet 4",
     "created_at": "2025-05-22T00:00:00Z"},
    {"type": "model", "id": "claude-3-5-haiku-20241022", "display_name": "Claude Haiku 3.5",
     "created_at": "2024-10-22T00:00:00Z"}
  ],
  "has_more": true,
  "first_id": "claude-sonnet-4-20250514",
  "last_id": "claude-3-5-haiku-20241022"
})json";

const QByteArray kOllamaTags = R"json({
  "models": [
    {"name": "qwen2.5-coder:7b", "model": "qwen2.5-coder:7b", "modified_at": "2025-01-10T10:00:00Z",
     "size": 4683087332, "digest": "2b0496514337",
     "details": {"parent_model": "", "format": "gguf", "family": "qwen2", "families": ["qwen2"],
                 "parameter_size": "7.6B", "quantization_level": "Q4_K_M"}},
    {"name": "llava:13b", "model": "llava:13b", "size": 8011256494,
     "details": {"format": "gguf", "family": "llama", "families": ["llama", "clip"], "parameter_size": "13B"}},
    {"name": "nomic-embed-text:latest", "model": "nomic-embed-text:latest",
     "details": {"format": "gguf", "family": "nomic-bert", "families": ["nomic-bert"], "parameter_size": "137M"}},
    {"name": "llama3.2-vision:latest", "model": "llama3.2-vision:latest",
     "details": {"family": "mllama", "families": ["mllama"]}},
    {"name": "qwen3:8b", "model": "qwen3:8b", "details": {"family": "qwen3"},
     "capabilities": ["completion", "tools", "thinking"]}
  ]
})json";

const QByteArray kLMStudioNative = R"json({
  "object": "list",
  "data": [
    {"id": "qwen2-vl-7b-instruct", "object": "model", "type": "vlm", "publisher": "mlx-community",
     "arch": "qwen2_vl", "compatibility_type": "mlx", "quantization": "4bit", "state": "not-loaded",
     "max_context_length": 32768},
    {"id": "meta-llama-3.1-8b-instruct", "object": "model", "type": "llm", "publisher": "lmstudio-community",
     "arch": "llama", "compatibility_type": "gguf", "quantization": "Q4_K_M", "state": "loaded",
     "max_context_length": 131072, "capabilities": ["tool_use"]},
    {"id": "text-embedding-nomic-embed-text-v1.5", "object": "model", "type": "embeddings",
     "publisher": "nomic-ai", "arch": "nomic-bert", "state": "not-loaded", "max_context_length": 2048}
  ]
})json";

} // namespace

class TestModelListParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void openAIList();
    void openRouterRichEntries();
    void anthropicPage();
    void anthropicLastPage();
    void ollamaTags();
    void lmStudioNative();
    void genericContextHints_data();
    void genericContextHints();
    void malformed_data();
    void malformed();
    void embeddingNames_data();
    void embeddingNames();
};

void TestModelListParser::openAIList()
{
    const ModelListPage page = ModelListParser::parse(ModelListDialect::OpenAI, kOpenAIList);
    QVERIFY2(page.ok(), qPrintable(page.error));
    QCOMPARE(page.models.size(), 2); // the duplicate is dropped
    QCOMPARE(page.skippedEntries, 1); // the entry without an id
    QCOMPARE(page.models.at(0).id, QStringLiteral("qwen-plus"));
    QCOMPARE(page.models.at(0).displayName, QStringLiteral("qwen-plus")); // no name: the id
    QCOMPARE(page.models.at(1).id, QStringLiteral("qwen3-coder-plus"));
    // a plain list carries no capability hints
    QVERIFY(!page.models.at(0).contextWindow && !page.models.at(0).maxOutputTokens);
    QVERIFY(
        !page.models.at(0).supportsTools && !page.models.at(0).supportsVision && !page.models.at(0).supportsReasoning);
    QVERIFY(!page.hasMore);
}

void TestModelListParser::openRouterRichEntries()
{
    const ModelListPage page = ModelListParser::parseOpenAI(kOpenRouterList);
    QVERIFY2(page.ok(), qPrintable(page.error));
    QCOMPARE(page.models.size(), 3);

    const DiscoveredModel &claude = page.models.at(0);
    QCOMPARE(claude.id, QStringLiteral("anthropic/claude-sonnet-4"));
    QCOMPARE(claude.displayName, QStringLiteral("Anthropic: Claude Sonnet 4"));
    QCOMPARE(claude.contextWindow, std::optional<int>(200000));
    QCOMPARE(claude.maxOutputTokens, std::optional<int>(64000));
    QCOMPARE(claude.supportsVision, std::optional<bool>(true));
    QCOMPARE(claude.supportsTools, std::optional<bool>(true));
    QCOMPARE(claude.supportsReasoning, std::optional<bool>(true));
    // Per token in dollars -> per million tokens, exactly as a person would write them.
    QCOMPARE(claude.listPrice, std::optional<ModelPrice>(ModelPrice {3, 15, 0.3, 3.75}));

    const DiscoveredModel &deepseek = page.models.at(1);
    QCOMPARE(deepseek.contextWindow, std::optional<int>(163840));
    QCOMPARE(deepseek.maxOutputTokens, std::optional<int>()); // null: unknown
    QCOMPARE(deepseek.supportsVision, std::optional<bool>(false)); // input_modalities without image
    QCOMPARE(deepseek.supportsTools, std::optional<bool>(true));
    QCOMPARE(deepseek.supportsReasoning, std::optional<bool>(false)); // listed parameters without reasoning
    QCOMPARE(deepseek.listPrice, std::optional<ModelPrice>(ModelPrice {0, 0, std::nullopt, std::nullopt})); // free

    const DiscoveredModel &guard = page.models.at(2);
    QCOMPARE(guard.contextWindow, std::optional<int>(131072)); // from top_provider
    QCOMPARE(guard.supportsVision, std::optional<bool>(true)); // from the modality string
    QCOMPARE(guard.supportsTools, std::optional<bool>()); // no supported_parameters: unknown, not "no"
    QCOMPARE(guard.listPrice, std::optional<ModelPrice>()); // "-1": depends on the model a router picks

    // A plain OpenAI-compatible list says nothing about prices.
    QCOMPARE(ModelListParser::parseOpenAI(kOpenAIList).models.at(0).listPrice, std::optional<ModelPrice>());
}

void TestModelListParser::anthropicPage()
{
    const ModelListPage page = ModelListParser::parse(ModelListDialect::Anthropic, kAnthropicPage);
    QVERIFY2(page.ok(), qPrintable(page.error));
    QCOMPARE(page.models.size(), 2);
    QCOMPARE(page.models.at(0).id, QStringLiteral("claude-sonnet-4-20250514"));
    QCOMPARE(page.models.at(0).displayName, QStringLiteral("Claude Sonnet 4"));
    QVERIFY(page.hasMore);
    QCOMPARE(page.lastId, QStringLiteral("claude-3-5-haiku-20241022"));
}

void TestModelListParser::anthropicLastPage()
{
    // No last_id: the last entry's id is the cursor; has_more false ends the paging.
    const ModelListPage page = ModelListParser::parseAnthropic(
        R"({"data":[{"type":"model","id":"claude-3-haiku-20240307","display_name":"Claude Haiku 3",
            "max_input_tokens":200000,"max_tokens":4096}],"has_more":false})");
    QVERIFY(page.ok());
    QVERIFY(!page.hasMore);
    QCOMPARE(page.lastId, QStringLiteral("claude-3-haiku-20240307"));
    QCOMPARE(page.models.at(0).contextWindow, std::optional<int>(200000));
    QCOMPARE(page.models.at(0).maxOutputTokens, std::optional<int>(4096));
}

void TestModelListParser::ollamaTags()
{
    const ModelListPage page = ModelListParser::parse(ModelListDialect::OllamaTags, kOllamaTags);
    QVERIFY2(page.ok(), qPrintable(page.error));
    QStringList ids;
    for (const DiscoveredModel &model : page.models)
        ids.append(model.id);
    QCOMPARE(ids,
        QStringList({QStringLiteral("qwen2.5-coder:7b"), QStringLiteral("llava:13b"),
            QStringLiteral("llama3.2-vision:latest"), QStringLiteral("qwen3:8b")}));
    QCOMPARE(page.skippedEntries, 1); // nomic-embed-text
    QCOMPARE(page.models.at(0).supportsVision, std::optional<bool>()); // nothing said
    QCOMPARE(page.models.at(1).supportsVision, std::optional<bool>(true)); // clip
    QCOMPARE(page.models.at(2).supportsVision, std::optional<bool>(true)); // mllama
    QCOMPARE(page.models.at(3).supportsTools, std::optional<bool>(true)); // capabilities
    QCOMPARE(page.models.at(3).supportsReasoning, std::optional<bool>(true));
    QCOMPARE(page.models.at(3).supportsVision, std::optional<bool>(false));
}

void TestModelListParser::lmStudioNative()
{
    const ModelListPage page = ModelListParser::parse(ModelListDialect::LMStudioNative, kLMStudioNative);
    QVERIFY2(page.ok(), qPrintable(page.error));
    QCOMPARE(page.models.size(), 2);
    QCOMPARE(page.skippedEntries, 1); // the embeddings model
    QCOMPARE(page.models.at(0).id, QStringLiteral("qwen2-vl-7b-instruct"));
    QCOMPARE(page.models.at(0).supportsVision, std::optional<bool>(true)); // vlm
    QCOMPARE(page.models.at(0).contextWindow, std::optional<int>(32768));
    QCOMPARE(page.models.at(0).supportsTools, std::optional<bool>());
    QCOMPARE(page.models.at(1).supportsVision, std::optional<bool>(false)); // llm
    QCOMPARE(page.models.at(1).contextWindow, std::optional<int>(131072));
    QCOMPARE(page.models.at(1).supportsTools, std::optional<bool>(true)); // tool_use
}

void TestModelListParser::genericContextHints_data()
{
    QTest::addColumn<QByteArray>("entry");
    QTest::addColumn<int>("contextWindow"); // 0 = unset

    QTest::newRow("vllm max_model_len") << QByteArray(R"({"id":"m","max_model_len":32768})") << 32768;
    QTest::newRow("groq context_window") << QByteArray(R"({"id":"m","context_window":131072})") << 131072;
    QTest::newRow("numeric string") << QByteArray(R"({"id":"m","context_length":"8192"})") << 8192;
    QTest::newRow("zero is no hint") << QByteArray(R"({"id":"m","context_length":0})") << 0;
    QTest::newRow("negative is no hint") << QByteArray(R"({"id":"m","context_length":-5})") << 0;
    QTest::newRow("absurd is no hint") << QByteArray(R"({"id":"m","context_length":1e12})") << 0;
    QTest::newRow("object is no hint") << QByteArray(R"({"id":"m","context_length":{}})") << 0;
}

void TestModelListParser::genericContextHints()
{
    QFETCH(QByteArray, entry);
    QFETCH(int, contextWindow);
    const ModelListPage page = ModelListParser::parseOpenAI("{\"data\":[" + entry + "]}");
    QVERIFY(page.ok());
    QCOMPARE(page.models.size(), 1);
    QCOMPARE(page.models.at(0).contextWindow, contextWindow ? std::optional<int>(contextWindow) : std::nullopt);
}

void TestModelListParser::malformed_data()
{
    QTest::addColumn<int>("dialect");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("errorPart");

    const int openai = int(ModelListDialect::OpenAI);
    const int anthropic = int(ModelListDialect::Anthropic);
    const int ollama = int(ModelListDialect::OllamaTags);
    const int lmstudio = int(ModelListDialect::LMStudioNative);
    QTest::newRow("empty") << openai << QByteArray("") << QStringLiteral("empty");
    QTest::newRow("not json") << openai << QByteArray("<html><body>Welcome</body></html>")
                              << QStringLiteral("not JSON");
    QTest::newRow("truncated json") << anthropic << QByteArray(R"({"data":[{"id":"claude)")
                                    << QStringLiteral("not JSON");
    QTest::newRow("array") << openai << QByteArray("[]") << QStringLiteral("not a JSON object");
    QTest::newRow("no data") << openai << QByteArray(R"({"object":"list"})") << QStringLiteral("no \"data\"");
    QTest::newRow("data not a list") << anthropic << QByteArray(R"({"data":{}})") << QStringLiteral("not a list");
    QTest::newRow("ollama given an openai list") << ollama << kOpenAIList << QStringLiteral("no \"models\"");
    QTest::newRow("lmstudio error") << lmstudio << QByteArray(R"({"error":"Unexpected endpoint or method."})")
                                    << QStringLiteral("no \"data\"");
}

void TestModelListParser::malformed()
{
    QFETCH(int, dialect);
    QFETCH(QByteArray, body);
    QFETCH(QString, errorPart);
    const ModelListPage page = ModelListParser::parse(ModelListDialect(dialect), body);
    QVERIFY(!page.ok());
    QVERIFY2(page.error.contains(errorPart), qPrintable(page.error));
    QVERIFY(page.models.isEmpty());
}

void TestModelListParser::embeddingNames_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("embedding");
    QTest::newRow("nomic") << QStringLiteral("nomic-embed-text:latest") << true;
    QTest::newRow("openai") << QStringLiteral("text-embedding-3-small") << true;
    QTest::newRow("bge") << QStringLiteral("bge-m3") << true;
    QTest::newRow("bge with org") << QStringLiteral("BAAI/bge-large-zh-v1.5") << true;
    QTest::newRow("reranker") << QStringLiteral("BAAI/bge-reranker-v2-m3") << true;
    QTest::newRow("chat") << QStringLiteral("qwen2.5-coder:7b") << false;
    QTest::newRow("chat with org") << QStringLiteral("deepseek-ai/DeepSeek-V3") << false;
}

void TestModelListParser::embeddingNames()
{
    QFETCH(QString, id);
    QFETCH(bool, embedding);
    QCOMPARE(ModelListParser::looksLikeEmbeddingModel(id), embedding);
}

QTEST_GUILESS_MAIN(TestModelListParser)
#include "TestModelListParser.moc"
