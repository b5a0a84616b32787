#include "TestAnthropicStreamValidator.h"
#include "convert/AnthropicStreamValidator.h"

#include <QTest>

// The validator is what the other tests and the fuzzers trust: it must accept Anthropic's own streams and
// reject each way a stream can break a client.
namespace {

QByteArray ev(const char *name, const char *json)
{
    return QByteArray("event: ") + name + "\ndata: " + json + "\n\n";
}

const char kStart[]
    = R"({"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":1}}})";
const char kTextStart[] = R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})";
const char kTextDelta[] = R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}})";
const char kStop0[] = R"({"type":"content_block_stop","index":0})";
const char kDeltaEnd[]
    = R"({"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":5}})";
const char kMessageStop[] = R"({"type":"message_stop"})";

QByteArray textStream()
{
    return ev("message_start", kStart) + ev("content_block_start", kTextStart) + ev("content_block_delta", kTextDelta)
        + ev("content_block_stop", kStop0) + ev("message_delta", kDeltaEnd) + ev("message_stop", kMessageStop);
}

} // namespace

void TestAnthropicStreamValidator::acceptsAnthropicStreams_data()
{
    QTest::addColumn<QByteArray>("sse");
    QTest::newRow("text") << textStream();
    // The SDK's recorded text + tool_use fixture (§2.2), with a ping inside a block and an empty first fragment.
    QTest::newRow("text and tool") << (ev("message_start", kStart) + ev("content_block_start", kTextStart)
        + ev("ping", R"({"type": "ping"})") + ev("content_block_delta", kTextDelta) + ev("content_block_stop", kStop0)
        + ev("content_block_start",
            R"({"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01NRLabsLyVHZPKxbKvkfSMn","name":"get_weather","input":{}}})")
        + ev("content_block_delta",
            R"({"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}})")
        + ev("content_block_delta",
            R"({"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"locati"}})")
        + ev("content_block_delta",
            R"({"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"on\": \"Paris\"}"}})")
        + ev("content_block_stop", R"({"type":"content_block_stop","index":1})")
        + ev("message_delta",
            R"({"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":65}})")
        + ev("message_stop", kMessageStop));
    QTest::newRow("thinking") << (ev("message_start", kStart)
        + ev("content_block_start",
            R"({"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}})")
        + ev("content_block_delta",
            R"({"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Simple"}})")
        + ev("content_block_delta",
            R"({"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"c3lu"}})")
        + ev("content_block_stop", kStop0) + ev("message_delta", kDeltaEnd) + ev("message_stop", kMessageStop));
    QTest::newRow("empty message") << (ev("message_start", kStart) + ev("message_delta", kDeltaEnd)
        + ev("message_stop", kMessageStop));
    QTest::newRow("error first") << ev(
        "error", R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})");
    QTest::newRow("error mid-block") << (ev("message_start", kStart) + ev("content_block_start", kTextStart)
        + ev("content_block_delta", kTextDelta)
        + ev("error", R"({"type":"error","error":{"type":"api_error","message":"x"}})"));
    QTest::newRow("tool cut by max_tokens") << (ev("message_start", kStart)
        + ev("content_block_start",
            R"({"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"t","name":"n","input":{}}})")
        + ev("content_block_stop", kStop0)
        + ev("message_delta",
            R"({"type":"message_delta","delta":{"stop_reason":"max_tokens","stop_sequence":null},"usage":{"output_tokens":5}})")
        + ev("message_stop", kMessageStop));
}

void TestAnthropicStreamValidator::acceptsAnthropicStreams()
{
    QFETCH(QByteArray, sse);
    AnthropicStreamValidator v;
    // Split the bytes awkwardly: the validator parses SSE itself.
    for (qsizetype at = 0; at < sse.size(); at += 3)
        v.feedBytes(QByteArrayView(sse.constData() + at, qMin<qsizetype>(3, sse.size() - at)));
    v.finish();
    QVERIFY2(v.isValid(), qPrintable(v.errors().join(QLatin1Char('\n'))));
    QVERIFY(v.isComplete());
}

void TestAnthropicStreamValidator::rejectsBrokenStreams_data()
{
    QTest::addColumn<QByteArray>("sse");
    QTest::addColumn<QString>("error");
    const QByteArray start = ev("message_start", kStart);
    const QByteArray tail = ev("message_delta", kDeltaEnd) + ev("message_stop", kMessageStop);
    QTest::newRow("no message_start") << (ev("content_block_start", kTextStart) + tail) << "before message_start";
    QTest::newRow("two message_start") << (start + start + tail) << "a second message_start";
    QTest::newRow("no message_stop") << (start + ev("message_delta", kDeltaEnd)) << "without message_stop";
    QTest::newRow("no message_delta") << (start + ev("message_stop", kMessageStop)) << "without message_delta";
    QTest::newRow("event after stop") << (textStream() + ev("ping", R"({"type":"ping"})")) << "after the end";
    QTest::newRow("name mismatch") << (ev("message_begin", kStart) + tail) << "but data.type";
    QTest::newRow("index gap") << (start
        + ev("content_block_start",
            R"({"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}})"))
                               << "expected 0";
    QTest::newRow("interleaved blocks") << (start + ev("content_block_start", kTextStart)
        + ev("content_block_start",
            R"({"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}})"))
                                        << "while block 0 is open";
    QTest::newRow("text_delta on tool (E10)") << (start
        + ev("content_block_start",
            R"({"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"t","name":"n","input":{}}})")
        + ev("content_block_delta", kTextDelta))
                                              << "text_delta on a tool_use block";
    QTest::newRow("delta to index -1") << (start + ev("content_block_start", kTextStart)
        + ev("content_block_delta",
            R"({"type":"content_block_delta","index":-1,"delta":{"type":"text_delta","text":"x"}})"))
                                       << "for index -1";
    QTest::newRow("empty text block (E1)")
        << (start + ev("content_block_start", kTextStart) + ev("content_block_stop", kStop0) + tail)
        << "no non-whitespace text";
    QTest::newRow("bad tool json") << (start
        + ev("content_block_start",
            R"({"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"t","name":"n","input":{}}})")
        + ev("content_block_delta",
            R"({"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"a\":"}})")
        + ev("content_block_stop", kStop0))
                                   << "not a JSON object";
    QTest::newRow("bad tool id") << (start
        + ev("content_block_start",
            R"({"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"functions.Bash:0","name":"n","input":{}}})"))
                                 << "is not [A-Za-z0-9_-]+";
    QTest::newRow("tool_use but end_turn (E6)") << (start
        + ev("content_block_start",
            R"({"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"t","name":"n","input":{}}})")
        + ev("content_block_stop", kStop0) + tail)
                                                << "but stop_reason is end_turn";
    QTest::newRow("tool_use reason without tool") << (start
        + ev("message_delta",
            R"({"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":5}})"))
                                                  << "without a tool_use block";
    QTest::newRow("null stop_reason (E11)") << (start
        + ev("message_delta",
            R"({"type":"message_delta","delta":{"stop_reason":null,"stop_sequence":null},"usage":{"output_tokens":5}})"))
                                            << "is not a known value";
    QTest::newRow("thinking without signature") << (start
        + ev("content_block_start",
            R"({"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}})")
        + ev("content_block_stop", kStop0)) << "without a signature";
    QTest::newRow("message_delta with open block")
        << (start + ev("content_block_start", kTextStart) + ev("content_block_delta", kTextDelta) + tail)
        << "while block 0 is open";
    QTest::newRow("wrong error envelope")
        << ev("error", R"({"type":"error","message":{"type":"api_error","message":"x"}})") << "without error.type";
    QTest::newRow("not json") << QByteArray("event: ping\ndata: {oops\n\n") << "not a JSON object";
    QTest::newRow("usage missing") << (start
        + ev("message_delta", R"({"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null}})"))
                                   << "output_tokens";
    QTest::newRow("stop_sequence mismatch") << (start
        + ev("message_delta",
            R"({"type":"message_delta","delta":{"stop_reason":"stop_sequence","stop_sequence":null},"usage":{"output_tokens":1}})"))
                                            << "stop_sequence does not match";
}

void TestAnthropicStreamValidator::rejectsBrokenStreams()
{
    QFETCH(QByteArray, sse);
    QFETCH(QString, error);
    AnthropicStreamValidator v;
    v.feedBytes(sse);
    v.finish();
    QVERIFY(!v.isValid());
    QVERIFY2(v.errors().join(QLatin1Char('\n')).contains(error), qPrintable(v.errors().join(QLatin1Char('\n'))));
}

void TestAnthropicStreamValidator::accumulatesTheMessage()
{
    AnthropicStreamValidator v;
    v.feedBytes(textStream());
    v.finish();
    const QJsonObject m = v.message();
    QCOMPARE(m[QStringLiteral("content")][0][QStringLiteral("text")].toString(), QStringLiteral("Hi"));
    QCOMPARE(m[QStringLiteral("stop_reason")].toString(), QStringLiteral("end_turn"));
    QCOMPARE(m[QStringLiteral("usage")][QStringLiteral("input_tokens")].toInt(), 10); // from message_start
    QCOMPARE(m[QStringLiteral("usage")][QStringLiteral("output_tokens")].toInt(), 5); // from message_delta
    QCOMPARE(v.eventCount(), 6);
}

QTEST_GUILESS_MAIN(TestAnthropicStreamValidator)
