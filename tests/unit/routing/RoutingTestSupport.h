#pragma once

#include "config/Config.h"
#include "platforms/PlatformPreset.h"
#include "routing/RouteRequest.h"

#include <QMetaType>
#include <QStringList>

Q_DECLARE_METATYPE(Config)
Q_DECLARE_METATYPE(RouteRequest)

namespace RoutingTestSupport {

inline PlatformConfig platform(const QString &id, PlatformType type, bool enabled = true)
{
    PlatformConfig platform;
    platform.id = id;
    platform.name = id;
    platform.type = type;
    platform.apiKey = PlatformPresets::forType(type).requiresApiKey ? QStringLiteral("key-") + id : QString();
    platform.enabled = enabled;
    platform.timeouts = PlatformPresets::forType(type).timeouts;
    return platform;
}

inline ModelSettings model(const QString &id, std::optional<int> contextWindow = std::nullopt,
    std::optional<bool> tools = std::nullopt, std::optional<bool> vision = std::nullopt)
{
    ModelSettings settings;
    settings.id = id;
    settings.contextWindow = contextWindow;
    settings.supportsTools = tools;
    settings.supportsVision = vision;
    return settings;
}

// Platforms of every kind the planner cares about:
//   anthropic  anthropic, enabled (200k, tools, vision)
//   relay      anthropic, disabled
//   dashscope  qwen3-coder-plus (1M, no vision), qwen-vl-max (vision), others: 131072, tools, no vision
//   openrouter deepseek/deepseek-r1 without tools; others: 128k, tools, no vision
//   ollama     qwen3-coder:30b and qwen2.5-coder:7b configured with a 32768 window (as num_ctx often is), tools,
//              no vision
//   off        dashscope, disabled
inline Config baseConfig(RoutingMode mode = RoutingMode::ClaudeCode)
{
    Config config;
    config.routing.mode = mode;
    PlatformConfig dashscope = platform(QStringLiteral("dashscope"), PlatformType::DashScope);
    dashscope.models = {model(QStringLiteral("qwen3-coder-plus"), 1'000'000, true, false),
        model(QStringLiteral("qwen-vl-max"), std::nullopt, true, true)};
    PlatformConfig ollama = platform(QStringLiteral("ollama"), PlatformType::Ollama);
    ollama.models = {model(QStringLiteral("qwen3-coder:30b"), 32'768, true, false),
        model(QStringLiteral("qwen2.5-coder:7b"), 32'768, true, false)};
    PlatformConfig openrouter = platform(QStringLiteral("openrouter"), PlatformType::OpenRouter);
    openrouter.models = {model(QStringLiteral("deepseek/deepseek-r1"), 163'840, false)};
    config.platforms = {
        platform(QStringLiteral("anthropic"), PlatformType::Anthropic),
        platform(QStringLiteral("relay"), PlatformType::Anthropic, false),
        dashscope,
        openrouter,
        ollama,
        platform(QStringLiteral("off"), PlatformType::DashScope, false),
    };
    return config;
}

inline Scene scene(const QString &name, const QStringList &models, bool isDefault = false)
{
    Scene scene;
    scene.name = name;
    scene.description = QStringLiteral("requests about ") + name;
    scene.models = models;
    scene.isDefault = isDefault;
    return scene;
}

inline RouteRequest messages(const QString &model)
{
    RouteRequest request;
    request.endpoint = QStringLiteral("/v1/messages");
    request.model = model;
    request.hasTools = true; // Claude Code's main loop always sends tools
    request.maxTokens = 32'000;
    request.estimatedInputTokens = 20'000;
    return request;
}

} // namespace RoutingTestSupport
