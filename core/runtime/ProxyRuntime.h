#pragma once

#include "runtime/CommandLine.h"

#include <QObject>
#include <memory>

class ConfigService;
class DatabaseConfigStorage;
class ProxyService;
class QThread;
class RecordStore;
struct HealthState;

// Switchyard's engine as one object, shared by the headless mode, the desktop app and the tests: the
// data folder's database, the configuration service (on the calling thread), the store thread that writes
// records, and the proxy thread that serves requests.
class ProxyRuntime : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString dataDir;
        QString configFile; // imported at start when set
        std::optional<ServerSettings> listen; // overrides the configuration's listen address
        int recordBatchWindowMs = -1; // -1 = the store's default
    };

    explicit ProxyRuntime(QObject *parent = nullptr);
    ~ProxyRuntime() override;

    static Options optionsFrom(const CommandLineOptions &commandLine);

    // Opens the data folder, loads or imports the configuration, checks that listening is safe, starts the
    // threads and listens. On failure everything started is stopped again and *error says what is wrong.
    bool start(const Options &options, QString *error);
    bool isRunning() const { return m_running; }

    QString listenHost() const { return m_listenHost; }
    quint16 port() const { return m_port; }
    QString baseUrl() const; // "http://127.0.0.1:8000"

    ConfigService *configService() const { return m_config.get(); }
    // The health of the platform-models the proxy has used (a copy kept on this thread; see healthChanged()).
    QList<HealthState> health() const;
    RecordStore *recordStore() const { return m_records.get(); }

    // Graceful stop: no new connections, calls in progress get the configured grace time, records are
    // flushed. Emits stopped() when done. Safe to call more than once.
    void shutdown();
    // Blocking variant for tests and destructors.
    void stopNow();

Q_SIGNALS:
    void stopped();
    void healthChanged();

private:
    void finishShutdown();

    std::unique_ptr<RecordStore> m_records;
    std::unique_ptr<DatabaseConfigStorage> m_configStorage;
    std::unique_ptr<ConfigService> m_config;
    QThread *m_proxyThread = nullptr;
    ProxyService *m_proxy = nullptr;
    QString m_listenHost;
    quint16 m_port = 0;
    bool m_running = false;
    bool m_stopping = false;
    QList<HealthState> m_health;
};
