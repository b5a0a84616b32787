#include "protocol/RequestBodyInspector.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

class TestRequestBodyInspector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void acceptsRequests_data();
    void acceptsRequests();
    void rejectsWithClearMessage_data();
    void rejectsWithClearMessage();
    void agreesWithQtJsonParserOnMutations();
    void boundsNesting();
};

void TestRequestBodyInspector::acceptsRequests_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("model");
    QTest::addColumn<bool>("stream");

    QTest::newRow("minimal") << QByteArray(R"({"model":"claude-x","messages":[]})") << QStringLiteral("claude-x")
                             << false;
    QTest::newRow("stream true") << QByteArray(
        R"({"stream":true,"model":"m","messages":[{"role":"user","content":"hi"}]})")
                                 << QStringLiteral("m") << true;
    QTest::newRow("stream false") << QByteArray(R"({"model":"m","messages":[],"stream":false})") << QStringLiteral("m")
                                  << false;
    QTest::newRow("whitespace everywhere")
        << QByteArray(" \n{ \"model\" : \"m\" ,\r\n\t\"messages\" : [ ] } \n") << QStringLiteral("m") << false;
    QTest::newRow("nested model key ignored")
        << QByteArray(R"({"metadata":{"model":"inner","stream":true},"model":"outer","messages":[{"model":"x"}]})")
        << QStringLiteral("outer") << false;
    QTest::newRow("escaped model") << QByteArray(R"({"model":"a\"b\u00e9\ud83d\ude00","messages":[]})")
                                   << QString::fromUtf8("a\"b\xC3\xA9\xF0\x9F\x98\x80") << false;
    QTest::newRow("utf-8 content") << QByteArray(
        "{\"model\":\"m\",\"messages\":[\"\xE4\xBD\xA0\xE5\xA5\xBD \xF0\x9F\x98\x80\"]}")
                                   << QStringLiteral("m") << false;
    QTest::newRow("numbers") << QByteArray(
        R"({"model":"m","messages":[],"max_tokens":32000,"t":-0.5e+10,"z":0,"f":1.25E-3})")
                             << QStringLiteral("m") << false;
    QTest::newRow("last duplicate wins") << QByteArray(R"({"model":"a","model":"b","messages":[]})")
                                         << QStringLiteral("b") << false;
    QTest::newRow("bom") << QByteArray("\xEF\xBB\xBF{\"model\":\"m\",\"messages\":[]}") << QStringLiteral("m") << false;
}

void TestRequestBodyInspector::acceptsRequests()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, model);
    QFETCH(bool, stream);
    const RequestBodyInspection inspection = RequestBodyInspector::inspect(body);
    QVERIFY2(inspection.valid, qPrintable(inspection.error));
    QCOMPARE(inspection.model, model);
    QCOMPARE(inspection.stream, stream);
    QVERIFY(inspection.hasMessages);
}

void TestRequestBodyInspector::rejectsWithClearMessage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("messageContains");

    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
    QTest::newRow("not json") << QByteArray("hello") << QStringLiteral("not valid JSON: unexpected 'h' at byte 0");
    QTest::newRow("truncated") << QByteArray(R"({"model":"m","messages":[)")
                               << QStringLiteral("unexpected end of input");
    QTest::newRow("trailing comma") << QByteArray(R"({"model":"m","messages":[],})")
                                    << QStringLiteral("unexpected '}'");
    QTest::newRow("trailing garbage") << QByteArray(R"({"model":"m","messages":[]} x)")
                                      << QStringLiteral("unexpected 'x'");
    QTest::newRow("array top level") << QByteArray("[1,2]") << QStringLiteral("must be a JSON object");
    QTest::newRow("string top level") << QByteArray("\"x\"") << QStringLiteral("must be a JSON object");
    QTest::newRow("missing model") << QByteArray(R"({"messages":[]})") << QStringLiteral("model: Field required");
    QTest::newRow("model not string") << QByteArray(R"({"model":5,"messages":[]})")
                                      << QStringLiteral("model: Input should be a valid string");
    QTest::newRow("empty model") << QByteArray(R"({"model":"","messages":[]})")
                                 << QStringLiteral("model: String should");
    QTest::newRow("missing messages") << QByteArray(R"({"model":"m"})") << QStringLiteral("messages: Field required");
    QTest::newRow("messages not list") << QByteArray(R"({"model":"m","messages":{}})")
                                       << QStringLiteral("messages: Input should be a valid list");
    QTest::newRow("stream not bool") << QByteArray(R"({"model":"m","messages":[],"stream":"yes"})")
                                     << QStringLiteral("stream: Input should be a valid boolean");
    QTest::newRow("invalid utf-8") << QByteArray("{\"model\":\"m\",\"messages\":[\"\xC3\x28\"]}")
                                   << QStringLiteral("not valid UTF-8");
    QTest::newRow("overlong utf-8") << QByteArray("{\"model\":\"m\",\"messages\":[\"\xC0\xAF\"]}")
                                    << QStringLiteral("not valid UTF-8");
    QTest::newRow("utf-8 surrogate") << QByteArray("{\"model\":\"m\",\"messages\":[\"\xED\xA0\x80\"]}")
                                     << QStringLiteral("not valid UTF-8");
    QTest::newRow("truncated utf-8") << QByteArray("{\"model\":\"m\",\"messages\":[\"\xE4\xBD\"]}")
                                     << QStringLiteral("not valid UTF-8");
    QTest::newRow("control char in string")
        << QByteArray("{\"model\":\"m\n\",\"messages\":[]}") << QStringLiteral("control character");
    QTest::newRow("bad escape") << QByteArray(R"({"model":"\q","messages":[]})") << QStringLiteral("bad escape");
    QTest::newRow("bad unicode escape") << QByteArray(R"({"model":"\u12G4","messages":[]})")
                                        << QStringLiteral("bad \\u escape");
    QTest::newRow("leading zero") << QByteArray(R"({"model":"m","messages":[],"x":01})")
                                  << QStringLiteral("unexpected '1'");
    QTest::newRow("bare literal typo") << QByteArray(R"({"model":"m","messages":[],"stream":tru})")
                                       << QStringLiteral("unexpected 't'");
    QTest::newRow("single quotes") << QByteArray("{'model':'m'}") << QStringLiteral("unexpected '''");
    // Strings are scanned eight bytes at a time; a fault at every offset within and across those words is
    // reported at its exact byte.
    const QByteArray head = R"({"model":"m","messages":[")";
    for (int plain = 0; plain <= 17; ++plain) {
        const QByteArray text(plain, 'a');
        const qsizetype at = head.size() + plain;
        QTest::addRow("control char after %d plain bytes", plain)
            << head + text + "\x01\"]}" << QStringLiteral("control character in a string at byte %1").arg(at);
        QTest::addRow("bad escape after %d plain bytes", plain)
            << head + text + "\\n\\q\"]}" << QStringLiteral("bad escape at byte %1").arg(at + 3);
        QTest::addRow("invalid utf-8 after %d plain bytes", plain)
            << head + text + "\xFF\"]}" << QStringLiteral("invalid byte 0xff at byte %1").arg(at);
    }
}

void TestRequestBodyInspector::rejectsWithClearMessage()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, messageContains);
    const RequestBodyInspection inspection = RequestBodyInspector::inspect(body);
    QVERIFY(!inspection.valid);
    QVERIFY2(inspection.error.contains(messageContains), qPrintable(inspection.error));
}

// The inspector must accept exactly the documents a real JSON parser accepts. Mutate a realistic body
// byte by byte and compare verdicts with QJsonDocument (which also rejects invalid UTF-8). Qt's parser is
// more lenient than RFC 8259 with raw control characters in strings, unknown escapes and number forms such
// as "-.5" or "1.e3"; the mutations avoid producing those (the tables above cover them), so any
// disagreement here is a real bug in structure or UTF-8 handling.
void TestRequestBodyInspector::agreesWithQtJsonParserOnMutations()
{
    const QByteArray base
        = R"({"model":"claude-sonnet-4-5","max_tokens":32000,"stream":true,)"
          R"("system":[{"type":"text","text":"You are a helpful assistant. Be brief."}],)"
          "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"read /tmp/a.txt \xC3\xA9\"}]},"
          R"({"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"Read",)"
          R"("input":{"file_path":"/tmp/a.txt","limit":-15,"flags":[true,false,null]}}]}]})";
    QVERIFY(RequestBodyInspector::isWellFormedJson(base));
    const char replacements[]
        = {'{', '}', '[', ']', '"', ',', ':', 't', 'n', 'u', 'l', ' ', '\x80', '\xC3', '\xA9', '\xF0'};
    QRandomGenerator random(20261126);
    int disagreements = 0;
    for (int round = 0; round < 20000; ++round) {
        QByteArray mutated = base;
        const int edits = 1 + int(random.bounded(3));
        for (int e = 0; e < edits; ++e) {
            const int position = int(random.bounded(mutated.size()));
            switch (random.bounded(3)) {
            case 0:
                mutated[position] = replacements[random.bounded(int(sizeof replacements))];
                break;
            case 1:
                mutated.remove(position, 1);
                break;
            default:
                mutated.insert(position, replacements[random.bounded(int(sizeof replacements))]);
                break;
            }
        }
        QJsonParseError qtError;
        QJsonDocument::fromJson(mutated, &qtError);
        const bool qtAccepts = qtError.error == QJsonParseError::NoError;
        QString ourError;
        const bool weAccept = RequestBodyInspector::isWellFormedJson(mutated, &ourError);
        if (qtAccepts != weAccept) {
            ++disagreements;
            qWarning("disagreement (Qt %s, inspector %s): %s -- %s", qtAccepts ? "accepts" : "rejects",
                weAccept ? "accepts" : "rejects", mutated.constData(), qPrintable(ourError));
        }
    }
    QCOMPARE(disagreements, 0);
}

void TestRequestBodyInspector::boundsNesting()
{
    const int depth = RequestBodyInspector::kMaxNestingDepth + 10;
    QByteArray body = "{\"model\":\"m\",\"messages\":[],\"x\":";
    body += QByteArray(depth, '[');
    body += QByteArray(depth, ']');
    body += '}';
    const RequestBodyInspection inspection = RequestBodyInspector::inspect(body);
    QVERIFY(!inspection.valid);
    QVERIFY2(inspection.error.contains(QStringLiteral("nested")), qPrintable(inspection.error));
}

QTEST_GUILESS_MAIN(TestRequestBodyInspector)
#include "TestRequestBodyInspector.moc"
