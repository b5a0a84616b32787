#pragma once

#include "store/RecordQuery.h"
#include "store/UsagePeriod.h"
#include "store/UsageReport.h"

#include <QDate>
#include <QElapsedTimer>
#include <QWidget>

class ConfigService;
class QComboBox;
class QLabel;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTimer;
class RecordFeed;
class UsageChart;
class UsageTableModel;
template<typename T>
class QFutureWatcher;

// Usage and cost of the model calls, for a period, per model, platform, client key or day: a summary, a chart and
// a sortable table (UsageTableModel), exported as CSV. The sums come from the store's usage table, which outlives
// the records (RecordQuery::usageCells), read on a worker thread with its own database connection (a year of
// 100 000 calls takes about 200 ms), and are priced with the configuration's prices (UsageReport). The page
// follows new calls while it is visible, at most one query every two seconds, and catches up when it is shown.
class StatisticsPage : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kRefreshIntervalMs = 2000;

    StatisticsPage(RecordFeed *feed, ConfigService *config, QWidget *parent = nullptr);
    ~StatisticsPage() override;

    UsagePeriod::Kind period() const { return m_period; }
    void setPeriod(UsagePeriod::Kind period);
    UsageReport::Grouping grouping() const { return m_grouping; }
    void setGrouping(UsageReport::Grouping grouping);

    UsageTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    UsageChart *chart() const { return m_chart; }
    // Reads the records again now (on a worker thread; refreshed() follows).
    void refresh();
    bool isQueryRunning() const;
    int queriesStarted() const { return m_queriesStarted; }
    // Writes the table as CSV to `path`; says what happened in the status line.
    bool exportCsv(const QString &path);

Q_SIGNALS:
    // A query's result is shown.
    void refreshed();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    struct QueryResult
    {
        QList<UsageCell> cells;
        QString error;
        double elapsedMs = 0;
    };
    static QueryResult runQuery(const QString &dataDir, const UsageFilter &filter);

    void retranslateUi();
    void onCallsCounted(); // a batch was stored (also with records off, when it only adds usage)
    void onRecordsCleared();
    void scheduleRefresh();
    void startQuery();
    void onQueryFinished();
    void rebuildReport();
    void updateSummary();
    void updateEmptyState();
    void chooseExportFile();
    QString periodRangeText() const;

    RecordFeed *m_feed;
    ConfigService *m_config;
    UsageTableModel *m_model;
    QComboBox *m_periodField;
    QComboBox *m_groupingField;
    QLabel *m_periodLabel;
    QLabel *m_groupingLabel;
    QPushButton *m_exportButton;
    QLabel *m_summary;
    QStackedWidget *m_stack;
    QSplitter *m_splitter;
    UsageChart *m_chart;
    QTableView *m_table;
    QLabel *m_empty;
    QLabel *m_status;
    QTimer *m_throttle;
    QFutureWatcher<QueryResult> *m_watcher;

    UsagePeriod::Kind m_period = UsagePeriod::Kind::Last7Days;
    UsageReport::Grouping m_grouping = UsageReport::Grouping::Model;
    QList<UsageCell> m_cells; // of the period shown
    QString m_queryError;
    UsagePeriod::Kind m_shownPeriod = UsagePeriod::Kind::Last7Days; // the period m_cells belong to
    QDate m_shownFirstDay; // invalid for all time
    QDate m_shownToday;
    UsagePeriod::Kind m_runningPeriod = UsagePeriod::Kind::Last7Days;
    QDate m_runningFirstDay;
    QDate m_runningToday;
    QElapsedTimer m_lastQueryStarted;
    bool m_loaded = false; // a result has been shown
    bool m_stale = true; // the records changed since the last query
    bool m_pending = false; // records changed while a query was running
    int m_queriesStarted = 0;
};
