#include "ProxyHarness.h"

#include "store/RecordStore.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>

ProxyHarness::ProxyHarness()
{
    m_config = QJsonObject {
        {QStringLiteral("version"), 1},
        {QStringLiteral("config_type"), QStringLiteral("claude_code")},
        {QStringLiteral("platforms"),
            QJsonArray {QJsonObject {{QStringLiteral("id"), QStringLiteral("fake")},
                {QStringLiteral("type"), QStringLiteral("anthropic")},
                {QStringLiteral("base_url"), m_upstream->baseUrl().toString()},
                {QStringLiteral("api_key"), QString::fromLatin1(kProviderKey)}}}},
    };
}

ProxyHarness::~ProxyHarness()
{
    stop();
}

void ProxyHarness::addClientKey(const QString &id, const QString &key)
{
    QJsonArray keys = m_config.value(QStringLiteral("client_keys")).toArray();
    keys.append(QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("key"), key}});
    m_config.insert(QStringLiteral("client_keys"), keys);
}

bool ProxyHarness::start(QString *error)
{
    const QString configFile = m_dataDir.writeFile(QStringLiteral("config.json"), QJsonDocument(m_config).toJson());
    ProxyRuntime::Options options;
    options.dataDir = m_dataDir.path();
    options.configFile = configFile;
    ServerSettings listen;
    listen.host = QStringLiteral("127.0.0.1");
    listen.port = 0;
    options.listen = listen;
    options.recordBatchWindowMs = 20;
    m_runtime = std::make_unique<ProxyRuntime>();
    QString startError;
    if (!m_runtime->start(options, &startError)) {
        if (error)
            *error = startError;
        else
            qWarning("runtime did not start: %s", qPrintable(startError));
        return false;
    }
    return true;
}

void ProxyHarness::stop()
{
    m_readDatabase.reset();
    if (m_runtime)
        m_runtime->stopNow();
}

quint16 ProxyHarness::port() const
{
    return m_runtime ? m_runtime->port() : 0;
}

QList<StoredRecord> ProxyHarness::records(int atLeast)
{
    QElapsedTimer waited;
    waited.start();
    QList<StoredRecord> result;
    do {
        if (m_runtime && m_runtime->recordStore())
            m_runtime->recordStore()->flush();
        result = readRecords();
        if (result.size() >= atLeast)
            break;
        QThread::msleep(10);
    } while (waited.elapsed() < 5000);
    return result;
}

QList<StoredRecord> ProxyHarness::readRecords()
{
    if (!m_readDatabase) {
        m_readDatabase = std::make_unique<Database>();
        QString error;
        if (!m_readDatabase->open(m_dataDir.path(), QStringLiteral("test-read"), &error))
            qWarning("cannot open the records database: %s", qPrintable(error));
    }
    RecordQuery query(*m_readDatabase);
    QList<StoredRecord> result;
    for (const StoredRecord &listed : query.list(RecordFilter(), 0, 100000)) {
        const std::optional<StoredRecord> full = query.get(listed.record.id);
        result.append(full ? *full : listed);
    }
    return result;
}

QByteArray ProxyHarness::recordedText(const CallRecord &r)
{
    return r.requestId.toUtf8() + r.clientKeyId.toUtf8() + r.sessionId.toUtf8() + r.routeJson.toUtf8()
        + r.platformId.toUtf8() + r.requestHeadersJson + r.requestBody + r.responseBody + r.errorMessage.toUtf8();
}
