#pragma once

#include "claudecode/ClaudeCodeSetup.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QPushButton;

// "Configure Claude Code…": shows what would change in Claude Code's settings file, then writes it
// (with a backup) — or restores the backup.
class ClaudeCodeDialog : public QDialog
{
    Q_OBJECT
public:
    ClaudeCodeDialog(const ClaudeCodeSettings::Connection &connection, bool usesClientKey,
        const QString &settingsPath = ClaudeCodeSetup::defaultSettingsPath(), QWidget *parent = nullptr);

    QString previewText() const;
    bool applyChanges();
    bool restoreBackup();
    QString statusText() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    void retranslateUi();

    ClaudeCodeSettings::Connection m_connection;
    bool m_usesClientKey;
    QString m_settingsPath;
    ClaudeCodeSetup::Plan m_plan;
    QLabel *m_intro;
    QPlainTextEdit *m_preview;
    QLabel *m_status;
    QPushButton *m_apply;
    QPushButton *m_restore;
    QPushButton *m_close;
};
