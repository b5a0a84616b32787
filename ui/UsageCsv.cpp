#include "UsageCsv.h"

#include <QSaveFile>
#include <QSet>

#include <algorithm>

namespace UsageCsv {

namespace {

QString field(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n'))
        && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QStringList rowFields(const QString &group, const UsageReport::Row &row, const QStringList &currencies)
{
    QStringList fields {field(group)};
    for (const qint64 value : row.values())
        fields << QString::number(value);
    for (const QString &currency : currencies) {
        const auto found = row.cost.constFind(currency);
        fields << (found == row.cost.cend() ? QString() : amountText(*found));
    }
    fields << QString::number(row.unpricedCalls);
    return fields;
}

} // namespace

QString groupColumnName(UsageReport::Grouping grouping)
{
    switch (grouping) {
    case UsageReport::Grouping::Model:
        return QStringLiteral("model");
    case UsageReport::Grouping::Platform:
        return QStringLiteral("platform");
    case UsageReport::Grouping::ClientKey:
        return QStringLiteral("client_key");
    case UsageReport::Grouping::Day:
        return QStringLiteral("day");
    }
    return QString();
}

QString amountText(double amount)
{
    QString text = QString::number(amount, 'f', 6);
    while (text.endsWith(QLatin1Char('0')))
        text.chop(1);
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text.isEmpty() || text == QLatin1String("-0") ? QStringLiteral("0") : text;
}

QByteArray build(const QList<UsageReport::Row> &rows, const UsageReport::Row &total, UsageReport::Grouping grouping)
{
    QSet<QString> currencySet;
    for (const UsageReport::Row &row : rows) {
        for (auto it = row.cost.cbegin(); it != row.cost.cend(); ++it)
            currencySet.insert(it.key());
    }
    for (auto it = total.cost.cbegin(); it != total.cost.cend(); ++it)
        currencySet.insert(it.key());
    QStringList currencies(currencySet.cbegin(), currencySet.cend());
    std::sort(currencies.begin(), currencies.end());

    QStringList header {groupColumnName(grouping)};
    for (const char *name : UsageSums::kFieldNames)
        header << QLatin1String(name);
    for (const QString &currency : currencies)
        header << field(QStringLiteral("cost_") + currency);
    header << QStringLiteral("unpriced_calls");

    QString text = header.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (const UsageReport::Row &row : rows)
        text += rowFields(row.key, row, currencies).join(QLatin1Char(',')) + QLatin1Char('\n');
    text += rowFields(QStringLiteral("total"), total, currencies).join(QLatin1Char(',')) + QLatin1Char('\n');
    return text.toUtf8();
}

bool writeFile(const QString &path, const QByteArray &csv, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size() || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace UsageCsv
