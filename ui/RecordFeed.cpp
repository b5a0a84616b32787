#include "RecordFeed.h"

#include "common/Logging.h"
#include "store/RecordStore.h"

#include <algorithm>

RecordFeed::RecordFeed(const QString &dataDir, RecordStore *store, QObject *parent)
    : QObject(parent)
    , m_db(std::make_unique<Database>())
    , m_dataDir(dataDir)
{
    if (!m_db->open(dataDir, QStringLiteral("ui"), &m_openError))
        qCWarning(lcUi).noquote() << "cannot read the records:" << m_openError;
    const QList<StoredRecord> newest = RecordQuery(*m_db).list(RecordFilter(), 0, 1);
    if (!newest.isEmpty())
        m_lastSeenId = newest.constFirst().record.id;
    if (store) {
        connect(store, &RecordStore::recordsStored, this, [this] {
            Q_EMIT batchStored();
            poll();
        });
        connect(store, &RecordStore::recordsCleared, this, [this](bool ok) {
            if (ok)
                Q_EMIT recordsCleared();
        });
    }
}

RecordFeed::~RecordFeed() = default;

void RecordFeed::poll()
{
    if (!isOpen())
        return;
    RecordFilter filter;
    filter.afterId = m_lastSeenId;
    QList<StoredRecord> records = RecordQuery(*m_db).list(filter, 0, 10'000);
    if (records.isEmpty())
        return;
    std::reverse(records.begin(), records.end());
    m_lastSeenId = records.constLast().record.id;
    Q_EMIT recordsAdded(records);
}
