#pragma once

#include "claudecode/ClaudeCodeSettings.h"

#include <QByteArray>
#include <QString>

// Points Claude Code at Switchyard through its user settings file, with a preview, a backup and a way
// back. File I/O around ClaudeCodeSettings:
//   - plan() reads the file and says what would change (nothing is written);
//   - apply() writes the plan atomically (QSaveFile), after copying what was there to
//     `settings.json.switchyard-backup` (a missing or empty file is backed up as "{}", which Claude Code
//     reads as no settings); it refuses when the file changed since the plan was made;
//   - restore() puts the backup back (atomically) and removes it.
// A malformed file is never written: plan() reports it and apply() refuses.
class ClaudeCodeSetup
{
public:
    struct Plan
    {
        QString settingsPath;
        bool fileExists = false;
        QByteArray before; // the file as read
        ClaudeCodeSettings::MergeResult merge;

        bool ok() const { return merge.ok; }
        bool changesSomething() const { return merge.ok && !merge.changes.isEmpty(); }
    };

    struct RestorePlan
    {
        QString settingsPath;
        bool backupExists = false;
        QByteArray current;
        QByteArray backup;
        QList<ClaudeCodeSettings::EnvChange> changes; // what restoring changes in env
        QString error; // a file that could not be read: restoring is refused
    };

    // `$CLAUDE_CONFIG_DIR/settings.json` when that variable is set, else `~/.claude/settings.json`.
    static QString defaultSettingsPath();
    static QString backupPathFor(const QString &settingsPath);

    // Reads the file; unreadable files give a plan whose merge.error says so.
    static Plan plan(const QString &settingsPath, const ClaudeCodeSettings::Connection &connection);
    static bool apply(const Plan &plan, QString *error);

    static RestorePlan planRestore(const QString &settingsPath);
    static bool restore(const RestorePlan &plan, QString *error);

private:
    static bool writeAtomically(const QString &path, const QByteArray &content, QString *error);
    static bool readIfExists(const QString &path, QByteArray *content, bool *exists, QString *error);
};
