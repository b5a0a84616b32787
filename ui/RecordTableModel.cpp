#include "RecordTableModel.h"

#include "UiResources.h"

#include "store/Database.h"
#include "store/StoreSchema.h"

#include <QFutureWatcher>
#include <QLocale>
#include <QtConcurrent>

RecordTableModel::RecordTableModel(Database &db, QObject *parent)
    : QAbstractTableModel(parent)
    , m_db(db)
{
}

int RecordTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RecordTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RecordTableModel::routeText(const CallRecord &record)
{
    if (record.platformId.isEmpty())
        return record.requestedModel.isEmpty() ? record.endpoint : record.requestedModel;
    const QString target = record.platformId + QLatin1Char(':') + record.upstreamModel;
    if (record.requestedModel.isEmpty() || record.requestedModel == record.upstreamModel)
        return target;
    return record.requestedModel + QStringLiteral(" \u2192 ") + target;
}

QString RecordTableModel::statusText(const CallRecord &record)
{
    if (record.status == 0)
        return record.clientCancelled ? tr("cancelled") : tr("no answer");
    if (record.errorType.isEmpty())
        return QString::number(record.status);
    return QStringLiteral("%1 %2").arg(record.status).arg(record.errorType);
}

QString RecordTableModel::tokensText(const CallRecord &record)
{
    if (!record.usage.isKnown())
        return QStringLiteral("\u2014");
    const QLocale locale;
    const QString in = record.usage.inputTokens >= 0 ? locale.toString(record.usage.inputTokens) : QStringLiteral("?");
    const QString out
        = record.usage.outputTokens >= 0 ? locale.toString(record.usage.outputTokens) : QStringLiteral("?");
    return in + QStringLiteral(" \u2192 ") + out;
}

QString RecordTableModel::durationText(qint64 microseconds)
{
    if (microseconds < 0)
        return QStringLiteral("\u2014");
    if (microseconds < 1'000'000)
        return tr("%1 ms").arg(microseconds / 1000);
    return tr("%1 s").arg(QLocale().toString(microseconds / 1'000'000.0, 'f', 2));
}

QVariant RecordTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || size_t(index.row()) >= m_rows.size())
        return {};
    const CallRecord &record = m_rows[size_t(index.row())].record;
    if (role == RecordIdRole)
        return record.id;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case TimeColumn: {
            const QDateTime local = record.startedAt.toLocalTime();
            return local.date() == QDate::currentDate() ? local.toString(QStringLiteral("HH:mm:ss"))
                                                        : local.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        }
        case RouteColumn:
            return routeText(record);
        case StatusColumn:
            return statusText(record);
        case TokensColumn:
            return tokensText(record);
        case DurationColumn:
            return durationText(record.durationUs);
        case FirstByteColumn:
            return durationText(record.firstByteUs);
        }
    }
    if (role == Qt::DecorationRole && index.column() == StatusColumn) {
        if (record.status >= 200 && record.status < 300)
            return UiResources::icon(QStringLiteral("status-ok"));
        if (record.status == 0)
            return UiResources::icon(QStringLiteral("status-off"));
        return UiResources::icon(
            record.status >= 500 ? QStringLiteral("status-error") : QStringLiteral("status-warning"));
    }
    if (role == Qt::TextAlignmentRole && index.column() >= TokensColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        if (index.column() == StatusColumn && !record.errorMessage.isEmpty())
            return record.errorMessage;
        if (index.column() == TimeColumn)
            return QLocale().toString(record.startedAt.toLocalTime(), QLocale::LongFormat);
        if (index.column() == RouteColumn)
            return tr("Mode %1, endpoint %2").arg(record.routingMode, record.endpoint);
    }
    return {};
}

QVariant RecordTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case RouteColumn:
        return tr("Route");
    case StatusColumn:
        return tr("Status");
    case TokensColumn:
        return tr("Tokens in \u2192 out");
    case DurationColumn:
        return tr("Duration");
    case FirstByteColumn:
        return tr("First byte");
    }
    return {};
}

bool RecordTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_reachedEnd;
}

void RecordTableModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_reachedEnd)
        return;
    RecordFilter page = m_filter;
    page.afterId = 0;
    if (!m_rows.empty())
        page.beforeId = m_rows.back().record.id;
    QString error;
    const QList<StoredRecord> records = RecordQuery(m_db).list(page, 0, kPageSize, &error);
    m_lastError = error;
    if (records.size() < kPageSize)
        m_reachedEnd = true;
    if (records.isEmpty())
        return;
    beginInsertRows(QModelIndex(), int(m_rows.size()), int(m_rows.size() + records.size() - 1));
    m_rows.insert(m_rows.end(), records.cbegin(), records.cend());
    endInsertRows();
}

void RecordTableModel::setFilter(const RecordFilter &filter)
{
    m_filter = filter;
    reload();
}

void RecordTableModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_reachedEnd = false;
    endResetModel();
    fetchMore(QModelIndex());
    startCount();
}

void RecordTableModel::startCount()
{
    // Counting a filter may scan the whole table (a text search): it runs on a worker thread with its own
    // connection, over the records up to the newest one loaded now; what arrives meanwhile is added.
    const quint64 generation = ++m_countGeneration;
    m_appendedSinceCount = 0;
    m_totalCount = m_rows.empty() && m_reachedEnd ? 0 : -1;
    if (m_totalCount == 0) {
        Q_EMIT totalCountChanged(m_totalCount);
        return;
    }
    Q_EMIT totalCountChanged(m_totalCount);
    RecordFilter filter = m_filter;
    filter.beforeId = m_rows.front().record.id + 1;
    const QString path = m_db.filePath();
    auto *watcher = new QFutureWatcher<qint64>(this);
    connect(watcher, &QFutureWatcher<qint64>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_countGeneration)
            return; // the filter changed meanwhile
        const qint64 counted = watcher->result();
        if (counted < 0)
            return;
        m_totalCount = counted + m_appendedSinceCount;
        Q_EMIT totalCountChanged(m_totalCount);
    });
    watcher->setFuture(QtConcurrent::run([path, filter] {
        Database db;
        QString error;
        if (!db.openFile(path, QStringLiteral("count"), StoreSchema::migrations(), &error))
            return qint64(-1);
        return RecordQuery(db).count(filter, &error);
    }));
}

bool RecordTableModel::isCounting() const
{
    return m_totalCount < 0;
}

void RecordTableModel::appendNew(const QList<StoredRecord> &records)
{
    QList<StoredRecord> matching;
    for (auto it = records.crbegin(); it != records.crend(); ++it) {
        if (matches(it->record, m_filter) && (m_rows.empty() || it->record.id > m_rows.front().record.id))
            matching.append(*it);
    }
    if (matching.isEmpty())
        return;
    beginInsertRows(QModelIndex(), 0, int(matching.size() - 1));
    // A deque: prepending never moves the rows already loaded.
    for (auto it = matching.crbegin(); it != matching.crend(); ++it)
        m_rows.push_front(*it);
    endInsertRows();
    m_appendedSinceCount += matching.size();
    if (m_totalCount >= 0) {
        m_totalCount += matching.size();
        Q_EMIT totalCountChanged(m_totalCount);
    }
}

const StoredRecord *RecordTableModel::recordAt(int row) const
{
    return row >= 0 && size_t(row) < m_rows.size() ? &m_rows[size_t(row)] : nullptr;
}

bool RecordTableModel::matches(const CallRecord &record, const RecordFilter &filter)
{
    const int status = record.status;
    switch (filter.statusClass) {
    case RecordFilter::StatusClass::Any:
        break;
    case RecordFilter::StatusClass::Success:
        if (status < 200 || status > 299)
            return false;
        break;
    case RecordFilter::StatusClass::ClientError:
        if (status < 400 || status > 499)
            return false;
        break;
    case RecordFilter::StatusClass::ServerError:
        if (status < 500 || status > 599)
            return false;
        break;
    case RecordFilter::StatusClass::Failed:
        if (status >= 200 && status <= 299)
            return false;
        break;
    case RecordFilter::StatusClass::NoResponse:
        if (status != 0)
            return false;
        break;
    }
    if (!filter.platformId.isEmpty() && record.platformId != filter.platformId)
        return false;
    if (!filter.model.isEmpty() && record.requestedModel != filter.model && record.upstreamModel != filter.model)
        return false;
    if (!filter.clientKeyId.isEmpty() && record.clientKeyId != filter.clientKeyId)
        return false;
    if (!filter.sessionId.isEmpty() && record.sessionId != filter.sessionId)
        return false;
    if (filter.startedFrom.isValid() && record.startedAt < filter.startedFrom)
        return false;
    if (filter.startedBefore.isValid() && record.startedAt >= filter.startedBefore)
        return false;
    if (filter.afterId > 0 && record.id <= filter.afterId)
        return false;
    if (filter.beforeId > 0 && record.id >= filter.beforeId)
        return false;
    const QStringList words = filter.text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &word : words) {
        bool found = false;
        for (const QString *field :
            {&record.requestId, &record.platformId, &record.requestedModel, &record.upstreamModel, &record.clientKeyId,
                &record.sessionId, &record.endpoint, &record.errorMessage}) {
            if (field->contains(word, Qt::CaseInsensitive)) {
                found = true;
                break;
            }
        }
        if (!found)
            return false;
    }
    return true;
}
