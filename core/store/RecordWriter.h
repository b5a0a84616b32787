#pragma once

#include "config/Config.h"
#include "store/BodyPartCache.h"
#include "store/Database.h"
#include "store/RecordQueue.h"
#include "store/SqliteStatement.h"

#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <memory>
#include <vector>

// The store thread's worker (internal to RecordStore): the only writer of records. It takes what the queue
// holds, prepares the rows (usage, secret headers, compression) outside any transaction, writes them in
// one transaction, and runs retention in small steps between batches. Every method runs on the store thread.
//
// Request bodies are split (RequestBodySplitter): each large part is looked up in a cache of recent parts
// and, when it is new, compressed once and inserted in the same transaction as the first record that uses
// it; later records refer to it by id. Retention deletes a part with the last record that uses it.
class BodyPartTable;

class RecordWriter : public QObject
{
    Q_OBJECT
public:
    // Retention works in steps of at most this many records or stored bytes, and vacuums this many pages
    // at a time, so that a batch of new records never waits long behind it.
    static constexpr int kRetentionChunkRecords = 200;
    static constexpr qint64 kRetentionChunkBytes = 64LL * 1024 * 1024;
    static constexpr int kVacuumChunkPages = 2048;
    // Parts looked at per step when retention looks for parts no record uses.
    static constexpr int kPartSweepChunk = 1000;
    static constexpr int kRetentionIntervalMs = 10 * 60 * 1000;
    // A batch that cannot be written is retried this many times (once per batch window) before it is dropped.
    static constexpr int kMaxWriteAttempts = 5;
    // Memory is handed back to the system this long after the last large batch (see trimMemory()).
    static constexpr int kTrimAfterBurstMs = 1000;

    explicit RecordWriter(std::shared_ptr<RecordQueue> queue, QObject *parent = nullptr);
    ~RecordWriter() override;

    bool open(const QString &dataDir, QString *error);
    // Writes what is pending, stops the timers and closes the connection.
    void shutdown();

    // The queue asks for attention (first record of a batch, a full batch, new retention limits).
    void onWake(RecordQueue::Wake wake);
    // Writes everything pending now (and whatever earlier attempts could not write). True when all of it
    // is committed.
    bool writePending();

    // Deletes every stored record (after writing what is pending, so that nothing submitted earlier
    // survives) and gives the space back. Ids keep growing afterwards.
    bool clearAll(QString *error);

    // Starts a retention run in steps (or another one after the run under way).
    void startRetention();
    // Runs retention to its end at once.
    void runRetentionToCompletion();

    QString databasePath() const { return m_db.filePath(); }

Q_SIGNALS:
    void batchCommitted(const QList<qint64> &ids);
    void writeFailed(const QString &message);

private:
    struct PreparedRow;
    // Parts retention deletes in one transaction.
    struct PartDeletion
    {
        QSet<qint64> kept; // used by rows waiting to be written: never deleted
        bool keptSome = false;
        qint64 deleted = 0;
    };
    enum class RetentionPhase
    {
        Idle,
        ByAge,
        PartSweep,
        BySize,
        Vacuum,
        Checkpoint
    };

    PreparedRow prepare(PendingRecord &&pending);
    QByteArray storeRequestBody(QByteArrayView body, PreparedRow *row);
    bool insertRows(const std::vector<PreparedRow> &rows, QList<qint64> *ids, QString *error);
    bool prepareStatements(QString *error); // those not prepared yet on this connection
    void beginRetentionRun();
    void retentionStep();
    bool runRetentionStep(); // one bounded step; false when the run is over
    int deleteOldRecords(bool byAge, QString *error); // records deleted in this step, -1 on error
    int sweepUnusedParts(QString *error); // parts looked at in this step, -1 on error
    // Deletes those of `candidates` that no record uses, in the current transaction, adding their stored
    // bytes to `*freedBytes`, and forgets them in the cache.
    bool deleteUnusedParts(BodyPartTable &parts, const QList<qint64> &candidates, PartDeletion *deletion,
        qint64 *freedBytes, QString *error);
    bool subtractStoredBytes(qint64 bytes, QString *error); // from the counter, in the current transaction
    // Parts that rows waiting to be written use: retention keeps them.
    QSet<qint64> partsOfUnwrittenRows() const;
    void dropUnwrittenRows();
    bool loadStoredBodyBytes(QString *error);
    qint64 retentionTriggerBytes() const;
    void trimMemory();
    void closeDatabase(); // finalizes the statements, then closes the connection

    std::shared_ptr<RecordQueue> m_queue;
    Database m_db;
    // The statements run for every batch, prepared once per connection.
    SqliteStatement m_insertRecord;
    SqliteStatement m_insertBodies;
    SqliteStatement m_updateCounter;
    SqliteStatement m_insertPart; // body_parts
    SqliteStatement m_linkPart; // record_body_parts
    SqliteStatement m_addUsage; // usage_quarter_hours
    QTimer m_windowTimer;
    QTimer m_retentionTimer;
    QTimer m_trimTimer;
    std::vector<PreparedRow> m_unwritten;
    int m_failedAttempts = 0;
    qint64 m_storedBodyBytes = 0;
    qint64 m_bytesSinceRetention = 0;
    bool m_backlogSinceTrim = false; // a large batch was written since memory was last handed back
    BodyPartCache m_partCache;
    qint64 m_nextPartId = 1;

    RetentionPhase m_retentionPhase = RetentionPhase::Idle;
    RecordSettings m_retentionSettings;
    qint64 m_retentionDeleted = 0;
    qint64 m_retentionDeletedParts = 0;
    // Parts no record uses may exist (looked for once after opening, and after retention had to keep some).
    bool m_partSweepNeeded = true;
    qint64 m_partSweepAfterId = 0;
    bool m_retentionStepScheduled = false;
    bool m_retentionRequestedDuringRun = false; // a run was asked for while one was under way
};
