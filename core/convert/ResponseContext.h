#pragma once

#include "convert/ToolNameMap.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

// What the response side of a conversion needs from the request side. AnthropicToOpenAIRequest::convert()
// fills it; the proxy hands it to OpenAIToAnthropicResponse / OpenAIStreamTranslator for the same attempt.
struct ResponseContext
{
    QString requestedModel; // the model the client asked for: echoed in `model`
    ToolNameMap toolNames; // upstream function name -> client tool name
    QStringList declaredTools; // client tool names of the request (text tool calls must name one of these)
    QStringList stopSequences; // the request's stop_sequences, to report stop_reason "stop_sequence"
    bool toolsEmulated = false; // tools were described in the prompt: tool calls come back as text
    bool parseTextToolCalls = false; // also accept `<tool_call>` text from models with native tools (E26)
    bool splitThinkTags = false; // a leading <think>...</think> in content is reasoning
    bool reasoningOnlyFallbackToText = true; // an answer that is only reasoning also becomes a text block (E21)
    QJsonObject request; // the Anthropic request (implicitly shared: no copy), for the input estimate

    // TokenEstimator's count of `request`: reported in message_start and used when the upstream reports no usage.
    // Computed on first use, so the request path does not pay for it; a proxy can call it while it waits for
    // the upstream's first byte. Setting estimatedInputTokens (>= 0) fixes the value.
    int inputTokenEstimate() const;
    mutable int estimatedInputTokens = -1;
};
