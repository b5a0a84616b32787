#include "runtime/UsageSummary.h"

#include "runtime/PlatformCheck.h"
#include "store/Database.h"
#include "store/RecordQuery.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace UsageSummary {

namespace {

QString groupHeading(UsageReport::Grouping grouping)
{
    switch (grouping) {
    case UsageReport::Grouping::Model:
        return QStringLiteral("model");
    case UsageReport::Grouping::Platform:
        return QStringLiteral("platform");
    case UsageReport::Grouping::ClientKey:
        return QStringLiteral("client key");
    case UsageReport::Grouping::Day:
        return QStringLiteral("day");
    }
    return QString();
}

QString keyText(const QString &key, UsageReport::Grouping grouping)
{
    if (grouping == UsageReport::Grouping::ClientKey && key.isEmpty())
        return QStringLiteral("(no client key)");
    if (grouping == UsageReport::Grouping::Model && key.endsWith(QLatin1Char(':')))
        return key + QStringLiteral("(none)");
    return key.isEmpty() ? QStringLiteral("(none)") : key;
}

QJsonObject rowJson(const UsageReport::Row &row)
{
    QJsonObject object;
    const auto values = row.values();
    for (std::size_t i = 0; i < values.size(); ++i)
        object.insert(QLatin1String(UsageSums::kFieldNames[i]), values[i]);
    QJsonObject cost;
    for (auto it = row.cost.cbegin(); it != row.cost.cend(); ++it)
        cost.insert(it.key(), it.value());
    object.insert(QStringLiteral("cost"), cost);
    object.insert(QStringLiteral("unpriced_calls"), row.unpricedCalls);
    return object;
}

// A local time with its offset from UTC: 2026-11-27T00:00:00+08:00.
QString isoWithOffset(const QDateTime &time)
{
    return time.toOffsetFromUtc(time.offsetFromUtc()).toString(Qt::ISODate);
}

void printJson(const UsageReport &report, const Request &request, const QDateTime &from, QTextStream &out)
{
    QJsonArray rows;
    for (const UsageReport::Row &row : report.rows) {
        QJsonObject object = rowJson(row);
        object.insert(QStringLiteral("key"), row.key);
        rows.append(object);
    }
    const QJsonObject document {{QStringLiteral("period"), UsagePeriod::id(request.period.kind())},
        {QStringLiteral("from"), from.isValid() ? QJsonValue(isoWithOffset(from)) : QJsonValue()},
        {QStringLiteral("to"), isoWithOffset(request.now)},
        {QStringLiteral("by"), UsageReport::groupingId(request.grouping)}, {QStringLiteral("rows"), rows},
        {QStringLiteral("total"), rowJson(report.total)}};
    out << QJsonDocument(document).toJson(QJsonDocument::Indented);
}

void printTable(const UsageReport &report, const Request &request, const QDateTime &from, QTextStream &out)
{
    const QLocale grouped(QLocale::English); // 12,345: the same on every machine, for people and scripts alike
    auto count = [&](qint64 value) { return grouped.toString(value); };
    const QString period = from.isValid()
        ? QStringLiteral("%1 to %2").arg(from.date().toString(Qt::ISODate), request.now.date().toString(Qt::ISODate))
        : QStringLiteral("every record kept, to %1").arg(request.now.date().toString(Qt::ISODate));
    out << "Model calls from " << period << ", by " << groupHeading(request.grouping) << ":\n";
    if (report.rows.isEmpty()) {
        out << "No model calls in this period.\n";
        return;
    }

    const QStringList headings {groupHeading(request.grouping), QStringLiteral("calls"), QStringLiteral("failed"),
        QStringLiteral("input"), QStringLiteral("output"), QStringLiteral("cache read"), QStringLiteral("cache write"),
        QStringLiteral("cost")};
    QList<QStringList> lines {headings};
    auto cells = [&](const QString &key, const UsageReport::Row &row) {
        return QStringList {key, count(row.calls), count(row.failedCalls), count(row.inputTokens),
            count(row.outputTokens), count(row.cacheReadInputTokens), count(row.cacheCreationInputTokens),
            costText(row.cost) + (row.unpricedCalls > 0 ? QStringLiteral(" *") : QString())};
    };
    for (const UsageReport::Row &row : report.rows)
        lines << cells(keyText(row.key, request.grouping), row);
    lines << cells(QStringLiteral("total"), report.total);

    QList<int> widths(headings.size(), 0);
    for (const QStringList &line : std::as_const(lines)) {
        for (int i = 0; i < line.size(); ++i)
            widths[i] = std::max(widths[i], int(line.at(i).size()));
    }
    for (const QStringList &line : std::as_const(lines)) {
        QString text;
        for (int i = 0; i < line.size(); ++i) {
            if (i > 0)
                text += QStringLiteral("  ");
            // The group and the cost read from the left, the counts from the right.
            text += (i == 0 || i == line.size() - 1) ? line.at(i).leftJustified(widths[i])
                                                     : line.at(i).rightJustified(widths[i]);
        }
        out << text.trimmed() << '\n';
    }
    if (report.total.unpricedCalls > 0) {
        out << "* "
            << (report.total.unpricedCalls == 1 ? QStringLiteral("1 call on a model without a price is")
                                                : QStringLiteral("%1 calls on models without a price are")
                                                      .arg(count(report.total.unpricedCalls)))
            << " not in the cost (prices are set per model: platforms[].models[].price).\n";
    }
}

} // namespace

QString costText(const QMap<QString, double> &cost)
{
    QStringList parts;
    for (auto it = cost.cbegin(); it != cost.cend(); ++it) {
        parts << QStringLiteral("%1 %2").arg(
            QString::number(it.value(), 'f', UsageReport::decimalsFor(it.value())), it.key());
    }
    return parts.isEmpty() ? QStringLiteral("-") : parts.join(QStringLiteral(" + "));
}

int run(const QString &configFile, const QString &dataDir, const Request &request, QTextStream &out, QString *error)
{
    if (!QFileInfo::exists(Database::filePathIn(dataDir))) {
        *error = QStringLiteral("no records in %1 (the data folder has no %2 yet)").arg(dataDir, Database::fileName());
        return 1;
    }
    const std::optional<Config> config = PlatformCheck::loadConfig(configFile, dataDir, error);
    if (!config)
        return 1;
    Database database;
    if (!database.open(dataDir, QStringLiteral("usage"), error))
        return 1;
    UsageFilter filter;
    const QDateTime from = request.period.startAt(request.now);
    filter.from = from;
    filter.before = request.now.addMSecs(1);
    const QList<UsageCell> cells = RecordQuery(database).usageCells(filter, error);
    if (!error->isEmpty())
        return 1;
    const UsageReport report = UsageReport::build(cells, request.grouping, *config);
    if (request.json)
        printJson(report, request, from, out);
    else
        printTable(report, request, from, out);
    out.flush();
    return 0;
}

} // namespace UsageSummary
