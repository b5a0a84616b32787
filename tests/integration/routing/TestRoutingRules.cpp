// Routing rules through real HTTP: tiers, background requests, thinking, long context and images each reach
// their configured models, an explicit "platform:model" is honoured alone, capabilities leave unfit models
// out, and /api/routing/explain shows the same plan without contacting any platform.
#include "RoutingRig.h"

#include <QTest>

using namespace RoutingRig;

// The shape of a test request.
struct Shape
{
    QString model = QStringLiteral("some-model");
    bool tools = false;
    bool thinking = false;
    bool image = false;
    int maxTokens = 8192;
    int padBytes = 0; // a long user message
    bool stream = true;
};
Q_DECLARE_METATYPE(Shape)

namespace {

QByteArray messageRequest(const Shape &shape)
{
    const QString text = QStringLiteral("Please look at this. ") + QString(shape.padBytes, QLatin1Char('x'));
    QJsonArray content {QJsonObject {{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), text}}};
    if (shape.image) {
        content.append(QJsonObject {{QStringLiteral("type"), QStringLiteral("image")},
            {QStringLiteral("source"),
                QJsonObject {{QStringLiteral("type"), QStringLiteral("base64")},
                    {QStringLiteral("media_type"), QStringLiteral("image/png")},
                    {QStringLiteral("data"), QStringLiteral("iVBORw0KGgoAAAANSUhEUg==")}}}});
    }
    QJsonObject body {{QStringLiteral("model"), shape.model}, {QStringLiteral("max_tokens"), shape.maxTokens},
        {QStringLiteral("stream"), shape.stream},
        {QStringLiteral("messages"),
            QJsonArray {
                QJsonObject {{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), content}}}}};
    if (shape.tools) {
        body.insert(QStringLiteral("tools"),
            QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("Read")},
                {QStringLiteral("description"), QStringLiteral("Reads a file.")},
                {QStringLiteral("input_schema"),
                    QJsonObject {{QStringLiteral("type"), QStringLiteral("object")},
                        {QStringLiteral("properties"),
                            QJsonObject {{QStringLiteral("path"),
                                QJsonObject {{QStringLiteral("type"), QStringLiteral("string")}}}}}}}}});
    }
    if (shape.thinking)
        body.insert(QStringLiteral("thinking"), QJsonObject {{QStringLiteral("type"), QStringLiteral("adaptive")}});
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

// anth (Anthropic format), oai (OpenAI format) and small (OpenAI format, a 20,000-token model), global_direct.
void buildRules(Rig &rig)
{
    rig.addFake(QStringLiteral("anth"), QStringLiteral("anthropic"));
    rig.addFake(QStringLiteral("oai"), QStringLiteral("openai"),
        QJsonObject {{QStringLiteral("models"),
            QJsonArray {
                QJsonObject {{QStringLiteral("id"), QStringLiteral("vision-model")}, {QStringLiteral("vision"), true}},
                QJsonObject {{QStringLiteral("id"), QStringLiteral("long-model")},
                    {QStringLiteral("context_window"), 1000000}}}}});
    rig.addFake(QStringLiteral("small"), QStringLiteral("openai"),
        QJsonObject {{QStringLiteral("models"),
            QJsonArray {QJsonObject {
                {QStringLiteral("id"), QStringLiteral("tiny")}, {QStringLiteral("context_window"), 20000}}}}});
    rig.setPriorityList({QStringLiteral("oai:default-model")});
    rig.config().insert(QStringLiteral("tiers"),
        QJsonObject {{QStringLiteral("sonnet"), QJsonArray {QStringLiteral("anth:sonnet-model")}},
            {QStringLiteral("opus"),
                QJsonArray {QStringLiteral("anth:opus-model"), QStringLiteral("oai:opus-backup")}}});
    rig.config().insert(QStringLiteral("rules"),
        QJsonObject {{QStringLiteral("background"), QJsonArray {QStringLiteral("oai:cheap-model")}},
            {QStringLiteral("think"), QJsonArray {QStringLiteral("anth:think-model")}},
            {QStringLiteral("long_context"),
                QJsonArray {QStringLiteral("small:tiny"), QStringLiteral("oai:long-model")}},
            {QStringLiteral("long_context_threshold"), 30000},
            {QStringLiteral("image"), QJsonArray {QStringLiteral("oai:vision-model")}}});
}

int totalRequests(Rig &rig)
{
    int total = 0;
    for (const char *id : {"anth", "oai", "small"})
        total += rig.fake(QString::fromLatin1(id)).requestCount();
    return total;
}

QStringList targetsOf(const QJsonObject &plan)
{
    QStringList targets;
    for (const QJsonValue &value : plan.value(QStringLiteral("targets")).toArray()) {
        const QJsonObject target = value.toObject();
        targets.append(target.value(QStringLiteral("platform")).toString() + QLatin1Char(':')
            + target.value(QStringLiteral("model")).toString());
    }
    return targets;
}

QStringList skippedOf(const QJsonObject &plan)
{
    QStringList skipped;
    for (const QJsonValue &value : plan.value(QStringLiteral("skipped")).toArray()) {
        const QJsonObject candidate = value.toObject();
        skipped.append(candidate.value(QStringLiteral("platform")).toString() + QLatin1Char(':')
            + candidate.value(QStringLiteral("model")).toString());
    }
    return skipped;
}

} // namespace

class TestRoutingRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rulesReachTheirModels_data();
    void rulesReachTheirModels();
    void haikuTierAndClaudeCodePassThrough();
    void explicitReferenceIsHonouredAlone();
    void countTokensAnsweredByTheRoute();
};

void TestRoutingRules::rulesReachTheirModels_data()
{
    QTest::addColumn<Shape>("shape");
    QTest::addColumn<QStringList>("plan");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QStringList>("skipped");

    Shape sonnet;
    sonnet.model = QStringLiteral("claude-sonnet-4-5-20250929");
    sonnet.tools = true;
    sonnet.thinking = true;
    QTest::newRow("sonnet tier, then think, then the list")
        << sonnet
        << QStringList {QStringLiteral("anth:sonnet-model"), QStringLiteral("anth:think-model"),
               QStringLiteral("oai:default-model")}
        << QStringLiteral("tier") << QStringList();

    Shape opus;
    opus.model = QStringLiteral("Claude-OPUS-4-1");
    opus.tools = true;
    QTest::newRow("opus tier, any case") << opus
                                         << QStringList {QStringLiteral("anth:opus-model"),
                                                QStringLiteral("oai:opus-backup"), QStringLiteral("oai:default-model")}
                                         << QStringLiteral("tier") << QStringList();

    Shape background;
    background.model = QStringLiteral("claude-haiku-4-5");
    background.maxTokens = 512;
    background.stream = false;
    QTest::newRow("background: haiku without tools")
        << background << QStringList {QStringLiteral("oai:cheap-model"), QStringLiteral("oai:default-model")}
        << QStringLiteral("background") << QStringList();

    Shape smallMaxTokens;
    smallMaxTokens.maxTokens = 100;
    QTest::newRow("background: small max_tokens")
        << smallMaxTokens << QStringList {QStringLiteral("oai:cheap-model"), QStringLiteral("oai:default-model")}
        << QStringLiteral("background") << QStringList();

    Shape subAgent;
    subAgent.model = QStringLiteral("claude-haiku-4-5");
    subAgent.tools = true;
    QTest::newRow("haiku with tools is real work") << subAgent << QStringList {QStringLiteral("oai:default-model")}
                                                   << QStringLiteral("priority_list") << QStringList();

    Shape thinking;
    thinking.thinking = true;
    thinking.tools = true;
    QTest::newRow("thinking") << thinking
                              << QStringList {QStringLiteral("anth:think-model"), QStringLiteral("oai:default-model")}
                              << QStringLiteral("think") << QStringList();

    Shape longContext;
    longContext.padBytes = 200'000; // about 50,000 tokens
    longContext.tools = true;
    QTest::newRow("long context skips the small window")
        << longContext << QStringList {QStringLiteral("oai:long-model"), QStringLiteral("oai:default-model")}
        << QStringLiteral("long_context") << QStringList {QStringLiteral("small:tiny")};

    Shape image;
    image.image = true;
    QTest::newRow("image: models without vision are left out")
        << image << QStringList {QStringLiteral("oai:vision-model")} << QStringLiteral("image")
        << QStringList {QStringLiteral("oai:default-model")};
}

void TestRoutingRules::rulesReachTheirModels()
{
    QFETCH(Shape, shape);
    QFETCH(QStringList, plan);
    QFETCH(QString, rule);
    QFETCH(QStringList, skipped);
    Rig rig;
    buildRules(rig);
    QVERIFY(rig.start());
    HttpTestClient client = rig.client();
    const QByteArray body = messageRequest(shape);

    // The plan, explained without sending anything.
    const TestHttpResponse explained = client.post("/api/routing/explain", body);
    QCOMPARE(explained.status, 200);
    const QJsonObject explainedPlan = explained.json().value(QStringLiteral("plan")).toObject();
    QCOMPARE(targetsOf(explainedPlan), plan);
    QCOMPARE(explainedPlan.value(QStringLiteral("rule")).toString(), rule);
    QCOMPARE(skippedOf(explainedPlan), skipped);
    for (const QJsonValue &target : explainedPlan.value(QStringLiteral("targets")).toArray())
        QCOMPARE(target.toObject().value(QStringLiteral("health")).toString(), QStringLiteral("healthy"));
    QCOMPARE(totalRequests(rig), 0);
    QCOMPARE(rig.records().size(), 0); // an explanation is not a call

    // The real request reaches the plan's first model, and only it.
    const TestHttpResponse response = client.post("/v1/messages", body);
    const QString first = plan.first();
    const QString platform = first.section(QLatin1Char(':'), 0, 0);
    const QString model = first.section(QLatin1Char(':'), 1);
    QCOMPARE(response.status, 200);
    QCOMPARE(read(response).text, signature(platform, model));
    QCOMPARE(totalRequests(rig), 1);
    QCOMPARE(bodyOf(rig.fake(platform).lastRequest()).value(QStringLiteral("model")).toString(), model);
    const StoredRecord record = rig.lastRecord(1);
    QCOMPARE(record.record.platformId, platform);
    QCOMPARE(record.record.upstreamModel, model);
    QCOMPARE(record.record.requestedModel, shape.model);
    QCOMPARE(routeOf(record).value(QStringLiteral("rule")).toString(), rule);
    QCOMPARE(targetsOf(routeOf(record)), plan); // the record keeps the whole plan
}

void TestRoutingRules::haikuTierAndClaudeCodePassThrough()
{
    Rig rig;
    rig.addFake(QStringLiteral("anth"), QStringLiteral("anthropic"));
    rig.addFake(QStringLiteral("oai"), QStringLiteral("openai"));
    rig.config().insert(QStringLiteral("config_type"), QStringLiteral("claude_code"));
    rig.config().insert(QStringLiteral("claude_code"),
        QJsonObject {{QStringLiteral("platforms"), QJsonArray {QStringLiteral("anth")}}});
    rig.config().insert(QStringLiteral("tiers"),
        QJsonObject {{QStringLiteral("haiku"), QJsonArray {QStringLiteral("oai:haiku-model")}}});
    QVERIFY(rig.start());
    HttpTestClient client = rig.client();

    // Sonnet passes through unchanged, byte for byte, with the model as sent.
    const QByteArray sonnet = ClaudeCodeRequests::toBytes(ClaudeCodeRequests::mainLoop());
    QCOMPARE(client.post("/v1/messages?beta=true", sonnet).status, 200);
    QCOMPARE(rig.fake(QStringLiteral("anth")).lastRequest().body, sonnet);
    // Haiku (a sub-agent with tools, and a background title) goes to the haiku tier, converted.
    ClaudeCodeRequests::Options haiku;
    haiku.model = QStringLiteral("claude-haiku-4-5-20251001");
    const TestHttpResponse subAgent
        = client.post("/v1/messages?beta=true", ClaudeCodeRequests::toBytes(ClaudeCodeRequests::mainLoop(haiku)));
    QCOMPARE(read(subAgent).text, signature(QStringLiteral("oai"), QStringLiteral("haiku-model")));
    const TestHttpResponse title
        = client.post("/v1/messages", ClaudeCodeRequests::toBytes(ClaudeCodeRequests::background(haiku)));
    QCOMPARE(read(title).text, signature(QStringLiteral("oai"), QStringLiteral("haiku-model")));
    QCOMPARE(rig.fake(QStringLiteral("anth")).requestCount(), 1);
    QCOMPARE(rig.fake(QStringLiteral("oai")).requestCount(), 2);
    // The tier's model failing falls back to the pass-through chain, with the client's own model name.
    rig.fake(QStringLiteral("oai")).setHandler([](const ReceivedRequest &) {
        return FakeResponse::openAIError(503, QStringLiteral("unavailable"), QStringLiteral("server_error"));
    });
    const TestHttpResponse fallenBack
        = client.post("/v1/messages", ClaudeCodeRequests::toBytes(ClaudeCodeRequests::background(haiku)));
    QCOMPARE(fallenBack.status, 200);
    QCOMPARE(bodyOf(rig.fake(QStringLiteral("anth")).lastRequest()).value(QStringLiteral("model")).toString(),
        QStringLiteral("claude-haiku-4-5")); // what background() asks for
}

void TestRoutingRules::explicitReferenceIsHonouredAlone()
{
    Rig rig;
    buildRules(rig);
    QVERIFY(rig.start());
    HttpTestClient client = rig.client();
    Shape shape;
    shape.model = QStringLiteral("small:tiny");
    shape.tools = true;
    shape.thinking = true;
    const TestHttpResponse explained = client.post("/api/routing/explain", messageRequest(shape));
    const QJsonObject plan = explained.json().value(QStringLiteral("plan")).toObject();
    QCOMPARE(targetsOf(plan), QStringList {QStringLiteral("small:tiny")});
    QCOMPARE(plan.value(QStringLiteral("rule")).toString(), QStringLiteral("explicit"));
    QCOMPARE(read(client.post("/v1/messages", messageRequest(shape))).text,
        signature(QStringLiteral("small"), QStringLiteral("tiny")));
    // A model name with slashes and colons after the platform id.
    shape.model = QStringLiteral("oai:org/some-model:free");
    QCOMPARE(read(client.post("/v1/messages", messageRequest(shape))).text,
        signature(QStringLiteral("oai"), QStringLiteral("org/some-model:free")));
    // No fallback for an explicit model: its failure is the answer.
    rig.fake(QStringLiteral("small")).setHandler([](const ReceivedRequest &) {
        return FakeResponse::openAIError(503, QStringLiteral("unavailable"), QStringLiteral("server_error"));
    });
    shape.model = QStringLiteral("small:tiny");
    const int before = totalRequests(rig);
    const TestHttpResponse failed = client.post("/v1/messages", messageRequest(shape));
    QCOMPARE(failed.status, 503);
    QCOMPARE(totalRequests(rig) - before, 2); // the failing model and its one same-model retry, nothing else
    QCOMPARE(rig.fake(QStringLiteral("small")).requestCount(), 3);
}

void TestRoutingRules::countTokensAnsweredByTheRoute()
{
    Rig rig;
    buildRules(rig);
    QVERIFY(rig.start());
    HttpTestClient client = rig.client();
    Shape shape;
    shape.tools = true;
    // The route starts with an OpenAI-format model: Switchyard estimates the count itself.
    const TestHttpResponse local = client.post("/v1/messages/count_tokens", messageRequest(shape));
    QCOMPARE(local.status, 200);
    QVERIFY(local.json().value(QStringLiteral("input_tokens")).toInt() > 0);
    QCOMPARE(totalRequests(rig), 0);
    // It starts with an Anthropic-format model: forwarded to it.
    rig.fake(QStringLiteral("anth"))
        .enqueueFor("/v1/messages/count_tokens", FakeResponse::json(200, QByteArray(R"({"input_tokens":4242})")));
    shape.model = QStringLiteral("claude-sonnet-4-5");
    const TestHttpResponse forwarded = client.post("/v1/messages/count_tokens", messageRequest(shape));
    QCOMPARE(forwarded.json().value(QStringLiteral("input_tokens")).toInt(), 4242);
    QCOMPARE(
        rig.fake(QStringLiteral("anth")).lastRequest().pathWithoutQuery(), QByteArray("/v1/messages/count_tokens"));
}

QTEST_GUILESS_MAIN(TestRoutingRules)
#include "TestRoutingRules.moc"
