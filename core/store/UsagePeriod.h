#pragma once

#include <QDateTime>
#include <QString>
#include <optional>

// The periods the usage statistics offer, in the user's local time: today, the last 7 or 30 days (today
// included), this calendar month, or every record kept.
class UsagePeriod
{
public:
    enum class Kind
    {
        Today,
        Last7Days,
        Last30Days,
        ThisMonth,
        AllKept,
    };

    UsagePeriod() = default;
    explicit UsagePeriod(Kind kind)
        : m_kind(kind)
    {
    }

    Kind kind() const { return m_kind; }

    // The first instant of the period (local midnight of its first day), as of `now`; invalid for AllKept.
    QDateTime startAt(const QDateTime &now) const;

    static QString id(Kind kind); // "today", "7d", "30d", "month", "all"
    static std::optional<Kind> kindFromId(const QString &id);
    static QString idsText(); // "today, 7d, 30d, month, all"

private:
    Kind m_kind = Kind::Last7Days;
};
