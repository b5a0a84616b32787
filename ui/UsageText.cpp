#include "UsageText.h"

namespace {

constexpr double kSmallestShownAmount = 0.0001;

} // namespace

QString UsageText::amount(const QString &currency, double value, const QLocale &locale)
{
    if (value > 0 && value < kSmallestShownAmount)
        return QStringLiteral("<") + amount(currency, kSmallestShownAmount, locale);
    const QString number = locale.toString(value, 'f', UsageReport::decimalsFor(value));
    if (currency == QLatin1String("USD"))
        return QStringLiteral("$") + number;
    if (currency == QLatin1String("CNY"))
        return QStringLiteral("\u00a5") + number;
    return number + QLatin1Char(' ') + currency;
}

QString UsageText::cost(const QMap<QString, double> &cost, const QLocale &locale)
{
    if (cost.isEmpty())
        return QStringLiteral("\u2014");
    QStringList parts;
    for (auto it = cost.cbegin(); it != cost.cend(); ++it)
        parts << amount(it.key(), it.value(), locale);
    return parts.join(QStringLiteral(" + "));
}

QString UsageText::costWithMarker(const QMap<QString, double> &cost, qint64 unpricedCalls, const QLocale &locale)
{
    const QString text = UsageText::cost(cost, locale);
    return cost.isEmpty() || unpricedCalls <= 0 ? text : text + unpricedMarker();
}

QString UsageText::unpricedExplanation(qint64 unpricedCalls)
{
    if (unpricedCalls <= 0)
        return QString();
    return tr("%Ln call(s) had no price, so their cost is not included. Prices are set per model in Platforms.",
        nullptr, int(qMin<qint64>(unpricedCalls, INT_MAX)));
}

QString UsageText::count(qint64 value, const QLocale &locale)
{
    return locale.toString(value);
}

QString UsageText::groupLabel(UsageReport::Grouping grouping, const QString &key)
{
    switch (grouping) {
    case UsageReport::Grouping::ClientKey:
        return key.isEmpty() ? tr("(no client key)") : key;
    case UsageReport::Grouping::Model: {
        const qsizetype colon = key.indexOf(QLatin1Char(':'));
        const QString platform = colon < 0 ? key : key.left(colon);
        const QString model = colon < 0 ? QString() : key.mid(colon + 1);
        if (platform.isEmpty() && model.isEmpty())
            return QStringLiteral("\u2014");
        return (platform.isEmpty() ? QStringLiteral("\u2014") : platform) + QLatin1Char(':')
            + (model.isEmpty() ? QStringLiteral("\u2014") : model);
    }
    case UsageReport::Grouping::Platform:
    case UsageReport::Grouping::Day:
        return key.isEmpty() ? QStringLiteral("\u2014") : key;
    }
    return key;
}

QString UsageText::groupingName(UsageReport::Grouping grouping)
{
    switch (grouping) {
    case UsageReport::Grouping::Model:
        return tr("Model");
    case UsageReport::Grouping::Platform:
        return tr("Platform");
    case UsageReport::Grouping::ClientKey:
        return tr("Client key");
    case UsageReport::Grouping::Day:
        return tr("Day");
    }
    return QString();
}
