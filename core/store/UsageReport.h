#pragma once

#include "config/Config.h"
#include "store/RecordQuery.h"

#include <QList>
#include <QMap>
#include <QString>

// Usage and cost statistics: the model calls of a period (RecordQuery::usageCells) summed per model, platform,
// client key or day, with what they cost at the prices in the configuration.
//
// A cell's cost is input × price.input + output × price.output + cache reads × price.cache_read + cache writes ×
// price.cache_write, per million tokens, in its platform's currency (Anthropic's meaning of the counts: input
// tokens do not include the cached ones). Models without a price cost nothing on local platforms (Ollama,
// LM Studio) and an unknown amount elsewhere: their calls are counted in `unpricedCalls`, never as free.
// Costs in different currencies are kept apart, never converted.
class UsageReport
{
public:
    enum class Grouping
    {
        Model, // key "platform:model"
        Platform, // key: the platform id
        ClientKey, // key: the client key id ("" when no client keys were configured)
        Day, // key: the local date, "YYYY-MM-DD"
    };

    struct Row : UsageSums
    {
        QString key;
        QMap<QString, double> cost; // currency code -> amount, for the priced calls
        qint64 unpricedCalls = 0; // calls of models without a price on platforms that are not local

        void add(const Row &other);
    };

    // Rows ordered by key (days oldest first), and their sum.
    static UsageReport build(const QList<UsageCell> &cells, Grouping grouping, const Config &config);

    // The cost of one cell at the configuration's prices; nullopt when its model has no price.
    struct Cost
    {
        QString currency;
        double amount = 0;
    };
    static std::optional<Cost> costOf(const UsageCell &cell, const Config &config);

    // Decimals to show an amount with: 2, or 4 for amounts under a hundredth (a few cheap calls).
    static int decimalsFor(double amount) { return amount != 0 && amount < 0.01 ? 4 : 2; }

    static QString groupingId(Grouping grouping); // "model", "platform", "key", "day"
    static std::optional<Grouping> groupingFromId(const QString &id);

    QList<Row> rows;
    Row total;
};
