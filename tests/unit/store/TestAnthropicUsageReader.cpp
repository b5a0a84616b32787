#include "store/AnthropicUsageReader.h"

#include <QtTest>

class TestAnthropicUsageReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void read_data();
    void read();
    void detectsEventStreams_data();
    void detectsEventStreams();
};

namespace {

// Builds an SSE stream from (event name, data) pairs.
QByteArray sse(std::initializer_list<std::pair<const char *, const char *>> events, const char *newline = "\n")
{
    QByteArray out;
    for (const auto &[name, data] : events) {
        if (name && *name)
            out += QByteArray("event: ") + name + newline;
        out += QByteArray("data: ") + data + newline + newline;
    }
    return out;
}

const char *kMessageStart = R"({"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant",)"
                            R"("model":"m","content":[],"stop_reason":null,"usage":{"input_tokens":377,)"
                            R"("cache_creation_input_tokens":11,"cache_read_input_tokens":1024,"output_tokens":1}}})";
const char *kTextDelta = R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta",)"
                         R"("text":"\"message_delta\" in text"}})";

} // namespace

void TestAnthropicUsageReader::read_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qint64>("input");
    QTest::addColumn<qint64>("output");
    QTest::addColumn<qint64>("cacheRead");
    QTest::addColumn<qint64>("cacheCreation");

    QTest::newRow("json message, all four counts")
        << QByteArray(R"({"id":"msg_1","type":"message","content":[],"usage":{"input_tokens":176,)"
                      R"("output_tokens":35,"cache_creation_input_tokens":7,"cache_read_input_tokens":1024}})")
        << qint64(176) << qint64(35) << qint64(1024) << qint64(7);
    QTest::newRow("json message without cache fields")
        << QByteArray(R"({"type":"message","usage":{"input_tokens":5,"output_tokens":6}})") << qint64(5) << qint64(6)
        << qint64(-1) << qint64(-1);
    QTest::newRow("json message, null and non-integral counts ignored")
        << QByteArray(R"({"type":"message","usage":{"input_tokens":null,"output_tokens":6.5,)"
                      R"("cache_read_input_tokens":-3,"cache_creation_input_tokens":"9"}})")
        << qint64(-1) << qint64(-1) << qint64(-1) << qint64(-1);
    QTest::newRow("json with whitespace and newer usage fields")
        << QByteArray("\n  {\"type\":\"message\",\"usage\":{\"input_tokens\":1,\"output_tokens\":2,"
                      "\"server_tool_use\":{\"web_search_requests\":1},\"service_tier\":\"standard\"}}")
        << qint64(1) << qint64(2) << qint64(-1) << qint64(-1);
    QTest::newRow("error envelope") << QByteArray(R"({"type":"error","error":{"type":"api_error","message":"x"}})")
                                    << qint64(-1) << qint64(-1) << qint64(-1) << qint64(-1);
    QTest::newRow("count_tokens answer has no usage")
        << QByteArray(R"({"input_tokens":2095})") << qint64(-1) << qint64(-1) << qint64(-1) << qint64(-1);
    QTest::newRow("not json") << QByteArray("<html>bad gateway</html>") << qint64(-1) << qint64(-1) << qint64(-1)
                              << qint64(-1);
    QTest::newRow("truncated json") << QByteArray(R"({"type":"message","usage":{"input_tokens":5,"outp)") << qint64(-1)
                                    << qint64(-1) << qint64(-1) << qint64(-1);
    QTest::newRow("empty") << QByteArray() << qint64(-1) << qint64(-1) << qint64(-1) << qint64(-1);
    QTest::newRow("usage is not an object")
        << QByteArray(R"({"type":"message","usage":[1,2]})") << qint64(-1) << qint64(-1) << qint64(-1) << qint64(-1);
    QTest::newRow("json: only the top-level usage counts, not one inside the content") << QByteArray(
        R"({"type":"message","content":[{"type":"tool_use","input":{"usage":{"input_tokens":999}}},)"
        R"({"type":"text","text":"\"usage\":{\"input_tokens\":998} {[\\"}],"usage":{"input_tokens":3,)"
        R"("output_tokens":4}})") << qint64(3) << qint64(4) << qint64(-1) << qint64(-1);
    QTest::newRow("json: usage before the content")
        << QByteArray(R"({"usage":{"input_tokens":8,"output_tokens":9},"content":[{"type":"text","text":"}"}]})")
        << qint64(8) << qint64(9) << qint64(-1) << qint64(-1);
    QTest::newRow("json: a repeated usage member, the last one counts (as QJsonDocument reads it)")
        << QByteArray(R"({"usage":{"input_tokens":1},"type":"message","usage":{"input_tokens":2,"output_tokens":5}})")
        << qint64(2) << qint64(5) << qint64(-1) << qint64(-1);
    QTest::newRow("json: garbage after the message")
        << QByteArray(R"({"type":"message","usage":{"input_tokens":5,"output_tokens":6}} trailing)") << qint64(-1)
        << qint64(-1) << qint64(-1) << qint64(-1);
    QTest::newRow("json: no usage without a top-level object")
        << QByteArray(R"([{"usage":{"input_tokens":5,"output_tokens":6}}])") << qint64(-1) << qint64(-1) << qint64(-1)
        << qint64(-1);

    QTest::newRow("stream: start, then cumulative output in message_delta") << sse({{"message_start", kMessageStart},
        {"content_block_start",
            R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})"},
        {"ping", R"({"type": "ping"})"}, {"content_block_delta", kTextDelta},
        {"content_block_stop", R"({"type":"content_block_stop","index":0})"},
        {"message_delta",
            R"({"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":65}})"},
        {"message_stop", R"({"type":"message_stop"})"}}) << qint64(377) << qint64(65)
                                                                            << qint64(1024) << qint64(11);
    QTest::newRow("stream: message_delta overrides input and cache counts") << sse(
        {{"message_start", R"({"type":"message_start","message":{"usage":{"input_tokens":0,"output_tokens":0}}})"},
            {"message_delta",
                R"({"type":"message_delta","delta":{},"usage":{"input_tokens":176,"output_tokens":35,)"
                R"("cache_read_input_tokens":1024,"cache_creation_input_tokens":0}})"}})
                                                                            << qint64(176) << qint64(35) << qint64(1024)
                                                                            << qint64(0);
    QTest::newRow("stream: null counts in message_delta do not override") << sse({{"message_start", kMessageStart},
        {"message_delta",
            R"({"type":"message_delta","delta":{},"usage":{"input_tokens":null,)"
            R"("cache_read_input_tokens":null,"output_tokens":9}})"}}) << qint64(377)
                                                                          << qint64(9) << qint64(1024) << qint64(11);
    QTest::newRow("stream: several message_delta events, the last wins")
        << sse({{"message_start", kMessageStart},
               {"message_delta", R"({"type":"message_delta","delta":{},"usage":{"output_tokens":10}})"},
               {"message_delta", R"({"type":"message_delta","delta":{},"usage":{"output_tokens":20}})"}})
        << qint64(377) << qint64(20) << qint64(1024) << qint64(11);
    QTest::newRow("stream: CRLF line endings")
        << sse({{"message_start", kMessageStart},
                   {"message_delta", R"({"type":"message_delta","delta":{},"usage":{"output_tokens":3}})"}},
               "\r\n")
        << qint64(377) << qint64(3) << qint64(1024) << qint64(11);
    QTest::newRow("stream: no event names, types in data") << sse({{"", kMessageStart}, {"", kTextDelta},
        {"", R"({"type":"message_delta","delta":{},"usage":{"output_tokens":4}})"}})
                                                           << qint64(377) << qint64(4) << qint64(1024) << qint64(11);
    QTest::newRow("stream: cut off after message_start")
        << sse({{"message_start", kMessageStart}, {"content_block_delta", kTextDelta}}) << qint64(377) << qint64(1)
        << qint64(1024) << qint64(11);
    QTest::newRow("stream: last event without terminating blank line")
        << (sse({{"message_start", kMessageStart}})
               + QByteArray("event: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":8}}"))
        << qint64(377) << qint64(8) << qint64(1024) << qint64(11);
    QTest::newRow("stream: error event only")
        << sse({{"error", R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})"}})
        << qint64(-1) << qint64(-1) << qint64(-1) << qint64(-1);
    QTest::newRow("stream: garbage data in message_start is skipped")
        << sse({{"message_start", "{not json"},
               {"message_delta", R"({"type":"message_delta","delta":{},"usage":{"output_tokens":12}})"}})
        << qint64(-1) << qint64(12) << qint64(-1) << qint64(-1);
    QTest::newRow("stream: event name and data type disagree")
        << sse({{"message_delta", kMessageStart}}) << qint64(377) << qint64(1) << qint64(1024) << qint64(11);
    QTest::newRow("stream: leading comment and BOM") << (QByteArray("\xEF\xBB\xBF: keep-alive\n\n")
        + sse({{"message_delta", R"({"type":"message_delta","usage":{"output_tokens":2,"input_tokens":3}})"}}))
                                                     << qint64(3) << qint64(2) << qint64(-1) << qint64(-1);
}

void TestAnthropicUsageReader::read()
{
    QFETCH(QByteArray, body);
    QFETCH(qint64, input);
    QFETCH(qint64, output);
    QFETCH(qint64, cacheRead);
    QFETCH(qint64, cacheCreation);

    const TokenUsage usage = AnthropicUsageReader::read(body);
    QCOMPARE(usage.inputTokens, input);
    QCOMPARE(usage.outputTokens, output);
    QCOMPARE(usage.cacheReadInputTokens, cacheRead);
    QCOMPARE(usage.cacheCreationInputTokens, cacheCreation);
    QCOMPARE(usage.isKnown(), input >= 0 || output >= 0);
}

void TestAnthropicUsageReader::detectsEventStreams_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("isStream");
    QTest::newRow("event field") << QByteArray("event: message_start\ndata: {}\n\n") << true;
    QTest::newRow("data field") << QByteArray("data: {}\n\n") << true;
    QTest::newRow("comment after blank lines") << QByteArray("\r\n\n: ping\n\n") << true;
    QTest::newRow("json object") << QByteArray(R"({"type":"message"})") << false;
    QTest::newRow("json with leading spaces") << QByteArray("  \n{}") << false;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("plain text") << QByteArray("eventually") << false;
}

void TestAnthropicUsageReader::detectsEventStreams()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, isStream);
    QCOMPARE(AnthropicUsageReader::looksLikeEventStream(body), isStream);
}

QTEST_GUILESS_MAIN(TestAnthropicUsageReader)
#include "TestAnthropicUsageReader.moc"
