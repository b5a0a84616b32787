#pragma once

#include <QWidget>

class AppSettings;
class ClientKeysPage;
class ConfigService;
class LanguageManager;
class LogBuffer;
class ProxyRuntime;
class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class SecretStore;

// Settings of the proxy (listen address, how it reaches the platforms, records) and of the app (language, start
// at login, debug logging), the client keys (ClientKeysPage), and the log viewer.
class SettingsPage : public QWidget
{
    Q_OBJECT
public:
    // `secrets` (may be null) keeps the password of the proxy to the platforms, like PlatformsPage's keys.
    SettingsPage(ProxyRuntime *runtime, SecretStore *secrets, AppSettings *settings, LanguageManager *languages,
        LogBuffer *log, QWidget *parent = nullptr);

    // Listens on the address in the fields (restarting the proxy's socket, not the app) and saves it.
    bool applyListenAddress();
    bool saveRecordSettings();
    // Saves the proxy to the platforms (upstream_proxy) from the fields. A new password goes to the keychain
    // when there is one (the configuration then says `${keychain:upstream_proxy.password}`), else into the
    // configuration. On failure the status shows why and nothing stored changes.
    bool applyUpstreamProxy();
    void setLanguage(const QString &code); // "" = follow the system

    // The "Client keys" tab.
    ClientKeysPage *clientKeysPage() const { return m_clientKeys; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void loadFromConfig();
    void updateListenStatus();
    void updateUpstreamProxyFields();
    QString storedPasswordDescription(const QString &password) const;
    void appendLog();
    void chooseDataDir();

    ProxyRuntime *m_runtime;
    ConfigService *m_config;
    SecretStore *m_secrets;
    AppSettings *m_settings;
    LanguageManager *m_languages;
    LogBuffer *m_log;
    qint64 m_lastLogId = 0;

    QTabWidget *m_tabs;
    ClientKeysPage *m_clientKeys;
    QGroupBox *m_proxyGroup;
    QLabel *m_hostLabel;
    QComboBox *m_host;
    QLabel *m_portLabel;
    QSpinBox *m_port;
    QPushButton *m_applyListen;
    QLabel *m_listenStatus;
    QGroupBox *m_upstreamGroup;
    QLabel *m_upstreamModeLabel;
    QComboBox *m_upstreamMode;
    QLabel *m_upstreamUrlLabel;
    QLineEdit *m_upstreamUrl;
    QLabel *m_upstreamPasswordLabel;
    QLineEdit *m_upstreamPassword;
    QPushButton *m_removeUpstreamPassword;
    QLabel *m_upstreamPasswordNote;
    QLabel *m_noProxyLabel;
    QLineEdit *m_noProxy;
    QLabel *m_upstreamNote;
    QPushButton *m_applyUpstream;
    QLabel *m_upstreamStatus;
    QString m_storedUpstreamPassword; // upstream_proxy.password as written, for the placeholder
    bool m_upstreamPasswordEdited = false;
    bool m_removeUpstreamPasswordRequested = false;
    QGroupBox *m_dataGroup;
    QLabel *m_dataDirLabel;
    QLineEdit *m_dataDir;
    QPushButton *m_changeDataDir;
    QLabel *m_dataDirNote;
    QGroupBox *m_recordsGroup;
    QCheckBox *m_recordsEnabled;
    QCheckBox *m_storeBodies;
    QLabel *m_retentionLabel;
    QSpinBox *m_retentionDays;
    QLabel *m_maxSizeLabel;
    QSpinBox *m_maxMb;
    QPushButton *m_saveRecords;
    QLabel *m_recordsStatus;
    QGroupBox *m_appGroup;
    QLabel *m_languageLabel;
    QComboBox *m_language;
    QCheckBox *m_startAtLogin;
    QCheckBox *m_debugLogging;
    QLabel *m_appStatus;
    QPlainTextEdit *m_logView;
    QPushButton *m_copyLog;
    QPushButton *m_clearLog;
};
