#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

// Tool use for models without native tool calling (ConversionProfile::supportsTools == false).
//
// The request side describes the tools in the system prompt and asks for calls in one strict format, the one
// Qwen/Hermes-style models are trained on:
//
//     <tool_call>
//     {"name": "Read", "arguments": {"file_path": "/tmp/a.txt"}}
//     </tool_call>
//
// History is rendered in the same format (assistant tool_use -> that text; user tool_result ->
// <tool_result id="..." name="...">...</tool_result> text), so the model sees its own earlier calls the way it
// is asked to write them. The response side parses the calls back out of the text (TextToolCallParser) and
// emits real tool_use blocks.
class ToolEmulation
{
public:
    // The system prompt section for `tools` (Anthropic tool definitions) and `toolChoice` (Anthropic tool_choice,
    // may be undefined). Empty when there is no tool to describe.
    static QString systemPromptSection(const QJsonArray &tools, const QJsonValue &toolChoice);
    static QString renderToolCall(const QString &name, const QJsonObject &input);
    static QString renderToolResult(
        const QString &toolUseId, const QString &name, const QString &content, bool isError);

    static const QString &openTag(); // "<tool_call>"
    static const QString &closeTag(); // "</tool_call>"
};
