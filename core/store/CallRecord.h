#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

// Token counts as the upstream reported them; -1 = not reported.
struct TokenUsage
{
    qint64 inputTokens = -1;
    qint64 outputTokens = -1;
    qint64 cacheReadInputTokens = -1;
    qint64 cacheCreationInputTokens = -1;

    bool isKnown() const { return inputTokens >= 0 || outputTokens >= 0; }
};

// One call through the proxy, as the records viewer and the statistics see it. Built by the proxy
// thread, handed to a RecordSink, written by the store thread.
struct CallRecord
{
    qint64 id = 0; // assigned by the store
    QString requestId; // "req_..." also sent to the client as the request-id header
    QDateTime startedAt; // UTC, millisecond precision
    QString clientKeyId; // empty when no client keys are configured
    QString method; // "POST"
    QString endpoint; // "/v1/messages", "/v1/messages/count_tokens", "/v1/models"
    QString sessionId; // x-claude-code-session-id, else the session in metadata.user_id
    QString routingMode; // "claude_code" | "global_direct" | "smart_routing"
    QString routeJson; // the route decision and every attempt, as compact JSON (may be empty)
    QString platformId; // the platform that answered (or the last one tried)
    QString requestedModel; // "model" as the client sent it
    QString upstreamModel; // the model asked of the platform
    bool stream = false;
    int status = 0; // HTTP status sent to the client; 0 = nothing sent (client left first)
    int upstreamStatus = 0; // 0 = no upstream response
    qint64 durationUs = 0; // request received -> response finished
    qint64 firstByteUs = -1; // request received -> first response byte sent to the client
    qint64 upstreamDurationUs = -1; // upstream request sent -> upstream response finished
    TokenUsage usage; // when not known here, the store reads it from the response body
    QByteArray requestHeadersJson; // selected request headers as JSON, secrets removed
    QByteArray requestBody; // the exact bytes the client sent
    QByteArray responseBody; // the exact body bytes the client received (SSE events for streams)
    QString errorType; // Anthropic error type when the call failed
    QString errorMessage;
    bool clientCancelled = false;
};
