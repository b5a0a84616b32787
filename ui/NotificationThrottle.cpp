#include "NotificationThrottle.h"

NotificationThrottle::NotificationThrottle(qint64 perKeyIntervalMs, int globalLimit, qint64 globalWindowMs)
    : m_perKeyIntervalMs(perKeyIntervalMs)
    , m_globalLimit(globalLimit)
    , m_globalWindowMs(globalWindowMs)
{
}

bool NotificationThrottle::allow(const QString &key, qint64 nowMs)
{
    while (!m_recent.isEmpty() && nowMs - m_recent.constFirst() >= m_globalWindowMs)
        m_recent.removeFirst();
    const auto last = m_lastShown.constFind(key);
    if (last != m_lastShown.constEnd() && nowMs - *last < m_perKeyIntervalMs)
        return false;
    if (m_recent.size() >= m_globalLimit)
        return false;
    m_lastShown.insert(key, nowMs);
    m_recent.append(nowMs);
    return true;
}
