#pragma once

#include "config/Config.h"
#include "routing/CircuitBreaker.h"
#include "routing/MonotonicClock.h"
#include "routing/UpstreamFailureTable.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

// What the tray and the windows show about one platform-model, or about a platform as a whole (model empty).
struct HealthState
{
    enum class Status
    {
        Healthy, // in use
        Open, // the breaker is open after too many failures; skipped until its cooldown ends
        HalfOpen, // the cooldown is over: the next request probes it
        Resting, // resting until the platform's Retry-After (429)
        Unavailable, // until a probe succeeds or the configuration changes: bad key / no credit (the whole
                     // platform, model empty) or model not found
    };

    QString platformId;
    QString model; // empty: the platform as a whole
    Status status = Status::Healthy;
    int recentOutcomes = 0; // in the breaker's window
    int recentFailures = 0;
    qint64 availableInMs = 0; // until the model can be tried (or probed) again; 0 = now
    bool hasLastFailure = false;
    FailureClass lastFailure = FailureClass::ServerError;
    QString lastMessage; // what the client was told about the last failure

    bool operator==(const HealthState &other) const;
};

QString healthStatusId(HealthState::Status status); // "healthy", "open", "half_open", "resting", "unavailable"

// The health of every platform-model the proxy has used since start (no persistence): a circuit breaker per
// platform-model (CircuitBreaker) plus a per-platform block for a rejected key or no credit. Lives on the
// proxy thread; not thread-safe. The fallback loop uses it like this, for each candidate of a RoutePlan:
//
//   if (!health.tryBeginAttempt(p, m)) -> skip the candidate (resting / open / another request probes it)
//   ... attempt ...
//   success:            health.recordSuccess(p, m)
//   failure:            health.recordFailure(p, m, UpstreamFailureTable::classify(...))
//   no verdict:         health.recordNeutral(p, m)   (cancelled before an answer)
//
// Time-based changes (a cooldown ending) are computed when asked, not signalled.
class HealthRegistry : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxTrackedModels = 4'096; // least recently used platform-models are forgotten beyond

    struct Availability
    {
        bool available = true;
        HealthState::Status status = HealthState::Status::Healthy;
        qint64 availableInMs = 0;
        bool credentialProblem = false; // bad key / no credit: trying anyway would fail the same way
        QString reason; // for the route record, e.g. "resting after HTTP 429 for 12 s"
    };

    explicit HealthRegistry(const MonotonicClock &clock = MonotonicClock::steady(), QObject *parent = nullptr);

    // Takes the breaker settings and forgets the state of every platform whose configuration differs from the
    // previous call's (key, base URL, models, enabled ...) or that is gone; all of it when the breaker
    // settings change. The first call only records the configuration.
    void applyConfig(const Config &config);

    bool isAvailable(const QString &platformId, const QString &model) const;
    Availability availability(const QString &platformId, const QString &model) const;
    // isAvailable, and takes the probe slot of a half-open breaker or a blocked platform. Call right before
    // starting the attempt; every true must be followed by one record*() for the same platform-model.
    bool tryBeginAttempt(const QString &platformId, const QString &model);

    void recordSuccess(const QString &platformId, const QString &model);
    void recordFailure(const QString &platformId, const QString &model, const FailureDecision &decision);
    void recordNeutral(const QString &platformId, const QString &model);

    // Every platform-model with state worth showing, and every blocked platform (model empty), sorted by
    // platform then model. Models never tried do not appear (they are healthy).
    QList<HealthState> snapshot() const;
    HealthState state(const QString &platformId, const QString &model) const;

    int trackedModelCount() const { return int(m_models.size()); }

Q_SIGNALS:
    // The status of a platform-model (or of a platform, model empty) changed through a recorded outcome or a
    // configuration change (model and platform empty: everything was reset).
    void healthChanged(const QString &platformId, const QString &model);

private:
    struct ModelHealth
    {
        CircuitBreaker breaker;
        qint64 lastUsedMs = 0;
        bool untilProbe = false; // opened by model-not-found (Unavailable rather than Open)
        bool hasLastFailure = false;
        FailureClass lastFailure = FailureClass::ServerError;
        QString lastMessage;
    };

    struct PlatformBlock
    {
        FailureClass reason = FailureClass::BadKey;
        QString message;
        qint64 nextProbeMs = 0;
        bool probeInFlight = false;
        qint64 probeStartedMs = 0;
    };

    static QString key(const QString &platformId, const QString &model);
    ModelHealth &modelHealth(const QString &platformId, const QString &model, qint64 nowMs);
    const ModelHealth *findModel(const QString &platformId, const QString &model) const;
    bool platformProbeFree(const PlatformBlock &block, qint64 nowMs) const;
    HealthState modelState(
        const QString &platformId, const QString &model, const ModelHealth &health, qint64 nowMs) const;
    HealthState platformState(const QString &platformId, const PlatformBlock &block, qint64 nowMs) const;
    void releasePlatformProbe(const QString &platformId, qint64 nowMs);
    void forgetPlatform(const QString &platformId);
    void evictIfFull();
    void emitIfChanged(const QString &platformId, const QString &model, HealthState::Status before);

    const MonotonicClock &m_clock;
    CircuitBreaker::Settings m_settings;
    QHash<QString, ModelHealth> m_models; // key(platform, model)
    QHash<QString, PlatformBlock> m_blockedPlatforms;
    QHash<QString, PlatformConfig> m_platforms; // as of the last applyConfig
    bool m_configured = false;
};
