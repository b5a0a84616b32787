#include "TestAnthropicToOpenAIRequest.h"
#include "ConvertTestSupport.h"
#include "TestSupport.h"

#include "convert/AnthropicToOpenAIRequest.h"
#include "convert/TokenEstimator.h"
#include "convert/ToolEmulation.h"
#include "convert/ToolNameMap.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using ConvertTestSupport::object;

namespace {

ConversionProfile genericProfile()
{
    ConversionProfile p = ConversionProfile::forPlatform(QStringLiteral("openai"), QStringLiteral("test-model"));
    p.supportsVision = true;
    return p;
}

OpenAIRequestConversion convert(const char *json, const ConversionProfile &profile = genericProfile())
{
    OpenAIRequestConversion result = AnthropicToOpenAIRequest::convert(object(json), profile);
    if (!result.ok())
        qWarning() << "conversion error:" << result.error;
    return result;
}

QJsonArray messagesOf(const OpenAIRequestConversion &r)
{
    return r.openai.value(QStringLiteral("messages")).toArray();
}

QString compact(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact));
}

QStringList roles(const QJsonArray &messages)
{
    QStringList out;
    for (const QJsonValue &m : messages)
        out << m.toObject().value(QStringLiteral("role")).toString();
    return out;
}

bool containsKeyAnywhere(const QJsonValue &value, const QString &key)
{
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.key() == key || containsKeyAnywhere(it.value(), key))
                return true;
        }
    } else if (value.isArray()) {
        for (const QJsonValue &v : value.toArray()) {
            if (containsKeyAnywhere(v, key))
                return true;
        }
    }
    return false;
}

// An assistant turn with text and two tool calls (the reference's §5.1.2 example).
const char kToolTurn[] = "{\"role\":\"assistant\",\"content\":["
                         "{\"type\":\"text\",\"text\":\"I'll read both.\"},"
                         "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Read\",\"input\":{\"file_path\":\"a\"}},"
                         "{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":\"Read\",\"input\":{}}]}";

} // namespace

void TestAnthropicToOpenAIRequest::rejectsRequestsWithoutMessages_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("errorStart");
    QTest::newRow("missing") << QByteArray(R"({"model":"m","max_tokens":10})")
                             << QStringLiteral("messages: Field required");
    QTest::newRow("empty") << QByteArray(R"({"model":"m","messages":[]})") << QStringLiteral("messages: at least one");
    QTest::newRow("bad content") << QByteArray(R"({"messages":[{"role":"user","content":5}]})")
                                 << QStringLiteral("messages.0.content");
    QTest::newRow("bad role") << QByteArray(R"({"messages":[{"role":"tool","content":"x"}]})")
                              << QStringLiteral("messages.0.role");
}

void TestAnthropicToOpenAIRequest::rejectsRequestsWithoutMessages()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, errorStart);
    const OpenAIRequestConversion r = AnthropicToOpenAIRequest::convert(object(json), genericProfile());
    QVERIFY(!r.ok());
    QVERIFY2(r.error.startsWith(errorStart), qPrintable(r.error));
    QVERIFY(r.openai.isEmpty());
}

void TestAnthropicToOpenAIRequest::systemStringBecomesFirstMessage()
{
    const auto r = convert(R"({"model":"claude-x","system":"Be brief.","messages":[{"role":"user","content":"hi"}]})");
    const QJsonArray m = messagesOf(r);
    QCOMPARE(roles(m), (QStringList {QStringLiteral("system"), QStringLiteral("user")}));
    QCOMPARE(m.at(0)[QStringLiteral("content")].toString(), QStringLiteral("Be brief."));
    QCOMPARE(m.at(1)[QStringLiteral("content")].toString(), QStringLiteral("hi"));
    QCOMPARE(r.openai[QStringLiteral("model")].toString(), QStringLiteral("test-model"));
}

void TestAnthropicToOpenAIRequest::systemBlocksDropBillingHeaderAndJoin()
{
    const auto r = convert(R"({"system":[
        {"type":"text","text":"x-anthropic-billing-header: cc_version=2.1.37.0d9; cc_entrypoint=cli; cch=fa690;"},
        {"type":"text","text":"Identity.","cache_control":{"type":"ephemeral"}},
        {"type":"text","text":"  "},
        {"type":"text","text":"Rules.","cache_control":{"type":"ephemeral","ttl":"1h"}}],
        "messages":[{"role":"user","content":"hi"}]})");
    const QJsonArray m = messagesOf(r);
    QCOMPARE(m.at(0)[QStringLiteral("content")].toString(), QStringLiteral("Identity.\n\nRules."));
    QVERIFY(!containsKeyAnywhere(r.openai, QStringLiteral("cache_control")));
}

void TestAnthropicToOpenAIRequest::inlineSystemMessagesJoinTheSystemPrompt()
{
    const auto r = convert(R"({"system":"Top.","messages":[
        {"role":"user","content":"first"},
        {"role":"system","content":[{"type":"text","text":"Environment: linux","cache_control":{"type":"ephemeral"}}]},
        {"role":"assistant","content":"ok"},
        {"role":"system","content":"Later note."},
        {"role":"user","content":"second"}]})");
    const QJsonArray m = messagesOf(r);
    QCOMPARE(roles(m),
        (QStringList {
            QStringLiteral("system"), QStringLiteral("user"), QStringLiteral("assistant"), QStringLiteral("user")}));
    QCOMPARE(
        m.at(0)[QStringLiteral("content")].toString(), QStringLiteral("Top.\n\nEnvironment: linux\n\nLater note."));
}

void TestAnthropicToOpenAIRequest::emptyTextBlocksAreDropped()
{
    const auto r = convert(R"({"messages":[
        {"role":"user","content":[{"type":"text","text":""},{"type":"text","text":" \n"},{"type":"text","text":"real"}]},
        {"role":"assistant","content":[{"type":"text","text":""},{"type":"text","text":"answer"}]},
        {"role":"user","content":[{"type":"text","text":"   "}]},
        {"role":"assistant","content":[{"type":"text","text":"  "}]},
        {"role":"user","content":"next"}]})");
    const QJsonArray m = messagesOf(r);
    QCOMPARE(roles(m), (QStringList {QStringLiteral("user"), QStringLiteral("assistant"), QStringLiteral("user")}));
    QCOMPARE(m.at(0)[QStringLiteral("content")].toString(), QStringLiteral("real"));
    QCOMPARE(m.at(1)[QStringLiteral("content")].toString(), QStringLiteral("answer"));
    QCOMPARE(m.at(2)[QStringLiteral("content")].toString(), QStringLiteral("next"));
}

void TestAnthropicToOpenAIRequest::userStringContentPassesThrough()
{
    const auto r = convert(
        R"({"messages":[{"role":"user","content":"hello"},{"role":"assistant","content":"hi"},{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}]})");
    const QJsonArray m = messagesOf(r);
    QCOMPARE(compact(m.at(0)), QStringLiteral(R"({"content":"hello","role":"user"})"));
    QCOMPARE(compact(m.at(1)), QStringLiteral(R"({"content":"hi","role":"assistant"})"));
    QCOMPARE(m.at(2)[QStringLiteral("content")].toString(), QStringLiteral("a\n\nb"));
}

void TestAnthropicToOpenAIRequest::imagesBecomeImageUrlParts_data()
{
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QString>("url");
    QTest::newRow("base64") << QByteArray(R"({"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="})")
                            << QStringLiteral("data:image/png;base64,iVBORw0KGgo=");
    QTest::newRow("base64 with data prefix")
        << QByteArray(R"({"type":"base64","media_type":"image/jpeg","data":"data:image/jpeg;base64,/9j/4AAQ"})")
        << QStringLiteral("data:image/jpeg;base64,/9j/4AAQ");
    QTest::newRow("url") << QByteArray(R"({"type":"url","url":"https://example.com/a.png"})")
                         << QStringLiteral("https://example.com/a.png");
}

void TestAnthropicToOpenAIRequest::imagesBecomeImageUrlParts()
{
    QFETCH(QByteArray, source);
    QFETCH(QString, url);
    const QByteArray json
        = R"({"messages":[{"role":"user","content":[{"type":"text","text":"what is this?"},{"type":"image","source":)"
        + source + "}]}]}";
    const auto r = AnthropicToOpenAIRequest::convert(object(json), genericProfile());
    const QJsonArray parts = messagesOf(r).at(0)[QStringLiteral("content")].toArray();
    QCOMPARE(parts.size(), 2);
    QCOMPARE(parts.at(0)[QStringLiteral("type")].toString(), QStringLiteral("text"));
    QCOMPARE(parts.at(1)[QStringLiteral("type")].toString(), QStringLiteral("image_url"));
    QCOMPARE(parts.at(1)[QStringLiteral("image_url")][QStringLiteral("url")].toString(), url);
}

void TestAnthropicToOpenAIRequest::imagesBecomePlaceholdersWithoutVision()
{
    ConversionProfile p = genericProfile();
    p.supportsVision = false;
    const auto r = convert(
        R"({"messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAAA"}},{"type":"text","text":"describe"}]}]})",
        p);
    const QJsonValue content = messagesOf(r).at(0)[QStringLiteral("content")];
    QVERIFY(content.isString());
    QCOMPARE(content.toString(), AnthropicToOpenAIRequest::imageOmittedText() + QStringLiteral("\n\ndescribe"));
    QVERIFY(!compact(r.openai).contains(QStringLiteral("image_url")));
}

void TestAnthropicToOpenAIRequest::assistantToolUseBecomesToolCalls()
{
    const QByteArray json = QByteArray(R"({"messages":[{"role":"user","content":"read a and b"},)") + kToolTurn
        + R"(,{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"A"},{"type":"tool_result","tool_use_id":"toolu_2","content":"B"}]}]})";
    const auto r = AnthropicToOpenAIRequest::convert(object(json), genericProfile());
    const QJsonArray m = messagesOf(r);
    QCOMPARE(roles(m),
        (QStringList {
            QStringLiteral("user"), QStringLiteral("assistant"), QStringLiteral("tool"), QStringLiteral("tool")}));
    const QJsonObject assistant = m.at(1).toObject();
    QCOMPARE(assistant[QStringLiteral("content")].toString(), QStringLiteral("I'll read both."));
    const QJsonArray calls = assistant[QStringLiteral("tool_calls")].toArray();
    QCOMPARE(calls.size(), 2);
    QCOMPARE(compact(calls.at(0)),
        QStringLiteral(
            R"({"function":{"arguments":"{\"file_path\":\"a\"}","name":"Read"},"id":"toolu_1","type":"function"})"));
    // E2: empty input is "{}", never "".
    QCOMPARE(calls.at(1)[QStringLiteral("function")][QStringLiteral("arguments")].toString(), QStringLiteral("{}"));
    QCOMPARE(compact(m.at(2)), QStringLiteral(R"({"content":"A","role":"tool","tool_call_id":"toolu_1"})"));
    QCOMPARE(compact(m.at(3)), QStringLiteral(R"({"content":"B","role":"tool","tool_call_id":"toolu_2"})"));

    // Without text the content is null (or "" when the profile asks for it).
    const char noText[]
        = R"({"messages":[{"role":"user","content":"x"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"Bash","input":{"command":"ls"}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"ok"}]}]})";
    QVERIFY(messagesOf(convert(noText)).at(1)[QStringLiteral("content")].isNull());
    ConversionProfile emptyString = genericProfile();
    emptyString.assistantContentNullWithToolCalls = false;
    QCOMPARE(messagesOf(convert(noText, emptyString)).at(1)[QStringLiteral("content")], QJsonValue(QString()));
}

void TestAnthropicToOpenAIRequest::toolResultsComeFirstThenUserText()
{
    // §5.1.3, the critical case: results, a reminder and an image in one user message.
    const QByteArray json = QByteArray(R"({"messages":[{"role":"user","content":"go"},)") + kToolTurn + R"(,
        {"role":"user","content":[
            {"type":"tool_result","tool_use_id":"toolu_1","content":"file a contents"},
            {"type":"tool_result","tool_use_id":"toolu_2","is_error":true,
             "content":[{"type":"text","text":"<tool_use_error>File does not exist.</tool_use_error>"}]},
            {"type":"text","text":"<system-reminder>todo list changed</system-reminder>"},
            {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBOR"}}]}]})";
    const auto r = AnthropicToOpenAIRequest::convert(object(json), genericProfile());
    const QJsonArray m = messagesOf(r);
    QCOMPARE(roles(m),
        (QStringList {QStringLiteral("user"), QStringLiteral("assistant"), QStringLiteral("tool"),
            QStringLiteral("tool"), QStringLiteral("user")}));
    QCOMPARE(m.at(2)[QStringLiteral("tool_call_id")].toString(), QStringLiteral("toolu_1"));
    QCOMPARE(m.at(2)[QStringLiteral("content")].toString(), QStringLiteral("file a contents"));
    QCOMPARE(m.at(3)[QStringLiteral("tool_call_id")].toString(), QStringLiteral("toolu_2"));
    QCOMPARE(m.at(3)[QStringLiteral("content")].toString(),
        QStringLiteral("Error: <tool_use_error>File does not exist.</tool_use_error>"));
    QCOMPARE(compact(m.at(4)[QStringLiteral("content")]),
        QStringLiteral(
            R"([{"text":"<system-reminder>todo list changed</system-reminder>","type":"text"},{"image_url":{"url":"data:image/png;base64,iVBOR"},"type":"image_url"}])"));
}

void TestAnthropicToOpenAIRequest::toolResultContentForms_data()
{
    QTest::addColumn<QByteArray>("result");
    QTest::addColumn<QString>("content");
    QTest::newRow("string") << QByteArray(R"({"type":"tool_result","tool_use_id":"t1","content":"259.75 USD"})")
                            << QStringLiteral("259.75 USD");
    QTest::newRow("blocks joined") << QByteArray(
        R"({"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"line 1"},{"type":"text","text":"line 2"}]})")
                                   << QStringLiteral("line 1\nline 2");
    QTest::newRow("is_error string") << QByteArray(
        R"({"type":"tool_result","tool_use_id":"t1","is_error":true,"content":"boom"})")
                                     << QStringLiteral("Error: boom");
    QTest::newRow("missing content") << QByteArray(R"({"type":"tool_result","tool_use_id":"t1"})")
                                     << QStringLiteral("(no content)");
    QTest::newRow("empty array") << QByteArray(R"({"type":"tool_result","tool_use_id":"t1","content":[]})")
                                 << QStringLiteral("(no content)");
    QTest::newRow("document text") << QByteArray(
        R"({"type":"tool_result","tool_use_id":"t1","content":[{"type":"document","source":{"type":"text","media_type":"text/plain","data":"plain"}}]})")
                                   << QStringLiteral("plain");
    QTest::newRow("cache_control ignored")
        << QByteArray(R"({"type":"tool_result","tool_use_id":"t1","content":"x","cache_control":{"type":"ephemeral"}})")
        << QStringLiteral("x");
}

void TestAnthropicToOpenAIRequest::toolResultContentForms()
{
    QFETCH(QByteArray, result);
    QFETCH(QString, content);
    const QByteArray json
        = R"({"messages":[{"role":"user","content":"x"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"Bash","input":{}}]},{"role":"user","content":[)"
        + result + "]}]}";
    const auto r = AnthropicToOpenAIRequest::convert(object(json), genericProfile());
    const QJsonArray m = messagesOf(r);
    QCOMPARE(m.size(), 3);
    QCOMPARE(m.at(2)[QStringLiteral("role")].toString(), QStringLiteral("tool"));
    QCOMPARE(m.at(2)[QStringLiteral("content")].toString(), content);
}

void TestAnthropicToOpenAIRequest::toolResultImagesMoveToUserMessageOrPlaceholder()
{
    const char json[] = R"({"messages":[{"role":"user","content":"shoot"},
        {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"Screenshot","input":{}}]},
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":[
            {"type":"text","text":"Screenshot taken"},
            {"type":"image","source":{"type":"base64","media_type":"image/png","data":"QUJD"}}]}]}]})";
    // Vision: the tool message stays text (OpenAI allows no image there); the image follows in a user message.
    const QJsonArray vision = messagesOf(convert(json));
    QCOMPARE(roles(vision),
        (QStringList {
            QStringLiteral("user"), QStringLiteral("assistant"), QStringLiteral("tool"), QStringLiteral("user")}));
    QVERIFY(vision.at(2)[QStringLiteral("content")].isString());
    QVERIFY(vision.at(2)[QStringLiteral("content")].toString().startsWith(QStringLiteral("Screenshot taken\n")));
    const QJsonArray parts = vision.at(3)[QStringLiteral("content")].toArray();
    QCOMPARE(parts.size(), 2);
    QCOMPARE(parts.at(1)[QStringLiteral("image_url")][QStringLiteral("url")].toString(),
        QStringLiteral("data:image/png;base64,QUJD"));

    // No vision (E9): a placeholder inside the tool message, nothing after it.
    ConversionProfile p = genericProfile();
    p.supportsVision = false;
    const QJsonArray blind = messagesOf(convert(json, p));
    QCOMPARE(roles(blind), (QStringList {QStringLiteral("user"), QStringLiteral("assistant"), QStringLiteral("tool")}));
    QCOMPARE(blind.at(2)[QStringLiteral("content")].toString(),
        QStringLiteral("Screenshot taken\n") + AnthropicToOpenAIRequest::imageOmittedText());
}

void TestAnthropicToOpenAIRequest::orphanToolUseGetsNoResultMessage()
{
    // An interrupted turn: the user answered with text only, then the conversation went on.
    const QByteArray json = QByteArray(R"({"messages":[{"role":"user","content":"go"},)") + kToolTurn + R"(,
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_2","content":"B"},{"type":"text","text":"stop, do something else"}]}]})";
    const QJsonArray m = messagesOf(AnthropicToOpenAIRequest::convert(object(json), genericProfile()));
    QCOMPARE(roles(m),
        (QStringList {QStringLiteral("user"), QStringLiteral("assistant"), QStringLiteral("tool"),
            QStringLiteral("tool"), QStringLiteral("user")}));
    QCOMPARE(m.at(2)[QStringLiteral("tool_call_id")].toString(), QStringLiteral("toolu_2"));
    QCOMPARE(m.at(3)[QStringLiteral("tool_call_id")].toString(), QStringLiteral("toolu_1"));
    QCOMPARE(m.at(3)[QStringLiteral("content")].toString(), AnthropicToOpenAIRequest::noResultText());
    QCOMPARE(m.at(4)[QStringLiteral("content")].toString(), QStringLiteral("stop, do something else"));

    // An assistant tool call followed directly by another assistant message, and one at the very end.
    const QJsonArray tail = messagesOf(convert(R"({"messages":[{"role":"user","content":"x"},
        {"role":"assistant","content":[{"type":"tool_use","id":"a1","name":"Bash","input":{}}]},
        {"role":"assistant","content":"more"},
        {"role":"user","content":"y"},
        {"role":"assistant","content":[{"type":"tool_use","id":"a2","name":"Bash","input":{}}]}]})"));
    QCOMPARE(roles(tail),
        (QStringList {QStringLiteral("user"), QStringLiteral("assistant"), QStringLiteral("tool"),
            QStringLiteral("assistant"), QStringLiteral("user"), QStringLiteral("assistant"), QStringLiteral("tool")}));
}

void TestAnthropicToOpenAIRequest::orphanToolResultBecomesText()
{
    const QJsonArray m = messagesOf(
        convert(R"({"messages":[{"role":"user","content":"x"},{"role":"assistant","content":"no tools here"},
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"ghost","content":"stale"},{"type":"text","text":"continue"}]}]})"));
    QCOMPARE(roles(m), (QStringList {QStringLiteral("user"), QStringLiteral("assistant"), QStringLiteral("user")}));
    QCOMPARE(m.at(2)[QStringLiteral("content")].toString(),
        QStringLiteral("[Result of tool call ghost]\nstale\n\ncontinue"));
}

void TestAnthropicToOpenAIRequest::resultsInAnotherOrderStayPaired()
{
    const QByteArray json = QByteArray(R"({"messages":[{"role":"user","content":"go"},)") + kToolTurn + R"(,
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_2","content":"B"},{"type":"tool_result","tool_use_id":"toolu_1","content":"A"}]}]})";
    const QJsonArray m = messagesOf(AnthropicToOpenAIRequest::convert(object(json), genericProfile()));
    QCOMPARE(m.at(2)[QStringLiteral("tool_call_id")].toString(), QStringLiteral("toolu_2"));
    QCOMPARE(m.at(2)[QStringLiteral("content")].toString(), QStringLiteral("B"));
    QCOMPARE(m.at(3)[QStringLiteral("tool_call_id")].toString(), QStringLiteral("toolu_1"));
    QCOMPARE(m.at(3)[QStringLiteral("content")].toString(), QStringLiteral("A"));
}

void TestAnthropicToOpenAIRequest::duplicateToolUseIdsStayUnique()
{
    const QJsonArray m = messagesOf(convert(R"({"messages":[{"role":"user","content":"x"},
        {"role":"assistant","content":[{"type":"tool_use","id":"dup","name":"Bash","input":{"command":"a"}},{"type":"tool_use","id":"dup","name":"Bash","input":{"command":"b"}}]},
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"dup","content":"first"},{"type":"tool_result","tool_use_id":"dup","content":"second"}]}]})"));
    const QJsonArray calls = m.at(1)[QStringLiteral("tool_calls")].toArray();
    const QString first = calls.at(0)[QStringLiteral("id")].toString();
    const QString second = calls.at(1)[QStringLiteral("id")].toString();
    QVERIFY(first != second);
    QCOMPARE(m.at(2)[QStringLiteral("tool_call_id")].toString(), first);
    QCOMPARE(m.at(2)[QStringLiteral("content")].toString(), QStringLiteral("first"));
    QCOMPARE(m.at(3)[QStringLiteral("tool_call_id")].toString(), second);
    QCOMPARE(m.at(3)[QStringLiteral("content")].toString(), QStringLiteral("second"));
}

void TestAnthropicToOpenAIRequest::toolIdsAreNormalizedOnBothSides()
{
    // E13: the id the client echoes (already normalized when we produced it, or odd from elsewhere) maps the
    // same way in tool_use and tool_result, with no state kept between requests.
    const QJsonArray m = messagesOf(convert(R"({"messages":[{"role":"user","content":"x"},
        {"role":"assistant","content":[{"type":"tool_use","id":"functions.Bash:0","name":"Bash","input":{}}]},
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"functions.Bash:0","content":"ok"}]}]})"));
    const QString id = m.at(1)[QStringLiteral("tool_calls")][0][QStringLiteral("id")].toString();
    QVERIFY(ToolNameMap::isValidId(id));
    QVERIFY(id.startsWith(QStringLiteral("functions_Bash_0_")));
    QCOMPARE(m.at(2)[QStringLiteral("tool_call_id")].toString(), id);
    QCOMPARE(id, ToolNameMap::normalizeId(QStringLiteral("functions.Bash:0")));
    QCOMPARE(ToolNameMap::normalizeId(id), id); // idempotent
}

void TestAnthropicToOpenAIRequest::longToolNamesAreShortenedAndMappedBack()
{
    const QString longName = QStringLiteral("mcp__some-server__") + QString(60, QLatin1Char('x'));
    const QByteArray json = QStringLiteral(R"({"tools":[{"name":"%1","input_schema":{"type":"object","properties":{}}}],
        "tool_choice":{"type":"tool","name":"%1"},
        "messages":[{"role":"user","content":"x"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"%1","input":{}}]},
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"ok"}]}]})")
                                .arg(longName)
                                .toUtf8();
    const auto r = AnthropicToOpenAIRequest::convert(object(json), genericProfile());
    const QString upstream
        = r.openai[QStringLiteral("tools")][0][QStringLiteral("function")][QStringLiteral("name")].toString();
    QCOMPARE(upstream.size(), 64);
    const QString expectedHash
        = QString::fromLatin1(QCryptographicHash::hash(longName.toUtf8(), QCryptographicHash::Sha256).toHex().left(8));
    QCOMPARE(upstream, longName.left(55) + QLatin1Char('_') + expectedHash);
    QCOMPARE(r.openai[QStringLiteral("tool_choice")][QStringLiteral("function")][QStringLiteral("name")].toString(),
        upstream);
    QCOMPARE(messagesOf(r)
                 .at(1)[QStringLiteral("tool_calls")][0][QStringLiteral("function")][QStringLiteral("name")]
                 .toString(),
        upstream);
    QCOMPARE(r.context.toolNames.toClient(upstream), longName);
    QCOMPARE(r.context.toolNames.toClient(QStringLiteral("Read")), QStringLiteral("Read"));
}

void TestAnthropicToOpenAIRequest::toolsBecomeFunctions()
{
    const auto r = convert(R"({"messages":[{"role":"user","content":"x"}],"tools":[
        {"name":"WebFetch","description":"Fetch a page","input_schema":{"$schema":"http://json-schema.org/draft-07/schema#","type":"object",
          "properties":{"url":{"type":"string","format":"uri"}},"required":["url","url"],"additionalProperties":false}},
        {"name":"NoSchema","description":"d"},
        {"type":"custom","name":"Custom","input_schema":{"type":"object","properties":{"a":{"type":"string"}}}}]})");
    const QJsonArray tools = r.openai[QStringLiteral("tools")].toArray();
    QCOMPARE(tools.size(), 3);
    QCOMPARE(compact(tools.at(0)),
        QStringLiteral(
            R"({"function":{"description":"Fetch a page","name":"WebFetch","parameters":{"additionalProperties":false,"properties":{"url":{"format":"uri","type":"string"}},"required":["url"],"type":"object"}},"type":"function"})"));
    // E15: a missing schema is backfilled; the Anthropic `type` never leaks into parameters.
    QCOMPARE(compact(tools.at(1)[QStringLiteral("function")][QStringLiteral("parameters")]),
        QStringLiteral(R"({"properties":{},"type":"object"})"));
    QCOMPARE(tools
                 .at(2)[QStringLiteral("function")][QStringLiteral("parameters")][QStringLiteral("properties")]
                       [QStringLiteral("a")][QStringLiteral("type")]
                 .toString(),
        QStringLiteral("string"));
    QCOMPARE(r.context.declaredTools,
        (QStringList {QStringLiteral("WebFetch"), QStringLiteral("NoSchema"), QStringLiteral("Custom")}));
}

void TestAnthropicToOpenAIRequest::serverAndDeferredToolsAreDropped()
{
    const auto r = convert(R"({"messages":[{"role":"user","content":"x"}],"tool_choice":{"type":"auto"},"tools":[
        {"type":"web_search_20250305","name":"web_search","max_uses":5},
        {"name":"Later","description":"d","input_schema":{"type":"object","properties":{}},"defer_loading":true}]})");
    QVERIFY(!r.openai.contains(QStringLiteral("tools")));
    QVERIFY(!r.openai.contains(QStringLiteral("tool_choice")));
    QCOMPARE(r.notes.size(), 2);
}

void TestAnthropicToOpenAIRequest::toolChoiceMatrix_data()
{
    QTest::addColumn<QString>("platform");
    QTest::addColumn<QByteArray>("choice");
    QTest::addColumn<int>("toolCount");
    QTest::addColumn<QString>("expected"); // compact JSON of tool_choice, or "absent"
    QTest::addColumn<bool>("parallelFalse");
    QTest::newRow("absent") << "openai" << QByteArray("null") << 2 << "absent" << false;
    QTest::newRow("auto") << "openai" << QByteArray(R"({"type":"auto"})") << 2 << R"(["auto"])" << false;
    QTest::newRow("any -> required") << "openai" << QByteArray(R"({"type":"any"})") << 2 << R"(["required"])" << false;
    QTest::newRow("any, no required, one tool") << "dashscope" << QByteArray(R"({"type":"any"})") << 1
                                                << R"([{"function":{"name":"T0"},"type":"function"}])" << false;
    QTest::newRow("any, no required, two tools")
        << "dashscope" << QByteArray(R"({"type":"any"})") << 2 << R"(["auto"])" << false;
    QTest::newRow("tool") << "openai" << QByteArray(R"({"type":"tool","name":"T1"})") << 2
                          << R"([{"function":{"name":"T1"},"type":"function"}])" << false;
    QTest::newRow("none") << "openai" << QByteArray(R"({"type":"none"})") << 2 << R"(["none"])" << false;
    QTest::newRow("disable parallel") << "openai" << QByteArray(R"({"type":"auto","disable_parallel_tool_use":true})")
                                      << 2 << R"(["auto"])" << true;
    QTest::newRow("any without tools") << "openai" << QByteArray(R"({"type":"any"})") << 0 << "absent" << false;
}

void TestAnthropicToOpenAIRequest::toolChoiceMatrix()
{
    QFETCH(QString, platform);
    QFETCH(QByteArray, choice);
    QFETCH(int, toolCount);
    QFETCH(QString, expected);
    QFETCH(bool, parallelFalse);
    QByteArray tools = "[";
    for (int i = 0; i < toolCount; ++i)
        tools += (i ? "," : "")
            + QStringLiteral(R"({"name":"T%1","input_schema":{"type":"object","properties":{}}})").arg(i).toUtf8();
    tools += "]";
    const QByteArray json
        = R"({"messages":[{"role":"user","content":"x"}],"tools":)" + tools + R"(,"tool_choice":)" + choice + "}";
    const auto r = AnthropicToOpenAIRequest::convert(
        object(json), ConversionProfile::forPlatform(platform, QStringLiteral("m")));
    if (expected == QLatin1String("absent"))
        QVERIFY(!r.openai.contains(QStringLiteral("tool_choice")));
    else
        QCOMPARE(compact(QJsonArray {r.openai.value(QStringLiteral("tool_choice"))}), expected);
    QCOMPARE(r.openai.contains(QStringLiteral("parallel_tool_calls")), parallelFalse);
    if (parallelFalse)
        QCOMPARE(r.openai[QStringLiteral("parallel_tool_calls")].toBool(true), false);
}

void TestAnthropicToOpenAIRequest::samplingStopAndUnknownFields()
{
    const auto r = convert(R"({"model":"claude-x","max_tokens":100,"temperature":0.2,"top_p":0.9,"top_k":40,
        "stop_sequences":["a","b","c","d","e"],"messages":[{"role":"user","content":"x"}],
        "context_management":{"edits":[]},"output_config":{"effort":"high"},"container":"c1","service_tier":"auto",
        "cache_control":{"type":"ephemeral"},"inference_geo":"us","mcp_servers":[]})");
    QCOMPARE(r.openai[QStringLiteral("temperature")].toDouble(), 0.2);
    QCOMPARE(r.openai[QStringLiteral("top_p")].toDouble(), 0.9);
    QCOMPARE(compact(r.openai[QStringLiteral("stop")]), QStringLiteral(R"(["a","b","c","d"])"));
    QCOMPARE(r.context.stopSequences.size(), 5);
    const QStringList allowed {QStringLiteral("model"), QStringLiteral("messages"), QStringLiteral("max_tokens"),
        QStringLiteral("temperature"), QStringLiteral("top_p"), QStringLiteral("stop")};
    for (const QString &key : r.openai.keys())
        QVERIFY2(allowed.contains(key), qPrintable(QStringLiteral("unexpected field forwarded: ") + key));
}

void TestAnthropicToOpenAIRequest::maxTokensClamping_data()
{
    QTest::addColumn<QString>("platform");
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("requested");
    QTest::addColumn<int>("contextWindow");
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("expected");
    QTest::newRow("deepseek chat 8192") << "openai"
                                        << "deepseek-chat" << 32000 << 0 << "max_tokens" << 8192;
    QTest::newRow("under the cap") << "openai"
                                   << "deepseek-chat" << 4000 << 0 << "max_tokens" << 4000;
    QTest::newRow("qwen3-coder-plus") << "dashscope"
                                      << "qwen3-coder-plus" << 128000 << 0 << "max_tokens" << 65536;
    QTest::newRow("o-series renames") << "openai"
                                      << "o3-mini" << 200000 << 0 << "max_completion_tokens" << 100000;
    QTest::newRow("unknown model no clamp") << "openai"
                                            << "my-local" << 128000 << 0 << "max_tokens" << 128000;
    QTest::newRow("context window leaves room") << "openai"
                                                << "my-local" << 128000 << 32768 << "max_tokens" << -1;
}

void TestAnthropicToOpenAIRequest::maxTokensClamping()
{
    QFETCH(QString, platform);
    QFETCH(QString, model);
    QFETCH(int, requested);
    QFETCH(int, contextWindow);
    QFETCH(QString, field);
    QFETCH(int, expected);
    ConversionProfile::Overrides overrides;
    if (contextWindow > 0)
        overrides.contextWindow = contextWindow;
    const ConversionProfile p = ConversionProfile::forPlatform(platform, model, overrides);
    const QByteArray json
        = QStringLiteral(R"({"max_tokens":%1,"system":"%2","messages":[{"role":"user","content":"hello"}]})")
              .arg(requested)
              .arg(QString(4000, QLatin1Char('w')) + QStringLiteral(" word"))
              .toUtf8();
    const auto r = AnthropicToOpenAIRequest::convert(object(json), p);
    QVERIFY(r.openai.contains(field));
    QCOMPARE(
        r.openai.contains(QStringLiteral("max_tokens")) && r.openai.contains(QStringLiteral("max_completion_tokens")),
        false);
    if (expected >= 0) {
        QCOMPARE(r.openai[field].toInt(), expected);
    } else {
        // Input + output fits the window: the estimate of the prompt is subtracted.
        const int value = r.openai[field].toInt();
        QVERIFY(r.context.inputTokenEstimate() > 0);
        QCOMPARE(value, contextWindow - r.context.inputTokenEstimate());
    }
}

// A request whose body is small for its estimate (images by URL count 1600 tokens each; " 1" counts three
// pieces in two bytes) is clamped to leave room for its input, not waved through by its byte count; a plain
// request that fits even at the most tokens per byte skips the estimate altogether.
void TestAnthropicToOpenAIRequest::maxTokensClampedWhenTheBodyUnderstatesTheInput_data()
{
    QTest::addColumn<QString>("content"); // JSON of the user message's content
    QTest::addColumn<int>("requested");
    QTest::addColumn<bool>("clamped");
    QString images;
    for (int i = 0; i < 20; ++i)
        images += QStringLiteral(R"({"type":"image","source":{"type":"url","url":"https://img.test/%1.png"}},)").arg(i);
    images += QStringLiteral(R"({"type":"text","text":"what is in these?"})");
    QTest::newRow("images by url") << QStringLiteral("[%1]").arg(images) << 60000 << true;
    QTest::newRow("spaced digits") << QStringLiteral("\"%1\"").arg(QStringLiteral(" 1").repeated(10000)) << 40000
                                   << true;
    QTest::newRow("plain text fits") << QStringLiteral("\"%1\"").arg(QStringLiteral("word ").repeated(2000)) << 40000
                                     << false;
}

void TestAnthropicToOpenAIRequest::maxTokensClampedWhenTheBodyUnderstatesTheInput()
{
    QFETCH(QString, content);
    QFETCH(int, requested);
    QFETCH(bool, clamped);
    constexpr int contextWindow = 64000;
    ConversionProfile::Overrides overrides;
    overrides.contextWindow = contextWindow;
    const ConversionProfile p
        = ConversionProfile::forPlatform(QStringLiteral("openai"), QStringLiteral("my-local"), overrides);
    const QByteArray json = QStringLiteral(R"({"max_tokens":%1,"messages":[{"role":"user","content":%2}]})")
                                .arg(requested)
                                .arg(content)
                                .toUtf8();
    const auto r = AnthropicToOpenAIRequest::convert(object(json), p, json.size());
    const int sent = r.openai.value(QStringLiteral("max_tokens")).toInt();
    if (clamped) {
        QVERIFY(r.context.inputTokenEstimate() > json.size());
        QCOMPARE(sent, contextWindow - r.context.inputTokenEstimate());
        QVERIFY(sent < requested);
    } else {
        QCOMPARE(sent, requested);
        QCOMPARE(r.context.estimatedInputTokens, -1); // not computed on the request path
    }
}

void TestAnthropicToOpenAIRequest::reasoningSwitchPerPlatform_data()
{
    QTest::addColumn<QString>("platform");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QByteArray>("thinking");
    QTest::addColumn<QString>("expected"); // compact JSON of the reasoning-related fields
    const QByteArray enabled = R"({"type":"enabled","budget_tokens":6000})";
    const QByteArray adaptive = R"({"type":"adaptive"})";
    const QByteArray disabled = R"({"type":"disabled"})";
    QTest::newRow("dashscope enabled") << "dashscope"
                                       << "qwen-plus" << enabled
                                       << R"({"enable_thinking":true,"thinking_budget":6000})";
    QTest::newRow("dashscope adaptive") << "dashscope"
                                        << "qwen3-235b-a22b" << adaptive << R"({"enable_thinking":true})";
    QTest::newRow("dashscope disabled") << "dashscope"
                                        << "qwen-plus" << disabled << R"({"enable_thinking":false})";
    QTest::newRow("dashscope absent") << "dashscope"
                                      << "qwen-plus" << QByteArray("null") << R"({"enable_thinking":false})";
    QTest::newRow("dashscope thinking-only model") << "dashscope"
                                                   << "qwq-plus" << disabled << "{}";
    QTest::newRow("dashscope coder: no switch") << "dashscope"
                                                << "qwen3-coder-plus" << enabled << "{}";
    QTest::newRow("siliconflow") << "siliconflow"
                                 << "Qwen/Qwen3-32B" << enabled << R"({"enable_thinking":true,"thinking_budget":6000})";
    QTest::newRow("openrouter budget") << "openrouter"
                                       << "anthropic/claude-sonnet-4.5" << enabled
                                       << R"({"reasoning":{"max_tokens":6000}})";
    QTest::newRow("openrouter adaptive") << "openrouter"
                                         << "openai/gpt-5" << adaptive << R"({"reasoning":{"effort":"high"}})";
    QTest::newRow("openrouter disabled") << "openrouter"
                                         << "openai/gpt-5" << disabled << "{}";
    QTest::newRow("deepseek enabled") << "openai"
                                      << "deepseek-chat" << enabled << R"({"thinking":{"type":"enabled"}})";
    QTest::newRow("deepseek disabled") << "openai"
                                       << "deepseek-chat" << disabled << R"({"thinking":{"type":"disabled"}})";
    QTest::newRow("o-series effort") << "openai"
                                     << "o4-mini" << enabled << R"({"reasoning_effort":"medium"})";
    QTest::newRow("o-series big budget") << "openai"
                                         << "o4-mini" << QByteArray(R"({"type":"enabled","budget_tokens":31999})")
                                         << R"({"reasoning_effort":"high"})";
    QTest::newRow("gpt-4o: none") << "openai"
                                  << "gpt-4o" << enabled << "{}";
    QTest::newRow("lmstudio: none") << "lmstudio"
                                    << "qwen3-8b" << enabled << "{}";
}

void TestAnthropicToOpenAIRequest::reasoningSwitchPerPlatform()
{
    QFETCH(QString, platform);
    QFETCH(QString, model);
    QFETCH(QByteArray, thinking);
    QFETCH(QString, expected);
    const QByteArray json = R"({"max_tokens":16000,"output_config":{"effort":"high"},"thinking":)" + thinking
        + R"(,"messages":[{"role":"user","content":"x"}]})";
    const auto r = AnthropicToOpenAIRequest::convert(object(json), ConversionProfile::forPlatform(platform, model));
    QJsonObject reasoning;
    for (const char *key : {"enable_thinking", "thinking_budget", "reasoning", "thinking", "reasoning_effort"}) {
        if (r.openai.contains(QLatin1String(key)))
            reasoning.insert(QLatin1String(key), r.openai.value(QLatin1String(key)));
    }
    QCOMPARE(compact(reasoning), expected);
}

void TestAnthropicToOpenAIRequest::thinkingHistoryDroppedOrPassedBack()
{
    const char json[] = R"({"messages":[{"role":"user","content":"x"},
        {"role":"assistant","content":[{"type":"thinking","thinking":"plan...","signature":"sig"},{"type":"redacted_thinking","data":"abc"},
            {"type":"text","text":"Reading."},{"type":"tool_use","id":"t1","name":"Read","input":{"file_path":"a"}}]},
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"A"}]},
        {"role":"assistant","content":[{"type":"thinking","thinking":"done","signature":"sig"},{"type":"text","text":"It says A."}]},
        {"role":"user","content":"thanks"}]})";
    // E12: an OpenAI upstream never sees thinking.
    const auto plain = convert(json);
    QVERIFY(!compact(plain.openai).contains(QStringLiteral("plan...")));
    QVERIFY(!containsKeyAnywhere(plain.openai, QStringLiteral("reasoning_content")));
    // DeepSeek thinking mode: tool-call turns carry their reasoning back; turns without tool calls do not need it.
    const auto deepseek = AnthropicToOpenAIRequest::convert(
        object(json), ConversionProfile::forPlatform(QStringLiteral("openai"), QStringLiteral("deepseek-reasoner")));
    const QJsonArray m = messagesOf(deepseek);
    QCOMPARE(m.at(1)[QStringLiteral("reasoning_content")].toString(), QStringLiteral("plan..."));
    QVERIFY(!m.at(3).toObject().contains(QStringLiteral("reasoning_content")));
    QVERIFY(!compact(deepseek.openai).contains(QStringLiteral("abc")));
}

void TestAnthropicToOpenAIRequest::metadataUserIdBecomesUser()
{
    const char shortId[] = R"({"metadata":{"user_id":"user-42"},"messages":[{"role":"user","content":"x"}]})";
    const ConversionProfile openrouter
        = ConversionProfile::forPlatform(QStringLiteral("openrouter"), QStringLiteral("m"));
    QCOMPARE(convert(shortId, openrouter).openai[QStringLiteral("user")].toString(), QStringLiteral("user-42"));
    const QString longId
        = QStringLiteral(R"({\"device_id\":\"%1\",\"session_id\":\"s\"})").arg(QString(64, QLatin1Char('0')));
    const QByteArray json
        = QStringLiteral(R"({"metadata":{"user_id":"%1"},"messages":[{"role":"user","content":"x"}]})")
              .arg(longId)
              .toUtf8();
    const QString user
        = AnthropicToOpenAIRequest::convert(object(json), openrouter).openai[QStringLiteral("user")].toString();
    QVERIFY(user.startsWith(QStringLiteral("sha256:")));
    QCOMPARE(user.size(), 7 + 32);
    QVERIFY(!user.contains(QStringLiteral("device_id")));
    // Platforms that do not document `user` do not get it.
    QVERIFY(!convert(shortId, ConversionProfile::forPlatform(QStringLiteral("dashscope"), QStringLiteral("qwen-plus")))
                 .openai.contains(QStringLiteral("user")));
}

void TestAnthropicToOpenAIRequest::streamAddsStreamOptions()
{
    const auto streamed = convert(R"({"stream":true,"messages":[{"role":"user","content":"x"}]})");
    QCOMPARE(streamed.openai[QStringLiteral("stream")].toBool(), true);
    QCOMPARE(compact(streamed.openai[QStringLiteral("stream_options")]), QStringLiteral(R"({"include_usage":true})"));
    const auto plain = convert(R"({"stream":false,"messages":[{"role":"user","content":"x"}]})");
    QVERIFY(!plain.openai.contains(QStringLiteral("stream")));
    QVERIFY(!plain.openai.contains(QStringLiteral("stream_options")));
    ConversionProfile noUsage = genericProfile();
    noUsage.sendStreamUsage = false;
    QVERIFY(!convert(R"({"stream":true,"messages":[{"role":"user","content":"x"}]})", noUsage)
                 .openai.contains(QStringLiteral("stream_options")));
}

void TestAnthropicToOpenAIRequest::consecutiveUserMessagesAreMerged()
{
    const QJsonArray m = messagesOf(convert(
        R"({"messages":[{"role":"user","content":"one"},{"role":"user","content":[{"type":"text","text":"two"}]},
        {"role":"assistant","content":"a"},{"role":"assistant","content":"b"},{"role":"user","content":"three"}]})"));
    QCOMPARE(roles(m), (QStringList {QStringLiteral("user"), QStringLiteral("assistant"), QStringLiteral("user")}));
    QCOMPARE(m.at(0)[QStringLiteral("content")].toString(), QStringLiteral("one\n\ntwo"));
    QCOMPARE(m.at(1)[QStringLiteral("content")].toString(), QStringLiteral("a\n\nb"));
}

void TestAnthropicToOpenAIRequest::toolEmulationDescribesToolsInPrompt()
{
    ConversionProfile p = genericProfile();
    p.supportsTools = false;
    const auto r = convert(
        R"({"system":"Base.","tools":[{"name":"Bash","description":"Runs a command","input_schema":{"type":"object","properties":{"command":{"type":"string"}}}}],
        "tool_choice":{"type":"any"},
        "messages":[{"role":"user","content":"list"},
        {"role":"assistant","content":[{"type":"text","text":"Listing."},{"type":"tool_use","id":"t1","name":"Bash","input":{"command":"ls"}}]},
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"a.txt"},{"type":"text","text":"and now?"}]}]})",
        p);
    QVERIFY(!r.openai.contains(QStringLiteral("tools")));
    QVERIFY(!r.openai.contains(QStringLiteral("tool_choice")));
    QVERIFY(r.context.toolsEmulated);
    QVERIFY(r.context.parseTextToolCalls);
    const QJsonArray m = messagesOf(r);
    QCOMPARE(roles(m),
        (QStringList {
            QStringLiteral("system"), QStringLiteral("user"), QStringLiteral("assistant"), QStringLiteral("user")}));
    const QString system = m.at(0)[QStringLiteral("content")].toString();
    QVERIFY(system.startsWith(QStringLiteral("Base.\n\n# Tools")));
    QVERIFY(system.contains(QStringLiteral(R"({"description":"Runs a command","name":"Bash","parameters":)")));
    QVERIFY(system.contains(QStringLiteral("you must call at least one tool")));
    QCOMPARE(m.at(2)[QStringLiteral("content")].toString(),
        QStringLiteral(
            "Listing.\n\n<tool_call>\n{\"arguments\":{\"command\":\"ls\"},\"name\":\"Bash\"}\n</tool_call>"));
    QCOMPARE(m.at(3)[QStringLiteral("content")].toString(),
        QStringLiteral("<tool_result id=\"t1\" name=\"Bash\">\na.txt\n</tool_result>\n\nand now?"));
}

void TestAnthropicToOpenAIRequest::contextCarriesWhatTheResponseSideNeeds()
{
    const auto r = convert(
        R"({"model":"claude-sonnet-4-5-20250929","stop_sequences":["END"],"tools":[{"name":"Read","input_schema":{}}],
        "messages":[{"role":"user","content":"hello there"}]})");
    QCOMPARE(r.context.requestedModel, QStringLiteral("claude-sonnet-4-5-20250929"));
    QCOMPARE(r.context.stopSequences, QStringList {QStringLiteral("END")});
    QCOMPARE(r.context.declaredTools, QStringList {QStringLiteral("Read")});
    QVERIFY(r.context.inputTokenEstimate() > 0);
    QCOMPARE(r.context.inputTokenEstimate(), TokenEstimator::estimateRequest(r.context.request));
    QVERIFY(!r.context.toolsEmulated);
}

void TestAnthropicToOpenAIRequest::claudeCodeMainLoopFixture()
{
    const QJsonObject request = object(TestSupport::readFixture(QStringLiteral("convert/claude-code-main-loop.json")));
    const auto r = AnthropicToOpenAIRequest::convert(
        request, ConversionProfile::forPlatform(QStringLiteral("dashscope"), QStringLiteral("qwen3-coder-plus")));
    QVERIFY2(r.ok(), qPrintable(r.error));
    const QJsonObject &o = r.openai;
    QCOMPARE(o[QStringLiteral("model")].toString(), QStringLiteral("qwen3-coder-plus"));
    QCOMPARE(o[QStringLiteral("max_tokens")].toInt(), 65536);
    QCOMPARE(o[QStringLiteral("stream")].toBool(), true);
    QCOMPARE(o[QStringLiteral("stream_options")][QStringLiteral("include_usage")].toBool(), true);
    for (const char *key :
        {"context_management", "output_config", "metadata", "thinking", "system", "enable_thinking", "user"})
        QVERIFY2(!o.contains(QLatin1String(key)), key);

    const QJsonArray m = messagesOf(r);
    QCOMPARE(roles(m), (QStringList {QStringLiteral("system"), QStringLiteral("user")}));
    const QString system = m.at(0)[QStringLiteral("content")].toString();
    QVERIFY(!system.contains(QStringLiteral("x-anthropic-billing-header")));
    QVERIFY(system.startsWith(QStringLiteral("You are a coding agent working for a developer in their terminal.")));
    QVERIFY(system.contains(QStringLiteral("# Working context"))); // the inline system message (E28)
    const QString user = m.at(1)[QStringLiteral("content")].toString();
    QVERIFY(user.startsWith(QStringLiteral("<system-reminder>")));
    QVERIFY(user.endsWith(QStringLiteral("Why does the yearly export skip the December invoices?")));

    const QJsonArray tools = o[QStringLiteral("tools")].toArray();
    QCOMPARE(tools.size(), 11); // twelve minus the deferred placeholder
    QVERIFY(!containsKeyAnywhere(tools, QStringLiteral("$schema")));
    QVERIFY(!containsKeyAnywhere(tools, QStringLiteral("propertyNames")));
    QVERIFY(!containsKeyAnywhere(tools, QStringLiteral("$ref")));
    QVERIFY(!containsKeyAnywhere(tools, QStringLiteral("$defs")));
    QStringList names;
    for (const QJsonValue &tool : tools) {
        const QString name = tool[QStringLiteral("function")][QStringLiteral("name")].toString();
        QVERIFY2(ToolNameMap::isValidUpstreamName(name), qPrintable(name));
        names << name;
    }
    QVERIFY(names.contains(QStringLiteral("Read")));
    const QString mcp = QStringLiteral("mcp__issue-tracker__create_issue_in_project_with_labels_and_assignees");
    QVERIFY(!names.contains(mcp));
    QCOMPARE(r.context.toolNames.toClient(ToolNameMap::upstreamNameFor(mcp)), mcp);
    // The $ref was inlined, and "title" stays a property name.
    const QJsonObject mcpParams = tools
                                      .at(names.indexOf(ToolNameMap::upstreamNameFor(
                                          mcp)))[QStringLiteral("function")][QStringLiteral("parameters")]
                                      .toObject();
    QCOMPARE(mcpParams[QStringLiteral("properties")][QStringLiteral("labels")][QStringLiteral("items")]
                      [QStringLiteral("maxLength")]
                          .toInt(),
        50);
    QVERIFY(mcpParams[QStringLiteral("properties")].toObject().contains(QStringLiteral("title")));
    QCOMPARE(compact(mcpParams[QStringLiteral("required")]), QStringLiteral(R"(["project","title"])"));

    // Real tokenizers count 10.6k (o200k) to 10.9k (DeepSeek-V3) tokens of text in this request; the estimate
    // errs high by design (docs/count-tokens.md).
    QVERIFY2(r.context.inputTokenEstimate() > 10500 && r.context.inputTokenEstimate() < 14000,
        qPrintable(QString::number(r.context.inputTokenEstimate())));
}

void TestAnthropicToOpenAIRequest::claudeCodeToolResultFixture()
{
    const QJsonObject request
        = object(TestSupport::readFixture(QStringLiteral("convert/claude-code-tool-result.json")));
    const auto r = AnthropicToOpenAIRequest::convert(request,
        ConversionProfile::forPlatform(QStringLiteral("openrouter"), QStringLiteral("deepseek/deepseek-chat-v3.1")));
    QVERIFY2(r.ok(), qPrintable(r.error));
    const QJsonArray m = messagesOf(r);
    QCOMPARE(roles(m),
        (QStringList {QStringLiteral("system"), QStringLiteral("user"), QStringLiteral("assistant"),
            QStringLiteral("tool"), QStringLiteral("tool"), QStringLiteral("user")}));
    const QJsonObject assistant = m.at(2).toObject();
    QCOMPARE(assistant[QStringLiteral("content")].toString(),
        QStringLiteral("I'll read the exporter and the query it uses."));
    const QJsonArray calls = assistant[QStringLiteral("tool_calls")].toArray();
    QCOMPARE(calls.size(), 2);
    QCOMPARE(calls.at(0)[QStringLiteral("id")].toString(), QStringLiteral("toolu_01Xq7uTnW3kDd9fZb2L5mVpA"));
    QCOMPARE(calls.at(1)[QStringLiteral("function")][QStringLiteral("name")].toString(), QStringLiteral("Grep"));
    QCOMPARE(object(calls.at(1)[QStringLiteral("function")][QStringLiteral("arguments")]
                        .toString()
                        .toUtf8())[QStringLiteral("pattern")]
                 .toString(),
        QStringLiteral("invoiceDate\\s*<"));
    // OpenRouter + DeepSeek: the tool-call turn carries its reasoning back.
    QCOMPARE(assistant[QStringLiteral("reasoning_content")].toString(),
        QStringLiteral("The export filters by date; I should read the exporter and the invoice query."));
    QCOMPARE(m.at(3)[QStringLiteral("tool_call_id")].toString(), QStringLiteral("toolu_01Xq7uTnW3kDd9fZb2L5mVpA"));
    QVERIFY(m.at(3)[QStringLiteral("content")].toString().contains(QStringLiteral("QDate last(year, 12, 1)")));
    QCOMPARE(m.at(4)[QStringLiteral("tool_call_id")].toString(), QStringLiteral("toolu_01Hc4sRy8NwQe6gTj1K0aBzE"));
    QVERIFY(m.at(4)[QStringLiteral("content")].toString().startsWith(
        QStringLiteral("Error: <tool_use_error>Path does not exist")));
    QVERIFY(m.at(5)[QStringLiteral("content")].toString().startsWith(
        QStringLiteral("<system-reminder>\nThe task list is empty.")));
    QVERIFY(r.openai[QStringLiteral("user")].toString().startsWith(QStringLiteral("sha256:")));
    QCOMPARE(r.openai[QStringLiteral("reasoning")][QStringLiteral("effort")].toString(), QStringLiteral("medium"));
    QCOMPARE(r.openai[QStringLiteral("max_tokens")].toInt(), 32768);
}

QTEST_GUILESS_MAIN(TestAnthropicToOpenAIRequest)
