#pragma once

#include "store/UsageReport.h"

#include <QCoreApplication>
#include <QLocale>
#include <QMap>
#include <QString>

// The texts of the statistics: amounts of money, token counts and the names of the groups, formatted for the
// user's language (thousands separators from QLocale).
class UsageText
{
    Q_DECLARE_TR_FUNCTIONS(UsageText)
public:
    // What follows a cost when some of its calls had no price.
    static QString unpricedMarker() { return QStringLiteral(" *"); }

    // "$1.23" (USD), "¥4.56" (CNY), otherwise "1.23 EUR". Amounts under a cent keep four decimals.
    static QString amount(const QString &currency, double value, const QLocale &locale = QLocale());
    // Each currency's amount, joined with " + "; "—" when nothing was priced.
    static QString cost(const QMap<QString, double> &cost, const QLocale &locale = QLocale());
    // cost(), followed by the marker when `unpricedCalls` had no price (and something else was priced).
    static QString costWithMarker(
        const QMap<QString, double> &cost, qint64 unpricedCalls, const QLocale &locale = QLocale());
    // Why a cost is incomplete or unknown; empty when every call had a price.
    static QString unpricedExplanation(qint64 unpricedCalls);
    // A count with thousands separators.
    static QString count(qint64 value, const QLocale &locale = QLocale());
    // A group as the table shows it: "(no client key)" for calls without one, "—" for a missing model or platform.
    static QString groupLabel(UsageReport::Grouping grouping, const QString &key);
    // The name of a grouping ("Model", "Platform", "Client key", "Day").
    static QString groupingName(UsageReport::Grouping grouping);
};
