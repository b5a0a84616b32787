#include "ConfigTestSupport.h"

#include "config/ConfigJson.h"
#include "config/ConfigValidator.h"
#include "platforms/PlatformPreset.h"

#include <QRegularExpression>
#include <QtTest>
#include <functional>

using namespace ConfigTestSupport;

namespace {

// {"version": 1, <members>}
QByteArray document(const QByteArray &members)
{
    return QByteArrayLiteral("{\"version\": 1") + (members.isEmpty() ? QByteArray() : ", " + members) + '}';
}

// A document with one platform {"id": "p", <members>}, plus more root members.
QByteArray platformDocument(const QByteArray &members, const QByteArray &rootMembers = QByteArray())
{
    QByteArray platformMembers = "\"id\": \"p\"";
    if (!members.isEmpty())
        platformMembers += ", " + members;
    QByteArray root = "\"platforms\": [{" + platformMembers + "}]";
    if (!rootMembers.isEmpty())
        root += ", " + rootMembers;
    return document(root);
}

// The Config of platformDocument("\"api_key\": \"k\"", ...): one anthropic platform "p" with key "k",
// changed by `changePlatform`, then the whole by `changeConfig`.
Config withPlatform(
    const std::function<void(PlatformConfig &)> &changePlatform, const std::function<void(Config &)> &changeConfig = {})
{
    Config config;
    PlatformConfig p = platform(QStringLiteral("p"), PlatformType::Anthropic, QStringLiteral("k"));
    changePlatform(p);
    config.platforms = {p};
    if (changeConfig)
        changeConfig(config);
    return config;
}

Config with(const std::function<void(Config &)> &change)
{
    Config config;
    change(config);
    return config;
}

// The keys at one indentation level of written text, in order of appearance.
QStringList keysAtIndent(const QByteArray &text, int spaces)
{
    QStringList keys;
    const QRegularExpression pattern(QStringLiteral("^ {%1}\"([a-z_]+)\":").arg(spaces));
    for (const QByteArray &line : text.split('\n')) {
        const QRegularExpressionMatch match = pattern.match(QString::fromUtf8(line));
        if (match.hasMatch())
            keys.append(match.captured(1));
    }
    return keys;
}

} // namespace

class TestConfigJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readAccepts_data();
    void readAccepts();
    void readRejects_data();
    void readRejects();
    void syntaxErrorsHaveLineAndColumn_data();
    void syntaxErrorsHaveLineAndColumn();
    void roundTripIsExact_data();
    void roundTripIsExact();
    void writeIsStableAndOrdered();
    void writeIsValidJson();
};

void TestConfigJson::readAccepts_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<Config>("expected");

    QTest::newRow("only version") << document({}) << Config();
    QTest::newRow("null means default") << document("\"listen\": null, \"limits\": null, \"records\": null")
                                        << Config();
    QTest::newRow("empty lists") << document("\"platforms\": [], \"client_keys\": [], \"scenes\": [], "
                                             "\"model_priority_list\": [], \"claude_code\": {}")
                                 << Config();

    // listen
    QTest::newRow("listen ipv4") << document("\"listen\": \"0.0.0.0:9000\"") << with([](Config &c) {
        c.server.host = QStringLiteral("0.0.0.0");
        c.server.port = 9000;
    });
    QTest::newRow("listen ipv6 loopback")
        << document("\"listen\": \"[::1]:8000\"") << with([](Config &c) { c.server.host = QStringLiteral("::1"); });
    QTest::newRow("listen ipv6 any, port 1") << document("\"listen\": \"[::]:1\"") << with([](Config &c) {
        c.server.host = QStringLiteral("::");
        c.server.port = 1;
    });
    QTest::newRow("listen port 65535") << document("\"listen\": \"127.0.0.1:65535\"")
                                       << with([](Config &c) { c.server.port = 65535; });

    // upstream_proxy
    QTest::newRow("upstream_proxy none") << document("\"upstream_proxy\": {\"mode\": \"none\"}") << with([](Config &c) {
        c.upstreamProxy.mode = UpstreamProxySettings::Mode::None;
    });
    QTest::newRow("upstream_proxy manual")
        << document("\"upstream_proxy\": {\"mode\": \"manual\", \"url\": \"http://p.example:3128\", "
                    "\"password\": \"$PROXY_PASS\", \"no_proxy\": \"a.example,.b.example\"}")
        << with([](Config &c) {
               c.upstreamProxy.mode = UpstreamProxySettings::Mode::Manual;
               c.upstreamProxy.url = QStringLiteral("http://p.example:3128");
               c.upstreamProxy.password = QStringLiteral("$PROXY_PASS");
               c.upstreamProxy.noProxy = QStringLiteral("a.example,.b.example");
           });
    QTest::newRow("upstream_proxy empty object is the environment") << document("\"upstream_proxy\": {}") << Config();

    // config_type
    QTest::newRow("config_type claude_code") << document("\"config_type\": \"claude_code\"")
                                             << with([](Config &c) { c.routing.mode = RoutingMode::ClaudeCode; });
    QTest::newRow("config_type global_direct") << document("\"config_type\": \"global_direct\"")
                                               << with([](Config &c) { c.routing.mode = RoutingMode::GlobalDirect; });
    QTest::newRow("config_type smart_routing") << document("\"config_type\": \"smart_routing\"")
                                               << with([](Config &c) { c.routing.mode = RoutingMode::SmartRouting; });

    // routing lists
    QTest::newRow("claude_code.platforms")
        << platformDocument("\"api_key\": \"k\"", "\"claude_code\": {\"platforms\": [\"p\"]}")
        << withPlatform(
               [](PlatformConfig &) {}, [](Config &c) { c.routing.claudeCodePlatforms = {QStringLiteral("p")}; });
    QTest::newRow("model_priority_list")
        << platformDocument("\"api_key\": \"k\"", "\"model_priority_list\": [\"p:m1\", \"p:vendor/m2:free\"]")
        << withPlatform([](PlatformConfig &) {},
               [](Config &c) {
                   c.routing.modelPriorityList = {QStringLiteral("p:m1"), QStringLiteral("p:vendor/m2:free")};
               });
    QTest::newRow("routing_models") << platformDocument("\"api_key\": \"k\"", "\"routing_models\": [\"p:small\"]")
                                    << withPlatform([](PlatformConfig &) {},
                                           [](Config &c) { c.routing.routingModels = {QStringLiteral("p:small")}; });
    QTest::newRow("scenes") << platformDocument("\"api_key\": \"k\"",
        "\"scenes\": [{\"name\": \"chat\", \"description\": \"d\", "
        "\"models\": [\"p:a\", \"p:b\"]}, {\"name\": \"code\", "
        "\"models\": [\"p:c\"]}]")
                            << withPlatform([](PlatformConfig &) {},
                                   [](Config &c) {
                                       c.routing.scenes = {
                                           Scene {QStringLiteral("chat"), QStringLiteral("d"),
                                               {QStringLiteral("p:a"), QStringLiteral("p:b")}},
                                           Scene {QStringLiteral("code"), QString(), {QStringLiteral("p:c")}},
                                       };
                                   });

    QTest::newRow("scene marked default")
        << platformDocument("\"api_key\": \"k\"",
               "\"scenes\": [{\"name\": \"chat\", \"models\": [\"p:a\"]}, "
               "{\"name\": \"code\", \"models\": [\"p:c\"], \"default\": true}]")
        << withPlatform([](PlatformConfig &) {},
               [](Config &c) {
                   c.routing.scenes = {
                       Scene {QStringLiteral("chat"), QString(), {QStringLiteral("p:a")}},
                       Scene {QStringLiteral("code"), QString(), {QStringLiteral("p:c")}},
                   };
                   c.routing.scenes[1].isDefault = true;
               });
    QTest::newRow("tiers") << platformDocument(
        "\"api_key\": \"k\"", "\"tiers\": {\"haiku\": [\"p:small\"], \"opus\": [\"p:big\", \"p:bigger\"]}")
                           << withPlatform([](PlatformConfig &) {},
                                  [](Config &c) {
                                      c.routing.tiers.haiku = {QStringLiteral("p:small")};
                                      c.routing.tiers.opus = {QStringLiteral("p:big"), QStringLiteral("p:bigger")};
                                  });
    QTest::newRow("rules") << platformDocument("\"api_key\": \"k\"",
        "\"rules\": {\"background\": [\"p:bg\"], \"think\": [\"p:r1\"], \"long_context\": [\"p:long\"], "
        "\"long_context_threshold\": 100000, \"image\": [\"p:vl\"]}")
                           << withPlatform([](PlatformConfig &) {},
                                  [](Config &c) {
                                      c.routing.rules.background = {QStringLiteral("p:bg")};
                                      c.routing.rules.think = {QStringLiteral("p:r1")};
                                      c.routing.rules.longContext = {QStringLiteral("p:long")};
                                      c.routing.rules.longContextThreshold = 100000;
                                      c.routing.rules.image = {QStringLiteral("p:vl")};
                                  });
    QTest::newRow("rules threshold only") << document("\"rules\": {\"long_context_threshold\": 1}")
                                          << with([](Config &c) { c.routing.rules.longContextThreshold = 1; });
    QTest::newRow("classifier") << document("\"classifier\": {\"enabled\": false, \"deadline_ms\": 600000}")
                                << with([](Config &c) {
                                       c.routing.classifier.enabled = false;
                                       c.routing.classifier.deadlineMs = 600000;
                                   });
    QTest::newRow("fallback") << document("\"fallback\": {\"max_attempts\": 1, \"retry_same_model\": 0, "
                                          "\"backoff_ms\": 0, \"first_byte_timeout_ms\": 0, \"breaker\": "
                                          "{\"window\": 1, \"min_requests\": 1, \"error_ratio\": 1, "
                                          "\"cooldown_s\": 86400}}")
                              << with([](Config &c) {
                                     FallbackSettings &f = c.routing.fallback;
                                     f.maxAttempts = 1;
                                     f.retrySameModel = 0;
                                     f.backoffMs = 0;
                                     f.firstByteTimeoutMs = 0;
                                     f.breaker.window = 1;
                                     f.breaker.minRequests = 1;
                                     f.breaker.errorRatio = 1;
                                     f.breaker.cooldownSeconds = 86400;
                                 });
    QTest::newRow("fallback breaker partial") << document("\"fallback\": {\"breaker\": {\"error_ratio\": 0.3}}")
                                              << with([](Config &c) { c.routing.fallback.breaker.errorRatio = 0.3; });
    QTest::newRow("empty routing objects") << document("\"tiers\": {}, \"rules\": {}, \"classifier\": {}, "
                                                       "\"fallback\": {\"breaker\": {}}")
                                           << Config();

    // platforms[]
    QTest::newRow("platform name defaults to id")
        << platformDocument("\"api_key\": \"k\"") << withPlatform([](PlatformConfig &) {});
    QTest::newRow("platform name") << platformDocument("\"api_key\": \"k\", \"name\": \"My relay\"")
                                   << withPlatform([](PlatformConfig &p) { p.name = QStringLiteral("My relay"); });
    QTest::newRow("platform empty name kept") << platformDocument("\"api_key\": \"k\", \"name\": \"\"")
                                              << withPlatform([](PlatformConfig &p) { p.name = QString(); });
    QTest::newRow("platform id charset") << document("\"platforms\": [{\"id\": \"A-z_0.9\", \"api_key\": \"k\"}]")
                                         << with([](Config &c) {
                                                c.platforms = {platform(QStringLiteral("A-z_0.9"),
                                                    PlatformType::Anthropic, QStringLiteral("k"))};
                                            });
    const QList<PlatformType> types = allPlatformTypes();
    for (PlatformType type : types) {
        const QByteArray id = platformTypeId(type).toUtf8();
        QByteArray members = "\"type\": \"" + id + "\", \"api_key\": \"k\"";
        if (type == PlatformType::OpenAICompatible)
            members += ", \"base_url\": \"https://llm.example.com/v1\"";
        QTest::addRow("type %s", id.constData())
            << platformDocument(members) << withPlatform([type](PlatformConfig &p) {
                   p.type = type;
                   p.timeouts = PlatformPresets::forType(type).timeouts; // absent timeouts come from the type's preset
                   if (type == PlatformType::OpenAICompatible)
                       p.baseUrl = QStringLiteral("https://llm.example.com/v1");
               });
    }
    QTest::newRow("local platform without key")
        << platformDocument("\"type\": \"ollama\"") << withPlatform([](PlatformConfig &p) {
               p.type = PlatformType::Ollama;
               p.apiKey = QString();
               p.timeouts = PlatformPresets::forType(PlatformType::Ollama).timeouts;
           });
    QTest::newRow("disabled platform without key")
        << platformDocument("\"enabled\": false") << withPlatform([](PlatformConfig &p) {
               p.apiKey = QString();
               p.enabled = false;
           });
    QTest::newRow("base_url http") << platformDocument("\"api_key\": \"k\", \"base_url\": \"http://10.1.2.3:8080\"")
                                   << withPlatform([](PlatformConfig &p) {
                                          p.baseUrl = QStringLiteral("http://10.1.2.3:8080");
                                      });
    QTest::newRow("base_url https with path")
        << platformDocument("\"api_key\": \"k\", \"base_url\": \"https://relay.example.com/anthropic/\"")
        << withPlatform([](PlatformConfig &p) { p.baseUrl = QStringLiteral("https://relay.example.com/anthropic/"); });
    QTest::newRow("base_url empty = preset")
        << platformDocument("\"api_key\": \"k\", \"base_url\": \"\"") << withPlatform([](PlatformConfig &) {});
    QTest::newRow("api_key reference") << platformDocument("\"api_key\": \"${ANTHROPIC_API_KEY}\"")
                                       << withPlatform([](PlatformConfig &p) {
                                              p.apiKey = QStringLiteral("${ANTHROPIC_API_KEY}");
                                          });
    QTest::newRow("api_key with $$") << platformDocument("\"api_key\": \"a$$b\"")
                                     << withPlatform([](PlatformConfig &p) { p.apiKey = QStringLiteral("a$$b"); });
    QTest::newRow("enabled true") << platformDocument("\"api_key\": \"k\", \"enabled\": true")
                                  << withPlatform([](PlatformConfig &) {});

    // platforms[].models[]
    QTest::newRow("model id only") << platformDocument("\"api_key\": \"k\", \"models\": [{\"id\": \"m\"}]")
                                   << withPlatform([](PlatformConfig &p) { p.models = {model(QStringLiteral("m"))}; });
    QTest::newRow("model all fields") << platformDocument(
        "\"api_key\": \"k\", \"models\": [{\"id\": \"m\", \"context_window\": 200000, "
        "\"max_output_tokens\": 1, \"tools\": true, \"vision\": false, \"reasoning\": true}]")
                                      << withPlatform([](PlatformConfig &p) {
                                             ModelSettings m = model(QStringLiteral("m"));
                                             m.contextWindow = 200000;
                                             m.maxOutputTokens = 1;
                                             m.supportsTools = true;
                                             m.supportsVision = false;
                                             m.supportsReasoning = true;
                                             p.models = {m};
                                         });
    QTest::newRow("model context_window max")
        << platformDocument("\"api_key\": \"k\", \"models\": [{\"id\": \"m\", \"context_window\": 2147483647}]")
        << withPlatform([](PlatformConfig &p) {
               ModelSettings m = model(QStringLiteral("m"));
               m.contextWindow = 2147483647;
               p.models = {m};
           });

    QTest::newRow("model price") << platformDocument(
        "\"api_key\": \"k\", \"models\": [{\"id\": \"m\", \"price\": {\"input\": 3, \"output\": 15}}]")
                                 << withPlatform([](PlatformConfig &p) {
                                        ModelSettings m = model(QStringLiteral("m"));
                                        m.price = ModelPrice {3, 15, std::nullopt, std::nullopt};
                                        p.models = {m};
                                    });
    QTest::newRow("model price with cache and zero") << platformDocument(
        "\"api_key\": \"k\", \"models\": [{\"id\": \"m\", \"price\": {\"input\": 0.8, \"output\": 0, "
        "\"cache_read\": 0.08, \"cache_write\": 1}}]")
                                                     << withPlatform([](PlatformConfig &p) {
                                                            ModelSettings m = model(QStringLiteral("m"));
                                                            m.price = ModelPrice {0.8, 0, 0.08, 1.0};
                                                            p.models = {m};
                                                        });
    QTest::newRow("platform currency") << platformDocument("\"api_key\": \"k\", \"currency\": \"CNY\"")
                                       << withPlatform([](PlatformConfig &p) { p.currency = QStringLiteral("CNY"); });

    // platforms[].timeouts
    QTest::newRow("timeouts partial") << platformDocument("\"api_key\": \"k\", \"timeouts\": {\"idle_ms\": 42}")
                                      << withPlatform([](PlatformConfig &p) { p.timeouts.idleMs = 42; });
    QTest::newRow("timeouts full") << platformDocument(
        "\"api_key\": \"k\", \"timeouts\": {\"connect_ms\": 1, \"first_byte_ms\": 2, "
        "\"idle_ms\": 3, \"total_ms\": 4}")
                                   << withPlatform([](PlatformConfig &p) {
                                          p.timeouts = {1, 2, 3, 4};
                                      });
    QTest::newRow("timeouts total 0") << platformDocument("\"api_key\": \"k\", \"timeouts\": {\"total_ms\": 0}")
                                      << withPlatform([](PlatformConfig &p) { p.timeouts.totalMs = 0; });
    QTest::newRow("integer written as 1.0") << platformDocument("\"api_key\": \"k\", \"timeouts\": {\"idle_ms\": 5.0}")
                                            << withPlatform([](PlatformConfig &p) { p.timeouts.idleMs = 5; });

    // client_keys[]
    QTest::newRow("client key") << document("\"client_keys\": [{\"id\": \"alice\", \"name\": \"Alice\", "
                                            "\"key\": \"$KEY_ALICE\", \"enabled\": false}]")
                                << with([](Config &c) {
                                       c.clientKeys = {ClientKey {QStringLiteral("alice"), QStringLiteral("Alice"),
                                           QStringLiteral("$KEY_ALICE"), false}};
                                   });
    QTest::newRow("client key minimal")
        << document("\"client_keys\": [{\"id\": \"ci\", \"key\": \"s3cret\"}]") << with([](Config &c) {
               c.clientKeys = {ClientKey {QStringLiteral("ci"), QString(), QStringLiteral("s3cret"), true}};
           });

    // limits
    QTest::newRow("limits") << document("\"limits\": {\"max_request_body_bytes\": 1073741824, \"max_connections\": 1, "
                                        "\"keep_alive_seconds\": 86400, \"shutdown_grace_seconds\": 0}")
                            << with([](Config &c) {
                                   c.limits.maxRequestBodyBytes = 1073741824;
                                   c.limits.maxConnections = 1;
                                   c.limits.keepAliveIdleSeconds = 86400;
                                   c.limits.shutdownGraceSeconds = 0;
                               });
    QTest::newRow("limits partial") << document("\"limits\": {\"max_connections\": 100000}")
                                    << with([](Config &c) { c.limits.maxConnections = 100000; });

    // records
    QTest::newRow("records") << document("\"records\": {\"enabled\": false, \"store_bodies\": false, "
                                         "\"retention_days\": 0, \"max_total_mb\": 1}")
                             << with([](Config &c) {
                                    c.records.enabled = false;
                                    c.records.storeBodies = false;
                                    c.records.retentionDays = 0;
                                    c.records.maxTotalBytes = 1024 * 1024;
                                });
    QTest::newRow("records max_total_mb large")
        << document("\"records\": {\"max_total_mb\": 4194304}")
        << with([](Config &c) { c.records.maxTotalBytes = 4194304LL * 1024 * 1024; });
}

void TestConfigJson::readAccepts()
{
    QFETCH(QByteArray, json);
    QFETCH(Config, expected);
    QString error;
    const std::optional<Config> config = ConfigJson::read(json, &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(*config, expected);
}

void TestConfigJson::readRejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expectedError");

    auto row = [](const char *name, const QByteArray &json, const char *error) {
        QTest::newRow(name) << json << QString::fromUtf8(error);
    };

    // the document
    row("empty", "", "the configuration is empty; expected a JSON object such as {\"version\": 1}");
    row("blank", " \n ", "the configuration is empty; expected a JSON object such as {\"version\": 1}");
    row("array", "[1]", "the configuration must be a JSON object");
    row("unknown root field", document("\"lisen\": \"127.0.0.1:8000\""),
        "unknown field \"lisen\"; did you mean \"listen\"?");
    row("unknown root field, no suggestion", document("\"colour\": \"blue\""), "unknown field \"colour\"");

    // version
    row("version missing", "{}", "version: required (write \"version\": 1)");
    row("version string", "{\"version\": \"1\"}", "version: must be a positive integer");
    row("version zero", "{\"version\": 0}", "version: must be a positive integer");
    row("version fraction", "{\"version\": 1.5}", "version: must be a positive integer");
    row("version newer", "{\"version\": 2}", "version: 2 is newer than this build of Switchyard reads (1)");

    // listen
    row("listen number", document("\"listen\": 8000"), "listen: must be a string");
    row("listen without port", document("\"listen\": \"127.0.0.1\""),
        "listen: must be \"host:port\", e.g. \"127.0.0.1:8000\" or \"[::1]:8000\"");
    row("listen port 0", document("\"listen\": \"127.0.0.1:0\""), "listen: port must be a number from 1 to 65535");
    row("listen port 65536", document("\"listen\": \"127.0.0.1:65536\""),
        "listen: port must be a number from 1 to 65535");
    row("listen port text", document("\"listen\": \"127.0.0.1:http\""),
        "listen: port must be a number from 1 to 65535");
    row("listen port signed", document("\"listen\": \"127.0.0.1:+80\""),
        "listen: port must be a number from 1 to 65535");
    row("listen port empty", document("\"listen\": \"127.0.0.1:\""), "listen: port must be a number from 1 to 65535");
    row("listen host name", document("\"listen\": \"localhost:8000\""),
        "listen: host must be an IP address such as 127.0.0.1, 0.0.0.0 or [::1]");
    row("listen host empty", document("\"listen\": \":8000\""),
        "listen: host must be an IP address such as 127.0.0.1, 0.0.0.0 or [::1]");
    row("listen ipv6 without brackets", document("\"listen\": \"::1:8000\""),
        "listen: an IPv6 host is written in brackets, e.g. \"[::1]:8000\"");
    row("listen ipv4 in brackets", document("\"listen\": \"[127.0.0.1]:8000\""),
        "listen: \"[127.0.0.1]\" is not an IPv6 address");

    // config_type and routing lists
    row("config_type unknown", document("\"config_type\": \"smart\""),
        "config_type: unknown mode \"smart\"; expected one of claude_code, global_direct, smart_routing");
    row("config_type number", document("\"config_type\": 1"), "config_type: must be a string");
    row("claude_code not object", document("\"claude_code\": []"), "claude_code: must be an object");
    row("claude_code unknown field", document("\"claude_code\": {\"platform\": []}"),
        "claude_code: unknown field \"platform\"; did you mean \"platforms\"?");
    row("claude_code.platforms not array", document("\"claude_code\": {\"platforms\": \"p\"}"),
        "claude_code.platforms: must be an array");
    row("claude_code.platforms unknown", document("\"claude_code\": {\"platforms\": [\"nope\"]}"),
        "claude_code.platforms[0]: unknown platform \"nope\"");
    row("claude_code.platforms not anthropic",
        document("\"claude_code\": {\"platforms\": [\"d\"]}, \"platforms\": [{\"id\": \"d\", \"type\": "
                 "\"dashscope\", \"api_key\": \"k\"}]"),
        "claude_code.platforms[0]: platform \"d\" has type dashscope; pass-through needs type anthropic");
    row("claude_code.platforms twice",
        platformDocument("\"api_key\": \"k\"", "\"claude_code\": {\"platforms\": [\"p\", \"p\"]}"),
        "claude_code.platforms[1]: platform \"p\" is listed twice");
    row("model_priority_list not array", document("\"model_priority_list\": \"p:m\""),
        "model_priority_list: must be an array");
    row("model_priority_list item number", document("\"model_priority_list\": [\"p:m\", 3]"),
        "model_priority_list[1]: must be a string");
    row("model_priority_list no colon", platformDocument("\"api_key\": \"k\"", "\"model_priority_list\": [\"m\"]"),
        "model_priority_list[0]: \"m\" must be \"platform:model\", e.g. \"dashscope:qwen3-coder-plus\"");
    row("model_priority_list empty model", platformDocument("\"api_key\": \"k\"", "\"model_priority_list\": [\"p:\"]"),
        "model_priority_list[0]: \"p:\" must be \"platform:model\", e.g. \"dashscope:qwen3-coder-plus\"");
    row("model_priority_list unknown platform",
        platformDocument("\"api_key\": \"k\"", "\"model_priority_list\": [\"p:m\", \"dashscop:qwen-plus\"]"),
        "model_priority_list[1]: unknown platform \"dashscop\" in \"dashscop:qwen-plus\"");
    row("routing_models unknown platform", document("\"routing_models\": [\"x:m\"]"),
        "routing_models[0]: unknown platform \"x\" in \"x:m\"");
    row("scenes not array", document("\"scenes\": {}"), "scenes: must be an array");
    row("scene not object", document("\"scenes\": [\"chat\"]"), "scenes[0]: must be an object");
    row("scene unknown field", document("\"scenes\": [{\"name\": \"a\", \"model\": []}]"),
        "scenes[0]: unknown field \"model\"; did you mean \"models\"?");
    row("scene name missing", document("\"scenes\": [{\"models\": []}]"), "scenes[0].name: required");
    row("scene name blank", document("\"scenes\": [{\"name\": \" \", \"models\": []}]"), "scenes[0].name: required");
    row("scene description number", document("\"scenes\": [{\"name\": \"a\", \"description\": 1}]"),
        "scenes[0].description: must be a string");
    row("scene without models", document("\"scenes\": [{\"name\": \"a\"}]"),
        "scenes[0].models: must list at least one \"platform:model\"");
    row("scene duplicate name",
        platformDocument("\"api_key\": \"k\"",
            "\"scenes\": [{\"name\": \"a\", \"models\": [\"p:m\"]}, "
            "{\"name\": \"a\", \"models\": [\"p:m\"]}]"),
        "scenes[1].name: \"a\" is already used by scenes[0]");
    row("scene model unknown platform",
        platformDocument("\"api_key\": \"k\"", "\"scenes\": [{\"name\": \"a\", \"models\": [\"p:m\", \"q:m\"]}]"),
        "scenes[0].models[1]: unknown platform \"q\" in \"q:m\"");

    row("scene default not bool", document("\"scenes\": [{\"name\": \"a\", \"default\": \"yes\"}]"),
        "scenes[0].default: must be true or false");
    row("two default scenes",
        platformDocument("\"api_key\": \"k\"",
            "\"scenes\": [{\"name\": \"a\", \"models\": [\"p:m\"], \"default\": true}, "
            "{\"name\": \"b\", \"models\": [\"p:m\"]}, {\"name\": \"c\", \"models\": [\"p:m\"], \"default\": true}]"),
        "scenes[2].default: only one scene can be the default; scenes[0] already is");

    // tiers, rules, classifier, fallback
    row("tiers not object", document("\"tiers\": []"), "tiers: must be an object");
    row("tiers unknown family", document("\"tiers\": {\"sonet\": []}"),
        "tiers: unknown field \"sonet\"; did you mean \"sonnet\"?");
    row("tiers item not reference", platformDocument("\"api_key\": \"k\"", "\"tiers\": {\"opus\": [\"p:m\", \"m\"]}"),
        "tiers.opus[1]: \"m\" must be \"platform:model\", e.g. \"dashscope:qwen3-coder-plus\"");
    row("tiers unknown platform", document("\"tiers\": {\"haiku\": [\"x:m\"]}"),
        "tiers.haiku[0]: unknown platform \"x\" in \"x:m\"");
    row("rules unknown field", document("\"rules\": {\"longcontext\": []}"),
        "rules: unknown field \"longcontext\"; did you mean \"long_context\"?");
    row("rules background unknown platform", document("\"rules\": {\"background\": [\"x:m\"]}"),
        "rules.background[0]: unknown platform \"x\" in \"x:m\"");
    row("rules think unknown platform", document("\"rules\": {\"think\": [\"x:m\"]}"),
        "rules.think[0]: unknown platform \"x\" in \"x:m\"");
    row("rules long_context unknown platform", document("\"rules\": {\"long_context\": [\"x:m\"]}"),
        "rules.long_context[0]: unknown platform \"x\" in \"x:m\"");
    row("rules image item number", document("\"rules\": {\"image\": [1]}"), "rules.image[0]: must be a string");
    row("rules threshold zero", document("\"rules\": {\"long_context_threshold\": 0}"),
        "rules.long_context_threshold: must be a positive integer");
    row("classifier enabled string", document("\"classifier\": {\"enabled\": \"no\"}"),
        "classifier.enabled: must be true or false");
    row("classifier deadline too long", document("\"classifier\": {\"deadline_ms\": 600001}"),
        "classifier.deadline_ms: must be at most 600000");
    row("classifier deadline zero", document("\"classifier\": {\"deadline_ms\": 0}"),
        "classifier.deadline_ms: must be a positive integer");
    row("fallback not object", document("\"fallback\": 3"), "fallback: must be an object");
    row("fallback max_attempts zero", document("\"fallback\": {\"max_attempts\": 0}"),
        "fallback.max_attempts: must be a positive integer");
    row("fallback max_attempts too many", document("\"fallback\": {\"max_attempts\": 21}"),
        "fallback.max_attempts: must be at most 20");
    row("fallback retry negative", document("\"fallback\": {\"retry_same_model\": -1}"),
        "fallback.retry_same_model: must be a non-negative integer");
    row("fallback retry too many", document("\"fallback\": {\"retry_same_model\": 6}"),
        "fallback.retry_same_model: must be at most 5");
    row("fallback backoff too long", document("\"fallback\": {\"backoff_ms\": 60001}"),
        "fallback.backoff_ms: must be at most 60000");
    row("fallback first byte fraction", document("\"fallback\": {\"first_byte_timeout_ms\": 1.5}"),
        "fallback.first_byte_timeout_ms: must be a non-negative integer");
    row("breaker unknown field", document("\"fallback\": {\"breaker\": {\"cooldown\": 5}}"),
        "fallback.breaker: unknown field \"cooldown\"; did you mean \"cooldown_s\"?");
    row("breaker window zero", document("\"fallback\": {\"breaker\": {\"window\": 0}}"),
        "fallback.breaker.window: must be a positive integer");
    row("breaker min_requests over window",
        document("\"fallback\": {\"breaker\": {\"window\": 4, \"min_requests\": 5}}"),
        "fallback.breaker.min_requests: must be at most fallback.breaker.window (4)");
    row("breaker ratio zero", document("\"fallback\": {\"breaker\": {\"error_ratio\": 0}}"),
        "fallback.breaker.error_ratio: must be a number greater than 0 and at most 1");
    row("breaker ratio above one", document("\"fallback\": {\"breaker\": {\"error_ratio\": 1.01}}"),
        "fallback.breaker.error_ratio: must be a number greater than 0 and at most 1");
    row("breaker ratio percent string", document("\"fallback\": {\"breaker\": {\"error_ratio\": \"50%\"}}"),
        "fallback.breaker.error_ratio: must be a number greater than 0 and at most 1");
    row("breaker cooldown zero", document("\"fallback\": {\"breaker\": {\"cooldown_s\": 0}}"),
        "fallback.breaker.cooldown_s: must be a positive integer");

    // platforms[]
    row("platforms not array", document("\"platforms\": {}"), "platforms: must be an array");
    row("platform not object", document("\"platforms\": [\"p\"]"), "platforms[0]: must be an object");
    row("platform unknown field", platformDocument("\"api_kye\": \"k\""),
        "platforms[0]: unknown field \"api_kye\"; did you mean \"api_key\"?");
    row("platform id missing", document("\"platforms\": [{\"api_key\": \"k\"}]"), "platforms[0].id: required");
    row("platform id number", document("\"platforms\": [{\"id\": 5}]"), "platforms[0].id: must be a string");
    row("platform id empty", document("\"platforms\": [{\"id\": \"\"}]"), "platforms[0].id: required");
    row("platform id with colon", document("\"platforms\": [{\"id\": \"a:b\", \"api_key\": \"k\"}]"),
        "platforms[0].id: \"a:b\" may contain only letters, digits, \"_\", \".\" and \"-\"");
    row("platform id with space", document("\"platforms\": [{\"id\": \"a b\", \"api_key\": \"k\"}]"),
        "platforms[0].id: \"a b\" may contain only letters, digits, \"_\", \".\" and \"-\"");
    row("platform id duplicate",
        document("\"platforms\": [{\"id\": \"a\", \"api_key\": \"k\"}, {\"id\": \"b\", \"api_key\": \"k\"}, "
                 "{\"id\": \"a\", \"api_key\": \"k\"}]"),
        "platforms[2].id: \"a\" is already used by platforms[0]");
    row("platform name number", platformDocument("\"api_key\": \"k\", \"name\": 1"),
        "platforms[0].name: must be a string");
    row("platform type unknown", platformDocument("\"type\": \"qwen\""),
        "platforms[0].type: unknown type \"qwen\"; expected one of anthropic, openai, dashscope, openrouter, "
        "siliconflow, ollama, lmstudio");
    row("platform type wrong case", platformDocument("\"type\": \"Anthropic\""),
        "platforms[0].type: unknown type \"Anthropic\"; expected one of anthropic, openai, dashscope, openrouter, "
        "siliconflow, ollama, lmstudio");
    row("openai without base_url", platformDocument("\"type\": \"openai\", \"api_key\": \"k\""),
        "platforms[0].base_url: required for type openai");
    row("base_url ftp", platformDocument("\"api_key\": \"k\", \"base_url\": \"ftp://example.com\""),
        "platforms[0].base_url: must be an http:// or https:// URL");
    row("base_url without scheme", platformDocument("\"api_key\": \"k\", \"base_url\": \"api.example.com/v1\""),
        "platforms[0].base_url: must be an http:// or https:// URL");
    row("base_url with space", platformDocument("\"api_key\": \"k\", \"base_url\": \"https://exa mple.com\""),
        "platforms[0].base_url: must be an http:// or https:// URL");
    row("base_url without host", platformDocument("\"api_key\": \"k\", \"base_url\": \"https:///v1\""),
        "platforms[0].base_url: must be an http:// or https:// URL");
    row("base_url with query", platformDocument("\"api_key\": \"k\", \"base_url\": \"https://example.com/v1?key=1\""),
        "platforms[0].base_url: must not have a query (?...) or fragment (#...)");
    row("base_url second platform",
        document("\"platforms\": [{\"id\": \"a\", \"api_key\": \"k\"}, {\"id\": \"b\", \"api_key\": \"k\", "
                 "\"base_url\": \"localhost:8080\"}]"),
        "platforms[1].base_url: must be an http:// or https:// URL");
    row("api_key number", platformDocument("\"api_key\": 123"), "platforms[0].api_key: must be a string");
    row("api_key missing", platformDocument("\"type\": \"dashscope\""),
        "platforms[0].api_key: required for type dashscope (write the key or a reference such as $DASHSCOPE_API_KEY)");
    row("api_key empty", platformDocument("\"api_key\": \"\""),
        "platforms[0].api_key: required for type anthropic (write the key or a reference such as $ANTHROPIC_API_KEY)");
    row("api_key lone dollar", platformDocument("\"api_key\": \"abc$\""),
        "platforms[0].api_key: a \"$\" must start a variable reference ($NAME or ${NAME}); write \"$$\" for a "
        "literal \"$\"");
    row("api_key unterminated", platformDocument("\"api_key\": \"${KEY\""),
        "platforms[0].api_key: unterminated \"${\" (write \"$$\" for a literal \"$\")");
    row("api_key bad name", platformDocument("\"api_key\": \"${1KEY}\""),
        "platforms[0].api_key: \"${1KEY}\" is not a variable name (letters, digits and \"_\", not starting with a "
        "digit)");
    row("api_key placeholder", platformDocument("\"api_key\": \"********\""),
        "platforms[0].api_key: holds the \"********\" placeholder of an export without secrets; write the secret or "
        "a $ENV_VAR reference");
    row("enabled string", platformDocument("\"api_key\": \"k\", \"enabled\": \"yes\""),
        "platforms[0].enabled: must be true or false");
    row("enabled number", platformDocument("\"api_key\": \"k\", \"enabled\": 1"),
        "platforms[0].enabled: must be true or false");

    // platforms[].models[]
    row("models not array", platformDocument("\"api_key\": \"k\", \"models\": {}"),
        "platforms[0].models: must be an array");
    row("model as string", platformDocument("\"api_key\": \"k\", \"models\": [\"m\"]"),
        "platforms[0].models[0]: must be an object");
    row("model unknown field", platformDocument("\"api_key\": \"k\", \"models\": [{\"id\": \"m\", \"tool\": true}]"),
        "platforms[0].models[0]: unknown field \"tool\"; did you mean \"tools\"?");
    row("model id missing", platformDocument("\"api_key\": \"k\", \"models\": [{\"tools\": true}]"),
        "platforms[0].models[0].id: required");
    row("model id duplicate", platformDocument("\"api_key\": \"k\", \"models\": [{\"id\": \"m\"}, {\"id\": \"m\"}]"),
        "platforms[0].models[1].id: \"m\" is already described by platforms[0].models[0]");
    row("context_window zero",
        platformDocument("\"api_key\": \"k\", \"models\": [{\"id\": \"m\", \"context_window\": 0}]"),
        "platforms[0].models[0].context_window: must be a positive integer");
    row("context_window too large",
        platformDocument("\"api_key\": \"k\", \"models\": [{\"id\": \"m\", \"context_window\": 2147483648}]"),
        "platforms[0].models[0].context_window: must be at most 2147483647");
    row("max_output_tokens string",
        platformDocument("\"api_key\": \"k\", \"models\": [{\"id\": \"m\", \"max_output_tokens\": \"8k\"}]"),
        "platforms[0].models[0].max_output_tokens: must be a positive integer");
    row("tools string", platformDocument("\"api_key\": \"k\", \"models\": [{\"id\": \"m\", \"tools\": \"yes\"}]"),
        "platforms[0].models[0].tools: must be true or false");
    row("vision number", platformDocument("\"api_key\": \"k\", \"models\": [{\"id\": \"m\", \"vision\": 0}]"),
        "platforms[0].models[0].vision: must be true or false");
    row("reasoning string", platformDocument("\"api_key\": \"k\", \"models\": [{\"id\": \"m\", \"reasoning\": \"\"}]"),
        "platforms[0].models[0].reasoning: must be true or false");

    row("price not object", platformDocument("\"api_key\": \"k\", \"models\": [{\"id\": \"m\", \"price\": 3}]"),
        "platforms[0].models[0].price: must be an object");
    row("price without output",
        platformDocument("\"api_key\": \"k\", \"models\": [{\"id\": \"m\", \"price\": {\"input\": 3}}]"),
        "platforms[0].models[0].price.output: required");
    row("price negative",
        platformDocument(
            "\"api_key\": \"k\", \"models\": [{\"id\": \"m\", \"price\": {\"input\": -1, \"output\": 1}}]"),
        "platforms[0].models[0].price.input: must be a number from 0 to 1000000 (per million tokens)");
    row("price string",
        platformDocument(
            "\"api_key\": \"k\", \"models\": [{\"id\": \"m\", \"price\": {\"input\": 1, \"output\": \"2\"}}]"),
        "platforms[0].models[0].price.output: must be a number from 0 to 1000000 (per million tokens)");
    row("price too large",
        platformDocument("\"api_key\": \"k\", \"models\": [{\"id\": \"m\", \"price\": {\"input\": 1, "
                         "\"output\": 1, \"cache_read\": 1000001}}]"),
        "platforms[0].models[0].price.cache_read: must be a number from 0 to 1000000 (per million tokens)");
    row("price field misspelt",
        platformDocument("\"api_key\": \"k\", \"models\": [{\"id\": \"m\", \"price\": {\"input\": 1, "
                         "\"output\": 1, \"cache_reads\": 1}}]"),
        "platforms[0].models[0].price: unknown field \"cache_reads\"; did you mean \"cache_read\"?");
    row("currency number", platformDocument("\"api_key\": \"k\", \"currency\": 840"),
        "platforms[0].currency: must be a string");
    row("currency lower case", platformDocument("\"api_key\": \"k\", \"currency\": \"usd\""),
        "platforms[0].currency: must be a currency code of three capital letters, such as USD or CNY");

    // platforms[].timeouts
    row("timeouts not object", platformDocument("\"api_key\": \"k\", \"timeouts\": 5"),
        "platforms[0].timeouts: must be an object");
    row("timeouts unknown field", platformDocument("\"api_key\": \"k\", \"timeouts\": {\"idle\": 5}"),
        "platforms[0].timeouts: unknown field \"idle\"");
    row("connect_ms zero", platformDocument("\"api_key\": \"k\", \"timeouts\": {\"connect_ms\": 0}"),
        "platforms[0].timeouts.connect_ms: must be a positive integer");
    row("first_byte_ms negative", platformDocument("\"api_key\": \"k\", \"timeouts\": {\"first_byte_ms\": -1}"),
        "platforms[0].timeouts.first_byte_ms: must be a positive integer");
    row("idle_ms fraction", platformDocument("\"api_key\": \"k\", \"timeouts\": {\"idle_ms\": 1.5}"),
        "platforms[0].timeouts.idle_ms: must be a positive integer");
    row("total_ms negative", platformDocument("\"api_key\": \"k\", \"timeouts\": {\"total_ms\": -1}"),
        "platforms[0].timeouts.total_ms: must be a non-negative integer");
    row("total_ms too large", platformDocument("\"api_key\": \"k\", \"timeouts\": {\"total_ms\": 1e12}"),
        "platforms[0].timeouts.total_ms: must be at most 2147483647");
    row("total_ms bool", platformDocument("\"api_key\": \"k\", \"timeouts\": {\"total_ms\": false}"),
        "platforms[0].timeouts.total_ms: must be a non-negative integer");

    // client_keys[]
    row("client_keys not array", document("\"client_keys\": \"k\""), "client_keys: must be an array");
    row("client key not object", document("\"client_keys\": [\"k\"]"), "client_keys[0]: must be an object");
    row("client key unknown field", document("\"client_keys\": [{\"id\": \"a\", \"secret\": \"k\"}]"),
        "client_keys[0]: unknown field \"secret\"");
    row("client key id missing", document("\"client_keys\": [{\"key\": \"k\"}]"), "client_keys[0].id: required");
    row("client key id empty", document("\"client_keys\": [{\"id\": \"\", \"key\": \"k\"}]"),
        "client_keys[0].id: required");
    row("client key key missing", document("\"client_keys\": [{\"id\": \"a\"}]"), "client_keys[0].key: required");
    row("client key key empty", document("\"client_keys\": [{\"id\": \"a\", \"key\": \"\"}]"),
        "client_keys[0].key: required (must not be empty)");
    row("client key name number", document("\"client_keys\": [{\"id\": \"a\", \"key\": \"k\", \"name\": 1}]"),
        "client_keys[0].name: must be a string");
    row("client key enabled string",
        document("\"client_keys\": [{\"id\": \"a\", \"key\": \"k\", \"enabled\": \"no\"}]"),
        "client_keys[0].enabled: must be true or false");
    row("client key id duplicate",
        document("\"client_keys\": [{\"id\": \"a\", \"key\": \"k1\"}, {\"id\": \"a\", \"key\": \"k2\"}]"),
        "client_keys[1].id: \"a\" is already used by client_keys[0]");
    row("client key bad reference", document("\"client_keys\": [{\"id\": \"a\", \"key\": \"$\"}]"),
        "client_keys[0].key: a \"$\" must start a variable reference ($NAME or ${NAME}); write \"$$\" for a literal "
        "\"$\"");

    // limits
    row("limits not object", document("\"limits\": []"), "limits: must be an object");
    row("limits unknown field", document("\"limits\": {\"max_body_bytes\": 1}"),
        "limits: unknown field \"max_body_bytes\"");
    row("max_request_body_bytes zero", document("\"limits\": {\"max_request_body_bytes\": 0}"),
        "limits.max_request_body_bytes: must be a positive integer");
    row("max_request_body_bytes string", document("\"limits\": {\"max_request_body_bytes\": \"32MB\"}"),
        "limits.max_request_body_bytes: must be a positive integer");
    row("max_request_body_bytes too large", document("\"limits\": {\"max_request_body_bytes\": 1073741825}"),
        "limits.max_request_body_bytes: must be at most 1073741824");
    row("max_connections zero", document("\"limits\": {\"max_connections\": 0}"),
        "limits.max_connections: must be a positive integer");
    row("max_connections too large", document("\"limits\": {\"max_connections\": 100001}"),
        "limits.max_connections: must be at most 100000");
    row("keep_alive_seconds zero", document("\"limits\": {\"keep_alive_seconds\": 0}"),
        "limits.keep_alive_seconds: must be a positive integer");
    row("keep_alive_seconds too large", document("\"limits\": {\"keep_alive_seconds\": 86401}"),
        "limits.keep_alive_seconds: must be at most 86400");
    row("shutdown_grace_seconds negative", document("\"limits\": {\"shutdown_grace_seconds\": -5}"),
        "limits.shutdown_grace_seconds: must be a non-negative integer");
    row("shutdown_grace_seconds too large", document("\"limits\": {\"shutdown_grace_seconds\": 3601}"),
        "limits.shutdown_grace_seconds: must be at most 3600");

    // records
    row("records not object", document("\"records\": true"), "records: must be an object");
    row("upstream_proxy unknown mode", document("\"upstream_proxy\": {\"mode\": \"system\"}"),
        "upstream_proxy.mode: unknown mode \"system\"; expected environment, none or manual");
    row("upstream_proxy unknown field", document("\"upstream_proxy\": {\"host\": \"p\"}"),
        "upstream_proxy: unknown field \"host\"");
    row("records unknown field", document("\"records\": {\"store_body\": true}"),
        "records: unknown field \"store_body\"; did you mean \"store_bodies\"?");
    row("records enabled string", document("\"records\": {\"enabled\": \"true\"}"),
        "records.enabled: must be true or false");
    row("records store_bodies number", document("\"records\": {\"store_bodies\": 1}"),
        "records.store_bodies: must be true or false");
    row("retention_days negative", document("\"records\": {\"retention_days\": -1}"),
        "records.retention_days: must be a non-negative integer");
    row("retention_days too large", document("\"records\": {\"retention_days\": 36501}"),
        "records.retention_days: must be at most 36500");
    row("max_total_mb zero", document("\"records\": {\"max_total_mb\": 0}"),
        "records.max_total_mb: must be a positive integer");
    row("max_total_mb too large", document("\"records\": {\"max_total_mb\": 1e300}"),
        "records.max_total_mb: must be at most 8796093022207");

    // the first problem in document order is the one reported
    row("first problem wins", document("\"listen\": \"x\", \"limits\": {\"max_connections\": 0}"),
        "listen: must be \"host:port\", e.g. \"127.0.0.1:8000\" or \"[::1]:8000\"");
}

void TestConfigJson::readRejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expectedError);
    QString error;
    const std::optional<Config> config = ConfigJson::read(json, &error);
    QVERIFY2(!config, "accepted an invalid configuration");
    QCOMPARE(error, expectedError);
}

void TestConfigJson::syntaxErrorsHaveLineAndColumn_data()
{
    // Qt reports the position just after the character where it noticed the problem.
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expectedPosition");

    QTest::newRow("missing comma") << QByteArray("{\n  \"version\": 1\n  \"listen\": \"x\"\n}")
                                   << QStringLiteral("line 3, column 4");
    QTest::newRow("trailing comma") << QByteArray("{\"version\": 1,\n}") << QStringLiteral("line 2, column 2");
    QTest::newRow("unterminated string") << QByteArray("{\"version\": 1,\n \"listen\": \"127.0.0.1:8000\n}")
                                         << QStringLiteral("line 3, column 2");
    QTest::newRow("after unicode") << QByteArray("{\"version\": 1, \"x\": \"日本語\" ]")
                                   << QStringLiteral("line 1, column 28"); // characters, not bytes
    QTest::newRow("truncated") << QByteArray("{\"version\": 1,\n\n  \"limits\": {")
                               << QStringLiteral("line 3, column ");
}

void TestConfigJson::syntaxErrorsHaveLineAndColumn()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expectedPosition);
    QString error;
    QVERIFY(!ConfigJson::read(json, &error));
    QVERIFY2(error.startsWith(expectedPosition), qPrintable(error));
    // followed by ": " and Qt's description of the problem
    QVERIFY2(error.indexOf(QStringLiteral(": "), expectedPosition.size()) > 0, qPrintable(error));
}

void TestConfigJson::roundTripIsExact_data()
{
    QTest::addColumn<Config>("config");

    QTest::newRow("defaults") << Config();
    QTest::newRow("full") << fullConfig();
    QTest::newRow("ratio with many digits")
        << with([](Config &c) { c.routing.fallback.breaker.errorRatio = 0.1 + 0.2; });
    QTest::newRow("ratio tiny") << with([](Config &c) { c.routing.fallback.breaker.errorRatio = 1e-9; });
    QTest::newRow("ipv6 any") << with([](Config &c) { c.server.host = QStringLiteral("::"); });
    QTest::newRow("platform with unset model values") << withPlatform([](PlatformConfig &p) {
        p.models = {model(QStringLiteral("a")), model(QStringLiteral("b"))};
    });
    QTest::newRow("prices") << withPlatform([](PlatformConfig &p) {
        ModelSettings priced = model(QStringLiteral("priced"));
        priced.price = ModelPrice {0.1 + 0.2, 1e-6, 0.075, std::nullopt};
        ModelSettings free = model(QStringLiteral("free"));
        free.price = ModelPrice {0, 0, 0.0, 0.0};
        p.models = {priced, free, model(QStringLiteral("unpriced"))};
        p.currency = QStringLiteral("EUR");
    });
    QTest::newRow("odd strings") << withPlatform([](PlatformConfig &p) {
        p.name = QStringLiteral("tab\there \"quotes\" back\\slash \u00e9\U0001F600 \x01");
        p.apiKey = QStringLiteral("line\nbreak/slash");
    });
}

void TestConfigJson::roundTripIsExact()
{
    QFETCH(Config, config);
    QVERIFY2(ConfigValidator::validate(config).isEmpty(), qPrintable(ConfigValidator::validate(config)));
    const QByteArray written = ConfigJson::write(config);
    QString error;
    const std::optional<Config> read = ConfigJson::read(written, &error);
    QVERIFY2(read, qPrintable(error + QLatin1Char('\n') + QString::fromUtf8(written)));
    QCOMPARE(*read, config);
    QCOMPARE(ConfigJson::write(*read), written);
}

void TestConfigJson::writeIsStableAndOrdered()
{
    const Config config = fullConfig();
    const QByteArray written = ConfigJson::write(config);
    QCOMPARE(ConfigJson::write(config), written);
    QVERIFY(written.endsWith("}\n"));

    // The documented order, not QJsonObject's alphabetical one.
    QCOMPARE(keysAtIndent(written, 2),
        (QStringList {QStringLiteral("version"), QStringLiteral("listen"), QStringLiteral("config_type"),
            QStringLiteral("claude_code"), QStringLiteral("model_priority_list"), QStringLiteral("routing_models"),
            QStringLiteral("scenes"), QStringLiteral("tiers"), QStringLiteral("rules"), QStringLiteral("classifier"),
            QStringLiteral("fallback"), QStringLiteral("platforms"), QStringLiteral("client_keys"),
            QStringLiteral("limits"), QStringLiteral("records"), QStringLiteral("upstream_proxy")}));
    const QStringList platformKeys = keysAtIndent(written.mid(written.indexOf("\n  \"platforms\": [")), 6);
    QCOMPARE(platformKeys.mid(0, 8),
        (QStringList {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("type"), QStringLiteral("base_url"),
            QStringLiteral("api_key"), QStringLiteral("enabled"), QStringLiteral("models"),
            QStringLiteral("timeouts")}));
    QVERIFY(written.contains("\"listen\": \"[::1]:8443\""));
    QVERIFY(written.contains("\"max_total_mb\": 3"));
    QVERIFY(written.contains("\"keep_alive_seconds\": 5"));
    QVERIFY(written.contains("\"config_type\": \"smart_routing\""));
    QVERIFY(written.contains("\"error_ratio\": 0.75"));
    QVERIFY(written.contains("\"long_context_threshold\": 90000"));
}

void TestConfigJson::writeIsValidJson()
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(ConfigJson::write(fullConfig()), &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    const QJsonObject platform = document.object().value(QStringLiteral("platforms")).toArray().at(0).toObject();
    QCOMPARE(platform.value(QStringLiteral("api_key")).toString(), QStringLiteral("$ANTHROPIC_API_KEY"));
    const QJsonObject sonnet = platform.value(QStringLiteral("models")).toArray().at(0).toObject();
    QCOMPARE(sonnet.value(QStringLiteral("reasoning")), QJsonValue(false));
    QCOMPARE(sonnet.value(QStringLiteral("context_window")).toInteger(), 200000);
    // unset model values are left out, so the preset's defaults keep applying
    const QJsonObject haiku = platform.value(QStringLiteral("models")).toArray().at(1).toObject();
    QCOMPARE(haiku.keys(), QStringList {QStringLiteral("id")});
}

QTEST_GUILESS_MAIN(TestConfigJson)
#include "TestConfigJson.moc"
