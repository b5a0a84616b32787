#include "RoutingTestSupport.h"

#include "routing/ClassifierProtocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace RoutingTestSupport;

namespace {

RoutingConfig routing()
{
    RoutingConfig routing;
    routing.scenes = {scene(QStringLiteral("chat"), {QStringLiteral("p:a")}),
        scene(QStringLiteral("code"), {QStringLiteral("p:b")}, true),
        scene(QStringLiteral("code-review"), {QStringLiteral("p:c")}),
        scene(QStringLiteral("规划"), {QStringLiteral("p:d")})};
    return routing;
}

} // namespace

class TestClassifierProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void promptNamesEveryScene();
    void longTextIsTruncated();
    void anthropicBody();
    void openAIBody();
    void answerText();
    void parseAnswer_data();
    void parseAnswer();
    void parseWithoutScenes();
};

void TestClassifierProtocol::promptNamesEveryScene()
{
    QList<Scene> scenes = routing().scenes;
    scenes[0].description = QString(2'000, QLatin1Char('d'));
    const QString system = ClassifierProtocol::systemPrompt(scenes);
    for (const Scene &s : std::as_const(scenes))
        QVERIFY2(system.contains(QStringLiteral("- ") + s.name), qPrintable(s.name));
    QVERIFY(system.contains(QStringLiteral("- code: requests about code\n")));
    QVERIFY(system.contains(QStringLiteral("scene's name only")));
    QVERIFY(!system.contains(QString(ClassifierProtocol::kMaxDescriptionChars + 1, QLatin1Char('d'))));
    QVERIFY(system.contains(QString(ClassifierProtocol::kMaxDescriptionChars, QLatin1Char('d'))));
    const QString user = ClassifierProtocol::userPrompt(QStringLiteral("Add a unit test"));
    QCOMPARE(user, QStringLiteral("<message>\nAdd a unit test\n</message>"));
}

void TestClassifierProtocol::longTextIsTruncated()
{
    const QString exact(ClassifierProtocol::kMaxTypedTextChars, QLatin1Char('x'));
    QCOMPARE(ClassifierProtocol::truncatedText(exact), exact);
    const QString longText
        = QString(3'500, QLatin1Char('h')) + QString(2'000, QLatin1Char('m')) + QString(1'000, QLatin1Char('t'));
    const QString truncated = ClassifierProtocol::truncatedText(longText);
    QVERIFY(truncated.size() <= ClassifierProtocol::kMaxTypedTextChars + 10);
    QVERIFY(truncated.startsWith(QString(3'000, QLatin1Char('h')) + QStringLiteral(" […] ")));
    QVERIFY(truncated.endsWith(QString(1'000, QLatin1Char('t'))));
    QVERIFY(!truncated.contains(QLatin1Char('m')));
}

void TestClassifierProtocol::anthropicBody()
{
    const QJsonObject body = ClassifierProtocol::anthropicBody(
        QStringLiteral("claude-haiku-4-5"), routing().scenes, QStringLiteral("Why is the sky blue?"));
    QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("claude-haiku-4-5"));
    QCOMPARE(body.value(QStringLiteral("max_tokens")).toInt(), ClassifierProtocol::kMaxAnswerTokens);
    QCOMPARE(body.value(QStringLiteral("temperature")).toInt(-1), 0);
    QCOMPARE(body.value(QStringLiteral("stream")).toBool(true), false);
    QCOMPARE(body.value(QStringLiteral("system")).toString(), ClassifierProtocol::systemPrompt(routing().scenes));
    const QJsonArray messages = body.value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.at(0).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("user"));
    QCOMPARE(messages.at(0).toObject().value(QStringLiteral("content")).toString(),
        ClassifierProtocol::userPrompt(QStringLiteral("Why is the sky blue?")));
    QVERIFY(!body.contains(QStringLiteral("tools")));
}

void TestClassifierProtocol::openAIBody()
{
    const QJsonObject body = ClassifierProtocol::openAIBody(
        QStringLiteral("qwen-turbo"), PlatformType::DashScope, routing().scenes, QStringLiteral("hi"));
    const QJsonArray messages = body.value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(0).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("system"));
    QCOMPARE(messages.at(1).toObject().value(QStringLiteral("content")).toString(),
        ClassifierProtocol::userPrompt(QStringLiteral("hi")));
    QCOMPARE(body.value(QStringLiteral("max_tokens")).toInt(), ClassifierProtocol::kMaxAnswerTokens);
    QCOMPARE(body.value(QStringLiteral("temperature")).toInt(-1), 0);
    QCOMPARE(body.value(QStringLiteral("stream")).toBool(true), false);
    QCOMPARE(body.value(QStringLiteral("enable_thinking")), QJsonValue(false));
    const QJsonObject openRouter = ClassifierProtocol::openAIBody(
        QStringLiteral("m"), PlatformType::OpenRouter, routing().scenes, QStringLiteral("hi"));
    QVERIFY(!openRouter.contains(QStringLiteral("enable_thinking")));
}

void TestClassifierProtocol::answerText()
{
    const QJsonObject anthropic = QJsonDocument::fromJson(
        R"({"content":[{"type":"thinking","thinking":"hmm"},{"type":"text","text":"co"},{"type":"text","text":"de"}]})")
                                      .object();
    QCOMPARE(ClassifierProtocol::answerFromAnthropic(anthropic), QStringLiteral("code"));
    const QJsonObject openai
        = QJsonDocument::fromJson(R"({"choices":[{"message":{"role":"assistant","content":"chat"}}]})").object();
    QCOMPARE(ClassifierProtocol::answerFromOpenAI(openai), QStringLiteral("chat"));
    QCOMPARE(ClassifierProtocol::answerFromOpenAI(QJsonObject()), QString());
    QCOMPARE(ClassifierProtocol::answerFromAnthropic(QJsonObject()), QString());
}

void TestClassifierProtocol::parseAnswer_data()
{
    QTest::addColumn<QString>("answer");
    QTest::addColumn<QString>("scene");
    QTest::addColumn<bool>("recognized");

    QTest::newRow("exact") << "chat"
                           << "chat" << true;
    QTest::newRow("case") << "CHAT"
                          << "chat" << true;
    QTest::newRow("whitespace and newline") << "  chat\n"
                                            << "chat" << true;
    QTest::newRow("quotes") << "\"chat\""
                            << "chat" << true;
    QTest::newRow("single quotes and period") << "'chat'."
                                              << "chat" << true;
    QTest::newRow("backticks") << "`code-review`"
                               << "code-review" << true;
    QTest::newRow("bold markdown") << "**chat**"
                                   << "chat" << true;
    QTest::newRow("code fence") << "```\ncode\n```"
                                << "code" << true;
    QTest::newRow("json") << R"({"scene": "chat"})"
                          << "chat" << true;
    QTest::newRow("json in a fence") << "```json\n{\"scene\": \"Code-Review\"}\n```"
                                     << "code-review" << true;
    QTest::newRow("json name key") << R"({"name":"chat","confidence":0.9})"
                                   << "chat" << true;
    QTest::newRow("extra words") << "The scene is: chat."
                                 << "chat" << true;
    QTest::newRow("longer name not read as shorter") << "This is a code-review request"
                                                     << "code-review" << true;
    QTest::newRow("think block first") << "<think>maybe chat, maybe code</think>\ncode"
                                       << "code" << true;
    QTest::newRow("cjk name") << "场景：规划。"
                              << "规划" << true;
    QTest::newRow("cjk exact") << "规划"
                               << "规划" << true;
    QTest::newRow("two scenes named: default") << "either chat or code"
                                               << "code" << false;
    QTest::newRow("name inside a word does not count") << "chatter"
                                                       << "code" << false;
    QTest::newRow("nonsense: default") << "I cannot help with that"
                                       << "code" << false;
    QTest::newRow("empty: default") << ""
                                    << "code" << false;
    QTest::newRow("json with unknown scene: default") << R"({"scene": "poetry"})"
                                                      << "code" << false;
    QTest::newRow("unclosed think: default") << "<think>chat"
                                             << "code" << false;
}

void TestClassifierProtocol::parseAnswer()
{
    QFETCH(QString, answer);
    QFETCH(QString, scene);
    QFETCH(bool, recognized);
    const ClassifierProtocol::Answer result = ClassifierProtocol::parseAnswer(answer, routing());
    QCOMPARE(result.scene, scene);
    QCOMPARE(result.recognized, recognized);
}

void TestClassifierProtocol::parseWithoutScenes()
{
    const ClassifierProtocol::Answer result = ClassifierProtocol::parseAnswer(QStringLiteral("chat"), RoutingConfig());
    QVERIFY(result.scene.isEmpty());
    QVERIFY(!result.recognized);
}

QTEST_GUILESS_MAIN(TestClassifierProtocol)
#include "TestClassifierProtocol.moc"
