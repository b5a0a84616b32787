#include "RoutingTestSupport.h"

#include "routing/RequestFeatures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

namespace {

QJsonObject text(const QString &value)
{
    return QJsonObject {{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), value}};
}

QJsonObject message(const QString &role, const QJsonValue &content)
{
    return QJsonObject {{QStringLiteral("role"), role}, {QStringLiteral("content"), content}};
}

QJsonObject toolResult(const QJsonValue &content)
{
    return QJsonObject {{QStringLiteral("type"), QStringLiteral("tool_result")},
        {QStringLiteral("tool_use_id"), QStringLiteral("toolu_01")}, {QStringLiteral("content"), content},
        {QStringLiteral("cache_control"), QJsonObject {{QStringLiteral("type"), QStringLiteral("ephemeral")}}}};
}

QJsonObject base64Image(int bytes)
{
    return QJsonObject {{QStringLiteral("type"), QStringLiteral("image")},
        {QStringLiteral("source"),
            QJsonObject {{QStringLiteral("type"), QStringLiteral("base64")},
                {QStringLiteral("media_type"), QStringLiteral("image/png")},
                {QStringLiteral("data"), QString(bytes, QLatin1Char('A'))}}}};
}

const QString kReminder = QStringLiteral("<system-reminder>\nThe project's notes say to run the tests before "
                                         "committing. Limits and quotas apply.\n</system-reminder>");
const QString kPrompt = QStringLiteral("Which file defines the configuration parser?");
const QString kSession = QStringLiteral("7d1c2a9e-33b0-4c55-9a51-0f2e8c4b6d10");

// The shape of Claude Code's first request of a turn (2.1.x): a reminder and the typed prompt in one user
// message, an inline system message after it, tools, adaptive thinking, metadata.user_id as a JSON string.
QJsonObject firstRequest()
{
    QJsonArray tools;
    for (const char *name : {"Read", "Edit", "Bash"})
        tools.append(QJsonObject {{QStringLiteral("name"), QLatin1String(name)},
            {QStringLiteral("input_schema"), QJsonObject {{QStringLiteral("type"), QStringLiteral("object")}}}});
    return QJsonObject {
        {QStringLiteral("model"), QStringLiteral("claude-opus-5-5")},
        {QStringLiteral("max_tokens"), 128000},
        {QStringLiteral("tools"), tools},
        {QStringLiteral("thinking"),
            QJsonObject {{QStringLiteral("type"), QStringLiteral("adaptive")},
                {QStringLiteral("display"), QStringLiteral("omitted")}}},
        {QStringLiteral("metadata"),
            QJsonObject {{QStringLiteral("user_id"),
                QStringLiteral("{\"device_id\":\"00ff\",\"account_uuid\":\"\",\"session_id\":\"%1\"}").arg(kSession)}}},
        {QStringLiteral("messages"),
            QJsonArray {message(QStringLiteral("user"), QJsonArray {text(kReminder), text(kPrompt)}),
                message(QStringLiteral("system"), QStringLiteral("# Environment\nWorking directory: /home/dev"))}},
        {QStringLiteral("stream"), true},
    };
}

// The request after a tool call: the same conversation plus tool_use and a tool_result-only user message.
QJsonObject toolResultRequest(const QJsonArray &resultBlocks = QJsonArray {toolResult(QStringLiteral("1\tparser.cpp"))})
{
    QJsonObject body = firstRequest();
    QJsonArray messages = body.value(QStringLiteral("messages")).toArray();
    messages.append(message(QStringLiteral("assistant"),
        QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("tool_use")},
            {QStringLiteral("id"), QStringLiteral("toolu_01")}, {QStringLiteral("name"), QStringLiteral("Read")},
            {QStringLiteral("input"), QJsonObject()}}}));
    messages.append(message(QStringLiteral("user"), resultBlocks));
    body.insert(QStringLiteral("messages"), messages);
    return body;
}

QJsonObject withMessages(QJsonObject body, const QJsonArray &messages)
{
    body.insert(QStringLiteral("messages"), messages);
    return body;
}

} // namespace

class TestRequestFeatures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void claudeCodeFirstRequest();
    void claudeCodeToolResultRequest();
    void humanTurn_data();
    void humanTurn();
    void thinking_data();
    void thinking();
    void toolsAndMaxTokens();
    void images();
    void estimate();
    void sessionFromUserId_data();
    void sessionFromUserId();
    void sessionHeaderWins();
    void conversationKeyWithoutSession();
    void background();
    void stripAnnotations_data();
    void stripAnnotations();
    void routeRequest();
};

void TestRequestFeatures::claudeCodeFirstRequest()
{
    const RequestFeatures features = RequestFeatures::extract(firstRequest());
    QCOMPARE(features.model, QStringLiteral("claude-opus-5-5"));
    QVERIFY(features.hasTools);
    QVERIFY(features.hasThinking);
    QCOMPARE(features.maxTokens, 128000);
    QCOMPARE(features.sessionId, kSession); // from metadata.user_id, a JSON string
    QCOMPARE(features.conversationKey, kSession);
    QVERIFY(features.isHumanTurn); // the inline system message after the prompt is not a user message
    QCOMPARE(features.typedText, kPrompt); // the reminder is stripped
    QCOMPARE(features.typedTextMessageIndex, 0);
    QVERIFY(!features.isBackground);
    QVERIFY(!features.hasImages());
}

void TestRequestFeatures::claudeCodeToolResultRequest()
{
    const RequestFeatures features = RequestFeatures::extract(toolResultRequest());
    QVERIFY(!features.isHumanTurn);
    QCOMPARE(features.typedText, kPrompt); // still the turn's prompt, for the turn tracker
    QCOMPARE(features.typedTextMessageIndex, 0);
}

void TestRequestFeatures::humanTurn_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<bool>("isHumanTurn");
    QTest::addColumn<QString>("typedText");
    QTest::addColumn<int>("index");

    QTest::newRow("string content") << withMessages(firstRequest(), {message(QStringLiteral("user"), kPrompt)}) << true
                                    << kPrompt << 0;
    QTest::newRow("reminder after a tool result")
        << toolResultRequest({toolResult(QStringLiteral("ok")), text(kReminder)}) << false << kPrompt << 0;
    QTest::newRow("interrupted marker") << toolResultRequest(
        {toolResult(QStringLiteral("The user doesn't want to proceed.")),
            text(QStringLiteral("[Request interrupted by user for tool use]"))})
                                        << false << kPrompt << 0;
    QTest::newRow("text typed next to a tool result")
        << toolResultRequest({toolResult(QStringLiteral("ok")), text(QStringLiteral("Now rename it"))}) << true
        << "Now rename it" << 3;
    QTest::newRow("a new prompt after the agent loop") << [] {
        QJsonObject body = toolResultRequest();
        QJsonArray messages = body.value(QStringLiteral("messages")).toArray();
        messages.append(message(QStringLiteral("assistant"), QJsonArray {text(QStringLiteral("In parser.cpp."))}));
        messages.append(
            message(QStringLiteral("user"), QJsonArray {text(kReminder), text(QStringLiteral("Thanks. Add a test."))}));
        return withMessages(body, messages);
    }() << true << "Thanks. Add a test." << 5;
    QTest::newRow("only a reminder") << withMessages(firstRequest(), {message(QStringLiteral("user"), kReminder)})
                                     << false << "" << -1;
    QTest::newRow("unclosed reminder hides the rest") << withMessages(
        firstRequest(), {message(QStringLiteral("user"), QStringLiteral("<system-reminder>never closed. Do this"))})
                                                      << false << "" << -1;
    QTest::newRow("local command output") << withMessages(firstRequest(),
        {message(QStringLiteral("user"), kPrompt),
            message(QStringLiteral("user"),
                QStringLiteral("<local-command-stdout>Set model to opus</local-command-stdout>"))})
                                          << false << kPrompt << 0;
    QTest::newRow("assistant prefill last") << withMessages(firstRequest(),
        {message(QStringLiteral("user"), kPrompt), message(QStringLiteral("assistant"), QStringLiteral("{"))})
                                            << true << kPrompt << 0;
    QTest::newRow("system role only") << withMessages(firstRequest(), {message(QStringLiteral("system"), kPrompt)})
                                      << false << "" << -1;
    QTest::newRow("no messages") << withMessages(firstRequest(), {}) << false << "" << -1;
    QTest::newRow("messages not an array") << [] {
        QJsonObject body = firstRequest();
        body.insert(QStringLiteral("messages"), QStringLiteral("hello"));
        return body;
    }() << false << "" << -1;
    QTest::newRow("several typed blocks are joined") << withMessages(firstRequest(),
        {message(QStringLiteral("user"),
            QJsonArray {text(QStringLiteral("one")), text(kReminder), text(QStringLiteral(" two "))})})
                                                     << true << "one\ntwo" << 0;
}

void TestRequestFeatures::humanTurn()
{
    QFETCH(QJsonObject, body);
    QFETCH(bool, isHumanTurn);
    QFETCH(QString, typedText);
    QFETCH(int, index);
    const RequestFeatures features = RequestFeatures::extract(body);
    QCOMPARE(features.isHumanTurn, isHumanTurn);
    QCOMPARE(features.typedText, typedText);
    QCOMPARE(features.typedTextMessageIndex, index);
}

void TestRequestFeatures::thinking_data()
{
    QTest::addColumn<QJsonValue>("thinking");
    QTest::addColumn<bool>("enabled");
    QTest::newRow("adaptive") << QJsonValue(QJsonObject {{QStringLiteral("type"), QStringLiteral("adaptive")}}) << true;
    QTest::newRow("enabled") << QJsonValue(
        QJsonObject {{QStringLiteral("type"), QStringLiteral("enabled")}, {QStringLiteral("budget_tokens"), 4096}})
                             << true;
    QTest::newRow("disabled") << QJsonValue(QJsonObject {{QStringLiteral("type"), QStringLiteral("disabled")}})
                              << false;
    QTest::newRow("absent") << QJsonValue(QJsonValue::Undefined) << false;
    QTest::newRow("true") << QJsonValue(true) << false;
}

void TestRequestFeatures::thinking()
{
    QFETCH(QJsonValue, thinking);
    QFETCH(bool, enabled);
    QJsonObject body = firstRequest();
    body.remove(QStringLiteral("thinking"));
    if (!thinking.isUndefined())
        body.insert(QStringLiteral("thinking"), thinking);
    QCOMPARE(RequestFeatures::extract(body).hasThinking, enabled);
}

void TestRequestFeatures::toolsAndMaxTokens()
{
    QJsonObject body = firstRequest();
    body.insert(QStringLiteral("tools"), QJsonArray());
    body.remove(QStringLiteral("max_tokens"));
    RequestFeatures features = RequestFeatures::extract(body);
    QVERIFY(!features.hasTools);
    QCOMPARE(features.maxTokens, 0);
    body.insert(QStringLiteral("max_tokens"), -5);
    body.remove(QStringLiteral("tools"));
    features = RequestFeatures::extract(body);
    QVERIFY(!features.hasTools);
    QCOMPARE(features.maxTokens, 0);
}

void TestRequestFeatures::images()
{
    const QJsonObject urlImage {{QStringLiteral("type"), QStringLiteral("image")},
        {QStringLiteral("source"),
            QJsonObject {{QStringLiteral("type"), QStringLiteral("url")},
                {QStringLiteral("url"), QStringLiteral("https://example.com/a.png")}}}};
    const QJsonObject body = withMessages(firstRequest(),
        {message(QStringLiteral("user"), QJsonArray {base64Image(4000), text(kPrompt)}),
            message(QStringLiteral("assistant"), QJsonArray {text(QStringLiteral("Looking."))}),
            message(QStringLiteral("user"),
                QJsonArray {
                    toolResult(QJsonArray {text(QStringLiteral("screenshot:")), base64Image(1000)}), urlImage})});
    const RequestFeatures features = RequestFeatures::extract(body);
    QVERIFY(features.hasImages());
    QCOMPARE(features.imageCount, 3);
    QCOMPARE(features.imageDataBytes, 5000);
    QVERIFY(!RequestFeatures::extract(toolResultRequest()).hasImages());
    // a tool result with only text is not an image
    QVERIFY(
        !RequestFeatures::extract(toolResultRequest({toolResult(QJsonArray {text(QStringLiteral("x"))})})).hasImages());
}

void TestRequestFeatures::estimate()
{
    RequestFeatures features;
    QCOMPARE(features.estimatedInputTokens(50'000), 12'500);
    features.imageCount = 2;
    features.imageDataBytes = 2'000'000; // two large screenshots
    QCOMPARE(features.estimatedInputTokens(2'040'000), 10'000 + 2 * RequestFeatures::kTokensPerImage);
    QCOMPARE(features.estimatedInputTokens(100), 2 * RequestFeatures::kTokensPerImage); // never negative
}

void TestRequestFeatures::sessionFromUserId_data()
{
    QTest::addColumn<QString>("userId");
    QTest::addColumn<QString>("session");
    QTest::newRow("json") << QStringLiteral("{\"device_id\":\"ab\",\"session_id\":\"%1\"}").arg(kSession) << kSession;
    QTest::newRow("json with spaces") << QStringLiteral(" { \"session_id\" : \"s-1\" } ") << "s-1";
    QTest::newRow("json without session") << "{\"device_id\":\"ab\"}"
                                          << "";
    QTest::newRow("json broken") << "{\"session_id\":"
                                 << "";
    QTest::newRow("legacy, no account") << QStringLiteral("user_9f86d081884c7d65_account__session_%1").arg(kSession)
                                        << kSession;
    QTest::newRow("legacy with account")
        << QStringLiteral("user_9f86d081_account_1b2c3d4e-0000-4000-8000-000000000000_session_%1").arg(kSession)
        << kSession;
    QTest::newRow("plain user") << "user_9f86d081884c7d65"
                                << "";
    QTest::newRow("empty") << ""
                           << "";
}

void TestRequestFeatures::sessionFromUserId()
{
    QFETCH(QString, userId);
    QFETCH(QString, session);
    QCOMPARE(RequestFeatures::sessionFromUserId(userId), session);
}

void TestRequestFeatures::sessionHeaderWins()
{
    const RequestFeatures features = RequestFeatures::extract(firstRequest(), QStringLiteral(" header-session "));
    QCOMPARE(features.sessionId, QStringLiteral("header-session"));
    QCOMPARE(features.conversationKey, QStringLiteral("header-session"));
}

void TestRequestFeatures::conversationKeyWithoutSession()
{
    QJsonObject body = firstRequest();
    body.remove(QStringLiteral("metadata"));
    const RequestFeatures first = RequestFeatures::extract(body);
    QVERIFY(first.sessionId.isEmpty());
    QVERIFY(first.conversationKey.startsWith(QStringLiteral("conversation-")));
    QJsonObject laterTurn = toolResultRequest();
    laterTurn.remove(QStringLiteral("metadata"));
    QCOMPARE(RequestFeatures::extract(laterTurn).conversationKey, first.conversationKey); // same first message
    const RequestFeatures other = RequestFeatures::extract(
        withMessages(body, {message(QStringLiteral("user"), QStringLiteral("Another chat"))}));
    QVERIFY(other.conversationKey != first.conversationKey);
    QVERIFY(RequestFeatures::extract(withMessages(body, {})).conversationKey.isEmpty());
}

void TestRequestFeatures::background()
{
    // A title request: haiku, no tools, small max_tokens, a plain prompt.
    const QJsonObject title {{QStringLiteral("model"), QStringLiteral("claude-haiku-4-5-20251001")},
        {QStringLiteral("max_tokens"), 512},
        {QStringLiteral("messages"), QJsonArray {message(QStringLiteral("user"), kPrompt)}}};
    QVERIFY(RequestFeatures::extract(title).isBackground);
    QJsonObject explore = firstRequest();
    explore.insert(QStringLiteral("model"), QStringLiteral("claude-haiku-4-5-20251001"));
    QVERIFY(!RequestFeatures::extract(explore).isBackground); // a sub-agent with tools
    QVERIFY(!RequestFeatures::extract(firstRequest()).isBackground);
}

void TestRequestFeatures::stripAnnotations_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("output");
    QTest::newRow("none") << " plain "
                          << "plain";
    QTest::newRow("reminder before") << QStringLiteral("%1\nDo it").arg(kReminder) << "Do it";
    QTest::newRow("two reminders") << "<system-reminder>a</system-reminder>X<system-reminder>b</system-reminder>Y"
                                   << "XY";
    QTest::newRow("caveat") << "<local-command-caveat>Caveat: generated</local-command-caveat>Hi"
                            << "Hi";
    QTest::newRow("stderr") << "<local-command-stderr>oops</local-command-stderr>"
                            << "";
    QTest::newRow("other tags stay") << "<command-name>/review</command-name> check it"
                                     << "<command-name>/review</command-name> check it";
}

void TestRequestFeatures::stripAnnotations()
{
    QFETCH(QString, input);
    QFETCH(QString, output);
    QCOMPARE(RequestFeatures::stripClientAnnotations(input), output);
}

void TestRequestFeatures::routeRequest()
{
    QJsonObject body = firstRequest();
    body.insert(QStringLiteral("messages"),
        QJsonArray {message(QStringLiteral("user"), QJsonArray {base64Image(800), text(kPrompt)})});
    const RequestFeatures features = RequestFeatures::extract(body, QStringLiteral("s-9"));
    const RouteRequest request = features.toRouteRequest(QStringLiteral("/v1/messages"), 10'800);
    QCOMPARE(request.endpoint, QStringLiteral("/v1/messages"));
    QCOMPARE(request.model, QStringLiteral("claude-opus-5-5"));
    QVERIFY(request.hasTools);
    QVERIFY(request.hasThinking);
    QVERIFY(request.hasImages);
    QCOMPARE(request.estimatedInputTokens, 10'000 / 4 + RequestFeatures::kTokensPerImage);
    QCOMPARE(request.maxTokens, 128000);
    QCOMPARE(request.sessionId, QStringLiteral("s-9"));
    QVERIFY(request.isHumanTurn);
    QVERIFY(request.scene.isEmpty());
}

QTEST_GUILESS_MAIN(TestRequestFeatures)
#include "TestRequestFeatures.moc"
