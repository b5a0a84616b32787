#include "store/RecordQueue.h"

#include "store/UsageCounts.h"

void RecordQueue::startAccepting(WakeFunction wake)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_wake = std::move(wake);
    m_accepting = true;
}

void RecordQueue::stopAccepting()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_accepting = false;
    m_wake = nullptr;
}

bool RecordQueue::submit(CallRecord &&record)
{
    PendingRecord pending;
    pending.requestBodySize = record.requestBody.size();
    pending.responseBodySize = record.responseBody.size();

    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_accepting || !m_settings.enabled) {
        m_dropped.fetch_add(1, std::memory_order_relaxed);
        if (!m_accepting || !UsageCounts::isModelCall(record))
            return false;
        // Not recorded, but counted: only what the usage table keeps goes on (the response only while the
        // writer still has to read the usage from it).
        CallRecord counted;
        counted.startedAt = record.startedAt;
        counted.endpoint = std::move(record.endpoint);
        counted.platformId = std::move(record.platformId);
        counted.upstreamModel = std::move(record.upstreamModel);
        counted.clientKeyId = std::move(record.clientKeyId);
        counted.status = record.status;
        counted.usage = record.usage;
        if (!counted.usage.isKnown())
            counted.responseBody = std::move(record.responseBody);
        pending = PendingRecord();
        pending.usageOnly = true;
        pending.storeBodies = false;
        pending.record = std::move(counted);
        enqueue(std::move(pending));
        return false;
    }
    m_submitted.fetch_add(1, std::memory_order_relaxed);
    pending.storeBodies = m_settings.storeBodies;
    const qint64 bodyBytes = pending.requestBodySize + pending.responseBodySize;
    if (m_pendingBodyBytes + bodyBytes > kMaxPendingBodyBytes && bodyBytes > 0) {
        m_bodiesDroppedUnderLoad.fetch_add(1, std::memory_order_relaxed);
        pending.storeBodies = false;
        record.requestBody = QByteArray();
        record.responseBody = QByteArray();
    } else {
        m_pendingBodyBytes += bodyBytes;
    }
    pending.record = std::move(record);
    enqueue(std::move(pending));
    return true;
}

void RecordQueue::enqueue(PendingRecord &&pending)
{
    m_pending.push_back(std::move(pending));
    const auto count = qsizetype(m_pending.size());
    if (count == 1)
        m_wake(Wake::StartWindow);
    else if (count == m_maxBatchRecords.load(std::memory_order_relaxed))
        m_wake(Wake::WriteNow);
}

std::deque<PendingRecord> RecordQueue::takeAll()
{
    std::deque<PendingRecord> taken;
    std::lock_guard<std::mutex> lock(m_mutex);
    taken.swap(m_pending);
    m_pendingBodyBytes = 0;
    return taken;
}

qsizetype RecordQueue::pendingCount() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return qsizetype(m_pending.size());
}

RecordSettings RecordQueue::settings() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_settings;
}

void RecordQueue::setSettings(const RecordSettings &settings)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    const bool limitsChanged
        = m_settings.retentionDays != settings.retentionDays || m_settings.maxTotalBytes != settings.maxTotalBytes;
    m_settings = settings;
    if (limitsChanged && m_accepting)
        m_wake(Wake::RetentionLimitsChanged);
}
