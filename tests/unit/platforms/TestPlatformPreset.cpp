#include "config/ConfigValidator.h"
#include "platforms/PlatformPreset.h"

#include <QSet>
#include <QtTest>

class TestPlatformPreset : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyTypeHasOnePreset();
    void presets_data();
    void presets();
    void baseUrlsAreValid();
    void timeoutsSuitLongGenerations();
    void effectiveBaseUrl();
    void modelCapabilities();
};

void TestPlatformPreset::everyTypeHasOnePreset()
{
    const QList<PlatformType> types = allPlatformTypes();
    QCOMPARE(PlatformPresets::all().size(), types.size());
    QSet<int> seen;
    for (qsizetype i = 0; i < types.size(); ++i) {
        QCOMPARE(PlatformPresets::all().at(i).type, types.at(i)); // declaration order
        QCOMPARE(PlatformPresets::forType(types.at(i)).type, types.at(i));
        seen.insert(int(types.at(i)));
        QVERIFY(!PlatformPresets::forType(types.at(i)).displayName.isEmpty());
    }
    QCOMPARE(seen.size(), types.size());
}

void TestPlatformPreset::presets_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("baseUrl");
    QTest::addColumn<bool>("requiresKey");
    QTest::addColumn<bool>("isLocal");
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<QString>("keyVariable");

    QTest::newRow("anthropic") << int(PlatformType::Anthropic) << QStringLiteral("https://api.anthropic.com") << true
                               << false << QStringLiteral("anthropic-messages") << QStringLiteral("ANTHROPIC_API_KEY");
    QTest::newRow("openai") << int(PlatformType::OpenAICompatible) << QString() << true << false
                            << QStringLiteral("openai-chat") << QStringLiteral("OPENAI_API_KEY");
    QTest::newRow("dashscope") << int(PlatformType::DashScope)
                               << QStringLiteral("https://dashscope.aliyuncs.com/compatible-mode/v1") << true << false
                               << QStringLiteral("openai-chat") << QStringLiteral("DASHSCOPE_API_KEY");
    QTest::newRow("openrouter") << int(PlatformType::OpenRouter) << QStringLiteral("https://openrouter.ai/api/v1")
                                << true << false << QStringLiteral("openai-chat")
                                << QStringLiteral("OPENROUTER_API_KEY");
    QTest::newRow("siliconflow") << int(PlatformType::SiliconFlow) << QStringLiteral("https://api.siliconflow.cn/v1")
                                 << true << false << QStringLiteral("openai-chat")
                                 << QStringLiteral("SILICONFLOW_API_KEY");
    QTest::newRow("ollama") << int(PlatformType::Ollama) << QStringLiteral("http://localhost:11434/v1") << false << true
                            << QStringLiteral("openai-chat") << QString();
    QTest::newRow("lmstudio") << int(PlatformType::LMStudio) << QStringLiteral("http://localhost:1234/v1") << false
                              << true << QStringLiteral("openai-chat") << QString();
}

void TestPlatformPreset::presets()
{
    QFETCH(int, type);
    QFETCH(QString, baseUrl);
    QFETCH(bool, requiresKey);
    QFETCH(bool, isLocal);
    QFETCH(QString, protocol);
    QFETCH(QString, keyVariable);
    const PlatformPreset &preset = PlatformPresets::forType(PlatformType(type));
    QCOMPARE(preset.defaultBaseUrl, baseUrl);
    QCOMPARE(preset.requiresApiKey, requiresKey);
    QCOMPARE(preset.isLocal, isLocal);
    QCOMPARE(wireProtocolId(preset.protocol), protocol);
    QCOMPARE(preset.apiKeyVariable, keyVariable);
}

void TestPlatformPreset::baseUrlsAreValid()
{
    for (const PlatformPreset &preset : PlatformPresets::all()) {
        QStringList urls = preset.alternativeBaseUrls;
        if (!preset.defaultBaseUrl.isEmpty())
            urls.prepend(preset.defaultBaseUrl);
        for (const QString &url : urls) {
            QVERIFY2(ConfigValidator::isValidBaseUrl(url), qPrintable(url));
            QVERIFY2(!url.endsWith(QLatin1Char('/')), qPrintable(url));
            // anthropic-messages bases are the host root; openai-chat bases end in the API version
            if (preset.protocol == WireProtocol::OpenAIChat)
                QVERIFY2(url.endsWith(QLatin1String("/v1")), qPrintable(url));
            else
                QVERIFY2(!url.endsWith(QLatin1String("/v1")), qPrintable(url));
        }
    }
    QVERIFY(
        PlatformPresets::forType(PlatformType::DashScope)
            .alternativeBaseUrls.contains(QStringLiteral("https://dashscope-intl.aliyuncs.com/compatible-mode/v1")));
}

void TestPlatformPreset::timeoutsSuitLongGenerations()
{
    for (const PlatformPreset &preset : PlatformPresets::all()) {
        QVERIFY(preset.timeouts.connectMs > 0);
        QVERIFY2(preset.timeouts.firstByteMs >= 120'000, qPrintable(preset.displayName)); // models think for minutes
        QVERIFY2(preset.timeouts.idleMs >= 120'000, qPrintable(preset.displayName));
        QCOMPARE(preset.timeouts.totalMs, 0); // never cut a long answer short
        if (preset.isLocal) // model loading and CPU prompt processing come first
            QVERIFY(
                preset.timeouts.firstByteMs >= PlatformPresets::forType(PlatformType::Anthropic).timeouts.firstByteMs);
    }
}

void TestPlatformPreset::effectiveBaseUrl()
{
    PlatformConfig platform;
    platform.type = PlatformType::OpenRouter;
    QCOMPARE(PlatformPresets::effectiveBaseUrl(platform), QStringLiteral("https://openrouter.ai/api/v1"));
    platform.baseUrl = QStringLiteral("https://proxy.example.com/v1");
    QCOMPARE(PlatformPresets::effectiveBaseUrl(platform), QStringLiteral("https://proxy.example.com/v1"));
    platform.type = PlatformType::OpenAICompatible;
    platform.baseUrl.clear();
    QCOMPARE(PlatformPresets::effectiveBaseUrl(platform), QString());
}

void TestPlatformPreset::modelCapabilities()
{
    PlatformConfig platform;
    platform.type = PlatformType::DashScope;
    ModelSettings coder;
    coder.id = QStringLiteral("qwen3-coder-plus");
    coder.contextWindow = 1'000'000;
    coder.supportsVision = true;
    platform.models = {coder};
    const ModelSettings &defaults = PlatformPresets::forType(PlatformType::DashScope).modelDefaults;

    const ModelSettings described = PlatformPresets::modelCapabilities(platform, QStringLiteral("qwen3-coder-plus"));
    QCOMPARE(described.id, QStringLiteral("qwen3-coder-plus"));
    QCOMPARE(described.contextWindow, std::optional<int>(1'000'000)); // from the configuration
    QCOMPARE(described.supportsVision, std::optional<bool>(true));
    QCOMPARE(described.maxOutputTokens, std::optional<int>(65'536)); // from the qwen3-coder-plus family
    QCOMPARE(described.supportsTools, std::optional<bool>(true));
    QCOMPARE(described.supportsReasoning, std::optional<bool>(false));

    const ModelSettings unknown = PlatformPresets::modelCapabilities(platform, QStringLiteral("my-finetune"));
    QCOMPARE(unknown.id, QStringLiteral("my-finetune"));
    QCOMPARE(unknown.contextWindow, defaults.contextWindow);
    QCOMPARE(unknown.supportsVision, defaults.supportsVision);

    // A well-known family not in the configuration gets its family's values (see TestModelCapabilities).
    const ModelSettings turbo = PlatformPresets::modelCapabilities(platform, QStringLiteral("qwen-turbo"));
    QCOMPARE(turbo.contextWindow, std::optional<int>(1'000'000));
    QCOMPARE(turbo.supportsVision, std::optional<bool>(false));

    for (const PlatformPreset &preset : PlatformPresets::all()) { // every value is set
        QVERIFY(preset.modelDefaults.contextWindow && preset.modelDefaults.maxOutputTokens);
        QVERIFY(preset.modelDefaults.supportsTools && preset.modelDefaults.supportsVision
            && preset.modelDefaults.supportsReasoning);
        QVERIFY(preset.modelDefaults.id.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestPlatformPreset)
#include "TestPlatformPreset.moc"
