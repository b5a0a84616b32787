#include "ClaudeCodeRequests.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ClaudeCodeRequests {

namespace {

QJsonObject textBlock(const QString &text, bool cached = false)
{
    QJsonObject block {{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), text}};
    if (cached)
        block.insert(
            QStringLiteral("cache_control"), QJsonObject {{QStringLiteral("type"), QStringLiteral("ephemeral")}});
    return block;
}

QJsonObject property(const QString &type, const QString &description)
{
    return QJsonObject {{QStringLiteral("type"), type}, {QStringLiteral("description"), description}};
}

QJsonObject tool(
    const QString &name, const QString &description, const QJsonObject &properties, const QStringList &required)
{
    QJsonObject schema {{QStringLiteral("$schema"), QStringLiteral("http://json-schema.org/draft-07/schema#")},
        {QStringLiteral("type"), QStringLiteral("object")}, {QStringLiteral("properties"), properties},
        {QStringLiteral("required"), QJsonArray::fromStringList(required)},
        {QStringLiteral("additionalProperties"), false}};
    return QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("description"), description},
        {QStringLiteral("input_schema"), schema}};
}

QString paragraph(int index)
{
    return QStringLiteral(
        "Guideline %1. When you change a project, read the surrounding code first and follow its conventions: "
        "naming, error handling, the way tests are written. Prefer small, reviewable steps. Explain what you "
        "are about to do in one sentence before doing it, and report what you verified afterwards. Never "
        "invent file contents; open the file. Keep secrets out of logs and commits. If a command fails, read "
        "its output before trying again, and stop to ask when the next step could destroy the user's work.\n")
        .arg(index);
}

QJsonArray tools()
{
    QJsonArray list;
    const QString detail = QStringLiteral(
        " Use it only when it is the simplest way to make progress; prefer the specialised tools for files. Paths are "
        "absolute. Results longer than the output limit are truncated, and the truncation is said at the end.");
    list.append(tool(QStringLiteral("Bash"), QStringLiteral("Runs a shell command in the project folder.") + detail,
        {{QStringLiteral("command"), property(QStringLiteral("string"), QStringLiteral("The command."))},
            {QStringLiteral("timeout"), property(QStringLiteral("number"), QStringLiteral("Milliseconds."))},
            {QStringLiteral("description"), property(QStringLiteral("string"), QStringLiteral("Why."))}},
        {QStringLiteral("command")}));
    list.append(tool(QStringLiteral("Read"), QStringLiteral("Reads a file with line numbers.") + detail,
        {{QStringLiteral("file_path"), property(QStringLiteral("string"), QStringLiteral("Absolute path."))},
            {QStringLiteral("offset"), property(QStringLiteral("integer"), QStringLiteral("First line."))},
            {QStringLiteral("limit"), property(QStringLiteral("integer"), QStringLiteral("Line count."))}},
        {QStringLiteral("file_path")}));
    list.append(tool(QStringLiteral("Write"), QStringLiteral("Writes a whole file.") + detail,
        {{QStringLiteral("file_path"), property(QStringLiteral("string"), QStringLiteral("Absolute path."))},
            {QStringLiteral("content"), property(QStringLiteral("string"), QStringLiteral("New content."))}},
        {QStringLiteral("file_path"), QStringLiteral("content")}));
    list.append(tool(QStringLiteral("Edit"), QStringLiteral("Replaces exact text in a file.") + detail,
        {{QStringLiteral("file_path"), property(QStringLiteral("string"), QStringLiteral("Absolute path."))},
            {QStringLiteral("old_string"), property(QStringLiteral("string"), QStringLiteral("Text to find."))},
            {QStringLiteral("new_string"), property(QStringLiteral("string"), QStringLiteral("Replacement."))},
            {QStringLiteral("replace_all"), property(QStringLiteral("boolean"), QStringLiteral("Every match."))}},
        {QStringLiteral("file_path"), QStringLiteral("old_string"), QStringLiteral("new_string")}));
    list.append(tool(QStringLiteral("Glob"), QStringLiteral("Finds files by pattern.") + detail,
        {{QStringLiteral("pattern"), property(QStringLiteral("string"), QStringLiteral("Glob pattern."))},
            {QStringLiteral("path"), property(QStringLiteral("string"), QStringLiteral("Folder."))}},
        {QStringLiteral("pattern")}));
    list.append(
        tool(QStringLiteral("Grep"), QStringLiteral("Searches file contents with a regular expression.") + detail,
            {{QStringLiteral("pattern"), property(QStringLiteral("string"), QStringLiteral("Expression."))},
                {QStringLiteral("path"), property(QStringLiteral("string"), QStringLiteral("Folder or file."))},
                {QStringLiteral("glob"), property(QStringLiteral("string"), QStringLiteral("File filter."))}},
            {QStringLiteral("pattern")}));
    list.append(tool(QStringLiteral("TodoWrite"), QStringLiteral("Keeps the task list of this session.") + detail,
        {{QStringLiteral("todos"),
            QJsonObject {{QStringLiteral("type"), QStringLiteral("array")},
                {QStringLiteral("items"), QJsonObject {{QStringLiteral("type"), QStringLiteral("object")}}}}}},
        {QStringLiteral("todos")}));
    list.append(tool(QStringLiteral("WebFetch"), QStringLiteral("Fetches a web page and answers about it.") + detail,
        {{QStringLiteral("url"),
             QJsonObject {{QStringLiteral("type"), QStringLiteral("string")},
                 {QStringLiteral("format"), QStringLiteral("uri")}}},
            {QStringLiteral("prompt"), property(QStringLiteral("string"), QStringLiteral("Question."))}},
        {QStringLiteral("url"), QStringLiteral("prompt")}));
    list.append(tool(QStringLiteral("WebSearch"), QStringLiteral("Searches the web.") + detail,
        {{QStringLiteral("query"), property(QStringLiteral("string"), QStringLiteral("Search terms."))}},
        {QStringLiteral("query")}));
    list.append(tool(QStringLiteral("Task"), QStringLiteral("Starts a helper agent for a bounded task.") + detail,
        {{QStringLiteral("description"), property(QStringLiteral("string"), QStringLiteral("Short title."))},
            {QStringLiteral("prompt"), property(QStringLiteral("string"), QStringLiteral("The task."))}},
        {QStringLiteral("description"), QStringLiteral("prompt")}));
    list.append(tool(QStringLiteral("NotebookEdit"), QStringLiteral("Edits a notebook cell.") + detail,
        {{QStringLiteral("notebook_path"), property(QStringLiteral("string"), QStringLiteral("Path."))},
            {QStringLiteral("new_source"), property(QStringLiteral("string"), QStringLiteral("Cell text."))}},
        {QStringLiteral("notebook_path"), QStringLiteral("new_source")}));
    list.append(tool(QStringLiteral("ExitPlanMode"), QStringLiteral("Leaves planning and starts working.") + detail,
        {{QStringLiteral("plan"), property(QStringLiteral("string"), QStringLiteral("The plan."))}},
        {QStringLiteral("plan")}));
    return list;
}

QJsonObject base(const Options &options, const QJsonArray &messages)
{
    QJsonObject request {
        {QStringLiteral("model"), options.model},
        {QStringLiteral("max_tokens"), 128000},
        {QStringLiteral("stream"), options.stream},
        {QStringLiteral("messages"), messages},
        {QStringLiteral("tools"), tools()},
        {QStringLiteral("thinking"), QJsonObject {{QStringLiteral("type"), QStringLiteral("adaptive")}}},
        {QStringLiteral("context_management"),
            QJsonObject {{QStringLiteral("edits"),
                QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("clear_thinking_20251015")}}}}}},
        {QStringLiteral("output_config"), QJsonObject {{QStringLiteral("effort"), QStringLiteral("high")}}},
        {QStringLiteral("metadata"),
            QJsonObject {{QStringLiteral("user_id"),
                QStringLiteral("{\"device_id\":\"0f0e0d0c\",\"account_uuid\":\"\",\"session_id\":\"%1\"}")
                    .arg(options.sessionId)}}},
    };
    // Size the instruction block so the whole request is about targetBytes.
    QString instructions;
    QJsonArray system {
        textBlock(QStringLiteral("x-anthropic-billing-header: cc_version=2.1.0.test; cc_entrypoint=cli;")),
        textBlock(QStringLiteral("You are a coding assistant working in the user's terminal."), true),
        textBlock(QString(), true)};
    request.insert(QStringLiteral("system"), system);
    const qsizetype withoutInstructions = toBytes(request).size();
    for (int i = 1; withoutInstructions + instructions.toUtf8().size() < options.targetBytes; ++i)
        instructions += paragraph(i);
    system[2] = textBlock(instructions, true);
    request.insert(QStringLiteral("system"), system);
    return request;
}

QJsonArray firstTurn(const Options &options)
{
    return QJsonArray {
        QJsonObject {{QStringLiteral("role"), QStringLiteral("user")},
            {QStringLiteral("content"),
                QJsonArray {
                    textBlock(QStringLiteral("<system-reminder>\nThe project has no CLAUDE.md.\n</system-reminder>\n")),
                    textBlock(options.userText)}}},
        QJsonObject {{QStringLiteral("role"), QStringLiteral("system")},
            {QStringLiteral("content"),
                QJsonArray {textBlock(
                    QStringLiteral("# Environment\n - Working directory: /home/dev/project\n - Platform: linux\n"))}}},
    };
}

} // namespace

QJsonObject mainLoop(const Options &options)
{
    return base(options, firstTurn(options));
}

QJsonObject toolResultFollowUp(const QString &toolResultText, const Options &options)
{
    QJsonArray messages = firstTurn(options);
    messages.append(QJsonObject {{QStringLiteral("role"), QStringLiteral("assistant")},
        {QStringLiteral("content"),
            QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("tool_use")},
                {QStringLiteral("id"), QStringLiteral("toolu_01")}, {QStringLiteral("name"), QStringLiteral("Read")},
                {QStringLiteral("input"),
                    QJsonObject {{QStringLiteral("file_path"), QStringLiteral("/home/dev/project/notes.txt")}}}}}}});
    QJsonObject result {{QStringLiteral("type"), QStringLiteral("tool_result")},
        {QStringLiteral("tool_use_id"), QStringLiteral("toolu_01")}, {QStringLiteral("content"), toolResultText},
        {QStringLiteral("cache_control"), QJsonObject {{QStringLiteral("type"), QStringLiteral("ephemeral")}}}};
    messages.append(QJsonObject {
        {QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), QJsonArray {result}}});
    return base(options, messages);
}

QJsonObject background(const Options &options)
{
    return QJsonObject {
        {QStringLiteral("model"), QStringLiteral("claude-haiku-4-5")},
        {QStringLiteral("max_tokens"), 512},
        {QStringLiteral("stream"), options.stream},
        {QStringLiteral("system"),
            QJsonArray {textBlock(QStringLiteral("Write a short title for this conversation."))}},
        {QStringLiteral("messages"),
            QJsonArray {QJsonObject {
                {QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), options.userText}}}},
    };
}

QByteArray toBytes(const QJsonObject &request)
{
    return QJsonDocument(request).toJson(QJsonDocument::Compact);
}

} // namespace ClaudeCodeRequests
