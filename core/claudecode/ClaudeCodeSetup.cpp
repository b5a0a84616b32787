#include "claudecode/ClaudeCodeSetup.h"

#include "common/Logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

QString ClaudeCodeSetup::defaultSettingsPath()
{
    const QString configDir = qEnvironmentVariable("CLAUDE_CONFIG_DIR");
    if (!configDir.isEmpty())
        return QDir(configDir).filePath(QStringLiteral("settings.json"));
    return QDir::home().filePath(QStringLiteral(".claude/settings.json"));
}

QString ClaudeCodeSetup::backupPathFor(const QString &settingsPath)
{
    return settingsPath + QStringLiteral(".switchyard-backup");
}

bool ClaudeCodeSetup::readIfExists(const QString &path, QByteArray *content, bool *exists, QString *error)
{
    content->clear();
    *exists = QFileInfo::exists(path);
    if (!*exists)
        return true;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    *content = file.readAll();
    return true;
}

bool ClaudeCodeSetup::writeAtomically(const QString &path, const QByteArray &content, QString *error)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        *error = QStringLiteral("cannot create the folder of %1").arg(QDir::toNativeSeparators(path));
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

ClaudeCodeSetup::Plan ClaudeCodeSetup::plan(
    const QString &settingsPath, const ClaudeCodeSettings::Connection &connection)
{
    Plan plan;
    plan.settingsPath = settingsPath;
    QString error;
    if (!readIfExists(settingsPath, &plan.before, &plan.fileExists, &error)) {
        plan.merge.error = error;
        return plan;
    }
    plan.merge = ClaudeCodeSettings::merge(plan.before, connection);
    if (!plan.merge.ok)
        plan.merge.error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(settingsPath), plan.merge.error);
    return plan;
}

bool ClaudeCodeSetup::apply(const Plan &plan, QString *error)
{
    if (!plan.merge.ok) {
        *error = plan.merge.error;
        return false;
    }
    if (plan.merge.changes.isEmpty())
        return true;
    QByteArray now;
    bool exists = false;
    if (!readIfExists(plan.settingsPath, &now, &exists, error))
        return false;
    if (exists != plan.fileExists || now != plan.before) {
        *error = QStringLiteral("%1 changed since the preview; look at the changes again")
                     .arg(QDir::toNativeSeparators(plan.settingsPath));
        return false;
    }
    const QByteArray backup = plan.before.trimmed().isEmpty() ? QByteArrayLiteral("{}\n") : plan.before;
    if (!writeAtomically(backupPathFor(plan.settingsPath), backup, error))
        return false;
    if (!writeAtomically(plan.settingsPath, plan.merge.merged, error))
        return false;
    qCInfo(lcApp).noquote() << "Claude Code settings updated:" << QDir::toNativeSeparators(plan.settingsPath);
    return true;
}

ClaudeCodeSetup::RestorePlan ClaudeCodeSetup::planRestore(const QString &settingsPath)
{
    RestorePlan plan;
    plan.settingsPath = settingsPath;
    bool exists = false;
    if (!readIfExists(settingsPath, &plan.current, &exists, &plan.error)
        || !readIfExists(backupPathFor(settingsPath), &plan.backup, &plan.backupExists, &plan.error))
        return plan;
    if (plan.backupExists)
        plan.changes = ClaudeCodeSettings::environmentDiff(plan.current, plan.backup);
    return plan;
}

bool ClaudeCodeSetup::restore(const RestorePlan &plan, QString *error)
{
    if (!plan.error.isEmpty()) {
        *error = plan.error;
        return false;
    }
    if (!plan.backupExists) {
        *error = QStringLiteral("there is no backup to restore (%1)")
                     .arg(QDir::toNativeSeparators(backupPathFor(plan.settingsPath)));
        return false;
    }
    if (!writeAtomically(plan.settingsPath, plan.backup, error))
        return false;
    QFile::remove(backupPathFor(plan.settingsPath));
    qCInfo(lcApp).noquote() << "Claude Code settings restored:" << QDir::toNativeSeparators(plan.settingsPath);
    return true;
}
