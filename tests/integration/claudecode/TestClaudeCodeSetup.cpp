#include "TempDataDir.h"
#include "claudecode/ClaudeCodeSetup.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtTest>

// The settings file on disk: preview, backup, atomic write, refusal, restore.
class TestClaudeCodeSetup : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void missingFileIsCreatedAndRestoredToEmpty();
    void existingFileBackedUpAndRestored();
    void malformedFileIsNeverWritten();
    void refusesWhenFileChangedSincePreview();
    void noChangeWritesNothing();
    void restoreWithoutBackupSaysSo();
    void unreadableBackupIsNeverRestored();
    void defaultPathFollowsClaudeConfigDir();
};

namespace {

const ClaudeCodeSettings::Connection kConnection {"http://127.0.0.1:8123", "sy-key-abcdefghij"};

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

} // namespace

void TestClaudeCodeSetup::missingFileIsCreatedAndRestoredToEmpty()
{
    TempDataDir dir;
    const QString path = dir.file(".claude/settings.json");
    const ClaudeCodeSetup::Plan plan = ClaudeCodeSetup::plan(path, kConnection);
    QVERIFY(plan.ok());
    QVERIFY(!plan.fileExists);
    QVERIFY(!QFileInfo::exists(path)); // planning writes nothing
    QString error;
    QVERIFY2(ClaudeCodeSetup::apply(plan, &error), qPrintable(error));
    QVERIFY(readFile(path).contains("\"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:8123\""));
    QCOMPARE(readFile(ClaudeCodeSetup::backupPathFor(path)), QByteArray("{}\n"));

    const ClaudeCodeSetup::RestorePlan restore = ClaudeCodeSetup::planRestore(path);
    QVERIFY(restore.backupExists);
    QCOMPARE(restore.changes.size(), 2); // both variables go away
    QVERIFY2(ClaudeCodeSetup::restore(restore, &error), qPrintable(error));
    QCOMPARE(readFile(path), QByteArray("{}\n"));
    QVERIFY(!QFileInfo::exists(ClaudeCodeSetup::backupPathFor(path)));
}

void TestClaudeCodeSetup::existingFileBackedUpAndRestored()
{
    TempDataDir dir;
    const QByteArray original("{\n  \"hooks\": {},\n  \"env\": {\"ANTHROPIC_API_KEY\": \"sk-ant-xyz\"}\n}\n");
    const QString path = dir.writeFile("settings.json", original);
    const ClaudeCodeSetup::Plan plan = ClaudeCodeSetup::plan(path, kConnection);
    QVERIFY(plan.changesSomething());
    QString error;
    QVERIFY2(ClaudeCodeSetup::apply(plan, &error), qPrintable(error));
    QCOMPARE(readFile(ClaudeCodeSetup::backupPathFor(path)), original);
    QCOMPARE(readFile(path), plan.merge.merged);
    QVERIFY(!readFile(path).contains("sk-ant-xyz"));

    QVERIFY(ClaudeCodeSetup::restore(ClaudeCodeSetup::planRestore(path), &error));
    QCOMPARE(readFile(path), original);
}

void TestClaudeCodeSetup::malformedFileIsNeverWritten()
{
    TempDataDir dir;
    const QByteArray broken("{\"env\": {\"A\": 1,}\n");
    const QString path = dir.writeFile("settings.json", broken);
    const ClaudeCodeSetup::Plan plan = ClaudeCodeSetup::plan(path, kConnection);
    QVERIFY(!plan.ok());
    QVERIFY(plan.merge.error.contains(path));
    QString error;
    QVERIFY(!ClaudeCodeSetup::apply(plan, &error));
    QCOMPARE(readFile(path), broken);
    QVERIFY(!QFileInfo::exists(ClaudeCodeSetup::backupPathFor(path)));
}

void TestClaudeCodeSetup::refusesWhenFileChangedSincePreview()
{
    TempDataDir dir;
    const QString path = dir.writeFile("settings.json", "{}");
    const ClaudeCodeSetup::Plan plan = ClaudeCodeSetup::plan(path, kConnection);
    dir.writeFile("settings.json", "{\"model\": \"opus\"}");
    QString error;
    QVERIFY(!ClaudeCodeSetup::apply(plan, &error));
    QVERIFY2(error.contains("changed since the preview"), qPrintable(error));
    QCOMPARE(readFile(path), QByteArray("{\"model\": \"opus\"}"));
}

void TestClaudeCodeSetup::noChangeWritesNothing()
{
    TempDataDir dir;
    const QString path = dir.file("settings.json");
    QString error;
    QVERIFY(ClaudeCodeSetup::apply(ClaudeCodeSetup::plan(path, kConnection), &error));
    const QByteArray backupBefore = readFile(ClaudeCodeSetup::backupPathFor(path));
    const ClaudeCodeSetup::Plan again = ClaudeCodeSetup::plan(path, kConnection);
    QVERIFY(again.ok());
    QVERIFY(!again.changesSomething());
    QVERIFY(ClaudeCodeSetup::apply(again, &error));
    QCOMPARE(readFile(ClaudeCodeSetup::backupPathFor(path)), backupBefore); // the backup keeps the original
}

void TestClaudeCodeSetup::restoreWithoutBackupSaysSo()
{
    TempDataDir dir;
    const QString path = dir.writeFile("settings.json", "{}");
    const ClaudeCodeSetup::RestorePlan plan = ClaudeCodeSetup::planRestore(path);
    QVERIFY(!plan.backupExists);
    QString error;
    QVERIFY(!ClaudeCodeSetup::restore(plan, &error));
    QVERIFY(error.contains("no backup"));
    QCOMPARE(readFile(path), QByteArray("{}"));
}

void TestClaudeCodeSetup::unreadableBackupIsNeverRestored()
{
    // The backup's name is taken by something that cannot be read as a file (a folder: unreadable even to
    // root): restoring is refused with the reason, and the settings stay as they are.
    TempDataDir dir;
    const QString path = dir.writeFile("settings.json", R"({"env":{"KEEP":"1"}})");
    QVERIFY(QDir().mkpath(ClaudeCodeSetup::backupPathFor(path)));
    const ClaudeCodeSetup::RestorePlan plan = ClaudeCodeSetup::planRestore(path);
    QVERIFY(!plan.error.isEmpty());
    QString error;
    QVERIFY(!ClaudeCodeSetup::restore(plan, &error));
    QVERIFY2(error.contains("cannot read"), qPrintable(error));
    QCOMPARE(readFile(path), QByteArray(R"({"env":{"KEEP":"1"}})"));
    QVERIFY(QFileInfo(ClaudeCodeSetup::backupPathFor(path)).isDir());
}

void TestClaudeCodeSetup::defaultPathFollowsClaudeConfigDir()
{
    qputenv("CLAUDE_CONFIG_DIR", "/tmp/claude-elsewhere");
    QCOMPARE(ClaudeCodeSetup::defaultSettingsPath(), QString("/tmp/claude-elsewhere/settings.json"));
    qunsetenv("CLAUDE_CONFIG_DIR");
    QVERIFY(ClaudeCodeSetup::defaultSettingsPath().endsWith("/.claude/settings.json"));
}

QTEST_GUILESS_MAIN(TestClaudeCodeSetup)
#include "TestClaudeCodeSetup.moc"
