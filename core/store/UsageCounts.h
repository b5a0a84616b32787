#pragma once

#include "store/CallRecord.h"
#include "store/UsageSums.h"

#include <QString>

#include <map>
#include <tuple>

// The usage a batch of records adds to usage_quarter_hours: model calls (endpoint /v1/messages) summed per
// quarter hour, platform, upstream model and client key. A call failed when its status was not 2xx (0 = the
// client left first); unknown token counts add nothing. Schema version 3 fills the table from older records
// with the same rules in SQL.
class UsageCounts
{
public:
    struct Key
    {
        qint64 quarterHour = 0; // started_at_ms / StoreSchema::kUsageBucketMs
        QString platformId;
        QString upstreamModel;
        QString clientKeyId;

        bool operator<(const Key &other) const
        {
            return std::tie(quarterHour, platformId, upstreamModel, clientKeyId)
                < std::tie(other.quarterHour, other.platformId, other.upstreamModel, other.clientKeyId);
        }
    };

    static bool isModelCall(const CallRecord &record);

    // Counts `record` when it is a model call.
    void add(const CallRecord &record);
    void clear() { m_buckets.clear(); }
    bool isEmpty() const { return m_buckets.empty(); }
    const std::map<Key, UsageSums> &buckets() const { return m_buckets; }

private:
    std::map<Key, UsageSums> m_buckets;
};
