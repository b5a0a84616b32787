#pragma once

#include <QString>
#include <optional>

// What the Anthropic <-> OpenAI conversion needs to know about the target platform and model.
// Built once per attempt (platform + model) by ConversionProfile::forPlatform(); every field can be changed
// afterwards, so a platform preset or a user's model settings can refine it.
struct ConversionProfile
{
    enum class PlatformKind
    {
        GenericOpenAI, // any OpenAI-compatible service (vLLM, Kimi, GLM, ...)
        OpenAI, // api.openai.com models (gpt-*, o-series)
        DashScope, // Alibaba DashScope / Qwen, OpenAI-compatible mode
        OpenRouter,
        SiliconFlow,
        DeepSeek, // DeepSeek's own API or a DeepSeek model behind a generic endpoint
        Ollama,
        LMStudio,
    };

    // Which JSON-Schema keywords survive in tool parameters (see JsonSchemaSanitizer).
    enum class SchemaDialect
    {
        Permissive, // everything but `$schema`
        Standard, // also drops `$id`, `$comment`, `propertyNames`, `$defs` after inlining local `$ref`s
        Strict, // a whitelist: type, properties, required, items, enum, description, nullable, anyOf (nested)
    };

    // How Anthropic `thinking` is switched on upstream.
    enum class ReasoningStyle
    {
        None, // nothing is sent; the model does what it does
        EnableThinking, // DashScope / SiliconFlow: `enable_thinking: bool` (+ `thinking_budget`)
        OpenRouterReasoning, // `reasoning: {max_tokens}` or `reasoning: {effort}`
        DeepSeekThinking, // `thinking: {type: enabled|disabled}` (+ `reasoning_effort`)
        ReasoningEffort, // OpenAI o-series / gpt-5, Ollama: `reasoning_effort: low|medium|high`
    };

    PlatformKind kind = PlatformKind::GenericOpenAI;
    QString model; // the upstream model name sent in `model`

    int maxOutputTokens = 0; // `max_tokens` is clamped to this; 0 = no clamp
    int contextWindow = 0; // tokens; when known, `max_tokens` is also clamped so input + output fits; 0 = unknown
    bool supportsTools = true; // false: tools are emulated in the prompt (ToolEmulation)
    bool supportsVision = false; // false: images become a text placeholder
    bool supportsReasoning = false; // false: `thinking` is not forwarded
    bool canDisableReasoning = true; // false for thinking-only models, which reject a "thinking off" switch
    SchemaDialect schemaDialect = SchemaDialect::Standard;
    ReasoningStyle reasoningStyle = ReasoningStyle::None;

    // DeepSeek thinking mode: assistant turns that made tool calls carry their thinking back as
    // `reasoning_content` (the API rejects the follow-up otherwise). Other upstreams never get thinking back.
    bool passReasoningContentBack = false;
    bool useMaxCompletionTokens = false; // send `max_completion_tokens` instead of `max_tokens`
    bool sendStreamUsage = true; // `stream_options: {include_usage: true}` on streamed requests
    bool sendUser = false; // `metadata.user_id` -> `user`
    bool supportsToolChoiceRequired = true; // false: `tool_choice: any` becomes "auto" (or the only tool by name)
    bool supportsParallelToolCallsField = true; // `parallel_tool_calls: false` for `disable_parallel_tool_use`
    bool dropSamplingWithReasoning = false; // o-series: temperature / top_p are rejected
    bool assistantContentNullWithToolCalls = true; // `content: null` (true) or `""` for tool-call-only turns
    bool splitThinkTags = false; // a leading `<think>...</think>` in content is reasoning (older Ollama, R1 distills)
    bool parseTextToolCalls = false; // `<tool_call>{...}</tool_call>` in content become tool_use (E26)
    int maxStopSequences = 4; // OpenAI accepts at most 4 `stop` strings

    // Optional per-model settings that win over the preset (mirrors the `models[]` entries of the configuration).
    struct Overrides
    {
        std::optional<int> contextWindow;
        std::optional<int> maxOutputTokens;
        std::optional<bool> supportsTools;
        std::optional<bool> supportsVision;
        std::optional<bool> supportsReasoning;
    };

    // A sensible profile for a platform type id ("openai", "dashscope", "openrouter", "siliconflow", "ollama",
    // "lmstudio"; anything else is treated as a generic OpenAI-compatible service) and a model name. The model
    // name refines it (DeepSeek, Qwen, o-series, vision and reasoning models, Gemini's strict schemas).
    static ConversionProfile forPlatform(
        const QString &platformTypeId, const QString &model, const Overrides &overrides = {});

    // Tool emulation is used when the model has no native tool calling.
    bool emulatesTools() const { return !supportsTools; }
};
