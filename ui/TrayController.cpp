#include "TrayController.h"

#include "HealthSource.h"
#include "UiResources.h"
#include "config/ConfigService.h"
#include "runtime/ProxyRuntime.h"

#include <QAction>
#include <QActionGroup>
#include <QCoreApplication>
#include <QDateTime>
#include <QEvent>
#include <QMenu>

TrayController::TrayController(ProxyRuntime *runtime, HealthSource *health, QObject *parent)
    : QObject(parent)
    , m_runtime(runtime)
    , m_health(health)
    , m_tray(new QSystemTrayIcon(this))
    , m_menu(new QMenu)
{
    m_menu->setObjectName(QStringLiteral("trayMenu"));
    m_header = m_menu->addAction(QString());
    m_header->setEnabled(false);
    m_routeInfo = m_menu->addAction(QString());
    m_routeInfo->setEnabled(false);
    m_menu->addSeparator();
    m_open = m_menu->addAction(QString(), this, &TrayController::openRequested);
    m_open->setObjectName(QStringLiteral("openAction"));
    QFont bold = m_open->font();
    bold.setBold(true);
    m_open->setFont(bold);
    m_modeMenu = m_menu->addMenu(QString());
    m_modeGroup = new QActionGroup(this);
    m_modeGroup->setExclusive(true);
    for (RoutingMode mode : allRoutingModes()) {
        QAction *action = m_modeMenu->addAction(QString());
        action->setCheckable(true);
        action->setData(int(mode));
        action->setObjectName(QStringLiteral("mode_") + routingModeId(mode));
        m_modeGroup->addAction(action);
        m_modeActions << action;
        connect(action, &QAction::triggered, this, [this, mode] { switchMode(int(mode)); });
    }
    m_pause = m_menu->addAction(QString(), this, &TrayController::togglePause);
    m_pause->setObjectName(QStringLiteral("pauseAction"));
    m_menu->addSeparator();
    m_claudeCode = m_menu->addAction(QString(), this, &TrayController::claudeCodeRequested);
    m_claudeCode->setObjectName(QStringLiteral("claudeCodeAction"));
    m_shell = m_menu->addAction(QString(), this, &TrayController::shellSetupRequested);
    m_shell->setObjectName(QStringLiteral("shellSetupAction"));
    m_menu->addSeparator();
    m_quit = m_menu->addAction(QString(), this, &TrayController::quitRequested);
    m_quit->setObjectName(QStringLiteral("quitAction"));
    m_tray->setContextMenu(m_menu);

    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            Q_EMIT openRequested();
    });
    connect(m_runtime, &ProxyRuntime::listeningChanged, this, &TrayController::update);
    connect(m_runtime->configService(), &ConfigService::configChanged, this, &TrayController::update);
    if (m_health) {
        connect(m_health, &HealthSource::changed, this, &TrayController::update);
        connect(m_health, &HealthSource::healthEvent, this, &TrayController::onHealthEvent);
    }
    retranslateUi();
}

TrayController::~TrayController()
{
    delete m_menu;
}

bool TrayController::show()
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return false;
    m_tray->show();
    return true;
}

bool TrayController::isVisible() const
{
    return m_tray->isVisible();
}

bool TrayController::event(QEvent *event)
{
    // QObject gets no LanguageChange of its own: the application's is forwarded by DesktopApp.
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    return QObject::event(event);
}

void TrayController::retranslateUi()
{
    m_open->setText(tr("Open Switchyard"));
    m_modeMenu->setTitle(tr("Routing mode"));
    for (QAction *action : std::as_const(m_modeActions)) {
        switch (RoutingMode(action->data().toInt())) {
        case RoutingMode::ClaudeCode:
            action->setText(tr("Claude Code pass-through"));
            break;
        case RoutingMode::GlobalDirect:
            action->setText(tr("Global priority list"));
            break;
        case RoutingMode::SmartRouting:
            action->setText(tr("Smart routing by scene"));
            break;
        }
    }
    m_claudeCode->setText(tr("Configure Claude Code\u2026"));
    m_shell->setText(tr("Copy shell setup"));
    m_quit->setText(tr("Quit"));
    update();
}

TrayController::IconState TrayController::iconState() const
{
    if (!m_runtime->isListening())
        return IconState::Stopped;
    if (m_health && m_health->isDegraded())
        return IconState::Degraded;
    return IconState::Running;
}

QString TrayController::toolTipText() const
{
    const QString mode = routingModeId(m_runtime->configService()->current().routing.mode);
    QStringList lines {tr("Switchyard")};
    switch (iconState()) {
    case IconState::Running:
        lines << tr("Listening on %1").arg(m_runtime->baseUrl());
        break;
    case IconState::Degraded:
        lines << tr("Listening on %1").arg(m_runtime->baseUrl())
              << tr("Failing: %1").arg(m_health->failingPlatforms().join(QStringLiteral(", ")));
        break;
    case IconState::Stopped:
        lines << (m_runtime->listenError().isEmpty() ? tr("Paused: not accepting calls")
                                                     : tr("Not listening: %1").arg(m_runtime->listenError()));
        break;
    }
    lines << tr("Mode: %1").arg(mode);
    const QString route = m_health ? m_health->lastRoute() : QString();
    if (!route.isEmpty())
        lines << tr("Last route: %1").arg(route);
    return lines.join(QLatin1Char('\n'));
}

void TrayController::update()
{
    const IconState state = iconState();
    const QString icon = state == IconState::Running ? QStringLiteral("tray-ok")
        : state == IconState::Degraded               ? QStringLiteral("tray-degraded")
                                                     : QStringLiteral("tray-stopped");
    m_tray->setIcon(UiResources::icon(icon));
    m_tray->setToolTip(toolTipText());
    m_header->setText(m_runtime->isListening() ? tr("Listening on %1").arg(m_runtime->baseUrl())
                                               : tr("Not listening (%1)").arg(m_runtime->baseUrl()));
    const QString route = m_health ? m_health->lastRoute() : QString();
    m_routeInfo->setText(route.isEmpty() ? tr("No calls yet") : tr("Last route: %1").arg(route));
    m_pause->setText(m_runtime->isListening() ? tr("Pause proxy") : tr("Resume proxy"));
    const int mode = int(m_runtime->configService()->current().routing.mode);
    for (QAction *action : std::as_const(m_modeActions))
        action->setChecked(action->data().toInt() == mode);
}

void TrayController::switchMode(int mode)
{
    ConfigService *config = m_runtime->configService();
    Config edited = config->current();
    edited.routing.mode = RoutingMode(mode);
    QString error;
    if (!config->apply(edited, &error)) {
        notify(QStringLiteral("mode"), tr("Routing mode not changed"), error, QSystemTrayIcon::Warning);
        update();
    }
}

void TrayController::togglePause()
{
    if (m_runtime->isListening()) {
        m_runtime->pauseListening();
        return;
    }
    QString error;
    if (!m_runtime->resumeListening(&error))
        notify(QStringLiteral("listen"), tr("Switchyard cannot listen"), error, QSystemTrayIcon::Warning);
}

void TrayController::notify(
    const QString &key, const QString &title, const QString &text, QSystemTrayIcon::MessageIcon icon)
{
    if (!m_throttle.allow(key, QDateTime::currentMSecsSinceEpoch()))
        return;
    m_shown << title + QStringLiteral(": ") + text;
    if (m_tray->isVisible())
        m_tray->showMessage(title, text, icon, 8000);
}

void TrayController::onHealthEvent(const HealthEvent &event)
{
    switch (event.kind) {
    case HealthEvent::Kind::Fallback:
        notify(event.platformId, tr("Fallback from %1").arg(event.platformId),
            tr("%1 failed (%2); %3 answered instead.")
                .arg(event.platformId + QLatin1Char(':') + event.model, event.detail, event.replacement),
            QSystemTrayIcon::Warning);
        break;
    case HealthEvent::Kind::Failing:
        notify(event.platformId, tr("%1 is failing").arg(event.platformId),
            tr("Calls to %1 fail (%2).").arg(event.platformId, event.detail), QSystemTrayIcon::Warning);
        break;
    case HealthEvent::Kind::Recovered:
        notify(event.platformId, tr("%1 is back").arg(event.platformId), tr("%1 answers again.").arg(event.platformId),
            QSystemTrayIcon::Information);
        break;
    }
}
