#include "routing/CircuitBreaker.h"

#include <algorithm>

CircuitBreaker::Settings CircuitBreaker::Settings::from(const BreakerSettings &settings)
{
    Settings result;
    result.window = settings.window;
    result.minRequests = settings.minRequests;
    result.errorRatio = settings.errorRatio;
    result.cooldownMs = qint64(settings.cooldownSeconds) * 1000;
    return result;
}

bool CircuitBreaker::Settings::operator==(const Settings &other) const
{
    return window == other.window && minRequests == other.minRequests && errorRatio == other.errorRatio
        && cooldownMs == other.cooldownMs;
}

CircuitBreaker::CircuitBreaker()
    : CircuitBreaker(Settings())
{
}

CircuitBreaker::CircuitBreaker(Settings settings)
    : m_settings(settings)
    , m_ring(size_t(std::max(1, settings.window)), false)
    , m_cooldownMs(settings.cooldownMs)
{
}

CircuitBreaker::State CircuitBreaker::state(qint64 nowMs) const
{
    if (!m_open)
        return State::Closed;
    return nowMs < m_openUntilMs ? State::Open : State::HalfOpen;
}

bool CircuitBreaker::probeSlotFree(qint64 nowMs) const
{
    return !m_probeInFlight || nowMs - m_probeStartedMs >= kProbeLeaseMs;
}

bool CircuitBreaker::allowsRequest(qint64 nowMs) const
{
    if (isResting(nowMs))
        return false;
    switch (state(nowMs)) {
    case State::Closed:
        return true;
    case State::Open:
        return false;
    case State::HalfOpen:
        return probeSlotFree(nowMs);
    }
    return false;
}

bool CircuitBreaker::tryAcquire(qint64 nowMs)
{
    if (!allowsRequest(nowMs))
        return false;
    if (state(nowMs) == State::HalfOpen) {
        m_probeInFlight = true;
        m_probeStartedMs = nowMs;
    }
    return true;
}

qint64 CircuitBreaker::availableAtMs(qint64 nowMs) const
{
    qint64 at = std::max(nowMs, m_restUntilMs);
    if (m_open) {
        at = std::max(at, m_openUntilMs);
        if (m_probeInFlight && !probeSlotFree(at))
            at = std::max(at, m_probeStartedMs + kProbeLeaseMs);
    }
    return at;
}

void CircuitBreaker::push(bool failure)
{
    const int size = int(m_ring.size());
    if (m_count == size) {
        if (m_ring[size_t(m_next)])
            --m_failures;
    } else {
        ++m_count;
    }
    m_ring[size_t(m_next)] = failure;
    if (failure)
        ++m_failures;
    m_next = (m_next + 1) % size;
}

void CircuitBreaker::open(qint64 nowMs, qint64 durationMs)
{
    m_open = true;
    m_openUntilMs = nowMs + durationMs;
    m_probeInFlight = false;
}

void CircuitBreaker::close()
{
    m_open = false;
    m_probeInFlight = false;
    m_cooldownMs = m_settings.cooldownMs;
    std::fill(m_ring.begin(), m_ring.end(), false);
    m_next = 0;
    m_count = 0;
    m_failures = 0;
}

void CircuitBreaker::recordSuccess(qint64 nowMs)
{
    switch (state(nowMs)) {
    case State::Closed:
        push(false);
        break;
    case State::Open:
        break; // an attempt that started before the breaker opened
    case State::HalfOpen:
        close();
        break;
    }
}

void CircuitBreaker::recordFailure(qint64 nowMs)
{
    switch (state(nowMs)) {
    case State::Closed:
        push(true);
        if (m_count >= m_settings.minRequests && double(m_failures) >= m_settings.errorRatio * double(m_count))
            open(nowMs, m_cooldownMs);
        break;
    case State::Open:
        break; // an attempt that started before the breaker opened
    case State::HalfOpen:
        m_cooldownMs = std::min(m_cooldownMs * 2, m_settings.cooldownMs * kMaxCooldownFactor);
        open(nowMs, m_cooldownMs);
        break;
    }
}

void CircuitBreaker::releaseProbe()
{
    m_probeInFlight = false;
}

void CircuitBreaker::rest(qint64 nowMs, qint64 durationMs)
{
    m_restUntilMs = std::max(m_restUntilMs, nowMs + std::max<qint64>(0, durationMs));
    m_probeInFlight = false;
}

void CircuitBreaker::openUntilProbe(qint64 nowMs, qint64 intervalMs)
{
    open(nowMs, intervalMs);
}
