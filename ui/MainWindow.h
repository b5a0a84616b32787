#pragma once

#include <QMainWindow>

class AppSettings;
class HealthSource;
class LanguageManager;
class LogBuffer;
class ModelCatalog;
class PlatformsPage;
class ProxyRuntime;
class QLabel;
class QListWidget;
class QStackedWidget;
class RecordFeed;
class RecordsPage;
class RoutingPage;
class SecretStore;
class SettingsPage;
class StatisticsPage;

// What the windows work with; owned by DesktopApp (or a test).
struct AppContext
{
    ProxyRuntime *runtime = nullptr;
    SecretStore *secrets = nullptr;
    RecordFeed *feed = nullptr;
    ModelCatalog *catalog = nullptr;
    AppSettings *settings = nullptr;
    LanguageManager *languages = nullptr;
    LogBuffer *log = nullptr;
    HealthSource *health = nullptr;
};

// The one main window: a page list on the left (Platforms, Routing, Records, Statistics, Settings; Ctrl+1..5) and
// the page on the right; the status bar says where the proxy listens and the last route.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Page
    {
        PlatformsPageIndex,
        RoutingPageIndex,
        RecordsPageIndex,
        StatisticsPageIndex,
        SettingsPageIndex,
        PageCount
    };

    explicit MainWindow(const AppContext &context, QWidget *parent = nullptr);

    void showPage(Page page);
    // With a tray, closing the window hides it; without one, closing asks and quits.
    void setTrayAvailable(bool available) { m_trayAvailable = available; }
    // Brings the window forward (from the tray, or a second start).
    void bringToFront();

    PlatformsPage *platformsPage() const { return m_platforms; }
    RoutingPage *routingPage() const { return m_routing; }
    RecordsPage *recordsPage() const { return m_records; }
    StatisticsPage *statisticsPage() const { return m_statistics; }
    SettingsPage *settingsPage() const { return m_settings; }
    QListWidget *navigation() const { return m_navigation; }

Q_SIGNALS:
    void claudeCodeRequested();
    void shellSetupRequested();
    void quitRequested();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateStatus();
    void importConfiguration();
    void exportConfiguration();

    AppContext m_context;
    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    PlatformsPage *m_platforms;
    RoutingPage *m_routing;
    RecordsPage *m_records;
    StatisticsPage *m_statistics;
    SettingsPage *m_settings;
    QLabel *m_statusIcon;
    QLabel *m_statusText;
    QLabel *m_routeText;
    QMenu *m_fileMenu;
    QMenu *m_toolsMenu;
    QMenu *m_helpMenu;
    QAction *m_importAction;
    QAction *m_exportAction;
    QAction *m_quitAction;
    QAction *m_claudeCodeAction;
    QAction *m_shellAction;
    QAction *m_findAction;
    QAction *m_aboutAction;
    bool m_trayAvailable = true;
};
