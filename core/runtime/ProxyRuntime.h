#pragma once

#include "config/SecretReference.h"
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
        // The desktop app runs even when it cannot listen (the port is taken): start() then succeeds,
        // isListening() is false and listenError() says why. Headless, such a start fails.
        bool tolerateListenFailure = false;
        // Where `${keychain:NAME}` secrets are looked up (the desktop app's keychain); none headless.
        SecretReference::Lookup keychain;
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
    QString dataDir() const { return m_dataDir; }

    // Listening can be paused and resumed, and moved to another address, without stopping the runtime:
    // connections and calls already open continue; the configuration, the records and the threads stay.
    bool isListening() const { return m_listening; }
    QString listenError() const { return m_listenError; } // why the last attempt to listen failed
    void pauseListening();
    bool resumeListening(QString *error);
    // Listens on `listen` instead (the same safety rule as start(): a non-loopback address needs a
    // client key). On failure the previous address is listened on again when it was.
    bool restartListening(const ServerSettings &listen, QString *error);

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
    // Listening started or stopped (pause, resume, restart, a failed start in the desktop app).
    void listeningChanged(bool listening);

private:
    void finishShutdown();
    bool listenOn(const ServerSettings &listen, QString *error);
    void setListening(bool listening, const QString &error);

    std::unique_ptr<RecordStore> m_records;
    std::unique_ptr<DatabaseConfigStorage> m_configStorage;
    std::unique_ptr<ConfigService> m_config;
    QThread *m_proxyThread = nullptr;
    ProxyService *m_proxy = nullptr;
    QString m_dataDir;
    QString m_listenHost;
    quint16 m_port = 0;
    bool m_listening = false;
    QString m_listenError;
    bool m_running = false;
    bool m_stopping = false;
    QList<HealthState> m_health;
};
