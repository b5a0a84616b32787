#include "RecordsPage.h"

#include "ListTable.h"
#include "RecordDetailDialog.h"
#include "RecordFeed.h"
#include "RecordTableModel.h"
#include "config/ConfigService.h"
#include "store/RecordExport.h"
#include "store/RecordStore.h"

#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

RecordsPage::RecordsPage(RecordFeed *feed, RecordStore *store, ConfigService *config, QWidget *parent)
    : QWidget(parent)
    , m_feed(feed)
    , m_store(store)
    , m_config(config)
    , m_model(new RecordTableModel(feed->database(), this))
    , m_status(new QComboBox(this))
    , m_platform(new QComboBox(this))
    , m_modelFilter(new QLineEdit(this))
    , m_search(new QLineEdit(this))
    , m_details(new QPushButton(this))
    , m_export(new QPushButton(this))
    , m_clear(new QPushButton(this))
    , m_count(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_table(new QTableView(this))
    , m_empty(new QLabel(this))
    , m_filterDelay(new QTimer(this))
{
    setObjectName(QStringLiteral("RecordsPage"));
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_platform->setObjectName(QStringLiteral("platformFilter"));
    m_modelFilter->setObjectName(QStringLiteral("modelFilter"));
    m_search->setObjectName(QStringLiteral("search"));
    m_details->setObjectName(QStringLiteral("detailsButton"));
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_clear->setObjectName(QStringLiteral("clearButton"));
    m_count->setObjectName(QStringLiteral("count"));
    m_table->setObjectName(QStringLiteral("recordsTable"));
    m_empty->setObjectName(QStringLiteral("emptyState"));
    m_modelFilter->setClearButtonEnabled(true);
    m_search->setClearButtonEnabled(true);

    m_table->setModel(m_model);
    ListTable::applyLook(m_table);
    m_table->horizontalHeader()->setSectionResizeMode(RecordTableModel::RouteColumn, QHeaderView::Stretch);
    const QFontMetrics metrics = m_table->fontMetrics();
    m_table->setColumnWidth(RecordTableModel::TimeColumn, metrics.horizontalAdvance(QStringLiteral("00:00:00")) + 24);
    m_table->setColumnWidth(
        RecordTableModel::StatusColumn, metrics.horizontalAdvance(QStringLiteral("401 authentication_error")) + 40);
    m_table->setColumnWidth(
        RecordTableModel::TokensColumn, metrics.horizontalAdvance(QStringLiteral("200,000 \u2192 20,000")) + 16);
    m_table->setColumnWidth(
        RecordTableModel::DurationColumn, metrics.horizontalAdvance(QStringLiteral("000.00 s")) + 20);
    m_table->setColumnWidth(
        RecordTableModel::FirstByteColumn, metrics.horizontalAdvance(QStringLiteral("000.00 s")) + 20);

    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_empty->setMargin(40);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_empty);

    auto *filters = new QHBoxLayout;
    filters->setSpacing(8);
    filters->addWidget(m_search, 3);
    filters->addWidget(m_status);
    filters->addWidget(m_platform);
    filters->addWidget(m_modelFilter, 1);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_count, 1);
    actions->addWidget(m_details);
    actions->addWidget(m_export);
    actions->addWidget(m_clear);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_stack, 1);
    layout->addLayout(actions);

    m_filterDelay->setSingleShot(true);
    m_filterDelay->setInterval(250);
    connect(m_filterDelay, &QTimer::timeout, this, &RecordsPage::applyFilter);
    connect(m_search, &QLineEdit::textChanged, m_filterDelay, qOverload<>(&QTimer::start));
    connect(m_modelFilter, &QLineEdit::textChanged, m_filterDelay, qOverload<>(&QTimer::start));
    connect(m_status, &QComboBox::currentIndexChanged, this, &RecordsPage::applyFilter);
    connect(m_platform, &QComboBox::currentIndexChanged, this, &RecordsPage::applyFilter);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) { openDetails(index.row()); });
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) { openDetails(index.row()); });
    connect(m_details, &QPushButton::clicked, this, [this] { openDetails(m_table->currentIndex().row()); });
    connect(m_clear, &QPushButton::clicked, this, &RecordsPage::clearRecords);
    connect(m_feed, &RecordFeed::recordsAdded, m_model, &RecordTableModel::appendNew);
    connect(m_feed, &RecordFeed::recordsCleared, m_model, &RecordTableModel::reload);
    connect(m_model, &RecordTableModel::totalCountChanged, this, &RecordsPage::updateEmptyState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &RecordsPage::updateEmptyState);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        [this] { m_details->setEnabled(m_table->selectionModel()->hasSelection()); });
    if (m_config)
        connect(m_config, &ConfigService::configChanged, this, &RecordsPage::refreshPlatformChoices);

    auto *exportMenu = new QMenu(this);
    exportMenu->setObjectName(QStringLiteral("exportMenu"));
    m_export->setMenu(exportMenu);

    retranslateUi();
    refreshPlatformChoices();
    m_model->reload();
    m_details->setEnabled(false);
}

void RecordsPage::retranslateUi()
{
    m_search->setPlaceholderText(tr("Search id, model, platform, session, error (Ctrl+F)"));
    m_modelFilter->setPlaceholderText(tr("Model (exact)"));
    const int statusIndex = qMax(0, m_status->currentIndex());
    m_status->blockSignals(true);
    m_status->clear();
    m_status->addItem(tr("Any status"), int(RecordFilter::StatusClass::Any));
    m_status->addItem(tr("Succeeded (2xx)"), int(RecordFilter::StatusClass::Success));
    m_status->addItem(tr("Failed"), int(RecordFilter::StatusClass::Failed));
    m_status->addItem(tr("Client errors (4xx)"), int(RecordFilter::StatusClass::ClientError));
    m_status->addItem(tr("Server errors (5xx)"), int(RecordFilter::StatusClass::ServerError));
    m_status->addItem(tr("No answer"), int(RecordFilter::StatusClass::NoResponse));
    m_status->setCurrentIndex(statusIndex);
    m_status->blockSignals(false);
    m_details->setText(tr("Details\u2026"));
    m_details->setToolTip(tr("Request, response and route of the selected call (Enter)"));
    m_export->setText(tr("Export"));
    m_clear->setText(tr("Clear records\u2026"));
    QMenu *menu = m_export->menu();
    if (menu) {
        menu->clear();
        QAction *selection = menu->addAction(tr("Export selected calls as JSON Lines\u2026"));
        selection->setObjectName(QStringLiteral("exportSelection"));
        connect(selection, &QAction::triggered, this, [this] { exportRecords(true); });
        QAction *all = menu->addAction(tr("Export all matching calls as JSON Lines\u2026"));
        all->setObjectName(QStringLiteral("exportAll"));
        connect(all, &QAction::triggered, this, [this] { exportRecords(false); });
    }
    refreshPlatformChoices();
    updateEmptyState();
}

void RecordsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void RecordsPage::refreshPlatformChoices()
{
    const QString selected = m_platform->currentData().toString();
    m_platform->blockSignals(true);
    m_platform->clear();
    m_platform->addItem(tr("Any platform"), QString());
    if (m_config) {
        for (const PlatformConfig &platform : m_config->current().platforms)
            m_platform->addItem(platform.name.isEmpty() ? platform.id : platform.name, platform.id);
    }
    const int index = m_platform->findData(selected);
    m_platform->setCurrentIndex(index < 0 ? 0 : index);
    m_platform->blockSignals(false);
}

void RecordsPage::applyFilter()
{
    RecordFilter filter;
    filter.statusClass = RecordFilter::StatusClass(m_status->currentData().toInt());
    filter.platformId = m_platform->currentData().toString();
    filter.model = m_modelFilter->text().trimmed();
    filter.text = m_search->text().trimmed();
    m_model->setFilter(filter);
}

void RecordsPage::setProxyAddress(const QString &baseUrl)
{
    m_baseUrl = baseUrl;
    updateEmptyState();
}

void RecordsPage::updateEmptyState()
{
    const qint64 total = m_model->totalCount();
    if (total < 0)
        m_count->setText(tr("Counting calls\u2026"));
    else
        m_count->setText(tr("%n call(s)", nullptr, int(qMin<qint64>(total, INT_MAX))));
    const RecordFilter &filter = m_model->filter();
    const bool filtered = filter.statusClass != RecordFilter::StatusClass::Any || !filter.platformId.isEmpty()
        || !filter.model.isEmpty() || !filter.text.isEmpty();
    if (m_model->rowCount() > 0) {
        m_stack->setCurrentWidget(m_table);
        return;
    }
    if (!m_model->lastError().isEmpty())
        m_empty->setText(tr("The records cannot be read: %1").arg(m_model->lastError()));
    else if (filtered)
        m_empty->setText(tr("No call matches these filters."));
    else
        m_empty->setText(tr("<h3>No calls yet</h3><p>Point Claude Code at Switchyard and every call appears here as "
                            "it happens:</p><p><code>export ANTHROPIC_BASE_URL=%1</code></p><p>or use "
                            "<b>Configure Claude Code\u2026</b> in the tray menu.</p>")
                             .arg(m_baseUrl.isEmpty() ? QStringLiteral("http://127.0.0.1:8000") : m_baseUrl));
    m_stack->setCurrentWidget(m_empty);
}

QWidget *RecordsPage::openDetails(int row)
{
    const StoredRecord *listed = m_model->recordAt(row);
    if (!listed)
        return nullptr;
    QString error;
    const std::optional<StoredRecord> stored = RecordQuery(m_feed->database()).get(listed->record.id, &error);
    if (!stored) {
        QMessageBox::warning(this, tr("Call details"), tr("This call cannot be shown: %1").arg(error));
        return nullptr;
    }
    auto *dialog = new RecordDetailDialog(*stored, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void RecordsPage::focusSearch()
{
    m_search->setFocus();
    m_search->selectAll();
}

void RecordsPage::exportRecords(bool selectionOnly)
{
    QList<qint64> ids;
    if (selectionOnly) {
        const QModelIndexList rows = m_table->selectionModel()->selectedRows();
        for (const QModelIndex &index : rows)
            ids << index.data(RecordTableModel::RecordIdRole).toLongLong();
        std::sort(ids.begin(), ids.end());
        if (ids.isEmpty()) {
            QMessageBox::information(this, tr("Export"), tr("Select the calls to export first."));
            return;
        }
    }
    const QString suggested = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                  .filePath(QStringLiteral("switchyard-calls.jsonl"));
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Export calls"), suggested, tr("JSON Lines (*.jsonl);;All files (*)"));
    if (path.isEmpty())
        return;
    // Written on a worker thread with its own database connection: the window stays responsive.
    m_export->setEnabled(false);
    const QString dataDir = m_feed->dataDir();
    const RecordFilter filter = m_model->filter();
    auto *watcher = new QFutureWatcher<QPair<qint64, QString>>(this);
    connect(watcher, &QFutureWatcher<QPair<qint64, QString>>::finished, this, [this, watcher, path] {
        const auto [written, error] = watcher->result();
        watcher->deleteLater();
        m_export->setEnabled(true);
        if (written < 0)
            QMessageBox::warning(this, tr("Export"), tr("The export failed: %1").arg(error));
        else
            m_count->setText(
                tr("Exported %n call(s) to %1", nullptr, int(written)).arg(QDir::toNativeSeparators(path)));
    });
    watcher->setFuture(QtConcurrent::run([dataDir, ids, filter, path] {
        QString error;
        const qint64 written = RecordExport::writeFile(dataDir, ids, filter, path, &error);
        return qMakePair(written, error);
    }));
}

void RecordsPage::clearRecords()
{
    const auto answer = QMessageBox::question(this, tr("Clear records"),
        tr("Delete every recorded call (%n call(s)), with their requests and responses? This cannot be undone. The "
           "usage statistics are kept.",
            nullptr, int(qMin<qint64>(RecordQuery(m_feed->database()).count(), INT_MAX))),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes || !m_store)
        return;
    m_clear->setEnabled(false);
    connect(
        m_store, &RecordStore::recordsCleared, this,
        [this](bool ok, const QString &error) {
            m_clear->setEnabled(true);
            if (!ok)
                QMessageBox::warning(this, tr("Clear records"), tr("The records could not be deleted: %1").arg(error));
        },
        Qt::SingleShotConnection);
    m_store->clearRecords();
}
