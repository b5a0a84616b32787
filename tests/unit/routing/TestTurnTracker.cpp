#include "FakeClock.h"

#include "routing/TurnTracker.h"

#include <QtTest>

#include <functional>

namespace {

const QString kMessages = QStringLiteral("/v1/messages");
const QString kCountTokens = QStringLiteral("/v1/messages/count_tokens");

// A request of conversation `session` whose latest typed text is `text` at message `index`.
RequestFeatures turn(const QString &session, const QString &text, int index, bool isHumanTurn = true)
{
    RequestFeatures features;
    features.model = QStringLiteral("claude-opus-5-5");
    features.hasTools = true;
    features.maxTokens = 32'000;
    features.sessionId = session;
    features.conversationKey = session;
    features.typedText = text;
    features.typedTextMessageIndex = text.isEmpty() ? -1 : index;
    features.isHumanTurn = isHumanTurn && !text.isEmpty();
    return features;
}

RequestFeatures background(const QString &session)
{
    RequestFeatures features = turn(session, QStringLiteral("Write a title for this conversation"), 0);
    features.model = QStringLiteral("claude-haiku-4-5");
    features.hasTools = false;
    features.isBackground = true;
    return features;
}

} // namespace

class TestTurnTracker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classifiesOncePerHumanTurn();
    void sameTextTypedAgainIsANewTurn();
    void unknownTurnIsClassifiedOnceFromHistory();
    void neverClassifies_data();
    void neverClassifies();
    void sessionsAreSeparate();
    void leastRecentlyUsedSessionIsForgotten();
    void idleSessionsExpire();
    void clearForgetsEverything();
    void changedScenesForgetTheTurns();
};

void TestTurnTracker::classifiesOncePerHumanTurn()
{
    FakeClock clock;
    TurnTracker tracker(clock);
    const QString prompt = QStringLiteral("Refactor the parser");

    TurnTracker::Decision first = tracker.decide(kMessages, turn(QStringLiteral("s1"), prompt, 0));
    QCOMPARE(first.action, TurnTracker::Action::Classify);
    QCOMPARE(first.text, prompt);
    tracker.remember(first, QStringLiteral("code"));

    // the agent loop: tool results, Claude Code's retry of the same request, count_tokens
    for (int toolTurn = 0; toolTurn < 3; ++toolTurn) {
        const TurnTracker::Decision again = tracker.decide(kMessages, turn(QStringLiteral("s1"), prompt, 0, false));
        QCOMPARE(again.action, TurnTracker::Action::Reuse);
        QCOMPARE(again.scene, QStringLiteral("code"));
    }
    QCOMPARE(tracker.decide(kMessages, turn(QStringLiteral("s1"), prompt, 0)).action, TurnTracker::Action::Reuse);

    // a new prompt
    const TurnTracker::Decision next
        = tracker.decide(kMessages, turn(QStringLiteral("s1"), QStringLiteral("Thanks! What is a monad?"), 6));
    QCOMPARE(next.action, TurnTracker::Action::Classify);
    QVERIFY(next.turnKey != first.turnKey);
    tracker.remember(next, QStringLiteral("chat"));
    QCOMPARE(tracker.decide(kMessages, turn(QStringLiteral("s1"), QStringLiteral("Thanks! What is a monad?"), 6, false))
                 .scene,
        QStringLiteral("chat"));
}

void TestTurnTracker::sameTextTypedAgainIsANewTurn()
{
    FakeClock clock;
    TurnTracker tracker(clock);
    TurnTracker::Decision first = tracker.decide(kMessages, turn(QStringLiteral("s1"), QStringLiteral("continue"), 2));
    tracker.remember(first, QStringLiteral("code"));
    QCOMPARE(tracker.decide(kMessages, turn(QStringLiteral("s1"), QStringLiteral("continue"), 8)).action,
        TurnTracker::Action::Classify);
}

void TestTurnTracker::unknownTurnIsClassifiedOnceFromHistory()
{
    // e.g. after a restart: a tool-result request of a turn this tracker never saw
    FakeClock clock;
    TurnTracker tracker(clock);
    const TurnTracker::Decision decision
        = tracker.decide(kMessages, turn(QStringLiteral("s1"), QStringLiteral("Fix the flaky test"), 4, false));
    QCOMPARE(decision.action, TurnTracker::Action::Classify);
    QCOMPARE(decision.text, QStringLiteral("Fix the flaky test"));
    tracker.remember(decision, QStringLiteral("code"));
    QCOMPARE(
        tracker.decide(kMessages, turn(QStringLiteral("s1"), QStringLiteral("Fix the flaky test"), 4, false)).action,
        TurnTracker::Action::Reuse);
}

void TestTurnTracker::neverClassifies_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<bool>("isBackground");
    QTest::addColumn<bool>("hasText");
    QTest::addColumn<bool>("hasSession");
    QTest::newRow("background") << kMessages << true << true << true;
    QTest::newRow("count_tokens") << kCountTokens << false << true << true;
    QTest::newRow("no typed text anywhere") << kMessages << false << false << true;
    QTest::newRow("no conversation key") << kMessages << false << true << false;
}

void TestTurnTracker::neverClassifies()
{
    QFETCH(QString, endpoint);
    QFETCH(bool, isBackground);
    QFETCH(bool, hasText);
    QFETCH(bool, hasSession);
    const QString session = hasSession ? QStringLiteral("s1") : QString();
    RequestFeatures features
        = isBackground ? background(session) : turn(session, hasText ? QStringLiteral("Explain this") : QString(), 0);

    FakeClock clock;
    TurnTracker tracker(clock);
    // nothing remembered: the default scene
    QCOMPARE(tracker.decide(endpoint, features).action, TurnTracker::Action::UseDefault);
    if (!hasSession)
        return;
    // a conversation with a decided turn: reuse its scene
    tracker.remember(
        tracker.decide(kMessages, turn(session, QStringLiteral("Earlier prompt"), 0)), QStringLiteral("code"));
    const TurnTracker::Decision decision = tracker.decide(endpoint, features);
    QCOMPARE(decision.action, TurnTracker::Action::Reuse);
    QCOMPARE(decision.scene, QStringLiteral("code"));
}

void TestTurnTracker::sessionsAreSeparate()
{
    FakeClock clock;
    TurnTracker tracker(clock);
    const QString prompt = QStringLiteral("Same words in two sessions");
    tracker.remember(tracker.decide(kMessages, turn(QStringLiteral("a"), prompt, 0)), QStringLiteral("code"));
    QCOMPARE(tracker.decide(kMessages, turn(QStringLiteral("b"), prompt, 0)).action, TurnTracker::Action::Classify);
    QCOMPARE(tracker.decide(kMessages, turn(QStringLiteral("a"), prompt, 0)).scene, QStringLiteral("code"));
    QCOMPARE(tracker.conversationCount(), 1);
}

void TestTurnTracker::leastRecentlyUsedSessionIsForgotten()
{
    FakeClock clock;
    TurnTracker::Settings settings;
    settings.maxSessions = 3;
    TurnTracker tracker(clock, settings);
    for (const char *session : {"a", "b", "c"}) {
        tracker.remember(
            tracker.decide(kMessages, turn(QLatin1String(session), QStringLiteral("hi"), 0)), QLatin1String(session));
        clock.advance(1);
    }
    QCOMPARE(tracker.decide(kMessages, turn(QStringLiteral("a"), QStringLiteral("hi"), 0, false)).scene,
        QStringLiteral("a")); // "a" is now the most recent
    clock.advance(1);
    tracker.remember(
        tracker.decide(kMessages, turn(QStringLiteral("d"), QStringLiteral("hi"), 0)), QStringLiteral("d"));
    QCOMPARE(tracker.conversationCount(), 3);
    QCOMPARE(tracker.decide(kMessages, turn(QStringLiteral("b"), QStringLiteral("hi"), 0)).action,
        TurnTracker::Action::Classify); // "b" was the least recently used
    for (const char *kept : {"a", "c", "d"})
        QCOMPARE(tracker.decide(kMessages, turn(QLatin1String(kept), QStringLiteral("hi"), 0)).action,
            TurnTracker::Action::Reuse);
}

void TestTurnTracker::idleSessionsExpire()
{
    FakeClock clock;
    TurnTracker::Settings settings;
    settings.expiryMs = 60'000;
    TurnTracker tracker(clock, settings);
    tracker.remember(
        tracker.decide(kMessages, turn(QStringLiteral("a"), QStringLiteral("hi"), 0)), QStringLiteral("x"));
    clock.advance(59'999);
    QCOMPARE(tracker.decide(kMessages, turn(QStringLiteral("a"), QStringLiteral("hi"), 0)).action,
        TurnTracker::Action::Reuse); // and the use renews it
    clock.advance(59'999);
    QCOMPARE(tracker.decide(kMessages, turn(QStringLiteral("a"), QStringLiteral("hi"), 0)).action,
        TurnTracker::Action::Reuse);
    clock.advance(60'000);
    QCOMPARE(tracker.decide(kMessages, turn(QStringLiteral("a"), QStringLiteral("hi"), 0)).action,
        TurnTracker::Action::Classify);
    QCOMPARE(tracker.conversationCount(), 0);
}

void TestTurnTracker::clearForgetsEverything()
{
    FakeClock clock;
    TurnTracker tracker(clock);
    tracker.remember(
        tracker.decide(kMessages, turn(QStringLiteral("a"), QStringLiteral("hi"), 0)), QStringLiteral("x"));
    tracker.clear();
    QCOMPARE(tracker.conversationCount(), 0);
    QCOMPARE(tracker.decide(kMessages, turn(QStringLiteral("a"), QStringLiteral("hi"), 0)).action,
        TurnTracker::Action::Classify);
}

void TestTurnTracker::changedScenesForgetTheTurns()
{
    const auto scene = [](const QString &name, const QString &description, const QString &model) {
        Scene s;
        s.name = name;
        s.description = description;
        s.models = {model};
        return s;
    };
    RoutingConfig routing;
    routing.scenes = {scene(QStringLiteral("chat"), QStringLiteral("small talk"), QStringLiteral("p:small")),
        scene(QStringLiteral("code"), QStringLiteral("writing code"), QStringLiteral("p:coder"))};
    FakeClock clock;
    TurnTracker tracker(clock);
    const RequestFeatures first = turn(QStringLiteral("a"), QStringLiteral("hi"), 0);
    const auto rememberedScene = [&] {
        const TurnTracker::Decision decision = tracker.decide(kMessages, first);
        return decision.action == TurnTracker::Action::Reuse ? decision.scene : QString();
    };
    tracker.followScenes(routing);
    tracker.remember(tracker.decide(kMessages, first), QStringLiteral("chat"));

    // The same scenes, and other models for them: the turn keeps its scene.
    tracker.followScenes(routing);
    QCOMPARE(rememberedScene(), QStringLiteral("chat"));
    routing.scenes[0].models = {QStringLiteral("q:other")};
    tracker.followScenes(routing);
    QCOMPARE(rememberedScene(), QStringLiteral("chat"));

    // A description, a name, an added or a removed scene changes what the classifier chooses among.
    const QList<std::function<void(RoutingConfig &)>> changes = {
        [](RoutingConfig &r) { r.scenes[1].description = QStringLiteral("writing new code"); },
        [](RoutingConfig &r) { r.scenes[0].name = QStringLiteral("talk"); },
        [&](RoutingConfig &r) {
            r.scenes.append(scene(QStringLiteral("deep"), QStringLiteral("hard bugs"), QStringLiteral("p:big")));
        },
        [](RoutingConfig &r) { r.scenes.removeLast(); },
    };
    for (const auto &change : changes) {
        change(routing);
        tracker.followScenes(routing);
        QCOMPARE(tracker.conversationCount(), 0);
        QCOMPARE(tracker.decide(kMessages, first).action, TurnTracker::Action::Classify);
        tracker.remember(tracker.decide(kMessages, first), QStringLiteral("chat"));
        QCOMPARE(rememberedScene(), QStringLiteral("chat"));
    }
}

QTEST_GUILESS_MAIN(TestTurnTracker)
#include "TestTurnTracker.moc"
