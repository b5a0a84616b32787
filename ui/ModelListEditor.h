#pragma once

#include <QStringList>
#include <QWidget>
#include <functional>

class QComboBox;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QToolButton;

// An ordered list of entries ("platform:model", or platform ids) edited by drag and drop: add from a
// list of candidates (or typed), remove, reorder by dragging (or Alt+Up / Alt+Down), switch entries off
// without losing their place. Each entry is checked by a validator and marked where it is wrong; an
// empty list says what that means. Used by every routing list.
class ModelListEditor : public QWidget
{
    Q_OBJECT
public:
    // Returns the problem of one entry, or an empty string.
    using Validator = std::function<QString(const QString &entry)>;

    explicit ModelListEditor(QWidget *parent = nullptr);

    void setTitle(const QString &title);
    void setEmptyProblem(const QString &problem); // shown when no entry is switched on ("" = empty is fine)
    void setPlaceholder(const QString &text); // for the add field
    void setCandidates(const QStringList &candidates);
    void setValidator(Validator validator);

    // `entries` in order, those in `disabled` switched off; entries of `disabled` missing from `entries` follow,
    // switched off (a switched-off entry is not in the configuration, only remembered by the app).
    void setEntries(const QStringList &entries, const QStringList &disabled = {});
    // `active` followed by the entries of `switchedOff` it lacks: every entry such a list shows.
    static QStringList withSwitchedOff(const QStringList &active, const QStringList &switchedOff);
    QStringList entries() const; // switched-on entries, in order
    QStringList disabledEntries() const;
    QStringList allEntries() const;

    // Re-checks every entry (after the platforms changed); true when nothing is wrong.
    bool revalidate();
    // Shows a problem reported by the configuration service for entry `index` (of entries()), or for the
    // list as a whole when index < 0.
    void showProblem(int index, const QString &problem);
    QString problemText() const;

    QListWidget *listWidget() const { return m_list; }

Q_SIGNALS:
    void changed();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void addEntry();
    void removeSelected();
    void moveSelected(int delta);
    void retranslateUi();
    void updateButtons();
    QListWidgetItem *makeItem(const QString &entry, bool enabled);

    QLabel *m_title;
    QListWidget *m_list;
    QComboBox *m_addField;
    QToolButton *m_addButton;
    QToolButton *m_removeButton;
    QToolButton *m_upButton;
    QToolButton *m_downButton;
    QLabel *m_problem;
    QString m_emptyProblem;
    Validator m_validator;
    bool m_updating = false;
};
