#pragma once

#include "store/UsageReport.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

// The statistics table as CSV (RFC 4180 quoting, UTF-8): a header row, one row per group in the order given, and
// a "total" row. Numbers are written raw (no thousands separators), the cost as one column per currency
// ("cost_USD", "cost_CNY", ...; empty where a row has nothing priced in it), followed by the calls without a
// price. Keys are written as UsageReport has them (an empty client key means none was configured).
namespace UsageCsv {

QByteArray build(const QList<UsageReport::Row> &rows, const UsageReport::Row &total, UsageReport::Grouping grouping);
// The column name of the group: "model", "platform", "client_key" or "day".
QString groupColumnName(UsageReport::Grouping grouping);
// A cost amount without thousands separators or trailing zeros ("1.23", "0", "0.000315").
QString amountText(double amount);
// Writes `csv` to `path` atomically; false with `error` set when it cannot.
bool writeFile(const QString &path, const QByteArray &csv, QString *error);

} // namespace UsageCsv
