#include "routing/HealthRegistry.h"

#include "common/Logging.h"

#include <algorithm>

bool HealthState::operator==(const HealthState &other) const
{
    return platformId == other.platformId && model == other.model && status == other.status
        && recentOutcomes == other.recentOutcomes && recentFailures == other.recentFailures
        && availableInMs == other.availableInMs && hasLastFailure == other.hasLastFailure
        && lastFailure == other.lastFailure && lastMessage == other.lastMessage;
}

QString healthStatusId(HealthState::Status status)
{
    switch (status) {
    case HealthState::Status::Healthy:
        return QStringLiteral("healthy");
    case HealthState::Status::Open:
        return QStringLiteral("open");
    case HealthState::Status::HalfOpen:
        return QStringLiteral("half_open");
    case HealthState::Status::Resting:
        return QStringLiteral("resting");
    case HealthState::Status::Unavailable:
        return QStringLiteral("unavailable");
    }
    return QString();
}

HealthRegistry::HealthRegistry(const MonotonicClock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
}

QString HealthRegistry::key(const QString &platformId, const QString &model)
{
    return platformId + QLatin1Char('\n') + model;
}

void HealthRegistry::applyConfig(const Config &config)
{
    const CircuitBreaker::Settings settings = CircuitBreaker::Settings::from(config.routing.fallback.breaker);
    QHash<QString, PlatformConfig> platforms;
    for (const PlatformConfig &platform : config.platforms)
        platforms.insert(platform.id, platform);

    if (!m_configured || !(settings == m_settings)) {
        const bool hadState = !m_models.isEmpty() || !m_blockedPlatforms.isEmpty();
        m_models.clear();
        m_blockedPlatforms.clear();
        m_settings = settings;
        m_platforms = platforms;
        m_configured = true;
        if (hadState)
            Q_EMIT healthChanged(QString(), QString());
        return;
    }
    QStringList changed;
    for (auto it = m_platforms.cbegin(); it != m_platforms.cend(); ++it) {
        const auto now = platforms.constFind(it.key());
        if (now == platforms.cend() || !(*now == it.value()))
            changed.append(it.key());
    }
    for (auto it = platforms.cbegin(); it != platforms.cend(); ++it) {
        if (!m_platforms.contains(it.key()))
            changed.append(it.key()); // new: nothing to forget unless an id was reused
    }
    m_platforms = platforms;
    for (const QString &platformId : std::as_const(changed))
        forgetPlatform(platformId);
}

void HealthRegistry::forgetPlatform(const QString &platformId)
{
    bool forgot = m_blockedPlatforms.remove(platformId) > 0;
    const QString prefix = platformId + QLatin1Char('\n');
    for (auto it = m_models.begin(); it != m_models.end();) {
        if (it.key().startsWith(prefix)) {
            it = m_models.erase(it);
            forgot = true;
        } else {
            ++it;
        }
    }
    if (forgot) {
        qCInfo(lcRoute) << "health of platform" << platformId << "reset: its configuration changed";
        Q_EMIT healthChanged(platformId, QString());
    }
}

HealthRegistry::ModelHealth &HealthRegistry::modelHealth(const QString &platformId, const QString &model, qint64 nowMs)
{
    const QString k = key(platformId, model);
    auto it = m_models.find(k);
    if (it == m_models.end()) {
        evictIfFull();
        ModelHealth health;
        health.breaker = CircuitBreaker(m_settings);
        it = m_models.insert(k, health);
    }
    it->lastUsedMs = nowMs;
    return *it;
}

const HealthRegistry::ModelHealth *HealthRegistry::findModel(const QString &platformId, const QString &model) const
{
    const auto it = m_models.constFind(key(platformId, model));
    return it == m_models.cend() ? nullptr : &*it;
}

void HealthRegistry::evictIfFull()
{
    if (m_models.size() < kMaxTrackedModels)
        return;
    auto oldest = m_models.begin();
    for (auto it = m_models.begin(); it != m_models.end(); ++it) {
        if (it->lastUsedMs < oldest->lastUsedMs)
            oldest = it;
    }
    m_models.erase(oldest);
}

bool HealthRegistry::platformProbeFree(const PlatformBlock &block, qint64 nowMs) const
{
    return nowMs >= block.nextProbeMs
        && (!block.probeInFlight || nowMs - block.probeStartedMs >= CircuitBreaker::kProbeLeaseMs);
}

HealthState HealthRegistry::modelState(
    const QString &platformId, const QString &model, const ModelHealth &health, qint64 nowMs) const
{
    HealthState state;
    state.platformId = platformId;
    state.model = model;
    const CircuitBreaker &breaker = health.breaker;
    if (breaker.isResting(nowMs)) {
        state.status = HealthState::Status::Resting;
    } else {
        switch (breaker.state(nowMs)) {
        case CircuitBreaker::State::Closed:
            state.status = HealthState::Status::Healthy;
            break;
        case CircuitBreaker::State::Open:
            state.status = health.untilProbe ? HealthState::Status::Unavailable : HealthState::Status::Open;
            break;
        case CircuitBreaker::State::HalfOpen:
            state.status = HealthState::Status::HalfOpen;
            break;
        }
    }
    state.recentOutcomes = breaker.outcomeCount();
    state.recentFailures = breaker.failureCount();
    state.availableInMs = breaker.availableAtMs(nowMs) - nowMs;
    state.hasLastFailure = health.hasLastFailure;
    state.lastFailure = health.lastFailure;
    state.lastMessage = health.lastMessage;
    return state;
}

HealthState HealthRegistry::platformState(const QString &platformId, const PlatformBlock &block, qint64 nowMs) const
{
    HealthState state;
    state.platformId = platformId;
    state.status = HealthState::Status::Unavailable;
    state.availableInMs = std::max<qint64>(0, block.nextProbeMs - nowMs);
    if (block.probeInFlight && !platformProbeFree(block, nowMs))
        state.availableInMs
            = std::max(state.availableInMs, block.probeStartedMs + CircuitBreaker::kProbeLeaseMs - nowMs);
    state.hasLastFailure = true;
    state.lastFailure = block.reason;
    state.lastMessage = block.message;
    return state;
}

HealthState HealthRegistry::state(const QString &platformId, const QString &model) const
{
    const qint64 now = m_clock.nowMs();
    if (const ModelHealth *health = findModel(platformId, model))
        return modelState(platformId, model, *health, now);
    HealthState state;
    state.platformId = platformId;
    state.model = model;
    return state;
}

HealthRegistry::Availability HealthRegistry::availability(const QString &platformId, const QString &model) const
{
    const qint64 now = m_clock.nowMs();
    Availability result;
    const auto block = m_blockedPlatforms.constFind(platformId);
    if (block != m_blockedPlatforms.cend()) {
        const HealthState state = platformState(platformId, *block, now);
        result.credentialProblem = true;
        result.status = HealthState::Status::Unavailable;
        if (!platformProbeFree(*block, now)) {
            result.available = false;
            result.availableInMs = state.availableInMs;
            result.reason = QStringLiteral("platform unavailable (%1) for %2 s more")
                                .arg(failureClassId(block->reason))
                                .arg((state.availableInMs + 999) / 1000);
        } else {
            result.reason = QStringLiteral("probing the platform after %1").arg(failureClassId(block->reason));
        }
        return result;
    }
    const ModelHealth *health = findModel(platformId, model);
    if (!health)
        return result;
    const HealthState state = modelState(platformId, model, *health, now);
    result.status = state.status;
    result.available = health->breaker.allowsRequest(now);
    result.availableInMs = state.availableInMs;
    if (!result.available)
        result.reason = QStringLiteral("%1 for %2 s more")
                            .arg(healthStatusId(state.status))
                            .arg((state.availableInMs + 999) / 1000);
    return result;
}

bool HealthRegistry::isAvailable(const QString &platformId, const QString &model) const
{
    return availability(platformId, model).available;
}

bool HealthRegistry::tryBeginAttempt(const QString &platformId, const QString &model)
{
    const qint64 now = m_clock.nowMs();
    const auto block = m_blockedPlatforms.find(platformId);
    if (block != m_blockedPlatforms.end()) {
        if (!platformProbeFree(*block, now))
            return false;
        block->probeInFlight = true; // this attempt probes the platform's key / credit
        block->probeStartedMs = now;
        modelHealth(platformId, model, now);
        return true;
    }
    const ModelHealth *existing = findModel(platformId, model);
    if (!existing)
        return true; // never failed: nothing to track until an outcome arrives
    return modelHealth(platformId, model, now).breaker.tryAcquire(now);
}

void HealthRegistry::releasePlatformProbe(const QString &platformId, qint64 nowMs)
{
    const auto block = m_blockedPlatforms.find(platformId);
    if (block == m_blockedPlatforms.end() || !block->probeInFlight)
        return;
    block->probeInFlight = false;
    block->nextProbeMs = nowMs + UpstreamFailureTable::kProbeIntervalMs;
}

void HealthRegistry::emitIfChanged(const QString &platformId, const QString &model, HealthState::Status before)
{
    if (state(platformId, model).status != before)
        Q_EMIT healthChanged(platformId, model);
}

void HealthRegistry::recordSuccess(const QString &platformId, const QString &model)
{
    const qint64 now = m_clock.nowMs();
    if (m_blockedPlatforms.remove(platformId) > 0) {
        qCInfo(lcRoute) << "platform" << platformId << "answers again";
        Q_EMIT healthChanged(platformId, QString());
    }
    const ModelHealth *existing = findModel(platformId, model);
    if (!existing)
        return; // a model that never failed needs no record of its successes
    const HealthState::Status before = modelState(platformId, model, *existing, now).status;
    ModelHealth &health = modelHealth(platformId, model, now);
    health.breaker.recordSuccess(now);
    if (health.breaker.state(now) == CircuitBreaker::State::Closed)
        health.untilProbe = false;
    emitIfChanged(platformId, model, before);
}

void HealthRegistry::recordNeutral(const QString &platformId, const QString &model)
{
    const qint64 now = m_clock.nowMs();
    releasePlatformProbe(platformId, now);
    if (m_models.contains(key(platformId, model)))
        modelHealth(platformId, model, now).breaker.releaseProbe();
}

void HealthRegistry::recordFailure(const QString &platformId, const QString &model, const FailureDecision &decision)
{
    const qint64 now = m_clock.nowMs();
    if (decision.health == HealthEffect::None) {
        recordNeutral(platformId, model);
        return;
    }
    if (decision.health == HealthEffect::RestPlatformUntilProbe) {
        const bool wasBlocked = m_blockedPlatforms.contains(platformId);
        PlatformBlock &block = m_blockedPlatforms[platformId];
        block.reason = decision.failureClass;
        block.message = decision.clientError.message();
        block.probeInFlight = false;
        block.nextProbeMs = now + UpstreamFailureTable::kProbeIntervalMs;
        if (!wasBlocked) {
            qCWarning(lcRoute) << "platform" << platformId << "unavailable:" << failureClassId(decision.failureClass);
            Q_EMIT healthChanged(platformId, QString());
        }
        return;
    }
    releasePlatformProbe(platformId, now); // a probe that failed for another reason says nothing about the key

    const ModelHealth *existing = findModel(platformId, model);
    const HealthState::Status before
        = existing ? modelState(platformId, model, *existing, now).status : HealthState::Status::Healthy;
    ModelHealth &health = modelHealth(platformId, model, now);
    health.hasLastFailure = true;
    health.lastFailure = decision.failureClass;
    health.lastMessage = decision.clientError.message();
    switch (decision.health) {
    case HealthEffect::CountFailure:
        health.breaker.recordFailure(now);
        break;
    case HealthEffect::RestModel:
        health.breaker.rest(now, decision.restMs);
        break;
    case HealthEffect::RestModelUntilProbe:
        health.untilProbe = true;
        health.breaker.openUntilProbe(now, UpstreamFailureTable::kProbeIntervalMs);
        break;
    case HealthEffect::None:
    case HealthEffect::RestPlatformUntilProbe:
        break;
    }
    const HealthState::Status after = modelState(platformId, model, health, now).status;
    if (after != before) {
        qCInfo(lcRoute) << "model" << platformId << model << "is now" << healthStatusId(after) << "after"
                        << failureClassId(decision.failureClass);
        Q_EMIT healthChanged(platformId, model);
    }
}

QList<HealthState> HealthRegistry::snapshot() const
{
    const qint64 now = m_clock.nowMs();
    QList<HealthState> states;
    for (auto it = m_blockedPlatforms.cbegin(); it != m_blockedPlatforms.cend(); ++it)
        states.append(platformState(it.key(), it.value(), now));
    for (auto it = m_models.cbegin(); it != m_models.cend(); ++it) {
        const qsizetype separator = it.key().indexOf(QLatin1Char('\n'));
        states.append(modelState(it.key().left(separator), it.key().mid(separator + 1), it.value(), now));
    }
    std::sort(states.begin(), states.end(), [](const HealthState &a, const HealthState &b) {
        return a.platformId != b.platformId ? a.platformId < b.platformId : a.model < b.model;
    });
    return states;
}
