#pragma once

#include "convert/AnthropicStreamValidator.h"
#include "convert/OpenAIStreamTranslator.h"
#include "convert/ResponseContext.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>

// Shared by the conversion tests and the SDK check tool: the stream fixtures of tests/fixtures/convert/streams
// (manifest.json), JSON helpers, and the comparison with "*" wildcards used by the expected messages.
namespace ConvertTestSupport {

struct StreamFixture
{
    QString name;
    QString note;
    QByteArray sse; // the upstream OpenAI SSE body
    ResponseContext context;
    QJsonObject expected; // model, content, stop_reason, stop_sequence, usage; empty when an error is expected
    QJsonObject expectedError; // {type, contentBeforeError}
};

// Parses JSON text written in a test (fails loudly when it is not an object).
QJsonObject object(const char *json);
QJsonObject object(const QByteArray &json);

ResponseContext contextFromJson(const QJsonObject &json);
QList<StreamFixture> loadStreamFixtures(const QString &fixturesDir);

// Translates a whole upstream SSE body, feeding it `step` bytes at a time (0 = all at once).
QByteArray translate(
    const QByteArray &sse, const ResponseContext &context, int step = 0, OpenAIStreamTranslator **keep = nullptr);

// Validates Anthropic SSE bytes; returns the validator (its errors, message and error payload).
AnthropicStreamValidator validate(const QByteArray &anthropicSse);

// Every key of `expected` must be in `actual` with an equal value. Strings ending in '*' match by prefix ("*"
// matches anything); arrays must have the same length. `where` receives the first mismatch.
bool matches(const QJsonValue &actual, const QJsonValue &expected, QString *where, const QString &path = QString());

} // namespace ConvertTestSupport
