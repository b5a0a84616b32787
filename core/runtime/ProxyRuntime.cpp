#include "runtime/ProxyRuntime.h"

#include "BuildInfo.h"
#include "common/Logging.h"
#include "config/ConfigService.h"
#include "routing/HealthRegistry.h"
#include "runtime/DatabaseConfigStorage.h"
#include "runtime/ProxyService.h"
#include "store/RecordStore.h"

#include <QDir>
#include <QHostAddress>
#include <QThread>

namespace {

// "localhost" is the only host name accepted; everything else must be an IP address.
std::optional<QHostAddress> listenAddressOf(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return QHostAddress(QHostAddress::LocalHost);
    QHostAddress address;
    if (!address.setAddress(host))
        return std::nullopt;
    return address;
}

} // namespace

ProxyRuntime::ProxyRuntime(QObject *parent)
    : QObject(parent)
{
}

ProxyRuntime::~ProxyRuntime()
{
    stopNow();
}

ProxyRuntime::Options ProxyRuntime::optionsFrom(const CommandLineOptions &commandLine)
{
    Options options;
    options.dataDir = commandLine.dataDir;
    options.configFile = commandLine.configFile;
    options.listen = commandLine.listen;
    return options;
}

QList<HealthState> ProxyRuntime::health() const
{
    return m_health;
}

QString ProxyRuntime::baseUrl() const
{
    const QString host
        = m_listenHost.contains(QLatin1Char(':')) ? QLatin1Char('[') + m_listenHost + QLatin1Char(']') : m_listenHost;
    return QStringLiteral("http://%1:%2").arg(host).arg(m_port);
}

bool ProxyRuntime::start(const Options &options, QString *error)
{
    if (m_running) {
        *error = QStringLiteral("already running");
        return false;
    }
    auto fail = [&](const QString &message) {
        *error = message;
        stopNow();
        return false;
    };

    if (!QDir().mkpath(options.dataDir))
        return fail(QStringLiteral("cannot create the data folder %1").arg(options.dataDir));

    m_records = std::make_unique<RecordStore>();
    if (options.recordBatchWindowMs > 0)
        m_records->setBatchWindowMs(options.recordBatchWindowMs);
    QString storeError;
    if (!m_records->open(options.dataDir, &storeError))
        return fail(QStringLiteral("cannot open the database in %1: %2").arg(options.dataDir, storeError));

    m_configStorage = std::make_unique<DatabaseConfigStorage>();
    if (!m_configStorage->open(options.dataDir, &storeError))
        return fail(QStringLiteral("cannot open the database in %1: %2").arg(options.dataDir, storeError));
    m_config = std::make_unique<ConfigService>(m_configStorage.get());
    if (options.keychain)
        m_config->setKeychainLookup(options.keychain);
    QString configError;
    if (!options.configFile.isEmpty()) {
        if (!m_config->importFile(options.configFile, &configError))
            return fail(QStringLiteral("invalid configuration: %1").arg(configError));
        qCInfo(lcRuntime).noquote() << "imported configuration from" << options.configFile;
    } else if (!m_config->loadStored(&configError)) {
        return fail(QStringLiteral("cannot load the stored configuration: %1").arg(configError));
    }

    const std::shared_ptr<const Config> snapshot = m_config->snapshot();
    const ServerSettings listen = options.listen.value_or(snapshot->server);

    m_records->setRecordSettings(snapshot->records);
    connect(m_config.get(), &ConfigService::configChanged, this, [this] {
        m_records->setRecordSettings(m_config->snapshot()->records);
        if (m_proxy)
            QMetaObject::invokeMethod(
                m_proxy, [proxy = m_proxy] { proxy->applyConfig(); }, Qt::QueuedConnection);
    });

    m_proxyThread = new QThread(this);
    m_proxyThread->setObjectName(QStringLiteral("switchyard-proxy"));
    ConfigService *configService = m_config.get();
    m_proxy = new ProxyService([configService] { return configService->snapshot(); }, m_records.get());
    m_proxy->moveToThread(m_proxyThread);
    m_proxyThread->start();
    connect(m_proxy, &ProxyService::shutdownComplete, this, &ProxyRuntime::finishShutdown, Qt::QueuedConnection);
    connect(
        m_proxy, &ProxyService::healthChanged, this,
        [this](const QList<HealthState> &health) {
            m_health = health;
            Q_EMIT healthChanged();
        },
        Qt::QueuedConnection);
    m_dataDir = options.dataDir;

    QString listenError;
    if (!listenOn(listen, &listenError)) {
        if (!options.tolerateListenFailure)
            return fail(listenError);
        qCWarning(lcRuntime).noquote() << listenError;
        m_listenHost = listen.host;
        m_port = listen.port;
        setListening(false, listenError);
    }

    m_running = true;
    int enabledPlatforms = 0;
    for (const PlatformConfig &platform : snapshot->platforms)
        enabledPlatforms += platform.enabled ? 1 : 0;
    qCInfo(lcRuntime).noquote() << QStringLiteral("Switchyard %1 %2 (mode %3, %4 enabled platform(s), "
                                                  "%5 client key(s)); data in %6")
                                       .arg(QStringLiteral(SWITCHYARD_VERSION),
                                           (m_listening ? QStringLiteral("listening on ")
                                                        : QStringLiteral("not listening, on "))
                                               + baseUrl(),
                                           routingModeId(snapshot->routing.mode))
                                       .arg(enabledPlatforms)
                                       .arg(snapshot->clientKeys.size())
                                       .arg(QDir::toNativeSeparators(options.dataDir));
    return true;
}

bool ProxyRuntime::listenOn(const ServerSettings &listen, QString *error)
{
    const std::optional<QHostAddress> address = listenAddressOf(listen.host);
    if (!address) {
        *error = QStringLiteral("cannot listen on \"%1\": not an IP address").arg(listen.host);
        return false;
    }
    if (!address->isLoopback() && m_config->snapshot()->usableClientKeyCount() == 0) {
        *error = QStringLiteral("refusing to listen on %1:%2 without client keys: anyone on the network could use "
                                "your platforms. Add a client key to the configuration (\"client_keys\"), or listen "
                                "on 127.0.0.1.")
                     .arg(listen.host)
                     .arg(listen.port);
        return false;
    }
    bool listening = false;
    quint16 port = 0;
    QMetaObject::invokeMethod(
        m_proxy,
        [&] {
            listening = m_proxy->listen(*address, listen.port, error);
            port = m_proxy->port();
        },
        Qt::BlockingQueuedConnection);
    if (!listening)
        return false;
    m_listenHost = address->toString();
    m_port = port;
    setListening(true, QString());
    return true;
}

void ProxyRuntime::setListening(bool listening, const QString &error)
{
    m_listenError = error;
    if (m_listening == listening)
        return;
    m_listening = listening;
    Q_EMIT listeningChanged(listening);
}

void ProxyRuntime::pauseListening()
{
    if (!m_proxy || !m_listening)
        return;
    QMetaObject::invokeMethod(
        m_proxy, [proxy = m_proxy] { proxy->stopListening(); }, Qt::BlockingQueuedConnection);
    qCInfo(lcRuntime) << "paused: not accepting connections";
    setListening(false, QString());
}

bool ProxyRuntime::resumeListening(QString *error)
{
    if (!m_proxy || m_stopping) {
        *error = QStringLiteral("not running");
        return false;
    }
    if (m_listening)
        return true;
    ServerSettings listen;
    listen.host = m_listenHost;
    listen.port = m_port;
    QString problem;
    if (!listenOn(listen, &problem)) {
        setListening(false, problem);
        *error = problem;
        return false;
    }
    qCInfo(lcRuntime).noquote() << "listening again on" << baseUrl();
    return true;
}

bool ProxyRuntime::restartListening(const ServerSettings &listen, QString *error)
{
    if (!m_proxy || m_stopping) {
        *error = QStringLiteral("not running");
        return false;
    }
    const bool wasListening = m_listening;
    const ServerSettings previous {m_listenHost, m_port};
    QString problem;
    if (listenOn(listen, &problem)) {
        qCInfo(lcRuntime).noquote() << "now listening on" << baseUrl();
        return true;
    }
    *error = problem;
    QString ignored;
    if (!wasListening || !listenOn(previous, &ignored))
        setListening(false, problem);
    return false;
}

void ProxyRuntime::shutdown()
{
    if (!m_running || m_stopping)
        return;
    m_stopping = true;
    const int graceMs = m_config ? m_config->snapshot()->limits.shutdownGraceSeconds * 1000 : 0;
    qCInfo(lcRuntime) << "shutting down";
    QMetaObject::invokeMethod(
        m_proxy, [proxy = m_proxy, graceMs] { proxy->beginShutdown(graceMs); }, Qt::QueuedConnection);
}

void ProxyRuntime::finishShutdown()
{
    if (!m_running)
        return;
    stopNow();
    Q_EMIT stopped();
}

void ProxyRuntime::stopNow()
{
    if (m_proxy) {
        // The proxy's objects were created on the proxy thread and are destroyed there.
        ProxyService *proxy = m_proxy;
        m_proxy = nullptr;
        if (m_proxyThread && m_proxyThread->isRunning())
            QMetaObject::invokeMethod(
                proxy, [proxy] { delete proxy; }, Qt::BlockingQueuedConnection);
        else
            delete proxy;
    }
    if (m_proxyThread) {
        m_proxyThread->quit();
        m_proxyThread->wait();
        delete m_proxyThread;
        m_proxyThread = nullptr;
    }
    if (m_records) {
        m_records->flush();
        m_records->close();
    }
    m_config.reset();
    m_configStorage.reset();
    m_records.reset();
    if (m_running)
        qCInfo(lcRuntime) << "stopped";
    m_running = false;
    m_stopping = false;
    m_listening = false;
}
