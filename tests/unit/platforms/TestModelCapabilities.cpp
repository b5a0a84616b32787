#include "TestSupport.h"
#include "platforms/ModelCapabilities.h"
#include "platforms/PlatformPreset.h"

#include <QtTest>

namespace {

// "1000000/65536/T/-/R": context, output, then tools, vision, reasoning as letters (lower case = no,
// "-" = unset). "-" for a number = unset.
QString describe(const ModelSettings &settings)
{
    auto number = [](const std::optional<int> &value) { return value ? QString::number(*value) : QStringLiteral("-"); };
    auto letter = [](const std::optional<bool> &value, QChar yes) {
        return value ? QString(*value ? yes : yes.toLower()) : QStringLiteral("-");
    };
    return QStringLiteral("%1/%2/%3%4%5")
        .arg(number(settings.contextWindow), number(settings.maxOutputTokens),
            letter(settings.supportsTools, QLatin1Char('T')), letter(settings.supportsVision, QLatin1Char('V')),
            letter(settings.supportsReasoning, QLatin1Char('R')));
}

} // namespace

class TestModelCapabilities : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalizedName_data();
    void normalizedName();
    void glob_data();
    void glob();
    void families_data();
    void families();
    void rulesAreWellFormed();
    void precedence();
    void explicitFalseWins();
    void discoveredOnlyForItsModel();
    void presetsApiUsesFamilies();
    void documentedTableMatches();
};

void TestModelCapabilities::normalizedName_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("name");
    QTest::newRow("plain") << QStringLiteral("qwen-plus") << QStringLiteral("qwen-plus");
    QTest::newRow("org") << QStringLiteral("Qwen/Qwen2.5-Coder-32B-Instruct")
                         << QStringLiteral("qwen2.5-coder-32b-instruct");
    QTest::newRow("pro route") << QStringLiteral("Pro/deepseek-ai/DeepSeek-R1") << QStringLiteral("deepseek-r1");
    QTest::newRow("ollama tag") << QStringLiteral("llama3.1:8b") << QStringLiteral("llama3.1");
    QTest::newRow("openrouter variant") << QStringLiteral("deepseek/deepseek-chat-v3.1:free")
                                        << QStringLiteral("deepseek-chat-v3.1");
    QTest::newRow("spaces") << QStringLiteral("  Claude-Sonnet-4  ") << QStringLiteral("claude-sonnet-4");
}

void TestModelCapabilities::normalizedName()
{
    QFETCH(QString, id);
    QFETCH(QString, name);
    QCOMPARE(ModelCapabilities::normalizedName(id), name);
}

void TestModelCapabilities::glob_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("matches");
    QTest::newRow("prefix") << QStringLiteral("qwen-max*") << QStringLiteral("qwen-max-latest") << true;
    QTest::newRow("prefix exact") << QStringLiteral("qwen-max*") << QStringLiteral("qwen-max") << true;
    QTest::newRow("prefix miss") << QStringLiteral("qwen-max*") << QStringLiteral("qwen-vl-max") << false;
    QTest::newRow("infix") << QStringLiteral("*-vl-*") << QStringLiteral("qwen2.5-vl-72b-instruct") << true;
    QTest::newRow("infix miss") << QStringLiteral("*-vl-*") << QStringLiteral("qwen-vl") << false;
    QTest::newRow("suffix") << QStringLiteral("*-vl") << QStringLiteral("qwen-vl") << true;
    QTest::newRow("two stars") << QStringLiteral("qwen*vl*") << QStringLiteral("qwen2.5vl") << true;
    QTest::newRow("backtrack") << QStringLiteral("*ab*ab") << QStringLiteral("xabyabab") << true;
    QTest::newRow("literal") << QStringLiteral("o3") << QStringLiteral("o3-mini") << false;
    QTest::newRow("empty pattern") << QString() << QStringLiteral("x") << false;
    QTest::newRow("star only") << QStringLiteral("*") << QString() << true;
}

void TestModelCapabilities::glob()
{
    QFETCH(QString, pattern);
    QFETCH(QString, text);
    QFETCH(bool, matches);
    QCOMPARE(ModelCapabilities::globMatches(pattern, text), matches);
}

void TestModelCapabilities::families_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("expected");

    const int dashscope = int(PlatformType::DashScope);
    const int anthropic = int(PlatformType::Anthropic);
    const int ollama = int(PlatformType::Ollama);
    const int openrouter = int(PlatformType::OpenRouter);
    const int siliconflow = int(PlatformType::SiliconFlow);
    const int openai = int(PlatformType::OpenAICompatible);

    QTest::newRow("qwen3-coder-plus") << dashscope << QStringLiteral("qwen3-coder-plus")
                                      << QStringLiteral("1000000/65536/Tvr");
    QTest::newRow("qwen3-coder-plus dated")
        << dashscope << QStringLiteral("qwen3-coder-plus-2025-07-22") << QStringLiteral("1000000/65536/Tvr");
    QTest::newRow("qwen-max") << dashscope << QStringLiteral("qwen-max") << QStringLiteral("32768/8192/Tvr");
    QTest::newRow("qwen-plus") << dashscope << QStringLiteral("qwen-plus-latest") << QStringLiteral("131072/16384/TvR");
    QTest::newRow("qwen-turbo") << dashscope << QStringLiteral("qwen-turbo") << QStringLiteral("1000000/16384/TvR");
    QTest::newRow("qwen-vl-max") << dashscope << QStringLiteral("qwen-vl-max") << QStringLiteral("-/-/-V-");
    QTest::newRow("qwen2.5-vl") << siliconflow << QStringLiteral("Qwen/Qwen2.5-VL-72B-Instruct")
                                << QStringLiteral("32768/8192/TVr");
    QTest::newRow("deepseek-chat") << openai << QStringLiteral("deepseek-chat") << QStringLiteral("128000/8192/Tvr");
    QTest::newRow("deepseek-reasoner") << openai << QStringLiteral("deepseek-reasoner")
                                       << QStringLiteral("128000/65536/TvR");
    QTest::newRow("deepseek-r1 siliconflow")
        << siliconflow << QStringLiteral("Pro/deepseek-ai/DeepSeek-R1") << QStringLiteral("131072/32768/-vR");
    QTest::newRow("claude sonnet 4") << anthropic << QStringLiteral("claude-sonnet-4-20250514")
                                     << QStringLiteral("200000/64000/TVR");
    QTest::newRow("claude opus 4.1") << anthropic << QStringLiteral("claude-opus-4-1-20250805")
                                     << QStringLiteral("200000/32000/TVR");
    QTest::newRow("claude 3.5 haiku") << anthropic << QStringLiteral("claude-3-5-haiku-20241022")
                                      << QStringLiteral("200000/8192/TVr");
    QTest::newRow("claude future") << anthropic << QStringLiteral("claude-nova-9")
                                   << QStringLiteral("200000/32000/TVR");
    QTest::newRow("claude on openrouter")
        << openrouter << QStringLiteral("anthropic/claude-3.5-sonnet") << QStringLiteral("200000/8192/TVr");
    QTest::newRow("llama3.1 ollama") << ollama << QStringLiteral("llama3.1:8b") << QStringLiteral("131072/8192/Tvr");
    QTest::newRow("llama3.2 ollama") << ollama << QStringLiteral("llama3.2:latest")
                                     << QStringLiteral("131072/8192/Tvr");
    QTest::newRow("llama3.2-vision") << ollama << QStringLiteral("llama3.2-vision:11b")
                                     << QStringLiteral("131072/8192/tVr");
    QTest::newRow("llama3 (3.0)") << ollama << QStringLiteral("llama3:8b") << QStringLiteral("8192/4096/tvr");
    QTest::newRow("qwen2.5-coder ollama")
        << ollama << QStringLiteral("qwen2.5-coder:7b") << QStringLiteral("32768/8192/Tvr");
    QTest::newRow("qwen3 ollama") << ollama << QStringLiteral("qwen3:8b") << QStringLiteral("40960/8192/T-R");
    QTest::newRow("qwen3 cloud") << siliconflow << QStringLiteral("Qwen/Qwen3-235B-A22B") << QStringLiteral("-/-/T-R");
    QTest::newRow("llava") << ollama << QStringLiteral("llava:13b") << QStringLiteral("-/-/tV-");
    QTest::newRow("gpt-4o") << openai << QStringLiteral("gpt-4o-mini") << QStringLiteral("128000/16384/TVr");
    QTest::newRow("unknown") << openai << QStringLiteral("my-finetune") << QStringLiteral("-/-/---");
    QTest::newRow("thinking marker") << openai << QStringLiteral("kimi-k2-thinking") << QStringLiteral("-/-/--R");
}

void TestModelCapabilities::families()
{
    QFETCH(int, type);
    QFETCH(QString, model);
    QFETCH(QString, expected);
    const ModelSettings family = ModelCapabilities::familyDefaults(PlatformType(type), model);
    QCOMPARE(family.id, model);
    QCOMPARE(describe(family), expected);
}

void TestModelCapabilities::rulesAreWellFormed()
{
    for (const ModelCapabilities::FamilyRule &rule : ModelCapabilities::familyRules()) {
        QVERIFY2(!rule.pattern.isEmpty() && rule.pattern == rule.pattern.toLower(), qPrintable(rule.pattern));
        QVERIFY2(!rule.pattern.contains(QLatin1Char('/')) && !rule.pattern.contains(QLatin1Char(':')),
            qPrintable(rule.pattern)); // normalized names have neither
        const ModelSettings &s = rule.settings;
        QVERIFY2(s.contextWindow || s.maxOutputTokens || s.supportsTools || s.supportsVision || s.supportsReasoning,
            qPrintable(rule.pattern)); // a row that sets nothing is a mistake
        if (s.contextWindow && s.maxOutputTokens)
            QVERIFY2(*s.maxOutputTokens <= *s.contextWindow, qPrintable(rule.pattern));
    }
}

void TestModelCapabilities::precedence()
{
    // qwen3-coder-plus on DashScope: configured context, discovered output, family tools/vision, preset rest.
    PlatformConfig platform;
    platform.type = PlatformType::DashScope;
    ModelSettings configured;
    configured.id = QStringLiteral("qwen3-coder-plus");
    configured.contextWindow = 500'000; // explicit: wins over everything
    platform.models = {configured};

    DiscoveredModel discovered;
    discovered.id = QStringLiteral("qwen3-coder-plus");
    discovered.contextWindow = 1'048'576; // loses to the configuration
    discovered.maxOutputTokens = 40'000; // wins over the family's 65536
    discovered.supportsReasoning = true; // wins over the family's "no"

    const ModelSettings all = ModelCapabilities::resolve(platform, QStringLiteral("qwen3-coder-plus"), &discovered);
    QCOMPARE(all.id, QStringLiteral("qwen3-coder-plus"));
    QCOMPARE(describe(all), QStringLiteral("500000/40000/TvR"));

    // Without a list: the family fills in what the configuration leaves out.
    QCOMPARE(describe(ModelCapabilities::resolve(platform, QStringLiteral("qwen3-coder-plus"))),
        QStringLiteral("500000/65536/Tvr"));

    // A model of no known family: the preset's defaults, every field set.
    const ModelSettings &preset = PlatformPresets::forType(PlatformType::DashScope).modelDefaults;
    const ModelSettings unknown = ModelCapabilities::resolve(platform, QStringLiteral("my-model"));
    QCOMPARE(unknown.contextWindow, preset.contextWindow);
    QCOMPARE(unknown.maxOutputTokens, preset.maxOutputTokens);
    QCOMPARE(unknown.supportsTools, preset.supportsTools);
    QCOMPARE(unknown.supportsVision, preset.supportsVision);
    QCOMPARE(unknown.supportsReasoning, preset.supportsReasoning);

    // A family row that sets only vision leaves the rest to the preset.
    const ModelSettings vl = ModelCapabilities::resolve(platform, QStringLiteral("qwen-vl-max"));
    QCOMPARE(vl.supportsVision, std::optional<bool>(true));
    QCOMPARE(vl.contextWindow, preset.contextWindow);
}

void TestModelCapabilities::explicitFalseWins()
{
    PlatformConfig platform;
    platform.type = PlatformType::Anthropic;
    ModelSettings configured;
    configured.id = QStringLiteral("claude-sonnet-4-20250514");
    configured.supportsVision = false; // the family says yes
    platform.models = {configured};
    DiscoveredModel discovered;
    discovered.id = configured.id;
    discovered.supportsVision = true;
    const ModelSettings result = ModelCapabilities::resolve(platform, configured.id, &discovered);
    QCOMPARE(result.supportsVision, std::optional<bool>(false));
    QCOMPARE(result.maxOutputTokens, std::optional<int>(64000));
}

void TestModelCapabilities::discoveredOnlyForItsModel()
{
    PlatformConfig platform;
    platform.type = PlatformType::OpenRouter;
    DiscoveredModel other;
    other.id = QStringLiteral("x/other");
    other.contextWindow = 7;
    const ModelSettings result = ModelCapabilities::resolve(platform, QStringLiteral("x/mine"), &other);
    QCOMPARE(result.contextWindow, PlatformPresets::forType(PlatformType::OpenRouter).modelDefaults.contextWindow);
}

void TestModelCapabilities::presetsApiUsesFamilies()
{
    // PlatformPresets::modelCapabilities is the same resolution.
    PlatformConfig platform;
    platform.type = PlatformType::OpenAICompatible;
    QCOMPARE(describe(PlatformPresets::modelCapabilities(platform, QStringLiteral("deepseek-reasoner"))),
        QStringLiteral("128000/65536/TvR"));
    DiscoveredModel discovered;
    discovered.id = QStringLiteral("deepseek-reasoner");
    discovered.contextWindow = 64'000;
    QCOMPARE(
        PlatformPresets::modelCapabilities(platform, QStringLiteral("deepseek-reasoner"), &discovered).contextWindow,
        std::optional<int>(64'000));
}

void TestModelCapabilities::documentedTableMatches()
{
    // docs/configuration.md lists the family table row by row; it must say what the code does.
    QFile file(TestSupport::sourceDir() + QStringLiteral("/docs/configuration.md"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    const QString text = QString::fromUtf8(file.readAll());
    const qsizetype begin = text.indexOf(QStringLiteral("<!-- model-families"));
    const qsizetype end = text.indexOf(QStringLiteral("<!-- /model-families -->"));
    QVERIFY(begin >= 0 && end > begin);
    QStringList documented;
    const QStringList lines = text.mid(begin, end - begin).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (line.startsWith(QLatin1String("| `")))
            documented.append(line.trimmed());
    }

    auto number
        = [](const std::optional<int> &value) { return value ? QString::number(*value) : QStringLiteral("\u2014"); };
    auto flag = [](const std::optional<bool> &value) {
        return value ? QString::fromLatin1(*value ? "yes" : "no") : QStringLiteral("\u2014");
    };
    QStringList expected;
    for (const ModelCapabilities::FamilyRule &rule : ModelCapabilities::familyRules()) {
        QStringList types;
        for (PlatformType type : rule.types)
            types.append(QLatin1Char('`') + platformTypeId(type) + QLatin1Char('`'));
        const ModelSettings &s = rule.settings;
        expected.append(
            QStringLiteral("| `%1` | %2 | %3 | %4 | %5 | %6 | %7 |")
                .arg(rule.pattern, types.isEmpty() ? QStringLiteral("any") : types.join(QStringLiteral(", ")),
                    number(s.contextWindow), number(s.maxOutputTokens), flag(s.supportsTools), flag(s.supportsVision),
                    flag(s.supportsReasoning)));
    }
    QCOMPARE(documented, expected);
}

QTEST_GUILESS_MAIN(TestModelCapabilities)
#include "TestModelCapabilities.moc"
