#include "StatisticsPage.h"

#include "ListTable.h"
#include "RecordFeed.h"
#include "StatusLabel.h"
#include "UsageChart.h"
#include "UsageCsv.h"
#include "UsageTableModel.h"
#include "UsageText.h"
#include "common/Logging.h"
#include "config/ConfigService.h"
#include "store/Database.h"

#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

StatisticsPage::StatisticsPage(RecordFeed *feed, ConfigService *config, QWidget *parent)
    : QWidget(parent)
    , m_feed(feed)
    , m_config(config)
    , m_model(new UsageTableModel(this))
    , m_periodField(new QComboBox(this))
    , m_groupingField(new QComboBox(this))
    , m_periodLabel(new QLabel(this))
    , m_groupingLabel(new QLabel(this))
    , m_exportButton(new QPushButton(this))
    , m_summary(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_chart(new UsageChart(this))
    , m_table(new QTableView(this))
    , m_empty(new QLabel(this))
    , m_status(StatusLabel::create(this, QStringLiteral("statusLabel")))
    , m_throttle(new QTimer(this))
    , m_watcher(new QFutureWatcher<QueryResult>(this))
{
    setObjectName(QStringLiteral("StatisticsPage"));
    m_periodField->setObjectName(QStringLiteral("periodField"));
    m_groupingField->setObjectName(QStringLiteral("groupingField"));
    m_exportButton->setObjectName(QStringLiteral("exportCsvButton"));
    m_summary->setObjectName(QStringLiteral("summary"));
    m_table->setObjectName(QStringLiteral("usageTable"));
    m_empty->setObjectName(QStringLiteral("emptyState"));
    m_periodLabel->setBuddy(m_periodField);
    m_groupingLabel->setBuddy(m_groupingField);

    m_table->setModel(m_model);
    ListTable::applyLook(m_table);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(UsageTableModel::GroupColumn, QHeaderView::Stretch);
    m_table->sortByColumn(UsageTableModel::CostColumn, Qt::DescendingOrder);

    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setMargin(40);
    m_splitter->addWidget(m_chart);
    m_splitter->addWidget(m_table);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({3000, 2000}); // in proportion: the chart a little more than half
    m_stack->addWidget(m_splitter);
    m_stack->addWidget(m_empty);

    auto *controls = new QHBoxLayout;
    controls->setSpacing(8);
    controls->addWidget(m_periodLabel);
    controls->addWidget(m_periodField);
    controls->addSpacing(12);
    controls->addWidget(m_groupingLabel);
    controls->addWidget(m_groupingField);
    controls->addStretch(1);
    controls->addWidget(m_exportButton);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_summary);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_status);

    m_throttle->setSingleShot(true);
    connect(m_throttle, &QTimer::timeout, this, [this] {
        if (isVisible())
            scheduleRefresh();
    });
    connect(m_watcher, &QFutureWatcher<QueryResult>::finished, this, &StatisticsPage::onQueryFinished);
    connect(m_periodField, &QComboBox::currentIndexChanged, this,
        [this] { setPeriod(UsagePeriod::Kind(m_periodField->currentData().toInt())); });
    connect(m_groupingField, &QComboBox::currentIndexChanged, this,
        [this] { setGrouping(UsageReport::Grouping(m_groupingField->currentData().toInt())); });
    connect(m_exportButton, &QPushButton::clicked, this, &StatisticsPage::chooseExportFile);
    if (m_feed) {
        connect(m_feed, &RecordFeed::batchStored, this, &StatisticsPage::onCallsCounted);
        connect(m_feed, &RecordFeed::recordsCleared, this, &StatisticsPage::onRecordsCleared);
    }
    if (m_config)
        connect(m_config, &ConfigService::configChanged, this, &StatisticsPage::rebuildReport);

    retranslateUi();
    rebuildReport();
}

StatisticsPage::~StatisticsPage()
{
    // The worker reads the data folder: let it finish before the folder may go away.
    m_watcher->waitForFinished();
}

void StatisticsPage::retranslateUi()
{
    m_periodLabel->setText(tr("&Period:"));
    m_groupingLabel->setText(tr("&Group by:"));
    const QSignalBlocker periodBlocker(m_periodField);
    m_periodField->clear();
    m_periodField->addItem(tr("Today"), int(UsagePeriod::Kind::Today));
    m_periodField->addItem(tr("Last 7 days"), int(UsagePeriod::Kind::Last7Days));
    m_periodField->addItem(tr("Last 30 days"), int(UsagePeriod::Kind::Last30Days));
    m_periodField->addItem(tr("This month"), int(UsagePeriod::Kind::ThisMonth));
    m_periodField->addItem(tr("All time"), int(UsagePeriod::Kind::AllKept));
    m_periodField->setCurrentIndex(m_periodField->findData(int(m_period)));
    m_periodField->setToolTip(tr("In local days. Calls are counted as they are recorded, and stay counted when "
                                 "retention prunes the records or they are cleared."));
    const QSignalBlocker groupingBlocker(m_groupingField);
    m_groupingField->clear();
    for (UsageReport::Grouping grouping : {UsageReport::Grouping::Model, UsageReport::Grouping::Platform,
             UsageReport::Grouping::ClientKey, UsageReport::Grouping::Day})
        m_groupingField->addItem(UsageText::groupingName(grouping), int(grouping));
    m_groupingField->setCurrentIndex(m_groupingField->findData(int(m_grouping)));
    m_exportButton->setText(tr("Export CSV\u2026"));
    m_exportButton->setToolTip(tr("Save this table as a CSV file"));
    m_empty->setText(tr("No model calls in this period."));
    m_model->retranslate();
    updateSummary();
}

void StatisticsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void StatisticsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale || !m_loaded)
        refresh();
}

void StatisticsPage::setPeriod(UsagePeriod::Kind period)
{
    if (m_periodField->currentData().toInt() != int(period)) {
        const QSignalBlocker blocker(m_periodField);
        m_periodField->setCurrentIndex(m_periodField->findData(int(period)));
    }
    if (period == m_period)
        return;
    m_period = period;
    m_stale = true;
    if (isVisible())
        refresh();
}

void StatisticsPage::setGrouping(UsageReport::Grouping grouping)
{
    if (m_groupingField->currentData().toInt() != int(grouping)) {
        const QSignalBlocker blocker(m_groupingField);
        m_groupingField->setCurrentIndex(m_groupingField->findData(int(grouping)));
    }
    if (grouping == m_grouping)
        return;
    const bool wasByDay = m_grouping == UsageReport::Grouping::Day;
    m_grouping = grouping;
    // Days read newest first; other groups by what they cost (then by tokens).
    if (grouping == UsageReport::Grouping::Day)
        m_table->sortByColumn(UsageTableModel::GroupColumn, Qt::DescendingOrder);
    else if (wasByDay)
        m_table->sortByColumn(UsageTableModel::CostColumn, Qt::DescendingOrder);
    rebuildReport();
}

bool StatisticsPage::isQueryRunning() const
{
    return m_watcher->isRunning();
}

void StatisticsPage::onCallsCounted()
{
    m_stale = true;
    if (isVisible())
        scheduleRefresh();
}

void StatisticsPage::onRecordsCleared()
{
    // The usage table outlives the records; read it again all the same, so the page shows what the store has.
    m_stale = true;
    if (isVisible())
        refresh();
}

void StatisticsPage::refresh()
{
    m_throttle->stop();
    if (isQueryRunning()) {
        m_pending = true;
        return;
    }
    startQuery();
}

void StatisticsPage::scheduleRefresh()
{
    if (isQueryRunning()) {
        m_pending = true;
        return;
    }
    const qint64 sinceLast = m_lastQueryStarted.isValid() ? m_lastQueryStarted.elapsed() : kRefreshIntervalMs;
    if (sinceLast >= kRefreshIntervalMs) {
        startQuery();
        return;
    }
    if (!m_throttle->isActive())
        m_throttle->start(int(kRefreshIntervalMs - sinceLast));
}

void StatisticsPage::startQuery()
{
    m_throttle->stop();
    m_pending = false;
    m_stale = false;
    m_runningPeriod = m_period;
    const QDateTime now = QDateTime::currentDateTime();
    m_runningToday = now.date();
    UsageFilter filter;
    filter.from = UsagePeriod(m_period).startAt(now);
    m_runningFirstDay = filter.from.isValid() ? filter.from.date() : QDate();
    ++m_queriesStarted;
    m_lastQueryStarted.start();
    const QString dataDir = m_feed ? m_feed->dataDir() : QString();
    m_watcher->setFuture(QtConcurrent::run(&StatisticsPage::runQuery, dataDir, filter));
}

StatisticsPage::QueryResult StatisticsPage::runQuery(const QString &dataDir, const UsageFilter &filter)
{
    QueryResult result;
    if (dataDir.isEmpty()) {
        result.error = QStringLiteral("no data folder");
        return result;
    }
    QElapsedTimer timer;
    timer.start();
    Database db;
    if (!db.open(dataDir, QStringLiteral("statistics"), &result.error))
        return result;
    result.cells = RecordQuery(db).usageCells(filter, &result.error);
    result.elapsedMs = double(timer.nsecsElapsed()) / 1e6;
    return result;
}

void StatisticsPage::onQueryFinished()
{
    const QueryResult result = m_watcher->result();
    qCDebug(lcUi).noquote() << "statistics:" << result.cells.size() << "cells read in" << result.elapsedMs << "ms";
    // A result for another period than the one now chosen is not shown: the chosen one is read at once.
    if (m_runningPeriod != m_period) {
        startQuery();
        return;
    }
    m_queryError = result.error;
    if (result.error.isEmpty()) {
        m_cells = result.cells;
        m_shownPeriod = m_runningPeriod;
        m_shownFirstDay = m_runningFirstDay;
        m_shownToday = m_runningToday;
        m_loaded = true;
        StatusLabel::show(m_status, QString(), false);
    } else {
        StatusLabel::show(m_status, tr("The statistics cannot be read: %1").arg(result.error), true);
    }
    rebuildReport();
    if (m_pending)
        scheduleRefresh();
    Q_EMIT refreshed();
}

void StatisticsPage::rebuildReport()
{
    const std::shared_ptr<const Config> config = m_config ? m_config->snapshot() : std::make_shared<const Config>();
    const UsageReport report = UsageReport::build(m_cells, m_grouping, *config);
    QHash<QString, QString> descriptions;
    if (m_grouping == UsageReport::Grouping::Platform || m_grouping == UsageReport::Grouping::Model) {
        for (const UsageReport::Row &row : report.rows) {
            const QString platformId
                = m_grouping == UsageReport::Grouping::Platform ? row.key : row.key.section(QLatin1Char(':'), 0, 0);
            if (const PlatformConfig *platform = config->findPlatform(platformId);
                platform && !platform->name.isEmpty() && platform->name != platform->id)
                descriptions.insert(row.key, platform->name);
        }
    } else if (m_grouping == UsageReport::Grouping::ClientKey) {
        for (const ClientKey &key : config->clientKeys) {
            if (!key.name.isEmpty() && key.name != key.id)
                descriptions.insert(key.id, key.name);
        }
    }
    m_model->setReport(report, m_grouping, descriptions);
    m_chart->showReport(report, m_grouping, m_shownFirstDay, m_shownToday);
    m_exportButton->setEnabled(!report.rows.isEmpty());
    updateSummary();
    updateEmptyState();
}

QString StatisticsPage::periodRangeText() const
{
    QDate first = m_shownFirstDay;
    QDate last = m_shownToday;
    if (m_shownPeriod == UsagePeriod::Kind::AllKept) {
        first = last = QDate();
        for (const UsageCell &cell : m_cells) {
            if (!first.isValid() || cell.day < first)
                first = cell.day;
            if (!last.isValid() || cell.day > last)
                last = cell.day;
        }
    }
    if (!first.isValid() || !last.isValid())
        return tr("All time");
    if (first == last)
        return first.toString(Qt::ISODate);
    return tr("%1 to %2").arg(first.toString(Qt::ISODate), last.toString(Qt::ISODate));
}

void StatisticsPage::updateSummary()
{
    if (!m_loaded) {
        m_summary->setText(m_queryError.isEmpty() ? tr("Reading the usage\u2026") : QString());
        m_summary->setToolTip(QString());
        return;
    }
    const UsageReport::Row &total = m_model->report().total;
    const QStringList parts {
        periodRangeText(),
        tr("%Ln call(s)", nullptr, int(qMin<qint64>(total.calls, INT_MAX))),
        tr("%1 failed").arg(UsageText::count(total.failedCalls)),
        tr("%1 tokens").arg(UsageText::count(total.totalTokens())),
        tr("cost %1").arg(UsageText::costWithMarker(total.cost, total.unpricedCalls)),
    };
    m_summary->setText(parts.join(QStringLiteral("  \u00b7  ")));
    m_summary->setToolTip(UsageText::unpricedExplanation(total.unpricedCalls));
}

void StatisticsPage::updateEmptyState()
{
    m_stack->setCurrentWidget(m_loaded && m_model->rowCount() == 0 ? static_cast<QWidget *>(m_empty) : m_splitter);
}

void StatisticsPage::chooseExportFile()
{
    const QString name = QStringLiteral("switchyard-usage-%1-%2.csv")
                             .arg(UsageCsv::groupColumnName(m_grouping).replace(QLatin1Char('_'), QLatin1Char('-')),
                                 (m_shownToday.isValid() ? m_shownToday : QDate::currentDate()).toString(Qt::ISODate));
    const QString suggested = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)).filePath(name);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export statistics"), suggested, tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        exportCsv(path);
}

bool StatisticsPage::exportCsv(const QString &path)
{
    const QByteArray csv = UsageCsv::build(m_model->rows(), m_model->report().total, m_grouping);
    QString error;
    if (!UsageCsv::writeFile(path, csv, &error)) {
        StatusLabel::show(m_status, tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), error), true);
        return false;
    }
    StatusLabel::show(m_status,
        tr("Exported %Ln row(s) to %1", nullptr, int(m_model->rows().size())).arg(QDir::toNativeSeparators(path)),
        false);
    return true;
}
