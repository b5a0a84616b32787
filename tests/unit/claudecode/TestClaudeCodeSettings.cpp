#include "claudecode/ClaudeCodeSettings.h"
#include "claudecode/JsonTextEditor.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace ClaudeCodeSettings;

// The settings.json merge, by tables of files before and after.
class TestClaudeCodeSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void merge_data();
    void merge();
    void refusesMalformed_data();
    void refusesMalformed();
    void changesAreReported();
    void secondMergeChangesNothing();
    void environmentKeepsFileOrder();
    void restoreDiff();
    void previewMasksSecrets();
    void editorKeepsEscapesAndDuplicates();
};

namespace {

const Connection kConnection {QStringLiteral("http://127.0.0.1:8000"), QStringLiteral("sy-laptop-0123456789")};

} // namespace

void TestClaudeCodeSettings::merge_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("after");

    QTest::newRow("missing file") << QByteArray()
                                  << QByteArray(
                                         "{\n  \"env\": {\n    \"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:8000\",\n"
                                         "    \"ANTHROPIC_AUTH_TOKEN\": \"sy-laptop-0123456789\"\n  }\n}\n");
    QTest::newRow("whitespace only") << QByteArray("  \n\n")
                                     << QByteArray(
                                            "{\n  \"env\": {\n    \"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:8000\",\n"
                                            "    \"ANTHROPIC_AUTH_TOKEN\": \"sy-laptop-0123456789\"\n  }\n}\n");
    QTest::newRow("empty object") << QByteArray("{}")
                                  << QByteArray("{\"env\": {\"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:8000\", "
                                                "\"ANTHROPIC_AUTH_TOKEN\": \"sy-laptop-0123456789\"}}\n");
    QTest::newRow("keeps plugins, hooks, status line, order, formatting")
        << QByteArray("{\n"
                      "    \"statusLine\": {\"type\": \"command\", \"command\": \"~/bin/status.sh\"},\n"
                      "    \"hooks\": {\"PreToolUse\": [{\"matcher\": \"Bash\", \"hooks\": []}]},\n"
                      "    \"enabledPlugins\": {\"x@y\": true},\n"
                      "    \"zUnknown\": 1.50,\n"
                      "    \"aUnknown\": \"caf\\u00e9\"\n"
                      "}\n")
        << QByteArray("{\n"
                      "    \"statusLine\": {\"type\": \"command\", \"command\": \"~/bin/status.sh\"},\n"
                      "    \"hooks\": {\"PreToolUse\": [{\"matcher\": \"Bash\", \"hooks\": []}]},\n"
                      "    \"enabledPlugins\": {\"x@y\": true},\n"
                      "    \"zUnknown\": 1.50,\n"
                      "    \"aUnknown\": \"caf\\u00e9\",\n"
                      "    \"env\": {\n"
                      "        \"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:8000\",\n"
                      "        \"ANTHROPIC_AUTH_TOKEN\": \"sy-laptop-0123456789\"\n"
                      "    }\n"
                      "}\n");
    QTest::newRow("existing env: other variables kept, values replaced in place")
        << QByteArray("{\n  \"env\": {\n    \"DISABLE_TELEMETRY\": \"1\",\n    \"ANTHROPIC_BASE_URL\": "
                      "\"https://old.example\",\n    \"HTTPS_PROXY\": \"\"\n  },\n  \"model\": \"opus\"\n}\n")
        << QByteArray("{\n  \"env\": {\n    \"DISABLE_TELEMETRY\": \"1\",\n    \"ANTHROPIC_BASE_URL\": "
                      "\"http://127.0.0.1:8000\",\n    \"HTTPS_PROXY\": \"\",\n    \"ANTHROPIC_AUTH_TOKEN\": "
                      "\"sy-laptop-0123456789\"\n  },\n  \"model\": \"opus\"\n}\n");
    QTest::newRow("conflicting API key removed, last member")
        << QByteArray("{\"env\": {\"A\": \"1\", \"ANTHROPIC_API_KEY\": \"sk-ant-secret\"}}\n")
        << QByteArray("{\"env\": {\"A\": \"1\", \"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:8000\", "
                      "\"ANTHROPIC_AUTH_TOKEN\": \"sy-laptop-0123456789\"}}\n");
    QTest::newRow("conflicting API key removed, first member")
        << QByteArray("{\"env\": {\"ANTHROPIC_API_KEY\": \"sk-ant-secret\", \"A\": \"1\"}}\n")
        << QByteArray("{\"env\": {\"A\": \"1\", \"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:8000\", "
                      "\"ANTHROPIC_AUTH_TOKEN\": \"sy-laptop-0123456789\"}}\n");
    QTest::newRow("only the API key in env")
        << QByteArray("{\n  \"env\": {\n    \"ANTHROPIC_API_KEY\": \"sk-ant-secret\"\n  }\n}\n")
        << QByteArray("{\n  \"env\": {\n    \"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:8000\",\n"
                      "    \"ANTHROPIC_AUTH_TOKEN\": \"sy-laptop-0123456789\"\n  }\n}\n");
    QTest::newRow("empty env object, tabs")
        << QByteArray("{\n\t\"env\": {},\n\t\"x\": [1, 2]\n}")
        << QByteArray("{\n\t\"env\": {\n\t\t\"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:8000\",\n"
                      "\t\t\"ANTHROPIC_AUTH_TOKEN\": \"sy-laptop-0123456789\"\n\t},\n\t\"x\": [1, 2]\n}\n");
    QTest::newRow("env null is replaced") << QByteArray("{\"env\": null}")
                                          << QByteArray("{\"env\": {\"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:8000\", "
                                                        "\"ANTHROPIC_AUTH_TOKEN\": \"sy-laptop-0123456789\"}}\n");
    QTest::newRow("a non-string token value is replaced")
        << QByteArray("{\"env\": {\"ANTHROPIC_AUTH_TOKEN\": 42, \"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:8000\"}}\n")
        << QByteArray("{\"env\": {\"ANTHROPIC_AUTH_TOKEN\": \"sy-laptop-0123456789\", \"ANTHROPIC_BASE_URL\": "
                      "\"http://127.0.0.1:8000\"}}\n");
    QTest::newRow("braces and quotes inside strings do not confuse the editor")
        << QByteArray("{\"note\": \"} { \\\" ,\", \"env\": {\"K\": \"{\\\"}\"}}\n")
        << QByteArray("{\"note\": \"} { \\\" ,\", \"env\": {\"K\": \"{\\\"}\", \"ANTHROPIC_BASE_URL\": "
                      "\"http://127.0.0.1:8000\", \"ANTHROPIC_AUTH_TOKEN\": \"sy-laptop-0123456789\"}}\n");
    QTest::newRow("nested env of a hook is not the top-level env")
        << QByteArray("{\"hooks\": {\"env\": {\"X\": \"1\"}}}\n")
        << QByteArray(
               "{\"hooks\": {\"env\": {\"X\": \"1\"}}, \"env\": {\"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:8000\", "
               "\"ANTHROPIC_AUTH_TOKEN\": \"sy-laptop-0123456789\"}}\n");
    QTest::newRow("CRLF line ends")
        << QByteArray("{\r\n  \"model\": \"sonnet\"\r\n}\r\n")
        << QByteArray(
               "{\r\n  \"model\": \"sonnet\",\n  \"env\": {\n    \"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:8000\",\n"
               "    \"ANTHROPIC_AUTH_TOKEN\": \"sy-laptop-0123456789\"\n  }\r\n}\r\n");
}

void TestClaudeCodeSettings::merge()
{
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);
    const MergeResult result = ClaudeCodeSettings::merge(before, kConnection);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.merged, after);
    // The result is valid JSON with exactly the wanted variables.
    const QJsonObject env = QJsonDocument::fromJson(result.merged).object().value("env").toObject();
    QCOMPARE(env.value("ANTHROPIC_BASE_URL").toString(), kConnection.baseUrl);
    QCOMPARE(env.value("ANTHROPIC_AUTH_TOKEN").toString(), kConnection.authToken);
    QVERIFY(!env.contains("ANTHROPIC_API_KEY"));
    QCOMPARE(result.createsFile, before.trimmed().isEmpty());
}

void TestClaudeCodeSettings::refusesMalformed_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QString>("error");
    QTest::newRow("trailing comma") << QByteArray("{\n  \"a\": 1,\n}\n") << "line 3, column";
    QTest::newRow("unterminated") << QByteArray("{\"env\": {") << "line 1, column";
    QTest::newRow("comment") << QByteArray("// mine\n{}") << "line 1, column";
    QTest::newRow("array") << QByteArray("[1, 2]") << "not a JSON object";
    QTest::newRow("string") << QByteArray("\"x\"") << "";
    QTest::newRow("env is a string") << QByteArray("{\"env\": \"A=1\"}") << "\"env\" is not an object";
    QTest::newRow("env is an array") << QByteArray("{\"env\": []}") << "\"env\" is not an object";
}

void TestClaudeCodeSettings::refusesMalformed()
{
    QFETCH(QByteArray, before);
    QFETCH(QString, error);
    const MergeResult result = ClaudeCodeSettings::merge(before, kConnection);
    QVERIFY(!result.ok);
    QVERIFY(result.merged.isEmpty());
    QVERIFY(!result.error.isEmpty());
    QVERIFY2(result.error.contains(error), qPrintable(result.error));
}

void TestClaudeCodeSettings::changesAreReported()
{
    const MergeResult result = ClaudeCodeSettings::merge(
        "{\"env\": {\"ANTHROPIC_BASE_URL\": \"http://old:1\", \"ANTHROPIC_API_KEY\": \"sk-ant-0123456789abcd\"}}",
        kConnection);
    QVERIFY(result.ok);
    const QList<EnvChange> expected {
        {EnvChange::Kind::Change, "ANTHROPIC_BASE_URL", "http://old:1", kConnection.baseUrl, false},
        {EnvChange::Kind::Add, "ANTHROPIC_AUTH_TOKEN", "", kConnection.authToken, true},
        {EnvChange::Kind::Remove, "ANTHROPIC_API_KEY", "sk-ant-0123456789abcd", "", true},
    };
    QCOMPARE(result.changes, expected);
}

void TestClaudeCodeSettings::secondMergeChangesNothing()
{
    const QByteArray original("{\n  \"model\": \"opus\"\n}\n");
    const MergeResult first = ClaudeCodeSettings::merge(original, kConnection);
    QVERIFY(first.ok);
    QVERIFY(!first.changes.isEmpty());
    const MergeResult second = ClaudeCodeSettings::merge(first.merged, kConnection);
    QVERIFY(second.ok);
    QVERIFY(second.changes.isEmpty());
    QCOMPARE(second.merged, first.merged);
}

void TestClaudeCodeSettings::environmentKeepsFileOrder()
{
    const auto env = environment("{\"env\": {\"Z\": \"1\", \"A\": 2, \"M\": \"x\"}}");
    QCOMPARE(env.size(), 3);
    QCOMPARE(env.at(0), qMakePair(QString("Z"), QString("1")));
    QCOMPARE(env.at(1), qMakePair(QString("A"), QString("2")));
    QCOMPARE(env.at(2), qMakePair(QString("M"), QString("x")));
    QVERIFY(environment("{not json").isEmpty());
}

void TestClaudeCodeSettings::restoreDiff()
{
    const QByteArray backup("{\"env\": {\"ANTHROPIC_API_KEY\": \"sk-ant-0123456789abcd\", \"X\": \"1\"}}");
    const MergeResult merged = ClaudeCodeSettings::merge(backup, kConnection);
    QVERIFY(merged.ok);
    const QList<EnvChange> changes = environmentDiff(merged.merged, backup);
    const QList<EnvChange> expected {
        {EnvChange::Kind::Add, "ANTHROPIC_API_KEY", "", "sk-ant-0123456789abcd", true},
        {EnvChange::Kind::Remove, "ANTHROPIC_BASE_URL", kConnection.baseUrl, "", false},
        {EnvChange::Kind::Remove, "ANTHROPIC_AUTH_TOKEN", kConnection.authToken, "", true},
    };
    QCOMPARE(changes, expected);
}

void TestClaudeCodeSettings::previewMasksSecrets()
{
    const MergeResult result
        = ClaudeCodeSettings::merge("{\"env\": {\"ANTHROPIC_API_KEY\": \"sk-ant-0123456789abcd\"}}", kConnection);
    const QString preview = previewText(result.changes);
    QVERIFY(preview.contains("+ ANTHROPIC_BASE_URL=http://127.0.0.1:8000"));
    QVERIFY(preview.contains(QString::fromUtf8("+ ANTHROPIC_AUTH_TOKEN=\u2022\u2022\u2022\u20226789")));
    QVERIFY(preview.contains(QString::fromUtf8("- ANTHROPIC_API_KEY=\u2022\u2022\u2022\u2022abcd")));
    QVERIFY(!preview.contains("sy-laptop"));
    QVERIFY(!preview.contains("sk-ant"));
    QCOMPARE(maskSecret("short"), QString::fromUtf8("\u2022\u2022\u2022\u2022"));
}

void TestClaudeCodeSettings::editorKeepsEscapesAndDuplicates()
{
    JsonTextEditor editor(R"({"k": "a\"b", "d": 1, "d": 2})");
    QVERIFY(editor.setMember({}, "d", "3")); // the last duplicate counts
    QCOMPARE(editor.text(), QByteArray(R"({"k": "a\"b", "d": 1, "d": 3})"));
    QVERIFY(editor.removeMember({}, "d")); // every duplicate goes
    QCOMPARE(editor.text(), QByteArray(R"({"k": "a\"b"})"));
    QVERIFY(!editor.removeMember({}, "missing"));
    QVERIFY(!editor.setMember({"k"}, "x", "1")); // not an object
    QCOMPARE(JsonTextEditor::quoted("a\"b\n\\"), QByteArray(R"("a\"b\n\\")"));
}

QTEST_GUILESS_MAIN(TestClaudeCodeSettings)
#include "TestClaudeCodeSettings.moc"
