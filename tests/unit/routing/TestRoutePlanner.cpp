#include "RoutingTestSupport.h"

#include "routing/RoutePlanner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>
#include <functional>

using namespace RoutingTestSupport;

namespace {

QStringList attemptsOf(const RoutePlan &plan)
{
    QStringList references;
    for (const RouteTarget &target : plan.attempts)
        references.append(target.reference());
    return references;
}

// "platform:model=<reason fragment>" for every skipped candidate
QStringList skippedOf(const RoutePlan &plan)
{
    QStringList skipped;
    for (const RouteCandidate &candidate : plan.candidates) {
        if (candidate.isSkipped())
            skipped.append(
                candidate.platformId + QLatin1Char(':') + candidate.model + QLatin1Char('=') + candidate.skipReason);
    }
    return skipped;
}

RouteRequest with(RouteRequest request, const std::function<void(RouteRequest &)> &change)
{
    change(request);
    return request;
}

Config configWith(RoutingMode mode, const std::function<void(Config &)> &change)
{
    Config config = baseConfig(mode);
    change(config);
    return config;
}

} // namespace

class TestRoutePlanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ruleOrder_data();
    void ruleOrder();
    void errors_data();
    void errors();
    void toolEmulationKeepsModelsWithoutTools();
    void targetsCarryPlatformAndProtocol();
    void tierOf_data();
    void tierOf();
    void defaultScene();
    void planJsonNamesSkippedCandidates();
    void backgroundShape_data();
    void backgroundShape();
};

void TestRoutePlanner::ruleOrder_data()
{
    QTest::addColumn<Config>("config");
    QTest::addColumn<RouteRequest>("request");
    QTest::addColumn<QStringList>("attempts");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QStringList>("skipped"); // "platform:model=reason fragment"

    const QString sonnet = QStringLiteral("claude-sonnet-4-5-20250929");
    const QString opus = QStringLiteral("claude-opus-5-5");
    const QString haiku = QStringLiteral("claude-haiku-4-5-20251001");
    auto tiersAndRules = [](Config &c) {
        c.routing.tiers.haiku = {QStringLiteral("dashscope:qwen-turbo")};
        c.routing.tiers.sonnet = {QStringLiteral("dashscope:qwen3-coder-plus")};
        c.routing.tiers.opus = {QStringLiteral("openrouter:qwen/qwen3-max")};
        c.routing.rules.background = {QStringLiteral("ollama:qwen2.5-coder:7b")};
        c.routing.rules.think = {QStringLiteral("openrouter:moonshotai/kimi-k2")};
        c.routing.rules.longContext = {QStringLiteral("dashscope:qwen3-coder-plus")};
        c.routing.rules.image = {QStringLiteral("dashscope:qwen-vl-max")};
    };
    const Config full = configWith(RoutingMode::ClaudeCode, tiersAndRules);
    const Config rulesOnly = configWith(RoutingMode::ClaudeCode, [&](Config &c) {
        tiersAndRules(c);
        c.routing.tiers = TierMapping();
    });
    const RouteRequest main = messages(sonnet);

    // claude_code pass-through
    QTest::newRow("pass-through, every enabled anthropic platform")
        << baseConfig() << main << QStringList {QStringLiteral("anthropic:") + sonnet} << "claude_code"
        << "claude_code pass-through to anthropic" << QStringList();
    QTest::newRow("pass-through, listed platforms, disabled one skipped")
        << configWith(RoutingMode::ClaudeCode,
               [](Config &c) {
                   c.routing.claudeCodePlatforms = {QStringLiteral("relay"), QStringLiteral("anthropic")};
               })
        << main << QStringList {QStringLiteral("anthropic:") + sonnet} << "claude_code"
        << "claude_code pass-through to anthropic"
        << QStringList {QStringLiteral("relay:") + sonnet + QStringLiteral("=platform disabled")};

    // 1. explicit
    QTest::newRow("explicit platform:model wins over everything")
        << full
        << with(main,
               [](RouteRequest &r) {
                   r.model = QStringLiteral("ollama:qwen2.5-coder:7b");
                   r.hasThinking = true;
                   r.hasImages = false;
               })
        << QStringList {QStringLiteral("ollama:qwen2.5-coder:7b")} << "explicit"
        << "explicit model ollama:qwen2.5-coder:7b" << QStringList();
    QTest::newRow("colon without a configured platform is just a name")
        << baseConfig() << with(main, [](RouteRequest &r) { r.model = QStringLiteral("qwen2.5-coder:7b"); })
        << QStringList {QStringLiteral("anthropic:qwen2.5-coder:7b")} << "claude_code"
        << "claude_code pass-through to anthropic" << QStringList();

    // 2. tier
    QTest::newRow("tier sonnet, then the mode's chain")
        << full << main
        << QStringList {QStringLiteral("dashscope:qwen3-coder-plus"), QStringLiteral("anthropic:") + sonnet} << "tier"
        << "tier sonnet" << QStringList();
    QTest::newRow("tier is case-insensitive")
        << full << with(main, [](RouteRequest &r) { r.model = QStringLiteral("Claude-OPUS-4"); })
        << QStringList {QStringLiteral("openrouter:qwen/qwen3-max"), QStringLiteral("anthropic:Claude-OPUS-4")}
        << "tier"
        << "tier opus" << QStringList();
    QTest::newRow("tier before think: thinking adds its list after the tier's")
        << full
        << with(main,
               [&](RouteRequest &r) {
                   r.model = opus;
                   r.hasThinking = true;
               })
        << QStringList {QStringLiteral("openrouter:qwen/qwen3-max"), QStringLiteral("openrouter:moonshotai/kimi-k2"),
               QStringLiteral("anthropic:") + opus}
        << "tier"
        << "tier opus" << QStringList();
    QTest::newRow("no tier list: think decides")
        << rulesOnly
        << with(main,
               [&](RouteRequest &r) {
                   r.model = opus;
                   r.hasThinking = true;
               })
        << QStringList {QStringLiteral("openrouter:moonshotai/kimi-k2"), QStringLiteral("anthropic:") + opus} << "think"
        << "thinking" << QStringList();

    // 3. background
    const RouteRequest title = with(messages(haiku), [](RouteRequest &r) {
        r.hasTools = false;
        r.maxTokens = 512;
        r.estimatedInputTokens = 300;
    });
    QTest::newRow("haiku without tools is background; tier haiku comes first")
        << full << title
        << QStringList {QStringLiteral("dashscope:qwen-turbo"), QStringLiteral("ollama:qwen2.5-coder:7b"),
               QStringLiteral("anthropic:") + haiku}
        << "tier"
        << "tier haiku" << QStringList();
    QTest::newRow("background without a haiku tier")
        << rulesOnly << title
        << QStringList {QStringLiteral("ollama:qwen2.5-coder:7b"), QStringLiteral("anthropic:") + haiku} << "background"
        << "background request" << QStringList();
    QTest::newRow("haiku with tools is a sub-agent, not background")
        << rulesOnly << messages(haiku) << QStringList {QStringLiteral("anthropic:") + haiku} << "claude_code"
        << "claude_code pass-through to anthropic" << QStringList();
    QTest::newRow("main model without tools and a tiny max_tokens is background")
        << rulesOnly
        << with(main,
               [](RouteRequest &r) {
                   r.hasTools = false;
                   r.maxTokens = 1;
               })
        << QStringList {QStringLiteral("ollama:qwen2.5-coder:7b"), QStringLiteral("anthropic:") + sonnet}
        << "background"
        << "background request" << QStringList();
    QTest::newRow("main model without tools but a large max_tokens is not")
        << rulesOnly << with(main, [](RouteRequest &r) { r.hasTools = false; })
        << QStringList {QStringLiteral("anthropic:") + sonnet} << "claude_code"
        << "claude_code pass-through to anthropic" << QStringList();

    // 4.-6. think, long context, images
    QTest::newRow("long context over the threshold; a small window in the chain is skipped")
        << configWith(RoutingMode::GlobalDirect,
               [](Config &c) {
                   c.routing.rules.longContext = {QStringLiteral("dashscope:qwen3-coder-plus")};
                   c.routing.modelPriorityList
                       = {QStringLiteral("ollama:qwen3-coder:30b"), QStringLiteral("openrouter:z-ai/glm-4.6")};
               })
        << with(main, [](RouteRequest &r) { r.estimatedInputTokens = 100'000; })
        << QStringList {QStringLiteral("dashscope:qwen3-coder-plus"), QStringLiteral("openrouter:z-ai/glm-4.6")}
        << "long_context"
        << "long context (~100000 tokens > 60000)"
        << QStringList {QStringLiteral("ollama:qwen3-coder:30b=context window of 32768 tokens is smaller than the "
                                       "~100000 input tokens")};
    QTest::newRow("at the threshold is not long") << configWith(RoutingMode::GlobalDirect,
        [](Config &c) {
            c.routing.rules.longContext = {QStringLiteral("dashscope:qwen3-coder-plus")};
            c.routing.modelPriorityList = {QStringLiteral("openrouter:z-ai/glm-4.6")};
        }) << with(main, [](RouteRequest &r) { r.estimatedInputTokens = 60'000; })
                                                  << QStringList {QStringLiteral("openrouter:z-ai/glm-4.6")}
                                                  << "priority_list"
                                                  << "model_priority_list" << QStringList();
    QTest::newRow("threshold is configurable")
        << configWith(RoutingMode::GlobalDirect,
               [](Config &c) {
                   c.routing.rules.longContext = {QStringLiteral("dashscope:qwen3-coder-plus")};
                   c.routing.rules.longContextThreshold = 10'000;
                   c.routing.modelPriorityList = {QStringLiteral("openrouter:z-ai/glm-4.6")};
               })
        << main << QStringList {QStringLiteral("dashscope:qwen3-coder-plus"), QStringLiteral("openrouter:z-ai/glm-4.6")}
        << "long_context"
        << "long context (~20000 tokens > 10000)" << QStringList();
    QTest::newRow("images: vision list first, models without vision skipped")
        << configWith(RoutingMode::GlobalDirect,
               [](Config &c) {
                   c.routing.rules.image = {QStringLiteral("dashscope:qwen-vl-max")};
                   c.routing.modelPriorityList
                       = {QStringLiteral("dashscope:qwen3-coder-plus"), QStringLiteral("anthropic:claude-sonnet-4-5")};
               })
        << with(main, [](RouteRequest &r) { r.hasImages = true; })
        << QStringList {QStringLiteral("dashscope:qwen-vl-max"), QStringLiteral("anthropic:claude-sonnet-4-5")}
        << "image"
        << "images" << QStringList {QStringLiteral("dashscope:qwen3-coder-plus=no vision, and the request has images")};
    QTest::newRow("every rule that applies adds its list, in the documented order")
        << rulesOnly
        << with(main,
               [&](RouteRequest &r) {
                   r.model = opus;
                   r.hasTools = false;
                   r.maxTokens = 100;
                   r.hasThinking = true;
                   r.hasImages = true;
                   r.estimatedInputTokens = 70'000;
               })
        << QStringList {QStringLiteral("dashscope:qwen-vl-max"), QStringLiteral("anthropic:") + opus} << "image"
        << "images (nothing usable for: background request, thinking, long context (~70000 tokens > 60000))"
        << QStringList {QStringLiteral("ollama:qwen2.5-coder:7b=context window of 32768 tokens is smaller than the "
                                       "~70000 input tokens"),
               QStringLiteral("openrouter:moonshotai/kimi-k2=no vision, and the request has images"),
               QStringLiteral("dashscope:qwen3-coder-plus=no vision, and the request has images")};

    // capability and duplicate skips
    QTest::newRow("model without tools skipped for a request with tools")
        << configWith(RoutingMode::GlobalDirect,
               [](Config &c) {
                   c.routing.modelPriorityList = {QStringLiteral("openrouter:deepseek/deepseek-r1"),
                       QStringLiteral("openrouter:deepseek/deepseek-chat")};
               })
        << main << QStringList {QStringLiteral("openrouter:deepseek/deepseek-chat")} << "priority_list"
        << "model_priority_list"
        << QStringList {QStringLiteral("openrouter:deepseek/deepseek-r1=no tool support, and the request has tools")};
    QTest::newRow("...but kept without tools")
        << configWith(RoutingMode::GlobalDirect,
               [](Config &c) { c.routing.modelPriorityList = {QStringLiteral("openrouter:deepseek/deepseek-r1")}; })
        << with(main, [](RouteRequest &r) { r.hasTools = false; })
        << QStringList {QStringLiteral("openrouter:deepseek/deepseek-r1")} << "priority_list"
        << "model_priority_list" << QStringList();
    QTest::newRow("duplicates and disabled platforms are skipped")
        << configWith(RoutingMode::GlobalDirect,
               [](Config &c) {
                   c.routing.tiers.sonnet = {QStringLiteral("dashscope:qwen3-coder-plus")};
                   c.routing.modelPriorityList = {QStringLiteral("off:qwen-plus"),
                       QStringLiteral("dashscope:qwen3-coder-plus"), QStringLiteral("ollama:qwen3-coder:30b")};
               })
        << main << QStringList {QStringLiteral("dashscope:qwen3-coder-plus"), QStringLiteral("ollama:qwen3-coder:30b")}
        << "tier"
        << "tier sonnet"
        << QStringList {QStringLiteral("off:qwen-plus=platform disabled"),
               QStringLiteral("dashscope:qwen3-coder-plus=already tried earlier in this route")};
    QTest::newRow("a tier whose models cannot serve leaves the reason to the next rule")
        << configWith(RoutingMode::ClaudeCode,
               [](Config &c) { c.routing.tiers.sonnet = {QStringLiteral("ollama:qwen3-coder:30b")}; })
        << with(main, [](RouteRequest &r) { r.estimatedInputTokens = 40'000; })
        << QStringList {QStringLiteral("anthropic:") + sonnet} << "claude_code"
        << "claude_code pass-through to anthropic (nothing usable for: tier sonnet)"
        << QStringList {QStringLiteral("ollama:qwen3-coder:30b=context window of 32768 tokens is smaller than the "
                                       "~40000 input tokens")};

    // endpoints
    QTest::newRow("count_tokens follows the same rules")
        << rulesOnly
        << with(main,
               [](RouteRequest &r) {
                   r.endpoint = QStringLiteral("/v1/messages/count_tokens");
                   r.hasThinking = true;
                   r.maxTokens = 0;
               })
        << QStringList {QStringLiteral("openrouter:moonshotai/kimi-k2"), QStringLiteral("anthropic:") + sonnet}
        << "think"
        << "thinking" << QStringList();
    QTest::newRow("model list: no rules, no capability checks")
        << full
        << with(RouteRequest(),
               [](RouteRequest &r) {
                   r.endpoint = QStringLiteral("/v1/models");
                   r.hasImages = true;
                   r.estimatedInputTokens = 1'000'000;
               })
        << QStringList {QStringLiteral("anthropic:")} << "claude_code"
        << "claude_code pass-through to anthropic" << QStringList();

    // global_direct and smart_routing chains
    QTest::newRow("global_direct: the priority list")
        << configWith(RoutingMode::GlobalDirect,
               [](Config &c) {
                   c.routing.modelPriorityList
                       = {QStringLiteral("dashscope:qwen3-coder-plus"), QStringLiteral("ollama:qwen3-coder:30b")};
               })
        << main << QStringList {QStringLiteral("dashscope:qwen3-coder-plus"), QStringLiteral("ollama:qwen3-coder:30b")}
        << "priority_list"
        << "model_priority_list" << QStringList();
    const Config smart = configWith(RoutingMode::SmartRouting, [](Config &c) {
        c.routing.scenes = {scene(QStringLiteral("chat"), {QStringLiteral("dashscope:qwen-turbo")}),
            scene(QStringLiteral("code"),
                {QStringLiteral("dashscope:qwen3-coder-plus"), QStringLiteral("ollama:qwen3-coder:30b")}),
            scene(QStringLiteral("plan"), {QStringLiteral("openrouter:qwen/qwen3-max")}, true)};
    });
    QTest::newRow("smart_routing: the chosen scene, then the default scene")
        << smart << with(main, [](RouteRequest &r) { r.scene = QStringLiteral("code"); })
        << QStringList {QStringLiteral("dashscope:qwen3-coder-plus"), QStringLiteral("ollama:qwen3-coder:30b"),
               QStringLiteral("openrouter:qwen/qwen3-max")}
        << "scene"
        << "scene code" << QStringList();
    QTest::newRow("smart_routing: no scene chosen -> the marked default scene")
        << smart << main << QStringList {QStringLiteral("openrouter:qwen/qwen3-max")} << "default_scene"
        << "default scene plan" << QStringList();
    QTest::newRow("smart_routing: an unknown scene name -> the default scene")
        << smart << with(main, [](RouteRequest &r) { r.scene = QStringLiteral("Code"); })
        << QStringList {QStringLiteral("openrouter:qwen/qwen3-max")} << "default_scene"
        << "default scene plan (\"Code\" is not a scene)" << QStringList();
    QTest::newRow("smart_routing: the default scene chosen is not tried twice")
        << smart << with(main, [](RouteRequest &r) { r.scene = QStringLiteral("plan"); })
        << QStringList {QStringLiteral("openrouter:qwen/qwen3-max")} << "scene"
        << "scene plan"
        << QStringList {QStringLiteral("openrouter:qwen/qwen3-max=already tried earlier in this route")};
    QTest::newRow("smart_routing: rules come before the scene")
        << configWith(RoutingMode::SmartRouting,
               [](Config &c) {
                   c.routing.scenes = {scene(QStringLiteral("chat"), {QStringLiteral("dashscope:qwen-turbo")})};
                   c.routing.rules.think = {QStringLiteral("openrouter:qwen/qwen3-max")};
               })
        << with(main,
               [](RouteRequest &r) {
                   r.hasThinking = true;
                   r.scene = QStringLiteral("chat");
               })
        << QStringList {QStringLiteral("openrouter:qwen/qwen3-max"), QStringLiteral("dashscope:qwen-turbo")} << "think"
        << "thinking" << QStringList {QStringLiteral("dashscope:qwen-turbo=already tried earlier in this route")};
}

void TestRoutePlanner::ruleOrder()
{
    QFETCH(Config, config);
    QFETCH(RouteRequest, request);
    QFETCH(QStringList, attempts);
    QFETCH(QString, rule);
    QFETCH(QString, reason);
    QFETCH(QStringList, skipped);

    const RoutePlan plan = RoutePlanner::plan(config, request);
    QVERIFY2(plan.error.isEmpty(), qPrintable(plan.error));
    QCOMPARE(attemptsOf(plan), attempts);
    QCOMPARE(routeRuleId(plan.rule), rule);
    QCOMPARE(plan.reason, reason);
    QCOMPARE(skippedOf(plan), skipped);
    QCOMPARE(plan.mode, config.routing.mode);
    // every candidate is either an attempt or skipped, in order
    QCOMPARE(plan.candidates.size(), attempts.size() + skipped.size());
}

void TestRoutePlanner::errors_data()
{
    QTest::addColumn<Config>("config");
    QTest::addColumn<RouteRequest>("request");
    QTest::addColumn<QString>("error");

    const RouteRequest main = messages(QStringLiteral("claude-sonnet-4-5"));
    Config noAnthropic = baseConfig();
    noAnthropic.platforms.removeFirst();
    QTest::newRow("claude_code without an enabled anthropic platform")
        << noAnthropic << main
        << "No enabled Anthropic-compatible platform is configured. Add one (type \"anthropic\") to the "
           "configuration.";
    QTest::newRow("claude_code platforms all disabled")
        << configWith(
               RoutingMode::ClaudeCode, [](Config &c) { c.routing.claudeCodePlatforms = {QStringLiteral("relay")}; })
        << main
        << "None of the platforms in claude_code.platforms (relay) can be used: relay:claude-sonnet-4-5 (platform "
           "disabled).";
    QTest::newRow("global_direct with an empty list") << baseConfig(
        RoutingMode::GlobalDirect) << main << "model_priority_list is empty: add at least one \"platform:model\".";
    QTest::newRow("smart_routing without scenes") << baseConfig(
        RoutingMode::SmartRouting) << main << "No scenes are configured: add at least one scene with its models.";
    QTest::newRow("nothing can serve the request")
        << configWith(RoutingMode::GlobalDirect,
               [](Config &c) {
                   c.routing.modelPriorityList
                       = {QStringLiteral("ollama:qwen3-coder:30b"), QStringLiteral("dashscope:qwen3-coder-plus")};
               })
        << with(main,
               [](RouteRequest &r) {
                   r.estimatedInputTokens = 40'000;
                   r.hasImages = true;
               })
        << "No configured model can answer this request: ollama:qwen3-coder:30b (context window of 32768 tokens is "
           "smaller than the ~40000 input tokens); dashscope:qwen3-coder-plus (no vision, and the request has images).";
    QTest::newRow("explicit model on a disabled platform")
        << baseConfig() << with(main, [](RouteRequest &r) { r.model = QStringLiteral("off:qwen-plus"); })
        << "The requested model off:qwen-plus cannot answer this request: platform disabled.";
}

void TestRoutePlanner::errors()
{
    QFETCH(Config, config);
    QFETCH(RouteRequest, request);
    QFETCH(QString, error);
    const RoutePlan plan = RoutePlanner::plan(config, request);
    QVERIFY(!plan.isRoutable());
    QCOMPARE(plan.error, error);
}

void TestRoutePlanner::toolEmulationKeepsModelsWithoutTools()
{
    const Config config = configWith(RoutingMode::GlobalDirect,
        [](Config &c) { c.routing.modelPriorityList = {QStringLiteral("openrouter:deepseek/deepseek-r1")}; });
    const RouteRequest request = messages(QStringLiteral("claude-sonnet-4-5"));
    QVERIFY(!RoutePlanner::plan(config, request).isRoutable());
    RoutePlanner::Options options;
    options.toolEmulationAvailable = true;
    QCOMPARE(attemptsOf(RoutePlanner::plan(config, request, options)),
        QStringList {QStringLiteral("openrouter:deepseek/deepseek-r1")});

    // Pass-through cannot emulate: an Anthropic-format model without tools stays skipped.
    const Config anthropic = configWith(RoutingMode::GlobalDirect, [](Config &c) {
        c.platforms[0].models = {model(QStringLiteral("no-tools-model"), std::nullopt, false)};
        c.routing.modelPriorityList
            = {QStringLiteral("anthropic:no-tools-model"), QStringLiteral("openrouter:deepseek/deepseek-r1")};
    });
    QCOMPARE(attemptsOf(RoutePlanner::plan(anthropic, request, options)),
        QStringList {QStringLiteral("openrouter:deepseek/deepseek-r1")});
}

void TestRoutePlanner::targetsCarryPlatformAndProtocol()
{
    const Config config = configWith(RoutingMode::GlobalDirect, [](Config &c) {
        c.routing.modelPriorityList
            = {QStringLiteral("dashscope:qwen3-coder-plus"), QStringLiteral("anthropic:claude-x")};
    });
    const RoutePlan plan = RoutePlanner::plan(config, messages(QStringLiteral("claude-sonnet-4-5")));
    QCOMPARE(plan.attempts.size(), 2);
    QCOMPARE(plan.attempts.at(0).platform, config.platforms.at(2));
    QCOMPARE(plan.attempts.at(0).protocol, WireProtocol::OpenAIChat);
    QCOMPARE(plan.attempts.at(0).source, QStringLiteral("model_priority_list[0]"));
    QCOMPARE(plan.attempts.at(1).protocol, WireProtocol::AnthropicMessages);
    QCOMPARE(plan.attempts.at(1).rule, RouteRule::PriorityList);
}

void TestRoutePlanner::tierOf_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("tier");
    QTest::newRow("haiku") << "claude-haiku-4-5-20251001"
                           << "haiku";
    QTest::newRow("old haiku") << "claude-3-5-haiku-20241022"
                               << "haiku";
    QTest::newRow("sonnet") << "claude-sonnet-4-5"
                            << "sonnet";
    QTest::newRow("opus upper") << "CLAUDE-OPUS-4-1"
                                << "opus";
    QTest::newRow("alias") << "opus"
                           << "opus";
    QTest::newRow("other") << "qwen3-coder-plus"
                           << "";
    QTest::newRow("empty") << ""
                           << "";
}

void TestRoutePlanner::tierOf()
{
    QFETCH(QString, model);
    QFETCH(QString, tier);
    const std::optional<RoutePlanner::ClaudeTier> found = RoutePlanner::tierOf(model);
    QCOMPARE(found ? RoutePlanner::tierId(*found) : QString(), tier);
}

void TestRoutePlanner::defaultScene()
{
    RoutingConfig routing;
    QCOMPARE(routing.defaultScene(), nullptr);
    routing.scenes = {scene(QStringLiteral("a"), {}), scene(QStringLiteral("b"), {})};
    QCOMPARE(routing.defaultScene()->name, QStringLiteral("a")); // none marked: the first
    routing.scenes[1].isDefault = true;
    QCOMPARE(routing.defaultScene()->name, QStringLiteral("b"));
    QCOMPARE(routing.findScene(QStringLiteral("b")), &routing.scenes[1]);
    QCOMPARE(routing.findScene(QStringLiteral("B")), nullptr);
}

void TestRoutePlanner::planJsonNamesSkippedCandidates()
{
    const Config config = configWith(RoutingMode::GlobalDirect, [](Config &c) {
        c.routing.modelPriorityList = {QStringLiteral("off:qwen-plus"), QStringLiteral("dashscope:qwen3-coder-plus")};
    });
    const RoutePlan plan = RoutePlanner::plan(config, messages(QStringLiteral("claude-sonnet-4-5")));
    const QJsonObject json = QJsonDocument::fromJson(plan.toJson()).object();
    QCOMPARE(json.value(QStringLiteral("mode")).toString(), QStringLiteral("global_direct"));
    QCOMPARE(json.value(QStringLiteral("rule")).toString(), QStringLiteral("priority_list"));
    QCOMPARE(json.value(QStringLiteral("targets")).toArray().size(), 1);
    const QJsonObject skipped = json.value(QStringLiteral("skipped")).toArray().at(0).toObject();
    QCOMPARE(skipped.value(QStringLiteral("platform")).toString(), QStringLiteral("off"));
    QCOMPARE(skipped.value(QStringLiteral("reason")).toString(), QStringLiteral("platform disabled"));
    QCOMPARE(skipped.value(QStringLiteral("source")).toString(), QStringLiteral("model_priority_list[0]"));
    QVERIFY(!plan.toJson().contains("key-dashscope")); // never a secret
}

void TestRoutePlanner::backgroundShape_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("model");
    QTest::addColumn<bool>("hasTools");
    QTest::addColumn<qint64>("maxTokens");
    QTest::addColumn<bool>("background");
    const QString messagesPath = QStringLiteral("/v1/messages");
    QTest::newRow("haiku title") << messagesPath << "claude-haiku-4-5" << false << qint64(512) << true;
    QTest::newRow("haiku quota check") << messagesPath << "claude-3-5-haiku-20241022" << false << qint64(1) << true;
    QTest::newRow("haiku large max_tokens") << messagesPath << "claude-haiku-4-5" << false << qint64(32'000) << true;
    QTest::newRow("haiku explore agent") << messagesPath << "claude-haiku-4-5" << true << qint64(32'000) << false;
    QTest::newRow("main side query") << messagesPath << "claude-opus-5-5" << false << qint64(512) << true;
    QTest::newRow("main just above") << messagesPath << "claude-opus-5-5" << false << qint64(513) << false;
    QTest::newRow("no max_tokens") << messagesPath << "claude-opus-5-5" << false << qint64(0) << false;
    QTest::newRow("main loop") << messagesPath << "claude-opus-5-5" << true << qint64(128'000) << false;
    QTest::newRow("model list") << "/v1/models"
                                << "claude-haiku-4-5" << false << qint64(0) << false;
}

void TestRoutePlanner::backgroundShape()
{
    QFETCH(QString, endpoint);
    QFETCH(QString, model);
    QFETCH(bool, hasTools);
    QFETCH(qint64, maxTokens);
    QFETCH(bool, background);
    RouteRequest request;
    request.endpoint = endpoint;
    request.model = model;
    request.hasTools = hasTools;
    request.maxTokens = maxTokens;
    QCOMPARE(request.isBackground(), background);
}

QTEST_GUILESS_MAIN(TestRoutePlanner)
#include "TestRoutePlanner.moc"
