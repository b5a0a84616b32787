#pragma once

#include <QByteArray>
#include <QJsonObject>

// A complete Anthropic Message written as the event stream that would have produced it: message_start, each
// content block (start, one delta of its own type, stop), message_delta with stop_reason and usage, message_stop.
// Used when a client asked for a stream but the platform answered with one JSON body. Pure.
namespace AnthropicMessageEvents {

QByteArray fromMessage(const QJsonObject &message);

// Appends one event, "event: NAME\ndata: {compact JSON}\n\n".
void append(QByteArray &out, const char *name, const QJsonObject &data);

} // namespace AnthropicMessageEvents
