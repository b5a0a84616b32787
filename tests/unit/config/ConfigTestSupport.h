#pragma once

#include "config/Config.h"
#include "config/ConfigJson.h"
#include "config/SecretReference.h"
#include "platforms/PlatformPreset.h"

#include <QHash>
#include <QMetaType>
#include <QtTest>

Q_DECLARE_METATYPE(Config)

// QCOMPARE prints a Config as its JSON form.
inline char *toString(const Config &config)
{
    return qstrdup(ConfigJson::write(config).constData());
}

namespace ConfigTestSupport {

// A fake environment for ConfigResolver: only the variables in `variables` are set.
inline SecretReference::Lookup fakeEnvironment(const QHash<QString, QString> &variables)
{
    return [variables](const QString &name) -> std::optional<QString> {
        const auto it = variables.constFind(name);
        if (it == variables.constEnd())
            return std::nullopt;
        return *it;
    };
}

inline PlatformConfig platform(const QString &id, PlatformType type, const QString &apiKey = QString())
{
    PlatformConfig platform;
    platform.id = id;
    platform.name = id;
    platform.type = type;
    platform.apiKey = apiKey;
    platform.timeouts = PlatformPresets::forType(type).timeouts;
    return platform;
}

inline ModelSettings model(const QString &id)
{
    ModelSettings model;
    model.id = id;
    return model;
}

// A configuration that sets every field to something other than its default.
inline Config fullConfig()
{
    Config config;
    config.server.host = QStringLiteral("::1");
    config.server.port = 8443;

    PlatformConfig anthropic
        = platform(QStringLiteral("anthropic"), PlatformType::Anthropic, QStringLiteral("$ANTHROPIC_API_KEY"));
    anthropic.name = QStringLiteral("Anthropic");
    anthropic.baseUrl = QStringLiteral("https://api.anthropic.com");
    ModelSettings sonnet = model(QStringLiteral("claude-sonnet-4-5"));
    sonnet.contextWindow = 200000;
    sonnet.maxOutputTokens = 64000;
    sonnet.supportsTools = true;
    sonnet.supportsVision = true;
    sonnet.supportsReasoning = false;
    sonnet.price = ModelPrice {3, 15, 0.3, 3.75};
    anthropic.models = {sonnet, model(QStringLiteral("claude-haiku-4-5"))};
    anthropic.timeouts = {1000, 2000, 3000, 4000};

    PlatformConfig relay
        = platform(QStringLiteral("relay.backup-1"), PlatformType::Anthropic, QStringLiteral("literal-with-$$-dollar"));
    relay.name = QString(); // shown as the id
    relay.baseUrl = QStringLiteral("http://10.0.0.5:8080/anthropic");
    relay.enabled = false;

    PlatformConfig dashscope
        = platform(QStringLiteral("dashscope"), PlatformType::DashScope, QStringLiteral("${DASHSCOPE_API_KEY}"));
    ModelSettings coder = model(QStringLiteral("qwen3-coder-plus"));
    coder.contextWindow = 1000000;
    coder.supportsVision = false;
    dashscope.models = {coder};
    dashscope.currency = QStringLiteral("CNY");

    PlatformConfig openrouter
        = platform(QStringLiteral("openrouter"), PlatformType::OpenRouter, QStringLiteral("sk-or-literal"));
    PlatformConfig siliconflow
        = platform(QStringLiteral("siliconflow"), PlatformType::SiliconFlow, QStringLiteral("$SILICONFLOW_API_KEY"));
    PlatformConfig openai = platform(
        QStringLiteral("vllm"), PlatformType::OpenAICompatible, QStringLiteral("Bearer-\"quoted\"\\-$VLLM_KEY"));
    openai.baseUrl = QStringLiteral("https://gpu.example.com:8443/v1");
    openai.timeouts.totalMs = 0;
    PlatformConfig ollama = platform(QStringLiteral("local"), PlatformType::Ollama);
    ollama.name = QStringLiteral("本地 Ollama");
    PlatformConfig lmstudio = platform(QStringLiteral("lms"), PlatformType::LMStudio);
    lmstudio.baseUrl = QStringLiteral("http://127.0.0.1:1234/v1");

    config.platforms = {anthropic, relay, dashscope, openrouter, siliconflow, openai, ollama, lmstudio};

    config.routing.mode = RoutingMode::SmartRouting;
    config.routing.claudeCodePlatforms = {QStringLiteral("anthropic"), QStringLiteral("relay.backup-1")};
    config.routing.modelPriorityList
        = {QStringLiteral("dashscope:qwen3-coder-plus"), QStringLiteral("openrouter:deepseek/deepseek-chat")};
    config.routing.routingModels = {QStringLiteral("dashscope:qwen-turbo")};
    config.routing.scenes = {
        Scene {QStringLiteral("chat"), QStringLiteral("simple questions"), {QStringLiteral("dashscope:qwen-turbo")}},
        Scene {QStringLiteral("code"), QStringLiteral("writes \"code\"\nand tests\t"),
            {QStringLiteral("dashscope:qwen3-coder-plus"), QStringLiteral("local:qwen2.5-coder:7b")}},
    };
    config.routing.scenes[1].isDefault = true;
    config.routing.tiers.haiku = {QStringLiteral("dashscope:qwen-turbo")};
    config.routing.tiers.sonnet
        = {QStringLiteral("dashscope:qwen3-coder-plus"), QStringLiteral("openrouter:qwen/qwen3-coder")};
    config.routing.tiers.opus = {QStringLiteral("openrouter:deepseek/deepseek-r1")};
    config.routing.rules.background = {QStringLiteral("local:qwen2.5-coder:7b")};
    config.routing.rules.think = {QStringLiteral("openrouter:deepseek/deepseek-r1")};
    config.routing.rules.longContext = {QStringLiteral("dashscope:qwen3-coder-plus")};
    config.routing.rules.longContextThreshold = 90'000;
    config.routing.rules.image = {QStringLiteral("anthropic:claude-sonnet-4-5")};
    config.routing.classifier.enabled = false;
    config.routing.classifier.deadlineMs = 1'500;
    config.routing.fallback.maxAttempts = 5;
    config.routing.fallback.retrySameModel = 0;
    config.routing.fallback.backoffMs = 250;
    config.routing.fallback.firstByteTimeoutMs = 0;
    config.routing.fallback.breaker.window = 10;
    config.routing.fallback.breaker.minRequests = 4;
    config.routing.fallback.breaker.errorRatio = 0.75;
    config.routing.fallback.breaker.cooldownSeconds = 30;

    ClientKey alice;
    alice.id = QStringLiteral("alice");
    alice.name = QStringLiteral("Alice");
    alice.key = QStringLiteral("$SWITCHYARD_KEY_ALICE");
    ClientKey bob;
    bob.id = QStringLiteral("bob");
    bob.key = QStringLiteral("bob-literal-key");
    bob.enabled = false;
    config.clientKeys = {alice, bob};

    config.limits.maxRequestBodyBytes = 1000;
    config.limits.maxConnections = 7;
    config.limits.keepAliveIdleSeconds = 5;
    config.limits.shutdownGraceSeconds = 0;

    config.records.enabled = false;
    config.records.storeBodies = false;
    config.records.retentionDays = 0;
    config.records.maxTotalBytes = 3LL * 1024 * 1024;

    config.upstreamProxy.mode = UpstreamProxySettings::Mode::Manual;
    config.upstreamProxy.url = QStringLiteral("http://proxy-user:url-literal-pass@proxy.example:3128");
    config.upstreamProxy.password = QStringLiteral("$SWITCHYARD_PROXY_PASSWORD");
    config.upstreamProxy.noProxy = QStringLiteral("intranet.example, 10.0.0.0/8");
    return config;
}

// Every variable fullConfig() refers to.
inline QHash<QString, QString> fullEnvironment()
{
    return {
        {QStringLiteral("ANTHROPIC_API_KEY"), QStringLiteral("sk-ant-test")},
        {QStringLiteral("DASHSCOPE_API_KEY"), QStringLiteral("sk-dashscope-test")},
        {QStringLiteral("SILICONFLOW_API_KEY"), QStringLiteral("sk-siliconflow-test")},
        {QStringLiteral("VLLM_KEY"), QStringLiteral("vllm-test")},
        {QStringLiteral("SWITCHYARD_KEY_ALICE"), QStringLiteral("alice-secret")},
        {QStringLiteral("SWITCHYARD_PROXY_PASSWORD"), QStringLiteral("proxy-secret")},
    };
}

} // namespace ConfigTestSupport
