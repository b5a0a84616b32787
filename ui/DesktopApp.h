#pragma once

#include "runtime/ProxyRuntime.h"

#include <QObject>
#include <QPointer>
#include <memory>

class AppSettings;
class LanguageManager;
class LogBuffer;
class MainWindow;
class ModelCatalog;
class QTimer;
class RecordFeed;
class RecordHealthMonitor;
class SecretStore;
class TrayController;

// The desktop app: the runtime (the same as headless), the keychain, the windows, the tray. Created by
// app/main.cpp when there is a display; tests create it with an in-memory keychain.
class DesktopApp : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        ProxyRuntime::Options runtime;
        // null: the system keychain (falls back to keeping keys in the configuration when there is none).
        SecretStore *secrets = nullptr;
        bool useTray = true;
        bool showWindowAtStart = false; // also shown when there is no tray
        QString claudeSettingsPath; // empty: ClaudeCodeSetup::defaultSettingsPath()
        LogBuffer *log = nullptr;
    };

    explicit DesktopApp(QObject *parent = nullptr);
    ~DesktopApp() override;

    bool start(const Options &options, QString *error);
    // Tells the user, in a message box, why start() failed.
    static void reportStartFailure(const QString &error);

    ProxyRuntime *runtime() const { return m_runtime.get(); }
    MainWindow *mainWindow() const;
    TrayController *tray() const { return m_tray; }
    SecretStore *secrets() const { return m_secrets; }
    RecordHealthMonitor *health() const { return m_health; }
    RecordFeed *feed() const { return m_feed; }
    LanguageManager *languages() const { return m_languages; }
    AppSettings *settings() const { return m_settings.get(); }
    ModelCatalog *catalog() const { return m_catalog; }

    void showWindow();
    void showClaudeCodeDialog();
    // Copies the shell lines to the clipboard and returns them.
    QString copyShellSetup();
    // Graceful: the proxy stops (running calls get their grace time), then finished() is emitted.
    void quit();

Q_SIGNALS:
    void finished();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setUpTray(int attemptsLeft);

    Options m_options;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<ProxyRuntime> m_runtime;
    SecretStore *m_secrets = nullptr;
    LanguageManager *m_languages = nullptr;
    RecordFeed *m_feed = nullptr;
    RecordHealthMonitor *m_health = nullptr;
    ModelCatalog *m_catalog = nullptr;
    QPointer<MainWindow> m_window;
    TrayController *m_tray = nullptr;
    QTimer *m_healthTimer = nullptr;
    bool m_quitting = false;
};
