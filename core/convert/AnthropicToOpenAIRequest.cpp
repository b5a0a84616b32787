#include "convert/AnthropicToOpenAIRequest.h"

#include "convert/JsonSchemaSanitizer.h"
#include "convert/TextChecks.h"
#include "convert/TokenEstimator.h"
#include "convert/ToolEmulation.h"

#include <QCryptographicHash>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <cmath>

namespace {

using Profile = ConversionProfile;

inline QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

const QString &billingHeaderPrefix()
{
    static const QString prefix = QStringLiteral("x-anthropic-billing-header:");
    return prefix;
}

QJsonObject textPart(const QString &text)
{
    return QJsonObject {{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), text}};
}

// One Anthropic document block as text (PDFs whose text we do not have become a placeholder).
QString documentText(const QJsonObject &block)
{
    const QJsonObject source = block.value(QStringLiteral("source")).toObject();
    const QString sourceType = str(source, "type");
    const QString title = str(block, "title");
    QString body;
    if (sourceType == QLatin1String("text")) {
        body = str(source, "data");
    } else if (sourceType == QLatin1String("content")) {
        QStringList parts;
        const QJsonValue content = source.value(QStringLiteral("content"));
        if (content.isString())
            parts << content.toString();
        for (const QJsonValue &item : content.toArray()) {
            const QJsonObject part = item.toObject();
            if (str(part, "type") == QLatin1String("text"))
                parts << str(part, "text");
        }
        body = parts.join(QLatin1Char('\n'));
    } else {
        return QStringLiteral("[Document omitted%1 - this model cannot read %2 documents]")
            .arg(title.isEmpty() ? QString() : QStringLiteral(": ") + title,
                str(source, "media_type").isEmpty() ? QStringLiteral("binary") : str(source, "media_type"));
    }
    if (title.isEmpty())
        return body;
    return QStringLiteral("<document title=\"%1\">\n%2\n</document>").arg(title, body);
}

struct PendingCall
{
    QString anthropicId; // normalized id as the client will echo it
    QString upstreamId; // unique within its assistant message
    QString clientName;
    bool answered = false;
};

class Converter
{
public:
    Converter(const QJsonObject &in, const Profile &profile, OpenAIRequestConversion &result)
        : m_in(in)
        , m_profile(profile)
        , m_result(result)
    {
    }

    void run();

private:
    void collectSystem(const QJsonValue &system);
    void convertTools();
    void convertMessages();
    void convertUser(const QJsonValue &content, int index);
    void convertAssistant(const QJsonValue &content, int index);
    void answerUnanswered();
    QJsonValue imagePart(const QJsonObject &block);
    QString toolResultText(const QJsonObject &block, QJsonArray &movedImages);
    void mergeAdjacent();
    void applyParameters();
    void applyReasoning(int maxTokens);
    void note(const QString &text) { m_result.notes << text; }

    const QJsonObject &m_in;
    const Profile &m_profile;
    OpenAIRequestConversion &m_result;
    QJsonObject m_out;
    QJsonArray m_messages;
    QStringList m_systemParts;
    QJsonArray m_tools; // OpenAI function tools
    QJsonArray m_emulatedTools; // Anthropic definitions, for the prompt
    QList<PendingCall> m_pending;
    QHash<QString, QString> m_emulatedCallNames; // tool_use id -> name (emulation)
    bool m_emulate = false;
    bool m_hasMedia = false; // an image or document anywhere: its estimate does not follow its bytes
};

void Converter::run()
{
    const QJsonValue messages = m_in.value(QStringLiteral("messages"));
    if (!messages.isArray()) {
        m_result.error = QStringLiteral("messages: Field required (an array of messages)");
        return;
    }
    if (messages.toArray().isEmpty()) {
        m_result.error = QStringLiteral("messages: at least one message is required");
        return;
    }

    ResponseContext &context = m_result.context;
    context.requestedModel = str(m_in, "model");
    context.splitThinkTags = m_profile.splitThinkTags;
    context.parseTextToolCalls = m_profile.parseTextToolCalls;
    context.request = m_in;
    for (const QJsonValue &stop : m_in.value(QStringLiteral("stop_sequences")).toArray()) {
        if (stop.isString() && !stop.toString().isEmpty())
            context.stopSequences << stop.toString();
    }

    collectSystem(m_in.value(QStringLiteral("system")));
    convertTools();
    convertMessages();
    if (!m_result.error.isEmpty())
        return;
    mergeAdjacent();

    if (m_emulate) {
        const QString section
            = ToolEmulation::systemPromptSection(m_emulatedTools, m_in.value(QStringLiteral("tool_choice")));
        if (!section.isEmpty())
            m_systemParts << section;
    }
    if (!m_systemParts.isEmpty()) {
        const QJsonObject system {{QStringLiteral("role"), QStringLiteral("system")},
            {QStringLiteral("content"), m_systemParts.join(QStringLiteral("\n\n"))}};
        m_messages.prepend(system);
    }

    m_out.insert(QStringLiteral("model"), m_profile.model.isEmpty() ? context.requestedModel : m_profile.model);
    m_out.insert(QStringLiteral("messages"), m_messages);
    applyParameters();
    m_result.openai = m_out;
}

void Converter::collectSystem(const QJsonValue &system)
{
    if (system.isString()) {
        if (!isBlankText(system.toString()))
            m_systemParts << system.toString();
        return;
    }
    for (const QJsonValue &value : system.toArray()) {
        const QJsonObject block = value.toObject();
        const QString text = str(block, "text");
        if (isBlankText(text))
            continue;
        if (text.startsWith(billingHeaderPrefix())) {
            note(QStringLiteral("dropped the billing header system block"));
            continue;
        }
        m_systemParts << text;
    }
}

// Claude Code sends the same tool definitions with every request: remember the sanitized schema of each
// (per thread, by tool name and dialect, checked against the schema it came from), so that a request pays for
// a comparison instead of rebuilding a dozen schemas.
QJsonObject sanitizedSchema(const QString &toolName, const QJsonValue &schema, ConversionProfile::SchemaDialect dialect)
{
    struct Entry
    {
        QJsonValue schema;
        QJsonObject sanitized;
    };
    static thread_local QHash<QString, Entry> cache;
    const QString key = QString::number(int(dialect)) + QLatin1Char(':') + toolName;
    const auto found = cache.constFind(key);
    if (found != cache.constEnd() && found->schema == schema)
        return found->sanitized;
    const QJsonObject sanitized = JsonSchemaSanitizer::sanitize(schema, dialect);
    if (cache.size() >= 512)
        cache.clear();
    cache.insert(key, Entry {schema, sanitized});
    return sanitized;
}

void Converter::convertTools()
{
    ResponseContext &context = m_result.context;
    for (const QJsonValue &value : m_in.value(QStringLiteral("tools")).toArray()) {
        const QJsonObject tool = value.toObject();
        const QString type = str(tool, "type");
        const QString name = str(tool, "name");
        if (!type.isEmpty() && type != QLatin1String("custom")) {
            note(QStringLiteral("dropped server tool %1 (%2)").arg(name, type));
            continue;
        }
        if (tool.value(QStringLiteral("defer_loading")).toBool()) {
            note(QStringLiteral("dropped deferred tool %1").arg(name));
            continue;
        }
        if (name.isEmpty())
            continue;
        context.declaredTools << name;
        if (!m_profile.supportsTools) {
            m_emulatedTools.append(tool);
            continue;
        }
        QJsonObject function {{QStringLiteral("name"), context.toolNames.addClientName(name)}};
        const QString description = str(tool, "description");
        if (!description.isEmpty())
            function.insert(QStringLiteral("description"), description);
        function.insert(QStringLiteral("parameters"),
            sanitizedSchema(name, tool.value(QStringLiteral("input_schema")), m_profile.schemaDialect));
        m_tools.append(
            QJsonObject {{QStringLiteral("type"), QStringLiteral("function")}, {QStringLiteral("function"), function}});
    }
    m_emulate = !m_profile.supportsTools;
    context.toolsEmulated = m_emulate && !m_emulatedTools.isEmpty();
    if (context.toolsEmulated)
        context.parseTextToolCalls = true;
}

void Converter::convertMessages()
{
    const QJsonArray messages = m_in.value(QStringLiteral("messages")).toArray();
    for (int i = 0; i < messages.size(); ++i) {
        const QJsonObject message = messages.at(i).toObject();
        const QString role = str(message, "role");
        const QJsonValue content = message.value(QStringLiteral("content"));
        if (!content.isString() && !content.isArray()) {
            m_result.error
                = QStringLiteral("messages.%1.content: expected a string or an array of content blocks").arg(i);
            return;
        }
        if (role == QLatin1String("user")) {
            convertUser(content, i);
        } else if (role == QLatin1String("assistant")) {
            answerUnanswered();
            convertAssistant(content, i);
        } else if (role == QLatin1String("system")) {
            // E28: an inline system message joins the system prompt.
            if (content.isString()) {
                if (!isBlankText(content.toString()))
                    m_systemParts << content.toString();
            } else {
                for (const QJsonValue &block : content.toArray()) {
                    const QString text = str(block.toObject(), "text");
                    if (!isBlankText(text))
                        m_systemParts << text;
                }
            }
        } else {
            m_result.error = QStringLiteral("messages.%1.role: unexpected role \"%2\"").arg(i).arg(role);
            return;
        }
    }
    answerUnanswered();
}

void Converter::answerUnanswered()
{
    for (const PendingCall &call : qAsConst(m_pending)) {
        if (call.answered)
            continue;
        if (m_emulate)
            continue; // the model sees its call text and no result; nothing to pair
        m_messages.append(QJsonObject {{QStringLiteral("role"), QStringLiteral("tool")},
            {QStringLiteral("tool_call_id"), call.upstreamId},
            {QStringLiteral("content"), AnthropicToOpenAIRequest::noResultText()}});
        note(QStringLiteral("tool call %1 had no result").arg(call.anthropicId));
    }
    m_pending.clear();
}

QJsonValue Converter::imagePart(const QJsonObject &block)
{
    if (!m_profile.supportsVision)
        return textPart(AnthropicToOpenAIRequest::imageOmittedText());
    const QJsonObject source = block.value(QStringLiteral("source")).toObject();
    const QString sourceType = str(source, "type");
    QString url;
    if (sourceType == QLatin1String("base64")) {
        QString data = str(source, "data");
        if (data.startsWith(QLatin1String("data:"))) {
            const qsizetype comma = data.indexOf(QLatin1Char(','));
            data = comma < 0 ? QString() : data.mid(comma + 1);
        }
        QString mediaType = str(source, "media_type");
        if (mediaType.isEmpty())
            mediaType = QStringLiteral("image/png");
        url = QStringLiteral("data:") + mediaType + QStringLiteral(";base64,") + data;
    } else if (sourceType == QLatin1String("url")) {
        url = str(source, "url");
    }
    if (url.isEmpty())
        return textPart(QStringLiteral("[Image omitted - unsupported image source]"));
    return QJsonObject {{QStringLiteral("type"), QStringLiteral("image_url")},
        {QStringLiteral("image_url"), QJsonObject {{QStringLiteral("url"), url}}}};
}

QString Converter::toolResultText(const QJsonObject &block, QJsonArray &movedImages)
{
    const QJsonValue content = block.value(QStringLiteral("content"));
    QString text;
    if (content.isString()) {
        text = content.toString();
    } else {
        QStringList parts;
        for (const QJsonValue &value : content.toArray()) {
            const QJsonObject part = value.toObject();
            const QString type = str(part, "type");
            if (type == QLatin1String("text")) {
                parts << str(part, "text");
            } else if (type == QLatin1String("image")) {
                m_hasMedia = true;
                if (m_profile.supportsVision && !m_emulate) {
                    movedImages.append(imagePart(part));
                    parts << QStringLiteral("[Image: attached in the next message]");
                } else if (m_profile.supportsVision) {
                    movedImages.append(imagePart(part));
                    parts << QStringLiteral("[Image: attached below]");
                } else {
                    parts << AnthropicToOpenAIRequest::imageOmittedText();
                }
            } else if (type == QLatin1String("document")) {
                m_hasMedia = true;
                parts << documentText(part);
            } else if (type == QLatin1String("search_result")) {
                QStringList inner;
                for (const QJsonValue &item : part.value(QStringLiteral("content")).toArray())
                    inner << str(item.toObject(), "text");
                parts << QStringLiteral("[%1](%2)\n%3")
                             .arg(str(part, "title"), str(part, "source"), inner.join(QLatin1Char('\n')));
            } else if (type == QLatin1String("tool_reference")) {
                parts << QStringLiteral("[Tool reference: %1]").arg(str(part, "tool_name"));
            }
        }
        text = parts.join(QLatin1Char('\n'));
    }
    if (block.value(QStringLiteral("is_error")).toBool())
        text = QStringLiteral("Error: ") + text;
    if (isBlankText(text))
        text = QStringLiteral("(no content)");
    return text;
}

void Converter::convertUser(const QJsonValue &content, int index)
{
    Q_UNUSED(index)
    QJsonArray toolMessages;
    QJsonArray movedImages;
    QJsonArray parts;
    if (content.isString()) {
        if (!isBlankText(content.toString()))
            parts.append(textPart(content.toString()));
    } else {
        for (const QJsonValue &value : content.toArray()) {
            const QJsonObject block = value.toObject();
            const QString type = str(block, "type");
            if (type == QLatin1String("text")) {
                const QString text = str(block, "text");
                if (!isBlankText(text))
                    parts.append(textPart(text));
            } else if (type == QLatin1String("image")) {
                m_hasMedia = true;
                parts.append(imagePart(block));
            } else if (type == QLatin1String("document")) {
                m_hasMedia = true;
                parts.append(textPart(documentText(block)));
            } else if (type == QLatin1String("tool_result")) {
                const QString id = ToolNameMap::normalizeId(str(block, "tool_use_id"));
                QJsonArray images;
                const QString text = toolResultText(block, images);
                PendingCall *match = nullptr;
                for (PendingCall &call : m_pending) {
                    if (!call.answered && call.anthropicId == id) {
                        match = &call;
                        break;
                    }
                }
                if (m_emulate) {
                    const QString name = match ? match->clientName : m_emulatedCallNames.value(id);
                    if (match)
                        match->answered = true;
                    parts.append(textPart(ToolEmulation::renderToolResult(id, name, text, false)));
                    for (const QJsonValue &image : qAsConst(images))
                        parts.append(image);
                } else if (match) {
                    match->answered = true;
                    toolMessages.append(QJsonObject {{QStringLiteral("role"), QStringLiteral("tool")},
                        {QStringLiteral("tool_call_id"), match->upstreamId}, {QStringLiteral("content"), text}});
                    for (const QJsonValue &image : qAsConst(images))
                        movedImages.append(image);
                } else {
                    // A result for a call the history does not have: OpenAI would reject a `tool` message.
                    note(QStringLiteral("tool result %1 has no matching tool call; sent as text").arg(id));
                    parts.append(textPart(QStringLiteral("[Result of tool call %1]\n%2").arg(id, text)));
                    for (const QJsonValue &image : qAsConst(images))
                        parts.append(image);
                }
            } else if (type == QLatin1String("search_result")) {
                QStringList inner;
                for (const QJsonValue &item : block.value(QStringLiteral("content")).toArray())
                    inner << str(item.toObject(), "text");
                parts.append(
                    textPart(QStringLiteral("[%1](%2)\n%3")
                                 .arg(str(block, "title"), str(block, "source"), inner.join(QLatin1Char('\n')))));
            } else if (!type.isEmpty()) {
                note(QStringLiteral("dropped a %1 block").arg(type));
            }
        }
    }

    for (const QJsonValue &message : qAsConst(toolMessages))
        m_messages.append(message);
    answerUnanswered();

    if (!movedImages.isEmpty()) {
        QJsonArray withImages {textPart(QStringLiteral("[Images returned by the tool calls above]"))};
        for (const QJsonValue &image : qAsConst(movedImages))
            withImages.append(image);
        for (const QJsonValue &part : qAsConst(parts))
            withImages.append(part);
        parts = withImages;
    }
    if (parts.isEmpty())
        return;
    bool textOnly = true;
    QStringList texts;
    for (const QJsonValue &part : qAsConst(parts)) {
        if (str(part.toObject(), "type") != QLatin1String("text")) {
            textOnly = false;
            break;
        }
        texts << str(part.toObject(), "text");
    }
    QJsonObject message {{QStringLiteral("role"), QStringLiteral("user")}};
    if (textOnly)
        message.insert(QStringLiteral("content"), texts.join(QStringLiteral("\n\n")));
    else
        message.insert(QStringLiteral("content"), parts);
    m_messages.append(message);
}

void Converter::convertAssistant(const QJsonValue &content, int index)
{
    Q_UNUSED(index)
    QStringList texts;
    QStringList thinking;
    QJsonArray toolCalls;
    QSet<QString> usedIds;
    if (content.isString()) {
        if (!isBlankText(content.toString()))
            texts << content.toString();
    } else {
        for (const QJsonValue &value : content.toArray()) {
            const QJsonObject block = value.toObject();
            const QString type = str(block, "type");
            if (type == QLatin1String("text")) {
                const QString text = str(block, "text");
                if (!isBlankText(text))
                    texts << text;
            } else if (type == QLatin1String("thinking")) {
                const QString text = str(block, "thinking");
                if (!text.isEmpty())
                    thinking << text;
            } else if (type == QLatin1String("tool_use")) {
                const QString anthropicId = ToolNameMap::normalizeId(str(block, "id"));
                QString upstreamId = anthropicId;
                for (int n = 2; usedIds.contains(upstreamId); ++n)
                    upstreamId = ToolNameMap::normalizeId(anthropicId + QStringLiteral("_") + QString::number(n));
                usedIds.insert(upstreamId);
                const QString clientName = str(block, "name");
                const QJsonObject input = block.value(QStringLiteral("input")).toObject();
                m_pending.append(PendingCall {anthropicId, upstreamId, clientName, false});
                if (m_emulate) {
                    m_emulatedCallNames.insert(anthropicId, clientName);
                    texts << ToolEmulation::renderToolCall(clientName, input);
                    continue;
                }
                const QJsonObject function {
                    {QStringLiteral("name"), m_result.context.toolNames.addClientName(clientName)},
                    {QStringLiteral("arguments"), compactJson(input)}};
                toolCalls.append(QJsonObject {{QStringLiteral("id"), upstreamId},
                    {QStringLiteral("type"), QStringLiteral("function")}, {QStringLiteral("function"), function}});
            } else if (type == QLatin1String("redacted_thinking")) {
                // Opaque to every OpenAI upstream.
            } else if (!type.isEmpty()) {
                note(QStringLiteral("dropped an assistant %1 block").arg(type));
            }
        }
    }
    if (texts.isEmpty() && toolCalls.isEmpty())
        return; // an empty assistant turn (thinking only): nothing an OpenAI upstream can take
    QJsonObject message {{QStringLiteral("role"), QStringLiteral("assistant")}};
    const QString text = texts.join(QStringLiteral("\n\n"));
    if (!text.isEmpty())
        message.insert(QStringLiteral("content"), text);
    else
        message.insert(QStringLiteral("content"),
            m_profile.assistantContentNullWithToolCalls ? QJsonValue(QJsonValue::Null) : QJsonValue(QString()));
    if (!toolCalls.isEmpty()) {
        message.insert(QStringLiteral("tool_calls"), toolCalls);
        if (m_profile.passReasoningContentBack && !thinking.isEmpty())
            message.insert(QStringLiteral("reasoning_content"), thinking.join(QStringLiteral("\n\n")));
    }
    m_messages.append(message);
}

QJsonArray asParts(const QJsonValue &content)
{
    if (content.isArray())
        return content.toArray();
    if (content.isString() && !content.toString().isEmpty())
        return QJsonArray {textPart(content.toString())};
    return QJsonArray();
}

void Converter::mergeAdjacent()
{
    QJsonArray merged;
    for (const QJsonValue &value : qAsConst(m_messages)) {
        const QJsonObject message = value.toObject();
        const QString role = str(message, "role");
        if (!merged.isEmpty()) {
            QJsonObject previous = merged.last().toObject();
            const bool sameRole = str(previous, "role") == role;
            const bool mergeable = sameRole
                && (role == QLatin1String("user")
                    || (role == QLatin1String("assistant") && !previous.contains(QStringLiteral("tool_calls"))));
            if (mergeable) {
                const QJsonValue a = previous.value(QStringLiteral("content"));
                const QJsonValue b = message.value(QStringLiteral("content"));
                if ((a.isString() || a.isNull()) && (b.isString() || b.isNull())) {
                    QStringList texts;
                    if (!a.toString().isEmpty())
                        texts << a.toString();
                    if (!b.toString().isEmpty())
                        texts << b.toString();
                    previous.insert(QStringLiteral("content"),
                        texts.isEmpty() && b.isNull() ? QJsonValue(QJsonValue::Null)
                                                      : QJsonValue(texts.join(QStringLiteral("\n\n"))));
                } else {
                    QJsonArray parts = asParts(a);
                    for (const QJsonValue &part : asParts(b))
                        parts.append(part);
                    previous.insert(QStringLiteral("content"), parts);
                }
                for (const QString &key : {QStringLiteral("tool_calls"), QStringLiteral("reasoning_content")}) {
                    if (message.contains(key))
                        previous.insert(key, message.value(key));
                }
                merged.replace(merged.size() - 1, previous);
                continue;
            }
        }
        merged.append(message);
    }
    m_messages = merged;
}

QString effortForBudget(int budget)
{
    if (budget < 4096)
        return QStringLiteral("low");
    if (budget < 16384)
        return QStringLiteral("medium");
    return QStringLiteral("high");
}

QString effortForLevel(const QString &level)
{
    if (level == QLatin1String("low") || level == QLatin1String("minimal"))
        return QStringLiteral("low");
    if (level == QLatin1String("high") || level == QLatin1String("xhigh") || level == QLatin1String("max"))
        return QStringLiteral("high");
    return QStringLiteral("medium");
}

void Converter::applyReasoning(int maxTokens)
{
    const QJsonObject thinking = m_in.value(QStringLiteral("thinking")).toObject();
    const QString type = str(thinking, "type");
    const bool enabled = type == QLatin1String("enabled") || type == QLatin1String("adaptive");
    const int budget = thinking.value(QStringLiteral("budget_tokens")).toInt(0);
    const QString level = str(m_in.value(QStringLiteral("output_config")).toObject(), "effort");
    const QString effort
        = type == QLatin1String("enabled") && budget > 0 ? effortForBudget(budget) : effortForLevel(level);
    if (!m_profile.supportsReasoning) {
        if (enabled)
            note(QStringLiteral("thinking requested; the model has no reasoning switch"));
        return;
    }
    switch (m_profile.reasoningStyle) {
    case Profile::ReasoningStyle::None:
        break;
    case Profile::ReasoningStyle::EnableThinking:
        if (enabled) {
            m_out.insert(QStringLiteral("enable_thinking"), true);
            if (budget > 0)
                m_out.insert(QStringLiteral("thinking_budget"), maxTokens > 0 ? qMin(budget, maxTokens) : budget);
        } else if (m_profile.canDisableReasoning) {
            m_out.insert(QStringLiteral("enable_thinking"), false);
        }
        break;
    case Profile::ReasoningStyle::OpenRouterReasoning:
        if (enabled) {
            if (type == QLatin1String("enabled") && budget > 0)
                m_out.insert(QStringLiteral("reasoning"), QJsonObject {{QStringLiteral("max_tokens"), budget}});
            else
                m_out.insert(QStringLiteral("reasoning"), QJsonObject {{QStringLiteral("effort"), effort}});
        }
        break;
    case Profile::ReasoningStyle::DeepSeekThinking:
        if (enabled)
            m_out.insert(QStringLiteral("thinking"), QJsonObject {{QStringLiteral("type"), QStringLiteral("enabled")}});
        else if (m_profile.canDisableReasoning)
            m_out.insert(
                QStringLiteral("thinking"), QJsonObject {{QStringLiteral("type"), QStringLiteral("disabled")}});
        break;
    case Profile::ReasoningStyle::ReasoningEffort:
        if (enabled)
            m_out.insert(QStringLiteral("reasoning_effort"), effort);
        break;
    }
}

void Converter::applyParameters()
{
    ResponseContext &context = m_result.context;

    int maxTokens = 0;
    const QJsonValue maxTokensValue = m_in.value(QStringLiteral("max_tokens"));
    if (maxTokensValue.isDouble()) {
        maxTokens = int(qBound<double>(1.0, maxTokensValue.toDouble(), 2'000'000'000.0));
        if (m_profile.maxOutputTokens > 0 && maxTokens > m_profile.maxOutputTokens) {
            note(QStringLiteral("max_tokens %1 clamped to %2").arg(maxTokens).arg(m_profile.maxOutputTokens));
            maxTokens = m_profile.maxOutputTokens;
        }
        // Text never estimates above TokenEstimator::kMostTextTokensPerByte (plus the tool preamble, the one
        // overhead larger than the bytes it stands for); images and documents count by their kind, not their
        // bytes, so a request with any needs the estimate.
        const qint64 mostInputTokens
            = qint64(std::ceil(double(context.requestBytes) * TokenEstimator::kMostTextTokensPerByte))
            + TokenEstimator::kToolPreambleTokens;
        const bool fitsWithoutEstimate = !m_hasMedia && context.requestBytes >= 0
            && qint64(maxTokens) + mostInputTokens <= qint64(m_profile.contextWindow);
        if (m_profile.contextWindow > 0 && !fitsWithoutEstimate) {
            // Leave room for the prompt (E8/E27): input + max_tokens must fit the window.
            const int room = m_profile.contextWindow - context.inputTokenEstimate();
            const int floor = qMin(maxTokens, 1024);
            if (room < maxTokens) {
                const int clamped = qMax(room, floor);
                if (clamped < maxTokens) {
                    note(QStringLiteral("max_tokens %1 clamped to %2 to fit the context window")
                             .arg(maxTokens)
                             .arg(clamped));
                    maxTokens = clamped;
                }
            }
        }
        m_out.insert(
            m_profile.useMaxCompletionTokens ? QStringLiteral("max_completion_tokens") : QStringLiteral("max_tokens"),
            maxTokens);
    }

    const QJsonObject thinking = m_in.value(QStringLiteral("thinking")).toObject();
    const QString thinkingType = str(thinking, "type");
    const bool reasoningOn = m_profile.supportsReasoning
        && (thinkingType == QLatin1String("enabled") || thinkingType == QLatin1String("adaptive"));
    const bool dropSampling = m_profile.dropSamplingWithReasoning
        && (reasoningOn || m_profile.reasoningStyle == Profile::ReasoningStyle::ReasoningEffort);
    if (!dropSampling) {
        for (const char *key : {"temperature", "top_p"}) {
            const QJsonValue value = m_in.value(QLatin1String(key));
            if (value.isDouble())
                m_out.insert(QLatin1String(key), value);
        }
    }
    applyReasoning(maxTokens);

    if (!context.stopSequences.isEmpty()) {
        QJsonArray stop;
        for (const QString &s : qAsConst(context.stopSequences)) {
            if (stop.size() >= m_profile.maxStopSequences)
                break;
            stop.append(s);
        }
        m_out.insert(QStringLiteral("stop"), stop);
    }

    if (!m_tools.isEmpty()) {
        m_out.insert(QStringLiteral("tools"), m_tools);
        const QJsonObject choice = m_in.value(QStringLiteral("tool_choice")).toObject();
        const QString choiceType = str(choice, "type");
        if (choiceType == QLatin1String("auto")) {
            m_out.insert(QStringLiteral("tool_choice"), QStringLiteral("auto"));
        } else if (choiceType == QLatin1String("none")) {
            m_out.insert(QStringLiteral("tool_choice"), QStringLiteral("none"));
        } else if (choiceType == QLatin1String("any")) {
            if (m_profile.supportsToolChoiceRequired) {
                m_out.insert(QStringLiteral("tool_choice"), QStringLiteral("required"));
            } else if (m_tools.size() == 1) {
                const QString name = m_tools.first()
                                         .toObject()
                                         .value(QStringLiteral("function"))
                                         .toObject()
                                         .value(QStringLiteral("name"))
                                         .toString();
                m_out.insert(QStringLiteral("tool_choice"),
                    QJsonObject {{QStringLiteral("type"), QStringLiteral("function")},
                        {QStringLiteral("function"), QJsonObject {{QStringLiteral("name"), name}}}});
            } else {
                m_out.insert(QStringLiteral("tool_choice"), QStringLiteral("auto"));
                note(QStringLiteral("tool_choice any sent as auto (the platform has no \"required\")"));
            }
        } else if (choiceType == QLatin1String("tool")) {
            m_out.insert(QStringLiteral("tool_choice"),
                QJsonObject {{QStringLiteral("type"), QStringLiteral("function")},
                    {QStringLiteral("function"),
                        QJsonObject {{QStringLiteral("name"), context.toolNames.toUpstream(str(choice, "name"))}}}});
        }
        if (choice.value(QStringLiteral("disable_parallel_tool_use")).toBool()
            && m_profile.supportsParallelToolCallsField)
            m_out.insert(QStringLiteral("parallel_tool_calls"), false);
    }

    if (m_in.value(QStringLiteral("stream")).toBool()) {
        m_out.insert(QStringLiteral("stream"), true);
        if (m_profile.sendStreamUsage)
            m_out.insert(QStringLiteral("stream_options"), QJsonObject {{QStringLiteral("include_usage"), true}});
    }

    if (m_profile.sendUser) {
        const QString user = str(m_in.value(QStringLiteral("metadata")).toObject(), "user_id");
        if (!user.isEmpty()) {
            // Long identifiers (Claude Code sends a JSON document) are sent as a stable digest.
            m_out.insert(QStringLiteral("user"),
                user.size() <= 64 ? user
                                  : QStringLiteral("sha256:")
                        + QString::fromLatin1(
                            QCryptographicHash::hash(user.toUtf8(), QCryptographicHash::Sha256).toHex().left(32)));
        }
    }

    const QJsonObject format
        = m_in.value(QStringLiteral("output_config")).toObject().value(QStringLiteral("format")).toObject();
    if (str(format, "type") == QLatin1String("json_schema")) {
        m_out.insert(QStringLiteral("response_format"),
            QJsonObject {{QStringLiteral("type"), QStringLiteral("json_schema")},
                {QStringLiteral("json_schema"),
                    QJsonObject {{QStringLiteral("name"), QStringLiteral("response")},
                        {QStringLiteral("schema"),
                            JsonSchemaSanitizer::sanitize(
                                format.value(QStringLiteral("schema")), m_profile.schemaDialect)}}}});
    }
}

} // namespace

const QString &AnthropicToOpenAIRequest::imageOmittedText()
{
    static const QString text = QStringLiteral("[Image omitted - model does not support vision input]");
    return text;
}

const QString &AnthropicToOpenAIRequest::noResultText()
{
    static const QString text = QStringLiteral("[no result]");
    return text;
}

OpenAIRequestConversion AnthropicToOpenAIRequest::convert(
    const QJsonObject &anthropic, const ConversionProfile &profile, qint64 requestBytes)
{
    OpenAIRequestConversion result;
    result.context.requestBytes = requestBytes;
    Converter converter(anthropic, profile, result);
    converter.run();
    if (!result.ok()) {
        result.openai = QJsonObject();
    }
    return result;
}
