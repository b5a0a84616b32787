#pragma once

#include <QJsonObject>

// Token usage in Anthropic terms. Anthropic's input_tokens excludes cached tokens: total input =
// input + cache_creation + cache_read.
struct AnthropicUsage
{
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    qint64 cacheReadInputTokens = 0;
    qint64 cacheCreationInputTokens = 0;
    bool reportedByUpstream = false; // false: estimated

    // {"input_tokens", "output_tokens", "cache_read_input_tokens", "cache_creation_input_tokens"}
    QJsonObject toJson() const;
};

// OpenAI usage -> Anthropic usage (§5.5 of the conversion reference):
//   cache_read     = prompt_cache_hit_tokens (DeepSeek) | cache_read_input_tokens | prompt_tokens_details.cached_tokens
//                    | input_tokens_details.cached_tokens
//   cache_creation = cache_creation_input_tokens | prompt_tokens_details.cache_creation_tokens | .cache_write_tokens
//   input          = max(prompt_tokens - cache_read - cache_creation, 0)
//   output         = completion_tokens (reasoning tokens included)
class UsageMapping
{
public:
    static AnthropicUsage fromOpenAI(const QJsonObject &usage);
    // True when the object carries any token count (a `usage: null` or `{}` does not).
    static bool hasCounts(const QJsonObject &usage);
};
