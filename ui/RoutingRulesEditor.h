#pragma once

#include "ModelListEditor.h"
#include "config/Config.h"

#include <QList>
#include <QWidget>

class AppSettings;
class QLabel;
class QListWidget;
class QSpinBox;
class QStackedWidget;

// The rules that route a request before any model is called, in the order they apply: which models answer
// when Claude Code asks for a haiku, sonnet or opus model, and which answer background, thinking,
// long-context and image requests (docs/configuration.md, "How a request is routed"). One drag-and-drop
// model list per rule, picked from the list of rules on the left; a rule whose list is empty is off.
class RoutingRulesEditor : public QWidget
{
    Q_OBJECT
public:
    enum class Rule
    {
        Haiku,
        Sonnet,
        Opus,
        Background,
        Think,
        LongContext,
        Image,
    };
    static const QList<Rule> &allRules();
    // The rule's field in the configuration ("tiers.opus", "rules.long_context"); also the name under which
    // its switched-off entries are remembered.
    static QString fieldPath(Rule rule);

    explicit RoutingRulesEditor(QWidget *parent = nullptr);

    void load(const RoutingConfig &routing, const AppSettings *settings);
    void writeTo(RoutingConfig &routing) const; // the switched-on entries and the threshold
    ModelListEditor *editor(Rule rule) const { return m_editors.at(int(rule)); }
    QSpinBox *longContextThresholdField() const { return m_threshold; }
    QListWidget *ruleList() const { return m_rules; }

    void setCandidates(const QStringList &references);
    void setValidator(const ModelListEditor::Validator &validator);
    void revalidate();
    // Shows a problem the configuration service reported for `field` ("tiers.opus", entry `index` or -1);
    // false when the field is not one of the rules.
    bool showProblem(const QString &field, int index, const QString &problem);

Q_SIGNALS:
    void changed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateRuleTitles();
    QString ruleName(Rule rule) const;
    QString ruleDescription(Rule rule) const;

    QLabel *m_intro;
    QListWidget *m_rules;
    QStackedWidget *m_pages;
    QList<ModelListEditor *> m_editors;
    QList<QLabel *> m_descriptions;
    QLabel *m_thresholdLabel;
    QSpinBox *m_threshold;
    bool m_loading = false;
};
