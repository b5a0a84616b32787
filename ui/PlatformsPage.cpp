#include "PlatformsPage.h"

#include "ModelCatalog.h"
#include "ModelPriceEditor.h"
#include "SecretStore.h"
#include "StatusLabel.h"
#include "UiResources.h"
#include "config/ConfigService.h"
#include "config/ConfigValidator.h"
#include "config/SecretReference.h"
#include "platforms/ConnectionTester.h"
#include "platforms/ModelCapabilities.h"
#include "platforms/ModelDiscovery.h"
#include "platforms/PlatformPreset.h"
#include "platforms/PlatformTarget.h"
#include "upstream/UpstreamClient.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QProcessEnvironment>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QSplitter>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

enum ModelColumn
{
    ModelIdColumn,
    ContextColumn,
    MaxOutputColumn,
    ToolsColumn,
    VisionColumn,
    ReasoningColumn,
    PriceColumn,
    ModelColumnCount
};

// Offered by the currency field; any other three-letter code may be typed.
const char *const kCurrencies[] = {"USD", "CNY", "EUR", "GBP", "JPY", "HKD", "SGD", "KRW", "INR", "CAD", "AUD", "CHF"};

QLabel *makeProblemLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setStyleSheet(StatusLabel::errorStyle());
    label->hide();
    return label;
}

ModelSettings *findModel(PlatformConfig &platform, const QString &id)
{
    for (ModelSettings &model : platform.models) {
        if (model.id == id)
            return &model;
    }
    return nullptr;
}

QString currencyProblem()
{
    return PlatformsPage::tr("Use a three-letter currency code, such as USD or CNY.");
}

} // namespace

PlatformsPage::PlatformsPage(ConfigService *config, SecretStore *secrets, ModelCatalog *catalog, QWidget *parent)
    : QWidget(parent)
    , m_config(config)
    , m_secrets(secrets)
    , m_catalog(catalog)
    , m_upstream(new UpstreamClient(this))
    , m_tester(new ConnectionTester(m_upstream, this))
    , m_discovery(new ModelDiscovery(m_upstream, this))
{
    setObjectName(QStringLiteral("PlatformsPage"));
    // The editor hands the tester and the discovery a platform whose key is already expanded.
    m_tester->setSecretLookup({});
    m_discovery->setSecretLookup({});

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("platformList"));
    m_list->setIconSize(QSize(16, 16));
    m_list->setMinimumWidth(200);
    m_addButton = new QToolButton(this);
    m_addButton->setObjectName(QStringLiteral("addPlatformButton"));
    m_addButton->setPopupMode(QToolButton::InstantPopup);
    m_addButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *addMenu = new QMenu(m_addButton);
    addMenu->setObjectName(QStringLiteral("addPlatformMenu"));
    m_addButton->setMenu(addMenu);
    m_removeButton = new QPushButton(this);
    m_removeButton->setObjectName(QStringLiteral("removePlatformButton"));

    auto *listSide = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listSide);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_list, 1);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_addButton);
    listButtons->addWidget(m_removeButton);
    listButtons->addStretch(1);
    listLayout->addLayout(listButtons);

    // The editor.
    m_editor = new QWidget(this);
    m_banner = makeProblemLabel(m_editor);
    m_banner->setObjectName(QStringLiteral("banner"));
    m_header = new QLabel(m_editor);
    QFont headerFont = m_header->font();
    headerFont.setPointSizeF(headerFont.pointSizeF() * 1.25);
    headerFont.setBold(true);
    m_header->setFont(headerFont);

    m_typeLabel = new QLabel(m_editor);
    m_typeValue = new QLabel(m_editor);
    m_typeValue->setObjectName(QStringLiteral("typeValue"));
    m_idLabel = new QLabel(m_editor);
    m_id = new QLineEdit(m_editor);
    m_id->setObjectName(QStringLiteral("idField"));
    m_nameLabel = new QLabel(m_editor);
    m_name = new QLineEdit(m_editor);
    m_name->setObjectName(QStringLiteral("nameField"));
    m_baseUrlLabel = new QLabel(m_editor);
    m_baseUrl = new QComboBox(m_editor);
    m_baseUrl->setObjectName(QStringLiteral("baseUrlField"));
    m_baseUrl->setEditable(true);
    m_baseUrl->setInsertPolicy(QComboBox::NoInsert);
    m_keyLabel = new QLabel(m_editor);
    m_apiKey = new QLineEdit(m_editor);
    m_apiKey->setObjectName(QStringLiteral("apiKeyField"));
    m_apiKey->setEchoMode(QLineEdit::Password);
    m_apiKey->setClearButtonEnabled(true);
    m_showKey = m_apiKey->addAction(QIcon(), QLineEdit::TrailingPosition);
    m_showKey->setObjectName(QStringLiteral("showKeyAction"));
    m_showKey->setCheckable(true);
    m_showKey->setText(QStringLiteral("\U0001F441"));
    m_keyNote = new QLabel(m_editor);
    m_keyNote->setObjectName(QStringLiteral("keyNote"));
    m_keyNote->setWordWrap(true);
    m_keyNote->setStyleSheet(QStringLiteral("color: palette(dark);"));
    m_keyNote->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_keyNote->setMinimumWidth(360);
    m_enabled = new QCheckBox(m_editor);
    m_enabled->setObjectName(QStringLiteral("enabledField"));
    m_currencyLabel = new QLabel(m_editor);
    m_currency = new QComboBox(m_editor);
    m_currency->setObjectName(QStringLiteral("currencyField"));
    m_currency->setEditable(true);
    m_currency->setInsertPolicy(QComboBox::NoInsert);
    m_currency->setCompleter(nullptr); // typed letters become capitals as they are typed
    for (const char *code : kCurrencies)
        m_currency->addItem(QLatin1String(code));
    m_currency->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z]{0,3}")), m_currency));
    m_currency->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_currency->setMinimumContentsLength(5);
    for (const char *field : {"id", "name", "base_url", "api_key", "currency", "models"}) {
        QLabel *label = makeProblemLabel(m_editor);
        label->setObjectName(QStringLiteral("problem_") + QLatin1String(field));
        m_fieldProblems.insert(QLatin1String(field), label);
    }

    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(m_typeLabel, m_typeValue);
    form->addRow(m_idLabel, m_id);
    form->addRow(QString(), m_fieldProblems.value(QStringLiteral("id")));
    form->addRow(m_nameLabel, m_name);
    form->addRow(QString(), m_fieldProblems.value(QStringLiteral("name")));
    form->addRow(m_baseUrlLabel, m_baseUrl);
    form->addRow(QString(), m_fieldProblems.value(QStringLiteral("base_url")));
    form->addRow(m_keyLabel, m_apiKey);
    form->addRow(QString(), m_keyNote);
    form->addRow(QString(), m_fieldProblems.value(QStringLiteral("api_key")));
    auto *currencyRow = new QHBoxLayout;
    currencyRow->addWidget(m_currency);
    currencyRow->addStretch(1);
    form->addRow(m_currencyLabel, currencyRow);
    m_fieldProblems.value(QStringLiteral("currency"))->setMinimumWidth(360);
    form->addRow(QString(), m_fieldProblems.value(QStringLiteral("currency")));
    form->addRow(QString(), m_enabled);

    m_testButton = new QPushButton(m_editor);
    m_testButton->setObjectName(QStringLiteral("testButton"));
    m_refreshButton = new QPushButton(m_editor);
    m_refreshButton->setObjectName(QStringLiteral("refreshModelsButton"));
    m_cancelButton = new QPushButton(m_editor);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->hide();
    m_busy = new QProgressBar(m_editor);
    m_busy->setObjectName(QStringLiteral("busyIndicator"));
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(120);
    m_busy->setTextVisible(false);
    m_busy->hide();
    m_resultIcon = new QLabel(m_editor);
    m_resultIcon->setFixedSize(18, 18);
    m_result = new QLabel(m_editor);
    m_result->setObjectName(QStringLiteral("testResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_testButton);
    testRow->addWidget(m_refreshButton);
    testRow->addWidget(m_busy);
    testRow->addWidget(m_cancelButton);
    testRow->addStretch(1);
    auto *resultRow = new QHBoxLayout;
    resultRow->addWidget(m_resultIcon, 0, Qt::AlignTop);
    resultRow->addWidget(m_result, 1);

    m_modelsTitle = new QLabel(m_editor);
    QFont boldFont = m_modelsTitle->font();
    boldFont.setBold(true);
    m_modelsTitle->setFont(boldFont);
    m_models = new QTableWidget(0, ModelColumnCount, m_editor);
    m_models->setObjectName(QStringLiteral("modelTable"));
    m_models->verticalHeader()->hide();
    m_models->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_models->setSelectionMode(QAbstractItemView::SingleSelection);
    m_models->setAlternatingRowColors(true);
    m_models->horizontalHeader()->setSectionResizeMode(ModelIdColumn, QHeaderView::Stretch);
    m_models->setMinimumHeight(160);
    m_resetModel = new QPushButton(m_editor);
    m_resetModel->setObjectName(QStringLiteral("resetModelButton"));
    m_useListPrices = new QPushButton(m_editor);
    m_useListPrices->setObjectName(QStringLiteral("useListPricesButton"));
    m_useListPrices->hide();

    m_priceEditor = new ModelPriceEditor(m_editor);

    m_saveButton = new QPushButton(m_editor);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_saveButton->setDefault(true);
    m_saveButton->setShortcut(QKeySequence::Save);
    m_revertButton = new QPushButton(m_editor);
    m_revertButton->setObjectName(QStringLiteral("revertButton"));
    m_dirty = new QLabel(m_editor);
    m_dirty->setObjectName(QStringLiteral("dirtyState"));
    auto *saveRow = new QHBoxLayout;
    saveRow->addWidget(m_dirty, 1);
    saveRow->addWidget(m_revertButton);
    saveRow->addWidget(m_saveButton);

    auto *editorLayout = new QVBoxLayout(m_editor);
    editorLayout->addWidget(m_banner);
    editorLayout->addWidget(m_header);
    editorLayout->addLayout(form);
    editorLayout->addLayout(testRow);
    editorLayout->addLayout(resultRow);
    editorLayout->addSpacing(6);
    editorLayout->addWidget(m_modelsTitle);
    editorLayout->addWidget(m_models, 1);
    editorLayout->addWidget(m_fieldProblems.value(QStringLiteral("models")));
    auto *modelButtons = new QHBoxLayout;
    modelButtons->addStretch(1);
    modelButtons->addWidget(m_useListPrices);
    modelButtons->addWidget(m_resetModel);
    editorLayout->addLayout(modelButtons);
    editorLayout->addWidget(m_priceEditor);

    m_emptyEditor = new QLabel(this);
    m_emptyEditor->setObjectName(QStringLiteral("emptyEditor"));
    m_emptyEditor->setAlignment(Qt::AlignCenter);
    m_emptyEditor->setWordWrap(true);
    m_emptyEditor->setMargin(30);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *editorStack = new QWidget(this);
    auto *stackLayout = new QVBoxLayout(editorStack);
    stackLayout->setContentsMargins(0, 0, 0, 0);
    stackLayout->addWidget(m_editor, 1);
    stackLayout->addWidget(m_emptyEditor, 1);
    scroll->setWidget(editorStack);

    auto *rightSide = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(rightSide);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(scroll, 1);
    rightLayout->addLayout(saveRow);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(listSide);
    splitter->addWidget(rightSide);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({220, 640});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (m_updating)
            return;
        m_current = row;
        showEditor();
    });
    connect(m_removeButton, &QPushButton::clicked, this, &PlatformsPage::removeSelected);
    for (QLineEdit *edit : {m_id, m_name})
        connect(edit, &QLineEdit::textEdited, this, &PlatformsPage::writeEditorToDraft);
    connect(m_baseUrl, &QComboBox::currentTextChanged, this, &PlatformsPage::writeEditorToDraft);
    connect(m_enabled, &QCheckBox::toggled, this, &PlatformsPage::writeEditorToDraft);
    connect(m_currency->lineEdit(), &QLineEdit::textEdited, this, [this](const QString &text) {
        const QString upper = text.toUpper();
        if (upper == text)
            return;
        const int cursor = m_currency->lineEdit()->cursorPosition();
        m_currency->lineEdit()->setText(upper);
        m_currency->lineEdit()->setCursorPosition(cursor);
    });
    connect(m_currency, &QComboBox::currentTextChanged, this, &PlatformsPage::writeEditorToDraft);
    connect(m_priceEditor, &ModelPriceEditor::edited, this, &PlatformsPage::onPriceEdited);
    connect(m_apiKey, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (m_current < 0)
            return;
        m_drafts[m_current].newKey = text;
        m_drafts[m_current].keyEdited = true;
        updateKeyField();
        updateDirtyState();
    });
    connect(m_showKey, &QAction::toggled, this,
        [this](bool shown) { m_apiKey->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password); });
    connect(m_testButton, &QPushButton::clicked, this, &PlatformsPage::testConnection);
    connect(m_refreshButton, &QPushButton::clicked, this, &PlatformsPage::refreshModels);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        m_tester->cancel();
        m_discovery->cancel();
    });
    connect(m_tester, &ConnectionTester::finished, this, &PlatformsPage::onTestFinished);
    connect(m_discovery, &ModelDiscovery::finished, this, &PlatformsPage::onDiscoveryFinished);
    connect(m_models, &QTableWidget::cellChanged, this, &PlatformsPage::onModelCellChanged);
    connect(m_models, &QTableWidget::currentCellChanged, this, [this] {
        if (!m_updating)
            showPriceEditor();
    });
    connect(m_resetModel, &QPushButton::clicked, this, &PlatformsPage::resetModelOverrides);
    connect(m_useListPrices, &QPushButton::clicked, this, &PlatformsPage::useListPrices);
    connect(m_saveButton, &QPushButton::clicked, this, &PlatformsPage::save);
    connect(m_revertButton, &QPushButton::clicked, this, &PlatformsPage::revert);
    connect(m_config, &ConfigService::configChanged, this, [this] {
        if (!hasUnsavedChanges())
            loadFromConfig();
    });
    connect(m_catalog, &ModelCatalog::changed, this, &PlatformsPage::rebuildModelTable);

    retranslateUi();
    loadFromConfig();
}

PlatformsPage::~PlatformsPage() = default;

void PlatformsPage::retranslateUi()
{
    m_addButton->setText(tr("Add platform"));
    QMenu *menu = m_addButton->menu();
    menu->clear();
    for (const PlatformPreset &preset : PlatformPresets::all()) {
        QAction *action = menu->addAction(preset.displayName);
        action->setObjectName(QStringLiteral("add_") + platformTypeId(preset.type));
        const PlatformType type = preset.type;
        connect(action, &QAction::triggered, this, [this, type] { addPlatform(type); });
    }
    m_removeButton->setText(tr("Remove"));
    m_typeLabel->setText(tr("Type:"));
    m_idLabel->setText(tr("Id:"));
    m_id->setToolTip(tr("Used in routing lists as \"id:model\", in records and statistics. Letters, digits, "
                        "\"_\", \".\" and \"-\"."));
    m_nameLabel->setText(tr("Name:"));
    m_baseUrlLabel->setText(tr("Base URL:"));
    m_keyLabel->setText(tr("API key:"));
    m_showKey->setToolTip(tr("Show the key while you type it"));
    m_enabled->setText(tr("Enabled (a disabled platform is never used and its key is not looked up)"));
    m_currencyLabel->setText(tr("Currency:"));
    m_currency->setToolTip(tr("The currency of this platform's prices: a three-letter code such as USD or CNY. "
                              "The statistics add up costs per currency."));
    m_testButton->setText(tr("Test connection"));
    m_testButton->setToolTip(tr("Checks the address, the key and the model list with the settings above (unsaved "
                                "changes included)"));
    m_refreshButton->setText(tr("Refresh models"));
    m_cancelButton->setText(tr("Cancel"));
    m_modelsTitle->setText(tr("Models"));
    m_models->setHorizontalHeaderLabels({tr("Model"), tr("Context window"), tr("Max output"), tr("Tools"), tr("Vision"),
        tr("Reasoning"), tr("Price in / out")});
    m_models->setToolTip(tr("Values in bold are your own settings; the others come from the platform's list, the "
                            "model's family or the type's defaults. Edit a cell to set it; set a price below "
                            "the table."));
    m_resetModel->setText(tr("Use defaults for the selected model"));
    m_resetModel->setToolTip(tr("Clears the capabilities set for the selected model; its price stays"));
    m_useListPrices->setText(tr("Use list prices for models without a price"));
    m_saveButton->setText(tr("Save"));
    m_saveButton->setToolTip(tr("Save and use at once (Ctrl+S)"));
    m_revertButton->setText(tr("Revert"));
    m_emptyEditor->setText(tr("<h3>No platforms yet</h3><p>Add the services Switchyard may send requests to: "
                              "Anthropic-compatible ones for pass-through, or DashScope, OpenRouter, SiliconFlow, "
                              "Ollama, LM Studio and any OpenAI-compatible service.</p><p>Use <b>Add platform</b> "
                              "below the list.</p>"));
    updateDirtyState();
    if (m_current >= 0)
        showEditor();
}

void PlatformsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void PlatformsPage::loadFromConfig()
{
    const QString selectedId
        = m_current >= 0 && m_current < m_drafts.size() ? m_drafts.at(m_current).config.id : QString();
    m_drafts.clear();
    m_removedSecrets.clear();
    for (const PlatformConfig &platform : m_config->current().platforms) {
        Draft draft;
        draft.config = platform;
        m_drafts.append(draft);
    }
    m_current = -1;
    for (int i = 0; i < m_drafts.size(); ++i) {
        if (m_drafts.at(i).config.id == selectedId)
            m_current = i;
    }
    if (m_current < 0 && !m_drafts.isEmpty())
        m_current = 0;
    rebuildList();
    showEditor();
    updateDirtyState();
}

void PlatformsPage::rebuildList()
{
    m_updating = true;
    m_list->clear();
    for (const Draft &draft : std::as_const(m_drafts)) {
        const PlatformPreset &preset = PlatformPresets::forType(draft.config.type);
        auto *item = new QListWidgetItem(m_list);
        item->setText(draft.config.name.isEmpty() ? draft.config.id : draft.config.name);
        item->setToolTip(QStringLiteral("%1 \u00b7 %2").arg(draft.config.id, preset.displayName));
        item->setIcon(
            UiResources::icon(draft.config.enabled ? QStringLiteral("status-ok") : QStringLiteral("status-off")));
    }
    m_list->setCurrentRow(m_current);
    m_updating = false;
    m_removeButton->setEnabled(m_current >= 0);
}

QString PlatformsPage::storedKeyDescription(const PlatformConfig &platform) const
{
    const QString key = platform.apiKey;
    if (key.isEmpty()) {
        return PlatformPresets::forType(platform.type).requiresApiKey ? tr("No key yet: type it here")
                                                                      : tr("No key needed (optional)");
    }
    const QStringList keychainNames = SecretReference::keychainNames(key);
    if (SecretReference::isReferenceOnly(key) && keychainNames.size() == 1) {
        const std::optional<QString> secret = m_secrets ? m_secrets->read(keychainNames.constFirst()) : std::nullopt;
        if (!secret)
            return tr("The key is missing from the system keychain: type it again");
        return tr("\u2022\u2022\u2022\u2022%1 in the system keychain (type to replace)").arg(secret->right(4));
    }
    if (!SecretReference::variables(key).isEmpty())
        return tr("%1 (from the environment; type to replace)").arg(key);
    return tr("\u2022\u2022\u2022\u2022%1 stored in Switchyard's database (type to replace)").arg(key.right(4));
}

void PlatformsPage::updateKeyField()
{
    if (m_current < 0)
        return;
    const Draft &draft = m_drafts.at(m_current);
    m_apiKey->setPlaceholderText(storedKeyDescription(draft.config));
    // The key can be shown only while it is being typed, never once saved.
    const bool editing = draft.keyEdited && !draft.newKey.isEmpty();
    m_showKey->setEnabled(editing);
    m_showKey->setVisible(editing);
    if (!editing && m_showKey->isChecked())
        m_showKey->setChecked(false);
    if (m_secrets && m_secrets->isPersistent())
        m_keyNote->setText(tr("New keys are kept in %1, not in Switchyard's database.").arg(m_secrets->location()));
    else
        m_keyNote->setText(tr("No system keychain was found: a key typed here is stored in Switchyard's database in "
                              "the data folder, as plain text. An environment reference such as $%1 keeps it out "
                              "of the database.")
                               .arg(PlatformPresets::forType(draft.config.type).apiKeyVariable.isEmpty()
                                       ? QStringLiteral("API_KEY")
                                       : PlatformPresets::forType(draft.config.type).apiKeyVariable));
}

void PlatformsPage::showEditor()
{
    const bool has = m_current >= 0 && m_current < m_drafts.size();
    m_editor->setVisible(has);
    m_emptyEditor->setVisible(!has);
    m_removeButton->setEnabled(has);
    if (!has)
        return;
    m_updating = true;
    const Draft &draft = m_drafts.at(m_current);
    const PlatformConfig &platform = draft.config;
    const PlatformPreset &preset = PlatformPresets::forType(platform.type);
    m_header->setText(platform.name.isEmpty() ? platform.id : platform.name);
    m_typeValue->setText(preset.displayName + (preset.isLocal ? tr(" (runs on this computer)") : QString()));
    if (m_id->text() != platform.id)
        m_id->setText(platform.id);
    if (m_name->text() != platform.name)
        m_name->setText(platform.name);
    m_name->setPlaceholderText(platform.id);
    m_baseUrl->clear();
    QStringList urls;
    if (!preset.defaultBaseUrl.isEmpty())
        urls << preset.defaultBaseUrl;
    urls << preset.alternativeBaseUrls;
    m_baseUrl->addItems(urls);
    m_baseUrl->setCurrentIndex(-1);
    m_baseUrl->setEditText(platform.baseUrl.isEmpty() ? preset.defaultBaseUrl : platform.baseUrl);
    m_baseUrl->lineEdit()->setPlaceholderText(
        preset.defaultBaseUrl.isEmpty() ? tr("Required, e.g. https://host/v1") : preset.defaultBaseUrl);
    m_baseUrl->setToolTip(preset.protocol == WireProtocol::AnthropicMessages
            ? tr("The API root without a version; Switchyard appends /v1/messages")
            : tr("Including the API version (\u2026/v1); Switchyard appends /chat/completions"));
    m_apiKey->setText(draft.keyEdited ? draft.newKey : QString());
    m_enabled->setChecked(platform.enabled);
    m_currency->setCurrentIndex(m_currency->findText(platform.currency));
    m_currency->setEditText(platform.currency);
    m_updating = false;
    updateKeyField();
    updateCurrencyProblem();
    rebuildModelTable();
    m_result->clear();
    m_resultIcon->clear();
}

void PlatformsPage::writeEditorToDraft()
{
    if (m_updating || m_current < 0)
        return;
    Draft &draft = m_drafts[m_current];
    draft.config.id = m_id->text().trimmed();
    draft.config.name = m_name->text().trimmed();
    const QString url = m_baseUrl->currentText().trimmed();
    const QString defaultUrl = PlatformPresets::forType(draft.config.type).defaultBaseUrl;
    draft.config.baseUrl = url == defaultUrl ? QString() : url;
    draft.config.enabled = m_enabled->isChecked();
    const QString currency = m_currency->currentText().trimmed().toUpper();
    const bool currencyChanged = currency != draft.config.currency;
    draft.config.currency = currency;
    QListWidgetItem *item = m_list->item(m_current);
    if (item) {
        item->setText(draft.config.name.isEmpty() ? draft.config.id : draft.config.name);
        item->setIcon(
            UiResources::icon(draft.config.enabled ? QStringLiteral("status-ok") : QStringLiteral("status-off")));
    }
    m_header->setText(draft.config.name.isEmpty() ? draft.config.id : draft.config.name);
    m_name->setPlaceholderText(draft.config.id);
    if (currencyChanged) {
        updateCurrencyProblem();
        refreshPriceColumn();
        showPriceEditor();
    }
    updateDirtyState();
}

void PlatformsPage::rebuildModelTable()
{
    if (m_current < 0)
        return;
    const QString selected = selectedModelId();
    m_updating = true;
    const PlatformConfig &platform = m_drafts.at(m_current).config;
    QStringList ids;
    for (const ModelSettings &model : platform.models)
        ids << model.id;
    const QList<DiscoveredModel> discovered = m_catalog->discovered(platform.id);
    for (const DiscoveredModel &model : discovered)
        ids << model.id;
    ids.removeDuplicates();
    m_models->setRowCount(int(ids.size()));
    const QLocale locale;
    for (int row = 0; row < ids.size(); ++row) {
        const QString &id = ids.at(row);
        const ModelSettings resolved
            = ModelCapabilities::resolve(platform, id, m_catalog->findDiscovered(platform.id, id));
        const ModelSettings *configured = nullptr;
        for (const ModelSettings &model : platform.models) {
            if (model.id == id)
                configured = &model;
        }
        auto *idItem = new QTableWidgetItem(id);
        idItem->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        if (configured)
            idItem->setToolTip(tr("Listed in the configuration"));
        m_models->setItem(row, ModelIdColumn, idItem);
        auto number = [&](int column, std::optional<int> value, bool own) {
            auto *item = new QTableWidgetItem(value ? QString::number(*value) : QString());
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            QFont font = item->font();
            font.setBold(own);
            item->setFont(font);
            m_models->setItem(row, column, item);
        };
        auto flag = [&](int column, std::optional<bool> value, bool own) {
            auto *item = new QTableWidgetItem;
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
            item->setCheckState(value.value_or(false) ? Qt::Checked : Qt::Unchecked);
            QFont font = item->font();
            font.setBold(own);
            item->setFont(font);
            item->setText(own ? tr("set") : QString());
            m_models->setItem(row, column, item);
        };
        number(ContextColumn, resolved.contextWindow, configured && configured->contextWindow);
        number(MaxOutputColumn, resolved.maxOutputTokens, configured && configured->maxOutputTokens);
        flag(ToolsColumn, resolved.supportsTools, configured && configured->supportsTools);
        flag(VisionColumn, resolved.supportsVision, configured && configured->supportsVision);
        flag(ReasoningColumn, resolved.supportsReasoning, configured && configured->supportsReasoning);
        auto *priceItem = new QTableWidgetItem;
        priceItem->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable); // edited below the table
        priceItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_models->setItem(row, PriceColumn, priceItem);
    }
    refreshPriceColumn();
    m_models->resizeColumnsToContents();
    m_models->horizontalHeader()->setSectionResizeMode(ModelIdColumn, QHeaderView::Stretch);
    m_resetModel->setEnabled(!ids.isEmpty());
    // The price editor keeps following the same model; the first one when none was selected.
    const int selectedRow = ids.isEmpty() ? -1 : qMax(0, int(ids.indexOf(selected)));
    m_models->setCurrentCell(selectedRow, ModelIdColumn);
    m_updating = false;
    showPriceEditor();
}

void PlatformsPage::refreshPriceColumn()
{
    if (m_current < 0)
        return;
    const Draft &draft = m_drafts.at(m_current);
    const PlatformConfig &platform = draft.config;
    const bool local = PlatformPresets::forType(platform.type).isLocal;
    const bool wasUpdating = m_updating;
    m_updating = true;
    bool anyListPrice = false;
    bool anyToFill = false; // a model with a list price and no price of its own
    for (int row = 0; row < m_models->rowCount(); ++row) {
        const QTableWidgetItem *idItem = m_models->item(row, ModelIdColumn);
        QTableWidgetItem *item = m_models->item(row, PriceColumn);
        if (!idItem || !item)
            continue;
        const QString id = idItem->text();
        const ModelSettings *model = platform.findModel(id);
        const std::optional<ModelPrice> price = model ? model->price : std::nullopt;
        const bool priced = price.has_value();
        const bool unfinished = draft.priceTexts.contains(id);
        const std::optional<ModelPrice> listPrice = listPriceOf(id);
        anyListPrice = anyListPrice || listPrice.has_value();
        anyToFill = anyToFill || (listPrice && !priced && !unfinished);
        // An unpriced model shows its list price, greyed: a hint, not a price yet.
        const bool hint = listPrice && !priced && !unfinished && !local;
        QString text = ModelPriceText::cellText(price, platform.currency, local);
        QString tip = ModelPriceText::cellToolTip(price, platform.currency, local);
        if (hint) {
            text = ModelPriceText::cellText(listPrice, ModelPriceText::listCurrency(), false);
            tip = tr("List price, not used until you apply it");
        }
        if (unfinished)
            tip = tr("The price being typed is not complete yet; see below the table");
        item->setText(text);
        item->setToolTip(tip);
        item->setIcon(unfinished ? UiResources::icon(QStringLiteral("status-error")) : QIcon());
        QFont font = item->font();
        font.setBold(priced);
        font.setItalic(hint);
        item->setFont(font);
        if (hint)
            item->setForeground(m_models->palette().brush(QPalette::Disabled, QPalette::Text));
        else
            item->setData(Qt::ForegroundRole, QVariant());
    }
    m_updating = wasUpdating;
    // Offered where the platform's list states prices, and usable only in the list's currency.
    const QString listProblem = ModelPriceText::listPriceProblem(platform.currency);
    m_useListPrices->setVisible(anyListPrice);
    m_useListPrices->setEnabled(anyToFill && listProblem.isEmpty());
    if (!listProblem.isEmpty())
        m_useListPrices->setToolTip(listProblem);
    else if (anyToFill)
        m_useListPrices->setToolTip(tr("Sets the list price as the price of every model in the table that has "
                                       "none; models with a price keep theirs. Save applies them."));
    else
        m_useListPrices->setToolTip(tr("Every model in the table with a list price has a price already"));
}

std::optional<ModelPrice> PlatformsPage::listPriceOf(const QString &modelId) const
{
    if (m_current < 0)
        return std::nullopt;
    const DiscoveredModel *listed = m_catalog->findDiscovered(m_drafts.at(m_current).config.id, modelId);
    return listed ? listed->listPrice : std::nullopt;
}

QString PlatformsPage::listSource() const
{
    if (m_current < 0)
        return QString();
    // The name given to the platform; without one (the id stands for it), the preset's: "OpenRouter".
    const PlatformConfig &platform = m_drafts.at(m_current).config;
    const bool named = !platform.name.isEmpty() && platform.name != platform.id;
    return named ? platform.name : PlatformPresets::forType(platform.type).displayName;
}

void PlatformsPage::useListPrices()
{
    if (m_current < 0)
        return;
    Draft &draft = m_drafts[m_current];
    if (!ModelPriceText::listPriceProblem(draft.config.currency).isEmpty())
        return;
    bool changed = false;
    for (int row = 0; row < m_models->rowCount(); ++row) {
        const QTableWidgetItem *idItem = m_models->item(row, ModelIdColumn);
        if (!idItem)
            continue;
        const QString id = idItem->text();
        const std::optional<ModelPrice> listPrice = listPriceOf(id);
        // A model with a price, or one whose price is being typed, keeps it.
        if (!listPrice || draft.priceTexts.contains(id))
            continue;
        ModelSettings *model = findModel(draft.config, id);
        if (model && model->price)
            continue;
        if (!model) {
            // A model from the list only: it gets an entry of its own, as when a capability is set on it.
            ModelSettings added;
            added.id = id;
            draft.config.models.append(added);
            model = &draft.config.models.last();
        }
        model->price = listPrice;
        changed = true;
    }
    if (!changed)
        return;
    rebuildModelTable();
    updateDirtyState();
}

QString PlatformsPage::selectedModelId() const
{
    const int row = m_models->currentRow();
    const QTableWidgetItem *item = row >= 0 ? m_models->item(row, ModelIdColumn) : nullptr;
    return item ? item->text() : QString();
}

void PlatformsPage::selectModel(const QString &id)
{
    for (int row = 0; row < m_models->rowCount(); ++row) {
        const QTableWidgetItem *item = m_models->item(row, ModelIdColumn);
        if (item && item->text() == id) {
            m_models->setCurrentCell(row, ModelIdColumn);
            return;
        }
    }
}

void PlatformsPage::showPriceEditor()
{
    const QString id = m_current >= 0 ? selectedModelId() : QString();
    const bool has = !id.isEmpty();
    ModelPriceText::Texts texts;
    QString currency;
    bool local = false;
    if (m_current >= 0) {
        const Draft &draft = m_drafts.at(m_current);
        currency = draft.config.currency;
        local = PlatformPresets::forType(draft.config.type).isLocal;
        const auto typed = draft.priceTexts.constFind(id);
        const ModelSettings *model = has ? draft.config.findModel(id) : nullptr;
        if (has && typed != draft.priceTexts.constEnd())
            texts = *typed;
        else if (model)
            texts = ModelPriceText::texts(model->price);
    }
    const bool wasUpdating = m_updating;
    m_updating = true;
    m_priceEditor->setListPrice(has ? listPriceOf(id) : std::nullopt, listSource());
    m_priceEditor->setModel(id, texts, currency, local);
    m_updating = wasUpdating;
}

void PlatformsPage::onPriceEdited()
{
    if (m_updating || m_current < 0)
        return;
    const QString id = selectedModelId();
    if (id.isEmpty())
        return;
    Draft &draft = m_drafts[m_current];
    const ModelPriceText::Texts texts = m_priceEditor->texts();
    bool typed = false;
    for (const QString &text : texts)
        typed = typed || !text.trimmed().isEmpty();
    const ModelPriceText::Reading reading = ModelPriceText::read(texts);
    ModelSettings *model = findModel(draft.config, id);
    if (!model && typed) {
        ModelSettings added;
        added.id = id;
        draft.config.models.append(added);
        model = &draft.config.models.last();
    }
    if (!reading.ok()) {
        draft.priceTexts.insert(id, texts); // the configuration keeps the last valid price meanwhile
    } else {
        draft.priceTexts.remove(id);
        if (model)
            model->price = reading.price;
        // A model listed only for its price leaves the list again when its price is cleared.
        ModelSettings bare;
        bare.id = id;
        const Config saved = m_config->current();
        const bool listedBefore
            = m_current < saved.platforms.size() && saved.platforms.at(m_current).findModel(id) != nullptr;
        if (model && !listedBefore && *model == bare) {
            draft.config.models.removeIf([&id](const ModelSettings &listed) { return listed.id == id; });
        }
    }
    refreshPriceColumn();
    showPriceEditor();
    updateDirtyState();
}

QString PlatformsPage::draftProblem(int index, QString *path) const
{
    const Draft &draft = m_drafts.at(index);
    if (!ConfigValidator::isValidCurrency(draft.config.currency)) {
        *path = QStringLiteral("platforms[%1].currency").arg(index);
        return currencyProblem();
    }
    for (int modelIndex = 0; modelIndex < draft.config.models.size(); ++modelIndex) {
        const auto typed = draft.priceTexts.constFind(draft.config.models.at(modelIndex).id);
        if (typed == draft.priceTexts.constEnd())
            continue;
        const ModelPriceText::Reading reading = ModelPriceText::read(*typed);
        if (!reading.ok()) {
            *path = QStringLiteral("platforms[%1].models[%2].price.%3")
                        .arg(index)
                        .arg(modelIndex)
                        .arg(ModelPriceText::jsonName(qMax(0, reading.field)));
            return reading.problem;
        }
    }
    return QString();
}

void PlatformsPage::updateCurrencyProblem()
{
    if (m_current < 0)
        return;
    QLabel *label = m_fieldProblems.value(QStringLiteral("currency"));
    const bool wrong = !ConfigValidator::isValidCurrency(m_drafts.at(m_current).config.currency);
    label->setText(wrong ? currencyProblem() : QString());
    label->setVisible(wrong);
}

void PlatformsPage::onModelCellChanged(int row, int column)
{
    if (m_updating || m_current < 0 || column == ModelIdColumn || column == PriceColumn)
        return;
    PlatformConfig &platform = m_drafts[m_current].config;
    const QString id = m_models->item(row, ModelIdColumn)->text();
    ModelSettings *model = findModel(platform, id);
    if (!model) {
        ModelSettings added;
        added.id = id;
        platform.models.append(added);
        model = &platform.models.last();
    }
    QTableWidgetItem *item = m_models->item(row, column);
    bool ok = true;
    switch (column) {
    case ContextColumn:
    case MaxOutputColumn: {
        const int value = item->text().trimmed().toInt(&ok);
        std::optional<int> &field = column == ContextColumn ? model->contextWindow : model->maxOutputTokens;
        if (item->text().trimmed().isEmpty())
            field.reset();
        else if (ok && value > 0)
            field = value;
        break;
    }
    case ToolsColumn:
        model->supportsTools = item->checkState() == Qt::Checked;
        break;
    case VisionColumn:
        model->supportsVision = item->checkState() == Qt::Checked;
        break;
    case ReasoningColumn:
        model->supportsReasoning = item->checkState() == Qt::Checked;
        break;
    }
    rebuildModelTable();
    updateDirtyState();
}

void PlatformsPage::resetModelOverrides()
{
    const int row = m_models->currentRow();
    if (m_current < 0 || row < 0)
        return;
    const QString id = m_models->item(row, ModelIdColumn)->text();
    PlatformConfig &platform = m_drafts[m_current].config;
    for (qsizetype i = 0; i < platform.models.size(); ++i) {
        if (platform.models.at(i).id == id) {
            // Keep the model listed, without capabilities of its own; a price has no default, so it stays.
            ModelSettings bare;
            bare.id = id;
            bare.price = platform.models.at(i).price;
            platform.models[i] = bare;
        }
    }
    rebuildModelTable();
    updateDirtyState();
}

int PlatformsPage::addPlatform(PlatformType type)
{
    const PlatformPreset &preset = PlatformPresets::forType(type);
    QString id = platformTypeId(type);
    QStringList taken;
    for (const Draft &draft : std::as_const(m_drafts))
        taken << draft.config.id;
    for (int n = 2; taken.contains(id); ++n)
        id = platformTypeId(type) + QLatin1Char('-') + QString::number(n);
    Draft draft;
    draft.config.id = id;
    draft.config.name = preset.displayName;
    draft.config.type = type;
    draft.config.timeouts = preset.timeouts;
    if (!preset.requiresApiKey)
        draft.config.apiKey.clear();
    m_drafts.append(draft);
    m_current = int(m_drafts.size() - 1);
    rebuildList();
    showEditor();
    updateDirtyState();
    m_id->setFocus();
    return m_current;
}

void PlatformsPage::removeSelected()
{
    if (m_current < 0)
        return;
    const PlatformConfig &platform = m_drafts.at(m_current).config;
    const auto answer = QMessageBox::question(this, tr("Remove platform"),
        tr("Remove %1? Routing lists that use it must be changed before saving.").arg(platform.id),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    m_removedSecrets << SecretReference::keychainNames(platform.apiKey);
    m_drafts.removeAt(m_current);
    m_current = m_drafts.isEmpty() ? -1 : qMin(m_current, int(m_drafts.size() - 1));
    rebuildList();
    showEditor();
    updateDirtyState();
}

void PlatformsPage::selectPlatform(int row)
{
    m_list->setCurrentRow(row);
}

bool PlatformsPage::hasUnsavedChanges() const
{
    const QList<PlatformConfig> saved = m_config->current().platforms;
    if (saved.size() != m_drafts.size())
        return true;
    for (int i = 0; i < m_drafts.size(); ++i) {
        if (m_drafts.at(i).keyEdited || !m_drafts.at(i).priceTexts.isEmpty() || !(m_drafts.at(i).config == saved.at(i)))
            return true;
    }
    return false;
}

void PlatformsPage::updateDirtyState()
{
    const bool dirty = hasUnsavedChanges();
    m_saveButton->setEnabled(dirty);
    m_revertButton->setEnabled(dirty);
    m_dirty->setText(dirty ? tr("Unsaved changes") : QString());
}

void PlatformsPage::clearFieldProblems()
{
    for (QLabel *label : std::as_const(m_fieldProblems))
        label->hide();
    m_banner->hide();
}

void PlatformsPage::showProblem(const QString &error)
{
    m_lastError = error;
    static const QRegularExpression platformPath(QStringLiteral("^platforms\\[(\\d+)\\]\\.?([a-z_]*)[^:]*: (.*)$"));
    const QRegularExpressionMatch match = platformPath.match(error);
    if (match.hasMatch()) {
        const int index = match.captured(1).toInt();
        if (index >= 0 && index < m_drafts.size()) {
            m_current = index;
            rebuildList();
            showEditor();
            QLabel *label = m_fieldProblems.value(match.captured(2));
            if (label) {
                label->setText(match.captured(3));
                label->show();
                return;
            }
        }
    }
    m_banner->setText(tr("Not saved: %1").arg(error));
    m_banner->show();
}

bool PlatformsPage::save()
{
    writeEditorToDraft();
    clearFieldProblems();
    m_lastError.clear();
    // A wrong currency or an unfinished price is refused here, where it is shown, before anything is applied.
    for (int i = 0; i < m_drafts.size(); ++i) {
        QString path;
        const QString problem = draftProblem(i, &path);
        if (problem.isEmpty())
            continue;
        m_lastError = path + QStringLiteral(": ") + problem;
        m_current = i;
        rebuildList();
        showEditor(); // shows a wrong currency under its field
        static const QRegularExpression modelIndex(QStringLiteral("\\.models\\[(\\d+)\\]"));
        const QRegularExpressionMatch match = modelIndex.match(path);
        if (match.hasMatch())
            selectModel(m_drafts.at(i).config.models.at(match.captured(1).toInt()).id); // shows its price fields
        return false;
    }
    Config config = m_config->current();
    const QList<PlatformConfig> before = config.platforms;
    config.platforms.clear();
    QHash<QString, std::optional<QString>> previousSecrets; // to undo keychain writes when the save fails
    for (Draft &draft : m_drafts) {
        PlatformConfig platform = draft.config;
        if (draft.keyEdited) {
            const QString typed = draft.newKey.trimmed();
            if (typed.isEmpty() || SecretReference::hasReference(typed) || !m_secrets || !m_secrets->isPersistent()) {
                platform.apiKey = typed; // a reference, or a literal key for the database
            } else {
                const QString name = SecretStore::nameForPlatform(platform.id);
                previousSecrets.insert(name, m_secrets->read(name));
                m_secrets->write(name, typed);
                platform.apiKey = SecretReference::keychainReference(name);
            }
        }
        config.platforms.append(platform);
    }
    // A renamed platform keeps its place in the routing lists.
    for (int i = 0; i < before.size() && i < config.platforms.size(); ++i) {
        const QString oldId = before.at(i).id;
        const QString newId = config.platforms.at(i).id;
        if (oldId == newId || config.findPlatform(oldId))
            continue;
        config.routing.renamePlatform(oldId, newId);
    }
    QString error;
    if (!m_config->apply(config, &error)) {
        for (auto it = previousSecrets.constBegin(); it != previousSecrets.constEnd(); ++it) {
            if (it.value())
                m_secrets->write(it.key(), *it.value());
            else
                m_secrets->remove(it.key());
        }
        showProblem(error);
        return false;
    }
    for (const QString &name : std::as_const(m_removedSecrets)) {
        bool stillUsed = false;
        for (const PlatformConfig &platform : config.platforms)
            stillUsed = stillUsed || SecretReference::keychainNames(platform.apiKey).contains(name);
        if (!stillUsed && m_secrets)
            m_secrets->remove(name);
    }
    m_removedSecrets.clear();
    for (Draft &draft : m_drafts) {
        draft.keyEdited = false;
        draft.newKey.clear();
    }
    loadFromConfig();
    Q_EMIT saved();
    return true;
}

void PlatformsPage::revert()
{
    clearFieldProblems();
    loadFromConfig();
}

PlatformConfig PlatformsPage::platformForRequests() const
{
    PlatformConfig platform = m_drafts.at(m_current).config;
    const Draft &draft = m_drafts.at(m_current);
    const QString written = draft.keyEdited ? draft.newKey.trimmed() : platform.apiKey;
    QString error;
    const SecretReference::Sources sources {
        PlatformTarget::systemEnvironment(), m_secrets ? m_secrets->lookup() : SecretReference::Lookup()};
    const std::optional<QString> expanded = SecretReference::expand(written, sources, &error);
    // A literal key typed with a "$" in it is sent as typed.
    platform.apiKey = expanded ? *expanded : (draft.keyEdited ? written : QString());
    return platform;
}

void PlatformsPage::setBusy(bool busy, const QString &message)
{
    m_busy->setVisible(busy);
    m_cancelButton->setVisible(busy);
    m_testButton->setEnabled(!busy);
    m_refreshButton->setEnabled(!busy);
    if (busy) {
        m_resultIcon->clear();
        m_result->setText(message);
    }
}

void PlatformsPage::testConnection()
{
    if (m_current < 0)
        return;
    writeEditorToDraft();
    setBusy(true, tr("Testing %1\u2026").arg(m_drafts.at(m_current).config.id));
    useCurrentProxySettings();
    m_tester->start(platformForRequests());
}

void PlatformsPage::refreshModels()
{
    if (m_current < 0)
        return;
    writeEditorToDraft();
    setBusy(true, tr("Reading the model list of %1\u2026").arg(m_drafts.at(m_current).config.id));
    useCurrentProxySettings();
    m_discovery->start(platformForRequests());
}

void PlatformsPage::useCurrentProxySettings()
{
    // The test and the model list take the way to the platform that the proxy will take.
    QStringList warnings;
    m_upstream->setProxyRules(UpstreamProxyRules::forSettings(
        m_config->snapshot()->upstreamProxy, QProcessEnvironment::systemEnvironment(), &warnings));
}

void PlatformsPage::onTestFinished(const ConnectionTestResult &result)
{
    setBusy(false, QString());
    const QString icon = result.ok()                       ? QStringLiteral("status-ok")
        : result.category == ConnectionCategory::Cancelled ? QStringLiteral("status-off")
                                                           : QStringLiteral("status-error");
    m_resultIcon->setPixmap(UiResources::icon(icon).pixmap(16, 16));
    m_result->setText(result.category == ConnectionCategory::Cancelled
            ? tr("Cancelled.")
            : QStringLiteral("<b>%1</b> \u2014 %2")
                  .arg(result.categoryId().toHtmlEscaped(), result.message.toHtmlEscaped()));
    m_result->setToolTip(result.details);
    if (!result.models.isEmpty() && m_current >= 0) {
        m_catalog->setDiscovered(m_drafts.at(m_current).config.id, result.models);
        rebuildModelTable();
    }
}

void PlatformsPage::onDiscoveryFinished(const ModelDiscoveryResult &result)
{
    setBusy(false, QString());
    if (m_current < 0)
        return;
    if (result.ok()) {
        m_catalog->setDiscovered(m_drafts.at(m_current).config.id, result.models);
        rebuildModelTable();
        m_resultIcon->setPixmap(UiResources::icon(QStringLiteral("status-ok")).pixmap(16, 16));
        m_result->setText(tr("%n model(s) available.", nullptr, int(result.models.size())));
    } else {
        m_resultIcon->setPixmap(
            UiResources::icon(result.failure.category == ConnectionCategory::Cancelled ? QStringLiteral("status-off")
                                                                                       : QStringLiteral("status-error"))
                .pixmap(16, 16));
        m_result->setText(
            result.failure.category == ConnectionCategory::Cancelled ? tr("Cancelled.") : result.failure.message);
        m_result->setToolTip(result.failure.details);
    }
}
