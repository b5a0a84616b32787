#pragma once

#include "routing/RouteRequest.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

// What routing needs to know about an Anthropic Messages request body (the shapes Claude Code sends:
// docs in api-conversion-reference §6), computed in one walk over the parsed JSON. Pure.
struct RequestFeatures
{
    static constexpr qint64 kBytesPerToken = 4; // the cheap estimate: body bytes / 4
    static constexpr qint64 kTokensPerImage = 1'600; // an image of about 1.15 megapixels, Anthropic's largest

    QString model;
    bool hasTools = false; // "tools" is a non-empty array
    bool hasThinking = false; // thinking.type is "enabled" or "adaptive"
    int imageCount = 0; // image blocks anywhere in the messages, tool results included
    qint64 imageDataBytes = 0; // bytes of their base64 data (left out of the token estimate)
    qint64 maxTokens = 0; // "max_tokens"; 0 when absent
    // Header x-claude-code-session-id, else the session inside metadata.user_id: a JSON string
    // {"device_id":...,"session_id":...} in recent versions, "user_<hash>_account_<id>_session_<uuid>" in older ones.
    QString sessionId;
    // sessionId, else a stable key derived from the conversation's first message (clients without sessions).
    QString conversationKey;
    // The last user message carries text a person typed: not only tool results, and not only text that
    // Claude Code adds (<system-reminder>, local-command output, "[Request interrupted by user...]").
    // Inline role "system" messages are not user messages.
    bool isHumanTurn = false;
    // The typed text of the latest user message that has any (the current human turn's prompt, also while
    // the agent loop answers tool results), wrappers stripped and trimmed; empty when there is none.
    QString typedText;
    int typedTextMessageIndex = -1; // index in "messages" of that user message; -1 when none
    bool isBackground = false; // RouteRequest::looksLikeBackground(model, hasTools, maxTokens)

    bool hasImages() const { return imageCount > 0; }

    // `body` is the parsed request; `sessionHeader` the value of x-claude-code-session-id (may be empty).
    static RequestFeatures extract(const QJsonObject &body, const QString &sessionHeader = QString());

    // (bodyBytes - imageDataBytes) / kBytesPerToken + imageCount * kTokensPerImage: base64 images would
    // otherwise count hundreds of thousands of tokens.
    qint64 estimatedInputTokens(qint64 bodyBytes) const;

    // The planner's input for `endpoint` (the scene is left empty: the turn tracker and classifier decide it).
    RouteRequest toRouteRequest(const QString &endpoint, qint64 bodyBytes) const;

    // The session inside a metadata.user_id value (either form); empty when it holds none.
    static QString sessionFromUserId(const QString &userId);
    // The text a person typed in one message's "content" (a string or an array of blocks).
    static QString typedTextOf(const QJsonValue &content);
    // `text` without <system-reminder>…</system-reminder> and Claude Code's local-command wrappers.
    static QString stripClientAnnotations(const QString &text);
};
