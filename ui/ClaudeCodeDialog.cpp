#include "ClaudeCodeDialog.h"
#include "StatusLabel.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFontDatabase>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSyntaxHighlighter>
#include <QVBoxLayout>

namespace {

// Colours the preview like a diff: additions green, removals red, changes amber.
class ChangeHighlighter : public QSyntaxHighlighter
{
public:
    using QSyntaxHighlighter::QSyntaxHighlighter;

protected:
    void highlightBlock(const QString &text) override
    {
        QTextCharFormat format;
        if (text.startsWith(QLatin1Char('+')))
            format.setForeground(QColor(0x2e, 0x7d, 0x32));
        else if (text.startsWith(QLatin1Char('-')))
            format.setForeground(QColor(0xb3, 0x26, 0x1e));
        else if (text.startsWith(QLatin1Char('~')))
            format.setForeground(QColor(0x9a, 0x67, 0x00));
        else
            return;
        setFormat(0, int(text.size()), format);
    }
};

} // namespace

ClaudeCodeDialog::ClaudeCodeDialog(
    const ClaudeCodeSettings::Connection &connection, bool usesClientKey, const QString &settingsPath, QWidget *parent)
    : QDialog(parent)
    , m_connection(connection)
    , m_usesClientKey(usesClientKey)
    , m_settingsPath(settingsPath)
{
    setObjectName(QStringLiteral("ClaudeCodeDialog"));
    resize(640, 420);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_intro->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview = new QPlainTextEdit(this);
    m_preview->setObjectName(QStringLiteral("preview"));
    m_preview->setReadOnly(true);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    new ChangeHighlighter(m_preview->document());
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(this);
    m_apply = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_apply->setObjectName(QStringLiteral("applyButton"));
    m_restore = buttons->addButton(QString(), QDialogButtonBox::ResetRole);
    m_restore->setObjectName(QStringLiteral("restoreButton"));
    m_close = buttons->addButton(QDialogButtonBox::Close);
    connect(m_apply, &QPushButton::clicked, this, &ClaudeCodeDialog::applyChanges);
    connect(m_restore, &QPushButton::clicked, this, [this] {
        const auto answer = QMessageBox::question(this, tr("Restore"),
            tr("Put back the settings file as it was before Switchyard changed it?"),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer == QMessageBox::Yes)
            restoreBackup();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    retranslateUi();
}

void ClaudeCodeDialog::retranslateUi()
{
    setWindowTitle(tr("Configure Claude Code"));
    m_apply->setText(tr("Apply changes"));
    m_restore->setText(tr("Restore previous settings"));
    refresh();
}

void ClaudeCodeDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void ClaudeCodeDialog::refresh()
{
    m_plan = ClaudeCodeSetup::plan(m_settingsPath, m_connection);
    const QString path = QDir::toNativeSeparators(m_settingsPath);
    m_intro->setText(tr("Claude Code reads <b>%1</b>. Switchyard sets ANTHROPIC_BASE_URL and ANTHROPIC_AUTH_TOKEN in "
                        "its <code>env</code> block and keeps every other setting as it is. A backup is kept next to "
                        "it.")
                         .arg(path.toHtmlEscaped()));
    const bool hasBackup = ClaudeCodeSetup::planRestore(m_settingsPath).backupExists;
    m_restore->setEnabled(hasBackup);
    if (!m_plan.ok()) {
        m_preview->setPlainText(m_plan.merge.error);
        m_status->setText(tr("The file is not valid JSON, so Switchyard leaves it alone. Fix it (or move it away) and "
                             "open this window again."));
        m_status->setStyleSheet(StatusLabel::errorStyle());
        m_apply->setEnabled(false);
        return;
    }
    m_status->setStyleSheet(QString());
    if (!m_plan.changesSomething()) {
        m_preview->setPlainText(tr("Nothing to change: Claude Code already uses %1.").arg(m_connection.baseUrl));
        m_status->setText(QString());
        m_apply->setEnabled(false);
        return;
    }
    QStringList notes;
    if (m_plan.merge.createsFile)
        notes << tr("The file does not exist yet (or is empty); it will be created.");
    for (const ClaudeCodeSettings::EnvChange &change : m_plan.merge.changes) {
        if (change.kind == ClaudeCodeSettings::EnvChange::Kind::Remove
            && change.variable == QLatin1String(ClaudeCodeSettings::kApiKeyVariable))
            notes << tr("ANTHROPIC_API_KEY is removed from this file's env block only: with two keys set, Claude Code "
                        "warns or uses the wrong one. If your shell exports ANTHROPIC_API_KEY, unset it there too.");
    }
    if (!m_usesClientKey)
        notes << tr("No client key is configured, so Switchyard accepts any token; a placeholder is written.");
    m_preview->setPlainText(ClaudeCodeSettings::previewText(m_plan.merge.changes));
    m_status->setText(notes.join(QLatin1Char('\n')));
    m_apply->setEnabled(true);
}

QString ClaudeCodeDialog::previewText() const
{
    return m_preview->toPlainText();
}

QString ClaudeCodeDialog::statusText() const
{
    return m_status->text();
}

bool ClaudeCodeDialog::applyChanges()
{
    QString error;
    if (!ClaudeCodeSetup::apply(m_plan, &error)) {
        refresh();
        m_status->setText(tr("Not changed: %1").arg(error));
        m_status->setStyleSheet(StatusLabel::errorStyle());
        return false;
    }
    refresh();
    m_status->setText(tr("Done. New Claude Code sessions use Switchyard; restart sessions that are already open."));
    return true;
}

bool ClaudeCodeDialog::restoreBackup()
{
    QString error;
    if (!ClaudeCodeSetup::restore(ClaudeCodeSetup::planRestore(m_settingsPath), &error)) {
        m_status->setText(tr("Not restored: %1").arg(error));
        m_status->setStyleSheet(StatusLabel::errorStyle());
        return false;
    }
    refresh();
    m_status->setText(tr("The previous settings are back."));
    return true;
}
