#pragma once

#include "config/Config.h"
#include "store/UsagePeriod.h"
#include "store/UsageReport.h"

#include <QDateTime>
#include <QTextStream>

// The headless face of the Statistics window: `switchyard --usage PERIOD [--by GROUPING] [--json]` prints the
// model calls, tokens and cost of a period from the records in the data folder, as a table or as JSON.
namespace UsageSummary {

struct Request
{
    UsagePeriod period;
    UsageReport::Grouping grouping = UsageReport::Grouping::Model;
    bool json = false;
    QDateTime now = QDateTime::currentDateTime(); // the period ends here
};

// Reads the records in `dataDir` (never creating a database there) and prints the report, with the prices of
// `configFile` when one is given (read, not imported), else of the configuration stored in the data folder.
// Returns the exit code: 0, or 1 with `*error` set when there is nothing to read.
int run(const QString &configFile, const QString &dataDir, const Request &request, QTextStream &out, QString *error);

// The cost as text: "1.23 USD + 45.60 CNY" (two decimals, four below 0.01), "-" when nothing was priced.
QString costText(const QMap<QString, double> &cost);

} // namespace UsageSummary
