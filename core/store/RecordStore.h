#pragma once

#include "config/Config.h"
#include "store/RecordSink.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QThread;
class RecordQueue;
class RecordWriter;

// The records database as the rest of the application sees it: a RecordSink the proxy submits finished
// calls to, and the store thread ("switchyard-store") that writes them.
//
// submit() is thread-safe and O(1): it moves the record into a mutex-guarded queue and never touches the
// database. The store thread writes what is queued in one transaction per batch window (250 ms by default)
// or as soon as 256 records wait. Before writing it reads token usage from the response body when the
// record does not carry it, removes secret headers, and compresses the bodies (or leaves them out when
// RecordSettings::storeBodies is off; their sizes are always kept); the large parts that request bodies
// repeat (`system`, `tools`, earlier messages) are stored once and shared between records. Retention runs at open,
// every ten minutes and after every sixteenth of the size limit written, in small steps between batches.
//
// open(), flush(), close() and runRetention() block the caller until the store thread has done the work.
class RecordStore : public QObject, public RecordSink
{
    Q_OBJECT
public:
    explicit RecordStore(QObject *parent = nullptr);
    ~RecordStore() override; // closes

    // Opens (creating when missing) `switchyard.sqlite3` in `dataDir` on the store thread, applies the
    // schema migrations and starts accepting records.
    bool open(const QString &dataDir, QString *error);
    // Writes what is pending, then stops the store thread. Records submitted afterwards are dropped.
    void close();
    bool isOpen() const;
    QString databasePath() const { return m_databasePath; }

    // RecordSink. Records are dropped (and counted) while the store is closed or records are disabled.
    void submit(CallRecord record) override;

    // Returns once every record submitted before the call is committed (true), or could not be (false).
    bool flush();

    // Thread-safe. Applies to records submitted from now on and to the next retention run; a change of
    // the retention limits starts a run.
    void setRecordSettings(const RecordSettings &settings);
    RecordSettings recordSettings() const;

    // Batch policy; thread-safe, takes effect with the next batch.
    void setBatchWindowMs(int ms);
    int batchWindowMs() const;
    void setMaxBatchRecords(int count);
    int maxBatchRecords() const;

    // Runs retention now, to its end (blocking).
    void runRetention();

    // Deletes every record, on the store thread, without blocking the caller; records submitted before
    // the call are written first and deleted too. Emits recordsCleared() when done.
    void clearRecords();

    struct Counters
    {
        qint64 submitted = 0; // accepted by submit()
        qint64 dropped = 0; // refused (closed, disabled) or given up after failed writes
        qint64 bodiesDroppedUnderLoad = 0; // stored without bodies because too many bytes were waiting
    };
    Counters counters() const;

Q_SIGNALS:
    // After each committed batch, with the new records' ids in insertion order. Emitted on the store
    // thread: receivers on other threads get it queued (use the default AutoConnection).
    void recordsStored(const QList<qint64> &ids);
    // clearRecords() is done (ok false: nothing was deleted, `error` says why). Emitted on the store thread.
    void recordsCleared(bool ok, const QString &error);
    // A batch could not be written (it is retried with the next batch window, a few times).
    void writeFailed(const QString &message);

private:
    void stopThread();

    std::shared_ptr<RecordQueue> m_queue;
    QThread *m_thread = nullptr;
    RecordWriter *m_writer = nullptr;
    QString m_databasePath;
};
