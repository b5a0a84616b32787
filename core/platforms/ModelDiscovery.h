#pragma once

#include "config/Config.h"
#include "config/SecretReference.h"
#include "platforms/ModelDiscoveryResult.h"
#include "platforms/PlatformEndpoints.h"
#include "platforms/PlatformTarget.h"
#include "upstream/UpstreamRequest.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

class BufferedExchange;
struct BufferedReply;
class UpstreamClient;

// Fetches the model list of one platform, in its own dialect (see PlatformEndpoints::modelListEndpoints):
// OpenAI-format /models, Anthropic /v1/models page by page, Ollama's /api/tags and LM Studio's
// /api/v0/models with /models as the fallback. Lives on the caller's thread; one discovery at a time.
//
//     auto *discovery = new ModelDiscovery(nullptr, this);
//     connect(discovery, &ModelDiscovery::finished, this, [](const ModelDiscoveryResult &result) { ... });
//     discovery->start(platformConfig);
class ModelDiscovery : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultMaxPages = 20; // Anthropic: 20 pages of 100 models
    static constexpr qint64 kDefaultMaxBodyBytes = 32LL * 1024 * 1024;

    // `client` null: the discovery makes its own. A given client must live on this thread and outlive it.
    explicit ModelDiscovery(UpstreamClient *client = nullptr, QObject *parent = nullptr);
    ~ModelDiscovery() override;

    // Timers of each request. Default: defaultTimeouts(platform).
    void setTimeouts(const UpstreamTimeouts &timeouts);
    void setMaxPages(int pages);
    void setMaxBodyBytes(qint64 bytes);
    // How `$ENV` references in api_key are expanded; the default is the process environment. An empty
    // function takes api_key as it is (for an already resolved configuration).
    void setSecretLookup(SecretReference::Lookup lookup);

    // Starts (or restarts) a discovery. finished() is always emitted later, from the event loop.
    void start(const PlatformConfig &platform);
    // Stops a running discovery; finished() is emitted with category Cancelled.
    void cancel();
    bool isRunning() const { return m_running; }
    const ModelDiscoveryResult &result() const { return m_result; }

    // The timers used for `platform` when none were set: its connect timeout (at most 10 s), 30 s for the
    // first byte and between reads, no total limit. A list is small; a platform that thinks for minutes
    // before answering a list request is broken.
    static UpstreamTimeouts defaultTimeouts(const PlatformConfig &platform);

Q_SIGNALS:
    void finished(const ModelDiscoveryResult &result);

private:
    void requestNext();
    void sendRequest(const QUrl &url);
    void onReply(const BufferedReply &reply);
    void handleAnthropicPage(const ModelListPage &page);
    void finishWith(const PlatformFailure &failure);
    void dropExchange();

    QPointer<UpstreamClient> m_client;
    std::optional<UpstreamTimeouts> m_timeouts;
    UpstreamTimeouts m_activeTimeouts;
    int m_maxPages = kDefaultMaxPages;
    qint64 m_maxBodyBytes = kDefaultMaxBodyBytes;
    SecretReference::Lookup m_lookup;

    PlatformTarget m_target;
    QList<PlatformEndpoints::ModelListEndpoint> m_endpoints;
    int m_endpointIndex = 0;
    QUrl m_currentUrl;
    QList<DiscoveredModel> m_collected;
    QStringList m_seenAnthropicCursors;
    BufferedExchange *m_exchange = nullptr;
    ModelDiscoveryResult m_result;
    QElapsedTimer m_clock;
    bool m_running = false;
    quint64 m_generation = 0; // invalidates queued completions of an earlier start()
};
