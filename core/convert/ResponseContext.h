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

    // TokenEstimator's count of `request`: used when the upstream reports no usage, and to fit max_tokens into a
    // context window the request might not leave room in. Computed on first use only (about 150 us for a Claude
    // Code request), so most requests never pay for it. Setting estimatedInputTokens (>= 0) fixes the value.
    int inputTokenEstimate() const;
    mutable int estimatedInputTokens = -1;
    // The request's size in bytes when the caller knows it (-1: unknown): a request without images or documents
    // that fits its model's window even at TokenEstimator::kMostTextTokensPerByte needs no estimate at all.
    qint64 requestBytes = -1;
};
