#include "routing/FallbackSequence.h"

#include "routing/HealthRegistry.h"

#include <algorithm>

FallbackSequence::FallbackSequence(
    const RoutePlan &plan, const FallbackSettings &settings, HealthRegistry *health, bool streaming)
    : m_plan(plan)
    , m_settings(settings)
    , m_health(health)
    , m_streaming(streaming)
{
}

UpstreamTimeouts FallbackSequence::timeoutsFor(
    const TimeoutSettings &platform, const FallbackSettings &settings, bool streaming, bool hasFallbackAfter)
{
    UpstreamTimeouts timeouts;
    timeouts.connectMs = platform.connectMs;
    timeouts.firstByteMs = platform.firstByteMs;
    timeouts.idleMs = platform.idleMs;
    timeouts.totalMs = platform.totalMs;
    if (streaming && hasFallbackAfter && settings.firstByteTimeoutMs > 0)
        timeouts.firstByteMs = std::min(timeouts.firstByteMs, settings.firstByteTimeoutMs);
    return timeouts;
}

int FallbackSequence::backoffMs(const FallbackSettings &settings, int retry)
{
    qint64 delay = settings.backoffMs;
    for (int i = 1; i < retry && delay < kMaxDelayMs; ++i)
        delay *= 2;
    return int(std::min<qint64>(delay, kMaxDelayMs));
}

bool FallbackSequence::tryBegin(int index)
{
    const RouteTarget &target = m_plan.attempts.at(index);
    if (!m_health || m_health->tryBeginAttempt(target.platform.id, target.model))
        return true;
    m_passedOver.append(
        target.reference() + QStringLiteral(": ") + m_health->availability(target.platform.id, target.model).reason);
    return false;
}

bool FallbackSequence::hasAvailableAfter(int index) const
{
    for (int i = index + 1; i < m_plan.attempts.size(); ++i) {
        const RouteTarget &target = m_plan.attempts.at(i);
        if (!m_health || m_health->isAvailable(target.platform.id, target.model))
            return true;
    }
    return false;
}

FallbackSequence::Step FallbackSequence::stepFor(int index, int delayMs, bool isRetry, bool forced) const
{
    Step step;
    step.targetIndex = index;
    step.delayMs = delayMs;
    step.isRetry = isRetry;
    step.forced = forced;
    const bool hasFallbackAfter = m_attempts + 1 < m_settings.maxAttempts && hasAvailableAfter(index);
    step.timeouts = timeoutsFor(m_plan.attempts.at(index).platform.timeouts, m_settings, m_streaming, hasFallbackAfter);
    return step;
}

FallbackSequence::Step FallbackSequence::first()
{
    if (m_plan.attempts.isEmpty() || m_attempts > 0 || m_settings.maxAttempts < 1)
        return Step();
    int chosen = -1;
    for (int i = 0; i < m_plan.attempts.size() && chosen < 0; ++i) {
        if (tryBegin(i))
            chosen = i;
    }
    const bool forced = chosen < 0;
    if (forced)
        chosen = 0;
    m_current = chosen;
    m_retriesOfCurrent = 0;
    Step step = stepFor(chosen, 0, false, forced);
    ++m_attempts;
    return step;
}

FallbackSequence::Step FallbackSequence::next(const FailureDecision &failure)
{
    if (m_current < 0 || failure.endStreamWithError || m_attempts >= m_settings.maxAttempts)
        return Step();
    if (failure.retrySameModel && m_retriesOfCurrent < m_settings.retrySameModel && tryBegin(m_current)) {
        ++m_retriesOfCurrent;
        int delay = backoffMs(m_settings, m_retriesOfCurrent);
        if (failure.retryAfterMs)
            delay = int(std::clamp<qint64>(*failure.retryAfterMs, delay, kMaxDelayMs));
        Step step = stepFor(m_current, delay, true, false);
        ++m_attempts;
        return step;
    }
    if (!failure.fallBack)
        return Step();
    for (int i = m_current + 1; i < m_plan.attempts.size(); ++i) {
        if (!tryBegin(i))
            continue;
        m_current = i;
        m_retriesOfCurrent = 0;
        Step step = stepFor(i, 0, false, false);
        ++m_attempts;
        return step;
    }
    return Step();
}
