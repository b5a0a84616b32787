#pragma once

#include "HealthSource.h"
#include "routing/HealthRegistry.h"
#include "store/RecordQuery.h"

#include <QHash>

// A HealthSource fed by finished calls: a platform is failing from a failed attempt (5xx, 429, 401/402/
// 403, a timeout or lost connection) until one of its attempts succeeds or `staleAfterMs` pass without
// news; a call whose first attempt failed and a later one answered is a fallback.
class RecordHealthMonitor : public HealthSource
{
    Q_OBJECT
public:
    explicit RecordHealthMonitor(QObject *parent = nullptr);

    QStringList failingPlatforms() const override;
    QString lastRoute() const override { return m_lastRoute; }

    // The calls that finished, oldest first, and the time now (ms since the epoch).
    void addRecords(const QList<StoredRecord> &records, qint64 nowMs);
    // Forgets failures older than the stale limit (called by a timer).
    void expire(qint64 nowMs);
    // The proxy's own health registry (ProxyRuntime::health()): a platform with a model cooling down, resting
    // after a 429 or blocked (bad key, no credit) counts as failing until its time is up.
    void setRegistryStates(const QList<HealthState> &states, qint64 nowMs);

    void setStaleAfterMs(qint64 ms) { m_staleAfterMs = ms; }

    struct Attempt
    {
        QString platformId;
        QString model;
        int status = 0;
        QString result;
    };
    // The attempts of a record (route_json "attempts", else the record itself). Pure.
    static QList<Attempt> attemptsOf(const CallRecord &record);
    // True when the attempt says the platform is in trouble (not the client's fault). Pure.
    static bool attemptFailed(const Attempt &attempt);

private:
    void markFailing(const Attempt &attempt, qint64 atMs);
    void markHealthy(const QString &platformId);

    struct Failure
    {
        qint64 atMs = 0;
        QString detail;
    };
    QHash<QString, Failure> m_failing;
    QHash<QString, qint64> m_coolingUntilMs; // platform -> when its last cool-down ends (max = until a probe)
    QString m_lastRoute;
    qint64 m_staleAfterMs = 10 * 60 * 1000;
};
