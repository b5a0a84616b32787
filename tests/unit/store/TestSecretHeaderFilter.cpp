#include "store/SecretHeaderFilter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

class TestSecretHeaderFilter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void strip_data();
    void strip();
    void keepsBytesWhenNothingIsRemoved_data();
    void keepsBytesWhenNothingIsRemoved();
};

void TestSecretHeaderFilter::strip_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected"); // compared as parsed JSON (or as bytes when empty)

    QTest::newRow("object, every secret name")
        << QByteArray(R"({"authorization":"Bearer sk-1","x-api-key":"sk-2","proxy-authorization":"Basic x",)"
                      R"("cookie":"a=b","anthropic-version":"2023-06-01"})")
        << QByteArray(R"({"anthropic-version":"2023-06-01"})");
    QTest::newRow("object, mixed case names")
        << QByteArray(R"({"Authorization":"Bearer sk-1","X-Api-Key":"sk-2","COOKIE":"a","User-Agent":"cli"})")
        << QByteArray(R"({"User-Agent":"cli"})");
    QTest::newRow("object, escaped key") << QByteArray(R"({"\u0061uthorization":"Bearer sk","accept":"*/*"})")
                                         << QByteArray(R"({"accept":"*/*"})");
    QTest::newRow("array of pairs") << QByteArray(
        R"([["content-type","application/json"],["X-API-KEY","sk-3"],["cookie","c"]])")
                                    << QByteArray(R"([["content-type","application/json"]])");
    QTest::newRow("array of name/value objects")
        << QByteArray(R"([{"name":"authorization","value":"Bearer sk"},{"name":"accept","value":"*/*"}])")
        << QByteArray(R"([{"name":"accept","value":"*/*"}])");
    QTest::newRow("array of raw header lines")
        << QByteArray(R"(["Authorization: Bearer sk","Accept: */*"])") << QByteArray(R"(["Accept: */*"])");
    QTest::newRow("unreadable text that names a secret header")
        << QByteArray("authorization: Bearer sk-live") << QByteArray();
    QTest::newRow("json string naming a secret header") << QByteArray(R"("x-api-key: sk")") << QByteArray();
}

void TestSecretHeaderFilter::strip()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    bool removed = false;
    const QByteArray output = SecretHeaderFilter::strip(input, &removed);
    QVERIFY(removed);
    if (expected.isEmpty()) {
        QVERIFY(output.isEmpty());
        return;
    }
    QCOMPARE(QJsonDocument::fromJson(output), QJsonDocument::fromJson(expected));
    QVERIFY(!output.contains("sk"));
}

void TestSecretHeaderFilter::keepsBytesWhenNothingIsRemoved_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("object with spacing kept") << QByteArray("{ \"anthropic-version\" : \"2023-06-01\" }");
    QTest::newRow("secret name as a value only") << QByteArray(R"({"access-control-request-headers":"x-api-key"})");
    QTest::newRow("similar names") << QByteArray(R"({"x-api-key-id":"k1","authorization-hint":"none","cookies":"x"})");
    QTest::newRow("unreadable text without secret names") << QByteArray("not json at all");
}

void TestSecretHeaderFilter::keepsBytesWhenNothingIsRemoved()
{
    QFETCH(QByteArray, input);
    bool removed = true;
    QCOMPARE(SecretHeaderFilter::strip(input, &removed), input);
    QVERIFY(!removed);
}

QTEST_GUILESS_MAIN(TestSecretHeaderFilter)
#include "TestSecretHeaderFilter.moc"
