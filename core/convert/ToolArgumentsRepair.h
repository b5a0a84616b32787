#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

// Tool-call arguments as models really send them (E2, E7): "" or whitespace -> {}; valid JSON objects as they
// are; a JSON string holding an object (double encoding) -> that object; otherwise repaired: ChatML end tokens
// (<|im_end|>, <|eot_id|>, ...), code fences and text around the outermost {...} are stripped, then a lenient
// parser accepts single quotes, unquoted keys, trailing commas, Python literals (True/False/None), raw control
// characters in strings and a truncated end (open strings, objects and arrays are closed). Input that still
// yields no object becomes {}: Claude Code then reports a validation error the model can correct.
class ToolArgumentsRepair
{
public:
    enum class Outcome
    {
        Valid,
        Empty,
        Repaired,
        Failed
    };

    static QJsonObject parse(const QByteArray &arguments, Outcome *outcome = nullptr);
    // `arguments` as OpenAI sends it: a string (the normal case) or already an object (some providers).
    static QJsonObject parseValue(const QJsonValue &arguments, Outcome *outcome = nullptr);

    static constexpr int kMaxDepth = 128;
};
