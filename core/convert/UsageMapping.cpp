#include "convert/UsageMapping.h"

namespace {

qint64 count(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    // Bounded before the conversion: a double out of qint64 range would be undefined behaviour.
    return v.isDouble() ? qint64(qBound(0.0, v.toDouble(), 1e15)) : 0;
}

bool has(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).isDouble();
}

} // namespace

QJsonObject AnthropicUsage::toJson() const
{
    return QJsonObject {{QStringLiteral("input_tokens"), double(inputTokens)},
        {QStringLiteral("output_tokens"), double(outputTokens)},
        {QStringLiteral("cache_read_input_tokens"), double(cacheReadInputTokens)},
        {QStringLiteral("cache_creation_input_tokens"), double(cacheCreationInputTokens)}};
}

bool UsageMapping::hasCounts(const QJsonObject &usage)
{
    return has(usage, "prompt_tokens") || has(usage, "completion_tokens") || has(usage, "input_tokens")
        || has(usage, "output_tokens") || has(usage, "total_tokens");
}

AnthropicUsage UsageMapping::fromOpenAI(const QJsonObject &usage)
{
    AnthropicUsage out;
    out.reportedByUpstream = hasCounts(usage);
    const QJsonObject promptDetails = usage.value(QStringLiteral("prompt_tokens_details")).toObject();
    const QJsonObject inputDetails = usage.value(QStringLiteral("input_tokens_details")).toObject();

    qint64 cacheRead = 0;
    if (has(usage, "prompt_cache_hit_tokens"))
        cacheRead = count(usage, "prompt_cache_hit_tokens");
    else if (count(usage, "cache_read_input_tokens") > 0)
        cacheRead = count(usage, "cache_read_input_tokens");
    else if (count(promptDetails, "cached_tokens") > 0)
        cacheRead = count(promptDetails, "cached_tokens");
    else
        cacheRead = count(inputDetails, "cached_tokens");

    qint64 cacheCreation = count(usage, "cache_creation_input_tokens");
    if (cacheCreation == 0)
        cacheCreation = count(promptDetails, "cache_creation_tokens");
    if (cacheCreation == 0)
        cacheCreation = count(promptDetails, "cache_write_tokens");

    if (has(usage, "prompt_tokens")) {
        out.inputTokens = qMax<qint64>(0, count(usage, "prompt_tokens") - cacheRead - cacheCreation);
    } else if (has(usage, "prompt_cache_miss_tokens")) {
        out.inputTokens = count(usage, "prompt_cache_miss_tokens");
    } else {
        out.inputTokens = count(usage, "input_tokens"); // already Anthropic-shaped
    }
    out.outputTokens
        = has(usage, "completion_tokens") ? count(usage, "completion_tokens") : count(usage, "output_tokens");
    out.cacheReadInputTokens = cacheRead;
    out.cacheCreationInputTokens = cacheCreation;
    return out;
}
