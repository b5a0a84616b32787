#pragma once

#include "NotificationThrottle.h"

#include <QObject>
#include <QSystemTrayIcon>

class HealthSource;
class ProxyRuntime;
class QAction;
class QActionGroup;
class QMenu;
struct HealthEvent;

// The tray icon: its state at a glance (running / some models failing / stopped or port busy), a tooltip
// and a menu that say where the proxy listens, the mode and the last route; quick actions; notifications
// when platforms fail, fall back or recover (rate-limited).
class TrayController : public QObject
{
    Q_OBJECT
public:
    enum class IconState
    {
        Running,
        Degraded,
        Stopped,
    };

    TrayController(ProxyRuntime *runtime, HealthSource *health, QObject *parent = nullptr);
    ~TrayController() override;

    // Shows the icon. False when the desktop has no system tray.
    bool show();
    bool isVisible() const;

    IconState iconState() const;
    QString toolTipText() const;
    QMenu *menu() const { return m_menu; }
    QSystemTrayIcon *trayIcon() const { return m_tray; }
    // The notifications shown so far (title and text), for tests.
    QStringList shownNotifications() const { return m_shown; }

Q_SIGNALS:
    void openRequested();
    void claudeCodeRequested();
    void shellSetupRequested();
    void quitRequested();

public Q_SLOTS:
    void update();
    void notify(const QString &key, const QString &title, const QString &text,
        QSystemTrayIcon::MessageIcon icon = QSystemTrayIcon::Information);

protected:
    bool event(QEvent *event) override;

private:
    void retranslateUi();
    void onHealthEvent(const HealthEvent &event);
    void switchMode(int mode);
    void togglePause();

    ProxyRuntime *m_runtime;
    HealthSource *m_health;
    QSystemTrayIcon *m_tray;
    QMenu *m_menu;
    QAction *m_header;
    QAction *m_routeInfo;
    QAction *m_open;
    QMenu *m_modeMenu;
    QActionGroup *m_modeGroup;
    QList<QAction *> m_modeActions;
    QAction *m_pause;
    QAction *m_claudeCode;
    QAction *m_shell;
    QAction *m_quit;
    NotificationThrottle m_throttle;
    QStringList m_shown;
};
