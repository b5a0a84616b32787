#include "UsageTableModel.h"

#include "UsageText.h"

#include <algorithm>

namespace {

qint64 countOf(const UsageReport::Row &row, int column)
{
    switch (column) {
    case UsageTableModel::CallsColumn:
        return row.calls;
    case UsageTableModel::FailedColumn:
        return row.failedCalls;
    case UsageTableModel::InputColumn:
        return row.inputTokens;
    case UsageTableModel::OutputColumn:
        return row.outputTokens;
    case UsageTableModel::CacheReadColumn:
        return row.cacheReadInputTokens;
    case UsageTableModel::CacheWriteColumn:
        return row.cacheCreationInputTokens;
    default:
        return 0;
    }
}

// -1, 0 or 1: costs compared currency by currency in the given order; no price at all comes first.
int compareCosts(const UsageReport::Row &a, const UsageReport::Row &b, const QStringList &currencies)
{
    if (a.cost.isEmpty() != b.cost.isEmpty())
        return a.cost.isEmpty() ? -1 : 1;
    for (const QString &currency : currencies) {
        const double left = a.cost.value(currency);
        const double right = b.cost.value(currency);
        if (left != right)
            return left < right ? -1 : 1;
    }
    return 0;
}

} // namespace

UsageTableModel::UsageTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int UsageTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int UsageTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UsageTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return QVariant();
    const UsageReport::Row &row = m_rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        if (column == GroupColumn)
            return UsageText::groupLabel(m_grouping, row.key);
        if (column == CostColumn)
            return UsageText::costWithMarker(row.cost, row.unpricedCalls);
        return UsageText::count(countOf(row, column));
    case Qt::TextAlignmentRole:
        return column == GroupColumn ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                     : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (column == GroupColumn) {
            const QString description = m_descriptions.value(row.key);
            return description.isEmpty() ? QVariant() : QVariant(description);
        }
        if (column == CostColumn) {
            const QString explanation = UsageText::unpricedExplanation(row.unpricedCalls);
            return explanation.isEmpty() ? QVariant() : QVariant(explanation);
        }
        return QVariant();
    case KeyRole:
        return row.key;
    case RawValueRole:
        if (column == GroupColumn)
            return row.key;
        if (column == CostColumn) {
            QVariantMap cost;
            for (auto it = row.cost.cbegin(); it != row.cost.cend(); ++it)
                cost.insert(it.key(), it.value());
            return cost;
        }
        return countOf(row, column);
    default:
        return QVariant();
    }
}

QVariant UsageTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QVariant();
    if (role == Qt::TextAlignmentRole)
        return section == GroupColumn ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                      : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case GroupColumn:
            return UsageText::groupingName(m_grouping);
        case CallsColumn:
            return tr("Calls");
        case FailedColumn:
            return tr("Failed");
        case InputColumn:
            return tr("Input tokens");
        case OutputColumn:
            return tr("Output tokens");
        case CacheReadColumn:
            return tr("Cache read");
        case CacheWriteColumn:
            return tr("Cache write");
        case CostColumn:
            return tr("Cost");
        default:
            return QVariant();
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case FailedColumn:
            return tr("Calls whose answer was not a success (2xx), including those the client left");
        case InputColumn:
            return tr("Input tokens not read from or written to the prompt cache");
        case CacheReadColumn:
            return tr("Input tokens read from the prompt cache");
        case CacheWriteColumn:
            return tr("Input tokens written to the prompt cache");
        case CostColumn:
            return tr("At the prices set per model in Platforms, in each platform's currency; * marks calls "
                      "without a price");
        default:
            return QVariant();
        }
    }
    return QVariant();
}

void UsageTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QList<QString> keys;
    keys.reserve(before.size());
    for (const QModelIndex &index : before)
        keys << m_rows.at(index.row()).key;
    applySort();
    QHash<QString, int> rowOfKey;
    for (int row = 0; row < m_rows.size(); ++row)
        rowOfKey.insert(m_rows.at(row).key, row);
    QModelIndexList after;
    after.reserve(before.size());
    for (int i = 0; i < before.size(); ++i)
        after << index(rowOfKey.value(keys.at(i)), before.at(i).column());
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void UsageTableModel::applySort()
{
    if (m_sortColumn < 0)
        return;
    const QStringList order = currencies();
    const int column = m_sortColumn;
    if (m_sortOrder == Qt::AscendingOrder)
        std::stable_sort(m_rows.begin(), m_rows.end(),
            [&](const UsageReport::Row &a, const UsageReport::Row &b) { return lessThan(a, b, column, order); });
    else
        std::stable_sort(m_rows.begin(), m_rows.end(),
            [&](const UsageReport::Row &a, const UsageReport::Row &b) { return lessThan(b, a, column, order); });
}

bool UsageTableModel::lessThan(
    const UsageReport::Row &a, const UsageReport::Row &b, int column, const QStringList &currencies)
{
    if (column == GroupColumn)
        return a.key < b.key;
    if (column == CostColumn) {
        const int byCost = compareCosts(a, b, currencies);
        if (byCost != 0)
            return byCost < 0;
        if (a.totalTokens() != b.totalTokens())
            return a.totalTokens() < b.totalTokens();
        return a.key < b.key;
    }
    const qint64 left = countOf(a, column);
    const qint64 right = countOf(b, column);
    if (left != right)
        return left < right;
    return a.key < b.key;
}

void UsageTableModel::setReport(
    const UsageReport &report, UsageReport::Grouping grouping, const QHash<QString, QString> &descriptions)
{
    beginResetModel();
    const bool groupingChanged = grouping != m_grouping;
    m_report = report;
    m_grouping = grouping;
    m_descriptions = descriptions;
    m_rows = report.rows;
    applySort();
    endResetModel();
    if (groupingChanged)
        Q_EMIT headerDataChanged(Qt::Horizontal, GroupColumn, GroupColumn);
}

QStringList UsageTableModel::currencies() const
{
    QStringList codes = m_report.total.cost.keys();
    std::sort(codes.begin(), codes.end());
    return codes;
}

void UsageTableModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}
