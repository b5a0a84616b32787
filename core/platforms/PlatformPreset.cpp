#include "platforms/PlatformPreset.h"

#include "platforms/ModelCapabilities.h"

namespace {

TimeoutSettings cloudTimeouts()
{
    // A reasoning model may think for minutes before its first byte and pause as long inside a stream;
    // a whole answer is never cut short (Claude Code has its own 10-minute request timeout).
    TimeoutSettings timeouts;
    timeouts.connectMs = 10'000;
    timeouts.firstByteMs = 300'000;
    timeouts.idleMs = 300'000;
    timeouts.totalMs = 0;
    return timeouts;
}

TimeoutSettings localTimeouts()
{
    // Local servers answer a connect at once, but may first load the model into memory and then process
    // a large Claude Code prompt on a CPU: the first byte may take much longer than in the cloud.
    TimeoutSettings timeouts;
    timeouts.connectMs = 5'000;
    timeouts.firstByteMs = 600'000;
    timeouts.idleMs = 300'000;
    timeouts.totalMs = 0;
    return timeouts;
}

ModelSettings modelDefaults(int contextWindow, int maxOutputTokens, bool tools, bool vision, bool reasoning)
{
    ModelSettings model;
    model.contextWindow = contextWindow;
    model.maxOutputTokens = maxOutputTokens;
    model.supportsTools = tools;
    model.supportsVision = vision;
    model.supportsReasoning = reasoning;
    return model;
}

QList<PlatformPreset> buildPresets()
{
    QList<PlatformPreset> presets;

    PlatformPreset anthropic;
    anthropic.type = PlatformType::Anthropic;
    anthropic.displayName = QStringLiteral("Anthropic");
    anthropic.defaultBaseUrl = QStringLiteral("https://api.anthropic.com");
    anthropic.requiresApiKey = true;
    anthropic.protocol = WireProtocol::AnthropicMessages;
    anthropic.apiKeyVariable = QStringLiteral("ANTHROPIC_API_KEY");
    anthropic.timeouts = cloudTimeouts();
    anthropic.modelDefaults = modelDefaults(200'000, 32'000, true, true, true);
    presets.append(anthropic);

    PlatformPreset openai;
    openai.type = PlatformType::OpenAICompatible;
    openai.displayName = QStringLiteral("OpenAI-compatible");
    openai.requiresApiKey = true;
    openai.protocol = WireProtocol::OpenAIChat;
    openai.apiKeyVariable = QStringLiteral("OPENAI_API_KEY");
    openai.timeouts = cloudTimeouts();
    openai.modelDefaults = modelDefaults(128'000, 8'192, true, false, false);
    presets.append(openai);

    PlatformPreset dashscope;
    dashscope.type = PlatformType::DashScope;
    dashscope.displayName = QStringLiteral("DashScope (Qwen)");
    dashscope.defaultBaseUrl = QStringLiteral("https://dashscope.aliyuncs.com/compatible-mode/v1");
    dashscope.alternativeBaseUrls = {QStringLiteral("https://dashscope-intl.aliyuncs.com/compatible-mode/v1")};
    dashscope.requiresApiKey = true;
    dashscope.protocol = WireProtocol::OpenAIChat;
    dashscope.apiKeyVariable = QStringLiteral("DASHSCOPE_API_KEY");
    dashscope.timeouts = cloudTimeouts();
    dashscope.modelDefaults = modelDefaults(131'072, 8'192, true, false, false);
    presets.append(dashscope);

    PlatformPreset openrouter;
    openrouter.type = PlatformType::OpenRouter;
    openrouter.displayName = QStringLiteral("OpenRouter");
    openrouter.defaultBaseUrl = QStringLiteral("https://openrouter.ai/api/v1");
    openrouter.requiresApiKey = true;
    openrouter.protocol = WireProtocol::OpenAIChat;
    openrouter.apiKeyVariable = QStringLiteral("OPENROUTER_API_KEY");
    openrouter.timeouts = cloudTimeouts();
    openrouter.modelDefaults = modelDefaults(128'000, 8'192, true, false, false);
    presets.append(openrouter);

    PlatformPreset siliconflow;
    siliconflow.type = PlatformType::SiliconFlow;
    siliconflow.displayName = QStringLiteral("SiliconFlow");
    siliconflow.defaultBaseUrl = QStringLiteral("https://api.siliconflow.cn/v1");
    siliconflow.requiresApiKey = true;
    siliconflow.protocol = WireProtocol::OpenAIChat;
    siliconflow.apiKeyVariable = QStringLiteral("SILICONFLOW_API_KEY");
    siliconflow.timeouts = cloudTimeouts();
    siliconflow.modelDefaults = modelDefaults(128'000, 8'192, true, false, false);
    presets.append(siliconflow);

    PlatformPreset ollama;
    ollama.type = PlatformType::Ollama;
    ollama.displayName = QStringLiteral("Ollama");
    ollama.defaultBaseUrl = QStringLiteral("http://localhost:11434/v1");
    ollama.requiresApiKey = false;
    ollama.isLocal = true;
    ollama.protocol = WireProtocol::OpenAIChat;
    ollama.timeouts = localTimeouts();
    ollama.modelDefaults = modelDefaults(32'768, 8'192, true, false, false);
    presets.append(ollama);

    PlatformPreset lmstudio;
    lmstudio.type = PlatformType::LMStudio;
    lmstudio.displayName = QStringLiteral("LM Studio");
    lmstudio.defaultBaseUrl = QStringLiteral("http://localhost:1234/v1");
    lmstudio.requiresApiKey = false;
    lmstudio.isLocal = true;
    lmstudio.protocol = WireProtocol::OpenAIChat;
    lmstudio.timeouts = localTimeouts();
    lmstudio.modelDefaults = modelDefaults(32'768, 8'192, true, false, false);
    presets.append(lmstudio);

    return presets;
}

} // namespace

QString wireProtocolId(WireProtocol protocol)
{
    switch (protocol) {
    case WireProtocol::AnthropicMessages:
        return QStringLiteral("anthropic-messages");
    case WireProtocol::OpenAIChat:
        return QStringLiteral("openai-chat");
    }
    return QString();
}

namespace PlatformPresets {

const QList<PlatformPreset> &all()
{
    static const QList<PlatformPreset> presets = buildPresets();
    return presets;
}

const PlatformPreset &forType(PlatformType type)
{
    for (const PlatformPreset &preset : all()) {
        if (preset.type == type)
            return preset;
    }
    Q_UNREACHABLE(); // buildPresets() covers every PlatformType (tested)
}

QString effectiveBaseUrl(const PlatformConfig &platform)
{
    return platform.baseUrl.isEmpty() ? forType(platform.type).defaultBaseUrl : platform.baseUrl;
}

ModelSettings modelCapabilities(
    const PlatformConfig &platform, const QString &modelId, const DiscoveredModel *discovered)
{
    return ModelCapabilities::resolve(platform, modelId, discovered);
}

} // namespace PlatformPresets
