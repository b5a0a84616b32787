#include "store/RecordStore.h"

#include "common/Logging.h"
#include "store/RecordQueue.h"
#include "store/RecordWriter.h"

#include <QMetaObject>
#include <QThread>

RecordStore::RecordStore(QObject *parent)
    : QObject(parent)
    , m_queue(std::make_shared<RecordQueue>())
{
    qRegisterMetaType<QList<qint64>>();
}

RecordStore::~RecordStore()
{
    close();
}

bool RecordStore::isOpen() const
{
    return m_writer != nullptr;
}

bool RecordStore::open(const QString &dataDir, QString *error)
{
    close();
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("switchyard-store"));
    m_writer = new RecordWriter(m_queue);
    m_writer->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_writer, &QObject::deleteLater);
    connect(m_writer, &RecordWriter::batchCommitted, this, &RecordStore::recordsStored, Qt::DirectConnection);
    connect(m_writer, &RecordWriter::writeFailed, this, &RecordStore::writeFailed, Qt::DirectConnection);
    m_thread->start();

    bool opened = false;
    QString reason;
    RecordWriter *writer = m_writer;
    QString path;
    QMetaObject::invokeMethod(
        writer,
        [writer, &dataDir, &opened, &reason, &path] {
            opened = writer->open(dataDir, &reason);
            path = writer->databasePath();
        },
        Qt::BlockingQueuedConnection);
    if (!opened) {
        stopThread();
        qCWarning(lcStore).noquote() << "cannot open the records database:" << reason;
        if (error)
            *error = reason;
        return false;
    }
    m_databasePath = path;
    m_queue->startAccepting([writer](RecordQueue::Wake wake) {
        QMetaObject::invokeMethod(
            writer, [writer, wake] { writer->onWake(wake); }, Qt::QueuedConnection);
    });
    qCInfo(lcStore).noquote() << "records database open:" << m_databasePath;
    return true;
}

void RecordStore::close()
{
    if (!m_writer)
        return;
    m_queue->stopAccepting();
    RecordWriter *writer = m_writer;
    if (QThread::currentThread() == m_thread)
        writer->shutdown();
    else
        QMetaObject::invokeMethod(
            writer, [writer] { writer->shutdown(); }, Qt::BlockingQueuedConnection);
    stopThread();
}

void RecordStore::stopThread()
{
    m_thread->quit();
    m_thread->wait();
    delete m_thread; // the writer was deleted when the thread finished
    m_thread = nullptr;
    m_writer = nullptr;
}

void RecordStore::submit(CallRecord record)
{
    m_queue->submit(std::move(record));
}

bool RecordStore::flush()
{
    if (!m_writer)
        return false;
    RecordWriter *writer = m_writer;
    if (QThread::currentThread() == m_thread)
        return writer->writePending();
    bool written = false;
    QMetaObject::invokeMethod(
        writer, [writer, &written] { written = writer->writePending(); }, Qt::BlockingQueuedConnection);
    return written;
}

void RecordStore::runRetention()
{
    if (!m_writer)
        return;
    RecordWriter *writer = m_writer;
    if (QThread::currentThread() == m_thread)
        writer->runRetentionToCompletion();
    else
        QMetaObject::invokeMethod(
            writer, [writer] { writer->runRetentionToCompletion(); }, Qt::BlockingQueuedConnection);
}

void RecordStore::clearRecords()
{
    if (!m_writer) {
        Q_EMIT recordsCleared(false, QStringLiteral("the records database is not open"));
        return;
    }
    RecordWriter *writer = m_writer;
    QMetaObject::invokeMethod(
        writer,
        [this, writer] {
            QString error;
            const bool ok = writer->clearAll(&error);
            Q_EMIT recordsCleared(ok, error);
        },
        Qt::QueuedConnection);
}

void RecordStore::setRecordSettings(const RecordSettings &settings)
{
    m_queue->setSettings(settings);
}

RecordSettings RecordStore::recordSettings() const
{
    return m_queue->settings();
}

void RecordStore::setBatchWindowMs(int ms)
{
    m_queue->setBatchWindowMs(ms);
}

int RecordStore::batchWindowMs() const
{
    return m_queue->batchWindowMs();
}

void RecordStore::setMaxBatchRecords(int count)
{
    m_queue->setMaxBatchRecords(count);
}

int RecordStore::maxBatchRecords() const
{
    return m_queue->maxBatchRecords();
}

RecordStore::Counters RecordStore::counters() const
{
    Counters counters;
    counters.submitted = m_queue->submittedCount();
    counters.dropped = m_queue->droppedCount();
    counters.bodiesDroppedUnderLoad = m_queue->bodiesDroppedUnderLoadCount();
    return counters;
}
