#include "platforms/ModelCapabilities.h"

#include "platforms/PlatformPreset.h"

namespace {

using Types = QList<PlatformType>;
constexpr int kUnset = 0;

enum Flag
{
    Unset,
    No,
    Yes
};

std::optional<bool> flag(Flag value)
{
    if (value == Unset)
        return std::nullopt;
    return value == Yes;
}

ModelCapabilities::FamilyRule rule(const char *pattern, const Types &types, int contextWindow, int maxOutputTokens,
    Flag tools, Flag vision, Flag reasoning)
{
    ModelCapabilities::FamilyRule row;
    row.pattern = QString::fromLatin1(pattern);
    row.types = types;
    if (contextWindow != kUnset)
        row.settings.contextWindow = contextWindow;
    if (maxOutputTokens != kUnset)
        row.settings.maxOutputTokens = maxOutputTokens;
    row.settings.supportsTools = flag(tools);
    row.settings.supportsVision = flag(vision);
    row.settings.supportsReasoning = flag(reasoning);
    return row;
}

QList<ModelCapabilities::FamilyRule> buildRules()
{
    const Types any;
    const Types local = {PlatformType::Ollama, PlatformType::LMStudio};
    // Keep docs/configuration.md ("Model capabilities") in step with this table.
    return {
        // Anthropic Claude (OpenRouter spells versions with dots: claude-3.5-sonnet)
        rule("claude-opus-4*", any, 200'000, 32'000, Yes, Yes, Yes),
        rule("claude-sonnet-4*", any, 200'000, 64'000, Yes, Yes, Yes),
        rule("claude-haiku-4*", any, 200'000, 64'000, Yes, Yes, Yes),
        rule("claude-3-7-sonnet*", any, 200'000, 64'000, Yes, Yes, Yes),
        rule("claude-3.7-sonnet*", any, 200'000, 64'000, Yes, Yes, Yes),
        rule("claude-3-5-*", any, 200'000, 8'192, Yes, Yes, No),
        rule("claude-3.5-*", any, 200'000, 8'192, Yes, Yes, No),
        rule("claude-3-*", any, 200'000, 4'096, Yes, Yes, No),
        rule("claude-*", any, 200'000, 32'000, Yes, Yes, Yes),
        // Qwen: DashScope's commercial models, then open weights
        rule("qwen3-coder-plus*", any, 1'000'000, 65'536, Yes, No, No),
        rule("qwen3-coder-flash*", any, 1'000'000, 65'536, Yes, No, No),
        rule("qwen3-coder*", any, 262'144, 65'536, Yes, No, No),
        rule("qwen3-max*", any, 262'144, 65'536, Yes, No, No),
        rule("qwen-max*", any, 32'768, 8'192, Yes, No, No),
        rule("qwen-plus*", any, 131'072, 16'384, Yes, No, Yes),
        rule("qwen-turbo*", any, 1'000'000, 16'384, Yes, No, Yes),
        rule("qwen-flash*", any, 1'000'000, 32'768, Yes, No, Yes),
        rule("qwq*", any, 131'072, 8'192, Yes, No, Yes),
        rule("qvq*", any, 131'072, 8'192, Unset, Yes, Yes),
        rule("qwen2.5-coder*", any, 32'768, 8'192, Yes, No, No),
        rule("qwen3*", local, 40'960, 8'192, Yes, Unset, Yes),
        rule("qwen3*", any, kUnset, kUnset, Yes, Unset, Yes),
        rule("qwen2.5*", any, 32'768, 8'192, Yes, Unset, No),
        // DeepSeek
        rule("deepseek-reasoner*", any, 128'000, 65'536, Yes, No, Yes),
        rule("deepseek-chat*", any, 128'000, 8'192, Yes, No, No),
        rule("deepseek-r1*", any, 131'072, 32'768, Unset, No, Yes),
        rule("deepseek-v3*", any, 131'072, 8'192, Yes, No, Unset),
        // Meta Llama (Ollama: llama3.1:8b; LM Studio: meta-llama-3.1-8b-instruct)
        rule("llama3.2-vision*", any, 131'072, 8'192, No, Yes, No),
        rule("llama3.1*", any, 131'072, 8'192, Yes, No, No),
        rule("llama3.2*", any, 131'072, 8'192, Yes, No, No),
        rule("llama3.3*", any, 131'072, 8'192, Yes, No, No),
        rule("*llama-3.1-*", any, 131'072, 8'192, Yes, No, No),
        rule("*llama-3.2-*", any, 131'072, 8'192, Yes, No, No),
        rule("*llama-3.3-*", any, 131'072, 8'192, Yes, No, No),
        rule("llama3*", any, 8'192, 4'096, No, No, No),
        rule("*llama-3-*", any, 8'192, 4'096, No, No, No),
        // OpenAI
        rule("gpt-4o*", any, 128'000, 16'384, Yes, Yes, No),
        rule("gpt-4.1*", any, 1'047'576, 32'768, Yes, Yes, No),
        rule("gpt-5*", any, 400'000, 128'000, Yes, Yes, Yes),
        rule("o3*", any, 200'000, 100'000, Yes, Yes, Yes),
        rule("o4-mini*", any, 200'000, 100'000, Yes, Yes, Yes),
        // Name markers that hold across families
        rule("*-vl-*", any, kUnset, kUnset, Unset, Yes, Unset),
        rule("*-vl", any, kUnset, kUnset, Unset, Yes, Unset),
        rule("qwen*vl*", any, kUnset, kUnset, Unset, Yes, Unset),
        rule("*vision*", any, kUnset, kUnset, Unset, Yes, Unset),
        rule("llava*", any, kUnset, kUnset, No, Yes, Unset),
        rule("*-thinking*", any, kUnset, kUnset, Unset, Unset, Yes),
    };
}

} // namespace

namespace ModelCapabilities {

const QList<FamilyRule> &familyRules()
{
    static const QList<FamilyRule> rules = buildRules();
    return rules;
}

QString normalizedName(const QString &modelId)
{
    QString name = modelId.trimmed().toLower();
    const qsizetype slash = name.lastIndexOf(QLatin1Char('/'));
    if (slash >= 0)
        name = name.mid(slash + 1);
    const qsizetype colon = name.indexOf(QLatin1Char(':'));
    if (colon >= 0)
        name.truncate(colon);
    return name;
}

bool globMatches(const QString &pattern, const QString &text)
{
    // Iterative matcher with one backtrack point: linear in practice, no recursion.
    qsizetype p = 0;
    qsizetype t = 0;
    qsizetype starAt = -1;
    qsizetype starText = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern.at(p) == QLatin1Char('*')) {
            starAt = p++;
            starText = t;
        } else if (p < pattern.size() && pattern.at(p) == text.at(t)) {
            ++p;
            ++t;
        } else if (starAt >= 0) {
            p = starAt + 1;
            t = ++starText;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern.at(p) == QLatin1Char('*'))
        ++p;
    return p == pattern.size();
}

void fillUnset(ModelSettings &target, const ModelSettings &source)
{
    if (!target.contextWindow)
        target.contextWindow = source.contextWindow;
    if (!target.maxOutputTokens)
        target.maxOutputTokens = source.maxOutputTokens;
    if (!target.supportsTools)
        target.supportsTools = source.supportsTools;
    if (!target.supportsVision)
        target.supportsVision = source.supportsVision;
    if (!target.supportsReasoning)
        target.supportsReasoning = source.supportsReasoning;
}

ModelSettings familyDefaults(PlatformType type, const QString &modelId)
{
    ModelSettings result;
    result.id = modelId;
    const QString name = normalizedName(modelId);
    if (name.isEmpty())
        return result;
    for (const FamilyRule &row : familyRules()) {
        if (!row.types.isEmpty() && !row.types.contains(type))
            continue;
        if (globMatches(row.pattern, name))
            fillUnset(result, row.settings);
    }
    return result;
}

ModelSettings resolve(const PlatformConfig &platform, const QString &modelId, const DiscoveredModel *discovered)
{
    ModelSettings result;
    result.id = modelId;
    for (const ModelSettings &configured : platform.models) {
        if (configured.id == modelId) {
            fillUnset(result, configured);
            break;
        }
    }
    if (discovered && discovered->id == modelId)
        fillUnset(result, discovered->toModelSettings());
    fillUnset(result, familyDefaults(platform.type, modelId));
    fillUnset(result, PlatformPresets::forType(platform.type).modelDefaults);
    return result;
}

} // namespace ModelCapabilities
