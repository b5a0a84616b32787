#include "TestConvertParts.h"
#include "ConvertTestSupport.h"
#include "TestSupport.h"

#include "convert/ConversionProfile.h"
#include "convert/JsonSchemaSanitizer.h"
#include "convert/TextToolCallParser.h"
#include "convert/ThinkTagSplitter.h"
#include "convert/TokenEstimator.h"
#include "convert/ToolArgumentsRepair.h"
#include "convert/ToolNameMap.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using ConvertTestSupport::object;
using Dialect = ConversionProfile::SchemaDialect;
Q_DECLARE_METATYPE(ConversionProfile::SchemaDialect)
Q_DECLARE_METATYPE(ToolArgumentsRepair::Outcome)

namespace {

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// Feeds `text` to the splitter in pieces of `step` characters and joins the pieces of each kind.
QPair<QString, QString> splitThink(const QString &text, int step)
{
    ThinkTagSplitter splitter;
    QString reasoning;
    QString answer;
    auto take = [&](const std::vector<ThinkTagSplitter::Piece> &pieces) {
        for (const auto &p : pieces)
            (p.reasoning ? reasoning : answer) += p.text;
    };
    for (int at = 0; at < text.size(); at += step)
        take(splitter.feed(text.mid(at, step)));
    take(splitter.finish());
    return {reasoning, answer};
}

} // namespace

void TestConvertParts::toolNames_data()
{
    QTest::addColumn<QString>("client");
    QTest::addColumn<bool>("unchanged");
    QTest::newRow("plain") << "Read" << true;
    QTest::newRow("mcp") << "mcp__github__create_issue" << true;
    QTest::newRow("64 chars") << QString(64, QLatin1Char('a')) << true;
    QTest::newRow("65 chars") << QString(65, QLatin1Char('a')) << false;
    QTest::newRow("dots") << "server.tool" << false;
    QTest::newRow("unicode") << QStringLiteral("outil_évalué") << false;
    QTest::newRow("space") << "my tool" << false;
}

void TestConvertParts::toolNames()
{
    QFETCH(QString, client);
    QFETCH(bool, unchanged);
    ToolNameMap map;
    const QString upstream = map.addClientName(client);
    QVERIFY(ToolNameMap::isValidUpstreamName(upstream));
    QCOMPARE(upstream == client, unchanged);
    QCOMPARE(map.toClient(upstream), client);
    QCOMPARE(map.toUpstream(client), upstream);
    QCOMPARE(map.isEmpty(), unchanged);
    // Distinct names never collide.
    if (!unchanged)
        QVERIFY(ToolNameMap::upstreamNameFor(client + QLatin1Char('x')) != upstream);
}

void TestConvertParts::toolIds_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("expected"); // "*" suffix: prefix match
    QTest::newRow("anthropic") << "toolu_01D7FLrfh4GYq7yT1ULFeyMV"
                               << "toolu_01D7FLrfh4GYq7yT1ULFeyMV";
    QTest::newRow("openai") << "call_abc"
                            << "call_abc";
    QTest::newRow("numeric") << "17"
                             << "17";
    QTest::newRow("kimi") << "functions.Bash:0"
                          << "functions_Bash_0_*";
    QTest::newRow("spaces") << "call 1"
                            << "call_1_*";
    QTest::newRow("empty") << ""
                           << "toolu_*";
    QTest::newRow("too long") << QString(80, QLatin1Char('z')) << "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz_*";
}

void TestConvertParts::toolIds()
{
    QFETCH(QString, id);
    QFETCH(QString, expected);
    const QString normalized = ToolNameMap::normalizeId(id);
    QVERIFY2(ToolNameMap::isValidId(normalized), qPrintable(normalized));
    QVERIFY(normalized.size() <= ToolNameMap::kMaxIdLength);
    if (expected.endsWith(QLatin1Char('*')))
        QVERIFY2(normalized.startsWith(expected.chopped(1)), qPrintable(normalized));
    else
        QCOMPARE(normalized, expected);
    if (!id.isEmpty()) {
        QCOMPARE(ToolNameMap::normalizeId(id), normalized); // deterministic
        QCOMPARE(ToolNameMap::normalizeId(normalized), normalized); // idempotent
    }
}

void TestConvertParts::schemaSanitizer_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<Dialect>("dialect");
    QTest::addColumn<QString>("expected");
    const QByteArray claudeCode = R"({"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
        "properties":{"url":{"type":"string","format":"uri","description":"d"},"limit":{"type":"integer","exclusiveMinimum":0,"maximum":9007199254740991},
        "env":{"type":"object","propertyNames":{"pattern":"^[A-Z]+$"},"additionalProperties":{"type":"string"}},
        "title":{"type":"string","default":"x","pattern":"^a","minLength":1}},
        "required":["url","url","ghost"],"additionalProperties":false})";
    QTest::newRow("permissive keeps all but $schema")
        << claudeCode << Dialect::Permissive
        << R"({"additionalProperties":false,"properties":{"env":{"additionalProperties":{"type":"string"},"propertyNames":{"pattern":"^[A-Z]+$"},"type":"object"},"limit":{"exclusiveMinimum":0,"maximum":9007199254740991,"type":"integer"},"title":{"default":"x","minLength":1,"pattern":"^a","type":"string"},"url":{"description":"d","format":"uri","type":"string"}},"required":["url","ghost"],"type":"object"})";
    QTest::newRow("standard drops propertyNames")
        << claudeCode << Dialect::Standard
        << R"({"additionalProperties":false,"properties":{"env":{"additionalProperties":{"type":"string"},"type":"object"},"limit":{"exclusiveMinimum":0,"maximum":9007199254740991,"type":"integer"},"title":{"default":"x","minLength":1,"pattern":"^a","type":"string"},"url":{"description":"d","format":"uri","type":"string"}},"required":["url","ghost"],"type":"object"})";
    QTest::newRow("strict whitelist")
        << claudeCode << Dialect::Strict
        << R"({"properties":{"env":{"type":"object"},"limit":{"maximum":9007199254740991,"type":"integer"},"title":{"type":"string"},"url":{"description":"d","type":"string"}},"required":["url"],"type":"object"})";
    QTest::newRow("missing schema") << QByteArray("null") << Dialect::Standard
                                    << R"({"properties":{},"type":"object"})";
    QTest::newRow("no properties") << QByteArray(R"({"type":"object"})") << Dialect::Strict
                                   << R"({"properties":{},"type":"object"})";
    QTest::newRow("refs inlined") << QByteArray(
        R"({"type":"object","$defs":{"p":{"type":"string","description":"from def"}},"properties":{"a":{"$ref":"#/$defs/p","description":"own"},"b":{"$ref":"#/definitions/missing"}}})")
                                  << Dialect::Standard
                                  << R"({"properties":{"a":{"description":"own","type":"string"},"b":{}},"type":"object"})";
    QTest::newRow("recursive ref bounded") << QByteArray(
        R"({"type":"object","$defs":{"n":{"type":"object","properties":{"next":{"$ref":"#/$defs/n"}}}},"properties":{"root":{"$ref":"#/$defs/n"}}})")
                                           << Dialect::Standard << QString();
    QTest::newRow("strict type arrays and oneOf")
        << QByteArray(
               R"({"type":"object","properties":{"a":{"type":["string","null"]},"b":{"oneOf":[{"type":"string"},{"type":"integer"}]},
        "c":{"allOf":[{"properties":{"x":{"type":"string"}},"required":["x"]},{"properties":{"y":{"type":"number"}}}]}}})")
        << Dialect::Strict
        << R"({"properties":{"a":{"nullable":true,"type":"string"},"b":{"anyOf":[{"type":"string"},{"type":"integer"}]},"c":{"properties":{"x":{"type":"string"},"y":{"type":"number"}},"required":["x"],"type":"object"}},"type":"object"})";
    QTest::newRow("top-level combinators removed")
        << QByteArray(R"({"anyOf":[{"type":"object"}],"properties":{"a":{"type":"string"}}})") << Dialect::Standard
        << R"({"properties":{"a":{"type":"string"}},"type":"object"})";
}

void TestConvertParts::schemaSanitizer()
{
    QFETCH(QByteArray, schema);
    QFETCH(Dialect, dialect);
    QFETCH(QString, expected);
    const QJsonValue input = QJsonDocument::fromJson("[" + schema + "]").array().at(0);
    const QJsonObject out = JsonSchemaSanitizer::sanitize(input, dialect);
    if (expected.isEmpty()) {
        QVERIFY(!compact(out).contains(QStringLiteral("$ref")));
        QVERIFY(!compact(out).contains(QStringLiteral("$defs")));
        QCOMPARE(out[QStringLiteral("type")].toString(), QStringLiteral("object"));
    } else {
        QCOMPARE(compact(out), expected);
    }
}

void TestConvertParts::schemaSanitizerIsBounded()
{
    QByteArray deep = R"({"type":"object","properties":{"a":)";
    for (int i = 0; i < 500; ++i)
        deep += R"({"type":"array","items":)";
    deep += "{}";
    for (int i = 0; i < 500; ++i)
        deep += "}";
    deep += "}}";
    const QJsonDocument doc = QJsonDocument::fromJson(deep);
    if (doc.isNull())
        QSKIP("Qt's JSON parser refuses this depth");
    const QJsonObject out = JsonSchemaSanitizer::sanitize(doc.object(), Dialect::Standard);
    QCOMPARE(out[QStringLiteral("type")].toString(), QStringLiteral("object"));
}

void TestConvertParts::argumentRepair_data()
{
    QTest::addColumn<QByteArray>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<ToolArgumentsRepair::Outcome>("outcome");
    using O = ToolArgumentsRepair::Outcome;
    QTest::newRow("valid") << QByteArray(R"({"a":1,"b":[true,null]})") << R"({"a":1,"b":[true,null]})" << O::Valid;
    QTest::newRow("empty") << QByteArray("") << "{}" << O::Empty;
    QTest::newRow("spaces") << QByteArray("  \n") << "{}" << O::Empty;
    QTest::newRow("im_end") << QByteArray(R"({"a":1}<|im_end|>)") << R"({"a":1})" << O::Repaired;
    QTest::newRow("eot and fence") << QByteArray("```json\n{\"a\":1}\n```<|eot_id|>") << R"({"a":1})" << O::Repaired;
    QTest::newRow("text around") << QByteArray(R"(Sure! {"a":"x"} hope it helps)") << R"({"a":"x"})" << O::Repaired;
    QTest::newRow("single quotes") << QByteArray("{'path': '/tmp/a', 'n': 3,}") << R"({"n":3,"path":"/tmp/a"})"
                                   << O::Repaired;
    QTest::newRow("python literals") << QByteArray("{'a': True, 'b': None, 'c': False}")
                                     << R"({"a":true,"b":null,"c":false})" << O::Repaired;
    QTest::newRow("unquoted keys") << QByteArray("{command: \"ls\", timeout: 5}") << R"({"command":"ls","timeout":5})"
                                   << O::Repaired;
    QTest::newRow("truncated string") << QByteArray(R"({"file_path":"/a","content":"line1\nli)")
                                      << R"({"content":"line1\nli","file_path":"/a"})" << O::Repaired;
    QTest::newRow("truncated after key") << QByteArray(R"({"a":1,"b":)") << R"({"a":1})" << O::Repaired;
    QTest::newRow("truncated nested") << QByteArray(R"({"a":{"b":[1,2)") << R"({"a":{"b":[1,2]}})" << O::Repaired;
    QTest::newRow("raw newline in string")
        << QByteArray("{\"a\":\"x\ny\"}") << R"({"a":"x\ny"})" << O::Valid; // Qt's parser accepts it
    QTest::newRow("unicode escapes") << QByteArray(R"({'a': '\u00e9\ud83d\ude00'})") << R"({"a":"é😀"})" << O::Repaired;
    QTest::newRow("double encoded") << QByteArray(R"("{\"a\":1}")") << R"({"a":1})" << O::Repaired;
    QTest::newRow("array") << QByteArray("[1,2]") << "{}" << O::Failed;
    QTest::newRow("prose") << QByteArray("no json here") << "{}" << O::Failed;
}

void TestConvertParts::argumentRepair()
{
    QFETCH(QByteArray, arguments);
    QFETCH(QString, expected);
    QFETCH(ToolArgumentsRepair::Outcome, outcome);
    ToolArgumentsRepair::Outcome got;
    const QJsonObject out = ToolArgumentsRepair::parse(arguments, &got);
    QCOMPARE(compact(out), expected);
    QCOMPARE(got, outcome);
}

void TestConvertParts::thinkTags_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reasoning");
    QTest::addColumn<QString>("answer");
    QTest::newRow("leading think") << "<think>plan</think>\n\nAnswer"
                                   << "plan"
                                   << "Answer";
    QTest::newRow("whitespace first") << "\n <think>a</think>b"
                                      << "a"
                                      << "b";
    QTest::newRow("no think") << "Plain <think> later"
                              << ""
                              << "Plain <think> later";
    QTest::newRow("unclosed") << "<think>never closed"
                              << "never closed"
                              << "";
    QTest::newRow("almost a tag") << "<thin"
                                  << ""
                                  << "<thin";
    QTest::newRow("only think") << "<think>x</think>"
                                << "x"
                                << "";
}

void TestConvertParts::thinkTags()
{
    QFETCH(QString, text);
    QFETCH(QString, reasoning);
    QFETCH(QString, answer);
    for (int step : {1, 2, 3, 100}) {
        const auto [r, a] = splitThink(text, step);
        QCOMPARE(r, reasoning);
        QCOMPARE(a, answer);
    }
}

void TestConvertParts::textToolCalls_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // segments: T(text) or C(name:input)
    QTest::newRow("plain") << "no calls here < <tool"
                           << "T(no calls here < <tool)";
    QTest::newRow("one call")
        << "Run it.\n<tool_call>\n{\"name\": \"Bash\", \"arguments\": {\"command\": \"ls\"}}\n</tool_call>\nDone."
        << R"(T(Run it.\n)C(Bash:{"command":"ls"})T(Done.))";
    QTest::newRow("two calls")
        << "<tool_call>{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\"}}</"
           "tool_call><tool_call>{\"name\":\"Read\",\"parameters\":{\"file_path\":\"b\"}}</tool_call>"
        << R"(C(Read:{"file_path":"a"})C(Read:{"file_path":"b"}))";
    QTest::newRow("undeclared tool stays text") << "<tool_call>{\"name\":\"Nope\",\"arguments\":{}}</tool_call>"
                                                << R"(T(<tool_call>{"name":"Nope","arguments":{}}</tool_call>))";
    QTest::newRow("broken json stays text") << "<tool_call>not json</tool_call>"
                                            << "T(<tool_call>not json</tool_call>)";
    QTest::newRow("unterminated call parsed") << "<tool_call>{\"name\":\"Bash\",\"arguments\":{\"command\":\"pwd\"}}"
                                              << R"(C(Bash:{"command":"pwd"}))";
    QTest::newRow("unterminated junk") << "<tool_call>{\"na"
                                       << R"(T(<tool_call>{"na))";
}

void TestConvertParts::textToolCalls()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    for (int step : {1, 4, 1000}) {
        TextToolCallParser parser(QStringList {QStringLiteral("Bash"), QStringLiteral("Read")});
        std::vector<TextToolCallParser::Segment> segments;
        auto take = [&](std::vector<TextToolCallParser::Segment> more) {
            for (auto &s : more) {
                if (s.kind == TextToolCallParser::Segment::Kind::Text && !segments.empty()
                    && segments.back().kind == TextToolCallParser::Segment::Kind::Text)
                    segments.back().text += s.text;
                else
                    segments.push_back(s);
            }
        };
        for (int at = 0; at < text.size(); at += step)
            take(parser.feed(text.mid(at, step)));
        take(parser.finish());
        QString got;
        for (const auto &s : segments) {
            if (s.kind == TextToolCallParser::Segment::Kind::Text)
                got += QStringLiteral("T(") + QString(s.text).replace(QLatin1Char('\n'), QStringLiteral("\\n"))
                    + QLatin1Char(')');
            else
                got += QStringLiteral("C(") + s.name + QLatin1Char(':') + compact(s.input) + QLatin1Char(')');
        }
        QCOMPARE(got, expected);
    }
}

void TestConvertParts::tokenEstimatorCountsEveryPart()
{
    const QJsonObject base = object(R"({"messages":[{"role":"user","content":"hello"}]})");
    const int baseCount = TokenEstimator::estimateRequest(base);
    QVERIFY(baseCount > 0);
    auto with = [&](const char *field, const char *json) {
        QJsonObject o = base;
        o.insert(QLatin1String(field), QJsonDocument::fromJson(QByteArray("[") + json + "]").array().at(0));
        return TokenEstimator::estimateRequest(o);
    };
    QVERIFY(with("system", R"("You are a careful engineer who writes tests first.")") > baseCount + 8);
    QVERIFY(with("system", R"([{"type":"text","text":"You are a careful engineer who writes tests first."}])")
        > baseCount + 8);
    QVERIFY(
        with("tools",
            R"([{"name":"Read","description":"Reads a file from disk","input_schema":{"type":"object","properties":{"file_path":{"type":"string"}}}}])")
        > baseCount + TokenEstimator::kToolPreambleTokens + 10);
    const int withToolUse = TokenEstimator::estimateRequest(object(R"({"messages":[{"role":"user","content":"hello"},
        {"role":"assistant","content":[{"type":"tool_use","id":"t","name":"Bash","input":{"command":"make -j8 all && ctest --output-on-failure"}}]},
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":"100% tests passed, 0 tests failed out of 48"}]}]})"));
    QVERIFY(withToolUse > baseCount + 30);
    // Thinking of earlier turns is not input.
    const int withThinking = TokenEstimator::estimateRequest(object(R"({"messages":[{"role":"user","content":"hello"},
        {"role":"assistant","content":[{"type":"thinking","thinking":"a very long chain of thought that should not count at all","signature":"s"},{"type":"text","text":"hi"}]}]})"));
    QVERIFY(withThinking < baseCount + 12);
    // Text classes: CJK counts per character, code and numbers are denser than prose.
    QVERIFY(TokenEstimator::estimateText(QStringLiteral("这是一个测试句子")) >= 8);
    QVERIFY(TokenEstimator::estimateText(QStringLiteral("1234567890")) >= 4);
    QCOMPARE(TokenEstimator::estimateText(QString()), 0);
}

void TestConvertParts::tokenEstimatorImages()
{
    // A 1x1 PNG header, a 1000x500 PNG header, a GIF and a JPEG frame header.
    const QByteArray png1 = QByteArray::fromHex("89504e470d0a1a0a0000000d494844520000000100000001080600000000");
    const QByteArray png = QByteArray::fromHex("89504e470d0a1a0a0000000d49484452000003e8000001f4080600000000");
    const QByteArray gif = QByteArray("GIF89a") + QByteArray::fromHex("2003e001");
    const QByteArray jpeg
        = QByteArray::fromHex("ffd8ffe000104a46494600010100000100010000ffc0001108043808000301220002110103110100");
    int w = 0;
    int h = 0;
    QVERIFY(TokenEstimator::imageSizeFromBase64(QString::fromLatin1(png.toBase64()), &w, &h));
    QCOMPARE(w, 1000);
    QCOMPARE(h, 500);
    QVERIFY(TokenEstimator::imageSizeFromBase64(QString::fromLatin1(gif.toBase64()), &w, &h));
    QCOMPARE(w, 800);
    QCOMPARE(h, 480);
    QVERIFY(TokenEstimator::imageSizeFromBase64(QString::fromLatin1(jpeg.toBase64()), &w, &h));
    QCOMPARE(w, 2048);
    QCOMPARE(h, 1080);
    auto image = [](const QByteArray &bytes) {
        return object(QByteArray(R"({"type":"image","source":{"type":"base64","media_type":"image/png","data":")")
            + bytes.toBase64() + "\"}}");
    };
    QCOMPARE(TokenEstimator::estimateImage(image(png)), 667); // 1000*500/750
    QCOMPARE(TokenEstimator::estimateImage(image(png1)), 1);
    QCOMPARE(TokenEstimator::estimateImage(image(jpeg)), 1534); // 2048x1080 scaled to 1568 px, then to 1.15 MP
    QCOMPARE(
        TokenEstimator::estimateImage(object(R"({"type":"image","source":{"type":"url","url":"https://x/y.png"}})")),
        TokenEstimator::kDefaultImageTokens);
    QCOMPARE(TokenEstimator::estimateImage(image("garbage")), TokenEstimator::kDefaultImageTokens);
}

void TestConvertParts::profiles_data()
{
    QTest::addColumn<QString>("platform");
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("reasoningStyle");
    QTest::addColumn<bool>("supportsReasoning");
    QTest::addColumn<bool>("supportsVision");
    QTest::addColumn<int>("maxOutput");
    QTest::addColumn<bool>("maxCompletionTokens");
    using K = ConversionProfile::PlatformKind;
    using R = ConversionProfile::ReasoningStyle;
    QTest::newRow("qwen coder") << "dashscope"
                                << "qwen3-coder-plus" << int(K::DashScope) << int(R::EnableThinking) << false << false
                                << 65536 << false;
    QTest::newRow("qwen plus") << "dashscope"
                               << "qwen-plus" << int(K::DashScope) << int(R::EnableThinking) << true << false << 32768
                               << false;
    QTest::newRow("qwen vl") << "dashscope"
                             << "qwen-vl-max" << int(K::DashScope) << int(R::EnableThinking) << false << true << 8192
                             << false;
    QTest::newRow("openrouter") << "openrouter"
                                << "anthropic/claude-sonnet-4.5" << int(K::OpenRouter) << int(R::OpenRouterReasoning)
                                << true << true << 32768 << false;
    QTest::newRow("siliconflow") << "siliconflow"
                                 << "deepseek-ai/DeepSeek-V3.1" << int(K::SiliconFlow) << int(R::EnableThinking) << true
                                 << false << 16384 << false;
    QTest::newRow("deepseek") << "openai"
                              << "deepseek-chat" << int(K::DeepSeek) << int(R::DeepSeekThinking) << true << false
                              << 8192 << false;
    QTest::newRow("gpt-4o") << "openai"
                            << "gpt-4o" << int(K::OpenAI) << int(R::None) << false << true << 16384 << false;
    QTest::newRow("o3") << "openai"
                        << "o3" << int(K::OpenAI) << int(R::ReasoningEffort) << true << true << 100000 << true;
    QTest::newRow("ollama llama") << "ollama"
                                  << "llama3.1:8b" << int(K::Ollama) << int(R::None) << false << false << 0 << false;
    QTest::newRow("ollama qwen3") << "ollama"
                                  << "qwen3:8b" << int(K::Ollama) << int(R::ReasoningEffort) << true << false << 0
                                  << false;
    QTest::newRow("lmstudio") << "lmstudio"
                              << "google/gemma-3-12b" << int(K::LMStudio) << int(R::None) << false << true << 0
                              << false;
    QTest::newRow("unknown type") << "something"
                                  << "my-model" << int(K::GenericOpenAI) << int(R::None) << false << false << 0
                                  << false;
}

void TestConvertParts::profiles()
{
    QFETCH(QString, platform);
    QFETCH(QString, model);
    QFETCH(int, kind);
    QFETCH(int, reasoningStyle);
    QFETCH(bool, supportsReasoning);
    QFETCH(bool, supportsVision);
    QFETCH(int, maxOutput);
    QFETCH(bool, maxCompletionTokens);
    const ConversionProfile p = ConversionProfile::forPlatform(platform, model);
    QCOMPARE(p.model, model);
    QCOMPARE(int(p.kind), kind);
    QCOMPARE(int(p.reasoningStyle), reasoningStyle);
    QCOMPARE(p.supportsReasoning, supportsReasoning);
    QCOMPARE(p.supportsVision, supportsVision);
    QCOMPARE(p.maxOutputTokens, maxOutput);
    QCOMPARE(p.useMaxCompletionTokens, maxCompletionTokens);
    QVERIFY(p.supportsTools);
    QVERIFY(p.sendStreamUsage);
}

void TestConvertParts::profileOverrides()
{
    ConversionProfile::Overrides o;
    o.contextWindow = 32768;
    o.maxOutputTokens = 4096;
    o.supportsTools = false;
    o.supportsVision = true;
    o.supportsReasoning = true;
    const ConversionProfile p = ConversionProfile::forPlatform(QStringLiteral("lmstudio"), QStringLiteral("local"), o);
    QCOMPARE(p.contextWindow, 32768);
    QCOMPARE(p.maxOutputTokens, 4096);
    QVERIFY(p.emulatesTools());
    QVERIFY(p.supportsVision);
    QVERIFY(p.supportsReasoning);
    QCOMPARE(p.reasoningStyle, ConversionProfile::ReasoningStyle::ReasoningEffort);
    QCOMPARE(ConversionProfile::forPlatform(QStringLiteral("openrouter"), QStringLiteral("google/gemini-2.5-pro"))
                 .schemaDialect,
        Dialect::Strict);
    QVERIFY(
        !ConversionProfile::forPlatform(QStringLiteral("dashscope"), QStringLiteral("qwq-plus")).canDisableReasoning);
}

QTEST_GUILESS_MAIN(TestConvertParts)
