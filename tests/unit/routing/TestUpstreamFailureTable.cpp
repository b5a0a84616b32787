#include "routing/UpstreamFailureTable.h"

#include <QtTest>

Q_DECLARE_METATYPE(FailureClass)
Q_DECLARE_METATYPE(HealthEffect)
Q_DECLARE_METATYPE(UpstreamFailure)
Q_DECLARE_METATYPE(ApiError::Type)
Q_DECLARE_METATYPE(HttpHeaderList)

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 3, 2), QTime(10, 0, 0), QTimeZone::utc());

FailureDecision http(int status, const QByteArray &body, const HttpHeaderList &headers = {}, bool outputSent = false)
{
    return UpstreamFailureTable::classify(FailedAttempt::fromHttp(QStringLiteral("dashscope"),
                                              QStringLiteral("qwen3-max"), status, headers, body, outputSent),
        kNow);
}

FailureDecision transport(UpstreamFailure failure, bool responseStarted = false, bool outputSent = false)
{
    UpstreamError error;
    error.failure = failure;
    error.message = QStringLiteral("socket says no");
    error.responseStarted = responseStarted;
    return UpstreamFailureTable::classify(
        FailedAttempt::fromTransport(QStringLiteral("dashscope"), QStringLiteral("qwen3-max"), error, outputSent),
        kNow);
}

QList<FailureClass> allClasses()
{
    QList<FailureClass> classes;
    for (int i = int(FailureClass::ConnectError); i <= int(FailureClass::Cancelled); ++i)
        classes.append(FailureClass(i));
    return classes;
}

} // namespace

class TestUpstreamFailureTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rows_data();
    void rows();
    void everyClassHasOneRowAndAnId();
    void httpStatuses_data();
    void httpStatuses();
    void transportFailures_data();
    void transportFailures();
    void malformedAnswer();
    void afterOutputNothingRetries_data();
    void afterOutputNothingRetries();
    void rateLimitRest_data();
    void rateLimitRest();
    void retryAfter_data();
    void retryAfter();
    void answerWordsNeverCount();
    void clientMessages();
};

void TestUpstreamFailureTable::rows_data()
{
    QTest::addColumn<FailureClass>("failureClass");
    QTest::addColumn<bool>("retrySame");
    QTest::addColumn<bool>("fallBack");
    QTest::addColumn<HealthEffect>("health");
    QTest::addColumn<ApiError::Type>("clientType");
    QTest::addColumn<int>("clientStatus");
    QTest::addColumn<bool>("clientShouldRetry");

    using T = ApiError::Type;
    using H = HealthEffect;
    using C = FailureClass;
    auto row = [](const char *name, C c, bool retry, bool fall, H health, T type, int status, bool shouldRetry) {
        QTest::newRow(name) << c << retry << fall << health << type << status << shouldRetry;
    };
    // Transient failures of the path: the next model, counted against the model's breaker.
    row("connect error", C::ConnectError, false, true, H::CountFailure, T::Api, 502, false);
    row("connect timeout", C::ConnectTimeout, false, true, H::CountFailure, T::Timeout, 504, false);
    row("connection lost: one retry of the same model", C::ConnectionLost, true, true, H::CountFailure, T::Api, 502,
        true);
    row("first byte timeout", C::FirstByteTimeout, false, true, H::CountFailure, T::Timeout, 504, false);
    row("idle timeout", C::IdleTimeout, false, true, H::CountFailure, T::Timeout, 504, false);
    row("total timeout", C::TotalTimeout, false, true, H::CountFailure, T::Timeout, 504, false);
    // The platform's account: the whole platform rests until a probe; the client is not told its own key is bad.
    row("bad key", C::BadKey, false, true, H::RestPlatformUntilProbe, T::Api, 502, false);
    row("no credit", C::NoCredit, false, true, H::RestPlatformUntilProbe, T::Billing, 402, false);
    row("model not found", C::ModelNotFound, false, true, H::RestModelUntilProbe, T::NotFound, 404, false);
    row("408/409", C::RetryableStatus, true, true, H::CountFailure, T::Api, 0, true);
    row("429", C::RateLimited, false, true, H::RestModel, T::RateLimit, 429, true);
    row("5xx", C::ServerError, true, true, H::CountFailure, T::Api, 0, true);
    row("529", C::Overloaded, false, true, H::CountFailure, T::Overloaded, 529, true);
    // The request's fault: no retry, health untouched.
    row("context overflow", C::ContextOverflow, false, false, H::None, T::InvalidRequest, 400, false);
    row("unsupported by this model: next model", C::UnsupportedRequest, false, true, H::None, T::InvalidRequest, 400,
        false);
    row("client error", C::ClientError, false, false, H::None, T::InvalidRequest, 0, false);
    row("malformed", C::MalformedResponse, false, true, H::CountFailure, T::Api, 502, false);
    row("cancelled", C::Cancelled, false, false, H::None, T::Api, 499, false);
}

void TestUpstreamFailureTable::rows()
{
    QFETCH(FailureClass, failureClass);
    QFETCH(bool, retrySame);
    QFETCH(bool, fallBack);
    QFETCH(HealthEffect, health);
    QFETCH(ApiError::Type, clientType);
    QFETCH(int, clientStatus);
    QFETCH(bool, clientShouldRetry);
    const UpstreamFailureTable::Row &row = UpstreamFailureTable::row(failureClass);
    QCOMPARE(row.failureClass, failureClass);
    QCOMPARE(row.retrySameModel, retrySame);
    QCOMPARE(row.fallBack, fallBack);
    QCOMPARE(row.health, health);
    QCOMPARE(row.clientType, clientType);
    QCOMPARE(row.clientStatus, clientStatus);
    QCOMPARE(row.clientShouldRetry, clientShouldRetry);
}

void TestUpstreamFailureTable::everyClassHasOneRowAndAnId()
{
    QSet<QString> ids;
    for (FailureClass failureClass : allClasses()) {
        QCOMPARE(UpstreamFailureTable::row(failureClass).failureClass, failureClass);
        const QString id = failureClassId(failureClass);
        QVERIFY(!id.isEmpty());
        ids.insert(id);
    }
    QCOMPARE(ids.size(), allClasses().size());
}

void TestUpstreamFailureTable::httpStatuses_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<FailureClass>("failureClass");
    QTest::addColumn<int>("clientStatus");
    QTest::addColumn<QByteArray>("clientType");

    using C = FailureClass;
    auto row = [](const char *name, int status, const QByteArray &body, C c, int clientStatus, const char *type) {
        QTest::newRow(name) << status << body << c << clientStatus << QByteArray(type);
    };
    row("401 anthropic", 401,
        R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}})", C::BadKey, 502,
        "api_error");
    row("401 openai", 401,
        R"({"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}})",
        C::BadKey, 502, "api_error");
    row("403 plain", 403, "Forbidden", C::BadKey, 502, "api_error");
    // no credit, each provider's own way
    row("402 deepseek", 402,
        R"({"error":{"message":"Insufficient Balance","type":"unknown_error","param":null,"code":"invalid_request_error"}})",
        C::NoCredit, 402, "billing_error");
    row("402 openrouter", 402,
        R"({"error":{"message":"Insufficient credits. Add more using https://openrouter.ai/settings/credits","code":402}})",
        C::NoCredit, 402, "billing_error");
    row("400 dashscope arrearage", 400,
        R"({"error":{"code":"Arrearage","message":"Access denied, please make sure your account is in good standing.","type":"Arrearage"}})",
        C::NoCredit, 402, "billing_error");
    row("400 dashscope 欠费", 400, R"({"code":"InvalidApiKey","message":"账户已欠费，请充值"})", C::NoCredit, 402,
        "billing_error");
    row("403 siliconflow balance", 403,
        R"({"code":30001,"message":"Sorry, your account balance is insufficient","data":null})", C::NoCredit, 402,
        "billing_error");
    row("429 openai insufficient_quota", 429,
        R"({"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","code":"insufficient_quota"}})",
        C::NoCredit, 402, "billing_error");
    row("400 anthropic credit balance", 400,
        R"({"type":"error","error":{"type":"invalid_request_error","message":"Your credit balance is too low to access the Anthropic API."}})",
        C::NoCredit, 402, "billing_error");
    // limits and quotas that are rate limits, not balance
    row("429 rate limit mentioning quota", 429,
        R"({"error":{"message":"Requests rate limit exceeded, quota per minute reached, please try again later","type":"requests","code":"Throttling.RateQuota"}})",
        C::RateLimited, 429, "rate_limit_error");
    row("404 model", 404, R"({"error":{"message":"The model `qwen3-maxx` does not exist","code":"model_not_found"}})",
        C::ModelNotFound, 404, "not_found_error");
    row("404 openrouter no tool endpoints", 404,
        R"({"error":{"message":"No endpoints found that support tool use.","code":404}})", C::UnsupportedRequest, 400,
        "invalid_request_error");
    row("408", 408, "", C::RetryableStatus, 408, "timeout_error");
    row("409", 409, "", C::RetryableStatus, 409, "invalid_request_error");
    row("500", 500, R"({"error":{"message":"Internal error"}})", C::ServerError, 500, "api_error");
    row("502 html", 502, "<html><body>Bad Gateway</body></html>", C::ServerError, 502, "api_error");
    row("503", 503, "", C::ServerError, 503, "api_error");
    row("503 overloaded body", 503, R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})",
        C::Overloaded, 529, "overloaded_error");
    row("529", 529, R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})", C::Overloaded,
        529, "overloaded_error");
    // context overflow, each provider's wording
    row("anthropic prompt too long", 400,
        R"({"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}})",
        C::ContextOverflow, 400, "invalid_request_error");
    row("openai context_length_exceeded", 400,
        R"({"error":{"message":"This model's maximum context length is 131072 tokens. However, you requested 140000 tokens.","code":"context_length_exceeded"}})",
        C::ContextOverflow, 400, "invalid_request_error");
    row("dashscope input length", 400,
        R"({"error":{"message":"<400> InternalError.Algo.InvalidParameter: Range of input length should be [1, 98304]","type":"invalid_request_error","code":"invalid_parameter_error"}})",
        C::ContextOverflow, 400, "invalid_request_error");
    row("413 context window", 413, R"({"error":{"message":"Input exceeds the context window of this model"}})",
        C::ContextOverflow, 400, "invalid_request_error");
    // other client errors
    row("400 validation", 400,
        R"({"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: Field required"}})",
        C::ClientError, 400, "invalid_request_error");
    row("413 too large", 413, R"({"error":{"message":"Request body too large"}})", C::ClientError, 413,
        "request_too_large");
    row("422", 422, R"({"detail":"bad"})", C::ClientError, 422, "invalid_request_error");
    row("400 no vision", 400, R"({"error":{"message":"This model does not support image input."}})",
        C::UnsupportedRequest, 400, "invalid_request_error");
    // not an error answer at all
    row("301", 301, "", C::MalformedResponse, 502, "api_error");
    row("200 unreadable", 200, "{", C::MalformedResponse, 502, "api_error");
}

void TestUpstreamFailureTable::httpStatuses()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(FailureClass, failureClass);
    QFETCH(int, clientStatus);
    QFETCH(QByteArray, clientType);
    const FailureDecision decision = http(status, body);
    QCOMPARE(failureClassId(decision.failureClass), failureClassId(failureClass));
    QCOMPARE(decision.clientError.httpStatus(), clientStatus);
    QCOMPARE(decision.clientError.typeName(), clientType);
    const UpstreamFailureTable::Row &row = UpstreamFailureTable::row(failureClass);
    QCOMPARE(decision.retrySameModel, row.retrySameModel);
    QCOMPARE(decision.fallBack, row.fallBack);
    QCOMPARE(decision.health, row.health);
    QCOMPARE(decision.clientShouldRetry, row.clientShouldRetry);
    QVERIFY(!decision.endStreamWithError);
    QVERIFY(!decision.clientError.message().isEmpty());
}

void TestUpstreamFailureTable::transportFailures_data()
{
    QTest::addColumn<UpstreamFailure>("failure");
    QTest::addColumn<bool>("responseStarted");
    QTest::addColumn<FailureClass>("failureClass");
    using U = UpstreamFailure;
    using C = FailureClass;
    QTest::newRow("dns") << U::HostNotFound << false << C::ConnectError;
    QTest::newRow("refused") << U::ConnectionRefused << false << C::ConnectError;
    QTest::newRow("tls") << U::TlsError << false << C::ConnectError;
    QTest::newRow("connect timeout") << U::ConnectTimeout << false << C::ConnectTimeout;
    QTest::newRow("first byte timeout") << U::FirstByteTimeout << false << C::FirstByteTimeout;
    QTest::newRow("idle timeout") << U::IdleTimeout << true << C::IdleTimeout;
    QTest::newRow("total timeout") << U::TotalTimeout << true << C::TotalTimeout;
    QTest::newRow("closed before the status line") << U::ConnectionClosed << false << C::ConnectionLost;
    QTest::newRow("closed mid-answer") << U::ConnectionClosed << true << C::ConnectionLost;
    QTest::newRow("network error before") << U::NetworkError << false << C::ConnectError;
    QTest::newRow("network error after the status line") << U::NetworkError << true << C::ConnectionLost;
    QTest::newRow("not http") << U::MalformedResponse << false << C::MalformedResponse;
    QTest::newRow("aborted") << U::Aborted << false << C::Cancelled;
}

void TestUpstreamFailureTable::transportFailures()
{
    QFETCH(UpstreamFailure, failure);
    QFETCH(bool, responseStarted);
    QFETCH(FailureClass, failureClass);
    const FailureDecision decision = transport(failure, responseStarted);
    QCOMPARE(failureClassId(decision.failureClass), failureClassId(failureClass));
    QCOMPARE(decision.detail, QStringLiteral("socket says no"));
    QVERIFY(decision.clientError.message().contains(QStringLiteral("socket says no"))
        || failureClass == FailureClass::Cancelled);
    QVERIFY(!decision.retryAfterMs);
}

void TestUpstreamFailureTable::malformedAnswer()
{
    FailedAttempt attempt
        = FailedAttempt::fromHttp(QStringLiteral("p"), QStringLiteral("m"), 200, {}, QByteArray(), false);
    attempt.malformedAnswer = true;
    attempt.transportMessage = QStringLiteral("tool arguments are not JSON");
    const FailureDecision decision = UpstreamFailureTable::classify(attempt, kNow);
    QCOMPARE(decision.failureClass, FailureClass::MalformedResponse);
    QCOMPARE(decision.clientError.message(),
        QStringLiteral("p (m) sent an answer that could not be read: tool arguments are not JSON"));
    QVERIFY(decision.fallBack);
}

void TestUpstreamFailureTable::afterOutputNothingRetries_data()
{
    QTest::addColumn<int>("status"); // 0: a transport failure (idle timeout)
    QTest::addColumn<FailureClass>("failureClass");
    QTest::newRow("idle timeout mid-stream") << 0 << FailureClass::IdleTimeout;
    QTest::newRow("overloaded error event") << 529 << FailureClass::Overloaded;
    QTest::newRow("server error") << 500 << FailureClass::ServerError;
}

void TestUpstreamFailureTable::afterOutputNothingRetries()
{
    QFETCH(int, status);
    QFETCH(FailureClass, failureClass);
    const FailureDecision decision
        = status == 0 ? transport(UpstreamFailure::IdleTimeout, true, true) : http(status, QByteArray(), {}, true);
    QCOMPARE(decision.failureClass, failureClass);
    QVERIFY(decision.endStreamWithError);
    QVERIFY(!decision.retrySameModel);
    QVERIFY(!decision.fallBack);
    QVERIFY(!decision.clientShouldRetry);
    QCOMPARE(decision.health, UpstreamFailureTable::row(failureClass).health); // the model's health still counts
}

void TestUpstreamFailureTable::rateLimitRest_data()
{
    QTest::addColumn<HttpHeaderList>("headers");
    QTest::addColumn<qint64>("restMs");
    QTest::addColumn<qint64>("retryAfterMs"); // -1: none
    QTest::newRow("seconds") << HttpHeaderList {{"retry-after", "7"}} << qint64(7'000) << qint64(7'000);
    QTest::newRow("milliseconds win") << HttpHeaderList {{"retry-after", "7"}, {"retry-after-ms", "1500"}}
                                      << qint64(1'500) << qint64(1'500);
    QTest::newRow("http date") << HttpHeaderList {{"Retry-After", "Mon, 02 Mar 2026 10:00:30 GMT"}} << qint64(30'000)
                               << qint64(30'000);
    QTest::newRow("none: default rest") << HttpHeaderList {} << UpstreamFailureTable::kDefaultRateLimitRestMs
                                        << qint64(-1);
    QTest::newRow("a day: capped") << HttpHeaderList {{"retry-after", "86400"}} << UpstreamFailureTable::kMaxRestMs
                                   << qint64(86'400'000);
}

void TestUpstreamFailureTable::rateLimitRest()
{
    QFETCH(HttpHeaderList, headers);
    QFETCH(qint64, restMs);
    QFETCH(qint64, retryAfterMs);
    const FailureDecision decision = http(429, R"({"error":{"message":"slow down"}})", headers);
    QCOMPARE(decision.failureClass, FailureClass::RateLimited);
    QCOMPARE(decision.health, HealthEffect::RestModel);
    QCOMPARE(decision.restMs, restMs);
    QCOMPARE(decision.retryAfterMs.value_or(-1), retryAfterMs);
}

void TestUpstreamFailureTable::retryAfter_data()
{
    QTest::addColumn<HttpHeaderList>("headers");
    QTest::addColumn<qint64>("expected"); // -1: none
    QTest::newRow("absent") << HttpHeaderList {{"content-type", "application/json"}} << qint64(-1);
    QTest::newRow("zero") << HttpHeaderList {{"retry-after", "0"}} << qint64(0);
    QTest::newRow("decimal seconds") << HttpHeaderList {{"retry-after", "1.5"}} << qint64(1'500);
    QTest::newRow("spaces") << HttpHeaderList {{"retry-after", " 12 "}} << qint64(12'000);
    QTest::newRow("upper-case name") << HttpHeaderList {{"RETRY-AFTER-MS", "250"}} << qint64(250);
    QTest::newRow("negative") << HttpHeaderList {{"retry-after", "-3"}} << qint64(-1);
    QTest::newRow("garbage") << HttpHeaderList {{"retry-after", "soon"}} << qint64(-1);
    QTest::newRow("bad ms falls back to seconds")
        << HttpHeaderList {{"retry-after-ms", "x"}, {"retry-after", "2"}} << qint64(2'000);
    QTest::newRow("date in the past") << HttpHeaderList {{"retry-after", "Mon, 02 Mar 2026 09:59:00 GMT"}} << qint64(0);
    QTest::newRow("rfc 2822 with offset")
        << HttpHeaderList {{"retry-after", "Mon, 02 Mar 2026 11:00:10 +0100"}} << qint64(10'000);
}

void TestUpstreamFailureTable::retryAfter()
{
    QFETCH(HttpHeaderList, headers);
    QFETCH(qint64, expected);
    QCOMPARE(UpstreamFailureTable::retryAfterMs(headers, kNow).value_or(-1), expected);
}

void TestUpstreamFailureTable::answerWordsNeverCount()
{
    // A normal answer that talks about limits, quotas and balances is not a failure of any kind it names.
    const QByteArray answer
        = R"({"id":"msg_1","type":"message","content":[{"type":"text","text":"Your quota limit: insufficient balance, 欠费, Arrearage"}]})";
    QVERIFY(http(200, answer).failureClass != FailureClass::NoCredit);
    QVERIFY(http(200, answer).failureClass != FailureClass::RateLimited);
    // ... nor is an error whose envelope does not say so
    const QByteArray openAIAnswer = R"({"choices":[{"message":{"content":"insufficient balance"}}]})";
    QCOMPARE(http(500, openAIAnswer).failureClass, FailureClass::ServerError);
    const UpstreamFailureTable::ErrorBody error = UpstreamFailureTable::readErrorBody(openAIAnswer);
    QVERIFY(error.message.isEmpty());
    QVERIFY(!UpstreamFailureTable::isNoCredit(500, error));
}

void TestUpstreamFailureTable::clientMessages()
{
    // (bodies outside the test macros: moc's preprocessor misreads apostrophes in raw strings inside them)
    const QByteArray badKey = R"({"error":{"message":"Invalid API-key provided."}})";
    const QByteArray contextWords = R"({"error":{"message":"This model's maximum context length is 32768 tokens"}})";
    const QByteArray anthropicTooLong
        = R"({"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 9 tokens > 8 maximum"}})";
    const QByteArray validation = R"({"error":{"message":"messages: at least one message is required"}})";

    QCOMPARE(http(401, badKey).clientError.message(),
        QStringLiteral("dashscope (qwen3-max) rejected the API key Switchyard has for it (HTTP 401): Invalid API-key "
                       "provided.. Check the platform's api_key."));
    QCOMPARE(http(400, contextWords).clientError.message(),
        QStringLiteral("prompt is too long: This model's maximum context length is 32768 tokens"));
    QCOMPARE(
        http(400, anthropicTooLong).clientError.message(), QStringLiteral("prompt is too long: 9 tokens > 8 maximum"));
    QCOMPARE(http(400, validation).clientError.message(),
        QStringLiteral("messages: at least one message is required")); // the platform's own words
    QCOMPARE(http(400, QByteArray()).clientError.message(),
        QStringLiteral("dashscope (qwen3-max) refused the request (HTTP 400)"));
    QCOMPARE(transport(UpstreamFailure::Aborted).clientError.message(), QStringLiteral("The request was cancelled."));
}

QTEST_GUILESS_MAIN(TestUpstreamFailureTable)
#include "TestUpstreamFailureTable.moc"
