#include "DesktopApp.h"

#include "AppSettings.h"
#include "ClaudeCodeDialog.h"
#include "KeychainSecretStore.h"
#include "LanguageManager.h"
#include "MainWindow.h"
#include "ModelCatalog.h"
#include "RecordFeed.h"
#include "RecordHealthMonitor.h"
#include "ShellSetup.h"
#include "TrayController.h"
#include "UiResources.h"
#include "common/Logging.h"
#include "config/ConfigService.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QEvent>
#include <QMessageBox>
#include <QSystemTrayIcon>
#include <QTimer>

DesktopApp::DesktopApp(QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<AppSettings>())
{
    UiResources::initialize();
    qRegisterMetaType<HealthEvent>();
}

DesktopApp::~DesktopApp()
{
    qApp->removeEventFilter(this);
    delete m_window;
    delete m_tray;
    m_tray = nullptr;
    delete m_feed; // its database connection before the runtime's
    m_feed = nullptr;
    m_runtime.reset();
}

bool DesktopApp::start(const Options &options, QString *error)
{
    m_options = options;
    QApplication::setWindowIcon(UiResources::icon(QStringLiteral("switchyard")));
    QApplication::setQuitOnLastWindowClosed(false);
    m_languages = new LanguageManager(this);
    m_languages->apply(m_settings->language());

    if (options.secrets) {
        m_secrets = options.secrets;
    } else {
        auto *keychain = new KeychainSecretStore(this);
        QString keychainError;
        keychain->load(5000, &keychainError);
        m_secrets = keychain;
    }

    ProxyRuntime::Options runtimeOptions = options.runtime;
    runtimeOptions.tolerateListenFailure = true;
    runtimeOptions.keychain = m_secrets->lookup();
    m_runtime = std::make_unique<ProxyRuntime>();
    if (!m_runtime->start(runtimeOptions, error))
        return false;
    connect(m_runtime.get(), &ProxyRuntime::stopped, this, &DesktopApp::finished);

    m_feed = new RecordFeed(m_runtime->dataDir(), m_runtime->recordStore());
    m_health = new RecordHealthMonitor(this);
    connect(m_feed, &RecordFeed::recordsAdded, m_health, [this](const QList<StoredRecord> &records) {
        m_health->addRecords(records, QDateTime::currentMSecsSinceEpoch());
    });
    connect(m_runtime.get(), &ProxyRuntime::healthChanged, m_health,
        [this] { m_health->setRegistryStates(m_runtime->health(), QDateTime::currentMSecsSinceEpoch()); });
    m_healthTimer = new QTimer(this);
    m_healthTimer->setInterval(30'000);
    connect(
        m_healthTimer, &QTimer::timeout, m_health, [this] { m_health->expire(QDateTime::currentMSecsSinceEpoch()); });
    m_healthTimer->start();
    m_catalog = new ModelCatalog(this);

    AppContext context;
    context.runtime = m_runtime.get();
    context.secrets = m_secrets;
    context.feed = m_feed;
    context.catalog = m_catalog;
    context.settings = m_settings.get();
    context.languages = m_languages;
    context.log = options.log;
    context.health = m_health;
    m_window = new MainWindow(context);
    connect(m_window, &MainWindow::claudeCodeRequested, this, &DesktopApp::showClaudeCodeDialog);
    connect(m_window, &MainWindow::shellSetupRequested, this, &DesktopApp::copyShellSetup);
    connect(m_window, &MainWindow::quitRequested, this, &DesktopApp::quit);

    m_tray = new TrayController(m_runtime.get(), m_health);
    connect(m_tray, &TrayController::openRequested, this, &DesktopApp::showWindow);
    connect(m_tray, &TrayController::claudeCodeRequested, this, &DesktopApp::showClaudeCodeDialog);
    connect(m_tray, &TrayController::shellSetupRequested, this, &DesktopApp::copyShellSetup);
    connect(m_tray, &TrayController::quitRequested, this, &DesktopApp::quit);
    qApp->installEventFilter(this); // forwards LanguageChange to the tray

    if (options.useTray) {
        setUpTray(5);
    } else {
        m_window->setTrayAvailable(false);
        m_window->show();
    }
    if (options.showWindowAtStart)
        showWindow();
    if (!m_runtime->isListening())
        m_tray->notify(QStringLiteral("listen"), tr("Switchyard is not listening"), m_runtime->listenError(),
            QSystemTrayIcon::Warning);
    return true;
}

void DesktopApp::reportStartFailure(const QString &error)
{
    QMessageBox::critical(nullptr, tr("Switchyard"), tr("Switchyard cannot start:\n\n%1").arg(error));
}

void DesktopApp::setUpTray(int attemptsLeft)
{
    // At login the tray may appear after the app: try again a few times, like other tray apps do.
    if (m_tray->show()) {
        m_window->setTrayAvailable(true);
        qCInfo(lcUi) << "in the system tray";
        return;
    }
    m_window->setTrayAvailable(false);
    if (!m_window->isVisible()) {
        qCInfo(lcUi) << "no system tray yet; the window is the app";
        m_window->show();
    }
    if (attemptsLeft > 0)
        QTimer::singleShot(1000, this, [this, attemptsLeft] { setUpTray(attemptsLeft - 1); });
}

bool DesktopApp::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == qApp && event->type() == QEvent::LanguageChange && m_tray) {
        QEvent change(QEvent::LanguageChange);
        QCoreApplication::sendEvent(m_tray, &change);
    }
    return QObject::eventFilter(watched, event);
}

void DesktopApp::showWindow()
{
    if (m_window)
        m_window->bringToFront();
}

void DesktopApp::showClaudeCodeDialog()
{
    const std::shared_ptr<const Config> snapshot = m_runtime->configService()->snapshot();
    QString clientKeyId;
    const QString token = ShellSetup::authToken(*snapshot, &clientKeyId);
    const QString path = m_options.claudeSettingsPath.isEmpty() ? ClaudeCodeSetup::defaultSettingsPath()
                                                                : m_options.claudeSettingsPath;
    auto *dialog = new ClaudeCodeDialog({m_runtime->baseUrl(), token}, !clientKeyId.isEmpty(), path,
        m_window && m_window->isVisible() ? m_window.data() : nullptr);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

QString DesktopApp::copyShellSetup()
{
    const ShellSetup::Result result
        = ShellSetup::forConfig(m_runtime->baseUrl(), *m_runtime->configService()->snapshot());
    QApplication::clipboard()->setText(result.text);
    m_tray->notify(QStringLiteral("shell"), tr("Shell setup copied"),
        result.usesClientKey ? tr("Paste it into a terminal, then start claude. It contains the client key \"%1\".")
                                   .arg(result.clientKeyId)
                             : tr("Paste it into a terminal, then start claude. No client key is configured, so the "
                                  "token is a placeholder."));
    return result.text;
}

void DesktopApp::quit()
{
    if (m_quitting)
        return;
    m_quitting = true;
    if (m_window)
        m_window->hide();
    if (m_tray)
        m_tray->trayIcon()->hide();
    if (m_runtime && m_runtime->isRunning())
        m_runtime->shutdown();
    else
        Q_EMIT finished();
}

MainWindow *DesktopApp::mainWindow() const
{
    return m_window.data();
}
