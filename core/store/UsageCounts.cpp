#include "store/UsageCounts.h"

#include "store/StoreSchema.h"

namespace {

qint64 known(qint64 count)
{
    return count > 0 ? count : 0;
}

} // namespace

bool UsageCounts::isModelCall(const CallRecord &record)
{
    return record.endpoint == QLatin1String("/v1/messages");
}

void UsageCounts::add(const CallRecord &record)
{
    if (!isModelCall(record))
        return;
    const Key key {record.startedAt.toMSecsSinceEpoch() / StoreSchema::kUsageBucketMs, record.platformId,
        record.upstreamModel, record.clientKeyId};
    UsageSums &sums = m_buckets[key];
    sums.calls += 1;
    if (record.status < 200 || record.status > 299)
        sums.failedCalls += 1;
    sums.inputTokens += known(record.usage.inputTokens);
    sums.outputTokens += known(record.usage.outputTokens);
    sums.cacheReadInputTokens += known(record.usage.cacheReadInputTokens);
    sums.cacheCreationInputTokens += known(record.usage.cacheCreationInputTokens);
}
