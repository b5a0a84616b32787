#include "TestOpenAIToAnthropicResponse.h"
#include "ConvertTestSupport.h"
#include "TestSupport.h"

#include "convert/OpenAIToAnthropicResponse.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace ConvertTestSupport;

namespace {

ResponseContext context()
{
    ResponseContext c;
    c.requestedModel = QStringLiteral("claude-sonnet-4-5-20250929");
    c.estimatedInputTokens = 77;
    return c;
}

QString compact(const QJsonValue &value)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact)).chopped(1).mid(1);
}

// Streams `stream` chunks equivalent to the non-streamed answer and returns the accumulated message.
QJsonObject streamed(const QByteArray &sse, const ResponseContext &c)
{
    const AnthropicStreamValidator v = validate(translate(sse, c));
    if (!v.isValid())
        qWarning() << v.errors();
    return v.message();
}

} // namespace

void TestOpenAIToAnthropicResponse::referenceExample()
{
    // §4.2 of the conversion reference.
    const QJsonObject openai
        = object(R"({"id":"chatcmpl-123","object":"chat.completion","created":1739386062,"model":"qwen3-coder-plus",
        "choices":[{"index":0,"message":{"role":"assistant","content":null,"reasoning_content":"…",
            "tool_calls":[{"id":"call_abc","type":"function","function":{"name":"Read","arguments":"{\"file_path\":\"/tmp/a.txt\"}"}}]},
            "finish_reason":"tool_calls"}],
        "usage":{"prompt_tokens":1200,"completion_tokens":35,"total_tokens":1235,"prompt_tokens_details":{"cached_tokens":1024},
            "completion_tokens_details":{"reasoning_tokens":0}}})");
    const AnthropicResponseConversion r = OpenAIToAnthropicResponse::convert(openai, context());
    QVERIFY(r.ok());
    const QJsonObject m = r.message;
    QVERIFY(m[QStringLiteral("id")].toString().startsWith(QStringLiteral("msg_")));
    QCOMPARE(m[QStringLiteral("type")].toString(), QStringLiteral("message"));
    QCOMPARE(m[QStringLiteral("role")].toString(), QStringLiteral("assistant"));
    QCOMPARE(m[QStringLiteral("model")].toString(), QStringLiteral("claude-sonnet-4-5-20250929"));
    QCOMPARE(compact(m[QStringLiteral("content")]),
        QStringLiteral(
            R"([{"signature":"switchyard-synthetic-signature","thinking":"…","type":"thinking"},{"id":"call_abc","input":{"file_path":"/tmp/a.txt"},"name":"Read","type":"tool_use"}])"));
    QCOMPARE(m[QStringLiteral("stop_reason")].toString(), QStringLiteral("tool_use"));
    QVERIFY(m[QStringLiteral("stop_sequence")].isNull());
    QCOMPARE(compact(m[QStringLiteral("usage")]),
        QStringLiteral(
            R"({"cache_creation_input_tokens":0,"cache_read_input_tokens":1024,"input_tokens":176,"output_tokens":35})"));
}

void TestOpenAIToAnthropicResponse::blockOrderThinkingTextTools()
{
    const auto r
        = OpenAIToAnthropicResponse::convert(object(R"({"choices":[{"index":0,"finish_reason":"tool_calls","message":{
        "content":"I'll read both.","reasoning":"plan",
        "tool_calls":[{"id":"c1","function":{"name":"Read","arguments":"{\"file_path\":\"a\"}"}},{"id":"c2","function":{"name":"Read","arguments":""}}]}}]})"),
            context());
    const QJsonArray content = r.message[QStringLiteral("content")].toArray();
    QStringList types;
    for (const QJsonValue &b : content)
        types << b[QStringLiteral("type")].toString();
    QCOMPARE(types,
        (QStringList {QStringLiteral("thinking"), QStringLiteral("text"), QStringLiteral("tool_use"),
            QStringLiteral("tool_use")}));
    QCOMPARE(compact(content.at(3)[QStringLiteral("input")]), QStringLiteral("{}")); // E2: "" -> {}
}

void TestOpenAIToAnthropicResponse::argumentsAreRepaired_data()
{
    QTest::addColumn<QByteArray>("arguments"); // JSON value of function.arguments
    QTest::addColumn<QString>("input");
    QTest::newRow("valid") << QByteArray(R"("{\"a\":1}")") << R"({"a":1})";
    QTest::newRow("object already") << QByteArray(R"({"a":1})") << R"({"a":1})";
    QTest::newRow("empty") << QByteArray(R"("")") << "{}";
    QTest::newRow("null") << QByteArray("null") << "{}";
    QTest::newRow("chatml tail") << QByteArray(R"("{\"a\":1}<|im_end|>")") << R"({"a":1})";
    QTest::newRow("single quotes") << QByteArray(R"("{'a': 'x'}")") << R"({"a":"x"})";
    QTest::newRow("truncated") << QByteArray(R"("{\"path\":\"/tmp/a\",\"content\":\"hel")")
                               << R"({"content":"hel","path":"/tmp/a"})";
    QTest::newRow("double encoded") << QByteArray(R"("\"{\\\"a\\\":2}\"")") << R"({"a":2})";
    QTest::newRow("garbage") << QByteArray(R"("call Read on a")") << "{}";
}

void TestOpenAIToAnthropicResponse::argumentsAreRepaired()
{
    QFETCH(QByteArray, arguments);
    QFETCH(QString, input);
    const QByteArray json
        = R"({"choices":[{"index":0,"finish_reason":"tool_calls","message":{"tool_calls":[{"id":"c","function":{"name":"T","arguments":)"
        + arguments + "}}]}}]}";
    const auto r = OpenAIToAnthropicResponse::convert(object(json), context());
    QCOMPARE(compact(r.message[QStringLiteral("content")][0][QStringLiteral("input")]), input);
}

void TestOpenAIToAnthropicResponse::stopReasonMapping_data()
{
    QTest::addColumn<QByteArray>("choiceTail"); // finish_reason and extras
    QTest::addColumn<bool>("withTool");
    QTest::addColumn<QString>("stopReason");
    QTest::addColumn<QString>("stopSequence");
    QTest::newRow("stop") << QByteArray(R"("finish_reason":"stop")") << false << "end_turn"
                          << "";
    QTest::newRow("stop with tool calls (E6)") << QByteArray(R"("finish_reason":"stop")") << true << "tool_use"
                                               << "";
    QTest::newRow("length") << QByteArray(R"("finish_reason":"length")") << false << "max_tokens"
                            << "";
    QTest::newRow("length with a cut tool") << QByteArray(R"("finish_reason":"length")") << true << "max_tokens"
                                            << "";
    QTest::newRow("content_filter") << QByteArray(R"("finish_reason":"content_filter")") << false << "refusal"
                                    << "";
    QTest::newRow("missing") << QByteArray(R"("finish_reason":null)") << false << "end_turn"
                             << "";
    QTest::newRow("vllm stop string (E30)")
        << QByteArray(R"("finish_reason":"stop","stop_reason":"END")") << false << "stop_sequence"
        << "END";
    QTest::newRow("vllm token id") << QByteArray(R"("finish_reason":"stop","stop_reason":151645)") << false
                                   << "end_turn"
                                   << "";
    QTest::newRow("vllm unknown string") << QByteArray(R"("finish_reason":"stop","stop_reason":"other")") << false
                                         << "end_turn"
                                         << "";
}

void TestOpenAIToAnthropicResponse::stopReasonMapping()
{
    QFETCH(QByteArray, choiceTail);
    QFETCH(bool, withTool);
    QFETCH(QString, stopReason);
    QFETCH(QString, stopSequence);
    ResponseContext c = context();
    c.stopSequences = QStringList {QStringLiteral("END")};
    const QByteArray tools = withTool ? R"(,"tool_calls":[{"id":"c","function":{"name":"T","arguments":"{}"}}])" : "";
    const QByteArray json = R"({"choices":[{"index":0,"message":{"content":"hi")" + tools + "}," + choiceTail + "}]}";
    const auto r = OpenAIToAnthropicResponse::convert(object(json), c);
    QCOMPARE(r.message[QStringLiteral("stop_reason")].toString(), stopReason);
    if (stopSequence.isEmpty())
        QVERIFY(r.message[QStringLiteral("stop_sequence")].isNull());
    else
        QCOMPARE(r.message[QStringLiteral("stop_sequence")].toString(), stopSequence);
}

void TestOpenAIToAnthropicResponse::usageArithmetic_data()
{
    QTest::addColumn<QByteArray>("usage");
    QTest::addColumn<QString>("expected");
    QTest::newRow("openai cached")
        << QByteArray(R"({"prompt_tokens":1200,"completion_tokens":35,"prompt_tokens_details":{"cached_tokens":1024}})")
        << R"({"cache_creation_input_tokens":0,"cache_read_input_tokens":1024,"input_tokens":176,"output_tokens":35})";
    QTest::newRow("deepseek hit tokens win over placeholder")
        << QByteArray(
               R"({"prompt_tokens":5000,"completion_tokens":60,"prompt_cache_hit_tokens":4800,"prompt_cache_miss_tokens":200,"cache_read_input_tokens":0})")
        << R"({"cache_creation_input_tokens":0,"cache_read_input_tokens":4800,"input_tokens":200,"output_tokens":60})";
    QTest::newRow("anthropic-style gateway")
        << QByteArray(
               R"({"prompt_tokens":3000,"completion_tokens":10,"cache_read_input_tokens":1000,"cache_creation_input_tokens":500})")
        << R"({"cache_creation_input_tokens":500,"cache_read_input_tokens":1000,"input_tokens":1500,"output_tokens":10})";
    QTest::newRow("cache write details")
        << QByteArray(
               R"({"prompt_tokens":100,"completion_tokens":1,"prompt_tokens_details":{"cached_tokens":0,"cache_write_tokens":60}})")
        << R"({"cache_creation_input_tokens":60,"cache_read_input_tokens":0,"input_tokens":40,"output_tokens":1})";
    QTest::newRow("never negative")
        << QByteArray(R"({"prompt_tokens":10,"completion_tokens":1,"prompt_tokens_details":{"cached_tokens":50}})")
        << R"({"cache_creation_input_tokens":0,"cache_read_input_tokens":50,"input_tokens":0,"output_tokens":1})";
    QTest::newRow("reasoning included")
        << QByteArray(
               R"({"prompt_tokens":10,"completion_tokens":500,"completion_tokens_details":{"reasoning_tokens":450}})")
        << R"({"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"input_tokens":10,"output_tokens":500})";
}

void TestOpenAIToAnthropicResponse::usageArithmetic()
{
    QFETCH(QByteArray, usage);
    QFETCH(QString, expected);
    const auto r = OpenAIToAnthropicResponse::convert(
        object(R"({"choices":[{"index":0,"message":{"content":"x"},"finish_reason":"stop"}],"usage":)" + usage + "}"),
        context());
    QCOMPARE(compact(r.message[QStringLiteral("usage")]), expected);
    QVERIFY(r.usage.reportedByUpstream);
}

void TestOpenAIToAnthropicResponse::usageEstimatedWhenAbsent()
{
    const auto r = OpenAIToAnthropicResponse::convert(
        object(
            R"({"choices":[{"index":0,"message":{"content":"A reasonably long answer with several words in it."},"finish_reason":"stop"}]})"),
        context());
    QVERIFY(!r.usage.reportedByUpstream);
    QCOMPARE(r.message[QStringLiteral("usage")][QStringLiteral("input_tokens")].toInt(), 77);
    QVERIFY(r.message[QStringLiteral("usage")][QStringLiteral("output_tokens")].toInt() >= 8);
}

void TestOpenAIToAnthropicResponse::namesAndIdsMappedBack()
{
    ResponseContext c = context();
    const QString longName = QStringLiteral("mcp__server__") + QString(70, QLatin1Char('n'));
    const QString upstream = c.toolNames.addClientName(longName);
    const QByteArray json
        = QStringLiteral(R"({"choices":[{"index":0,"finish_reason":"tool_calls","message":{"tool_calls":[
        {"id":"functions.%1:0","function":{"name":"%1","arguments":"{}"}},{"id":"functions.%1:0","function":{"name":"Read","arguments":"{}"}},
        {"function":{"name":"Read","arguments":"{}"}}]}}]})")
              .arg(upstream)
              .toUtf8();
    const QJsonArray content
        = OpenAIToAnthropicResponse::convert(object(json), c).message[QStringLiteral("content")].toArray();
    QCOMPARE(content.size(), 3);
    QCOMPARE(content.at(0)[QStringLiteral("name")].toString(), longName);
    QCOMPARE(content.at(1)[QStringLiteral("name")].toString(), QStringLiteral("Read"));
    QSet<QString> ids;
    for (const QJsonValue &b : content) {
        const QString id = b[QStringLiteral("id")].toString();
        QVERIFY2(ToolNameMap::isValidId(id), qPrintable(id));
        ids.insert(id);
    }
    QCOMPARE(ids.size(), 3);
}

void TestOpenAIToAnthropicResponse::reasoningOnlyAnswer()
{
    // E21: everything in reasoning; a stop finish also gets the text, a length finish does not.
    const auto stop = OpenAIToAnthropicResponse::convert(
        object(
            R"({"choices":[{"index":0,"message":{"content":"","reasoning":"The answer is 4."},"finish_reason":"stop"}]})"),
        context());
    QCOMPARE(compact(stop.message[QStringLiteral("content")]),
        QStringLiteral(
            R"([{"signature":"switchyard-synthetic-signature","thinking":"The answer is 4.","type":"thinking"},{"text":"The answer is 4.","type":"text"}])"));
    const auto length = OpenAIToAnthropicResponse::convert(
        object(
            R"({"choices":[{"index":0,"message":{"content":null,"reasoning_content":"Still thinking"},"finish_reason":"length"}]})"),
        context());
    QCOMPARE(length.message[QStringLiteral("content")].toArray().size(), 1);
    QCOMPARE(length.message[QStringLiteral("stop_reason")].toString(), QStringLiteral("max_tokens"));
}

void TestOpenAIToAnthropicResponse::thinkTagsAndTextToolCalls()
{
    ResponseContext c = context();
    c.splitThinkTags = true;
    c.toolsEmulated = true;
    c.declaredTools = QStringList {QStringLiteral("Bash")};
    const auto r
        = OpenAIToAnthropicResponse::convert(object(R"({"choices":[{"index":0,"finish_reason":"stop","message":{
        "content":"<think>check files</think>\n\nListing.\n<tool_call>\n{\"name\": \"Bash\", \"arguments\": {\"command\": \"ls\"}}\n</tool_call>"}}]})"),
            c);
    const QJsonArray content = r.message[QStringLiteral("content")].toArray();
    QCOMPARE(content.size(), 3);
    QCOMPARE(content.at(0)[QStringLiteral("thinking")].toString(), QStringLiteral("check files"));
    QCOMPARE(content.at(1)[QStringLiteral("text")].toString(), QStringLiteral("Listing.\n"));
    QCOMPARE(content.at(2)[QStringLiteral("name")].toString(), QStringLiteral("Bash"));
    QCOMPARE(compact(content.at(2)[QStringLiteral("input")]), QStringLiteral(R"({"command":"ls"})"));
    QCOMPARE(r.message[QStringLiteral("stop_reason")].toString(), QStringLiteral("tool_use"));
}

void TestOpenAIToAnthropicResponse::errorsAndBadBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("type");
    QTest::newRow("not json") << QByteArray("<html>502 Bad Gateway</html>") << "api_error";
    QTest::newRow("array") << QByteArray("[]") << "api_error";
    QTest::newRow("no choices") << QByteArray(R"({"id":"x","choices":[]})") << "api_error";
    QTest::newRow("error object in 200") << QByteArray(R"({"error":{"message":"Insufficient Balance","code":402}})")
                                         << "billing_error";
    QTest::newRow("context overflow in 200") << QByteArray(
        R"({"error":{"message":"This model's maximum context length is 131072 tokens. However, you requested 140000 tokens"}})")
                                             << "invalid_request_error";
}

void TestOpenAIToAnthropicResponse::errorsAndBadBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, type);
    const auto r = OpenAIToAnthropicResponse::convert(body, context());
    QVERIFY(!r.ok());
    QCOMPARE(QString::fromLatin1(r.error->typeName()), type);
}

void TestOpenAIToAnthropicResponse::sameMessageAsTheStream()
{
    // The non-streaming and streaming paths agree on content, stop_reason and usage for one answer.
    ResponseContext c = context();
    const auto plain
        = OpenAIToAnthropicResponse::convert(object(R"({"choices":[{"index":0,"finish_reason":"tool_calls","message":{
        "reasoning_content":"think","content":"Reading.","tool_calls":[{"id":"c1","function":{"name":"Read","arguments":"{\"file_path\":\"/a\"}"}}]}}],
        "usage":{"prompt_tokens":100,"completion_tokens":20}})"),
            c);
    const QJsonObject viaStream
        = streamed("data: {\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"think\"}}]}\n\n"
                   "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Reading.\"}}]}\n\n"
                   "data: "
                   "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c1\",\"function\":{"
                   "\"name\":\"Read\",\"arguments\":\"{\\\"file_path\\\":\\\"/"
                   "a\\\"}\"}}]},\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":100,\"completion_"
                   "tokens\":20}}\n\n"
                   "data: [DONE]\n\n",
            c);
    for (const char *key : {"content", "stop_reason", "stop_sequence", "usage", "model", "type", "role"})
        QCOMPARE(compact(viaStream.value(QLatin1String(key))), compact(plain.message.value(QLatin1String(key))));
}

QTEST_GUILESS_MAIN(TestOpenAIToAnthropicResponse)
