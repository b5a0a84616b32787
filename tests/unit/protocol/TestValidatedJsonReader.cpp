#include "TestSupport.h"
#include "protocol/RequestBodyInspector.h"
#include "protocol/ValidatedJsonReader.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

namespace {

// The reader must give exactly what QJsonDocument gives: the same values, numbers of the same kind.
bool sameAsQt(const QByteArray &json, QString *why)
{
    const QJsonObject ours = ValidatedJsonReader::readObject(json);
    const QJsonObject qts = QJsonDocument::fromJson(json).object();
    if (ours != qts) {
        *why = QStringLiteral("values differ");
        return false;
    }
    const QByteArray ourBytes = QJsonDocument(ours).toJson(QJsonDocument::Compact);
    const QByteArray qtBytes = QJsonDocument(qts).toJson(QJsonDocument::Compact);
    if (ourBytes != qtBytes) {
        *why = QStringLiteral("serializations differ: %1 vs %2")
                   .arg(QString::fromUtf8(ourBytes.left(300)), QString::fromUtf8(qtBytes.left(300)));
        return false;
    }
    return true;
}

} // namespace

class TestValidatedJsonReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsLikeQt_data();
    void readsLikeQt();
    void readsClaudeCodeRequestsLikeQt();
    void readsMutatedRequestsLikeQt();
    void remembersLargeValuesOnlyWhenTheBytesAreTheSame();
};

void TestValidatedJsonReader::readsLikeQt_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty object") << QByteArray("{}");
    QTest::newRow("whitespace") << QByteArray(" \n\t{ \"a\" : [ 1 , 2 ] , \"b\" : { } } \r\n");
    QTest::newRow("literals") << QByteArray(R"({"t":true,"f":false,"n":null,"e":[],"o":{}})");
    QTest::newRow("escapes") << QByteArray(R"({"s":"line\nnext\ttab \"quoted\" back\\slash \/ \b\f\r"})");
    QTest::newRow("unicode escapes") << QByteArray(R"({"s":"\u00e9\u4f60\u597d \ud83d\ude00 \u0000 end"})");
    QTest::newRow("lone high surrogate") << QByteArray(R"({"s":"a\ud83d b"})");
    QTest::newRow("lone low surrogate") << QByteArray(R"({"s":"a\ude00 b"})");
    QTest::newRow("raw utf-8") << QByteArray("{\"s\":\"\xE4\xBD\xA0\xE5\xA5\xBD \xF0\x9F\x98\x80\"}");
    QTest::newRow("escaped key") << QByteArray(R"({"k\"ey":1,"\u006dodel":"m"})");
    QTest::newRow("integers") << QByteArray(
        R"({"a":0,"b":-1,"c":128000,"d":9007199254740993,"e":-9223372036854775808})");
    QTest::newRow("beyond int64") << QByteArray(R"({"a":9223372036854775808,"b":-9223372036854775809})");
    QTest::newRow("negative zero") << QByteArray(R"({"a":-0,"b":-0.0,"c":0.0})");
    QTest::newRow("doubles") << QByteArray(R"({"a":1.5,"b":-2.25e3,"c":1E-7,"d":0.1,"e":1e308})");
    QTest::newRow("duplicate keys") << QByteArray(R"({"model":"a","model":"b","x":{"y":1,"y":2}})");
    QTest::newRow("deep nesting") << (QByteArray(R"({"a":)") + QByteArray(100, '[') + QByteArray(100, ']') + "}");
}

void TestValidatedJsonReader::readsLikeQt()
{
    QFETCH(QByteArray, json);
    QString error;
    QVERIFY(RequestBodyInspector::isWellFormedJson(json, &error));
    QString why;
    QVERIFY2(sameAsQt(json, &why), qPrintable(why));
}

void TestValidatedJsonReader::readsClaudeCodeRequestsLikeQt()
{
    for (const QString &name : {QStringLiteral("convert/claude-code-main-loop.json"),
             QStringLiteral("convert/claude-code-tool-result.json")}) {
        const QByteArray json = TestSupport::readFixture(name);
        QVERIFY(json.size() > 40'000);
        QString why;
        QVERIFY2(sameAsQt(json, &why), qPrintable(name + QStringLiteral(": ") + why));
    }
}

// Random edits of a realistic body: whatever the inspector still accepts must read exactly as Qt reads it.
void TestValidatedJsonReader::readsMutatedRequestsLikeQt()
{
    const QByteArray base = R"({"model":"claude-sonnet-4-5","max_tokens":32000,"stream":true,"n":-1.5e3,"z":0,)"
                            R"("system":[{"type":"text","text":"You are helpful.\nBe \"brief\". \u00e9\ud83d\ude00"}],)"
                            R"("messages":[{"role":"user","content":[{"type":"text","text":"read /tmp/a.txt"}]}]})";
    const char pieces[] = {'{', '}', '[', ']', '"', ',', ':', '0', '1', '-', 'e', '.', '\\', 'n', 'u', ' '};
    QRandomGenerator random(42);
    int compared = 0;
    for (int round = 0; round < 20000; ++round) {
        QByteArray mutated = base;
        const int position = int(random.bounded(mutated.size()));
        if (random.bounded(2) == 0)
            mutated[position] = pieces[random.bounded(int(sizeof pieces))];
        else
            mutated.insert(position, pieces[random.bounded(int(sizeof pieces))]);
        if (!RequestBodyInspector::isWellFormedJson(mutated))
            continue;
        QJsonParseError qtError;
        const QJsonDocument qt = QJsonDocument::fromJson(mutated, &qtError);
        if (qtError.error != QJsonParseError::NoError || !qt.isObject())
            continue;
        ++compared;
        QString why;
        QVERIFY2(sameAsQt(mutated, &why), qPrintable(QString::fromUtf8(mutated) + QStringLiteral(" -- ") + why));
    }
    QVERIFY(compared > 1000);
}

// Large top-level values (system, tools) are remembered by their bytes: the same bytes give the same value,
// one changed byte gives the new value.
void TestValidatedJsonReader::remembersLargeValuesOnlyWhenTheBytesAreTheSame()
{
    const QByteArray first = TestSupport::readFixture(QStringLiteral("convert/claude-code-main-loop.json"));
    QString why;
    for (int round = 0; round < 3; ++round)
        QVERIFY2(sameAsQt(first, &why), qPrintable(why));
    // The same request with one letter of a tool description changed: the tools must be read again.
    QByteArray changed = first;
    const qsizetype at = changed.indexOf("\"description\":\"", changed.indexOf("\"tools\"")) + 16;
    QVERIFY(at > 16);
    changed[at] = changed[at] == 'x' ? 'y' : 'x';
    QVERIFY2(sameAsQt(changed, &why), qPrintable(why));
    QVERIFY(ValidatedJsonReader::readObject(changed).value("tools")
        != ValidatedJsonReader::readObject(first).value("tools"));
    QVERIFY2(sameAsQt(first, &why), qPrintable(why));
}

QTEST_GUILESS_MAIN(TestValidatedJsonReader)
#include "TestValidatedJsonReader.moc"
