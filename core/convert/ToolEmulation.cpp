#include "convert/ToolEmulation.h"

#include <QJsonDocument>

const QString &ToolEmulation::openTag()
{
    static const QString tag = QStringLiteral("<tool_call>");
    return tag;
}

const QString &ToolEmulation::closeTag()
{
    static const QString tag = QStringLiteral("</tool_call>");
    return tag;
}

QString ToolEmulation::systemPromptSection(const QJsonArray &tools, const QJsonValue &toolChoice)
{
    QString list;
    for (const QJsonValue &value : tools) {
        const QJsonObject tool = value.toObject();
        const QString name = tool.value(QStringLiteral("name")).toString();
        if (name.isEmpty())
            continue;
        QJsonObject entry {{QStringLiteral("name"), name},
            {QStringLiteral("description"), tool.value(QStringLiteral("description")).toString()}};
        const QJsonValue schema = tool.value(QStringLiteral("input_schema"));
        entry.insert(QStringLiteral("parameters"),
            schema.isObject() ? schema : QJsonValue(QJsonObject {{QStringLiteral("type"), QStringLiteral("object")}}));
        list += QString::fromUtf8(QJsonDocument(entry).toJson(QJsonDocument::Compact)) + QLatin1Char('\n');
    }
    if (list.isEmpty())
        return QString();

    QString choice;
    const QJsonObject choiceObject = toolChoice.toObject();
    const QString choiceType = choiceObject.value(QStringLiteral("type")).toString();
    if (choiceType == QLatin1String("any"))
        choice = QStringLiteral("In this turn you must call at least one tool.\n");
    else if (choiceType == QLatin1String("tool"))
        choice = QStringLiteral("In this turn you must call the tool \"%1\".\n")
                     .arg(choiceObject.value(QStringLiteral("name")).toString());
    else if (choiceType == QLatin1String("none"))
        choice = QStringLiteral("In this turn do not call any tool; answer in text.\n");
    if (choiceObject.value(QStringLiteral("disable_parallel_tool_use")).toBool())
        choice += QStringLiteral("Call at most one tool in this turn.\n");

    return QStringLiteral("# Tools\n\n"
                          "You can call the tools listed below. Each line is one tool as JSON: its name, what it "
                          "does, and a JSON Schema of its arguments.\n\n<tools>\n")
        + list
        + QStringLiteral("</tools>\n\n"
                         "To call a tool, write exactly this, with nothing else on those lines:\n"
                         "<tool_call>\n"
                         "{\"name\": \"<tool name>\", \"arguments\": {<arguments as JSON>}}\n"
                         "</tool_call>\n"
                         "You may write a short explanation before the calls and make several calls one after "
                         "another. After your calls, stop writing: the results come back in the next message as "
                         "<tool_result id=\"...\" name=\"...\">...</tool_result>. Never write a <tool_result> "
                         "yourself.\n")
        + choice;
}

QString ToolEmulation::renderToolCall(const QString &name, const QJsonObject &input)
{
    const QJsonObject call {{QStringLiteral("name"), name}, {QStringLiteral("arguments"), input}};
    return openTag() + QLatin1Char('\n') + QString::fromUtf8(QJsonDocument(call).toJson(QJsonDocument::Compact))
        + QLatin1Char('\n') + closeTag();
}

QString ToolEmulation::renderToolResult(
    const QString &toolUseId, const QString &name, const QString &content, bool isError)
{
    QString attributes = QStringLiteral(" id=\"%1\"").arg(toolUseId);
    if (!name.isEmpty())
        attributes += QStringLiteral(" name=\"%1\"").arg(name);
    if (isError)
        attributes += QStringLiteral(" error=\"true\"");
    return QStringLiteral("<tool_result") + attributes + QStringLiteral(">\n") + content
        + QStringLiteral("\n</tool_result>");
}
