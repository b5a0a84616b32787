#include "protocol/JsonStructureScanner.h"

#include <QtTest>

class TestJsonStructureScanner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void topLevelMemberValue_data();
    void topLevelMemberValue();
    void visitsMembersInOrder();
    void visitorFailureStopsTheScan();
    void depthIsBounded();
};

void TestJsonStructureScanner::topLevelMemberValue_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<bool>("found");
    QTest::addColumn<QByteArray>("value");

    QTest::newRow("object value") << QByteArray(R"({"a":1,"usage":{"x":[1,2]},"b":"c"})") << QByteArray("usage") << true
                                  << QByteArray(R"({"x":[1,2]})");
    QTest::newRow("string value with escaped quotes and backslashes")
        << QByteArray(R"({"s":"a\"b\\","t":0})") << QByteArray("s") << true << QByteArray(R"("a\"b\\")");
    QTest::newRow("numbers and literals") << QByteArray(R"({"n":-1.5e+3,"t":true,"f":false,"z":null})")
                                          << QByteArray("n") << true << QByteArray("-1.5e+3");
    QTest::newRow("literal") << QByteArray(R"({"n":-1.5e+3,"t":true,"f":false,"z":null})") << QByteArray("z") << true
                             << QByteArray("null");
    QTest::newRow("white space everywhere")
        << QByteArray(" \r\n{ \"k\" :\t[ 1 , { } ] \n} \n") << QByteArray("k") << true << QByteArray("[ 1 , { } ]");
    QTest::newRow("nested member of the same name is not top-level")
        << QByteArray(R"({"outer":{"k":1}})") << QByteArray("k") << false << QByteArray();
    QTest::newRow("key text inside a string is not a member")
        << QByteArray(R"({"text":"\"k\":2"})") << QByteArray("k") << false << QByteArray();
    QTest::newRow("repeated key: the last")
        << QByteArray(R"({"k":1,"k":2})") << QByteArray("k") << true << QByteArray("2");
    QTest::newRow("empty object") << QByteArray("{}") << QByteArray("k") << false << QByteArray();
    QTest::newRow("not an object") << QByteArray(R"(["k",1])") << QByteArray("k") << false << QByteArray();
    QTest::newRow("unterminated string") << QByteArray(R"({"k":"abc})") << QByteArray("k") << false << QByteArray();
    QTest::newRow("missing colon") << QByteArray(R"({"k" 1})") << QByteArray("k") << false << QByteArray();
    QTest::newRow("trailing comma") << QByteArray(R"({"k":1,})") << QByteArray("k") << false << QByteArray();
    QTest::newRow("bad number") << QByteArray(R"({"k":01})") << QByteArray("k") << false << QByteArray();
    QTest::newRow("bad literal") << QByteArray(R"({"k":tru})") << QByteArray("k") << false << QByteArray();
    QTest::newRow("text after the object") << QByteArray(R"({"k":1}{})") << QByteArray("k") << false << QByteArray();
    QTest::newRow("unclosed array") << QByteArray(R"({"k":[1,2})") << QByteArray("k") << false << QByteArray();
}

void TestJsonStructureScanner::topLevelMemberValue()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, key);
    QFETCH(bool, found);
    QFETCH(QByteArray, value);
    const QByteArray rawKey = '"' + key + '"';
    const std::optional<QByteArrayView> result = JsonStructureScanner::topLevelMemberValue(text, rawKey);
    QCOMPARE(result.has_value(), found);
    if (found)
        QCOMPARE(result->toByteArray(), value);
}

void TestJsonStructureScanner::visitsMembersInOrder()
{
    const QByteArray text = R"({"a":1,"b\"c":{"d":[]},"e":"f"})";
    QList<QByteArray> keys;
    QList<QByteArray> values;
    const bool wellFormed
        = JsonStructureScanner::forEachTopLevelMember(text, [&](QByteArrayView rawKey, JsonStructureScanner &scanner) {
              keys.append(rawKey.toByteArray());
              const qsizetype start = scanner.position();
              const bool ok = scanner.skipValue(2);
              values.append(QByteArrayView(text).sliced(start, scanner.position() - start).toByteArray());
              return ok;
          });
    QVERIFY(wellFormed);
    QCOMPARE(keys, (QList<QByteArray> {R"("a")", R"("b\"c")", R"("e")"}));
    QCOMPARE(values, (QList<QByteArray> {"1", R"({"d":[]})", R"("f")"}));
}

void TestJsonStructureScanner::visitorFailureStopsTheScan()
{
    int calls = 0;
    const bool wellFormed = JsonStructureScanner::forEachTopLevelMember(
        R"({"a":1,"b":2,"c":3})", [&](QByteArrayView rawKey, JsonStructureScanner &scanner) {
            ++calls;
            return rawKey != "\"b\"" && scanner.skipValue(2);
        });
    QVERIFY(!wellFormed);
    QCOMPARE(calls, 2);
}

void TestJsonStructureScanner::depthIsBounded()
{
    const int limit = 8;
    const auto nested = [](int levels) -> QByteArray { return QByteArray(levels, '[') + QByteArray(levels, ']'); };
    const QByteArray atLimit = nested(limit);
    JsonStructureScanner within(atLimit, limit);
    QVERIFY(within.skipValue(1));
    QVERIFY(within.atEnd());
    const QByteArray overLimit = nested(limit + 1);
    JsonStructureScanner beyond(overLimit, limit);
    QVERIFY(!beyond.skipValue(1));
}

QTEST_GUILESS_MAIN(TestJsonStructureScanner)
#include "TestJsonStructureScanner.moc"
