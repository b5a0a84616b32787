#pragma once

#include <QHash>
#include <QList>
#include <QString>

// Decides whether a desktop notification may be shown now: at most one per key (a platform) per
// `perKeyIntervalMs`, and at most `globalLimit` in any `globalWindowMs`. Pure: the caller passes the time.
class NotificationThrottle
{
public:
    NotificationThrottle(qint64 perKeyIntervalMs = 60'000, int globalLimit = 3, qint64 globalWindowMs = 60'000);

    // True (and counted) when a notification for `key` may be shown at `nowMs`.
    bool allow(const QString &key, qint64 nowMs);

private:
    qint64 m_perKeyIntervalMs;
    int m_globalLimit;
    qint64 m_globalWindowMs;
    QHash<QString, qint64> m_lastShown;
    QList<qint64> m_recent;
};
