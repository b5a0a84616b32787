#pragma once

#include "convert/ConversionProfile.h"

#include <QJsonObject>
#include <QJsonValue>

// Turns an Anthropic tool `input_schema` into OpenAI function `parameters` for one schema dialect (E15/E16):
// a missing or non-object schema becomes {"type":"object","properties":{}}; the root always has
// `type: "object"` and `properties`; `required` loses duplicates; keywords the dialect rejects are removed at
// every level, while property *names* that look like keywords ("title", "format", ...) are kept. Local `$ref`s
// (`#/$defs/...`, `#/definitions/...`) are inlined for the Standard and Strict dialects. Nesting is bounded.
class JsonSchemaSanitizer
{
public:
    static QJsonObject sanitize(const QJsonValue &inputSchema, ConversionProfile::SchemaDialect dialect);

    static constexpr int kMaxDepth = 48;
};
