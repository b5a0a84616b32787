#include "convert/OpenAIStreamTranslator.h"

#include "common/Logging.h"
#include "convert/AnthropicMessageEvents.h"
#include "convert/OpenAIErrorMapper.h"
#include "convert/OpenAIToAnthropicResponse.h"
#include "convert/TextChecks.h"
#include "convert/TokenEstimator.h"
#include "convert/ToolArgumentsRepair.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <cmath>
#include <utility>

namespace {

// Text of a delta field that may be a string or an array of {type:"text", text} parts.
QString deltaText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    QString text;
    for (const QJsonValue &part : value.toArray()) {
        const QJsonObject object = part.toObject();
        if (object.value(QStringLiteral("text")).isString())
            text += object.value(QStringLiteral("text")).toString();
    }
    return text;
}

bool isCompleteJsonObject(const QByteArray &arguments)
{
    if (arguments.isEmpty())
        return false;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(arguments, &error);
    return error.error == QJsonParseError::NoError && doc.isObject();
}

} // namespace

OpenAIStreamTranslator::OpenAIStreamTranslator(ResponseContext context)
    : m_context(std::move(context))
    , m_messageId(OpenAIToAnthropicResponse::generateMessageId())
{
    if (m_context.splitThinkTags)
        m_thinkSplitter = std::make_unique<ThinkTagSplitter>();
    if (m_context.parseTextToolCalls || m_context.toolsEmulated)
        m_toolParser = std::make_unique<TextToolCallParser>(m_context.declaredTools);
}

OpenAIStreamTranslator::~OpenAIStreamTranslator() = default;

void OpenAIStreamTranslator::emitEvent(const char *name, const QJsonObject &data)
{
    AnthropicMessageEvents::append(m_out, name, data);
}

void OpenAIStreamTranslator::ensureMessageStart()
{
    if (m_started)
        return;
    m_started = true;
    const QString model = m_context.requestedModel.isEmpty() ? m_upstreamModel : m_context.requestedModel;
    // The input count is only known here if it was already estimated; otherwise message_delta carries it (the
    // SDK takes message_delta's input_tokens over message_start's), so the first event is not delayed for it.
    const QJsonObject usage {{QStringLiteral("input_tokens"), qMax(m_context.estimatedInputTokens, 0)},
        {QStringLiteral("output_tokens"), 0}, {QStringLiteral("cache_creation_input_tokens"), 0},
        {QStringLiteral("cache_read_input_tokens"), 0}};
    const QJsonObject message {{QStringLiteral("id"), m_messageId}, {QStringLiteral("type"), QStringLiteral("message")},
        {QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("model"), model},
        {QStringLiteral("content"), QJsonArray()}, {QStringLiteral("stop_reason"), QJsonValue(QJsonValue::Null)},
        {QStringLiteral("stop_sequence"), QJsonValue(QJsonValue::Null)}, {QStringLiteral("usage"), usage}};
    emitEvent("message_start",
        QJsonObject {{QStringLiteral("type"), QStringLiteral("message_start")}, {QStringLiteral("message"), message}});
}

QByteArray OpenAIStreamTranslator::feedBytes(QByteArrayView bytes)
{
    std::vector<SseEvent> events;
    m_parser.feed(bytes, events);
    QByteArray out;
    for (const SseEvent &event : events)
        out += feedEvent(event);
    return out;
}

QByteArray OpenAIStreamTranslator::feedEvent(const SseEvent &event)
{
    if (!event.hasData)
        return QByteArray();
    if (event.name == "error" && !m_finished) {
        m_out.clear();
        const QJsonDocument doc = QJsonDocument::fromJson(event.data);
        const QJsonObject object = doc.object();
        const QJsonValue error
            = object.contains(QStringLiteral("error")) ? object.value(QStringLiteral("error")) : QJsonValue(object);
        fail(OpenAIErrorMapper::mapStreamError(doc.isObject() ? error : QJsonValue(QString::fromUtf8(event.data)))
                 .error);
        return std::exchange(m_out, QByteArray());
    }
    return feedData(event.data);
}

QByteArray OpenAIStreamTranslator::feedData(QByteArrayView data)
{
    if (m_finished)
        return QByteArray();
    m_out.clear();
    const QByteArray trimmed = data.toByteArray().trimmed();
    if (trimmed == "[DONE]") {
        if (!m_receivedChunk)
            fail(ApiError::api(QStringLiteral("the upstream ended the stream without sending any data")));
        else
            finalize();
        return std::exchange(m_out, QByteArray());
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        qCDebug(lcConvert) << "ignoring a stream payload that is not a JSON object:" << trimmed.left(120);
        return QByteArray();
    }
    m_receivedChunk = true;
    handleChunk(doc.object());
    if (m_out.isEmpty() && !m_finished && ++m_silentChunks >= kSilentChunksPerPing && m_started) {
        m_silentChunks = 0;
        emitEvent("ping", QJsonObject {{QStringLiteral("type"), QStringLiteral("ping")}});
    } else if (!m_out.isEmpty()) {
        m_silentChunks = 0;
    }
    return std::exchange(m_out, QByteArray());
}

QByteArray OpenAIStreamTranslator::finish()
{
    if (m_finished)
        return QByteArray();
    std::vector<SseEvent> events;
    m_parser.finish(events);
    QByteArray out;
    for (const SseEvent &event : events)
        out += feedEvent(event);
    if (m_finished)
        return out;
    m_out = out;
    if (!m_receivedChunk)
        fail(ApiError::api(QStringLiteral("the upstream closed the stream without sending any data")));
    else
        finalize();
    return std::exchange(m_out, QByteArray());
}

QByteArray OpenAIStreamTranslator::abort(const ApiError &error)
{
    if (m_finished)
        return QByteArray();
    m_out.clear();
    fail(error);
    return std::exchange(m_out, QByteArray());
}

void OpenAIStreamTranslator::fail(const ApiError &error)
{
    // Close the open block so the client keeps what it received, then the error event ends the stream.
    if (m_started && m_open != Block::None) {
        if (m_open == Block::Tool) {
            auto it = m_tools.find(m_openTool);
            if (it != m_tools.end())
                closeTool(it->second);
        } else {
            closeOpenBlock();
        }
    }
    m_out += error.toSseEvent();
    m_finished = true;
    m_endedWithError = true;
    m_stopReason.clear();
}

void OpenAIStreamTranslator::handleChunk(const QJsonObject &chunk)
{
    if (m_upstreamModel.isEmpty())
        m_upstreamModel = chunk.value(QStringLiteral("model")).toString();

    const QJsonValue error = chunk.value(QStringLiteral("error"));
    if (!error.isUndefined() && !error.isNull()) {
        fail(OpenAIErrorMapper::mapStreamError(error).error);
        return;
    }

    const QJsonObject usage = chunk.value(QStringLiteral("usage")).toObject();
    if (UsageMapping::hasCounts(usage))
        m_upstreamUsage = usage;

    const QJsonArray choices = chunk.value(QStringLiteral("choices")).toArray();
    QJsonObject choice;
    for (const QJsonValue &value : choices) {
        const QJsonObject candidate = value.toObject();
        if (candidate.value(QStringLiteral("index")).toInt(0) == 0) {
            choice = candidate;
            break;
        }
    }
    if (choice.isEmpty())
        return; // a usage-only chunk (choices: []) or keep-alive
    const QJsonObject choiceUsage = choice.value(QStringLiteral("usage")).toObject();
    if (UsageMapping::hasCounts(choiceUsage))
        m_upstreamUsage = choiceUsage; // Moonshot-style usage inside the choice

    const QJsonObject delta = choice.contains(QStringLiteral("delta"))
        ? choice.value(QStringLiteral("delta")).toObject()
        : choice.value(QStringLiteral("message")).toObject();

    QString reasoning = deltaText(delta.value(QStringLiteral("reasoning_content")));
    if (reasoning.isEmpty())
        reasoning = deltaText(delta.value(QStringLiteral("reasoning")));
    if (reasoning.isEmpty()) {
        for (const QJsonValue &detail : delta.value(QStringLiteral("reasoning_details")).toArray()) {
            const QJsonObject object = detail.toObject();
            if (object.value(QStringLiteral("type")).toString() == QLatin1String("reasoning.text"))
                reasoning += object.value(QStringLiteral("text")).toString();
        }
    }
    if (!reasoning.isEmpty())
        handleReasoning(reasoning);

    const QString content = deltaText(delta.value(QStringLiteral("content")));
    if (!content.isEmpty())
        handleContent(content);
    const QString refusal = deltaText(delta.value(QStringLiteral("refusal")));
    if (!refusal.isEmpty()) {
        m_refusal = true;
        handleTextSegment(refusal);
    }

    const QJsonArray toolCalls = delta.value(QStringLiteral("tool_calls")).toArray();
    for (const QJsonValue &toolCall : toolCalls)
        handleToolCallDelta(toolCall.toObject());
    const QJsonObject functionCall = delta.value(QStringLiteral("function_call")).toObject();
    if (!functionCall.isEmpty())
        handleToolCallDelta(QJsonObject {{QStringLiteral("index"), 0}, {QStringLiteral("function"), functionCall}});

    const QJsonValue stopReason = choice.value(QStringLiteral("stop_reason"));
    if (stopReason.isString() && m_context.stopSequences.contains(stopReason.toString()))
        m_matchedStopSequence = stopReason.toString();

    const QString finishReason = choice.value(QStringLiteral("finish_reason")).toString();
    if (!finishReason.isEmpty()) {
        if (finishReason == QLatin1String("error")) {
            const QJsonValue choiceError = choice.value(QStringLiteral("error"));
            fail(OpenAIErrorMapper::mapStreamError(choiceError.isUndefined() || choiceError.isNull()
                    ? QJsonValue(QStringLiteral("the upstream reported an error mid-stream"))
                    : choiceError)
                     .error);
            return;
        }
        m_finishReason = finishReason;
        // Close what is open and flush collected tool calls; the message itself ends at [DONE] or EOF
        // (the usage chunk may still follow).
        flushTextFilters();
        if (m_open != Block::Tool)
            closeOpenBlock();
        startReadyTools(true);
    }
}

void OpenAIStreamTranslator::handleReasoning(const QString &text)
{
    if (m_open == Block::Tool)
        startReadyTools(true); // a thinking block cannot start inside a tool call: finish the calls first
    if (m_open != Block::Thinking) {
        closeOpenBlock();
        startBlock(Block::Thinking,
            QJsonObject {{QStringLiteral("type"), QStringLiteral("thinking")}, {QStringLiteral("thinking"), QString()},
                {QStringLiteral("signature"), QString()}});
    }
    m_thinkingText += text;
    m_outputPieces += TokenEstimator::countTextPieces(text);
    emitEvent("content_block_delta",
        QJsonObject {{QStringLiteral("type"), QStringLiteral("content_block_delta")},
            {QStringLiteral("index"), m_nextIndex - 1},
            {QStringLiteral("delta"),
                QJsonObject {
                    {QStringLiteral("type"), QStringLiteral("thinking_delta")}, {QStringLiteral("thinking"), text}}}});
}

void OpenAIStreamTranslator::handleContent(const QString &text)
{
    if (m_thinkSplitter)
        handlePieces(m_thinkSplitter->feed(text));
    else
        handleAnswerText(text);
}

void OpenAIStreamTranslator::handlePieces(const std::vector<ThinkTagSplitter::Piece> &pieces)
{
    for (const ThinkTagSplitter::Piece &piece : pieces) {
        if (piece.reasoning)
            handleReasoning(piece.text);
        else
            handleAnswerText(piece.text);
    }
}

void OpenAIStreamTranslator::handleAnswerText(const QString &text)
{
    if (m_toolParser)
        handleSegments(m_toolParser->feed(text));
    else
        handleTextSegment(text);
}

void OpenAIStreamTranslator::handleSegments(const std::vector<TextToolCallParser::Segment> &segments)
{
    for (const TextToolCallParser::Segment &segment : segments) {
        if (segment.kind == TextToolCallParser::Segment::Kind::Text)
            handleTextSegment(segment.text);
        else
            emitTextToolCall(segment.name, segment.input);
    }
}

void OpenAIStreamTranslator::flushTextFilters()
{
    if (m_thinkSplitter) {
        handlePieces(m_thinkSplitter->finish());
        m_thinkSplitter = std::make_unique<ThinkTagSplitter>();
    }
    if (m_toolParser)
        handleSegments(m_toolParser->finish());
}

void OpenAIStreamTranslator::handleTextSegment(const QString &text)
{
    if (text.isEmpty())
        return;
    if (m_open != Block::Text) {
        // E1: a text block opens on its first non-whitespace character; whitespace before it is kept for it.
        if (isBlankText(text)) {
            m_pendingWhitespace += text;
            return;
        }
        if (m_open == Block::Tool)
            startReadyTools(true);
        closeOpenBlock();
        startBlock(Block::Text,
            QJsonObject {{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), QString()}});
        m_sentText = true;
    }
    const QString full = m_pendingWhitespace.isEmpty() ? text : m_pendingWhitespace + text;
    m_pendingWhitespace.clear();
    m_outputPieces += TokenEstimator::countTextPieces(full);
    emitEvent("content_block_delta",
        QJsonObject {{QStringLiteral("type"), QStringLiteral("content_block_delta")},
            {QStringLiteral("index"), m_nextIndex - 1},
            {QStringLiteral("delta"),
                QJsonObject {{QStringLiteral("type"), QStringLiteral("text_delta")}, {QStringLiteral("text"), full}}}});
}

void OpenAIStreamTranslator::startBlock(Block kind, const QJsonObject &contentBlock)
{
    ensureMessageStart();
    emitEvent("content_block_start",
        QJsonObject {{QStringLiteral("type"), QStringLiteral("content_block_start")},
            {QStringLiteral("index"), m_nextIndex}, {QStringLiteral("content_block"), contentBlock}});
    ++m_nextIndex;
    m_open = kind;
}

void OpenAIStreamTranslator::closeOpenBlock()
{
    if (m_open == Block::None)
        return;
    if (m_open == Block::Tool) {
        auto it = m_tools.find(m_openTool);
        if (it != m_tools.end()) {
            closeTool(it->second);
            return;
        }
    }
    if (m_open == Block::Thinking) {
        emitEvent("content_block_delta",
            QJsonObject {{QStringLiteral("type"), QStringLiteral("content_block_delta")},
                {QStringLiteral("index"), m_nextIndex - 1},
                {QStringLiteral("delta"),
                    QJsonObject {{QStringLiteral("type"), QStringLiteral("signature_delta")},
                        {QStringLiteral("signature"), OpenAIToAnthropicResponse::syntheticSignature()}}}});
    }
    if (m_open == Block::Text)
        m_pendingWhitespace.clear(); // trailing whitespace after a text block's last word is not worth a block
    emitEvent("content_block_stop",
        QJsonObject {{QStringLiteral("type"), QStringLiteral("content_block_stop")},
            {QStringLiteral("index"), m_nextIndex - 1}});
    m_open = Block::None;
    m_openTool = -1;
}

QString OpenAIStreamTranslator::uniqueToolId(const QString &upstreamId)
{
    return ToolNameMap::uniqueId(upstreamId, m_usedToolIds);
}

void OpenAIStreamTranslator::startTool(ToolCall &tool)
{
    if (tool.started)
        return;
    closeOpenBlock();
    const QJsonObject block {{QStringLiteral("type"), QStringLiteral("tool_use")},
        {QStringLiteral("id"), uniqueToolId(tool.id)},
        {QStringLiteral("name"), m_context.toolNames.toClient(tool.name)}, {QStringLiteral("input"), QJsonObject()}};
    startBlock(Block::Tool, block);
    tool.started = true;
    m_sentTool = true;
    for (auto it = m_tools.begin(); it != m_tools.end(); ++it) {
        if (&it->second == &tool)
            m_openTool = it->first;
    }
}

void OpenAIStreamTranslator::closeTool(ToolCall &tool)
{
    if (!tool.started || tool.closed)
        return;
    ToolArgumentsRepair::Outcome outcome;
    const QJsonObject input = ToolArgumentsRepair::parse(tool.arguments, &outcome);
    QByteArray json;
    if (outcome == ToolArgumentsRepair::Outcome::Valid) {
        json = tool.arguments.trimmed();
    } else {
        if (outcome != ToolArgumentsRepair::Outcome::Empty)
            qCDebug(lcConvert) << "repaired tool arguments for" << tool.name;
        json = QJsonDocument(input).toJson(QJsonDocument::Compact);
    }
    m_outputPieces += TokenEstimator::countUtf8Pieces(json);
    emitEvent("content_block_delta",
        QJsonObject {{QStringLiteral("type"), QStringLiteral("content_block_delta")},
            {QStringLiteral("index"), m_nextIndex - 1},
            {QStringLiteral("delta"),
                QJsonObject {{QStringLiteral("type"), QStringLiteral("input_json_delta")},
                    {QStringLiteral("partial_json"), QString::fromUtf8(json)}}}});
    emitEvent("content_block_stop",
        QJsonObject {{QStringLiteral("type"), QStringLiteral("content_block_stop")},
            {QStringLiteral("index"), m_nextIndex - 1}});
    tool.closed = true;
    m_open = Block::None;
    m_openTool = -1;
}

// Starts the tool calls whose name is known, in arrival order. A call stays open while another call has not
// finished its arguments; with flushAll every known call is completed (end of the calls).
void OpenAIStreamTranslator::startReadyTools(bool flushAll)
{
    for (;;) {
        ToolCall *next = nullptr;
        for (auto &entry : m_tools) {
            ToolCall &tool = entry.second;
            if (tool.started || tool.name.isEmpty())
                continue;
            if (!next || tool.order < next->order)
                next = &tool;
        }
        if (m_open == Block::Tool) {
            auto it = m_tools.find(m_openTool);
            ToolCall *current = it == m_tools.end() ? nullptr : &it->second;
            if (current && !flushAll && !(next && isCompleteJsonObject(current->arguments)))
                return; // keep collecting the open call's arguments
            if (current)
                closeTool(*current);
        }
        if (!next)
            break;
        startTool(*next);
        if (!flushAll)
            continue;
    }
    if (flushAll && m_open == Block::Tool) {
        auto it = m_tools.find(m_openTool);
        if (it != m_tools.end())
            closeTool(it->second);
    }
}

void OpenAIStreamTranslator::handleToolCallDelta(const QJsonObject &delta)
{
    const QJsonObject function = delta.value(QStringLiteral("function")).toObject();
    const QString id = delta.value(QStringLiteral("id")).toString();
    int index;
    const QJsonValue indexValue = delta.value(QStringLiteral("index"));
    if (indexValue.isDouble()) {
        index = indexValue.toInt(0); // 0 for fractions and values out of range
    } else {
        // No index (some gateways): a known id continues its call, a new id or a name opens the next one.
        index = -1;
        for (const auto &entry : m_tools) {
            if (!id.isEmpty() && entry.second.id == id)
                index = entry.first;
        }
        if (index < 0) {
            if (!id.isEmpty() || !function.value(QStringLiteral("name")).toString().isEmpty() || m_lastToolIndex < 0)
                index = m_tools.empty() ? 0 : m_tools.rbegin()->first + 1;
            else
                index = m_lastToolIndex;
        }
    }
    m_lastToolIndex = index;
    auto found = m_tools.find(index);
    if (found == m_tools.end() || found->second.closed) {
        if (found != m_tools.end()) {
            // Fragments for a call already sent: only more whitespace can be dropped without loss.
            const QJsonValue args = function.value(QStringLiteral("arguments"));
            if (args.isString() && !isBlankText(args.toString())) {
                qCWarning(lcConvert) << "tool call fragment after the call was complete; dropped";
            }
            if (!function.value(QStringLiteral("name")).toString().isEmpty() || !id.isEmpty()) {
                // A provider reusing an index for a new call: give it a fresh slot.
                index = m_tools.rbegin()->first + 1;
                found = m_tools.end();
            } else {
                return;
            }
        }
        if (found == m_tools.end()) {
            ToolCall call;
            call.order = m_toolArrivals++;
            found = m_tools.emplace(index, call).first;
        }
    }
    ToolCall &tool = found->second;
    if (tool.id.isEmpty() && !id.isEmpty())
        tool.id = id;
    const QString name = function.value(QStringLiteral("name")).toString();
    if (tool.name.isEmpty() && !name.isEmpty())
        tool.name = name;
    const QJsonValue arguments = function.value(QStringLiteral("arguments"));
    if (arguments.isString())
        tool.arguments += arguments.toString().toUtf8();
    else if (arguments.isObject())
        tool.arguments = QJsonDocument(arguments.toObject()).toJson(QJsonDocument::Compact);

    if (m_open != Block::Tool && !tool.name.isEmpty())
        flushTextFilters(); // text held back by the filters belongs before the call
    startReadyTools(false);
}

void OpenAIStreamTranslator::emitTextToolCall(const QString &name, const QJsonObject &input)
{
    // Finish the native calls first: the text call must not be picked up by startReadyTools() as one of them.
    if (m_open == Block::Tool)
        startReadyTools(true);
    ToolCall call;
    call.name = name;
    call.arguments = QJsonDocument(input).toJson(QJsonDocument::Compact);
    call.order = m_toolArrivals++;
    const int index = m_tools.empty() ? 0 : m_tools.rbegin()->first + 1;
    ToolCall &stored = m_tools.emplace(index, call).first->second;
    startTool(stored);
    closeTool(stored);
}

void OpenAIStreamTranslator::finalize()
{
    flushTextFilters();
    if (m_open != Block::Tool)
        closeOpenBlock();
    startReadyTools(true);
    for (const auto &entry : m_tools) {
        if (!entry.second.started && !entry.second.arguments.trimmed().isEmpty())
            qCWarning(lcConvert) << "dropped a tool call that never got a name";
    }
    closeOpenBlock();

    const bool lengthStop = m_finishReason == QLatin1String("length");
    if (!m_sentText && !m_sentTool && !m_thinkingText.trimmed().isEmpty() && !lengthStop
        && m_context.reasoningOnlyFallbackToText) {
        // E21: the whole answer came as reasoning; give the client a text block with it too.
        handleTextSegment(m_thinkingText.trimmed());
        closeOpenBlock();
    }

    QString stopSequence;
    if (lengthStop)
        m_stopReason = QStringLiteral("max_tokens"); // also with a cut tool call (E7): it must not run
    else if (m_sentTool)
        m_stopReason = QStringLiteral("tool_use");
    else if (m_finishReason == QLatin1String("content_filter") || m_refusal)
        m_stopReason = QStringLiteral("refusal");
    else if (!m_matchedStopSequence.isEmpty()) {
        m_stopReason = QStringLiteral("stop_sequence");
        stopSequence = m_matchedStopSequence;
    } else
        m_stopReason = QStringLiteral("end_turn");

    ensureMessageStart();
    if (UsageMapping::hasCounts(m_upstreamUsage)) {
        m_usage = UsageMapping::fromOpenAI(m_upstreamUsage);
    } else {
        m_usage = AnthropicUsage();
        m_usage.inputTokens = m_context.inputTokenEstimate();
        m_usage.outputTokens = qint64(std::ceil(m_outputPieces * TokenEstimator::kSafetyFactor));
    }
    emitEvent("message_delta",
        QJsonObject {{QStringLiteral("type"), QStringLiteral("message_delta")},
            {QStringLiteral("delta"),
                QJsonObject {{QStringLiteral("stop_reason"), m_stopReason},
                    {QStringLiteral("stop_sequence"),
                        stopSequence.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(stopSequence)}}},
            {QStringLiteral("usage"), m_usage.toJson()}});
    emitEvent("message_stop", QJsonObject {{QStringLiteral("type"), QStringLiteral("message_stop")}});
    m_finished = true;
}
