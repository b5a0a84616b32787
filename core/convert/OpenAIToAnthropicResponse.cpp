#include "convert/OpenAIToAnthropicResponse.h"

#include "convert/OpenAIErrorMapper.h"
#include "convert/TextChecks.h"
#include "convert/TextToolCallParser.h"
#include "convert/ThinkTagSplitter.h"
#include "convert/TokenEstimator.h"
#include "convert/ToolArgumentsRepair.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRandomGenerator>

namespace {

QString contentText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    QString text;
    for (const QJsonValue &part : value.toArray()) {
        const QJsonObject object = part.toObject();
        const QString type = object.value(QStringLiteral("type")).toString();
        if (type.isEmpty() || type == QLatin1String("text") || type == QLatin1String("output_text"))
            text += object.value(QStringLiteral("text")).toString();
    }
    return text;
}

class MessageBuilder
{
public:
    explicit MessageBuilder(const ResponseContext &context)
        : m_context(context)
    {
    }

    void thinking(const QString &text) { m_thinking += text; }

    void text(const QString &text)
    {
        if (text.isEmpty())
            return;
        if (m_lastWasText) {
            QJsonObject last = m_blocks.last().toObject();
            last.insert(QStringLiteral("text"), QString(last.value(QStringLiteral("text")).toString() + text));
            m_blocks.replace(m_blocks.size() - 1, last);
            return;
        }
        if (isBlankText(text)) {
            m_pendingWhitespace += text;
            return;
        }
        m_blocks.append(QJsonObject {{QStringLiteral("type"), QStringLiteral("text")},
            {QStringLiteral("text"), QString(m_pendingWhitespace + text)}});
        m_pendingWhitespace.clear();
        m_lastWasText = true;
        m_hasText = true;
    }

    void toolUse(const QString &upstreamId, const QString &upstreamName, const QJsonObject &input)
    {
        const QString id = ToolNameMap::uniqueId(upstreamId, m_usedIds);
        m_blocks.append(QJsonObject {{QStringLiteral("type"), QStringLiteral("tool_use")}, {QStringLiteral("id"), id},
            {QStringLiteral("name"), m_context.toolNames.toClient(upstreamName)}, {QStringLiteral("input"), input}});
        m_lastWasText = false;
        m_pendingWhitespace.clear();
        m_hasTool = true;
    }

    // Content text through the <think> splitter and the text tool-call parser, as the context asks.
    void content(const QString &text)
    {
        std::vector<ThinkTagSplitter::Piece> pieces;
        if (m_context.splitThinkTags)
            pieces = ThinkTagSplitter::splitAll(text);
        else
            pieces.push_back(ThinkTagSplitter::Piece {false, text});
        for (const ThinkTagSplitter::Piece &piece : pieces) {
            if (piece.reasoning) {
                thinking(piece.text);
                continue;
            }
            if (!(m_context.parseTextToolCalls || m_context.toolsEmulated)) {
                this->text(piece.text);
                continue;
            }
            for (const TextToolCallParser::Segment &segment :
                TextToolCallParser::parseAll(piece.text, m_context.declaredTools)) {
                if (segment.kind == TextToolCallParser::Segment::Kind::Text)
                    this->text(segment.text);
                else
                    toolUse(QString(), segment.name, segment.input);
            }
        }
    }

    QJsonArray blocks(bool allowReasoningFallback) const
    {
        QJsonArray out;
        if (!m_thinking.isEmpty())
            out.append(QJsonObject {{QStringLiteral("type"), QStringLiteral("thinking")},
                {QStringLiteral("thinking"), m_thinking},
                {QStringLiteral("signature"), OpenAIToAnthropicResponse::syntheticSignature()}});
        for (const QJsonValue &block : m_blocks)
            out.append(block);
        if (allowReasoningFallback && !m_hasText && !m_hasTool && !isBlankText(m_thinking)
            && m_context.reasoningOnlyFallbackToText)
            out.append(QJsonObject {
                {QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), m_thinking.trimmed()}});
        return out;
    }

    bool hasTool() const { return m_hasTool; }
    QString allText() const
    {
        QString all = m_thinking;
        for (const QJsonValue &block : m_blocks) {
            const QJsonObject object = block.toObject();
            all += object.value(QStringLiteral("text")).toString();
            if (object.contains(QStringLiteral("input")))
                all += QString::fromUtf8(
                    QJsonDocument(object.value(QStringLiteral("input")).toObject()).toJson(QJsonDocument::Compact));
        }
        return all;
    }

private:
    const ResponseContext &m_context;
    QString m_thinking;
    QJsonArray m_blocks; // text and tool_use in order
    QString m_pendingWhitespace;
    QStringList m_usedIds;
    bool m_lastWasText = false;
    bool m_hasText = false;
    bool m_hasTool = false;
};

} // namespace

QString OpenAIToAnthropicResponse::generateMessageId()
{
    QString id = QStringLiteral("msg_");
    static const char hex[] = "0123456789abcdef";
    QRandomGenerator *rng = QRandomGenerator::global();
    for (int i = 0; i < 24; ++i)
        id.append(QLatin1Char(hex[rng->bounded(16)]));
    return id;
}

const QString &OpenAIToAnthropicResponse::syntheticSignature()
{
    static const QString signature = QStringLiteral("switchyard-synthetic-signature");
    return signature;
}

bool OpenAIToAnthropicResponse::isSyntheticSignature(const QString &signature)
{
    return signature == syntheticSignature();
}

AnthropicResponseConversion OpenAIToAnthropicResponse::convert(const QByteArray &body, const ResponseContext &context)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        AnthropicResponseConversion result;
        result.error
            = ApiError::api(QStringLiteral("the upstream answered with a body that is not a JSON object: %1")
                                .arg(parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                                  : QStringLiteral("not an object")),
                502);
        return result;
    }
    return convert(doc.object(), context);
}

AnthropicResponseConversion OpenAIToAnthropicResponse::convert(
    const QJsonObject &openai, const ResponseContext &context)
{
    AnthropicResponseConversion result;
    const QJsonValue error = openai.value(QStringLiteral("error"));
    if (!error.isUndefined() && !error.isNull()) {
        result.error = OpenAIErrorMapper::mapStreamError(error).error;
        return result;
    }
    const QJsonArray choices = openai.value(QStringLiteral("choices")).toArray();
    if (choices.isEmpty() || !choices.first().isObject()) {
        result.error = ApiError::api(QStringLiteral("the upstream answer has no choices"), 502);
        return result;
    }
    QJsonObject choice = choices.first().toObject();
    for (const QJsonValue &value : choices) {
        if (value.toObject().value(QStringLiteral("index")).toInt(0) == 0) {
            choice = value.toObject();
            break;
        }
    }
    const QJsonObject message = choice.value(QStringLiteral("message")).toObject();

    MessageBuilder builder(context);
    QString reasoning = contentText(message.value(QStringLiteral("reasoning_content")));
    if (reasoning.isEmpty())
        reasoning = contentText(message.value(QStringLiteral("reasoning")));
    builder.thinking(reasoning);
    builder.content(contentText(message.value(QStringLiteral("content"))));
    const QString refusal = contentText(message.value(QStringLiteral("refusal")));
    builder.text(refusal);

    for (const QJsonValue &value : message.value(QStringLiteral("tool_calls")).toArray()) {
        const QJsonObject call = value.toObject();
        const QJsonObject function = call.value(QStringLiteral("function")).toObject();
        const QString name = function.value(QStringLiteral("name")).toString();
        if (name.isEmpty())
            continue;
        builder.toolUse(call.value(QStringLiteral("id")).toString(), name,
            ToolArgumentsRepair::parseValue(function.value(QStringLiteral("arguments"))));
    }
    const QJsonObject functionCall = message.value(QStringLiteral("function_call")).toObject();
    if (!functionCall.value(QStringLiteral("name")).toString().isEmpty())
        builder.toolUse(QString(), functionCall.value(QStringLiteral("name")).toString(),
            ToolArgumentsRepair::parseValue(functionCall.value(QStringLiteral("arguments"))));

    const QString finishReason = choice.value(QStringLiteral("finish_reason")).toString();
    const QJsonValue vllmStop = choice.value(QStringLiteral("stop_reason"));
    QString stopReason;
    QJsonValue stopSequence(QJsonValue::Null);
    if (finishReason == QLatin1String("length"))
        stopReason = QStringLiteral("max_tokens"); // also with a cut tool call (E7): it must not run
    else if (builder.hasTool())
        stopReason = QStringLiteral("tool_use");
    else if (finishReason == QLatin1String("content_filter") || !refusal.isEmpty())
        stopReason = QStringLiteral("refusal");
    else if (vllmStop.isString() && context.stopSequences.contains(vllmStop.toString())) {
        stopReason = QStringLiteral("stop_sequence");
        stopSequence = vllmStop;
    } else
        stopReason = QStringLiteral("end_turn");

    const QJsonArray blocks = builder.blocks(finishReason != QLatin1String("length"));
    const QJsonObject usage = openai.value(QStringLiteral("usage")).toObject();
    if (UsageMapping::hasCounts(usage)) {
        result.usage = UsageMapping::fromOpenAI(usage);
    } else {
        result.usage.inputTokens = context.inputTokenEstimate();
        result.usage.outputTokens = TokenEstimator::estimateText(builder.allText());
    }
    const QString upstreamModel = openai.value(QStringLiteral("model")).toString();
    result.message = QJsonObject {{QStringLiteral("id"), generateMessageId()},
        {QStringLiteral("type"), QStringLiteral("message")}, {QStringLiteral("role"), QStringLiteral("assistant")},
        {QStringLiteral("model"), context.requestedModel.isEmpty() ? upstreamModel : context.requestedModel},
        {QStringLiteral("content"), blocks}, {QStringLiteral("stop_reason"), stopReason},
        {QStringLiteral("stop_sequence"), stopSequence}, {QStringLiteral("usage"), result.usage.toJson()}};
    return result;
}
