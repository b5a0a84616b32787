#include "protocol/ApiError.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestApiError : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void typeForStatus_data();
    void typeForStatus();
    void envelopeShape();
    void sseEventShape();
    void typeFromNameReadsEveryDefinedName();
};

void TestApiError::typeForStatus_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("type");
    QTest::newRow("400") << 400 << QByteArray("invalid_request_error");
    QTest::newRow("401") << 401 << QByteArray("authentication_error");
    QTest::newRow("402") << 402 << QByteArray("billing_error");
    QTest::newRow("403") << 403 << QByteArray("permission_error");
    QTest::newRow("404") << 404 << QByteArray("not_found_error");
    QTest::newRow("408") << 408 << QByteArray("timeout_error");
    QTest::newRow("409") << 409 << QByteArray("invalid_request_error");
    QTest::newRow("413") << 413 << QByteArray("request_too_large");
    QTest::newRow("422") << 422 << QByteArray("invalid_request_error");
    QTest::newRow("429") << 429 << QByteArray("rate_limit_error");
    QTest::newRow("500") << 500 << QByteArray("api_error");
    QTest::newRow("502") << 502 << QByteArray("api_error");
    QTest::newRow("503") << 503 << QByteArray("api_error");
    QTest::newRow("504") << 504 << QByteArray("timeout_error");
    QTest::newRow("529") << 529 << QByteArray("overloaded_error");
}

void TestApiError::typeForStatus()
{
    QFETCH(int, status);
    QFETCH(QByteArray, type);
    const ApiError error = ApiError::fromStatus(status, QStringLiteral("x"));
    QCOMPARE(error.typeName(), type);
    QCOMPARE(error.httpStatus(), status);
}

void TestApiError::envelopeShape()
{
    const ApiError error = ApiError::invalidRequest(QStringLiteral("messages: Field required \"quoted\""));
    QCOMPARE(error.httpStatus(), 400);
    const QJsonObject envelope = QJsonDocument::fromJson(error.toJson()).object();
    QCOMPARE(envelope.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
    const QJsonObject inner = envelope.value(QStringLiteral("error")).toObject();
    QCOMPARE(inner.value(QStringLiteral("type")).toString(), QStringLiteral("invalid_request_error"));
    QCOMPARE(inner.value(QStringLiteral("message")).toString(), QStringLiteral("messages: Field required \"quoted\""));
}

void TestApiError::sseEventShape()
{
    const QByteArray event = ApiError::overloaded(QStringLiteral("Overloaded")).toSseEvent();
    QVERIFY(event.startsWith("event: error\ndata: "));
    QVERIFY(event.endsWith("\n\n"));
    const QByteArray json = event.mid(int(qstrlen("event: error\ndata: "))).trimmed();
    const QJsonObject inner = QJsonDocument::fromJson(json).object().value(QStringLiteral("error")).toObject();
    QCOMPARE(inner.value(QStringLiteral("type")).toString(), QStringLiteral("overloaded_error"));
}

void TestApiError::typeFromNameReadsEveryDefinedName()
{
    const QList<ApiError::Type> types = {ApiError::Type::InvalidRequest, ApiError::Type::Authentication,
        ApiError::Type::Billing, ApiError::Type::Permission, ApiError::Type::NotFound, ApiError::Type::RequestTooLarge,
        ApiError::Type::RateLimit, ApiError::Type::Api, ApiError::Type::Timeout, ApiError::Type::Overloaded};
    for (const ApiError::Type type : types) {
        const std::optional<ApiError::Type> read = ApiError::typeFromName(ApiError::typeName(type));
        QVERIFY2(read.has_value(), ApiError::typeName(type).constData());
        QCOMPARE(*read, type);
    }
    QCOMPARE(ApiError::typeFromName("overloaded_error"), std::optional(ApiError::Type::Overloaded));
    QVERIFY(!ApiError::typeFromName("").has_value());
    QVERIFY(!ApiError::typeFromName("Overloaded_Error").has_value());
    QVERIFY(!ApiError::typeFromName("teapot_error").has_value());
}

QTEST_GUILESS_MAIN(TestApiError)
#include "TestApiError.moc"
