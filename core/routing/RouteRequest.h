#pragma once

#include <QString>
#include <QtGlobal>

// What the route planner needs to know about one client request: a value the proxy fills in (from
// RequestFeatures for message requests) before any model is called.
struct RouteRequest
{
    // Claude Code's own small requests (titles, topic checks, warm-ups, quota checks) carry no tools and either
    // a haiku model or a max_tokens of at most this; the main loop asks for tens of thousands of tokens.
    static constexpr qint64 kBackgroundMaxTokens = 512;

    QString endpoint; // canonical path: "/v1/messages", "/v1/messages/count_tokens", "/v1/models", "/v1/models/<id>"
    QString model; // as the client sent it (empty for /v1/models)
    bool hasTools = false; // a non-empty "tools" array
    bool hasThinking = false; // thinking.type "enabled" or "adaptive"
    bool hasImages = false; // an image block anywhere, tool results included
    qint64 estimatedInputTokens = 0; // a cheap estimate (RequestFeatures::estimatedInputTokens)
    qint64 maxTokens = 0; // "max_tokens"; 0 = not given
    QString sessionId; // Claude Code's session, empty when unknown
    bool isHumanTurn = false; // the last user message carries text a person typed
    QString scene; // smart_routing: the scene the classifier chose for this turn; empty = none (default scene)

    // The shape of a background request, whatever the endpoint: no tools, and a haiku model or a small
    // max_tokens (0 < max_tokens <= kBackgroundMaxTokens).
    static bool looksLikeBackground(const QString &model, bool hasTools, qint64 maxTokens);

    // /v1/messages or /v1/messages/count_tokens: the requests the scenario rules apply to.
    bool isMessageRequest() const;
    bool isCountTokens() const;
    // A message request that looksLikeBackground(). Haiku requests with tools are sub-agents doing real work.
    bool isBackground() const;
};
