#include "MainWindow.h"

#include "AppSettings.h"
#include "BuildInfo.h"
#include "HealthSource.h"
#include "PlatformsPage.h"
#include "RecordsPage.h"
#include "RoutingPage.h"
#include "SettingsPage.h"
#include "StatisticsPage.h"
#include "UiResources.h"
#include "config/ConfigService.h"
#include "runtime/ProxyRuntime.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSaveFile>
#include <QShortcut>
#include <QStackedWidget>
#include <QStatusBar>

MainWindow::MainWindow(const AppContext &context, QWidget *parent)
    : QMainWindow(parent)
    , m_context(context)
{
    UiResources::initialize();
    setObjectName(QStringLiteral("MainWindow"));
    setWindowIcon(UiResources::icon(QStringLiteral("switchyard")));
    m_navigation = new QListWidget(this);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setIconSize(QSize(24, 24));
    m_navigation->setFixedWidth(170);
    m_navigation->setSpacing(2);
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setStyleSheet(QStringLiteral(
        "QListWidget#navigation { background: palette(window); outline: 0; }"
        "QListWidget#navigation::item { padding: 8px 6px; border-radius: 6px; color: palette(window-text); }"
        "QListWidget#navigation::item:hover { background: palette(midlight); }"
        "QListWidget#navigation::item:selected { background: palette(highlight); color: palette(highlighted-text); }"));
    for (const char *icon : {"page-platforms", "page-routing", "page-records", "page-statistics", "page-settings"})
        new QListWidgetItem(UiResources::icon(QLatin1String(icon)), QString(), m_navigation);

    m_pages = new QStackedWidget(this);
    m_platforms = new PlatformsPage(context.runtime->configService(), context.secrets, context.catalog, this);
    m_routing = new RoutingPage(context.runtime->configService(), context.catalog, context.settings, this);
    m_records = new RecordsPage(context.feed, context.runtime->recordStore(), context.runtime->configService(), this);
    m_statistics = new StatisticsPage(context.feed, context.runtime->configService(), this);
    m_settings
        = new SettingsPage(context.runtime, context.secrets, context.settings, context.languages, context.log, this);
    m_pages->addWidget(m_platforms);
    m_pages->addWidget(m_routing);
    m_pages->addWidget(m_records);
    m_pages->addWidget(m_statistics);
    m_pages->addWidget(m_settings);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    m_statusIcon = new QLabel(this);
    m_statusText = new QLabel(this);
    m_statusText->setObjectName(QStringLiteral("listenStatus"));
    m_routeText = new QLabel(this);
    m_routeText->setObjectName(QStringLiteral("lastRoute"));
    statusBar()->addWidget(m_statusIcon);
    statusBar()->addWidget(m_statusText, 1);
    statusBar()->addPermanentWidget(m_routeText);

    m_fileMenu = menuBar()->addMenu(QString());
    m_importAction = m_fileMenu->addAction(QString(), this, &MainWindow::importConfiguration);
    m_exportAction = m_fileMenu->addAction(QString(), this, &MainWindow::exportConfiguration);
    m_fileMenu->addSeparator();
    m_quitAction = m_fileMenu->addAction(QString(), this, &MainWindow::quitRequested);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_toolsMenu = menuBar()->addMenu(QString());
    m_claudeCodeAction = m_toolsMenu->addAction(QString(), this, &MainWindow::claudeCodeRequested);
    m_shellAction = m_toolsMenu->addAction(QString(), this, &MainWindow::shellSetupRequested);
    m_findAction = m_toolsMenu->addAction(QString(), this, [this] {
        showPage(RecordsPageIndex);
        m_records->focusSearch();
    });
    m_findAction->setShortcut(QKeySequence::Find);
    m_helpMenu = menuBar()->addMenu(QString());
    m_aboutAction = m_helpMenu->addAction(QString(), this, [this] {
        QMessageBox::about(this, tr("About Switchyard"),
            tr("<h3>Switchyard %1</h3><p>Run Claude Code on any model: a local proxy with routing, fallback and "
               "records.</p>")
                .arg(QStringLiteral(SWITCHYARD_VERSION)));
    });
    for (int page = 0; page < PageCount; ++page) {
        auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + page)), this);
        connect(shortcut, &QShortcut::activated, this, [this, page] { showPage(Page(page)); });
    }
    auto *closeShortcut = new QShortcut(QKeySequence::Close, this);
    connect(closeShortcut, &QShortcut::activated, this, &QWidget::close);

    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    connect(context.runtime, &ProxyRuntime::listeningChanged, this, &MainWindow::updateStatus);
    connect(context.runtime->configService(), &ConfigService::configChanged, this, &MainWindow::updateStatus);
    if (context.health)
        connect(context.health, &HealthSource::changed, this, &MainWindow::updateStatus);

    retranslateUi();
    m_navigation->setCurrentRow(0);
    resize(1040, 700);
    if (context.settings && !context.settings->windowGeometry().isEmpty())
        restoreGeometry(context.settings->windowGeometry());
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("Switchyard"));
    const QStringList names {tr("Platforms"), tr("Routing"), tr("Records"), tr("Statistics"), tr("Settings")};
    for (int i = 0; i < names.size(); ++i) {
        m_navigation->item(i)->setText(names.at(i));
        m_navigation->item(i)->setToolTip(tr("%1 (Ctrl+%2)").arg(names.at(i)).arg(i + 1));
    }
    m_fileMenu->setTitle(tr("&File"));
    m_importAction->setText(tr("&Import configuration\u2026"));
    m_exportAction->setText(tr("&Export configuration\u2026"));
    m_quitAction->setText(tr("&Quit"));
    m_toolsMenu->setTitle(tr("&Tools"));
    m_claudeCodeAction->setText(tr("Configure &Claude Code\u2026"));
    m_shellAction->setText(tr("Copy &shell setup"));
    m_findAction->setText(tr("&Find calls\u2026"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About Switchyard"));
    updateStatus();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::updateStatus()
{
    ProxyRuntime *runtime = m_context.runtime;
    const bool degraded = m_context.health && m_context.health->isDegraded();
    QString icon;
    if (runtime->isListening()) {
        icon = degraded ? QStringLiteral("status-warning") : QStringLiteral("status-ok");
        m_statusText->setText(
            tr("Listening on %1 \u00b7 mode %2")
                .arg(runtime->baseUrl(), routingModeId(runtime->configService()->current().routing.mode)));
    } else {
        icon = runtime->listenError().isEmpty() ? QStringLiteral("status-off") : QStringLiteral("status-error");
        m_statusText->setText(runtime->listenError().isEmpty() ? tr("Paused: not accepting calls")
                                                               : tr("Not listening: %1").arg(runtime->listenError()));
    }
    m_statusIcon->setPixmap(UiResources::icon(icon).pixmap(16, 16));
    QString route = m_context.health ? m_context.health->lastRoute() : QString();
    QString text = route.isEmpty() ? QString() : tr("Last route: %1").arg(route);
    if (degraded)
        text += (text.isEmpty() ? QString() : QStringLiteral("  \u00b7  "))
            + tr("Failing: %1").arg(m_context.health->failingPlatforms().join(QStringLiteral(", ")));
    m_routeText->setText(text);
    m_records->setProxyAddress(runtime->baseUrl());
}

void MainWindow::showPage(Page page)
{
    m_navigation->setCurrentRow(int(page));
}

void MainWindow::bringToFront()
{
    if (isMinimized())
        showNormal();
    else
        show();
    raise();
    activateWindow();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_context.settings)
        m_context.settings->setWindowGeometry(saveGeometry());
    if (m_trayAvailable) {
        hide();
        event->ignore();
        return;
    }
    const auto answer = QMessageBox::question(this, tr("Quit Switchyard"),
        tr("Quit Switchyard? The proxy stops and Claude Code cannot reach it until you start Switchyard again."),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes) {
        event->accept();
        Q_EMIT quitRequested();
    } else {
        event->ignore();
    }
}

void MainWindow::importConfiguration()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import configuration"), QString(), tr("JSON files (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!m_context.runtime->configService()->importFile(path, &error))
        QMessageBox::warning(this, tr("Import configuration"), tr("Nothing was changed.\n\n%1").arg(error));
}

void MainWindow::exportConfiguration()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export configuration"), QStringLiteral("switchyard.json"), tr("JSON files (*.json)"));
    if (path.isEmpty())
        return;
    // Shared files never carry secrets: keys become "********" unless they are references.
    const QByteArray json = m_context.runtime->configService()->exportJson(false);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit())
        QMessageBox::warning(this, tr("Export configuration"), tr("Cannot write %1: %2").arg(path, file.errorString()));
}
