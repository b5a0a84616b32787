#include "convert/ConversionProfile.h"

#include "convert/TextChecks.h"

#include <QLatin1String>
#include <initializer_list>

namespace {

bool isOpenAIReasoningModel(const QString &m)
{
    return m.startsWith(QLatin1String("o1")) || m.startsWith(QLatin1String("o3")) || m.startsWith(QLatin1String("o4"))
        || m.startsWith(QLatin1String("gpt-5")) || m.contains(QLatin1String("/o1")) || m.contains(QLatin1String("/o3"))
        || m.contains(QLatin1String("/o4")) || m.contains(QLatin1String("/gpt-5"));
}

bool looksLikeVisionModel(const QString &m)
{
    if (isOpenAIReasoningModel(m))
        return !containsAny(m, {"o1-mini", "o3-mini"});
    return containsAny(m,
        {"-vl", "vl-", "qvq", "omni", "vision", "gpt-4o", "gpt-4.1", "gemini", "claude", "llava", "gemma3", "gemma-3",
            "gemma4", "gemma-4", "pixtral", "glm-4v", "glm-4.5v", "minicpm-v", "moondream", "llama4", "kimi-vl",
            "mistral-small-3", "grok-4"});
}

// Qwen models that can think and accept enable_thinking (hybrid Qwen3 models think by default).
bool qwenCanReason(const QString &m)
{
    if (m.contains(QLatin1String("coder")))
        return false;
    return containsAny(
        m, {"qwq", "qvq", "thinking", "qwen3", "qwen-plus", "qwen-turbo", "qwen-flash", "qwen-max-latest"});
}

// Thinking-only models reject `enable_thinking: false`.
bool reasoningAlwaysOn(const QString &m)
{
    return containsAny(m, {"qwq", "qvq", "-thinking", "deepseek-r1", "deepseek-reasoner", "/r1", "-r1"});
}

int dashScopeMaxOutput(const QString &m)
{
    if (containsAny(m, {"qwen3-coder", "qwen3-max", "qwen3.5", "qwen3.6"}))
        return 65536;
    if (containsAny(m, {"qwen-plus", "qwen-flash", "qwen3-"}))
        return 32768;
    if (m.contains(QLatin1String("qwen-turbo")))
        return 16384;
    return 8192;
}

int openAIMaxOutput(const QString &m)
{
    if (m.contains(QLatin1String("gpt-5")))
        return 128000;
    if (isOpenAIReasoningModel(m))
        return 100000;
    if (m.contains(QLatin1String("gpt-4.1")))
        return 32768;
    if (m.contains(QLatin1String("gpt-4o")))
        return 16384;
    return 0;
}

void applyDeepSeek(ConversionProfile &p, const QString &m)
{
    p.kind = ConversionProfile::PlatformKind::DeepSeek;
    p.reasoningStyle = ConversionProfile::ReasoningStyle::DeepSeekThinking;
    p.supportsReasoning = true;
    p.passReasoningContentBack = true;
    p.maxOutputTokens = m.contains(QLatin1String("reasoner")) ? 65536 : 8192;
    p.contextWindow = 131072;
    p.supportsVision = false;
}

} // namespace

ConversionProfile ConversionProfile::forPlatform(
    const QString &platformTypeId, const QString &model, const Overrides &overrides)
{
    ConversionProfile p;
    p.model = model;
    const QString m = model.toLower();
    const QString type = platformTypeId.toLower();
    p.supportsVision = looksLikeVisionModel(m);

    if (type == QLatin1String("dashscope")) {
        p.kind = PlatformKind::DashScope;
        p.reasoningStyle = ReasoningStyle::EnableThinking;
        p.supportsReasoning = qwenCanReason(m) || m.contains(QLatin1String("deepseek"));
        p.maxOutputTokens = dashScopeMaxOutput(m);
        // DashScope documents tool_choice "auto", "none" and a named function only.
        p.supportsToolChoiceRequired = false;
    } else if (type == QLatin1String("openrouter")) {
        p.kind = PlatformKind::OpenRouter;
        // OpenRouter normalizes `reasoning` across models and ignores it for models that cannot reason.
        p.reasoningStyle = ReasoningStyle::OpenRouterReasoning;
        p.supportsReasoning = true;
        p.sendUser = true;
        p.maxOutputTokens = 32768;
        if (m.contains(QLatin1String("deepseek")))
            p.passReasoningContentBack = true;
    } else if (type == QLatin1String("siliconflow")) {
        p.kind = PlatformKind::SiliconFlow;
        p.reasoningStyle = ReasoningStyle::EnableThinking;
        p.supportsReasoning = qwenCanReason(m)
            || containsAny(m,
                {"deepseek-v3.1", "deepseek-v3.2", "deepseek-r1", "glm-4.5", "glm-4.6", "glm-z1", "hunyuan-a13b",
                    "kimi-k2-thinking"});
        p.maxOutputTokens = 16384;
        p.splitThinkTags = true;
    } else if (type == QLatin1String("ollama")) {
        p.kind = PlatformKind::Ollama;
        p.supportsReasoning = containsAny(m, {"deepseek-r1", "qwq", "qwen3", "gpt-oss", "magistral", "thinking"});
        p.reasoningStyle = p.supportsReasoning ? ReasoningStyle::ReasoningEffort : ReasoningStyle::None;
        p.splitThinkTags = true;
        p.parseTextToolCalls = true;
    } else if (type == QLatin1String("lmstudio")) {
        p.kind = PlatformKind::LMStudio;
        p.reasoningStyle = ReasoningStyle::None;
        p.splitThinkTags = true;
        p.parseTextToolCalls = true;
    } else {
        // "openai" and anything else: an OpenAI-compatible service; the model name tells which.
        if (m.contains(QLatin1String("deepseek"))) {
            applyDeepSeek(p, m);
        } else if (m.startsWith(QLatin1String("gpt-")) || isOpenAIReasoningModel(m)) {
            p.kind = PlatformKind::OpenAI;
            p.schemaDialect = SchemaDialect::Permissive;
            p.sendUser = true;
            p.maxOutputTokens = openAIMaxOutput(m);
            if (isOpenAIReasoningModel(m)) {
                p.reasoningStyle = ReasoningStyle::ReasoningEffort;
                p.supportsReasoning = true;
                p.useMaxCompletionTokens = true;
                p.dropSamplingWithReasoning = true;
            }
        } else {
            p.kind = PlatformKind::GenericOpenAI;
            p.splitThinkTags = true;
            if (m.contains(QLatin1String("glm-4.5")) || m.contains(QLatin1String("glm-4.6"))
                || m.contains(QLatin1String("glm-5"))) {
                // Zhipu's GLM takes the same `thinking: {type}` switch as DeepSeek.
                p.reasoningStyle = ReasoningStyle::DeepSeekThinking;
                p.supportsReasoning = true;
            }
        }
    }

    if (m.contains(QLatin1String("gemini")))
        p.schemaDialect = SchemaDialect::Strict;

    if (overrides.contextWindow)
        p.contextWindow = qMax(0, *overrides.contextWindow);
    if (overrides.maxOutputTokens)
        p.maxOutputTokens = qMax(0, *overrides.maxOutputTokens);
    if (overrides.supportsTools)
        p.supportsTools = *overrides.supportsTools;
    if (overrides.supportsVision)
        p.supportsVision = *overrides.supportsVision;
    if (overrides.supportsReasoning) {
        p.supportsReasoning = *overrides.supportsReasoning;
        if (p.supportsReasoning && p.reasoningStyle == ReasoningStyle::None)
            p.reasoningStyle = ReasoningStyle::ReasoningEffort;
    }
    p.canDisableReasoning = !reasoningAlwaysOn(m);
    return p;
}
