#pragma once

#include "convert/ResponseContext.h"
#include "convert/TextToolCallParser.h"
#include "convert/ThinkTagSplitter.h"
#include "convert/UsageMapping.h"
#include "protocol/ApiError.h"
#include "protocol/SseParser.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <map>
#include <memory>

// The streaming state machine (§5.3 of the conversion reference): OpenAI chat.completion.chunk payloads in,
// Anthropic SSE event bytes out. Whatever the upstream does, the output is a valid Anthropic stream:
//
//  - exactly one message_start, first (it is produced with the first output, so an upstream that fails
//    before anything else yields only an `event: error`);
//  - content blocks with indices 0, 1, 2, ... never interleaved (block n stops before n+1 starts), and only
//    deltas of the open block's own type (E10);
//  - reasoning (`reasoning_content`, `reasoning`, `reasoning_details`, or a leading <think> in content) ->
//    a thinking block first, closed with a signature_delta;
//  - text blocks open only on non-whitespace text (E1);
//  - tool calls keyed on the upstream `index` (E3): a tool_use block starts once its name is known (arguments
//    that came earlier are kept, E4); its arguments are collected and sent, repaired if needed (E7), as one
//    input_json_delta when the block stops. A second call only starts once the open one's arguments form a
//    complete JSON object, so fragments of interleaved parallel calls are never lost. While arguments are
//    being collected a `ping` is sent every kSilentChunksPerPing chunks so the client does not go idle;
//  - tool calls written as text (`<tool_call>` format) become tool_use blocks when the context asks for it;
//  - stop_reason: tool_use whenever a tool_use block was sent (E6), except that length -> max_tokens always (a
//    call cut by the token limit must not run, E7); content_filter ->
//    refusal; a vLLM-style choices[].stop_reason naming one of the request's stop sequences -> stop_sequence (E30);
//  - usage is read from any chunk, including a trailing `choices: []` chunk after finish_reason (E5), and
//    reported in the single message_delta (input and cache tokens too); estimated when never reported;
//  - `[DONE]` or finish() (EOF, with or without finish_reason) ends with one message_delta and one message_stop;
//  - an error object mid-stream (or finish_reason "error", or an `event: error`) closes the open block and ends
//    with an Anthropic `event: error` (E23).
// SSE comment lines (OpenRouter's ": OPENROUTER PROCESSING") never reach it: SseParser drops them.
class OpenAIStreamTranslator
{
public:
    explicit OpenAIStreamTranslator(ResponseContext context);
    ~OpenAIStreamTranslator();

    // One parsed upstream SSE event (its `data:` payload; `event: error` is honoured).
    QByteArray feedEvent(const SseEvent &event);
    // One `data:` payload: a JSON chunk or "[DONE]".
    QByteArray feedData(QByteArrayView data);
    // Raw upstream bytes, split here with SseParser (convenience for tests and tools).
    QByteArray feedBytes(QByteArrayView bytes);
    // The upstream stream ended (EOF). Closes the message if [DONE] did not.
    QByteArray finish();
    // The proxy gives up mid-stream (idle timeout, connection reset): close the open block and send `error`.
    QByteArray abort(const ApiError &error);

    // True once a content block has been started: the proxy's commit point (before it, a failed attempt can
    // still fall back to another model without the client noticing).
    bool hasContent() const { return m_nextIndex > 0; }
    bool isFinished() const { return m_finished; }
    bool endedWithError() const { return m_endedWithError; }
    bool receivedAnyChunk() const { return m_receivedChunk; }
    // The usage reported in message_delta (estimated when the upstream sent none), valid once finished.
    const AnthropicUsage &usage() const { return m_usage; }
    QString stopReason() const { return m_stopReason; }
    QString messageId() const { return m_messageId; }
    QString upstreamModel() const { return m_upstreamModel; }

    static constexpr int kSilentChunksPerPing = 40;

private:
    enum class Block
    {
        None,
        Thinking,
        Text,
        Tool
    };
    struct ToolCall
    {
        QString id;
        QString name;
        QByteArray arguments;
        bool started = false;
        bool closed = false;
        int order = 0; // arrival order, for a stable flush
    };

    void handleChunk(const QJsonObject &chunk);
    void handleReasoning(const QString &text);
    void handleContent(const QString &text);
    // Content split by the <think> tag splitter: reasoning pieces and answer text.
    void handlePieces(const std::vector<ThinkTagSplitter::Piece> &pieces);
    // Answer text, through the text tool-call parser when tool use is emulated.
    void handleAnswerText(const QString &text);
    void handleSegments(const std::vector<TextToolCallParser::Segment> &segments);
    void handleTextSegment(const QString &text);
    void handleToolCallDelta(const QJsonObject &delta);
    void emitTextToolCall(const QString &name, const QJsonObject &input);
    void startBlock(Block kind, const QJsonObject &contentBlock);
    void closeOpenBlock();
    void closeTool(ToolCall &tool);
    void startTool(ToolCall &tool);
    void startReadyTools(bool flushAll);
    void flushTextFilters();
    void finalize();
    void fail(const ApiError &error);
    void ensureMessageStart();
    void emitEvent(const char *name, const QJsonObject &data);
    QString uniqueToolId(const QString &upstreamId);

    ResponseContext m_context;
    QByteArray m_out;
    QString m_messageId;
    QString m_upstreamModel;
    bool m_started = false;
    bool m_finished = false;
    bool m_endedWithError = false;
    bool m_receivedChunk = false;
    Block m_open = Block::None;
    int m_nextIndex = 0;
    int m_openTool = -1;
    QString m_pendingWhitespace; // text before the first non-whitespace character of a text block
    QString m_thinkingText; // all reasoning, for the reasoning-only fallback
    bool m_sentText = false;
    bool m_sentTool = false;
    std::map<int, ToolCall> m_tools;
    int m_toolArrivals = 0;
    int m_lastToolIndex = -1;
    QStringList m_usedToolIds;
    std::unique_ptr<ThinkTagSplitter> m_thinkSplitter;
    std::unique_ptr<TextToolCallParser> m_toolParser;
    QString m_finishReason;
    QString m_matchedStopSequence;
    bool m_refusal = false;
    QJsonObject m_upstreamUsage;
    double m_outputPieces = 0;
    int m_silentChunks = 0;
    AnthropicUsage m_usage;
    QString m_stopReason;
    SseParser m_parser;
};
