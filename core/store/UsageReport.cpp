#include "store/UsageReport.h"

#include "platforms/PlatformPreset.h"

#include <QHash>

#include <algorithm>

namespace {

constexpr double kTokensPerPriceUnit = 1'000'000;

QString keyOf(const UsageCell &cell, UsageReport::Grouping grouping)
{
    switch (grouping) {
    case UsageReport::Grouping::Model:
        return cell.platformId + QLatin1Char(':') + cell.model;
    case UsageReport::Grouping::Platform:
        return cell.platformId;
    case UsageReport::Grouping::ClientKey:
        return cell.clientKeyId;
    case UsageReport::Grouping::Day:
        return cell.day.toString(Qt::ISODate);
    }
    return QString();
}

} // namespace

void UsageReport::Row::add(const Row &other)
{
    UsageSums::add(other);
    for (auto it = other.cost.cbegin(); it != other.cost.cend(); ++it)
        cost[it.key()] += it.value();
    unpricedCalls += other.unpricedCalls;
}

std::optional<UsageReport::Cost> UsageReport::costOf(const UsageCell &cell, const Config &config)
{
    const PlatformConfig *platform = config.findPlatform(cell.platformId);
    if (!platform)
        return std::nullopt;
    const ModelSettings *model = platform->findModel(cell.model);
    if (!model || !model->price) {
        if (PlatformPresets::forType(platform->type).isLocal)
            return Cost {platform->currency, 0};
        return std::nullopt;
    }
    const ModelPrice &price = *model->price;
    const double amount = (double(cell.inputTokens) * price.input + double(cell.outputTokens) * price.output
                              + double(cell.cacheReadInputTokens) * price.cacheReadOrInput()
                              + double(cell.cacheCreationInputTokens) * price.cacheWriteOrInput())
        / kTokensPerPriceUnit;
    return Cost {platform->currency, amount};
}

UsageReport UsageReport::build(const QList<UsageCell> &cells, Grouping grouping, const Config &config)
{
    UsageReport report;
    QHash<QString, qsizetype> rowIndex;
    for (const UsageCell &cell : cells) {
        Row part;
        static_cast<UsageSums &>(part) = cell;
        part.key = keyOf(cell, grouping);
        if (const std::optional<Cost> cost = costOf(cell, config))
            part.cost.insert(cost->currency, cost->amount);
        else
            part.unpricedCalls = cell.calls;

        const auto found = rowIndex.constFind(part.key);
        if (found == rowIndex.cend()) {
            rowIndex.insert(part.key, report.rows.size());
            report.rows.append(part);
        } else {
            report.rows[*found].add(part);
        }
        report.total.add(part);
    }
    std::sort(report.rows.begin(), report.rows.end(), [](const Row &a, const Row &b) { return a.key < b.key; });
    return report;
}

QString UsageReport::groupingId(Grouping grouping)
{
    switch (grouping) {
    case Grouping::Model:
        return QStringLiteral("model");
    case Grouping::Platform:
        return QStringLiteral("platform");
    case Grouping::ClientKey:
        return QStringLiteral("key");
    case Grouping::Day:
        return QStringLiteral("day");
    }
    return QString();
}

std::optional<UsageReport::Grouping> UsageReport::groupingFromId(const QString &id)
{
    for (Grouping grouping : {Grouping::Model, Grouping::Platform, Grouping::ClientKey, Grouping::Day}) {
        if (groupingId(grouping) == id)
            return grouping;
    }
    return std::nullopt;
}
