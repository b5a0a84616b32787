#pragma once

#include "store/Database.h"
#include "store/RecordQuery.h"

#include <QObject>
#include <memory>

class RecordStore;

// The GUI thread's view of new records: when the store commits a batch (RecordStore::recordsStored,
// queued to this thread) it reads just those rows (without bodies) through the GUI's own read connection
// and hands them to the records list and the health monitor — one query per batch, never a rescan.
class RecordFeed : public QObject
{
    Q_OBJECT
public:
    // Opens the read connection ("ui") to the database in `dataDir`.
    RecordFeed(const QString &dataDir, RecordStore *store, QObject *parent = nullptr);
    ~RecordFeed() override;

    bool isOpen() const { return m_db && m_db->isOpen(); }
    Database &database() { return *m_db; }
    QString dataDir() const { return m_dataDir; }

    // Reads what is newer than the last record seen (also called on recordsStored).
    void poll();

Q_SIGNALS:
    // The store committed a batch: new records, or with records off only new usage counts.
    void batchStored();
    void recordsAdded(const QList<StoredRecord> &records); // oldest first
    void recordsCleared();

private:
    std::unique_ptr<Database> m_db;
    QString m_dataDir;
    QString m_openError;
    qint64 m_lastSeenId = 0;
};
