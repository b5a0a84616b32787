#include "RoutingRulesEditor.h"

#include "AppSettings.h"

#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <limits>

namespace {

QStringList *rulesList(RoutingConfig &routing, RoutingRulesEditor::Rule rule)
{
    switch (rule) {
    case RoutingRulesEditor::Rule::Haiku:
        return &routing.tiers.haiku;
    case RoutingRulesEditor::Rule::Sonnet:
        return &routing.tiers.sonnet;
    case RoutingRulesEditor::Rule::Opus:
        return &routing.tiers.opus;
    case RoutingRulesEditor::Rule::Background:
        return &routing.rules.background;
    case RoutingRulesEditor::Rule::Think:
        return &routing.rules.think;
    case RoutingRulesEditor::Rule::LongContext:
        return &routing.rules.longContext;
    case RoutingRulesEditor::Rule::Image:
        return &routing.rules.image;
    }
    return nullptr;
}

} // namespace

const QList<RoutingRulesEditor::Rule> &RoutingRulesEditor::allRules()
{
    static const QList<Rule> rules {
        Rule::Haiku, Rule::Sonnet, Rule::Opus, Rule::Background, Rule::Think, Rule::LongContext, Rule::Image};
    return rules;
}

QString RoutingRulesEditor::fieldPath(Rule rule)
{
    switch (rule) {
    case Rule::Haiku:
        return QStringLiteral("tiers.haiku");
    case Rule::Sonnet:
        return QStringLiteral("tiers.sonnet");
    case Rule::Opus:
        return QStringLiteral("tiers.opus");
    case Rule::Background:
        return QStringLiteral("rules.background");
    case Rule::Think:
        return QStringLiteral("rules.think");
    case Rule::LongContext:
        return QStringLiteral("rules.long_context");
    case Rule::Image:
        return QStringLiteral("rules.image");
    }
    return QString();
}

RoutingRulesEditor::RoutingRulesEditor(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("RoutingRulesEditor"));
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_rules = new QListWidget(this);
    m_rules->setObjectName(QStringLiteral("ruleList"));
    m_rules->setMaximumWidth(240);
    m_pages = new QStackedWidget(this);
    m_thresholdLabel = new QLabel(this);
    m_threshold = new QSpinBox(this);
    m_threshold->setObjectName(QStringLiteral("longContextThresholdField"));
    m_threshold->setRange(1, std::numeric_limits<int>::max());
    m_threshold->setSingleStep(1000);
    m_threshold->setGroupSeparatorShown(true);

    for (Rule rule : allRules()) {
        auto *page = new QWidget(m_pages);
        auto *pageLayout = new QVBoxLayout(page);
        pageLayout->setContentsMargins(0, 0, 0, 0);
        auto *description = new QLabel(page);
        description->setWordWrap(true);
        pageLayout->addWidget(description);
        if (rule == Rule::LongContext) {
            auto *thresholdRow = new QFormLayout;
            thresholdRow->addRow(m_thresholdLabel, m_threshold);
            pageLayout->addLayout(thresholdRow);
        }
        auto *editor = new ModelListEditor(page);
        editor->setObjectName(fieldPath(rule));
        pageLayout->addWidget(editor, 1);
        m_pages->addWidget(page);
        m_editors << editor;
        m_descriptions << description;
        new QListWidgetItem(m_rules);
        connect(editor, &ModelListEditor::changed, this, [this] {
            if (m_loading)
                return;
            updateRuleTitles();
            Q_EMIT changed();
        });
    }
    connect(m_threshold, &QSpinBox::valueChanged, this, [this] {
        if (!m_loading)
            Q_EMIT changed();
    });
    connect(m_rules, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    auto *body = new QHBoxLayout;
    body->addWidget(m_rules);
    body->addWidget(m_pages, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(body, 1);
    m_rules->setCurrentRow(0);
    retranslateUi();
}

QString RoutingRulesEditor::ruleName(Rule rule) const
{
    switch (rule) {
    case Rule::Haiku:
        return tr("Claude asks for haiku");
    case Rule::Sonnet:
        return tr("Claude asks for sonnet");
    case Rule::Opus:
        return tr("Claude asks for opus");
    case Rule::Background:
        return tr("Background requests");
    case Rule::Think:
        return tr("Thinking");
    case Rule::LongContext:
        return tr("Long context");
    case Rule::Image:
        return tr("Images");
    }
    return QString();
}

QString RoutingRulesEditor::ruleDescription(Rule rule) const
{
    switch (rule) {
    case Rule::Haiku:
        return tr("Requests for a model whose name contains \"haiku\" (Claude Code's small, fast model and its "
                  "Explore sub-agents) go to these models first.");
    case Rule::Sonnet:
        return tr("Requests for a model whose name contains \"sonnet\" go to these models first.");
    case Rule::Opus:
        return tr("Requests for a model whose name contains \"opus\" go to these models first.");
    case Rule::Background:
        return tr("Claude Code's own small requests — session titles, topic checks, warm-ups — go to these "
                  "models first: a small, cheap, fast model.");
    case Rule::Think:
        return tr("Requests with thinking switched on go to these models first: a strong reasoning model. "
                  "Claude Code 2.1 asks for thinking in every main request.");
    case Rule::LongContext:
        return tr("Requests whose estimated input is above the threshold go to these models first: models with "
                  "a large context window.");
    case Rule::Image:
        return tr("Requests with an image anywhere in the conversation go to these models first: models that "
                  "can see images.");
    }
    return QString();
}

void RoutingRulesEditor::retranslateUi()
{
    m_intro->setText(tr("Rules apply in every mode, before any model is called, in this order. Each rule that "
                        "matches a request puts its models first; the mode's own models follow as fallbacks. A "
                        "rule without models is off."));
    m_thresholdLabel->setText(tr("Threshold (estimated input tokens):"));
    for (Rule rule : allRules()) {
        ModelListEditor *editor = m_editors.at(int(rule));
        editor->setTitle(tr("Models for this rule, tried in order"));
        editor->setPlaceholder(tr("platform:model"));
        m_descriptions.at(int(rule))->setText(ruleDescription(rule));
    }
    updateRuleTitles();
}

void RoutingRulesEditor::updateRuleTitles()
{
    for (Rule rule : allRules()) {
        const qsizetype count = m_editors.at(int(rule))->entries().size();
        QListWidgetItem *item = m_rules->item(int(rule));
        item->setText(count == 0 ? tr("%1 (off)").arg(ruleName(rule))
                                 : tr("%1 (%n model(s))", nullptr, int(count)).arg(ruleName(rule)));
        QFont font = item->font();
        font.setBold(count > 0);
        item->setFont(font);
    }
}

void RoutingRulesEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void RoutingRulesEditor::load(const RoutingConfig &routing, const AppSettings *settings)
{
    m_loading = true;
    RoutingConfig copy = routing;
    for (Rule rule : allRules()) {
        const QStringList disabled = settings ? settings->disabledEntries(fieldPath(rule)) : QStringList();
        m_editors.at(int(rule))->setEntries(*rulesList(copy, rule), disabled);
    }
    m_threshold->setValue(routing.rules.longContextThreshold);
    m_loading = false;
    updateRuleTitles();
}

void RoutingRulesEditor::writeTo(RoutingConfig &routing) const
{
    for (Rule rule : allRules())
        *rulesList(routing, rule) = m_editors.at(int(rule))->entries();
    routing.rules.longContextThreshold = m_threshold->value();
}

void RoutingRulesEditor::setCandidates(const QStringList &references)
{
    for (ModelListEditor *editor : std::as_const(m_editors))
        editor->setCandidates(references);
}

void RoutingRulesEditor::setValidator(const ModelListEditor::Validator &validator)
{
    for (ModelListEditor *editor : std::as_const(m_editors))
        editor->setValidator(validator);
}

void RoutingRulesEditor::revalidate()
{
    for (ModelListEditor *editor : std::as_const(m_editors))
        editor->revalidate();
}

bool RoutingRulesEditor::showProblem(const QString &field, int index, const QString &problem)
{
    if (field == QLatin1String("rules.long_context_threshold")) {
        m_rules->setCurrentRow(int(Rule::LongContext));
        m_threshold->setFocus();
        m_threshold->setToolTip(problem);
        return true;
    }
    for (Rule rule : allRules()) {
        if (fieldPath(rule) == field) {
            m_rules->setCurrentRow(int(rule));
            m_editors.at(int(rule))->showProblem(index, problem);
            return true;
        }
    }
    return false;
}
