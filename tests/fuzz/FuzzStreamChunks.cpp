// Structure-aware fuzzing of OpenAIStreamTranslator: the input is read as a little program whose every
// instruction emits one well-formed OpenAI chunk (content, reasoning, tool-call fragments by index with or
// without id/name/arguments, finish reasons, usage, errors, [DONE], comment lines), so the fuzzer explores
// orderings of real chunk kinds instead of JSON syntax. Every output must be a valid, complete Anthropic
// event sequence, and every tool_use input must be a JSON object.
#include "FuzzSupport.h"
#include "convert/AnthropicStreamValidator.h"
#include "convert/OpenAIStreamTranslator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

class Program
{
public:
    Program(const uint8_t *data, size_t size)
        : m_data(data)
        , m_size(size)
    {
    }
    bool atEnd() const { return m_at >= m_size; }
    uint8_t next() { return m_at < m_size ? m_data[m_at++] : 0; }
    QString text()
    {
        static const char *const pieces[] = {"", " ", "\n", "Hello", " world", "<think>", "</think>", "<tool_call>",
            "</tool_call>", "{\"name\":\"Read\",\"arguments\":{\"file_path\":\"/a\"}}", "\u00e9",
            "\xe4\xbd\xa0\xe5\xa5\xbd", "{", "}", "\"", "<|im_end|>", "  "};
        QString out;
        const int count = next() % 4;
        for (int i = 0; i < count; ++i)
            out += QString::fromUtf8(pieces[next() % (sizeof(pieces) / sizeof(pieces[0]))]);
        return out;
    }
    QString args()
    {
        static const char *const pieces[] = {"", "{", "}", "\"file_path\"", ":", "\"/tmp/a.txt\"", ",", "\"n\":1",
            "{\"a\":1}", "[", "]", " ", "'x'", "<|im_end|>", "null"};
        QString out;
        const int count = next() % 4;
        for (int i = 0; i < count; ++i)
            out += QString::fromUtf8(pieces[next() % (sizeof(pieces) / sizeof(pieces[0]))]);
        return out;
    }

private:
    const uint8_t *m_data;
    size_t m_size;
    size_t m_at = 0;
};

QByteArray sse(const QJsonObject &chunk)
{
    return "data: " + QJsonDocument(chunk).toJson(QJsonDocument::Compact) + "\n\n";
}

QJsonObject choiceChunk(const QJsonObject &delta, const QJsonValue &finish = QJsonValue(QJsonValue::Null))
{
    return QJsonObject {{QStringLiteral("id"), QStringLiteral("c")}, {QStringLiteral("model"), QStringLiteral("m")},
        {QStringLiteral("choices"),
            QJsonArray {QJsonObject {{QStringLiteral("index"), 0}, {QStringLiteral("delta"), delta},
                {QStringLiteral("finish_reason"), finish}}}}};
}

} // namespace

// Warnings about dropped or repaired input are expected here by the thousand; keep the fuzzer's output readable.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    Program program(data, size);
    const uint8_t flags = program.next();
    ResponseContext context;
    context.requestedModel = QStringLiteral("claude-x");
    context.splitThinkTags = flags & 1;
    context.parseTextToolCalls = flags & 2;
    context.toolsEmulated = flags & 4;
    context.declaredTools = QStringList {QStringLiteral("Read")};
    context.stopSequences = QStringList {QStringLiteral("END")};
    context.estimatedInputTokens = 10;

    QByteArray upstream;
    static const char *const names[] = {"Read", "Bash", "", "mcp__x"};
    static const char *const ids[] = {"call_1", "call_1", "functions.Read:0", "", "17"};
    static const char *const finishes[] = {"stop", "length", "tool_calls", "content_filter", "error", "eos"};
    while (!program.atEnd()) {
        switch (program.next() % 12) {
        case 0:
            upstream += sse(choiceChunk(QJsonObject {{QStringLiteral("content"), program.text()}}));
            break;
        case 1:
            upstream += sse(choiceChunk(QJsonObject {{QStringLiteral("reasoning_content"), program.text()}}));
            break;
        case 2:
            upstream += sse(choiceChunk(QJsonObject {{QStringLiteral("reasoning"), program.text()}}));
            break;
        case 3:
        case 4:
        case 5: {
            QJsonObject call {{QStringLiteral("index"), program.next() % 3}};
            const uint8_t parts = program.next();
            QJsonObject function;
            if (parts & 1)
                call.insert(QStringLiteral("id"), QString::fromLatin1(ids[program.next() % 5]));
            if (parts & 2)
                function.insert(QStringLiteral("name"), QString::fromLatin1(names[program.next() % 4]));
            if (parts & 4)
                function.insert(QStringLiteral("arguments"), program.args());
            call.insert(QStringLiteral("function"), function);
            QJsonArray calls {call};
            if (parts & 8)
                calls.append(QJsonObject {{QStringLiteral("index"), program.next() % 3},
                    {QStringLiteral("function"), QJsonObject {{QStringLiteral("arguments"), program.args()}}}});
            upstream += sse(choiceChunk(QJsonObject {{QStringLiteral("tool_calls"), calls}}));
            break;
        }
        case 6: {
            QJsonObject chunk = choiceChunk(QJsonObject {}, QString::fromLatin1(finishes[program.next() % 6]));
            if (program.next() & 1) {
                QJsonObject choice = chunk.value(QStringLiteral("choices")).toArray().at(0).toObject();
                choice.insert(QStringLiteral("stop_reason"), QStringLiteral("END"));
                chunk.insert(QStringLiteral("choices"), QJsonArray {choice});
            }
            upstream += sse(chunk);
            break;
        }
        case 7:
            upstream += sse(QJsonObject {{QStringLiteral("choices"), QJsonArray()},
                {QStringLiteral("usage"),
                    QJsonObject {{QStringLiteral("prompt_tokens"), program.next()},
                        {QStringLiteral("completion_tokens"), program.next()}}}});
            break;
        case 8:
            upstream += sse(QJsonObject {{QStringLiteral("error"),
                QJsonObject {{QStringLiteral("message"), QStringLiteral("boom")},
                    {QStringLiteral("code"), 400 + program.next()}}}});
            break;
        case 9:
            upstream += ": OPENROUTER PROCESSING\n\n";
            break;
        case 10:
            upstream += (program.next() & 1) ? "data: [DONE]\n\n" : "data: {not json\n\n";
            break;
        default:
            upstream += sse(choiceChunk(QJsonObject {{QStringLiteral("refusal"), program.text()}}));
            break;
        }
    }

    OpenAIStreamTranslator translator(context);
    QByteArray output = translator.feedBytes(upstream);
    if (flags & 8)
        output += translator.abort(ApiError::timeout(QStringLiteral("idle")));
    output += translator.finish();
    AnthropicStreamValidator validator;
    validator.feedBytes(output);
    validator.finish();
    if (!validator.isValid() || !translator.isFinished()) {
        fprintf(stderr, "invalid Anthropic stream:\n%s\n--- upstream ---\n%s\n--- output ---\n%s\n",
            qPrintable(validator.errors().join(QLatin1Char('\n'))), upstream.left(4000).constData(),
            output.left(6000).constData());
        abort();
    }
    return 0;
}
