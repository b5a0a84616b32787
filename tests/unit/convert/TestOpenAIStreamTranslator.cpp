#include "TestOpenAIStreamTranslator.h"
#include "ConvertTestSupport.h"
#include "TestSupport.h"

#include "convert/OpenAIStreamTranslator.h"
#include "convert/OpenAIToAnthropicResponse.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace ConvertTestSupport;

namespace {

ResponseContext context(const QString &model = QStringLiteral("claude-sonnet-4-5-20250929"))
{
    ResponseContext c;
    c.requestedModel = model;
    c.estimatedInputTokens = 123;
    return c;
}

QByteArray data(const char *chunkJson)
{
    return QByteArray("data: ") + chunkJson + "\n\n";
}

// Event names in order ("content_block_start:text" for block starts, "content_block_delta:text_delta" for deltas).
QStringList eventNames(const QByteArray &sse)
{
    QStringList names;
    SseParser parser;
    std::vector<SseEvent> events;
    parser.feed(sse, events);
    parser.finish(events);
    for (const SseEvent &event : events) {
        const QJsonObject o = QJsonDocument::fromJson(event.data).object();
        QString name = QString::fromUtf8(event.name);
        if (name == QLatin1String("content_block_start"))
            name += QLatin1Char(':') + o[QStringLiteral("content_block")][QStringLiteral("type")].toString();
        else if (name == QLatin1String("content_block_delta"))
            name += QLatin1Char(':') + o[QStringLiteral("delta")][QStringLiteral("type")].toString();
        names << name;
    }
    return names;
}

QString describe(const AnthropicStreamValidator &v)
{
    return v.errors().join(QLatin1Char('\n')) + QStringLiteral("\nmessage: ")
        + QString::fromUtf8(QJsonDocument(v.message()).toJson(QJsonDocument::Compact));
}

} // namespace

void TestOpenAIStreamTranslator::fixtures_data()
{
    QTest::addColumn<int>("fixtureIndex");
    QTest::addColumn<int>("step");
    const QList<StreamFixture> all
        = loadStreamFixtures(TestSupport::sourceDir() + QStringLiteral("/tests/fixtures/convert"));
    QVERIFY(all.size() >= 19);
    for (int i = 0; i < all.size(); ++i) {
        for (int step : {0, 1, 5, 64})
            QTest::newRow(qPrintable(QStringLiteral("%1/step%2").arg(all.at(i).name).arg(step))) << i << step;
    }
}

void TestOpenAIStreamTranslator::fixtures()
{
    QFETCH(int, fixtureIndex);
    QFETCH(int, step);
    const StreamFixture fixture
        = loadStreamFixtures(TestSupport::sourceDir() + QStringLiteral("/tests/fixtures/convert")).at(fixtureIndex);
    const QByteArray out = translate(fixture.sse, fixture.context, step);
    const AnthropicStreamValidator v = validate(out);
    QVERIFY2(v.isValid(), qPrintable(describe(v)));
    QVERIFY(v.isComplete());
    QString where;
    if (!fixture.expected.isEmpty()) {
        QVERIFY2(!v.endedWithError(), qPrintable(describe(v)));
        QVERIFY2(
            matches(v.message(), fixture.expected, &where), qPrintable(where + QStringLiteral("\n") + describe(v)));
        QVERIFY(v.message()[QStringLiteral("id")].toString().startsWith(QStringLiteral("msg_")));
    } else {
        QVERIFY(v.endedWithError());
        QCOMPARE(v.errorPayload()[QStringLiteral("error")][QStringLiteral("type")].toString(),
            fixture.expectedError[QStringLiteral("type")].toString());
        QVERIFY2(matches(v.message()[QStringLiteral("content")],
                     fixture.expectedError[QStringLiteral("contentBeforeError")], &where),
            qPrintable(where));
    }
}

void TestOpenAIStreamTranslator::referenceExampleEventOrder()
{
    // §4.3 -> §5.3 of the conversion reference.
    const StreamFixture fixture = [] {
        for (const StreamFixture &f :
            loadStreamFixtures(TestSupport::sourceDir() + QStringLiteral("/tests/fixtures/convert"))) {
            if (f.name == QLatin1String("tool-args-split"))
                return f;
        }
        return StreamFixture();
    }();
    const QByteArray out = translate(fixture.sse, fixture.context);
    QCOMPARE(eventNames(out),
        (QStringList {QStringLiteral("message_start"), QStringLiteral("content_block_start:text"),
            QStringLiteral("content_block_delta:text_delta"), QStringLiteral("content_block_stop"),
            QStringLiteral("content_block_start:tool_use"), QStringLiteral("content_block_delta:input_json_delta"),
            QStringLiteral("content_block_stop"), QStringLiteral("message_delta"), QStringLiteral("message_stop")}));
    // The arguments arrive as the upstream sent them (valid JSON is passed through unchanged).
    QVERIFY(out.contains(R"("partial_json":"{\"file_path\":\"/tmp/a.txt\"}")"));
    QVERIFY(out.contains(
        R"("usage":{"cache_creation_input_tokens":0,"cache_read_input_tokens":1024,"input_tokens":176,"output_tokens":35})"));
}

void TestOpenAIStreamTranslator::emptyContentDeltasOpenNoBlock()
{
    const QByteArray out = translate(data(R"({"choices":[{"index":0,"delta":{"role":"assistant","content":""}}]})")
            + data(R"({"choices":[{"index":0,"delta":{"content":""},"finish_reason":"stop"}]})") + "data: [DONE]\n\n",
        context());
    QCOMPARE(eventNames(out),
        (QStringList {
            QStringLiteral("message_start"), QStringLiteral("message_delta"), QStringLiteral("message_stop")}));
    QVERIFY(validate(out).isValid());
}

void TestOpenAIStreamTranslator::whitespaceBeforeTextIsKept()
{
    const QByteArray out = translate(data(R"({"choices":[{"index":0,"delta":{"content":"\n\n"}}]})")
            + data(R"({"choices":[{"index":0,"delta":{"content":"Hi"}}]})")
            + data(R"({"choices":[{"index":0,"delta":{"content":"  "},"finish_reason":"stop"}]})"),
        context());
    const AnthropicStreamValidator v = validate(out);
    QVERIFY2(v.isValid(), qPrintable(describe(v)));
    QCOMPARE(v.message()[QStringLiteral("content")][0][QStringLiteral("text")].toString(), QStringLiteral("\n\nHi  "));
}

void TestOpenAIStreamTranslator::usageIsEstimatedWhenMissing()
{
    OpenAIStreamTranslator *t = nullptr;
    const QByteArray out = translate(
        data(
            R"({"choices":[{"index":0,"delta":{"content":"Twelve words of output text that should count as some tokens here."}}]})")
            + data(R"({"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]})"),
        context(), 0, &t);
    QScopedPointer<OpenAIStreamTranslator> owner(t);
    const AnthropicStreamValidator v = validate(out);
    QVERIFY(v.isValid());
    QVERIFY(!t->usage().reportedByUpstream);
    QCOMPARE(t->usage().inputTokens, 123);
    QVERIFY(t->usage().outputTokens >= 10);
    QCOMPARE(v.message()[QStringLiteral("usage")][QStringLiteral("input_tokens")].toInt(), 123);
}

void TestOpenAIStreamTranslator::commitPointAndState()
{
    OpenAIStreamTranslator t(context());
    QVERIFY(!t.hasContent());
    QVERIFY(t.feedData(R"({"choices":[{"index":0,"delta":{"role":"assistant","content":""}}]})").isEmpty());
    QVERIFY(!t.hasContent());
    QVERIFY(t.receivedAnyChunk());
    const QByteArray first = t.feedData(R"({"choices":[{"index":0,"delta":{"content":"Hello"}}]})");
    QVERIFY(first.startsWith("event: message_start\n"));
    QVERIFY(t.hasContent());
    QVERIFY(!t.isFinished());
    t.feedData(
        R"({"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":9,"completion_tokens":1}})");
    QVERIFY(!t.isFinished()); // waits for [DONE]: a usage chunk may still come
    const QByteArray end = t.feedData("[DONE]");
    QVERIFY(end.endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
    QVERIFY(t.isFinished());
    QVERIFY(!t.endedWithError());
    QCOMPARE(t.stopReason(), QStringLiteral("end_turn"));
    QCOMPARE(t.usage().inputTokens, 9);
    QVERIFY(t.usage().reportedByUpstream);
    QVERIFY(t.messageId().startsWith(QStringLiteral("msg_")));
    QCOMPARE(t.messageId().size(), 28);
}

void TestOpenAIStreamTranslator::errorBeforeAnythingIsOnlyAnError()
{
    OpenAIStreamTranslator t(context());
    const QByteArray out = t.feedData(R"({"error":{"message":"Rate limit exceeded","code":429}})");
    QCOMPARE(eventNames(out), QStringList {QStringLiteral("error")});
    QVERIFY(!t.hasContent());
    QVERIFY(t.endedWithError());
    const AnthropicStreamValidator v = validate(out);
    QVERIFY2(v.isValid(), qPrintable(describe(v)));
    QCOMPARE(v.errorPayload()[QStringLiteral("error")][QStringLiteral("type")].toString(),
        QStringLiteral("rate_limit_error"));
    QCOMPARE(v.errorPayload()[QStringLiteral("error")][QStringLiteral("message")].toString(),
        QStringLiteral("Rate limit exceeded"));
}

void TestOpenAIStreamTranslator::streamWithoutDataIsAnError_data()
{
    QTest::addColumn<QByteArray>("sse");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("only comments") << QByteArray(": OPENROUTER PROCESSING\n\n: OPENROUTER PROCESSING\n\n");
    QTest::newRow("only done") << QByteArray("data: [DONE]\n\n");
}

void TestOpenAIStreamTranslator::streamWithoutDataIsAnError()
{
    QFETCH(QByteArray, sse);
    OpenAIStreamTranslator *t = nullptr;
    const QByteArray out = translate(sse, context(), 0, &t);
    QScopedPointer<OpenAIStreamTranslator> owner(t);
    QCOMPARE(eventNames(out), QStringList {QStringLiteral("error")});
    QVERIFY(t->endedWithError());
    QVERIFY(!t->hasContent());
    QVERIFY(validate(out).isValid());
}

void TestOpenAIStreamTranslator::abortClosesTheOpenToolBlock()
{
    OpenAIStreamTranslator t(context());
    QByteArray out = t.feedData(
        R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"Write","arguments":"{\"file_path\":\"/a\",\"content\":\"hel"}}]}}]})");
    out += t.abort(ApiError::timeout(QStringLiteral("upstream idle for 300 s")));
    QCOMPARE(eventNames(out),
        (QStringList {QStringLiteral("message_start"), QStringLiteral("content_block_start:tool_use"),
            QStringLiteral("content_block_delta:input_json_delta"), QStringLiteral("content_block_stop"),
            QStringLiteral("error")}));
    const AnthropicStreamValidator v = validate(out);
    QVERIFY2(v.isValid(), qPrintable(describe(v)));
    QCOMPARE(v.message()[QStringLiteral("content")][0][QStringLiteral("input")][QStringLiteral("content")].toString(),
        QStringLiteral("hel"));
    QCOMPARE(
        v.errorPayload()[QStringLiteral("error")][QStringLiteral("type")].toString(), QStringLiteral("timeout_error"));
    QVERIFY(t.abort(ApiError::api(QStringLiteral("again"))).isEmpty());
}

void TestOpenAIStreamTranslator::nothingAfterTheEnd()
{
    OpenAIStreamTranslator t(context());
    t.feedData(R"({"choices":[{"index":0,"delta":{"content":"x"},"finish_reason":"stop"}]})");
    QVERIFY(!t.feedData("[DONE]").isEmpty());
    QVERIFY(t.feedData(R"({"choices":[{"index":0,"delta":{"content":"late"}}]})").isEmpty());
    QVERIFY(t.feedData("[DONE]").isEmpty());
    QVERIFY(t.finish().isEmpty());
}

void TestOpenAIStreamTranslator::longArgumentsGetPings()
{
    QByteArray sse = data(
        R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_w","type":"function","function":{"name":"Write","arguments":"{\"content\":\""}}]}}]})");
    for (int i = 0; i < 200; ++i)
        sse += data(
            R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"line of text\\n"}}]}}]})");
    sse += data(
        R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"}"}}]},"finish_reason":"tool_calls"}]})");
    sse += "data: [DONE]\n\n";
    const QByteArray out = translate(sse, context());
    const AnthropicStreamValidator v = validate(out);
    QVERIFY2(v.isValid(), qPrintable(describe(v)));
    QCOMPARE(eventNames(out).count(QStringLiteral("ping")), 200 / OpenAIStreamTranslator::kSilentChunksPerPing);
    QCOMPARE(
        v.message()[QStringLiteral("content")][0][QStringLiteral("input")][QStringLiteral("content")].toString().count(
            QStringLiteral("line of text\n")),
        200);
}

void TestOpenAIStreamTranslator::reasoningThenToolThenReasoningAgain()
{
    const QByteArray out = translate(data(R"({"choices":[{"index":0,"delta":{"reasoning_content":"First I read."}}]})")
            + data(
                R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"c1","function":{"name":"Read","arguments":"{}"}}]}}]})")
            + data(R"({"choices":[{"index":0,"delta":{"reasoning_content":"Then I answer."}}]})")
            + data(R"({"choices":[{"index":0,"delta":{"content":"Answer."},"finish_reason":"stop"}]})")
            + "data: [DONE]\n\n",
        context());
    const AnthropicStreamValidator v = validate(out);
    QVERIFY2(v.isValid(), qPrintable(describe(v)));
    const QJsonArray content = v.message()[QStringLiteral("content")].toArray();
    QCOMPARE(content.size(), 4);
    QCOMPARE(content.at(0)[QStringLiteral("type")].toString(), QStringLiteral("thinking"));
    QCOMPARE(content.at(0)[QStringLiteral("signature")].toString(), OpenAIToAnthropicResponse::syntheticSignature());
    QCOMPARE(content.at(1)[QStringLiteral("type")].toString(), QStringLiteral("tool_use"));
    QCOMPARE(content.at(2)[QStringLiteral("thinking")].toString(), QStringLiteral("Then I answer."));
    QCOMPARE(content.at(3)[QStringLiteral("text")].toString(), QStringLiteral("Answer."));
    QCOMPARE(v.message()[QStringLiteral("stop_reason")].toString(), QStringLiteral("tool_use"));
}

void TestOpenAIStreamTranslator::sseErrorEventMidStream()
{
    const QByteArray out = translate(data(R"({"choices":[{"index":0,"delta":{"reasoning_content":"hmm"}}]})")
            + "event: error\ndata: {\"error\":{\"message\":\"The server is overloaded\",\"code\":503}}\n\n",
        context());
    const AnthropicStreamValidator v = validate(out);
    QVERIFY2(v.isValid(), qPrintable(describe(v)));
    QVERIFY(v.endedWithError());
    QCOMPARE(v.errorPayload()[QStringLiteral("error")][QStringLiteral("type")].toString(),
        QStringLiteral("overloaded_error"));
    QCOMPARE(v.message()[QStringLiteral("content")][0][QStringLiteral("thinking")].toString(), QStringLiteral("hmm"));
}

void TestOpenAIStreamTranslator::garbagePayloadsAreIgnored()
{
    const QByteArray out = translate(QByteArray("data: not json\n\ndata: [1,2]\n\ndata: {\"choices\":\"x\"}\n\n")
            + data(R"({"choices":[{"index":0,"delta":{"content":"ok"},"finish_reason":"stop"}]})") + "data: [DONE]\n\n",
        context());
    const AnthropicStreamValidator v = validate(out);
    QVERIFY2(v.isValid(), qPrintable(describe(v)));
    QCOMPARE(v.message()[QStringLiteral("content")][0][QStringLiteral("text")].toString(), QStringLiteral("ok"));
}

void TestOpenAIStreamTranslator::finishReasonMapping_data()
{
    QTest::addColumn<QString>("finishReason");
    QTest::addColumn<QString>("stopReason");
    QTest::newRow("stop") << "stop"
                          << "end_turn";
    QTest::newRow("length") << "length"
                            << "max_tokens";
    QTest::newRow("tool_calls without calls") << "tool_calls"
                                              << "end_turn";
    QTest::newRow("content_filter") << "content_filter"
                                    << "refusal";
    QTest::newRow("function_call") << "function_call"
                                   << "end_turn";
    QTest::newRow("unknown") << "eos"
                             << "end_turn";
}

void TestOpenAIStreamTranslator::finishReasonMapping()
{
    QFETCH(QString, finishReason);
    QFETCH(QString, stopReason);
    const QByteArray out = translate(data(R"({"choices":[{"index":0,"delta":{"content":"text"}}]})")
            + QStringLiteral(R"(data: {"choices":[{"index":0,"delta":{},"finish_reason":"%1"}]})")
                  .arg(finishReason)
                  .toUtf8()
            + "\n\ndata: [DONE]\n\n",
        context());
    const AnthropicStreamValidator v = validate(out);
    QVERIFY2(v.isValid(), qPrintable(describe(v)));
    QCOMPARE(v.message()[QStringLiteral("stop_reason")].toString(), stopReason);
}

void TestOpenAIStreamTranslator::lengthCutsAToolCall()
{
    const QByteArray out = translate(
        data(
            R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"c1","function":{"name":"Write","arguments":"{\"file_path\":\"/a\",\"content\":\"abc"}}]}}]})")
            + data(R"({"choices":[{"index":0,"delta":{},"finish_reason":"length"}]})"),
        context());
    const AnthropicStreamValidator v = validate(out);
    QVERIFY2(v.isValid(), qPrintable(describe(v)));
    QCOMPARE(v.message()[QStringLiteral("stop_reason")].toString(), QStringLiteral("max_tokens"));
    QCOMPARE(v.message()[QStringLiteral("content")][0][QStringLiteral("input")][QStringLiteral("file_path")].toString(),
        QStringLiteral("/a"));
}

void TestOpenAIStreamTranslator::missingIdsAreGeneratedAndDuplicatesRenamed()
{
    const QByteArray out = translate(
        data(
            R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"name":"A","arguments":"{}"}},{"index":1,"id":"same","function":{"name":"B","arguments":"{}"}},{"index":2,"id":"same","function":{"name":"C","arguments":"{}"}}]}}]})")
            + data(R"({"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]})"),
        context());
    const AnthropicStreamValidator v = validate(out);
    QVERIFY2(v.isValid(), qPrintable(describe(v)));
    const QJsonArray content = v.message()[QStringLiteral("content")].toArray();
    QCOMPARE(content.size(), 3);
    QVERIFY(content.at(0)[QStringLiteral("id")].toString().startsWith(QStringLiteral("toolu_")));
    QCOMPARE(content.at(1)[QStringLiteral("id")].toString(), QStringLiteral("same"));
    QVERIFY(content.at(2)[QStringLiteral("id")].toString() != QStringLiteral("same"));
    QCOMPARE(content.at(2)[QStringLiteral("name")].toString(), QStringLiteral("C"));
}

void TestOpenAIStreamTranslator::callWithoutNameIsDropped()
{
    const QByteArray out = translate(data(R"({"choices":[{"index":0,"delta":{"content":"Let me see."}}]})")
            + data(
                R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"a\":1}"}}]}}]})")
            + data(R"({"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]})"),
        context());
    const AnthropicStreamValidator v = validate(out);
    QVERIFY2(v.isValid(), qPrintable(describe(v)));
    QCOMPARE(v.message()[QStringLiteral("content")].toArray().size(), 1);
    QCOMPARE(v.message()[QStringLiteral("stop_reason")].toString(), QStringLiteral("end_turn"));
}

void TestOpenAIStreamTranslator::modelIsTheRequestedOne()
{
    const QByteArray chunk
        = data(R"({"model":"qwen-plus","choices":[{"index":0,"delta":{"content":"x"},"finish_reason":"stop"}]})");
    QCOMPARE(validate(translate(chunk, context())).message()[QStringLiteral("model")].toString(),
        QStringLiteral("claude-sonnet-4-5-20250929"));
    QCOMPARE(validate(translate(chunk, context(QString()))).message()[QStringLiteral("model")].toString(),
        QStringLiteral("qwen-plus"));
}

void TestOpenAIStreamTranslator::textToolCallsWithNativeToolsAreParsed()
{
    ResponseContext c = context();
    c.parseTextToolCalls = true;
    c.declaredTools = QStringList {QStringLiteral("Read")};
    const QByteArray sse
        = data(
              R"({"choices":[{"index":0,"delta":{"content":"<tool_call>\n{\"name\": \"Read\", \"arguments\": {\"file_path\": \"/x\"}}\n</tool_call>"}}]})")
        + data(
            R"({"choices":[{"index":0,"delta":{"content":"<tool_call>{\"name\": \"Unknown\", \"arguments\": {}}</tool_call>"},"finish_reason":"stop"}]})");
    const AnthropicStreamValidator v = validate(translate(sse, c));
    QVERIFY2(v.isValid(), qPrintable(describe(v)));
    const QJsonArray content = v.message()[QStringLiteral("content")].toArray();
    QCOMPARE(content.size(), 2);
    QCOMPARE(content.at(0)[QStringLiteral("name")].toString(), QStringLiteral("Read"));
    // A call naming a tool the request did not declare stays text.
    QVERIFY(content.at(1)[QStringLiteral("text")].toString().contains(QStringLiteral("Unknown")));
    QCOMPARE(v.message()[QStringLiteral("stop_reason")].toString(), QStringLiteral("tool_use"));
}

void TestOpenAIStreamTranslator::textCallHeldWhileANativeCallIsOpen()
{
    // Found by fuzz_stream_chunks: a native call is open, the text filter holds an unterminated <tool_call>, and
    // the stream ends.
    ResponseContext c = context();
    c.parseTextToolCalls = true;
    c.toolsEmulated = true;
    c.declaredTools = QStringList {QStringLiteral("Read")};
    const QByteArray sse = data(R"({"choices":[{"index":0,"delta":{"content":""}}]})")
        + data(R"({"choices":[],"usage":{"completion_tokens":158,"prompt_tokens":25}})")
        + data(R"({"choices":[{"index":0,"delta":{"tool_calls":[{"function":{},"index":0}]}}]})")
        + data(
            R"({"choices":[{"index":0,"delta":{"tool_calls":[{"function":{"name":"Read"},"id":"call_1","index":0}]}}]})")
        + data(
            R"({"choices":[{"index":0,"delta":{"content":"<tool_call>{\"name\":\"Read\",\"arguments\":{\"file_path\":\"/a\"}}"}}]})")
        + data(R"({"choices":[{"index":0,"delta":{"tool_calls":[{"function":{},"index":0}]}}]})");
    const AnthropicStreamValidator v = validate(translate(sse, c));
    QVERIFY2(v.isValid(), qPrintable(describe(v)));
    const QJsonArray content = v.message()[QStringLiteral("content")].toArray();
    QCOMPARE(content.size(), 2);
    QCOMPARE(content.at(0)[QStringLiteral("id")].toString(), QStringLiteral("call_1"));
    QCOMPARE(content.at(1)[QStringLiteral("input")][QStringLiteral("file_path")].toString(), QStringLiteral("/a"));
}

void TestOpenAIStreamTranslator::hugeNumbersAreSafe()
{
    // Out-of-range numbers must not reach an integer conversion (undefined behaviour; the sanitizer build traps).
    const QByteArray sse
        = data(
              R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":1e300,"id":"c","function":{"name":"Read","arguments":"{}"}}]}}]})")
        + data(
            R"({"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":1e300,"completion_tokens":-5}})")
        + data(R"({"error":{"message":"x","code":1e300}})");
    OpenAIStreamTranslator *t = nullptr;
    const AnthropicStreamValidator v = validate(translate(sse, context(), 0, &t));
    QScopedPointer<OpenAIStreamTranslator> owner(t);
    QVERIFY2(v.isValid(), qPrintable(describe(v)));
    QCOMPARE(v.errorPayload()[QStringLiteral("error")][QStringLiteral("type")].toString(), QStringLiteral("api_error"));
}

QTEST_GUILESS_MAIN(TestOpenAIStreamTranslator)
