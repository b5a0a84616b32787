#pragma once

#include "FakeUpstreamThread.h"
#include "HttpTestClient.h"
#include "TempDataDir.h"
#include "runtime/ProxyRuntime.h"
#include "store/Database.h"
#include "store/RecordQuery.h"

#include <QJsonObject>
#include <memory>

// Switchyard's real runtime (proxy thread, store thread, SQLite file) in the test process, in front of a
// fake Anthropic-compatible platform on its own thread. The configuration is written to a file and imported
// exactly as `--config FILE` does.
class ProxyHarness
{
public:
    static constexpr const char *kProviderKey = "sk-provider-secret-0123456789";

    ProxyHarness();
    ~ProxyHarness();

    FakeUpstream &upstream() { return m_upstream.upstream(); }
    TempDataDir &dataDir() { return m_dataDir; }
    // The configuration to start with (edit before start()): one "fake" anthropic platform pointing at the
    // fake upstream with kProviderKey, claude_code mode, no client keys.
    QJsonObject &config() { return m_config; }
    void addClientKey(const QString &id, const QString &key);

    bool start(QString *error = nullptr);
    void stop();
    ProxyRuntime &runtime() { return *m_runtime; }
    quint16 port() const;
    HttpTestClient client() const { return HttpTestClient(port()); }

    // Everything recorded so far (flushes the store first), newest first, with bodies. A call is recorded
    // just after its last byte is sent, so a test that has its answer waits for `atLeast` records (up to 5 s).
    QList<StoredRecord> records(int atLeast = 0);
    // Every text a record holds (ids, route, headers, bodies, error), for tests that look for secrets in it.
    static QByteArray recordedText(const CallRecord &record);

private:
    QList<StoredRecord> readRecords();

    FakeUpstreamThread m_upstream;
    TempDataDir m_dataDir;
    QJsonObject m_config;
    std::unique_ptr<ProxyRuntime> m_runtime;
    std::unique_ptr<Database> m_readDatabase;
};
