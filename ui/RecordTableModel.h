#pragma once

#include "store/RecordQuery.h"

#include <QAbstractTableModel>
#include <QList>
#include <deque>

class Database;

// The records list: newest first, read page by page as the view scrolls (canFetchMore / fetchMore with
// keyset paging, so the thousandth page costs what the first does), new calls prepended as they are
// stored (appendNew) without reading anything again. Bodies are never loaded here.
class RecordTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TimeColumn,
        RouteColumn,
        StatusColumn,
        TokensColumn,
        DurationColumn,
        FirstByteColumn,
        ColumnCount
    };
    static constexpr int kPageSize = 200;
    static constexpr int RecordIdRole = Qt::UserRole + 1;

    explicit RecordTableModel(Database &db, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // Starts again with a new filter (loads the first page).
    void setFilter(const RecordFilter &filter);
    const RecordFilter &filter() const { return m_filter; }
    // Reloads from the database (after clearing records).
    void reload();
    // New records, oldest first (RecordFeed::recordsAdded); those matching the filter go on top.
    void appendNew(const QList<StoredRecord> &records);

    const StoredRecord *recordAt(int row) const;
    // Matching records in the database: counted in the background when the filter changes (-1 until
    // then; totalCountChanged() follows), then kept up to date as calls arrive.
    qint64 totalCount() const { return m_totalCount; }
    bool isCounting() const;
    QString lastError() const { return m_lastError; }

    // Whether a record matches the filter, the way RecordQuery's SQL decides it. Pure.
    static bool matches(const CallRecord &record, const RecordFilter &filter);

    // Cell texts (pure, for tests and the detail view).
    static QString routeText(const CallRecord &record);
    static QString statusText(const CallRecord &record);
    static QString tokensText(const CallRecord &record);
    static QString durationText(qint64 microseconds);

Q_SIGNALS:
    void totalCountChanged(qint64 count);

private:
    Database &m_db;
    RecordFilter m_filter;
    void startCount();

    std::deque<StoredRecord> m_rows;
    quint64 m_countGeneration = 0;
    qint64 m_appendedSinceCount = 0;
    bool m_reachedEnd = false;
    qint64 m_totalCount = 0;
    QString m_lastError;
};
