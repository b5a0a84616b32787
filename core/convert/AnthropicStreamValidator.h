#pragma once

#include "protocol/SseParser.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

// Checks an Anthropic Messages event stream against the grammar (§2.2) and the client invariants (§2.3) of
// the conversion reference, and accumulates the final message the way the SDK's MessageStream does.
//
//   stream := message_start ping* block* message_delta+ message_stop      (`error` may end it anywhere)
//   block  := content_block_start (content_block_delta | ping)* content_block_stop
//
// Checked: every event is named and its data is a JSON object whose `type` equals the name; exactly one
// message_start, first (pings may come earlier); nothing after message_stop or error; block indices 0, 1, 2...
// in start order, never two blocks open; deltas and stops only for the open block, each delta of the block's
// own type (text_delta/citations_delta -> text, input_json_delta -> tool_use, thinking_delta/signature_delta
// -> thinking); tool_use starts with a valid id, a name and `input: {}`, and its concatenated partial_json is
// empty or a JSON object; a text block carries non-whitespace text (E1); a thinking block gets a signature;
// message_delta only with no block open, with a known stop_reason and integer usage.output_tokens;
// stop_sequence set exactly when stop_reason is stop_sequence; stop_reason tool_use exactly when a tool_use
// block was sent, unless max_tokens cut it (E6); message_stop after a message_delta; an error event carries
// {type:"error", error:{type, message}}. Used by the unit tests, the fuzzers and the SDK check tool.
class AnthropicStreamValidator
{
public:
    // Raw SSE bytes, split anywhere.
    void feedBytes(QByteArrayView bytes);
    void feedEvent(const QByteArray &name, const QByteArray &data);
    // End of the byte stream: a stream must have ended with message_stop or error.
    void finish();

    bool isValid() const { return m_errors.isEmpty(); }
    const QStringList &errors() const { return m_errors; }
    bool isComplete() const { return m_stopped || m_errored; }
    bool endedWithError() const { return m_errored; }
    QJsonObject errorPayload() const { return m_errorPayload; }
    int eventCount() const { return m_events; }

    // The accumulated message (content blocks with text, thinking + signature, tool_use input parsed), with the
    // usage of message_start overwritten by message_delta's non-null fields.
    QJsonObject message() const;

private:
    void fail(const QString &what);
    void handle(const QString &name, const QJsonObject &data);

    SseParser m_parser;
    QStringList m_errors;
    int m_events = 0;
    bool m_started = false;
    bool m_stopped = false;
    bool m_errored = false;
    bool m_sawMessageDelta = false;
    int m_openIndex = -1;
    QString m_openType;
    QByteArray m_openJson;
    bool m_openHasSignature = false;
    QJsonObject m_message;
    QJsonArray m_content;
    QJsonObject m_errorPayload;
    bool m_sawToolUse = false;
};
