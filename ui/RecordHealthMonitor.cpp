#include "RecordHealthMonitor.h"

#include <limits>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

RecordHealthMonitor::RecordHealthMonitor(QObject *parent)
    : HealthSource(parent)
{
}

QStringList RecordHealthMonitor::failingPlatforms() const
{
    QStringList ids = m_failing.keys();
    for (auto it = m_coolingUntilMs.cbegin(); it != m_coolingUntilMs.cend(); ++it) {
        if (!ids.contains(it.key()))
            ids.append(it.key());
    }
    ids.sort();
    return ids;
}

QList<RecordHealthMonitor::Attempt> RecordHealthMonitor::attemptsOf(const CallRecord &record)
{
    QList<Attempt> attempts;
    const QJsonArray array
        = QJsonDocument::fromJson(record.routeJson.toUtf8()).object().value(QLatin1String("attempts")).toArray();
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        Attempt attempt;
        attempt.platformId = object.value(QLatin1String("platform")).toString();
        attempt.model = object.value(QLatin1String("model")).toString();
        attempt.status = object.value(QLatin1String("status")).toInt();
        attempt.result = object.value(QLatin1String("result")).toString();
        if (!attempt.platformId.isEmpty())
            attempts.append(attempt);
    }
    if (attempts.isEmpty() && !record.platformId.isEmpty()) {
        Attempt attempt;
        attempt.platformId = record.platformId;
        attempt.model = record.upstreamModel;
        attempt.status = record.upstreamStatus;
        attempt.result = record.clientCancelled ? QStringLiteral("cancelled") : record.errorType;
        attempts.append(attempt);
    }
    return attempts;
}

bool RecordHealthMonitor::attemptFailed(const Attempt &attempt)
{
    if (attempt.status >= 500 || attempt.status == 429 || attempt.status == 401 || attempt.status == 402
        || attempt.status == 403 || attempt.status == 408)
        return true;
    if (attempt.status == 0) {
        // No answer: a transport failure, unless the client left or nothing was tried.
        const QString result = attempt.result.toLower();
        return !result.isEmpty() && !result.contains(QLatin1String("cancel")) && result != QLatin1String("ok");
    }
    return false;
}

void RecordHealthMonitor::markFailing(const Attempt &attempt, qint64 atMs)
{
    const bool wasFailing = m_failing.contains(attempt.platformId);
    Failure failure;
    failure.atMs = atMs;
    failure.detail = attempt.status > 0 ? QStringLiteral("HTTP %1").arg(attempt.status) : attempt.result;
    m_failing.insert(attempt.platformId, failure);
    if (!wasFailing)
        Q_EMIT healthEvent(
            HealthEvent {HealthEvent::Kind::Failing, attempt.platformId, attempt.model, failure.detail, QString()});
}

void RecordHealthMonitor::markHealthy(const QString &platformId)
{
    if (m_failing.remove(platformId) > 0)
        Q_EMIT healthEvent(HealthEvent {HealthEvent::Kind::Recovered, platformId, QString(), QString(), QString()});
}

void RecordHealthMonitor::addRecords(const QList<StoredRecord> &records, qint64 nowMs)
{
    const QStringList before = failingPlatforms();
    const QString routeBefore = m_lastRoute;
    for (const StoredRecord &stored : records) {
        const CallRecord &record = stored.record;
        const QList<Attempt> attempts = attemptsOf(record);
        const qint64 atMs = record.startedAt.isValid() ? record.startedAt.toMSecsSinceEpoch() : nowMs;
        for (qsizetype i = 0; i < attempts.size(); ++i) {
            const Attempt &attempt = attempts.at(i);
            if (attemptFailed(attempt)) {
                markFailing(attempt, atMs);
                if (i + 1 < attempts.size()) {
                    HealthEvent event {HealthEvent::Kind::Fallback, attempt.platformId, attempt.model,
                        m_failing.value(attempt.platformId).detail,
                        attempts.at(i + 1).platformId + QLatin1Char(':') + attempts.at(i + 1).model};
                    Q_EMIT healthEvent(event);
                }
            } else if (attempt.status >= 200 && attempt.status < 300) {
                markHealthy(attempt.platformId);
            }
        }
        if (!attempts.isEmpty())
            m_lastRoute = attempts.constLast().platformId + QLatin1Char(':') + attempts.constLast().model;
    }
    expire(nowMs);
    if (failingPlatforms() != before || m_lastRoute != routeBefore)
        Q_EMIT changed();
}

void RecordHealthMonitor::setRegistryStates(const QList<HealthState> &states, qint64 nowMs)
{
    const QStringList before = failingPlatforms();
    QHash<QString, qint64> cooling;
    QHash<QString, QString> details;
    for (const HealthState &state : states) {
        if (state.status == HealthState::Status::Healthy || state.status == HealthState::Status::HalfOpen)
            continue;
        const qint64 until = state.status == HealthState::Status::Unavailable ? std::numeric_limits<qint64>::max()
                                                                              : nowMs + state.availableInMs;
        cooling.insert(state.platformId, qMax(cooling.value(state.platformId, 0), until));
        details.insert(state.platformId,
            healthStatusId(state.status)
                + (state.lastMessage.isEmpty() ? QString() : QStringLiteral(": ") + state.lastMessage));
    }
    for (auto it = cooling.cbegin(); it != cooling.cend(); ++it) {
        if (!m_coolingUntilMs.contains(it.key()) && !m_failing.contains(it.key()))
            Q_EMIT healthEvent(
                HealthEvent {HealthEvent::Kind::Failing, it.key(), QString(), details.value(it.key()), QString()});
    }
    for (auto it = m_coolingUntilMs.cbegin(); it != m_coolingUntilMs.cend(); ++it) {
        if (!cooling.contains(it.key()) && !m_failing.contains(it.key()))
            Q_EMIT healthEvent(HealthEvent {HealthEvent::Kind::Recovered, it.key(), QString(), QString(), QString()});
    }
    m_coolingUntilMs = cooling;
    if (failingPlatforms() != before)
        Q_EMIT changed();
}

void RecordHealthMonitor::expire(qint64 nowMs)
{
    bool removed = false;
    for (auto it = m_coolingUntilMs.begin(); it != m_coolingUntilMs.end();) {
        if (it.value() <= nowMs) {
            it = m_coolingUntilMs.erase(it);
            removed = true;
        } else {
            ++it;
        }
    }
    for (auto it = m_failing.begin(); it != m_failing.end();) {
        if (nowMs - it->atMs > m_staleAfterMs) {
            it = m_failing.erase(it);
            removed = true;
        } else {
            ++it;
        }
    }
    if (removed)
        Q_EMIT changed();
}
