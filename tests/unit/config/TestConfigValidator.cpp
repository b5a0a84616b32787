#include "ConfigTestSupport.h"

#include "config/ConfigValidator.h"

#include <QtTest>
#include <functional>
#include <limits>

using namespace ConfigTestSupport;

// Rules checked on configurations built in code (the editor), which never pass through the JSON reader.
class TestConfigValidator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptsDefaultsAndFull();
    void rejects_data();
    void rejects();
    void renamedPlatformKeepsEveryReference();
    void listenHostsThatLetOtherMachinesIn();
    void usableClientKeys();
};

void TestConfigValidator::acceptsDefaultsAndFull()
{
    QCOMPARE(ConfigValidator::validate(Config()), QString());
    QCOMPARE(ConfigValidator::validate(fullConfig()), QString());
}

void TestConfigValidator::rejects_data()
{
    QTest::addColumn<Config>("config");
    QTest::addColumn<QString>("expectedError");

    auto row = [](const char *name, const std::function<void(Config &)> &change, const char *error) {
        Config config = fullConfig();
        change(config);
        QTest::newRow(name) << config << QString::fromUtf8(error);
    };

    row(
        "version 0", [](Config &c) { c.version = 0; }, "version: must be 1");
    row(
        "version 2", [](Config &c) { c.version = 2; }, "version: must be 1");
    row(
        "port 0", [](Config &c) { c.server.port = 0; }, "listen: port must be a number from 1 to 65535");
    row(
        "host name", [](Config &c) { c.server.host = QStringLiteral("localhost"); },
        "listen: host must be an IP address such as 127.0.0.1, 0.0.0.0 or [::1]");
    row(
        "host bracketed", [](Config &c) { c.server.host = QStringLiteral("[::1]"); },
        "listen: host must be an IP address such as 127.0.0.1, 0.0.0.0 or [::1]");
    row(
        "price input negative",
        [](Config &c) {
            c.platforms[0].models[0].price = ModelPrice {-0.5, 1, std::nullopt, std::nullopt};
        },
        "platforms[0].models[0].price.input: must be a number from 0 to 1000000 (per million tokens)");
    row(
        "price cache_write not a number",
        [](Config &c) {
            c.platforms[0].models[0].price = ModelPrice {1, 1, 0.1, std::numeric_limits<double>::quiet_NaN()};
        },
        "platforms[0].models[0].price.cache_write: must be a number from 0 to 1000000 (per million tokens)");
    row(
        "price output infinite",
        [](Config &c) {
            c.platforms[0].models[0].price
                = ModelPrice {1, std::numeric_limits<double>::infinity(), std::nullopt, std::nullopt};
        },
        "platforms[0].models[0].price.output: must be a number from 0 to 1000000 (per million tokens)");
    row(
        "currency empty", [](Config &c) { c.platforms[0].currency.clear(); },
        "platforms[0].currency: must be a currency code of three capital letters, such as USD or CNY");
    row(
        "currency too long", [](Config &c) { c.platforms[0].currency = QStringLiteral("USDT"); },
        "platforms[0].currency: must be a currency code of three capital letters, such as USD or CNY");
    row(
        "platform id empty", [](Config &c) { c.platforms[3].id.clear(); }, "platforms[3].id: required");
    row(
        "platform id duplicate", [](Config &c) { c.platforms[4].id = QStringLiteral("dashscope"); },
        "platforms[4].id: \"dashscope\" is already used by platforms[2]");
    row(
        "openai base_url cleared", [](Config &c) { c.platforms[5].baseUrl.clear(); },
        "platforms[5].base_url: required for type openai");
    row(
        "key required once enabled",
        [](Config &c) {
            c.platforms[1].apiKey.clear();
            c.platforms[1].enabled = true;
        },
        "platforms[1].api_key: required for type anthropic (write the key or a reference such as $ANTHROPIC_API_KEY)");
    row(
        "model id duplicate", [](Config &c) { c.platforms[0].models[1].id = QStringLiteral("claude-sonnet-4-5"); },
        "platforms[0].models[1].id: \"claude-sonnet-4-5\" is already described by platforms[0].models[0]");
    row(
        "model max_output_tokens 0", [](Config &c) { c.platforms[2].models[0].maxOutputTokens = 0; },
        "platforms[2].models[0].max_output_tokens: must be a positive integer");
    row(
        "idle_ms 0", [](Config &c) { c.platforms[6].timeouts.idleMs = 0; },
        "platforms[6].timeouts.idle_ms: must be a positive integer");
    row(
        "total_ms negative", [](Config &c) { c.platforms[6].timeouts.totalMs = -1; },
        "platforms[6].timeouts.total_ms: must be a non-negative integer");
    row(
        "client key empty", [](Config &c) { c.clientKeys[1].key.clear(); },
        "client_keys[1].key: required (must not be empty)");
    row(
        "client key placeholder", [](Config &c) { c.clientKeys[0].key = ConfigValidator::secretPlaceholder(); },
        "client_keys[0].key: holds the \"********\" placeholder of an export without secrets; write the secret or a "
        "$ENV_VAR reference");
    row(
        "removed platform still referenced", [](Config &c) { c.platforms.removeAt(2); },
        "model_priority_list[0]: unknown platform \"dashscope\" in \"dashscope:qwen3-coder-plus\"");
    row(
        "pass-through platform changes type", [](Config &c) { c.platforms[1].type = PlatformType::OpenRouter; },
        "claude_code.platforms[1]: platform \"relay.backup-1\" has type openrouter; pass-through needs type anthropic");
    row(
        "scene without models", [](Config &c) { c.routing.scenes[1].models.clear(); },
        "scenes[1].models: must list at least one \"platform:model\"");
    row(
        "second default scene", [](Config &c) { c.routing.scenes[0].isDefault = true; },
        "scenes[1].default: only one scene can be the default; scenes[0] already is");
    row(
        "tier references removed platform",
        [](Config &c) { c.routing.tiers.sonnet.append(QStringLiteral("gone:model")); },
        "tiers.sonnet[2]: unknown platform \"gone\" in \"gone:model\"");
    row(
        "image rule reference without model", [](Config &c) { c.routing.rules.image = {QStringLiteral("anthropic:")}; },
        "rules.image[0]: \"anthropic:\" must be \"platform:model\", e.g. \"dashscope:qwen3-coder-plus\"");
    row(
        "threshold negative", [](Config &c) { c.routing.rules.longContextThreshold = -5; },
        "rules.long_context_threshold: must be a positive integer");
    row(
        "classifier deadline 0", [](Config &c) { c.routing.classifier.deadlineMs = 0; },
        "classifier.deadline_ms: must be a positive integer");
    row(
        "max attempts 0", [](Config &c) { c.routing.fallback.maxAttempts = 0; },
        "fallback.max_attempts: must be a positive integer");
    row(
        "backoff negative", [](Config &c) { c.routing.fallback.backoffMs = -1; },
        "fallback.backoff_ms: must be a non-negative integer");
    row(
        "min requests above window", [](Config &c) { c.routing.fallback.breaker.minRequests = 11; },
        "fallback.breaker.min_requests: must be at most fallback.breaker.window (10)");
    row(
        "ratio NaN",
        [](Config &c) { c.routing.fallback.breaker.errorRatio = std::numeric_limits<double>::quiet_NaN(); },
        "fallback.breaker.error_ratio: must be a number greater than 0 and at most 1");
    row(
        "ratio negative", [](Config &c) { c.routing.fallback.breaker.errorRatio = -0.5; },
        "fallback.breaker.error_ratio: must be a number greater than 0 and at most 1");
    row(
        "cooldown too long", [](Config &c) { c.routing.fallback.breaker.cooldownSeconds = 86'401; },
        "fallback.breaker.cooldown_s: must be at most 86400");
    row(
        "body limit too large", [](Config &c) { c.limits.maxRequestBodyBytes = 2LL * 1024 * 1024 * 1024; },
        "limits.max_request_body_bytes: must be at most 1073741824");
    row(
        "keep alive 0", [](Config &c) { c.limits.keepAliveIdleSeconds = 0; },
        "limits.keep_alive_seconds: must be a positive integer");
    row(
        "retention negative", [](Config &c) { c.records.retentionDays = -1; },
        "records.retention_days: must be a non-negative integer");
    row(
        "record bytes not whole megabytes", [](Config &c) { c.records.maxTotalBytes = 1024 * 1024 + 1; },
        "records.max_total_mb: must be a whole number of megabytes");
    row(
        "record bytes 0", [](Config &c) { c.records.maxTotalBytes = 0; },
        "records.max_total_mb: must be a positive integer");
    const auto manualProxy = [](const QString &url) {
        return [url](Config &c) {
            c.upstreamProxy.mode = UpstreamProxySettings::Mode::Manual;
            c.upstreamProxy.url = url;
        };
    };
    row("manual proxy without URL", manualProxy(QString()),
        "upstream_proxy.url: the manual mode needs the proxy's URL, e.g. \"http://proxy.example:3128\"");
    row("https proxy", manualProxy(QStringLiteral("https://proxy.example:3128")),
        "upstream_proxy.url: https:// proxies (TLS to the proxy itself) are not supported; use an http:// proxy: "
        "connections to https platforms are still encrypted end to end through it");
    row("proxy URL with a path", manualProxy(QStringLiteral("http://proxy.example:3128/x")),
        "upstream_proxy.url: a proxy URL has no path (found \"/x\")");
    row("proxy URL with a bad reference", manualProxy(QStringLiteral("http://$/")),
        "upstream_proxy.url: a \"$\" must start a variable reference ($NAME or ${NAME}); write \"$$\" for a literal "
        "\"$\"");
    row("exported proxy password placeholder", manualProxy(QStringLiteral("http://u:********@proxy.example:3128")),
        "upstream_proxy.url: the password is the \"********\" placeholder of an export without secrets; write the "
        "password or a $ENV_VAR reference");
    row(
        "proxy password placeholder",
        [](Config &c) {
            c.upstreamProxy.mode = UpstreamProxySettings::Mode::Manual;
            c.upstreamProxy.url = QStringLiteral("http://proxy.example:3128");
            c.upstreamProxy.password = ConfigValidator::secretPlaceholder();
        },
        "upstream_proxy.password: holds the \"********\" placeholder of an export without secrets; write the secret "
        "or a $ENV_VAR reference");
    row(
        "other modes ignore the URL",
        [](Config &c) {
            c.upstreamProxy.mode = UpstreamProxySettings::Mode::None;
            c.upstreamProxy.url = QStringLiteral("ftp://kept-for-later");
            c.records.retentionDays = -1; // the first real problem is still reported
        },
        "records.retention_days: must be a non-negative integer");
}

void TestConfigValidator::rejects()
{
    QFETCH(Config, config);
    QFETCH(QString, expectedError);
    QCOMPARE(ConfigValidator::validate(config), expectedError);
}

void TestConfigValidator::renamedPlatformKeepsEveryReference()
{
    // Every routing list names "alpha" (or one of its models, or "alphabet", which must stay); after the
    // platform becomes "beta" and its references follow, the configuration is valid again.
    Config config;
    config.platforms = {platform(QStringLiteral("alpha"), PlatformType::Anthropic, QStringLiteral("sk-a")),
        platform(QStringLiteral("alphabet"), PlatformType::Anthropic, QStringLiteral("sk-b"))};
    RoutingConfig &routing = config.routing;
    routing.claudeCodePlatforms = {QStringLiteral("alpha"), QStringLiteral("alphabet")};
    const QStringList models = {QStringLiteral("alpha:m1"), QStringLiteral("alphabet:m2")};
    routing.modelPriorityList = routing.routingModels = models;
    routing.tiers.haiku = routing.tiers.sonnet = routing.tiers.opus = models;
    routing.rules.background = routing.rules.think = routing.rules.longContext = routing.rules.image = models;
    Scene scene;
    scene.name = QStringLiteral("coding");
    scene.models = models;
    routing.scenes = {scene};
    QCOMPARE(ConfigValidator::validate(config), QString());

    config.platforms[0].id = QStringLiteral("beta");
    QVERIFY(!ConfigValidator::validate(config).isEmpty());
    routing.renamePlatform(QStringLiteral("alpha"), QStringLiteral("beta"));
    QCOMPARE(ConfigValidator::validate(config), QString());
    const QStringList renamed = {QStringLiteral("beta:m1"), QStringLiteral("alphabet:m2")};
    QCOMPARE(routing.claudeCodePlatforms, QStringList({QStringLiteral("beta"), QStringLiteral("alphabet")}));
    for (const QStringList *list : routing.referenceLists().mid(1))
        QCOMPARE(*list, renamed);
    QCOMPARE(routing.referenceLists().size(), 11);
}

void TestConfigValidator::listenHostsThatLetOtherMachinesIn()
{
    for (const char *local : {"127.0.0.1", "127.0.0.2", "::1", "localhost", "LocalHost", ""})
        QVERIFY2(!ServerSettings::letsOtherMachinesIn(QLatin1String(local)), local);
    for (const char *open : {"0.0.0.0", "::", "192.168.1.5", "fd00::1", "not-an-address"})
        QVERIFY2(ServerSettings::letsOtherMachinesIn(QLatin1String(open)), open);
}

void TestConfigValidator::usableClientKeys()
{
    Config config;
    QCOMPARE(config.usableClientKeyCount(), 0);
    config.clientKeys = {ClientKey {QStringLiteral("a"), QString(), QStringLiteral("k1"), true},
        ClientKey {QStringLiteral("b"), QString(), QStringLiteral("k2"), false},
        ClientKey {QStringLiteral("c"), QString(), QString(), true}};
    QCOMPARE(config.usableClientKeyCount(), 1); // disabled and empty keys do not count
    QVERIFY(config.clientKeys.at(0).isUsable());
    QVERIFY(!config.clientKeys.at(1).isUsable());
    QVERIFY(!config.clientKeys.at(2).isUsable());
}

QTEST_GUILESS_MAIN(TestConfigValidator)
#include "TestConfigValidator.moc"
