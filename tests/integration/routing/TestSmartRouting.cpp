// Smart routing through real HTTP: a classifier model (a fake speaking the Anthropic or the OpenAI format)
// sorts each human turn into a scene whose models answer; nonsense, lateness and failure fall back to the
// default scene; the agent loop's follow-ups reuse the turn's scene; background requests and count_tokens are
// never classified; the classification is recorded; concurrent sessions keep their own scenes.
#include "RoutingRig.h"

#include <QRegularExpression>
#include <QTest>

#include <atomic>
#include <vector>

using namespace RoutingRig;

namespace {

const QStringList kScenes = {QStringLiteral("chat"), QStringLiteral("code"), QStringLiteral("reasoning")};

// The platform answering each scene: chat (OpenAI format), code (the default scene), deep (reasoning).
QString platformOfScene(const QString &scene)
{
    if (scene == QLatin1String("chat"))
        return QStringLiteral("chat");
    if (scene == QLatin1String("reasoning"))
        return QStringLiteral("deep");
    return QStringLiteral("code");
}

QString modelOfScene(const QString &scene)
{
    return platformOfScene(scene) + QStringLiteral("-model");
}

QString answerOfScene(const QString &scene)
{
    return signature(platformOfScene(scene), modelOfScene(scene));
}

// The classifier's answer: the scene named by "SCENE=<name>" in the person's text ("nonsense": not a scene).
FakeResponse classify(const ReceivedRequest &request)
{
    const QRegularExpressionMatch match
        = QRegularExpression(QStringLiteral("SCENE=(\\w+)")).match(QString::fromUtf8(request.body));
    QString text = match.hasMatch() ? match.captured(1) : QStringLiteral("chat");
    if (text == QLatin1String("nonsense"))
        text = QStringLiteral("I like turtles, and soup.");
    if (isOpenAIRequest(request)) {
        return FakeResponse::openAIChat(text,
            QJsonObject {{QStringLiteral("prompt_tokens"), 321}, {QStringLiteral("completion_tokens"), 2},
                {QStringLiteral("total_tokens"), 323}});
    }
    return FakeResponse::anthropicMessage(
        text, QJsonObject {{QStringLiteral("input_tokens"), 321}, {QStringLiteral("output_tokens"), 2}});
}

// smart_routing with a classifier platform "router" of `routerType` (its model "classifier-model").
void buildScenes(Rig &rig, const QString &routerType = QStringLiteral("anthropic"), int deadlineMs = 3000)
{
    rig.addFake(QStringLiteral("router"), routerType).setHandler(&classify);
    rig.addFake(QStringLiteral("chat"), QStringLiteral("openai"));
    rig.addFake(QStringLiteral("code"), QStringLiteral("anthropic"));
    rig.addFake(QStringLiteral("deep"), QStringLiteral("anthropic"));
    QJsonObject &config = rig.config();
    config.insert(QStringLiteral("config_type"), QStringLiteral("smart_routing"));
    config.insert(QStringLiteral("routing_models"), QJsonArray {QStringLiteral("router:classifier-model")});
    QJsonArray scenes;
    for (const QString &scene : kScenes) {
        QJsonObject object {{QStringLiteral("name"), scene},
            {QStringLiteral("description"), QStringLiteral("Requests of the %1 kind").arg(scene)},
            {QStringLiteral("models"),
                QJsonArray {QString(platformOfScene(scene) + QLatin1Char(':') + modelOfScene(scene))}}};
        if (scene == QLatin1String("code"))
            object.insert(QStringLiteral("default"), true);
        scenes.append(object);
    }
    config.insert(QStringLiteral("scenes"), scenes);
    config.insert(QStringLiteral("classifier"),
        QJsonObject {{QStringLiteral("enabled"), true}, {QStringLiteral("deadline_ms"), deadlineMs}});
}

ClaudeCodeRequests::Options session(const QString &sessionId, const QString &text)
{
    ClaudeCodeRequests::Options options;
    options.sessionId = sessionId;
    options.userText = text;
    options.targetBytes = 8'000;
    return options;
}

HttpHeaderList sessionHeaders(const QString &sessionId)
{
    return {{"x-claude-code-session-id", sessionId.toLatin1()}, {"anthropic-version", "2023-06-01"}};
}

QByteArray humanTurn(const QString &sessionId, const QString &text)
{
    return ClaudeCodeRequests::toBytes(ClaudeCodeRequests::mainLoop(session(sessionId, text)));
}

QByteArray followUp(const QString &sessionId, const QString &text, int n = 0)
{
    return ClaudeCodeRequests::toBytes(
        ClaudeCodeRequests::toolResultFollowUp(QStringLiteral("line %1 of the file").arg(n), session(sessionId, text)));
}

} // namespace

class TestSmartRouting : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void classifiedSceneAnswers_data();
    void classifiedSceneAnswers();
    void slowClassifierGivesTheDefaultScene();
    void failingClassifierGivesWayToTheNextOrTheDefault();
    void classifiesOncePerHumanTurn();
    void changedScenesAreClassifiedAgain();
    void subAgentsDoNotReclassifyTheirSessionsTurns();
    void backgroundAndCountTokensAreNeverClassified();
    void disabledClassifierUsesTheDefaultScene();
    void concurrentSessionsKeepTheirScenes();
    void clientLeavingDuringClassificationCancelsIt();
};

void TestSmartRouting::classifiedSceneAnswers_data()
{
    QTest::addColumn<QString>("routerType");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("scene");
    QTest::addColumn<bool>("recognized");
    for (const QString &type : {QStringLiteral("anthropic"), QStringLiteral("openai"), QStringLiteral("dashscope")}) {
        QTest::addRow("%s chat", qPrintable(type))
            << type << QStringLiteral("SCENE=chat") << QStringLiteral("chat") << true;
        QTest::addRow("%s reasoning", qPrintable(type))
            << type << QStringLiteral("SCENE=reasoning") << QStringLiteral("reasoning") << true;
        QTest::addRow("%s nonsense", qPrintable(type))
            << type << QStringLiteral("SCENE=nonsense") << QStringLiteral("code") << false;
    }
}

void TestSmartRouting::classifiedSceneAnswers()
{
    QFETCH(QString, routerType);
    QFETCH(QString, typed);
    QFETCH(QString, scene);
    QFETCH(bool, recognized);
    Rig rig;
    buildScenes(rig, routerType);
    QVERIFY(rig.start());
    HttpTestClient client = rig.client();
    const QString text = QStringLiteral("Could you help me with this? ") + typed;
    const TestHttpResponse response = client.post(
        "/v1/messages?beta=true", humanTurn(QStringLiteral("s-1"), text), sessionHeaders(QStringLiteral("s-1")));
    QCOMPARE(response.status, 200);
    QCOMPARE(read(response).text, answerOfScene(scene));

    // The classifier was asked once, about the person's text, with the scenes to choose from.
    FakeUpstream &router = rig.fake(QStringLiteral("router"));
    QCOMPARE(router.requestCount(), 1);
    const QJsonObject asked = bodyOf(router.lastRequest());
    QCOMPARE(asked.value(QStringLiteral("model")).toString(), QStringLiteral("classifier-model"));
    QCOMPARE(asked.value(QStringLiteral("stream")).toBool(true), false);
    QVERIFY(router.lastRequest().body.contains(text.toUtf8()));
    QVERIFY(!router.lastRequest().body.contains("notes.txt")); // only the typed text, not the conversation
    for (const QString &name : kScenes)
        QVERIFY(router.lastRequest().body.contains(name.toUtf8()));
    QCOMPARE(router.lastRequest().hasHeader("authorization") || router.lastRequest().hasHeader("x-api-key"), true);

    // The record tells the whole story: scene, answer, latency, tokens.
    const StoredRecord record = rig.lastRecord(1);
    const QJsonObject route = routeOf(record);
    QCOMPARE(route.value(QStringLiteral("scene")).toString(), scene);
    // The default scene answers an unrecognized answer, and the record does not claim the classifier chose it.
    QCOMPARE(route.value(QStringLiteral("rule")).toString(),
        recognized ? QStringLiteral("scene") : QStringLiteral("default_scene"));
    const QJsonObject classifier = route.value(QStringLiteral("classifier")).toObject();
    QCOMPARE(classifier.value(QStringLiteral("scene")).toString(), scene);
    QCOMPARE(classifier.value(QStringLiteral("recognized")).toBool(), recognized);
    QCOMPARE(classifier.value(QStringLiteral("model")).toString(), QStringLiteral("router:classifier-model"));
    QCOMPARE(classifier.value(QStringLiteral("answer")).toString(),
        recognized ? scene : QStringLiteral("I like turtles, and soup."));
    QVERIFY(classifier.value(QStringLiteral("prompt")).toString().contains(text));
    QVERIFY(classifier.value(QStringLiteral("latency_ms")).toInteger(-1) >= 0);
    QCOMPARE(classifier.value(QStringLiteral("input_tokens")).toInt(), 321);
    QCOMPARE(classifier.value(QStringLiteral("output_tokens")).toInt(), 2);
    QCOMPARE(classifier.contains(QStringLiteral("error")), !recognized);
    QCOMPARE(record.record.platformId, platformOfScene(scene));
    QCOMPARE(record.record.routingMode, QStringLiteral("smart_routing"));
}

void TestSmartRouting::slowClassifierGivesTheDefaultScene()
{
    Rig rig;
    buildScenes(rig, QStringLiteral("anthropic"), 400);
    FakeUpstream &router = rig.fake(QStringLiteral("router"));
    router.setHandler([](const ReceivedRequest &request) { return classify(request).withDelayBeforeHeaders(2500); });
    QVERIFY(rig.start());
    HttpTestClient client = rig.client();
    const TestHttpResponse response = client.post(
        "/v1/messages", humanTurn(QStringLiteral("s-slow"), QStringLiteral("SCENE=reasoning")), {}, 10'000);
    QCOMPARE(read(response).text, answerOfScene(QStringLiteral("code")));
    // The default scene's model was asked once the deadline had passed, long before the classifier would answer.
    const qint64 waitedUs
        = rig.fake(QStringLiteral("code")).lastRequest().receivedAtUs - router.lastRequest().receivedAtUs;
    QVERIFY2(waitedUs >= 350'000 && waitedUs < 1'500'000, qPrintable(QString::number(waitedUs)));
    QTRY_COMPARE_WITH_TIMEOUT(router.disconnectedPaths().size(), 1, 5000); // the late classification was dropped
    const QJsonObject classifier = routeOf(rig.lastRecord(1)).value(QStringLiteral("classifier")).toObject();
    QVERIFY(classifier.value(QStringLiteral("timed_out")).toBool());
    QCOMPARE(classifier.value(QStringLiteral("scene")).toString(), QStringLiteral("code"));
    QVERIFY(classifier.value(QStringLiteral("latency_ms")).toInteger() >= 350);
    QCOMPARE(routeOf(rig.lastRecord(1)).value(QStringLiteral("rule")).toString(), QStringLiteral("default_scene"));
    QCOMPARE(rig.fake(QStringLiteral("deep")).requestCount(), 0);
    // The turn is decided: its follow-up neither waits for nor asks the classifier again.
    QCOMPARE(
        read(client.post("/v1/messages", followUp(QStringLiteral("s-slow"), QStringLiteral("SCENE=reasoning")))).text,
        answerOfScene(QStringLiteral("code")));
    QCOMPARE(router.requestCount(), 1);
    QCOMPARE(routeOf(rig.lastRecord(2)).value(QStringLiteral("rule")).toString(), QStringLiteral("default_scene"));
}

void TestSmartRouting::failingClassifierGivesWayToTheNextOrTheDefault()
{
    for (bool secondWorks : {true, false}) {
        Rig rig;
        buildScenes(rig);
        rig.addPlatformAt(QStringLiteral("gone"), QStringLiteral("openai"),
            QStringLiteral("http://127.0.0.1:%1/v1").arg(FakeUpstream::unusedPort()));
        QJsonArray routingModels {QStringLiteral("gone:small")};
        if (secondWorks)
            routingModels.append(QStringLiteral("router:classifier-model"));
        rig.config().insert(QStringLiteral("routing_models"), routingModels);
        QVERIFY(rig.start());
        HttpTestClient client = rig.client();
        const qint64 sentUs = FakeUpstream::nowUs();
        const TestHttpResponse response
            = client.post("/v1/messages", humanTurn(QStringLiteral("s-down"), QStringLiteral("SCENE=reasoning")));
        const QString scene = secondWorks ? QStringLiteral("reasoning") : QStringLiteral("code");
        QCOMPARE(read(response).text, answerOfScene(scene));
        // A refused classifier is given up on at once, not at the 3 s deadline.
        const qint64 waitedUs = rig.fake(platformOfScene(scene)).lastRequest().receivedAtUs - sentUs;
        QVERIFY2(waitedUs < 1'500'000, qPrintable(QString::number(waitedUs)));
        const QJsonObject classifier = routeOf(rig.lastRecord(1)).value(QStringLiteral("classifier")).toObject();
        QVERIFY2(classifier.value(QStringLiteral("error")).toString().contains(QStringLiteral("gone:small")),
            qPrintable(classifier.value(QStringLiteral("error")).toString()));
        QVERIFY(!classifier.value(QStringLiteral("timed_out")).toBool());
        QCOMPARE(classifier.value(QStringLiteral("recognized")).toBool(), secondWorks);
        QCOMPARE(rig.fake(QStringLiteral("router")).requestCount(), secondWorks ? 1 : 0);
    }
}

void TestSmartRouting::classifiesOncePerHumanTurn()
{
    Rig rig;
    buildScenes(rig);
    QVERIFY(rig.start());
    HttpTestClient client = rig.client();
    FakeUpstream &router = rig.fake(QStringLiteral("router"));
    const QString first = QStringLiteral("Why does this deadlock? SCENE=reasoning");
    QCOMPARE(read(client.post("/v1/messages?beta=true", humanTurn(QStringLiteral("s-turns"), first))).text,
        answerOfScene(QStringLiteral("reasoning")));
    QCOMPARE(router.requestCount(), 1);
    // The agent loop: tool results of the same turn reuse the scene, without asking again.
    for (int n = 0; n < 3; ++n) {
        QCOMPARE(read(client.post("/v1/messages?beta=true", followUp(QStringLiteral("s-turns"), first, n))).text,
            answerOfScene(QStringLiteral("reasoning")));
        const QJsonObject route = routeOf(rig.lastRecord(2 + n));
        QVERIFY(!route.contains(QStringLiteral("classifier")));
        QVERIFY(route.value(QStringLiteral("turn")).toString().contains(QStringLiteral("kept")));
    }
    // Claude Code's retry of the same first request is the same turn too.
    QCOMPARE(read(client.post("/v1/messages?beta=true", humanTurn(QStringLiteral("s-turns"), first))).text,
        answerOfScene(QStringLiteral("reasoning")));
    QCOMPARE(router.requestCount(), 1);
    // Another session with the same text is its own turn.
    QCOMPARE(read(client.post("/v1/messages?beta=true", humanTurn(QStringLiteral("s-other"), first))).text,
        answerOfScene(QStringLiteral("reasoning")));
    QCOMPARE(router.requestCount(), 2);
    // A new prompt in the first session is classified again.
    const QString second = QStringLiteral("Thanks. Quick question: SCENE=chat");
    QCOMPARE(read(client.post("/v1/messages?beta=true", humanTurn(QStringLiteral("s-turns"), second))).text,
        answerOfScene(QStringLiteral("chat")));
    QCOMPARE(router.requestCount(), 3);
    QCOMPARE(read(client.post("/v1/messages?beta=true", followUp(QStringLiteral("s-turns"), second))).text,
        answerOfScene(QStringLiteral("chat")));
    QCOMPARE(router.requestCount(), 3);
}

// A turn's scene was chosen among the scenes of its time: when their names or descriptions change, the next
// request of the turn is classified again; other changes keep it.
void TestSmartRouting::changedScenesAreClassifiedAgain()
{
    Rig rig;
    buildScenes(rig);
    QVERIFY(rig.start());
    HttpTestClient client = rig.client();
    FakeUpstream &router = rig.fake(QStringLiteral("router"));
    const QString id = QStringLiteral("s-change");
    const QString text = QStringLiteral("Why does this deadlock? SCENE=reasoning");
    QCOMPARE(read(client.post("/v1/messages?beta=true", humanTurn(id, text))).text,
        answerOfScene(QStringLiteral("reasoning")));
    QCOMPARE(router.requestCount(), 1);

    // Another model for a scene: the turn keeps its scene without asking again.
    QVERIFY(rig.changeConfig([](Config &config) {
        config.routing.scenes[0].models.append(QStringLiteral("code:") + modelOfScene(QStringLiteral("code")));
    }));
    QCOMPARE(read(client.post("/v1/messages?beta=true", followUp(id, text, 1))).text,
        answerOfScene(QStringLiteral("reasoning")));
    QCOMPARE(router.requestCount(), 1);

    // A scene described differently: the same turn is classified again, once.
    QVERIFY(rig.changeConfig([](Config &config) {
        config.routing.scenes[2].description = QStringLiteral("Hard problems: deadlocks, races, design");
    }));
    QCOMPARE(read(client.post("/v1/messages?beta=true", followUp(id, text, 2))).text,
        answerOfScene(QStringLiteral("reasoning")));
    QCOMPARE(router.requestCount(), 2);
    QVERIFY(routeOf(rig.lastRecord(3)).contains(QStringLiteral("classifier")));
    QCOMPARE(read(client.post("/v1/messages?beta=true", followUp(id, text, 3))).text,
        answerOfScene(QStringLiteral("reasoning")));
    QCOMPARE(router.requestCount(), 2);
}

// Claude Code's sub-agents (the Task tool) run inside the session of the turn that started them: their
// requests carry the same session id, with the task the main agent wrote as their first user message, and
// they interleave with each other and with the main loop. Each task is classified once, and none of them
// makes the main turn (or another task) be classified again.
void TestSmartRouting::subAgentsDoNotReclassifyTheirSessionsTurns()
{
    Rig rig;
    buildScenes(rig);
    QVERIFY(rig.start());
    HttpTestClient client = rig.client();
    FakeUpstream &router = rig.fake(QStringLiteral("router"));
    const QString id = QStringLiteral("s-agents");
    const QString mainTurn = QStringLiteral("Review the design of the parser. SCENE=reasoning");
    const QString taskA = QStringLiteral("Explore module A and list its public functions. SCENE=code");
    const QString taskB = QStringLiteral("Summarise the README of module B. SCENE=chat");
    struct Step
    {
        QByteArray body;
        QString scene;
        int classificationsAfter;
    };
    const Step steps[] = {
        {humanTurn(id, mainTurn), QStringLiteral("reasoning"), 1},
        {humanTurn(id, taskA), QStringLiteral("code"), 2}, // two sub-agents start
        {humanTurn(id, taskB), QStringLiteral("chat"), 3},
        {followUp(id, taskA, 1), QStringLiteral("code"), 3}, // and work in turns
        {followUp(id, taskB, 1), QStringLiteral("chat"), 3}, {followUp(id, taskA, 2), QStringLiteral("code"), 3},
        {followUp(id, mainTurn, 1), QStringLiteral("reasoning"), 3}, // the main loop gets the tasks' results
    };
    int n = 0;
    for (const Step &step : steps) {
        const TestHttpResponse response = client.post("/v1/messages?beta=true", step.body, sessionHeaders(id));
        QVERIFY2(read(response).text == answerOfScene(step.scene),
            qPrintable(QStringLiteral("step %1: %2").arg(n).arg(read(response).text)));
        QVERIFY2(router.requestCount() == step.classificationsAfter,
            qPrintable(QStringLiteral("step %1: %2 classifications").arg(n).arg(router.requestCount())));
        ++n;
    }
}

void TestSmartRouting::backgroundAndCountTokensAreNeverClassified()
{
    Rig rig;
    buildScenes(rig);
    QVERIFY(rig.start());
    HttpTestClient client = rig.client();
    FakeUpstream &router = rig.fake(QStringLiteral("router"));
    const QString text = QStringLiteral("Plan the migration. SCENE=reasoning");
    // A session's first requests may be a title and a token count: no classification, the default scene.
    QCOMPARE(
        read(client.post("/v1/messages",
                 ClaudeCodeRequests::toBytes(ClaudeCodeRequests::background(session(QStringLiteral("s-bg"), text))),
                 sessionHeaders(QStringLiteral("s-bg"))))
            .text,
        answerOfScene(QStringLiteral("code")));
    QCOMPARE(client.post("/v1/messages/count_tokens", humanTurn(QStringLiteral("s-bg"), text)).status, 200);
    QCOMPARE(router.requestCount(), 0);
    // The turn itself is classified (count_tokens did not use it up) ...
    QCOMPARE(read(client.post("/v1/messages", humanTurn(QStringLiteral("s-bg"), text))).text,
        answerOfScene(QStringLiteral("reasoning")));
    QCOMPARE(router.requestCount(), 1);
    // ... and background requests and token counts of the session follow its scene, still without asking.
    QCOMPARE(
        read(client.post("/v1/messages",
                 ClaudeCodeRequests::toBytes(ClaudeCodeRequests::background(session(QStringLiteral("s-bg"), text))),
                 sessionHeaders(QStringLiteral("s-bg"))))
            .text,
        answerOfScene(QStringLiteral("reasoning")));
    QCOMPARE(client
                 .post("/v1/messages/count_tokens",
                     humanTurn(QStringLiteral("s-bg"), QStringLiteral("A new prompt SCENE=chat")))
                 .status,
        200);
    QCOMPARE(router.requestCount(), 1);
}

void TestSmartRouting::disabledClassifierUsesTheDefaultScene()
{
    Rig rig;
    buildScenes(rig);
    rig.config().insert(QStringLiteral("classifier"), QJsonObject {{QStringLiteral("enabled"), false}});
    QVERIFY(rig.start());
    HttpTestClient client = rig.client();
    QCOMPARE(read(client.post("/v1/messages", humanTurn(QStringLiteral("s-off"), QStringLiteral("SCENE=chat")))).text,
        answerOfScene(QStringLiteral("code")));
    QCOMPARE(rig.fake(QStringLiteral("router")).requestCount(), 0);
    QCOMPARE(routeOf(rig.lastRecord(1)).value(QStringLiteral("rule")).toString(), QStringLiteral("default_scene"));
}

void TestSmartRouting::concurrentSessionsKeepTheirScenes()
{
    constexpr int kSessions = 20;
    constexpr int kFollowUps = 3;
    Rig rig;
    buildScenes(rig);
    // Slow enough that the classifications of all sessions overlap.
    rig.fake(QStringLiteral("router")).setHandler([](const ReceivedRequest &request) {
        return classify(request).withDelayBeforeHeaders(150);
    });
    for (const char *id : {"chat", "code", "deep"}) {
        rig.fake(QString::fromLatin1(id)).setHandler([id](const ReceivedRequest &request) {
            return answer(request,
                signature(QString::fromLatin1(id), bodyOf(request).value(QStringLiteral("model")).toString()), 3, 20);
        });
    }
    QVERIFY(rig.start());
    const quint16 port = rig.harness().port();

    struct SessionResult
    {
        QStringList answers;
        QString error;
    };
    std::vector<SessionResult> results(kSessions);
    std::vector<QThread *> threads;
    for (int i = 0; i < kSessions; ++i) {
        threads.push_back(QThread::create([i, port, &results] {
            const QString id = QStringLiteral("session-%1").arg(i);
            const QString text
                = QStringLiteral("Task number %1 for you. SCENE=%2").arg(i).arg(kScenes.at(i % kScenes.size()));
            HttpTestClient client(port);
            for (int n = 0; n <= kFollowUps; ++n) {
                const QByteArray body = n == 0 ? humanTurn(id, text) : followUp(id, text, n);
                const TestHttpResponse response
                    = client.post("/v1/messages?beta=true", body, sessionHeaders(id), 20'000);
                if (response.status != 200)
                    results[i].error = QStringLiteral("HTTP %1 %2").arg(response.status).arg(response.error);
                results[i].answers.append(read(response).text);
            }
        }));
        threads.back()->start();
    }
    for (QThread *thread : threads) {
        QVERIFY(thread->wait(60'000));
        delete thread;
    }
    for (int i = 0; i < kSessions; ++i) {
        QVERIFY2(results[i].error.isEmpty(), qPrintable(results[i].error));
        const QString expected = answerOfScene(kScenes.at(i % kScenes.size()));
        QCOMPARE(results[i].answers.size(), kFollowUps + 1);
        for (const QString &got : results[i].answers)
            QVERIFY2(
                got == expected, qPrintable(QStringLiteral("session %1: %2 instead of %3").arg(i).arg(got, expected)));
    }
    QCOMPARE(rig.fake(QStringLiteral("router")).requestCount(), kSessions); // once per session's human turn
    QCOMPARE(rig.records(kSessions * (kFollowUps + 1)).size(), kSessions * (kFollowUps + 1));
}

void TestSmartRouting::clientLeavingDuringClassificationCancelsIt()
{
    Rig rig;
    buildScenes(rig, QStringLiteral("openai"), 10'000);
    FakeUpstream &router = rig.fake(QStringLiteral("router"));
    router.setHandler([](const ReceivedRequest &) { return FakeResponse::hang(); });
    QVERIFY(rig.start());
    {
        HttpTestClient client = rig.client();
        client.send("POST", "/v1/messages", {}, humanTurn(QStringLiteral("s-leave"), QStringLiteral("SCENE=chat")));
        QVERIFY(waitFor([&] { return router.requestCount() == 1; }));
        client.abort();
    }
    QTRY_COMPARE_WITH_TIMEOUT(router.disconnectedPaths().size(), 1, 5000);
    const StoredRecord record = rig.lastRecord(1);
    QVERIFY(record.record.clientCancelled);
    QVERIFY(attemptsOf(record).isEmpty());
    for (const char *id : {"chat", "code", "deep"})
        QCOMPARE(rig.fake(QString::fromLatin1(id)).requestCount(), 0);
}

QTEST_GUILESS_MAIN(TestSmartRouting)
#include "TestSmartRouting.moc"
