#pragma once

#include "convert/ToolNameMap.h"

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
    int estimatedInputTokens = 0; // TokenEstimator's count of the request, used when the upstream reports none
};
