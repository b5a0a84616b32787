#include "store/UsagePeriod.h"

#include <QStringList>

namespace {

constexpr UsagePeriod::Kind kKinds[] = {UsagePeriod::Kind::Today, UsagePeriod::Kind::Last7Days,
    UsagePeriod::Kind::Last30Days, UsagePeriod::Kind::ThisMonth, UsagePeriod::Kind::AllKept};

QDateTime localMidnight(const QDate &day)
{
    return day.startOfDay(Qt::LocalTime);
}

} // namespace

QDateTime UsagePeriod::startAt(const QDateTime &now) const
{
    const QDate today = now.toLocalTime().date();
    switch (m_kind) {
    case Kind::Today:
        return localMidnight(today);
    case Kind::Last7Days:
        return localMidnight(today.addDays(-6));
    case Kind::Last30Days:
        return localMidnight(today.addDays(-29));
    case Kind::ThisMonth:
        return localMidnight(QDate(today.year(), today.month(), 1));
    case Kind::AllKept:
        break;
    }
    return QDateTime();
}

QString UsagePeriod::id(Kind kind)
{
    switch (kind) {
    case Kind::Today:
        return QStringLiteral("today");
    case Kind::Last7Days:
        return QStringLiteral("7d");
    case Kind::Last30Days:
        return QStringLiteral("30d");
    case Kind::ThisMonth:
        return QStringLiteral("month");
    case Kind::AllKept:
        return QStringLiteral("all");
    }
    return QString();
}

std::optional<UsagePeriod::Kind> UsagePeriod::kindFromId(const QString &id)
{
    for (Kind kind : kKinds) {
        if (UsagePeriod::id(kind) == id)
            return kind;
    }
    return std::nullopt;
}

QString UsagePeriod::idsText()
{
    QStringList ids;
    for (Kind kind : kKinds)
        ids << id(kind);
    return ids.join(QStringLiteral(", "));
}
