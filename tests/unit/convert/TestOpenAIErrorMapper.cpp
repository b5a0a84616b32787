#include "TestOpenAIErrorMapper.h"
#include "convert/OpenAIErrorMapper.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using Category = UpstreamErrorMapping::Category;
Q_DECLARE_METATYPE(UpstreamErrorMapping::Category)

void TestOpenAIErrorMapper::mapsUpstreamErrors_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("outStatus");
    QTest::addColumn<Category>("category");
    QTest::addColumn<QString>("message");

    QTest::newRow("openai 401")
        << 401
        << QByteArray(
               R"({"error":{"message":"Incorrect API key provided: sk-...abc.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}})")
        << "authentication_error" << 401 << Category::Authentication << "Incorrect API key provided: sk-...abc.";
    QTest::newRow("dashscope 401")
        << 401
        << QByteArray(
               R"({"error":{"message":"Incorrect API key provided. ","type":"invalid_request_error","param":null,"code":"invalid_api_key"},"request_id":"b0f0"})")
        << "authentication_error" << 401 << Category::Authentication << "Incorrect API key provided. ";
    QTest::newRow("403") << 403 << QByteArray(R"({"error":{"message":"Access denied to this model"}})")
                         << "permission_error" << 403 << Category::Permission << "Access denied to this model";
    QTest::newRow("404 model")
        << 404 << QByteArray(R"({"error":{"message":"The model `qwen-x` does not exist","code":"model_not_found"}})")
        << "not_found_error" << 404 << Category::NotFound << "The model `qwen-x` does not exist";
    QTest::newRow("ollama string error") << 404
                                         << QByteArray(
                                                R"({"error":"model \"llama9\" not found, try pulling it first"})")
                                         << "not_found_error" << 404 << Category::NotFound
                                         << "model \"llama9\" not found, try pulling it first";
    QTest::newRow("429")
        << 429
        << QByteArray(
               R"({"error":{"message":"Rate limit reached for requests","type":"requests","code":"rate_limit_exceeded"}})")
        << "rate_limit_error" << 429 << Category::RateLimit << "Rate limit reached for requests";
    QTest::newRow("429 quota is billing")
        << 429
        << QByteArray(
               R"({"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","code":"insufficient_quota"}})")
        << "billing_error" << 429 << Category::Billing
        << "You exceeded your current quota, please check your plan and billing details.";
    QTest::newRow("deepseek 402")
        << 402
        << QByteArray(
               R"({"error":{"message":"Insufficient Balance","type":"unknown_error","param":null,"code":"invalid_request_error"}})")
        << "billing_error" << 402 << Category::Billing << "Insufficient Balance";
    QTest::newRow("openrouter 402")
        << 402
        << QByteArray(R"({"error":{"code":402,"message":"This request requires more credits, or fewer max_tokens."}})")
        << "billing_error" << 402 << Category::Billing << "This request requires more credits, or fewer max_tokens.";
    QTest::newRow("siliconflow balance 403")
        << 403 << QByteArray(R"({"code":30001,"message":"Sorry, your account balance is insufficient","data":null})")
        << "billing_error" << 403 << Category::Billing << "Sorry, your account balance is insufficient";
    QTest::newRow("dashscope arrearage")
        << 400
        << QByteArray(
               R"({"error":{"code":"Arrearage","message":"Access denied, please make sure your account is in good standing.","type":"Arrearage"}})")
        << "billing_error" << 400 << Category::Billing
        << "Access denied, please make sure your account is in good standing.";
    QTest::newRow("openai context")
        << 400
        << QByteArray(
               R"({"error":{"message":"This model's maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens. Please reduce the length of the messages.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}})")
        << "invalid_request_error" << 400 << Category::ContextOverflow
        << "prompt is too long: 130512 tokens > 128000 maximum";
    QTest::newRow("deepseek context")
        << 400
        << QByteArray(
               R"({"error":{"message":"This model's maximum context length is 131072 tokens. However, you requested 140000 tokens (108000 in the messages, 32000 in the completion). Please reduce the length of the messages or completion.","type":"invalid_request_error","param":null,"code":"invalid_request_error"}})")
        << "invalid_request_error" << 400 << Category::ContextOverflow
        << "prompt is too long: 140000 tokens > 131072 maximum";
    QTest::newRow("dashscope range")
        << 400
        << QByteArray(
               R"({"error":{"code":"invalid_parameter_error","param":null,"message":"<400> InternalError.Algo.InvalidParameter: Range of input length should be [1, 129024]","type":"invalid_request_error"}})")
        << "invalid_request_error" << 400 << Category::ContextOverflow
        << "prompt is too long: <400> InternalError.Algo.InvalidParameter: Range of input length should be [1, 129024]";
    QTest::newRow("vllm 400")
        << 400
        << QByteArray(
               R"({"object":"error","message":"This model's maximum context length is 32768 tokens. However, you requested 40000 tokens in the messages, Please reduce the length of the messages.","type":"BadRequestError","param":null,"code":400})")
        << "invalid_request_error" << 400 << Category::ContextOverflow
        << "prompt is too long: 40000 tokens > 32768 maximum";
    QTest::newRow("413 overflow") << 413 << QByteArray(R"({"error":{"message":"Prompt is too long for this model"}})")
                                  << "invalid_request_error" << 400 << Category::ContextOverflow
                                  << "prompt is too long: Prompt is too long for this model";
    QTest::newRow("413 body") << 413 << QByteArray("Request Entity Too Large") << "request_too_large" << 413
                              << Category::InvalidRequest << "Request Entity Too Large";
    QTest::newRow("400 plain")
        << 400 << QByteArray(R"({"error":{"message":"messages[3]: unknown variant `image_url`, expected `text`"}})")
        << "invalid_request_error" << 400 << Category::InvalidRequest
        << "messages[3]: unknown variant `image_url`, expected `text`";
    QTest::newRow("422 detail") << 422 << QByteArray(R"({"detail":"Field required: messages"})")
                                << "invalid_request_error" << 422 << Category::InvalidRequest
                                << "Field required: messages";
    QTest::newRow("429 tokens per minute is not overflow")
        << 429 << QByteArray(R"({"error":{"message":"Rate limit: too many input tokens per minute"}})")
        << "rate_limit_error" << 429 << Category::RateLimit << "Rate limit: too many input tokens per minute";
    QTest::newRow("500") << 500 << QByteArray(R"({"error":{"message":"Internal server error"}})") << "api_error" << 500
                         << Category::Server << "Internal server error";
    QTest::newRow("502 html") << 502
                              << QByteArray("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 "
                                            "Bad Gateway</h1></center><hr><center>nginx</center></body></html>")
                              << "api_error" << 502 << Category::Server << "502 Bad Gateway";
    QTest::newRow("503 overloaded")
        << 503 << QByteArray(R"({"error":{"message":"The engine is currently overloaded, please try again later"}})")
        << "overloaded_error" << 503 << Category::Overloaded
        << "The engine is currently overloaded, please try again later";
    QTest::newRow("504") << 504 << QByteArray("upstream timed out") << "timeout_error" << 504 << Category::Timeout
                         << "upstream timed out";
    QTest::newRow("empty body") << 500 << QByteArray() << "api_error" << 500 << Category::Server
                                << "upstream returned HTTP 500";
    QTest::newRow("openrouter raw")
        << 400
        << QByteArray(
               R"({"error":{"message":"Provider returned error","code":400,"metadata":{"raw":"{\"error\":{\"message\":\"Invalid schema for function 'Read'\"}}","provider_name":"Fireworks"}}})")
        << "invalid_request_error" << 400 << Category::InvalidRequest
        << "Provider returned error: Invalid schema for function 'Read'";
}

void TestOpenAIErrorMapper::mapsUpstreamErrors()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, type);
    QFETCH(int, outStatus);
    QFETCH(Category, category);
    QFETCH(QString, message);
    const UpstreamErrorMapping mapped = OpenAIErrorMapper::map(status, body);
    QCOMPARE(QString::fromLatin1(mapped.error.typeName()), type);
    QCOMPARE(mapped.error.httpStatus(), outStatus);
    QCOMPARE(mapped.category, category);
    QCOMPARE(mapped.error.message(), message);
}

void TestOpenAIErrorMapper::envelopeIsAnthropicShaped()
{
    const UpstreamErrorMapping mapped = OpenAIErrorMapper::map(429, R"({"error":{"message":"slow down"}})");
    const QJsonObject envelope = QJsonDocument::fromJson(mapped.error.toJson()).object();
    QCOMPARE(envelope[QStringLiteral("type")].toString(), QStringLiteral("error"));
    QCOMPARE(envelope[QStringLiteral("error")][QStringLiteral("type")].toString(), QStringLiteral("rate_limit_error"));
    QCOMPARE(envelope[QStringLiteral("error")][QStringLiteral("message")].toString(), QStringLiteral("slow down"));
    QVERIFY(mapped.error.toSseEvent().startsWith("event: error\ndata: {"));
}

void TestOpenAIErrorMapper::streamErrorObjects_data()
{
    QTest::addColumn<QByteArray>("error");
    QTest::addColumn<QString>("type");
    QTest::newRow("openrouter 502") << QByteArray(R"({"code":502,"message":"Provider disconnected"})") << "api_error";
    QTest::newRow("no code") << QByteArray(R"({"message":"boom"})") << "api_error";
    QTest::newRow("rate limit code") << QByteArray(R"({"code":"429","message":"slow"})") << "rate_limit_error";
    QTest::newRow("context in stream") << QByteArray(R"({"message":"maximum context length is 8192 tokens"})")
                                       << "invalid_request_error";
    QTest::newRow("string") << QByteArray(R"("something failed")") << "api_error";
}

void TestOpenAIErrorMapper::streamErrorObjects()
{
    QFETCH(QByteArray, error);
    QFETCH(QString, type);
    const QJsonValue value = QJsonDocument::fromJson("[" + error + "]").array().at(0);
    QCOMPARE(QString::fromLatin1(OpenAIErrorMapper::mapStreamError(value).error.typeName()), type);
}

void TestOpenAIErrorMapper::longBodiesAreCut()
{
    const QByteArray body = QByteArray(5000, 'x');
    const QString message = OpenAIErrorMapper::map(500, body).error.message();
    QVERIFY(message.size() <= 1003);
    QVERIFY(message.endsWith(QStringLiteral("...")));
}

QTEST_GUILESS_MAIN(TestOpenAIErrorMapper)
