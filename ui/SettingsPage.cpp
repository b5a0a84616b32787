#include "SettingsPage.h"

#include "AppSettings.h"
#include "Autostart.h"
#include "ClientKeysPage.h"
#include "LanguageManager.h"
#include "SecretStore.h"
#include "StatusLabel.h"
#include "common/LogBuffer.h"
#include "common/Logging.h"
#include "config/ConfigService.h"
#include "config/ConfigValidator.h"
#include "config/SecretReference.h"
#include "runtime/ProxyRuntime.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QTabWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace {

// Takes a literal password out of a proxy URL ("http://user:secret@host:3128" becomes "http://user@host:3128")
// and returns it; empty when the URL has none, has references, or does not parse (the validator says why).
QString takeUrlPassword(QString *url)
{
    if (url->isEmpty() || !SecretReference::syntaxError(*url).isEmpty() || SecretReference::hasReference(*url))
        return QString();
    QUrl parsed(url->contains(QLatin1String("://")) ? *url : QStringLiteral("http://") + *url, QUrl::StrictMode);
    if (!parsed.isValid())
        return QString();
    const QString password = parsed.password(QUrl::FullyDecoded);
    if (password.isEmpty() || password == ConfigValidator::secretPlaceholder())
        return QString();
    parsed.setPassword(QString());
    if (parsed.userName().isEmpty())
        parsed.setUserInfo(QString());
    *url = parsed.toString(QUrl::FullyEncoded);
    return password;
}

QString levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return QStringLiteral("debug");
    case QtInfoMsg:
        return QStringLiteral("info");
    case QtWarningMsg:
        return QStringLiteral("warning");
    case QtCriticalMsg:
        return QStringLiteral("critical");
    case QtFatalMsg:
        return QStringLiteral("fatal");
    }
    return QString();
}

} // namespace

SettingsPage::SettingsPage(ProxyRuntime *runtime, SecretStore *secrets, AppSettings *settings,
    LanguageManager *languages, LogBuffer *log, QWidget *parent)
    : QWidget(parent)
    , m_runtime(runtime)
    , m_config(runtime->configService())
    , m_secrets(secrets)
    , m_settings(settings)
    , m_languages(languages)
    , m_log(log)
{
    setObjectName(QStringLiteral("SettingsPage"));
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("settingsTabs"));

    // Proxy
    m_proxyGroup = new QGroupBox(this);
    m_hostLabel = new QLabel(this);
    m_host = new QComboBox(this);
    m_host->setObjectName(QStringLiteral("hostField"));
    m_host->setEditable(true);
    m_host->addItems(
        {QStringLiteral("127.0.0.1"), QStringLiteral("0.0.0.0"), QStringLiteral("::1"), QStringLiteral("::")});
    m_portLabel = new QLabel(this);
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("portField"));
    m_port->setRange(1, 65535);
    m_applyListen = new QPushButton(this);
    m_applyListen->setObjectName(QStringLiteral("applyListenButton"));
    m_listenStatus = StatusLabel::create(this, QStringLiteral("listenStatus"));
    auto *listenRow = new QHBoxLayout;
    listenRow->addWidget(m_host);
    listenRow->addWidget(m_portLabel);
    listenRow->addWidget(m_port);
    listenRow->addWidget(m_applyListen);
    listenRow->addStretch(1);
    m_host->setMinimumWidth(200);
    auto *proxyForm = new QFormLayout(m_proxyGroup);
    proxyForm->addRow(m_hostLabel, listenRow);
    proxyForm->addRow(QString(), m_listenStatus);

    // Connection to the platforms (upstream_proxy)
    m_upstreamGroup = new QGroupBox(this);
    m_upstreamGroup->setObjectName(QStringLiteral("upstreamProxyGroup"));
    m_upstreamModeLabel = new QLabel(this);
    m_upstreamMode = new QComboBox(this);
    m_upstreamMode->setObjectName(QStringLiteral("upstreamProxyModeField"));
    for (const UpstreamProxySettings::Mode mode : {UpstreamProxySettings::Mode::Environment,
             UpstreamProxySettings::Mode::None, UpstreamProxySettings::Mode::Manual})
        m_upstreamMode->addItem(QString(), upstreamProxyModeId(mode));
    m_upstreamUrlLabel = new QLabel(this);
    m_upstreamUrl = new QLineEdit(this);
    m_upstreamUrl->setObjectName(QStringLiteral("upstreamProxyUrlField"));
    m_upstreamUrl->setPlaceholderText(QStringLiteral("http://proxy.example:3128"));
    m_upstreamPasswordLabel = new QLabel(this);
    m_upstreamPassword = new QLineEdit(this);
    m_upstreamPassword->setObjectName(QStringLiteral("upstreamProxyPasswordField"));
    m_upstreamPassword->setEchoMode(QLineEdit::Password);
    m_removeUpstreamPassword = new QPushButton(this);
    m_removeUpstreamPassword->setObjectName(QStringLiteral("removeUpstreamProxyPasswordButton"));
    m_upstreamPasswordNote = StatusLabel::create(this, QStringLiteral("upstreamProxyPasswordNote"));
    m_upstreamPasswordNote->setStyleSheet(QStringLiteral("color: palette(dark);"));
    m_noProxyLabel = new QLabel(this);
    m_noProxy = new QLineEdit(this);
    m_noProxy->setObjectName(QStringLiteral("upstreamProxyNoProxyField"));
    m_noProxy->setPlaceholderText(QStringLiteral("intranet.example, .corp.example, 10.0.0.0/8"));
    m_upstreamNote = StatusLabel::create(this, QStringLiteral("upstreamProxyNote"));
    for (QLabel *note : {m_upstreamPasswordNote, m_upstreamNote}) {
        note->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
        note->setMinimumWidth(360);
    }
    m_applyUpstream = new QPushButton(this);
    m_applyUpstream->setObjectName(QStringLiteral("applyUpstreamProxyButton"));
    m_upstreamStatus = StatusLabel::create(this, QStringLiteral("upstreamProxyStatus"));
    auto *modeRow = new QHBoxLayout;
    modeRow->addWidget(m_upstreamMode);
    modeRow->addStretch(1);
    auto *passwordRow = new QHBoxLayout;
    passwordRow->addWidget(m_upstreamPassword, 1);
    passwordRow->addWidget(m_removeUpstreamPassword);
    auto *upstreamForm = new QFormLayout(m_upstreamGroup);
    upstreamForm->addRow(m_upstreamModeLabel, modeRow);
    upstreamForm->addRow(m_upstreamUrlLabel, m_upstreamUrl);
    upstreamForm->addRow(m_upstreamPasswordLabel, passwordRow);
    upstreamForm->addRow(QString(), m_upstreamPasswordNote);
    upstreamForm->addRow(m_noProxyLabel, m_noProxy);
    upstreamForm->addRow(QString(), m_upstreamNote);
    auto *upstreamButtons = new QHBoxLayout;
    upstreamButtons->addWidget(m_upstreamStatus, 1);
    upstreamButtons->addWidget(m_applyUpstream);
    upstreamForm->addRow(upstreamButtons);

    // Data folder
    m_dataGroup = new QGroupBox(this);
    m_dataDirLabel = new QLabel(this);
    m_dataDir = new QLineEdit(this);
    m_dataDir->setObjectName(QStringLiteral("dataDirField"));
    m_dataDir->setReadOnly(true);
    m_changeDataDir = new QPushButton(this);
    m_changeDataDir->setObjectName(QStringLiteral("changeDataDirButton"));
    m_dataDirNote = StatusLabel::create(this, QStringLiteral("dataDirNote"));
    auto *dataRow = new QHBoxLayout;
    dataRow->addWidget(m_dataDir, 1);
    dataRow->addWidget(m_changeDataDir);
    auto *dataForm = new QFormLayout(m_dataGroup);
    dataForm->addRow(m_dataDirLabel, dataRow);
    dataForm->addRow(QString(), m_dataDirNote);

    // Records
    m_recordsGroup = new QGroupBox(this);
    m_recordsEnabled = new QCheckBox(this);
    m_recordsEnabled->setObjectName(QStringLiteral("recordsEnabledField"));
    m_storeBodies = new QCheckBox(this);
    m_storeBodies->setObjectName(QStringLiteral("storeBodiesField"));
    m_retentionLabel = new QLabel(this);
    m_retentionDays = new QSpinBox(this);
    m_retentionDays->setObjectName(QStringLiteral("retentionDaysField"));
    m_retentionDays->setRange(0, 36500);
    m_maxSizeLabel = new QLabel(this);
    m_maxMb = new QSpinBox(this);
    m_maxMb->setObjectName(QStringLiteral("maxMbField"));
    m_maxMb->setRange(1, 10'000'000);
    m_retentionDays->setMinimumWidth(140);
    m_maxMb->setMinimumWidth(180);
    m_saveRecords = new QPushButton(this);
    m_saveRecords->setObjectName(QStringLiteral("saveRecordsButton"));
    m_recordsStatus = StatusLabel::create(this, QStringLiteral("recordsStatus"));
    auto *recordsForm = new QFormLayout(m_recordsGroup);
    recordsForm->addRow(QString(), m_recordsEnabled);
    recordsForm->addRow(QString(), m_storeBodies);
    recordsForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    recordsForm->addRow(m_retentionLabel, m_retentionDays);
    recordsForm->addRow(m_maxSizeLabel, m_maxMb);
    auto *recordsButtons = new QHBoxLayout;
    recordsButtons->addWidget(m_recordsStatus, 1);
    recordsButtons->addWidget(m_saveRecords);
    recordsForm->addRow(recordsButtons);

    // App
    m_appGroup = new QGroupBox(this);
    m_languageLabel = new QLabel(this);
    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("languageField"));
    m_startAtLogin = new QCheckBox(this);
    m_startAtLogin->setObjectName(QStringLiteral("startAtLoginField"));
    m_debugLogging = new QCheckBox(this);
    m_debugLogging->setObjectName(QStringLiteral("debugLoggingField"));
    m_appStatus = StatusLabel::create(this, QStringLiteral("appStatus"));
    m_language->setMinimumWidth(220);
    auto *appForm = new QFormLayout(m_appGroup);
    appForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    appForm->addRow(m_languageLabel, m_language);
    appForm->addRow(QString(), m_startAtLogin);
    appForm->addRow(QString(), m_debugLogging);
    appForm->addRow(QString(), m_appStatus);

    auto *general = new QWidget(this);
    auto *generalLayout = new QVBoxLayout(general);
    generalLayout->addWidget(m_proxyGroup);
    generalLayout->addWidget(m_upstreamGroup);
    generalLayout->addWidget(m_recordsGroup);
    generalLayout->addWidget(m_appGroup);
    generalLayout->addWidget(m_dataGroup);
    generalLayout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(general);

    // Log
    auto *logPage = new QWidget(this);
    m_logView = new QPlainTextEdit(logPage);
    m_logView->setObjectName(QStringLiteral("logView"));
    m_logView->setReadOnly(true);
    m_logView->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_logView->setMaximumBlockCount(LogBuffer::kDefaultCapacity);
    m_logView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_copyLog = new QPushButton(logPage);
    m_clearLog = new QPushButton(logPage);
    auto *logButtons = new QHBoxLayout;
    logButtons->addStretch(1);
    logButtons->addWidget(m_clearLog);
    logButtons->addWidget(m_copyLog);
    auto *logLayout = new QVBoxLayout(logPage);
    logLayout->addWidget(m_logView, 1);
    logLayout->addLayout(logButtons);

    m_clientKeys = new ClientKeysPage(runtime, secrets, this);

    m_tabs->addTab(scroll, QString());
    m_tabs->addTab(m_clientKeys, QString());
    m_tabs->addTab(logPage, QString());
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);

    connect(m_applyListen, &QPushButton::clicked, this, &SettingsPage::applyListenAddress);
    connect(m_saveRecords, &QPushButton::clicked, this, &SettingsPage::saveRecordSettings);
    connect(m_changeDataDir, &QPushButton::clicked, this, &SettingsPage::chooseDataDir);
    connect(m_applyUpstream, &QPushButton::clicked, this, &SettingsPage::applyUpstreamProxy);
    connect(m_upstreamMode, &QComboBox::currentIndexChanged, this, &SettingsPage::updateUpstreamProxyFields);
    connect(m_upstreamPassword, &QLineEdit::textEdited, this, [this] {
        m_upstreamPasswordEdited = true;
        m_removeUpstreamPasswordRequested = false;
        updateUpstreamProxyFields();
    });
    connect(m_removeUpstreamPassword, &QPushButton::clicked, this, [this] {
        m_upstreamPassword->clear();
        m_upstreamPasswordEdited = false;
        m_removeUpstreamPasswordRequested = true;
        updateUpstreamProxyFields();
    });
    connect(m_runtime, &ProxyRuntime::listeningChanged, this, &SettingsPage::updateListenStatus);
    connect(m_config, &ConfigService::configChanged, this, &SettingsPage::loadFromConfig);
    connect(m_language, &QComboBox::activated, this, [this] { setLanguage(m_language->currentData().toString()); });
    connect(m_startAtLogin, &QCheckBox::toggled, this, [this](bool on) {
        QString error;
        if (!Autostart::setEnabled(on, &error)) {
            StatusLabel::show(m_appStatus, error, true);
            const QSignalBlocker blocker(m_startAtLogin);
            m_startAtLogin->setChecked(Autostart::isEnabled());
            return;
        }
        StatusLabel::show(m_appStatus,
            on ? tr("Switchyard starts when you log in.") : tr("Switchyard no longer starts at login."), false);
    });
    connect(m_debugLogging, &QCheckBox::toggled, this, [this](bool on) {
        Logging::setDebug(on);
        m_settings->setDebugLogging(on);
    });
    connect(m_copyLog, &QPushButton::clicked, this,
        [this] { QApplication::clipboard()->setText(m_logView->toPlainText()); });
    connect(m_clearLog, &QPushButton::clicked, m_logView, &QPlainTextEdit::clear);
    if (m_log)
        connect(m_log, &LogBuffer::newMessage, this, &SettingsPage::appendLog, Qt::QueuedConnection);

    retranslateUi();
    loadFromConfig();
    appendLog();
}

void SettingsPage::retranslateUi()
{
    m_tabs->setTabText(0, tr("General"));
    m_tabs->setTabText(1, tr("Client keys"));
    m_tabs->setTabText(2, tr("Log"));
    m_proxyGroup->setTitle(tr("Proxy"));
    m_hostLabel->setText(tr("Listen on:"));
    m_host->setToolTip(tr("127.0.0.1: this computer only. 0.0.0.0 or a LAN address: other machines too (needs a "
                          "client key)."));
    m_portLabel->setText(tr("Port:"));
    m_applyListen->setText(tr("Apply"));
    m_applyListen->setToolTip(tr("Moves the proxy to this address now; calls already running finish"));
    m_upstreamGroup->setTitle(tr("Connection to platforms"));
    m_upstreamModeLabel->setText(tr("Proxy server:"));
    m_upstreamMode->setItemText(0, tr("Use the system environment (HTTPS_PROXY, NO_PROXY)"));
    m_upstreamMode->setItemText(1, tr("No proxy"));
    m_upstreamMode->setItemText(2, tr("Manual proxy"));
    m_upstreamMode->setToolTip(tr("How Switchyard reaches the platforms: through the proxy that HTTPS_PROXY, "
                                  "HTTP_PROXY and ALL_PROXY name (except the hosts in NO_PROXY), always directly, or "
                                  "through the proxy written below"));
    m_upstreamUrlLabel->setText(tr("Proxy URL:"));
    m_upstreamUrl->setToolTip(tr("http://host:port or socks5://host:port; a user name may come before the host "
                                 "(http://user@host:port). $VARIABLE references are expanded."));
    m_upstreamPasswordLabel->setText(tr("Password:"));
    m_removeUpstreamPassword->setText(tr("Remove password"));
    m_removeUpstreamPassword->setToolTip(tr("The proxy is used without a password once you save"));
    m_noProxyLabel->setText(tr("No proxy for:"));
    m_noProxy->setToolTip(tr("Comma-separated: host names (a name covers its subdomains too), .domains (only the "
                             "subdomains), IP addresses, CIDR ranges such as 10.0.0.0/8, or * for every host"));
    m_upstreamNote->setText(tr("Local model servers (localhost, 127.0.0.1) are always reached directly, never "
                               "through the proxy. Through an HTTP proxy, HTTPS platforms stay encrypted end to end: "
                               "the proxy only relays the connection (CONNECT)."));
    m_applyUpstream->setText(tr("Save"));
    m_dataGroup->setTitle(tr("Data folder"));
    m_dataDirLabel->setText(tr("Folder:"));
    m_changeDataDir->setText(tr("Change\u2026"));
    m_recordsGroup->setTitle(tr("Records"));
    m_recordsEnabled->setText(tr("Record every call (time, route, status, tokens, timings)"));
    m_storeBodies->setText(tr("Keep requests and responses too (compressed)"));
    m_retentionLabel->setText(tr("Keep for:"));
    m_retentionDays->setSuffix(tr(" days"));
    m_retentionDays->setSpecialValueText(tr("forever"));
    m_maxSizeLabel->setText(tr("At most:"));
    m_maxMb->setSuffix(tr(" MB of bodies"));
    m_saveRecords->setText(tr("Save"));
    m_appGroup->setTitle(tr("Application"));
    m_languageLabel->setText(tr("Language:"));
    const QString current = m_settings->language();
    m_language->clear();
    m_language->addItem(tr("Follow the system"), QString());
    for (const QString &code : LanguageManager::availableLanguages())
        m_language->addItem(LanguageManager::nativeName(code), code);
    m_language->setCurrentIndex(qMax(0, m_language->findData(current)));
    m_startAtLogin->setText(tr("Start Switchyard when I log in"));
    m_debugLogging->setText(tr("Debug logging (more detail in the log)"));
    m_copyLog->setText(tr("Copy"));
    m_clearLog->setText(tr("Clear view"));
    m_dataDirNote->setText(tr("The database with the configuration and the records. A new folder is used from the next "
                              "start."));
    updateListenStatus();
    updateUpstreamProxyFields();
}

void SettingsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void SettingsPage::loadFromConfig()
{
    const Config config = m_config->current();
    m_host->setEditText(m_runtime->listenHost().isEmpty() ? config.server.host : m_runtime->listenHost());
    m_port->setValue(m_runtime->port() > 0 ? m_runtime->port() : config.server.port);
    m_recordsEnabled->setChecked(config.records.enabled);
    m_storeBodies->setChecked(config.records.storeBodies);
    m_retentionDays->setValue(config.records.retentionDays);
    m_maxMb->setValue(int(qMin<qint64>(config.records.maxTotalBytes / (1024 * 1024), 10'000'000)));
    const QString next = m_settings->nextDataDir();
    m_dataDir->setText(QDir::toNativeSeparators(m_runtime->dataDir()));
    if (!next.isEmpty() && QDir(next) != QDir(m_runtime->dataDir()))
        m_dataDir->setToolTip(tr("From the next start: %1").arg(QDir::toNativeSeparators(next)));
    const QSignalBlocker blockLogin(m_startAtLogin);
    m_startAtLogin->setChecked(Autostart::isEnabled());
    const QSignalBlocker blockDebug(m_debugLogging);
    m_debugLogging->setChecked(Logging::isDebug());

    const UpstreamProxySettings &proxy = config.upstreamProxy;
    m_upstreamMode->setCurrentIndex(qMax(0, m_upstreamMode->findData(upstreamProxyModeId(proxy.mode))));
    m_upstreamUrl->setText(proxy.url);
    m_noProxy->setText(proxy.noProxy);
    m_upstreamPassword->clear();
    m_storedUpstreamPassword = proxy.password;
    m_upstreamPasswordEdited = false;
    m_removeUpstreamPasswordRequested = false;
    updateUpstreamProxyFields();
}

void SettingsPage::updateUpstreamProxyFields()
{
    const bool manual
        = m_upstreamMode->currentData().toString() == upstreamProxyModeId(UpstreamProxySettings::Mode::Manual);
    for (QWidget *field : {static_cast<QWidget *>(m_upstreamUrlLabel), static_cast<QWidget *>(m_upstreamUrl),
             static_cast<QWidget *>(m_upstreamPasswordLabel), static_cast<QWidget *>(m_upstreamPassword),
             static_cast<QWidget *>(m_upstreamPasswordNote), static_cast<QWidget *>(m_noProxyLabel),
             static_cast<QWidget *>(m_noProxy)})
        field->setEnabled(manual);
    const bool typing = m_upstreamPasswordEdited && !m_upstreamPassword->text().isEmpty();
    m_removeUpstreamPassword->setEnabled(
        manual && !typing && !m_removeUpstreamPasswordRequested && !m_storedUpstreamPassword.isEmpty());
    m_upstreamPassword->setPlaceholderText(m_removeUpstreamPasswordRequested
            ? tr("No password (removed when you save)")
            : storedPasswordDescription(m_storedUpstreamPassword));
    if (m_secrets && m_secrets->isPersistent())
        m_upstreamPasswordNote->setText(
            tr("A new password is kept in %1, not in Switchyard's database.").arg(m_secrets->location()));
    else
        m_upstreamPasswordNote->setText(
            tr("No system keychain was found: a password typed here is stored in Switchyard's database in the data "
               "folder, as plain text. An environment reference such as $PROXY_PASSWORD keeps it out of the "
               "database."));
}

QString SettingsPage::storedPasswordDescription(const QString &password) const
{
    if (password.isEmpty())
        return tr("No password (optional)");
    const QStringList keychainNames = SecretReference::keychainNames(password);
    if (SecretReference::isReferenceOnly(password) && keychainNames.size() == 1) {
        if (!m_secrets || !m_secrets->contains(keychainNames.constFirst()))
            return tr("The password is missing from the system keychain: type it again");
        return tr("\u2022\u2022\u2022\u2022 in the system keychain (type to replace)");
    }
    if (!SecretReference::variables(password).isEmpty())
        return tr("%1 (from the environment; type to replace)").arg(password);
    // A password is short: none of it is shown.
    return tr("\u2022\u2022\u2022\u2022 stored in Switchyard's database (type to replace)");
}

void SettingsPage::updateListenStatus()
{
    if (m_runtime->isListening())
        StatusLabel::show(m_listenStatus, tr("Listening on %1").arg(m_runtime->baseUrl()), false);
    else if (!m_runtime->listenError().isEmpty())
        StatusLabel::show(m_listenStatus, tr("Not listening: %1").arg(m_runtime->listenError()), true);
    else
        StatusLabel::show(m_listenStatus, tr("Paused: not accepting calls"), false);
}

bool SettingsPage::applyListenAddress()
{
    ServerSettings listen;
    listen.host = m_host->currentText().trimmed();
    if (listen.host.startsWith(QLatin1Char('[')) && listen.host.endsWith(QLatin1Char(']')))
        listen.host = listen.host.mid(1, listen.host.size() - 2);
    listen.port = quint16(m_port->value());
    Config config = m_config->current();
    const ServerSettings previous {m_runtime->listenHost(), m_runtime->port()};
    QString error;
    if (!m_runtime->restartListening(listen, &error)) {
        // An address (not a name, refused for that) that lets other machines in, and no key: the safety rule.
        const bool wantsClientKey = !QHostAddress(listen.host).isNull()
            && ServerSettings::letsOtherMachinesIn(listen.host) && m_config->snapshot()->usableClientKeyCount() == 0;
        if (wantsClientKey)
            StatusLabel::show(m_listenStatus,
                tr("Not changed: on %1 other machines can reach Switchyard, so it needs an enabled client key "
                   "first: add one in the Client keys tab, or listen on 127.0.0.1.")
                    .arg(listen.host),
                true);
        else
            StatusLabel::show(m_listenStatus, tr("Not changed: %1").arg(error), true);
        return false;
    }
    config.server = listen;
    if (!m_config->apply(config, &error)) {
        QString ignored;
        m_runtime->restartListening(previous, &ignored);
        StatusLabel::show(m_listenStatus, tr("Not changed: %1").arg(error), true);
        return false;
    }
    updateListenStatus();
    return true;
}

bool SettingsPage::saveRecordSettings()
{
    Config config = m_config->current();
    config.records.enabled = m_recordsEnabled->isChecked();
    config.records.storeBodies = m_storeBodies->isChecked();
    config.records.retentionDays = m_retentionDays->value();
    config.records.maxTotalBytes = qint64(m_maxMb->value()) * 1024 * 1024;
    QString error;
    if (!m_config->apply(config, &error)) {
        StatusLabel::show(m_recordsStatus, tr("Not saved: %1").arg(error), true);
        return false;
    }
    StatusLabel::show(m_recordsStatus, tr("Saved."), false);
    return true;
}

bool SettingsPage::applyUpstreamProxy()
{
    Config config = m_config->current();
    const QString storedPassword = config.upstreamProxy.password;
    UpstreamProxySettings &proxy = config.upstreamProxy;
    proxy.mode = upstreamProxyModeFromId(m_upstreamMode->currentData().toString())
                     .value_or(UpstreamProxySettings::Mode::Environment);
    const QString secretName = SecretStore::nameForUpstreamProxy();
    bool wroteSecret = false;
    std::optional<QString> previousSecret; // to undo the keychain write when the save fails
    // The other modes keep what the manual one had (URL, password, exceptions) for when it is chosen again.
    if (proxy.mode == UpstreamProxySettings::Mode::Manual) {
        QString url = m_upstreamUrl->text().trimmed();
        QString typed = m_upstreamPasswordEdited ? m_upstreamPassword->text() : QString();
        // A password written into the URL is kept like one typed into its own field, never in the URL.
        const QString inUrl = takeUrlPassword(&url);
        if (typed.isEmpty() && !inUrl.isEmpty())
            typed = inUrl;
        proxy.url = url;
        proxy.noProxy = m_noProxy->text().trimmed();
        if (!typed.isEmpty()) {
            if (SecretReference::hasReference(typed) || !m_secrets || !m_secrets->isPersistent()) {
                proxy.password = typed; // a reference, or a literal password for the database
            } else {
                previousSecret = m_secrets->read(secretName);
                m_secrets->write(secretName, typed);
                wroteSecret = true;
                proxy.password = SecretReference::keychainReference(secretName);
            }
        } else if (m_upstreamPasswordEdited || m_removeUpstreamPasswordRequested) {
            proxy.password.clear();
        }
    }
    QString error;
    if (!m_config->apply(config, &error)) {
        if (wroteSecret) {
            if (previousSecret)
                m_secrets->write(secretName, *previousSecret);
            else
                m_secrets->remove(secretName);
        }
        StatusLabel::show(m_upstreamStatus, tr("Not saved: %1").arg(error), true);
        return false;
    }
    // The keychain entry of a password that was removed or replaced by a reference goes too.
    if (m_secrets && SecretReference::keychainNames(storedPassword).contains(secretName)
        && !SecretReference::keychainNames(proxy.password).contains(secretName))
        m_secrets->remove(secretName);
    loadFromConfig();
    StatusLabel::show(m_upstreamStatus, tr("Saved."), false);
    return true;
}

void SettingsPage::setLanguage(const QString &code)
{
    m_settings->setLanguage(code);
    const QSignalBlocker blocker(m_language);
    m_language->setCurrentIndex(qMax(0, m_language->findData(code)));
    if (m_languages)
        m_languages->apply(code); // every window retranslates itself on LanguageChange
}

void SettingsPage::chooseDataDir()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Data folder"), m_runtime->dataDir());
    if (dir.isEmpty())
        return;
    m_settings->setNextDataDir(dir);
    m_dataDirNote->setText(tr("Switchyard uses %1 from the next start.").arg(QDir::toNativeSeparators(dir)));
}

void SettingsPage::appendLog()
{
    if (!m_log)
        return;
    const QList<LogMessage> messages = m_log->messages(m_lastLogId);
    if (messages.isEmpty())
        return;
    QScrollBar *bar = m_logView->verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum() - 2;
    QStringList lines;
    for (const LogMessage &message : messages) {
        lines << QStringLiteral("%1 %2 %3: %4")
                     .arg(message.time.toString(QStringLiteral("HH:mm:ss.zzz")), levelName(message.type),
                         message.category, message.text);
    }
    m_lastLogId = messages.constLast().id;
    m_logView->appendPlainText(lines.join(QLatin1Char('\n')));
    if (atEnd)
        bar->setValue(bar->maximum());
}
