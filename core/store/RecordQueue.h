#pragma once

#include "config/Config.h"
#include "store/CallRecord.h"

#include <atomic>
#include <deque>
#include <functional>
#include <mutex>

// A record waiting for the store thread, with what was decided about it when it was submitted.
struct PendingRecord
{
    CallRecord record;
    qint64 requestBodySize = 0;
    qint64 responseBodySize = 0;
    bool storeBodies = true;
    // Records are off: the call only adds to the usage statistics (its tokens, never its content).
    bool usageOnly = false;
};

// The hand-over point between the threads that submit records and the store thread that writes them: a
// mutex-guarded list, the record settings, and the batch policy. submit() is O(1): it moves the record in
// and, on the first record of a batch or when the batch is full, asks the writer to act.
class RecordQueue
{
public:
    enum class Wake
    {
        StartWindow, // the first record of a batch arrived: start the batch window
        WriteNow, // the batch is full: write it without waiting for the window
        RetentionLimitsChanged, // the retention limits changed: run retention
    };
    using WakeFunction = std::function<void(Wake)>;

    // Beyond this many body bytes waiting to be written, new records lose their bodies (their sizes are
    // kept) until the writer catches up: a stalled disk must not exhaust memory.
    static constexpr qint64 kMaxPendingBodyBytes = 64LL * 1024 * 1024;

    // Accepts records from now on; `wake` is called under the queue's lock (it must only post an event).
    void startAccepting(WakeFunction wake);
    // Refuses records from now on; returns once no submit() is inside the lock.
    void stopAccepting();

    // False when the record was dropped (store closed, or records disabled). With records disabled a model
    // call still reaches the writer stripped to what the usage statistics count (PendingRecord::usageOnly).
    bool submit(CallRecord &&record);
    std::deque<PendingRecord> takeAll();
    qsizetype pendingCount() const;

    RecordSettings settings() const;
    // Wakes the writer when the retention limits changed.
    void setSettings(const RecordSettings &settings);

    void setBatchWindowMs(int ms) { m_batchWindowMs.store(qMax(1, ms)); }
    int batchWindowMs() const { return m_batchWindowMs.load(); }
    void setMaxBatchRecords(int count) { m_maxBatchRecords.store(qMax(1, count)); }
    int maxBatchRecords() const { return m_maxBatchRecords.load(); }

    // Counters since creation.
    qint64 submittedCount() const { return m_submitted.load(); }
    qint64 droppedCount() const { return m_dropped.load(); }
    qint64 bodiesDroppedUnderLoadCount() const { return m_bodiesDroppedUnderLoad.load(); }
    void addDropped(qint64 count) { m_dropped.fetch_add(count); }

private:
    void enqueue(PendingRecord &&pending); // under m_mutex: appends and wakes the writer when a batch starts or fills

    mutable std::mutex m_mutex;
    std::deque<PendingRecord> m_pending; // a deque: no submit() pays for moving what is already queued
    qint64 m_pendingBodyBytes = 0;
    RecordSettings m_settings;
    WakeFunction m_wake;
    bool m_accepting = false;

    std::atomic<int> m_batchWindowMs {250};
    std::atomic<int> m_maxBatchRecords {256};
    std::atomic<qint64> m_submitted {0};
    std::atomic<qint64> m_dropped {0};
    std::atomic<qint64> m_bodiesDroppedUnderLoad {0};
};
