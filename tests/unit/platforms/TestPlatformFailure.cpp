#include "platforms/PlatformFailure.h"

#include <QtTest>

class TestPlatformFailure : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classification_data();
    void classification();
    void providerMessage_data();
    void providerMessage();
    void httpMessages_data();
    void httpMessages();
    void missingKeyIsNotAWrongKey();
    void transport_data();
    void transport();
    void redaction_data();
    void redaction();
    void categoryIdsAreDistinct();
    void durations_data();
    void durations();
};

namespace {

PlatformFailure::Context context(const QString &model = {})
{
    PlatformFailure::Context c;
    c.platformName = QStringLiteral("DashScope (Qwen)");
    c.url = QUrl(QStringLiteral("https://dashscope.aliyuncs.com/compatible-mode/v1/models?x=1"));
    c.model = model;
    return c;
}

} // namespace

void TestPlatformFailure::classification_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("category");

    // keys
    QTest::newRow("401 openai") << 401
                                << QByteArray(R"({"error":{"message":"Incorrect API key provided: sk-abc***xyz.",)"
                                              R"("type":"invalid_request_error","code":"invalid_api_key"}})")
                                << QStringLiteral("bad_api_key");
    QTest::newRow("401 anthropic") << 401
                                   << QByteArray(R"({"type":"error","error":{"type":"authentication_error",)"
                                                 R"("message":"invalid x-api-key"}})")
                                   << QStringLiteral("bad_api_key");
    QTest::newRow("403 anthropic permission")
        << 403 << QByteArray(R"({"type":"error","error":{"type":"permission_error","message":"no access"}})")
        << QStringLiteral("bad_api_key");
    QTest::newRow("403 empty") << 403 << QByteArray() << QStringLiteral("bad_api_key");
    QTest::newRow("400 invalid key")
        << 400 << QByteArray(R"({"error":{"message":"API key not valid. Please pass a valid API key."}})")
        << QStringLiteral("bad_api_key");
    // balance
    QTest::newRow("402 openrouter")
        << 402
        << QByteArray(
               R"({"error":{"message":"Insufficient credits. Add more using https://openrouter.ai/credits","code":402}})")
        << QStringLiteral("insufficient_balance");
    QTest::newRow("402 deepseek")
        << 402
        << QByteArray(
               R"({"error":{"message":"Insufficient Balance","type":"unknown_error","param":null,"code":"invalid_request_error"}})")
        << QStringLiteral("insufficient_balance");
    QTest::newRow("400 dashscope arrearage")
        << 400
        << QByteArray(R"({"error":{"message":"Access denied, please make sure your account is in good standing.",)"
                      R"("type":"Arrearage","param":null,"code":"Arrearage"},"request_id":"abc"})")
        << QStringLiteral("insufficient_balance");
    QTest::newRow("403 siliconflow balance")
        << 403 << QByteArray(R"({"code":30001,"message":"Sorry, your account balance is insufficient","data":null})")
        << QStringLiteral("insufficient_balance");
    QTest::newRow("400 anthropic credit")
        << 400
        << QByteArray(
               R"({"type":"error","error":{"type":"invalid_request_error","message":"Your credit balance is too low to access the Anthropic API."}})")
        << QStringLiteral("insufficient_balance");
    QTest::newRow("429 openai quota")
        << 429
        << QByteArray(
               R"({"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","code":"insufficient_quota"}})")
        << QStringLiteral("insufficient_balance");
    QTest::newRow("chinese balance") << 400 << QByteArray(R"({"message":"账户余额不足"})")
                                     << QStringLiteral("insufficient_balance");
    // models
    QTest::newRow("404 openai model")
        << 404
        << QByteArray(R"({"error":{"message":"The model `qwen-foo` does not exist or you do not have access to it.",)"
                      R"("type":"invalid_request_error","param":null,"code":"model_not_found"}})")
        << QStringLiteral("model_not_found");
    QTest::newRow("404 anthropic model")
        << 404 << QByteArray(R"({"type":"error","error":{"type":"not_found_error","message":"model: claude-foo"}})")
        << QStringLiteral("model_not_found");
    QTest::newRow("400 openrouter model")
        << 400 << QByteArray(R"({"error":{"message":"foo/bar is not a valid model ID","code":400}})")
        << QStringLiteral("model_not_found");
    QTest::newRow("400 siliconflow model")
        << 400
        << QByteArray(R"({"code":20012,"message":"Model does not exist. Please check it carefully.","data":null})")
        << QStringLiteral("model_not_found");
    QTest::newRow("404 ollama model")
        << 404
        << QByteArray(R"({"error":{"message":"model \"llama9\" not found, try pulling it first",)"
                      R"("type":"api_error","param":null,"code":null}})")
        << QStringLiteral("model_not_found");
    QTest::newRow("503 relay model")
        << 503 << QByteArray(R"({"error":{"message":"No available channel for model x","code":"model_not_found"}})")
        << QStringLiteral("model_not_found");
    // endpoints and the rest
    QTest::newRow("404 html") << 404 << QByteArray("<html><title>404 Not Found</title></html>")
                              << QStringLiteral("endpoint_not_found");
    QTest::newRow("404 anthropic route")
        << 404 << QByteArray(R"({"type":"error","error":{"type":"not_found_error","message":"Not Found"}})")
        << QStringLiteral("endpoint_not_found");
    QTest::newRow("405") << 405 << QByteArray() << QStringLiteral("endpoint_not_found");
    QTest::newRow("301") << 301 << QByteArray() << QStringLiteral("endpoint_not_found");
    QTest::newRow("429") << 429 << QByteArray(R"({"error":{"message":"Rate limit reached"}})")
                         << QStringLiteral("rate_limited");
    QTest::newRow("408") << 408 << QByteArray() << QStringLiteral("timeout");
    QTest::newRow("500") << 500 << QByteArray("oops") << QStringLiteral("server_error");
    QTest::newRow("529") << 529
                         << QByteArray(R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})")
                         << QStringLiteral("server_error");
    QTest::newRow("400 other") << 400 << QByteArray(R"({"error":{"message":"max_tokens must be at least 16"}})")
                               << QStringLiteral("request_rejected");
    QTest::newRow("422") << 422 << QByteArray() << QStringLiteral("request_rejected");
    QTest::newRow("200") << 200 << QByteArray() << QStringLiteral("ok");
}

void TestPlatformFailure::classification()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, category);
    QCOMPARE(connectionCategoryId(PlatformFailure::categoryForHttp(status, body)), category);
    if (status >= 300) {
        const PlatformFailure failure = PlatformFailure::fromHttp(status, body, context(QStringLiteral("qwen-foo")));
        QCOMPARE(connectionCategoryId(failure.category), category);
        QCOMPARE(failure.httpStatus, status);
        QVERIFY(!failure.message.isEmpty());
        QVERIFY(!failure.message.contains(QLatin1Char('\n'))); // one line
        QVERIFY2(failure.details.contains(QStringLiteral("HTTP %1").arg(status)), qPrintable(failure.details));
        QVERIFY(!failure.details.contains(QStringLiteral("x=1"))); // the URL without its query
    }
}

void TestPlatformFailure::providerMessage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QTest::newRow("openai") << QByteArray(R"({"error":{"message":"Bad thing","type":"x"}})")
                            << QStringLiteral("Bad thing");
    QTest::newRow("error string") << QByteArray(R"({"error":"model \"x\" not found"})")
                                  << QStringLiteral("model \"x\" not found");
    QTest::newRow("top message") << QByteArray(R"({"code":30001,"message":"Sorry"})") << QStringLiteral("Sorry");
    QTest::newRow("detail") << QByteArray(R"({"detail":"Not authenticated"})") << QStringLiteral("Not authenticated");
    QTest::newRow("html title") << QByteArray("<html><head><title>502 Bad Gateway</title></head></html>")
                                << QStringLiteral("(an HTML page: 502 Bad Gateway)");
    QTest::newRow("html") << QByteArray("<!DOCTYPE html><p>hi</p>") << QStringLiteral("(an HTML page)");
    QTest::newRow("text") << QByteArray("  upstream\n  connect error  ") << QStringLiteral("upstream connect error");
    QTest::newRow("json without message") << QByteArray(R"({"ok":false})") << QString();
    QTest::newRow("empty") << QByteArray() << QString();
}

void TestPlatformFailure::providerMessage()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    QCOMPARE(PlatformFailure::providerMessage(body), message);
    // long texts are cut to one short line
    const QString cut = PlatformFailure::providerMessage(QByteArray(5000, 'a'));
    QVERIFY(cut.size() <= 300);
}

void TestPlatformFailure::httpMessages_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("message");

    QTest::newRow("401") << 401 << QByteArray() << QString()
                         << QStringLiteral("The API key was rejected by DashScope (Qwen).");
    QTest::newRow("402") << 402 << QByteArray() << QString()
                         << QStringLiteral(
                                "DashScope (Qwen) refused the request: the account's balance is insufficient.");
    QTest::newRow("model") << 404 << QByteArray(R"({"error":{"code":"model_not_found","message":"nope"}})")
                           << QStringLiteral("qwen-foo")
                           << QStringLiteral("DashScope (Qwen) does not offer the model \"qwen-foo\".");
    QTest::newRow("endpoint") << 404 << QByteArray("Not Found") << QString()
                              << QStringLiteral("DashScope (Qwen) has no API at /compatible-mode/v1/models (HTTP 404); "
                                                "check the base URL.");
    QTest::newRow("server") << 503 << QByteArray() << QString()
                            << QStringLiteral("DashScope (Qwen) reported a server error (HTTP 503).");
    QTest::newRow("rejected") << 400 << QByteArray(R"({"error":{"message":"bad field"}})") << QString()
                              << QStringLiteral("DashScope (Qwen) rejected the request (HTTP 400): bad field");
}

void TestPlatformFailure::httpMessages()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, model);
    QFETCH(QString, message);
    QCOMPARE(PlatformFailure::fromHttp(status, body, context(model)).message, message);
}

void TestPlatformFailure::missingKeyIsNotAWrongKey()
{
    PlatformFailure::Context c = context();
    c.apiKeySet = false;
    c.platformName = QStringLiteral("LM Studio");
    const PlatformFailure failure = PlatformFailure::fromHttp(401, QByteArray(), c);
    QCOMPARE(failure.category, ConnectionCategory::BadApiKey);
    QCOMPARE(failure.message, QStringLiteral("LM Studio requires an API key, and none is set."));
}

void TestPlatformFailure::transport_data()
{
    QTest::addColumn<int>("failure");
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("local");
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<QString>("category");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("detailPart");

    QTest::newRow("dns") << int(UpstreamFailure::HostNotFound) << QStringLiteral("https://api.example.invalid/v1")
                         << false << 0 << QStringLiteral("host_not_found")
                         << QStringLiteral("Cannot reach P: the host api.example.invalid was not found (DNS).")
                         << QStringLiteral("DNS settings");
    QTest::newRow("refused local") << int(UpstreamFailure::ConnectionRefused)
                                   << QStringLiteral("http://localhost:11434/api/tags") << true << 0
                                   << QStringLiteral("connection_refused")
                                   << QStringLiteral("Cannot reach P: localhost:11434 refused the connection.")
                                   << QStringLiteral("Is Ollama running and serving on port 11434?");
    QTest::newRow("tls") << int(UpstreamFailure::TlsError) << QStringLiteral("https://api.example.com/v1") << false << 0
                         << QStringLiteral("tls_error")
                         << QStringLiteral("Cannot reach P: the secure connection (TLS) to api.example.com failed.")
                         << QStringLiteral("tls_error");
    QTest::newRow("connect timeout") << int(UpstreamFailure::ConnectTimeout) << QStringLiteral("https://h.example/v1")
                                     << false << 10000 << QStringLiteral("timeout")
                                     << QStringLiteral("Cannot reach P: no connection to h.example within 10 s.")
                                     << QStringLiteral("URL: https://h.example/v1");
    QTest::newRow("first byte timeout") << int(UpstreamFailure::FirstByteTimeout)
                                        << QStringLiteral("http://127.0.0.1:9/v1/models") << false << 250
                                        << QStringLiteral("timeout")
                                        << QStringLiteral("P (127.0.0.1:9) did not answer within 250 ms.")
                                        << QStringLiteral("first_byte_timeout");
    QTest::newRow("closed") << int(UpstreamFailure::ConnectionClosed) << QStringLiteral("http://127.0.0.1:9/v1/models")
                            << false << 0 << QStringLiteral("connection_lost")
                            << QStringLiteral(
                                   "The connection to P (127.0.0.1:9) failed before the answer was complete.")
                            << QStringLiteral("connection_closed");
    QTest::newRow("not http") << int(UpstreamFailure::MalformedResponse) << QStringLiteral("http://127.0.0.1:9/v1")
                              << false << 0 << QStringLiteral("malformed_response")
                              << QStringLiteral("P (127.0.0.1:9) did not answer with valid HTTP.")
                              << QStringLiteral("http or https");
    QTest::newRow("aborted") << int(UpstreamFailure::Aborted) << QStringLiteral("http://127.0.0.1:9/v1") << false << 0
                             << QStringLiteral("cancelled") << QStringLiteral("The check of P was cancelled.")
                             << QStringLiteral("aborted");
}

void TestPlatformFailure::transport()
{
    QFETCH(int, failure);
    QFETCH(QString, url);
    QFETCH(bool, local);
    QFETCH(int, timeoutMs);
    QFETCH(QString, category);
    QFETCH(QString, message);
    QFETCH(QString, detailPart);
    UpstreamError error;
    error.failure = UpstreamFailure(failure);
    error.message = QStringLiteral("socket says something");
    PlatformFailure::Context c;
    c.platformName = QStringLiteral("P");
    c.url = QUrl(url);
    c.isLocal = local;
    c.localAppName = QStringLiteral("Ollama");
    c.timeoutMs = timeoutMs;
    const PlatformFailure result = PlatformFailure::fromTransport(error, c);
    QCOMPARE(connectionCategoryId(result.category), category);
    QCOMPARE(result.message, message);
    QVERIFY2(result.details.contains(detailPart), qPrintable(result.details));
    QVERIFY(result.details.contains(QStringLiteral("socket says something")));
    QCOMPARE(result.httpStatus, 0);
}

void TestPlatformFailure::redaction_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("expected");
    QTest::newRow("the key itself") << QStringLiteral("key my-secret-key-123 rejected")
                                    << QStringLiteral("my-secret-key-123") << QStringLiteral("key ******** rejected");
    QTest::newRow("sk shaped") << QStringLiteral("Incorrect API key provided: sk-abcdef1234567890") << QString()
                               << QStringLiteral("Incorrect API key provided: ********");
    QTest::newRow("bearer") << QStringLiteral("sent Bearer abcdefghijklmnopqrstuv") << QString()
                            << QStringLiteral("sent Bearer ********");
    QTest::newRow("short secret kept") << QStringLiteral("abc model") << QStringLiteral("abc")
                                       << QStringLiteral("abc model");
    QTest::newRow("masked key stays") << QStringLiteral("Incorrect API key provided: sk-abc***xyz") << QString()
                                      << QStringLiteral("Incorrect API key provided: sk-abc***xyz");
}

void TestPlatformFailure::redaction()
{
    QFETCH(QString, text);
    QFETCH(QString, secret);
    QFETCH(QString, expected);
    QCOMPARE(PlatformFailure::redactSecrets(text, secret), expected);

    PlatformFailure failure;
    failure.category = ConnectionCategory::BadApiKey;
    failure.message = text;
    failure.details = text;
    const PlatformFailure clean = failure.redacted(secret);
    QCOMPARE(clean.message, expected);
    QCOMPARE(clean.details, expected);
}

void TestPlatformFailure::categoryIdsAreDistinct()
{
    QSet<QString> ids;
    for (int i = int(ConnectionCategory::Ok); i <= int(ConnectionCategory::Cancelled); ++i) {
        const QString id = connectionCategoryId(ConnectionCategory(i));
        QVERIFY(!id.isEmpty());
        ids.insert(id);
    }
    QCOMPARE(ids.size(), int(ConnectionCategory::Cancelled) + 1);
}

void TestPlatformFailure::durations_data()
{
    QTest::addColumn<int>("ms");
    QTest::addColumn<QString>("text");
    QTest::newRow("ms") << 250 << QStringLiteral("250 ms");
    QTest::newRow("s") << 30000 << QStringLiteral("30 s");
    QTest::newRow("fraction") << 1500 << QStringLiteral("1.5 s");
}

void TestPlatformFailure::durations()
{
    QFETCH(int, ms);
    QFETCH(QString, text);
    QCOMPARE(PlatformFailure::formatDuration(ms), text);
}

QTEST_GUILESS_MAIN(TestPlatformFailure)
#include "TestPlatformFailure.moc"
