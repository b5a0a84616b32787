#pragma once

#include "config/Config.h"
#include "config/SecretReference.h"
#include "platforms/ConnectionTestResult.h"
#include "platforms/ModelDiscoveryResult.h"
#include "platforms/PlatformTarget.h"
#include "upstream/UpstreamRequest.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <optional>

class BufferedExchange;
struct BufferedReply;
class ModelDiscovery;
class UpstreamClient;

// Tests a platform's settings and says plainly what is wrong: the key, the address, the network, the
// model, the balance. Steps:
//   1. the settings themselves (base URL, key present, `$ENV` references set);
//   2. the model list (ModelDiscovery): reachability, the key, the number of models;
//   3. OpenRouter only: GET {base}/key, since its model list is public and proves nothing about the key;
//   4. with a model: it must be in the list; where lists are incomplete (Anthropic, DashScope, OpenAI-
//      compatible) or missing, a one-token request names it (POST /v1/messages or /chat/completions,
//      max_tokens 1).
// Lives on the caller's thread; one test at a time. finished() is always emitted from the event loop.
class ConnectionTester : public QObject
{
    Q_OBJECT
public:
    // `client` null: the tester makes its own. A given client must live on this thread and outlive it.
    explicit ConnectionTester(UpstreamClient *client = nullptr, QObject *parent = nullptr);
    ~ConnectionTester() override;

    // Timers of every request of the test. Default: ModelDiscovery::defaultTimeouts for the list and the
    // key check; the test request waits longer for its first byte (60 s, local servers 180 s: they may
    // load the model first).
    void setTimeouts(const UpstreamTimeouts &timeouts);
    // See ModelDiscovery::setSecretLookup (default: the process environment).
    void setSecretLookup(SecretReference::Lookup lookup);

    // Starts (or restarts) a test of `platform`, checking `model` too when it is not empty.
    void start(const PlatformConfig &platform, const QString &model = QString());
    // Stops a running test; finished() is emitted with category Cancelled.
    void cancel();
    bool isRunning() const { return m_running; }
    const ConnectionTestResult &result() const { return m_result; }

    static UpstreamTimeouts defaultProbeTimeouts(const PlatformConfig &platform);

Q_SIGNALS:
    void finished(const ConnectionTestResult &result);

private:
    enum class Step
    {
        Idle,
        ModelList,
        KeyCheck,
        Probe,
    };

    void onDiscoveryFinished(const ModelDiscoveryResult &discovery);
    void checkOpenRouterKey();
    void onKeyReply(const BufferedReply &reply);
    void checkModel();
    void probeModel();
    void onProbeReply(const BufferedReply &reply);
    void send(UpstreamRequest request, void (ConnectionTester::*handler)(const BufferedReply &));
    void dropExchange();
    void succeed(const QString &message);
    void fail(const PlatformFailure &failure);
    void finish();
    void noteLatency(qint64 firstByteUs);
    QString okDetails() const;

    QPointer<UpstreamClient> m_client;
    ModelDiscovery *m_discovery = nullptr;
    std::optional<UpstreamTimeouts> m_timeouts;
    SecretReference::Lookup m_lookup;

    PlatformConfig m_platform;
    PlatformTarget m_target;
    QString m_model;
    ModelDiscoveryResult m_discoveryResult;
    bool m_listAvailable = false;
    UpstreamTimeouts m_requestTimeouts;
    QUrl m_requestUrl;
    BufferedExchange *m_exchange = nullptr;
    Step m_step = Step::Idle;
    ConnectionTestResult m_result;
    QElapsedTimer m_clock;
    bool m_running = false;
    quint64 m_generation = 0;
};
