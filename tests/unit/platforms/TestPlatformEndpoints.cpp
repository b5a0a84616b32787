#include "platforms/PlatformEndpoints.h"
#include "platforms/PlatformTarget.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

namespace {

QByteArray header(const HttpHeaderList &headers, const QByteArray &name)
{
    for (const auto &h : headers) {
        if (h.first == name)
            return h.second;
    }
    return QByteArray();
}

SecretReference::Lookup lookupFrom(const QHash<QString, QString> &values)
{
    return [values](const QString &name) -> std::optional<QString> {
        if (!values.contains(name))
            return std::nullopt;
        return values.value(name);
    };
}

} // namespace

class TestPlatformEndpoints : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nativeRoot_data();
    void nativeRoot();
    void modelListEndpoints_data();
    void modelListEndpoints();
    void anthropicPaging();
    void authHeaders();
    void probeRequests();
    void listCompleteness();
    void matchModel_data();
    void matchModel();
    void target_data();
    void target();
    void targetNames();
};

void TestPlatformEndpoints::nativeRoot_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("root");
    QTest::newRow("ollama") << QStringLiteral("http://localhost:11434/v1") << QStringLiteral("http://localhost:11434");
    QTest::newRow("slash") << QStringLiteral("http://localhost:1234/v1/") << QStringLiteral("http://localhost:1234");
    QTest::newRow("no version") << QStringLiteral("http://box:11434") << QStringLiteral("http://box:11434");
    QTest::newRow("path prefix") << QStringLiteral("https://gw.example/ollama/v1")
                                 << QStringLiteral("https://gw.example/ollama");
}

void TestPlatformEndpoints::nativeRoot()
{
    QFETCH(QString, base);
    QFETCH(QString, root);
    QCOMPARE(PlatformEndpoints::nativeRoot(base), root);
}

void TestPlatformEndpoints::modelListEndpoints_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("base");
    QTest::addColumn<QStringList>("urls");
    QTest::addColumn<QStringList>("dialects");

    QTest::newRow("anthropic") << int(PlatformType::Anthropic) << QStringLiteral("https://api.anthropic.com/")
                               << QStringList {QStringLiteral("https://api.anthropic.com/v1/models?limit=100")}
                               << QStringList {QStringLiteral("anthropic")};
    QTest::newRow("dashscope") << int(PlatformType::DashScope)
                               << QStringLiteral("https://dashscope.aliyuncs.com/compatible-mode/v1")
                               << QStringList {QStringLiteral(
                                      "https://dashscope.aliyuncs.com/compatible-mode/v1/models")}
                               << QStringList {QStringLiteral("openai")};
    QTest::newRow("openrouter") << int(PlatformType::OpenRouter) << QStringLiteral("https://openrouter.ai/api/v1")
                                << QStringList {QStringLiteral("https://openrouter.ai/api/v1/models")}
                                << QStringList {QStringLiteral("openai")};
    QTest::newRow("siliconflow") << int(PlatformType::SiliconFlow) << QStringLiteral("https://api.siliconflow.cn/v1")
                                 << QStringList {QStringLiteral(
                                        "https://api.siliconflow.cn/v1/models?type=text&sub_type=chat")}
                                 << QStringList {QStringLiteral("openai")};
    QTest::newRow("openai") << int(PlatformType::OpenAICompatible) << QStringLiteral("http://vllm.lan:8000/v1")
                            << QStringList {QStringLiteral("http://vllm.lan:8000/v1/models")}
                            << QStringList {QStringLiteral("openai")};
    QTest::newRow("ollama") << int(PlatformType::Ollama) << QStringLiteral("http://localhost:11434/v1")
                            << QStringList {QStringLiteral("http://localhost:11434/api/tags"),
                                   QStringLiteral("http://localhost:11434/v1/models")}
                            << QStringList {QStringLiteral("ollama-tags"), QStringLiteral("openai")};
    QTest::newRow("lmstudio") << int(PlatformType::LMStudio) << QStringLiteral("http://localhost:1234/v1")
                              << QStringList {QStringLiteral("http://localhost:1234/api/v0/models"),
                                     QStringLiteral("http://localhost:1234/v1/models")}
                              << QStringList {QStringLiteral("lmstudio-native"), QStringLiteral("openai")};
}

void TestPlatformEndpoints::modelListEndpoints()
{
    QFETCH(int, type);
    QFETCH(QString, base);
    QFETCH(QStringList, urls);
    QFETCH(QStringList, dialects);
    const QList<PlatformEndpoints::ModelListEndpoint> endpoints
        = PlatformEndpoints::modelListEndpoints(PlatformType(type), base);
    QStringList gotUrls;
    QStringList gotDialects;
    for (const auto &endpoint : endpoints) {
        QVERIFY(endpoint.url.isValid());
        gotUrls.append(endpoint.url.toString());
        gotDialects.append(modelListDialectId(endpoint.dialect));
    }
    QCOMPARE(gotUrls, urls);
    QCOMPARE(gotDialects, dialects);
}

void TestPlatformEndpoints::anthropicPaging()
{
    QCOMPARE(PlatformEndpoints::anthropicModelsPage(
                 QStringLiteral("https://relay.example/anthropic"), QStringLiteral("claude-3-5-haiku-20241022"), 100)
                 .toString(),
        QStringLiteral("https://relay.example/anthropic/v1/models?limit=100&after_id=claude-3-5-haiku-20241022"));
    // a cursor with characters that need encoding stays one query value
    const QUrl odd
        = PlatformEndpoints::anthropicModelsPage(QStringLiteral("https://a.example"), QStringLiteral("m&x=1"), 10);
    QCOMPARE(QUrlQuery(odd).queryItemValue(QStringLiteral("after_id"), QUrl::FullyDecoded), QStringLiteral("m&x=1"));
    QVERIFY(!QUrlQuery(odd).hasQueryItem(QStringLiteral("x")));
}

void TestPlatformEndpoints::authHeaders()
{
    const HttpHeaderList anthropic
        = PlatformEndpoints::authHeaders(PlatformType::Anthropic, QStringLiteral("sk-ant-1"));
    QCOMPARE(header(anthropic, "x-api-key"), QByteArray("sk-ant-1"));
    QCOMPARE(header(anthropic, "anthropic-version"), QByteArray("2023-06-01"));
    QVERIFY(header(anthropic, "authorization").isEmpty());

    const HttpHeaderList openai = PlatformEndpoints::authHeaders(PlatformType::DashScope, QStringLiteral("sk-d"));
    QCOMPARE(header(openai, "authorization"), QByteArray("Bearer sk-d"));
    QVERIFY(header(openai, "x-api-key").isEmpty());
    QCOMPARE(header(openai, "accept"), QByteArray("application/json"));

    const HttpHeaderList local = PlatformEndpoints::authHeaders(PlatformType::Ollama, QString());
    QVERIFY(header(local, "authorization").isEmpty()); // no key, no header
}

void TestPlatformEndpoints::probeRequests()
{
    const UpstreamRequest anthropic = PlatformEndpoints::probeRequest(PlatformType::Anthropic,
        QStringLiteral("https://api.anthropic.com"), QStringLiteral("k"), QStringLiteral("claude-sonnet-4-5"));
    QCOMPARE(anthropic.method, QByteArray("POST"));
    QCOMPARE(anthropic.url.toString(), QStringLiteral("https://api.anthropic.com/v1/messages"));
    QCOMPARE(header(anthropic.headers, "x-api-key"), QByteArray("k"));
    QCOMPARE(header(anthropic.headers, "content-type"), QByteArray("application/json"));
    const QJsonObject a = QJsonDocument::fromJson(anthropic.body).object();
    QCOMPARE(a.value(QStringLiteral("model")).toString(), QStringLiteral("claude-sonnet-4-5"));
    QCOMPARE(a.value(QStringLiteral("max_tokens")).toInt(), 1);
    QCOMPARE(a.value(QStringLiteral("messages")).toArray().size(), 1);
    QVERIFY(!a.contains(QStringLiteral("stream")));

    const UpstreamRequest openai = PlatformEndpoints::probeRequest(PlatformType::DashScope,
        QStringLiteral("https://dashscope.aliyuncs.com/compatible-mode/v1/"), QStringLiteral("k"),
        QStringLiteral("qwen-plus"));
    QCOMPARE(
        openai.url.toString(), QStringLiteral("https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions"));
    QCOMPARE(header(openai.headers, "authorization"), QByteArray("Bearer k"));
    const QJsonObject o = QJsonDocument::fromJson(openai.body).object();
    QCOMPARE(o.value(QStringLiteral("model")).toString(), QStringLiteral("qwen-plus"));
    QCOMPARE(o.value(QStringLiteral("max_tokens")).toInt(), 1);
    QCOMPARE(o.value(QStringLiteral("stream")).toBool(true), false);
}

void TestPlatformEndpoints::listCompleteness()
{
    QVERIFY(!PlatformEndpoints::modelListIsComplete(PlatformType::Anthropic)); // undated aliases are not listed
    QVERIFY(!PlatformEndpoints::modelListIsComplete(PlatformType::DashScope));
    QVERIFY(!PlatformEndpoints::modelListIsComplete(PlatformType::OpenAICompatible));
    QVERIFY(PlatformEndpoints::modelListIsComplete(PlatformType::Ollama));
    QVERIFY(PlatformEndpoints::modelListIsComplete(PlatformType::LMStudio));
    QVERIFY(PlatformEndpoints::modelListIsComplete(PlatformType::OpenRouter));
    QVERIFY(PlatformEndpoints::modelListIsComplete(PlatformType::SiliconFlow));
}

void TestPlatformEndpoints::matchModel_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<QString>("match");

    const QStringList ollamaIds = {QStringLiteral("llama3.2:latest"), QStringLiteral("qwen2.5-coder:7b")};
    QTest::newRow("exact") << int(PlatformType::Ollama) << QStringLiteral("qwen2.5-coder:7b") << ollamaIds
                           << QStringLiteral("qwen2.5-coder:7b");
    QTest::newRow("ollama implicit latest")
        << int(PlatformType::Ollama) << QStringLiteral("llama3.2") << ollamaIds << QStringLiteral("llama3.2:latest");
    QTest::newRow("ollama other tag") << int(PlatformType::Ollama) << QStringLiteral("qwen2.5-coder") << ollamaIds
                                      << QString();
    QTest::newRow("latest on other type")
        << int(PlatformType::LMStudio) << QStringLiteral("llama3.2") << ollamaIds << QString();
    const QStringList routerIds = {QStringLiteral("openai/gpt-4o"), QStringLiteral("deepseek/deepseek-r1:free")};
    QTest::newRow("openrouter nitro") << int(PlatformType::OpenRouter) << QStringLiteral("openai/gpt-4o:nitro")
                                      << routerIds << QStringLiteral("openai/gpt-4o");
    QTest::newRow("openrouter free is its own id")
        << int(PlatformType::OpenRouter) << QStringLiteral("deepseek/deepseek-r1") << routerIds << QString();
    QTest::newRow("case differs") << int(PlatformType::SiliconFlow) << QStringLiteral("qwen/qwen2.5-7b-instruct")
                                  << QStringList {QStringLiteral("Qwen/Qwen2.5-7B-Instruct")} << QString();
    QTest::newRow("empty") << int(PlatformType::SiliconFlow) << QString() << QStringList {QString()} << QString();
}

void TestPlatformEndpoints::matchModel()
{
    QFETCH(int, type);
    QFETCH(QString, model);
    QFETCH(QStringList, ids);
    QFETCH(QString, match);
    QCOMPARE(PlatformEndpoints::matchModel(PlatformType(type), model, ids), match);
    QCOMPARE(PlatformEndpoints::similarModel(
                 QStringLiteral("qwen/qwen2.5-7b-instruct"), {QStringLiteral("Qwen/Qwen2.5-7B-Instruct")}),
        QStringLiteral("Qwen/Qwen2.5-7B-Instruct"));
}

void TestPlatformEndpoints::target_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("baseUrl");
    QTest::addColumn<QString>("apiKey");
    QTest::addColumn<QString>("category");
    QTest::addColumn<QString>("messagePart");
    QTest::addColumn<QString>("effectiveKey");
    QTest::addColumn<QString>("effectiveBase");

    QTest::newRow("preset base") << int(PlatformType::OpenRouter) << QString() << QStringLiteral("sk-or-1")
                                 << QStringLiteral("ok") << QString() << QStringLiteral("sk-or-1")
                                 << QStringLiteral("https://openrouter.ai/api/v1");
    QTest::newRow("trailing slash") << int(PlatformType::OpenAICompatible) << QStringLiteral("http://h.example/v1/")
                                    << QStringLiteral("k") << QStringLiteral("ok") << QString() << QStringLiteral("k")
                                    << QStringLiteral("http://h.example/v1");
    QTest::newRow("env reference") << int(PlatformType::DashScope) << QString() << QStringLiteral("$DASHSCOPE_API_KEY")
                                   << QStringLiteral("ok") << QString() << QStringLiteral("sk-from-env")
                                   << QStringLiteral("https://dashscope.aliyuncs.com/compatible-mode/v1");
    QTest::newRow("unset variable") << int(PlatformType::DashScope) << QString() << QStringLiteral("${MISSING_KEY}")
                                    << QStringLiteral("invalid_settings") << QStringLiteral("MISSING_KEY is not set")
                                    << QString() << QString();
    QTest::newRow("no key") << int(PlatformType::SiliconFlow) << QString() << QString()
                            << QStringLiteral("invalid_settings") << QStringLiteral("No API key is set for p1.")
                            << QString() << QString();
    QTest::newRow("local without key") << int(PlatformType::Ollama) << QString() << QString() << QStringLiteral("ok")
                                       << QString() << QString() << QStringLiteral("http://localhost:11434/v1");
    QTest::newRow("openai without base") << int(PlatformType::OpenAICompatible) << QString() << QStringLiteral("k")
                                         << QStringLiteral("invalid_settings")
                                         << QStringLiteral("No base URL is set for p1.") << QString() << QString();
    QTest::newRow("ftp base") << int(PlatformType::OpenAICompatible) << QStringLiteral("ftp://h.example/v1")
                              << QStringLiteral("k") << QStringLiteral("invalid_settings")
                              << QStringLiteral("not a usable") << QString() << QString();
}

void TestPlatformEndpoints::target()
{
    QFETCH(int, type);
    QFETCH(QString, baseUrl);
    QFETCH(QString, apiKey);
    QFETCH(QString, category);
    QFETCH(QString, messagePart);
    QFETCH(QString, effectiveKey);
    QFETCH(QString, effectiveBase);
    PlatformConfig platform;
    platform.id = QStringLiteral("p1");
    platform.type = PlatformType(type);
    platform.baseUrl = baseUrl;
    platform.apiKey = apiKey;
    const PlatformTarget target = PlatformTarget::from(
        platform, lookupFrom({{QStringLiteral("DASHSCOPE_API_KEY"), QStringLiteral("sk-from-env")}}));
    QCOMPARE(connectionCategoryId(target.problem.category), category);
    QVERIFY2(target.problem.message.contains(messagePart), qPrintable(target.problem.message));
    if (target.usable()) {
        QCOMPARE(target.apiKey, effectiveKey);
        QCOMPARE(target.baseUrl, effectiveBase);
    }
}

void TestPlatformEndpoints::targetNames()
{
    PlatformConfig platform;
    platform.type = PlatformType::LMStudio;
    QCOMPARE(PlatformTarget::from(platform, {}).name, QStringLiteral("LM Studio"));
    platform.id = QStringLiteral("studio");
    QCOMPARE(PlatformTarget::from(platform, {}).name, QStringLiteral("studio"));
    platform.name = QStringLiteral("My LM Studio");
    const PlatformTarget target = PlatformTarget::from(platform, {});
    QCOMPARE(target.name, QStringLiteral("My LM Studio"));
    QVERIFY(target.isLocal);
    // Without a lookup the key is taken literally (an already resolved configuration).
    platform.apiKey = QStringLiteral("$LITERAL");
    QCOMPARE(PlatformTarget::from(platform, {}).apiKey, QStringLiteral("$LITERAL"));
}

QTEST_GUILESS_MAIN(TestPlatformEndpoints)
#include "TestPlatformEndpoints.moc"
