#include "RoutingPage.h"

#include "AppSettings.h"
#include "ModelCatalog.h"
#include "ModelListEditor.h"
#include "RoutingRulesEditor.h"
#include "StatusLabel.h"
#include "config/ConfigService.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace {

const QString kPriorityList = QStringLiteral("priority");
const QString kRoutingModelsList = QStringLiteral("routing_models");
const QString kClaudeCodeList = QStringLiteral("claude_code");

QString sceneListName(const QString &scene)
{
    return QStringLiteral("scene:") + scene;
}

} // namespace

RoutingPage::RoutingPage(ConfigService *config, ModelCatalog *catalog, AppSettings *settings, QWidget *parent)
    : QWidget(parent)
    , m_config(config)
    , m_catalog(catalog)
    , m_settings(settings)
{
    setObjectName(QStringLiteral("RoutingPage"));
    m_modeLabel = new QLabel(this);
    m_mode = new QComboBox(this);
    m_mode->setObjectName(QStringLiteral("modeField"));
    m_modeDescription = new QLabel(this);
    m_modeDescription->setObjectName(QStringLiteral("modeDescription"));
    m_modeDescription->setWordWrap(true);
    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(StatusLabel::errorStyle());
    m_banner->hide();

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("routingTabs"));
    m_claudeCode = new ModelListEditor(this);
    m_claudeCode->setObjectName(QStringLiteral("claudeCodeList"));
    m_priority = new ModelListEditor(this);
    m_priority->setObjectName(QStringLiteral("priorityList"));
    m_routingModels = new ModelListEditor(this);
    m_routingModels->setObjectName(QStringLiteral("routingModelsList"));
    m_sceneModels = new ModelListEditor(this);
    m_sceneModels->setObjectName(QStringLiteral("sceneModelsList"));

    auto *claudePage = new QWidget(this);
    auto *claudeLayout = new QVBoxLayout(claudePage);
    claudeLayout->addWidget(m_claudeCode);
    auto *priorityPage = new QWidget(this);
    auto *priorityLayout = new QVBoxLayout(priorityPage);
    priorityLayout->addWidget(m_priority);

    m_scenesTitle = new QLabel(this);
    QFont bold = m_scenesTitle->font();
    bold.setBold(true);
    m_scenesTitle->setFont(bold);
    m_scenes = new QListWidget(this);
    m_scenes->setObjectName(QStringLiteral("sceneList"));
    m_scenes->setDragDropMode(QAbstractItemView::InternalMove);
    m_scenes->setMaximumWidth(220);
    m_addScene = new QPushButton(this);
    m_addScene->setObjectName(QStringLiteral("addSceneButton"));
    m_removeScene = new QPushButton(this);
    m_removeScene->setObjectName(QStringLiteral("removeSceneButton"));
    m_sceneNameLabel = new QLabel(this);
    m_sceneName = new QLineEdit(this);
    m_sceneName->setObjectName(QStringLiteral("sceneNameField"));
    m_sceneDescriptionLabel = new QLabel(this);
    m_sceneDescription = new QPlainTextEdit(this);
    m_sceneDescription->setObjectName(QStringLiteral("sceneDescriptionField"));
    m_sceneDescription->setMaximumHeight(70);
    m_sceneDescription->setTabChangesFocus(true);

    auto *smartPage = new QWidget(this);
    auto *smartLayout = new QVBoxLayout(smartPage);
    m_routingModels->listWidget()->setMaximumHeight(120);
    smartLayout->addWidget(m_routingModels);
    auto *sceneArea = new QHBoxLayout;
    auto *sceneListSide = new QVBoxLayout;
    sceneListSide->addWidget(m_scenesTitle);
    sceneListSide->addWidget(m_scenes, 1);
    auto *sceneButtons = new QHBoxLayout;
    sceneButtons->addWidget(m_addScene);
    sceneButtons->addWidget(m_removeScene);
    sceneListSide->addLayout(sceneButtons);
    auto *sceneEditor = new QFormLayout;
    sceneEditor->setLabelAlignment(Qt::AlignRight);
    sceneEditor->addRow(m_sceneNameLabel, m_sceneName);
    sceneEditor->addRow(m_sceneDescriptionLabel, m_sceneDescription);
    sceneEditor->addRow(m_sceneModels);
    sceneArea->addLayout(sceneListSide);
    sceneArea->addLayout(sceneEditor, 1);
    smartLayout->addLayout(sceneArea, 1);

    m_rules = new RoutingRulesEditor(this);

    m_tabs->addTab(claudePage, QString());
    m_tabs->addTab(priorityPage, QString());
    m_tabs->addTab(smartPage, QString());
    m_tabs->addTab(m_rules, QString());

    m_dirty = new QLabel(this);
    m_dirty->setObjectName(QStringLiteral("dirtyState"));
    m_save = new QPushButton(this);
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_save->setShortcut(QKeySequence::Save);
    m_save->setDefault(true);
    m_revert = new QPushButton(this);
    m_revert->setObjectName(QStringLiteral("revertButton"));

    auto *modeRow = new QHBoxLayout;
    modeRow->addWidget(m_modeLabel);
    modeRow->addWidget(m_mode);
    modeRow->addStretch(1);
    auto *saveRow = new QHBoxLayout;
    saveRow->addWidget(m_dirty, 1);
    saveRow->addWidget(m_revert);
    saveRow->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(modeRow);
    layout->addWidget(m_modeDescription);
    layout->addWidget(m_banner);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(saveRow);

    m_claudeCode->setValidator([this](const QString &id) { return checkClaudePlatform(id); });
    for (ModelListEditor *editor : {m_priority, m_routingModels, m_sceneModels})
        editor->setValidator([this](const QString &entry) { return checkReference(entry); });
    m_rules->setValidator([this](const QString &entry) { return checkReference(entry); });
    for (ModelListEditor *editor : {m_claudeCode, m_priority, m_routingModels})
        connect(editor, &ModelListEditor::changed, this, &RoutingPage::onEdited);
    connect(m_rules, &RoutingRulesEditor::changed, this, &RoutingPage::onEdited);
    connect(m_sceneModels, &ModelListEditor::changed, this, [this] {
        storeScene();
        onEdited();
    });
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        updateModeDescription();
        onEdited();
    });
    connect(m_scenes, &QListWidget::currentRowChanged, this, [this](int row) {
        if (m_loading)
            return;
        storeScene();
        showScene(row);
    });
    connect(m_scenes->model(), &QAbstractItemModel::rowsMoved, this,
        [this](const QModelIndex &, int start, int, const QModelIndex &, int row) {
            const int to = row > start ? row - 1 : row;
            m_sceneDrafts.move(start, to);
            m_sceneDisabled.move(start, to);
            m_currentScene = m_scenes->currentRow();
            onEdited();
        });
    connect(m_sceneName, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (m_currentScene >= 0 && m_scenes->item(m_currentScene))
            m_scenes->item(m_currentScene)->setText(text);
        storeScene();
        onEdited();
    });
    connect(m_sceneDescription, &QPlainTextEdit::textChanged, this, [this] {
        if (m_loading)
            return;
        storeScene();
        onEdited();
    });
    connect(m_addScene, &QPushButton::clicked, this, &RoutingPage::addScene);
    connect(m_removeScene, &QPushButton::clicked, this, &RoutingPage::removeScene);
    connect(m_save, &QPushButton::clicked, this, &RoutingPage::save);
    connect(m_revert, &QPushButton::clicked, this, &RoutingPage::revert);
    connect(m_catalog, &ModelCatalog::changed, this, &RoutingPage::refreshCandidates);
    connect(m_config, &ConfigService::configChanged, this, [this] {
        refreshCandidates();
        for (ModelListEditor *editor : {m_claudeCode, m_priority, m_routingModels, m_sceneModels})
            editor->revalidate();
        m_rules->revalidate();
        if (!hasUnsavedChanges())
            loadFromConfig();
    });

    retranslateUi();
    loadFromConfig();
}

void RoutingPage::retranslateUi()
{
    m_modeLabel->setText(tr("Routing mode:"));
    const int mode = qMax(0, m_mode->currentIndex());
    m_loading = true;
    m_mode->clear();
    m_mode->addItem(tr("Claude Code pass-through"), int(RoutingMode::ClaudeCode));
    m_mode->addItem(tr("Global priority list"), int(RoutingMode::GlobalDirect));
    m_mode->addItem(tr("Smart routing by scene"), int(RoutingMode::SmartRouting));
    m_mode->setCurrentIndex(mode);
    m_loading = false;
    m_tabs->setTabText(ClaudeCodeTab, tr("Claude Code"));
    m_tabs->setTabText(PriorityTab, tr("Priority list"));
    m_tabs->setTabText(SmartRoutingTab, tr("Smart routing"));
    m_tabs->setTabText(RulesTab, tr("Tier and scenario rules"));
    m_claudeCode->setTitle(tr("Anthropic-compatible platforms, tried in this order (empty: every enabled one)"));
    m_claudeCode->setPlaceholder(tr("Platform id"));
    m_priority->setTitle(tr("Models tried in this order; the first that answers wins"));
    m_priority->setPlaceholder(tr("platform:model"));
    m_routingModels->setTitle(tr("Routing models: small, fast models that choose the scene, tried in order"));
    m_routingModels->setPlaceholder(tr("platform:model"));
    m_sceneModels->setTitle(tr("Models answering this scene, in order"));
    m_sceneModels->setPlaceholder(tr("platform:model"));
    m_scenesTitle->setText(tr("Scenes"));
    m_addScene->setText(tr("Add scene"));
    m_removeScene->setText(tr("Remove"));
    m_sceneNameLabel->setText(tr("Name:"));
    m_sceneName->setPlaceholderText(tr("e.g. coding"));
    m_sceneDescriptionLabel->setText(tr("Description:"));
    m_sceneDescription->setPlaceholderText(tr("What requests belong here, in words the routing model reads"));
    m_save->setText(tr("Save"));
    m_save->setToolTip(tr("Save and use for new requests at once (Ctrl+S)"));
    m_revert->setText(tr("Revert"));
    updateModeDescription();
    onEdited();
}

void RoutingPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void RoutingPage::updateModeDescription()
{
    switch (RoutingMode(m_mode->currentData().toInt())) {
    case RoutingMode::ClaudeCode:
        m_modeDescription->setText(tr("Requests go unchanged to Anthropic-compatible platforms, with the model Claude "
                                      "Code asked for; the next platform answers when one fails."));
        break;
    case RoutingMode::GlobalDirect:
        m_modeDescription->setText(tr("Every request goes to the first model of the priority list that answers; "
                                      "OpenAI-format platforms are converted to and from Anthropic's format."));
        break;
    case RoutingMode::SmartRouting:
        m_modeDescription->setText(tr("A routing model reads each request and picks a scene by its name and "
                                      "description; that scene's models answer, in order."));
        break;
    }
}

QString RoutingPage::checkReference(const QString &entry) const
{
    const qsizetype colon = entry.indexOf(QLatin1Char(':'));
    if (colon <= 0 || colon + 1 >= entry.size())
        return tr("write it as platform:model");
    const QString platformId = entry.left(colon);
    const PlatformConfig *platform = m_config->current().findPlatform(platformId);
    if (!platform)
        return tr("there is no platform \"%1\"").arg(platformId);
    if (!platform->enabled)
        return tr("platform \"%1\" is disabled").arg(platformId);
    return QString();
}

QString RoutingPage::checkClaudePlatform(const QString &id) const
{
    const PlatformConfig *platform = m_config->current().findPlatform(id);
    if (!platform)
        return tr("there is no platform \"%1\"").arg(id);
    if (platform->type != PlatformType::Anthropic)
        return tr("\"%1\" is not Anthropic-compatible").arg(id);
    if (!platform->enabled)
        return tr("platform \"%1\" is disabled").arg(id);
    return QString();
}

void RoutingPage::refreshCandidates()
{
    const Config config = m_config->current();
    const QStringList references = m_catalog->references(config);
    for (ModelListEditor *editor : {m_priority, m_routingModels, m_sceneModels})
        editor->setCandidates(references);
    m_rules->setCandidates(references);
    QStringList anthropic;
    for (const PlatformConfig &platform : config.platforms) {
        if (platform.type == PlatformType::Anthropic)
            anthropic << platform.id;
    }
    m_claudeCode->setCandidates(anthropic);
}

void RoutingPage::loadFromConfig()
{
    m_loading = true;
    const RoutingConfig routing = m_config->current().routing;
    m_mode->setCurrentIndex(m_mode->findData(int(routing.mode)));
    m_claudeCode->setEntries(routing.claudeCodePlatforms, m_settings->disabledEntries(kClaudeCodeList));
    m_priority->setEntries(routing.modelPriorityList, m_settings->disabledEntries(kPriorityList));
    m_routingModels->setEntries(routing.routingModels, m_settings->disabledEntries(kRoutingModelsList));
    m_rules->load(routing, m_settings);
    m_sceneDrafts = routing.scenes;
    m_sceneDisabled.clear();
    m_scenes->clear();
    for (Scene &scene : m_sceneDrafts) {
        const QStringList disabled = m_settings->disabledEntries(sceneListName(scene.name));
        m_sceneDisabled << disabled;
        scene.models = ModelListEditor::withSwitchedOff(scene.models, disabled);
        auto *item = new QListWidgetItem(scene.name, m_scenes);
        item->setFlags(item->flags() | Qt::ItemIsDragEnabled);
    }
    m_currentScene = -1;
    m_loading = false;
    refreshCandidates();
    m_scenes->setCurrentRow(m_sceneDrafts.isEmpty() ? -1 : 0);
    showScene(m_scenes->currentRow());
    m_banner->hide();
    updateModeDescription();
    updateDirtyState();
}

void RoutingPage::showScene(int row)
{
    m_loading = true;
    m_currentScene = row;
    const bool has = row >= 0 && row < m_sceneDrafts.size();
    m_sceneName->setEnabled(has);
    m_sceneDescription->setEnabled(has);
    m_sceneModels->setEnabled(has);
    m_removeScene->setEnabled(has);
    m_sceneName->setText(has ? m_sceneDrafts.at(row).name : QString());
    m_sceneDescription->setPlainText(has ? m_sceneDrafts.at(row).description : QString());
    m_sceneModels->setEntries(
        has ? m_sceneDrafts.at(row).models : QStringList(), has ? m_sceneDisabled.at(row) : QStringList());
    m_sceneModels->setEmptyProblem(has ? tr("A scene needs at least one model.") : QString());
    m_loading = false;
}

void RoutingPage::storeScene()
{
    if (m_loading || m_currentScene < 0 || m_currentScene >= m_sceneDrafts.size())
        return;
    Scene &scene = m_sceneDrafts[m_currentScene];
    scene.name = m_sceneName->text().trimmed();
    scene.description = m_sceneDescription->toPlainText().trimmed();
    scene.models = m_sceneModels->allEntries();
    m_sceneDisabled[m_currentScene] = m_sceneModels->disabledEntries();
}

void RoutingPage::addScene()
{
    storeScene();
    Scene scene;
    QStringList names;
    for (const Scene &existing : std::as_const(m_sceneDrafts))
        names << existing.name;
    scene.name = tr("scene");
    for (int n = 2; names.contains(scene.name); ++n)
        scene.name = tr("scene") + QString::number(n);
    m_sceneDrafts.append(scene);
    m_sceneDisabled.append(QStringList());
    m_loading = true;
    new QListWidgetItem(scene.name, m_scenes);
    m_loading = false;
    m_scenes->setCurrentRow(int(m_sceneDrafts.size() - 1));
    m_sceneName->setFocus();
    m_sceneName->selectAll();
    onEdited();
}

void RoutingPage::removeScene()
{
    const int row = m_currentScene;
    if (row < 0)
        return;
    m_loading = true;
    m_sceneDrafts.removeAt(row);
    m_sceneDisabled.removeAt(row);
    delete m_scenes->takeItem(row);
    m_loading = false;
    m_currentScene = -1;
    showScene(m_scenes->currentRow());
    onEdited();
}

RoutingConfig RoutingPage::editedRouting() const
{
    RoutingConfig routing = m_config->current().routing;
    routing.mode = RoutingMode(m_mode->currentData().toInt());
    routing.claudeCodePlatforms = m_claudeCode->entries();
    routing.modelPriorityList = m_priority->entries();
    routing.routingModels = m_routingModels->entries();
    routing.scenes.clear();
    for (int i = 0; i < m_sceneDrafts.size(); ++i) {
        Scene scene = m_sceneDrafts.at(i);
        QStringList active;
        for (const QString &model : std::as_const(scene.models)) {
            if (!m_sceneDisabled.at(i).contains(model))
                active << model;
        }
        scene.models = active;
        routing.scenes.append(scene);
    }
    m_rules->writeTo(routing);
    return routing;
}

bool RoutingPage::hasUnsavedChanges() const
{
    return !(editedRouting() == m_config->current().routing);
}

void RoutingPage::onEdited()
{
    if (m_loading)
        return;
    const RoutingMode mode = RoutingMode(m_mode->currentData().toInt());
    m_priority->setEmptyProblem(mode == RoutingMode::GlobalDirect
            ? tr("The priority list is empty: requests would have nowhere to go.")
            : QString());
    m_routingModels->setEmptyProblem(
        mode == RoutingMode::SmartRouting ? tr("Smart routing needs at least one routing model.") : QString());
    updateDirtyState();
}

void RoutingPage::updateDirtyState()
{
    const bool dirty = hasUnsavedChanges();
    m_save->setEnabled(dirty);
    m_revert->setEnabled(dirty);
    m_dirty->setText(dirty ? tr("Unsaved changes") : QString());
}

void RoutingPage::showApplyError(const QString &error)
{
    m_lastError = error;
    static const QRegularExpression listPath(
        QStringLiteral("^([a-z_]+)(?:\\[(\\d+)\\])?(?:\\.([a-z_]+)(?:\\[(\\d+)\\])?)?"));
    const QRegularExpressionMatch match = listPath.match(error);
    const QString field = match.captured(1);
    const int index = match.captured(2).isEmpty() ? -1 : match.captured(2).toInt();
    const QString message = error.mid(error.indexOf(QStringLiteral(": ")) + 2);
    if ((field == QLatin1String("tiers") || field == QLatin1String("rules"))
        && m_rules->showProblem(field + QLatin1Char('.') + match.captured(3),
            match.captured(4).isEmpty() ? -1 : match.captured(4).toInt(), message)) {
        m_tabs->setCurrentIndex(RulesTab);
    } else if (field == QLatin1String("model_priority_list")) {
        m_tabs->setCurrentIndex(PriorityTab);
        m_priority->showProblem(index, message);
    } else if (field == QLatin1String("routing_models")) {
        m_tabs->setCurrentIndex(SmartRoutingTab);
        m_routingModels->showProblem(index, message);
    } else if (field == QLatin1String("claude_code")) {
        m_tabs->setCurrentIndex(ClaudeCodeTab);
        m_claudeCode->showProblem(match.captured(4).isEmpty() ? -1 : match.captured(4).toInt(), message);
    } else if (field == QLatin1String("scenes") && index >= 0 && index < m_sceneDrafts.size()) {
        m_tabs->setCurrentIndex(SmartRoutingTab);
        m_scenes->setCurrentRow(index);
        const int modelIndex = match.captured(4).isEmpty() ? -1 : match.captured(4).toInt();
        m_sceneModels->showProblem(match.captured(3) == QLatin1String("models") ? modelIndex : -1, message);
    }
    m_banner->setText(tr("Not saved: %1").arg(error));
    m_banner->show();
}

QList<std::pair<QString, QStringList>> RoutingPage::disabledLists() const
{
    QList<std::pair<QString, QStringList>> lists {
        {kClaudeCodeList, m_claudeCode->disabledEntries()},
        {kPriorityList, m_priority->disabledEntries()},
        {kRoutingModelsList, m_routingModels->disabledEntries()},
    };
    for (int i = 0; i < m_sceneDrafts.size(); ++i)
        lists.append({sceneListName(m_sceneDrafts.at(i).name), m_sceneDisabled.at(i)});
    for (RoutingRulesEditor::Rule rule : RoutingRulesEditor::allRules())
        lists.append({RoutingRulesEditor::fieldPath(rule), m_rules->editor(rule)->disabledEntries()});
    return lists;
}

bool RoutingPage::save()
{
    storeScene();
    Config config = m_config->current();
    config.routing = editedRouting();
    // Remembered first: applying reloads the lists, which reads them back.
    const QList<std::pair<QString, QStringList>> lists = disabledLists();
    QList<std::pair<QString, QStringList>> previous;
    for (const auto &[name, disabled] : lists) {
        previous.append({name, m_settings->disabledEntries(name)});
        m_settings->setDisabledEntries(name, disabled);
    }
    QString error;
    if (!m_config->apply(config, &error)) {
        for (const auto &[name, disabled] : std::as_const(previous))
            m_settings->setDisabledEntries(name, disabled);
        showApplyError(error);
        return false;
    }
    m_lastError.clear();
    loadFromConfig();
    Q_EMIT saved();
    return true;
}

void RoutingPage::revert()
{
    loadFromConfig();
}
