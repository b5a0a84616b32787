#pragma once

#include "DesktopApp.h"
#include "SecretStore.h"
#include "TempDataDir.h"
#include "common/LogBuffer.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <memory>

// A small Messages request, as the tests send it through the running proxy.
inline QByteArray messageBody()
{
    return R"({"model":"claude-sonnet-4-5","max_tokens":32,"messages":[{"role":"user","content":"Hello there"}]})";
}

// A widget of a window by its object name (a warning names it when it is missing).
template<typename T>
T *child(QObject *parent, const char *name)
{
    T *found = parent->findChild<T *>(QLatin1String(name));
    if (!found)
        qWarning("no child %s", name);
    return found;
}

// A DesktopApp for tests: a fresh data folder, an in-memory keychain, the app's own settings kept in the
// test's folder, listening on a free loopback port, no tray.
class DesktopHarness
{
public:
    DesktopHarness()
    {
        QStandardPaths::setTestModeEnabled(true);
        const QString settingsDir = m_dir.file(QStringLiteral("settings"));
        QDir().mkpath(settingsDir);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir);
        qputenv("XDG_CONFIG_HOME", settingsDir.toUtf8());
    }

    bool start(const QByteArray &configJson = QByteArray(), QString *error = nullptr)
    {
        DesktopApp::Options options;
        options.runtime.dataDir = m_dir.file(QStringLiteral("data"));
        options.runtime.listen = ServerSettings {QStringLiteral("127.0.0.1"), m_port};
        options.runtime.recordBatchWindowMs = 20;
        if (!configJson.isEmpty())
            options.runtime.configFile = m_dir.writeFile(QStringLiteral("config.json"), configJson);
        options.secrets = &m_secrets;
        options.useTray = false;
        options.claudeSettingsPath = m_dir.file(QStringLiteral("claude-settings.json"));
        options.log = m_log;
        m_app = std::make_unique<DesktopApp>();
        QString problem;
        const bool ok = m_app->start(options, &problem);
        if (error)
            *error = problem;
        return ok;
    }

    void setListenPort(quint16 port) { m_port = port; }
    void setLog(LogBuffer *log) { m_log = log; }
    DesktopApp &app() { return *m_app; }
    InMemorySecretStore &secrets() { return m_secrets; }
    TempDataDir &dir() { return m_dir; }

private:
    TempDataDir m_dir;
    InMemorySecretStore m_secrets {true};
    std::unique_ptr<DesktopApp> m_app;
    quint16 m_port = 0;
    LogBuffer *m_log = nullptr;
};
