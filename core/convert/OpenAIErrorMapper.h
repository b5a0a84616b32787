#pragma once

#include "protocol/ApiError.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>

// An upstream failure in Anthropic terms, plus what kind of failure it was (for fallback decisions).
struct UpstreamErrorMapping
{
    enum class Category
    {
        ContextOverflow, // the prompt does not fit: Claude Code should compact
        Billing, // insufficient balance / quota: switch platforms, do not retry
        Authentication,
        Permission,
        NotFound, // model or endpoint
        RateLimit,
        Overloaded,
        Timeout,
        InvalidRequest,
        Server,
    };

    ApiError error;
    Category category = Category::Server;
    QString upstreamMessage; // the message the upstream gave (empty when none could be read)
};

// OpenAI-style upstream errors -> the Anthropic error envelope (§3.1). Reads `{"error":{"message",...}}`
// (OpenAI, DashScope compatible mode, DeepSeek, OpenRouter with `metadata.raw`), `{"error":"..."}` (Ollama,
// LM Studio), `{"code":..,"message":..}` (DashScope native, SiliconFlow), `{"detail":..}`, and plain text or
// HTML bodies. The HTTP status is kept; the type follows it, except that context overflow becomes
// 400 invalid_request_error "prompt is too long: N tokens > M maximum" (so Claude Code offers compaction) and
// balance / quota exhaustion becomes billing_error whatever status carried it.
class OpenAIErrorMapper
{
public:
    static UpstreamErrorMapping map(int httpStatus, const QByteArray &body);
    // An error object met inside a 200 stream (`{"error":{...}}` or choices[0].error); its own `code` may
    // carry an HTTP status.
    static UpstreamErrorMapping mapStreamError(const QJsonValue &error);

    // The human-readable message of an error body (HTML reduced to its title or text), at most 1000 characters.
    static QString extractMessage(const QByteArray &body, QString *code = nullptr);
};
