#include "protocol/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

class TestJsonWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void escapesStrings_data();
    void escapesStrings();
    void stringsRoundTripThroughQtParser();
    void numbers_data();
    void numbers();
    void nestedStructureInWrittenOrder();
    void embedsQtJsonValues();
};

void TestJsonWriter::escapesStrings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("plain") << u"hello"_s << QByteArray(R"("hello")");
    QTest::newRow("empty") << QString() << QByteArray(R"("")");
    QTest::newRow("quote and backslash") << u"a\"b\\c"_s << QByteArray("\"a\\\"b\\\\c\"");
    QTest::newRow("short escapes") << u"\n\r\t\b\f"_s << QByteArray("\"\\n\\r\\t\\b\\f\"");
    QTest::newRow("other control characters")
        << QString(QChar(0x01)) + QChar(0x1f) + QChar(0) << QByteArray("\"\\u0001\\u001f\\u0000\"");
    QTest::newRow("slash and DEL stay") << u"/\x7f"_s << QByteArray("\"/\x7f\"");
    QTest::newRow("Chinese as UTF-8") << u"简体中文"_s
                                      << QByteArray("\"\xe7\xae\x80\xe4\xbd\x93\xe4\xb8\xad\xe6\x96\x87\"");
    QTest::newRow("outside the BMP") << u"\U0001F600"_s << QByteArray("\"\xf0\x9f\x98\x80\"");
}

void TestJsonWriter::escapesStrings()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, json);
    JsonWriter out;
    out.value(text);
    QCOMPARE(out.take(), json);
}

void TestJsonWriter::stringsRoundTripThroughQtParser()
{
    // Every code unit from 0 to 0x7ff and a few beyond, in one string: Qt's parser reads back what was written.
    QString text;
    for (char16_t c = 0; c < 0x800; ++c)
        text.append(QChar(c));
    text.append(u"\uffff\U0010FFFF"_s);
    JsonWriter out;
    out.beginArray().value(text).endArray();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(out.take(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(document.array().at(0).toString(), text);
}

void TestJsonWriter::numbers_data()
{
    QTest::addColumn<double>("number");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("integral") << 200.0 << QByteArray("200");
    QTest::newRow("milliseconds") << 12.345 << QByteArray("12.345");
    QTest::newRow("shortest") << 0.1 << QByteArray("0.1");
    QTest::newRow("negative") << -1.5 << QByteArray("-1.5");
    QTest::newRow("not finite") << std::numeric_limits<double>::infinity() << QByteArray("null");
    QTest::newRow("not a number") << std::nan("") << QByteArray("null");
}

void TestJsonWriter::numbers()
{
    QFETCH(double, number);
    QFETCH(QByteArray, json);
    JsonWriter out;
    out.value(number);
    QCOMPARE(out.take(), json);
}

void TestJsonWriter::nestedStructureInWrittenOrder()
{
    JsonWriter out;
    out.beginObject()
        .field("mode"_L1, u"global_direct"_s)
        .key("targets"_L1)
        .beginArray()
        .beginObject()
        .field("platform"_L1, u"a"_s)
        .field("status"_L1, 529)
        .endObject()
        .beginObject()
        .field("platform"_L1, u"b"_s)
        .field("retry"_L1, true)
        .endObject()
        .endArray()
        .key("empty"_L1)
        .beginArray()
        .endArray()
        .key("nothing"_L1)
        .nullValue()
        .field("big"_L1, qint64(1) << 40)
        .field("off"_L1, false)
        .endObject();
    QCOMPARE(out.take(),
        QByteArray(R"({"mode":"global_direct","targets":[{"platform":"a","status":529},{"platform":"b","retry":true}],)"
                   R"("empty":[],"nothing":null,"big":1099511627776,"off":false})"));
}

void TestJsonWriter::embedsQtJsonValues()
{
    const QJsonObject classifier {{u"scene"_s, u"coding"_s}, {u"latency_ms"_s, 12}};
    JsonWriter out;
    out.beginObject()
        .field("classifier"_L1, QJsonValue(classifier))
        .field("list"_L1, QJsonValue(QJsonArray {1, u"x"_s}))
        .field("text"_L1, QJsonValue(u"t\""_s))
        .field("undefined"_L1, QJsonValue(QJsonValue::Undefined))
        .endObject();
    QCOMPARE(out.take(),
        QByteArray("{\"classifier\":{\"latency_ms\":12,\"scene\":\"coding\"},\"list\":[1,\"x\"],"
                   "\"text\":\"t\\\"\",\"undefined\":null}"));
}

QTEST_APPLESS_MAIN(TestJsonWriter)
#include "TestJsonWriter.moc"
