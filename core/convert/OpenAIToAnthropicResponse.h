#pragma once

#include "convert/ResponseContext.h"
#include "convert/UsageMapping.h"
#include "protocol/ApiError.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <optional>

struct AnthropicResponseConversion
{
    QJsonObject message; // the Anthropic Message (valid when ok())
    std::optional<ApiError> error; // the upstream body was an error or unreadable
    AnthropicUsage usage;

    bool ok() const { return !error.has_value(); }
};

// OpenAI chat.completion (non-streaming) -> Anthropic Message (§5.2): a thinking block first (from
// `reasoning_content` / `reasoning`, or a leading <think> in content), then text, then tool_use blocks (arguments
// repaired, E7; names and ids mapped back, E13/E14; `<tool_call>` text parsed when the context asks for it);
// stop_reason mapped as in the stream (tool_use whenever a tool_use block is present, E6, but length -> max_tokens;
// stop_sequence from
// a vLLM-style stop_reason, E30); usage per §5.5 (estimated when absent); id "msg_..."; model = the model the
// client asked for.
class OpenAIToAnthropicResponse
{
public:
    static AnthropicResponseConversion convert(const QJsonObject &openai, const ResponseContext &context);
    // Parses `body` first; a body that is not a JSON object is an api_error.
    static AnthropicResponseConversion convert(const QByteArray &body, const ResponseContext &context);

    // "msg_" + 24 random hex digits.
    static QString generateMessageId();
    // The signature given to thinking blocks made from upstream reasoning. Anthropic would reject it, so a
    // proxy that sends a conversation on to a real Anthropic upstream must strip thinking blocks carrying it.
    static const QString &syntheticSignature();
    static bool isSyntheticSignature(const QString &signature);
};
