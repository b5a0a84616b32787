#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// Requests shaped like the ones Claude Code 2.1.x sends (see /work/shared/fixtures/claude-code/README for the
// real captures this mirrors): three system blocks (billing line, identity, long instructions), a dozen tools
// with JSON schemas, thinking "adaptive", context_management, output_config, a role:"system" message inside
// messages, metadata.user_id as a JSON string, max_tokens 128000 — about 50 KB. The text is Switchyard's own.
namespace ClaudeCodeRequests {

struct Options
{
    QString model = QStringLiteral("claude-sonnet-4-5");
    bool stream = true;
    QString sessionId = QStringLiteral("5e463e6f-0000-4d1d-834a-de1b3d6b62c7");
    QString userText = QStringLiteral("What is the secret word in notes.txt?");
    int targetBytes = 50'000; // the long system block is sized so the whole body is about this big
};

// The first request of a turn: the user's question.
QJsonObject mainLoop(const Options &options = Options());
// The follow-up after a Read tool call: assistant tool_use, then a user tool_result (with cache_control).
QJsonObject toolResultFollowUp(const QString &toolResultText, const Options &options = Options());
// A small background request (a title, a warm-up): haiku, no tools.
QJsonObject background(const Options &options = Options());

QByteArray toBytes(const QJsonObject &request);

} // namespace ClaudeCodeRequests
