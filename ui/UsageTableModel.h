#pragma once

#include "store/UsageReport.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QStringList>

// The statistics table: one row per group of a UsageReport (model, platform, client key or day) with its calls,
// tokens and cost. Sorted by the model itself (numbers as numbers, costs currency by currency), and kept in the
// chosen order when a new report arrives.
class UsageTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        GroupColumn,
        CallsColumn,
        FailedColumn,
        InputColumn,
        OutputColumn,
        CacheReadColumn,
        CacheWriteColumn,
        CostColumn,
        ColumnCount
    };
    // The group's key as UsageReport has it ("platform:model", a platform or client key id, "YYYY-MM-DD").
    static constexpr int KeyRole = Qt::UserRole + 1;
    // The number behind a cell (qint64 for counts); for the cost, a QVariantMap of currency -> amount.
    static constexpr int RawValueRole = Qt::UserRole + 2;

    explicit UsageTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // Shows `report`, grouped by `grouping`, in the current sort order. `descriptions` are tooltips per key
    // (a platform's or a client key's name).
    void setReport(const UsageReport &report, UsageReport::Grouping grouping,
        const QHash<QString, QString> &descriptions = QHash<QString, QString>());
    const UsageReport &report() const { return m_report; }
    UsageReport::Grouping grouping() const { return m_grouping; }
    // The rows in the order shown.
    const QList<UsageReport::Row> &rows() const { return m_rows; }
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    // Every currency the report's costs are in, sorted.
    QStringList currencies() const;

    // Tells the views that the texts changed (after a language switch).
    void retranslate();

    // Whether row `a` comes before row `b` when sorted ascending by `column`: the column's value, then (for
    // costs in a tie) the total tokens, then the key. `currencies` orders the comparison of costs.
    static bool lessThan(
        const UsageReport::Row &a, const UsageReport::Row &b, int column, const QStringList &currencies);

private:
    void applySort();

    UsageReport m_report;
    UsageReport::Grouping m_grouping = UsageReport::Grouping::Model;
    QHash<QString, QString> m_descriptions;
    QList<UsageReport::Row> m_rows;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};
