#pragma once

#include "convert/ConversionProfile.h"
#include "convert/ResponseContext.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

struct OpenAIRequestConversion
{
    QJsonObject openai; // the Chat Completions body to send
    ResponseContext context; // hand this to the response side of the same attempt
    QString error; // non-empty: the request cannot be converted; answer 400 invalid_request_error with it
    QStringList notes; // what was dropped or changed on the way (for debug logs and records)

    bool ok() const { return error.isEmpty(); }
};

// Anthropic Messages request -> OpenAI Chat Completions request, for one target profile (§5.1 of the
// conversion reference). Pure: JSON in, JSON out.
//
//  - system (string or blocks; the volatile `x-anthropic-billing-header:` block is dropped, E20) and every inline
//    `role: "system"` message (E28) become one leading system message;
//  - text blocks (empty ones dropped, E1), images (base64/url -> image_url, or a placeholder for models without
//    vision, E9), documents (their text, or a placeholder);
//  - assistant tool_use -> tool_calls (arguments as a JSON string, "{}" when empty, E2); thinking -> dropped, or
//    `reasoning_content` on tool-call turns for DeepSeek (E12);
//  - user tool_result -> `tool` messages right after the assistant message, in order, then the user's other
//    blocks as one user message (§5.1.3); results for calls the history lacks become text, calls without a
//    result get "[no result]"; images inside results move to that user message (or become placeholders);
//  - tools -> functions with sanitized schemas (E15/E16), server tools and deferred tools dropped; tool_choice
//    (E17), disable_parallel_tool_use; tool names > 64 characters and ids with odd characters normalized (E13/E14);
//  - max_tokens clamped (E27), stop_sequences, temperature, top_p, thinking -> the platform's reasoning switch,
//    metadata.user_id -> user, stream + stream_options; every other field is dropped, never forwarded;
//  - without native tool calling the tools are emulated in the prompt (ToolEmulation).
class AnthropicToOpenAIRequest
{
public:
    // `requestBytes`: the size of the client's request body when known (lets most requests skip the input
    // token estimate, see ResponseContext::requestBytes).
    static OpenAIRequestConversion convert(
        const QJsonObject &anthropic, const ConversionProfile &profile, qint64 requestBytes = -1);

    static const QString &imageOmittedText(); // "[Image omitted - model does not support vision input]"
    static const QString &noResultText(); // "[no result]"
};
