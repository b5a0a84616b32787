#pragma once

#include "store/CallRecord.h"

#include <QByteArrayView>

// Reads token usage from an Anthropic Messages API response body, as the client received it. Pure: no I/O.
//
// - A JSON message: `usage.input_tokens`, `output_tokens`, `cache_read_input_tokens`,
//   `cache_creation_input_tokens`.
// - An SSE stream: `message_start.message.usage` first; then every `message_delta.usage`, whose counts are
//   cumulative, overrides each field it carries with a non-null number.
//
// Fields that are absent stay -1; a body without usage (an error, count_tokens, garbage) gives an unknown
// TokenUsage (isKnown() == false).
class AnthropicUsageReader
{
public:
    // Decides between JSON and SSE by looking at the body itself.
    static TokenUsage read(QByteArrayView body);
    static TokenUsage readMessage(QByteArrayView json);
    static TokenUsage readStream(QByteArrayView sse);

    // True when the body looks like an event stream (its first non-blank line is an SSE field or comment).
    static bool looksLikeEventStream(QByteArrayView body);
};
