#include "store/RequestBodySplitter.h"

#include <QtTest>

// Which byte ranges of a request body are kept apart as shared parts.
class TestRequestBodySplitter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findsParts_data();
    void findsParts();
    void deepNestingIsNotFollowed();
    void realClaudeCodeRequest();
};

namespace {

// A JSON string whose text (with its quotes) is exactly `length` bytes.
QByteArray jsonString(qsizetype length, char fill = 'a')
{
    return '"' + QByteArray(length - 2, fill) + '"';
}

// A message whose JSON text is exactly `length` bytes.
QByteArray message(qsizetype length, char fill = 'm')
{
    const QByteArray head = R"({"role":"user","content":)";
    return head + jsonString(length - head.size() - 1, fill) + '}';
}

const QByteArray kSystem = jsonString(1500, 's');
const QByteArray kTools = "["
    + QByteArray(
        R"({"name":"read","input_schema":{"type":"object","properties":{"p":{"type":"string"}}},"description":)")
    + jsonString(1400, 't') + "}]";

} // namespace

void TestRequestBodySplitter::findsParts_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArrayList>("parts");

    const QByteArray big1 = message(2000, 'x');
    const QByteArray big2 = message(3000, 'y');
    const QByteArray small = message(200, 'z');

    QTest::newRow("system and tools") << "{\"model\":\"m\",\"system\":" + kSystem + ",\"tools\":" + kTools
            + ",\"max_tokens\":100,\"messages\":[]}"
                                      << QByteArrayList {kSystem, kTools};
    QTest::newRow("message elements, small ones stay") << "{\"model\":\"m\",\"messages\":[" + small + "," + big1 + ","
            + small + "," + big2 + "],\"stream\":true}" << QByteArrayList {big1, big2};
    QTest::newRow("every kind together") << "{\"system\":" + kSystem + ",\"messages\":[" + big1 + "],\"tools\":"
            + kTools + "}" << QByteArrayList {kSystem, big1, kTools};
    QTest::newRow("value of 1023 bytes") << "{\"system\":" + jsonString(1023) + "}" << QByteArrayList {};
    QTest::newRow("value of 1024 bytes") << "{\"system\":" + jsonString(1024) + "}"
                                         << QByteArrayList {jsonString(1024)};
    QTest::newRow("message of 1023 bytes") << "{\"messages\":[" + message(1023) + "]}" << QByteArrayList {};
    QTest::newRow("message of 1024 bytes")
        << "{\"messages\":[" + message(1024) + "]}" << QByteArrayList {message(1024)};
    QTest::newRow("body under 1024 bytes") << QByteArray(R"({"model":"m","messages":[]})") << QByteArrayList {};

    // Braces, brackets, quotes and escapes inside strings are text, not structure.
    const QByteArray tricky = "\"a } ] { [ , : \\\" \\\\\\\" \\\\ \\/ \\u00e9 \\n" + QByteArray(1100, 'q') + "\\\\\"";
    QTest::newRow("strings with braces, quotes and escapes") << "{\"system\":" + tricky + ",\"x\\\"messages\":[" + big1
            + "],\"messages\":[" + big2 + "]}" << QByteArrayList {tricky, "[" + big1 + "]", big2};
    const QByteArray keyLikeText = "{\"note\":\"\\\"messages\\\":[" + QByteArray(1200, 'n') + "]\"}";
    QTest::newRow("a key inside a string") << "{\"metadata\":" + keyLikeText + "}" << QByteArrayList {keyLikeText};
    const QByteArray nested
        = "[[[" + jsonString(600) + "],[" + jsonString(600) + ",{\"a\":[1,2.5e3,-0.5,true,false,null]}]]]";
    QTest::newRow("nested arrays") << "{\"tools\":" + nested + "}" << QByteArrayList {nested};
    const QByteArray inner = "{\"messages\":[" + big1 + "]}";
    QTest::newRow("messages below the top level are not split")
        << "{\"context\":" + inner + "}" << QByteArrayList {inner};
    QTest::newRow("messages that is not an array stays")
        << "{\"messages\":" + jsonString(2000) + ",\"system\":" + kSystem + "}" << QByteArrayList {kSystem};
    QTest::newRow("white space around everything") << " \r\n{ \"system\" :\t" + kSystem + " ,\n \"messages\" : [ \n"
            + big1 + " ,\n" + big2 + "\n] }\n " << QByteArrayList {kSystem, big1, big2};

    // Not one well-formed JSON object: stored whole.
    QTest::newRow("top-level array") << "[" + big1 + "," + big2 + "]" << QByteArrayList {};
    QTest::newRow("top-level string") << jsonString(4000) << QByteArrayList {};
    QTest::newRow("SSE text") << QByteArray("event: ping\ndata: {\"type\":\"ping\"}\n\n").repeated(100)
                              << QByteArrayList {};
    const QByteArray valid = "{\"system\":" + kSystem + ",\"messages\":[" + big1 + "," + big2 + "]}";
    for (const qsizetype cut : {qsizetype(1), qsizetype(1600), valid.size() - 2, valid.size() - 1}) {
        QTest::addRow("truncated to %lld bytes", static_cast<long long>(cut)) << valid.left(cut) << QByteArrayList {};
    }
    QTest::newRow("garbage after the object") << valid + "x" << QByteArrayList {};
    QTest::newRow("two objects") << valid + valid << QByteArrayList {};
    QTest::newRow("missing colon") << "{\"system\" " + kSystem + "}" << QByteArrayList {};
    QTest::newRow("trailing comma") << "{\"system\":" + kSystem + ",}" << QByteArrayList {};
    QTest::newRow("trailing comma in messages") << "{\"messages\":[" + big1 + ",]}" << QByteArrayList {};
    QTest::newRow("unterminated string") << "{\"system\":\"" + QByteArray(2000, 'a') + "\\\"}" << QByteArrayList {};
    QTest::newRow("bad literal") << "{\"system\":" + kSystem + ",\"stream\":tru}" << QByteArrayList {};
    QTest::newRow("bad number") << "{\"system\":" + kSystem + ",\"max_tokens\":1.}" << QByteArrayList {};
    QTest::newRow("key that is not a string") << "{system:" + kSystem + "}" << QByteArrayList {};
    QTest::newRow("unbalanced brackets") << "{\"tools\":[[" + jsonString(2000) + "]}" << QByteArrayList {};
}

void TestRequestBodySplitter::findsParts()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArrayList, parts);
    const QList<BodySpan> spans = RequestBodySplitter::findParts(body);
    QByteArrayList found;
    qsizetype end = 0;
    for (const BodySpan &span : spans) {
        QVERIFY(span.offset >= end); // in order, without overlaps
        QVERIFY(span.length >= RequestBodySplitter::kMinPartSize);
        QVERIFY(span.offset + span.length <= body.size());
        found.append(body.mid(span.offset, span.length));
        end = span.offset + span.length;
    }
    QCOMPARE(found, parts);
}

void TestRequestBodySplitter::deepNestingIsNotFollowed()
{
    const int depth = RequestBodySplitter::kMaxDepth + 10;
    const QByteArray deep = QByteArray(depth, '[') + jsonString(2000) + QByteArray(depth, ']');
    QVERIFY(RequestBodySplitter::findParts(QByteArray("{\"tools\":" + deep + "}")).isEmpty());
    const QByteArray shallow = QByteArray(100, '[') + jsonString(2000) + QByteArray(100, ']');
    QCOMPARE(RequestBodySplitter::findParts(QByteArray("{\"tools\":" + shallow + "}")).size(), 1);
}

void TestRequestBodySplitter::realClaudeCodeRequest()
{
    QFile file(QStringLiteral(REQUEST_FIXTURE));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    const QByteArray body = file.readAll();
    const QList<BodySpan> spans = RequestBodySplitter::findParts(body);
    // The large second message, `system` and `tools` (in the order of the file); the first message is under
    // 1 KiB.
    QCOMPARE(spans.size(), 3);
    QByteArrayList texts;
    for (const BodySpan &span : spans)
        texts.append(body.mid(span.offset, span.length));
    QVERIFY(texts.at(0).startsWith(R"({"role":)"));
    QVERIFY(texts.at(1).startsWith(R"([{"type":"text")"));
    QVERIFY(texts.at(2).startsWith(R"([{"name":)"));
    qsizetype partBytes = 0;
    for (const QByteArray &text : texts)
        partBytes += text.size();
    QVERIFY(partBytes > body.size() * 9 / 10);
}

QTEST_GUILESS_MAIN(TestRequestBodySplitter)
#include "TestRequestBodySplitter.moc"
