#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTimer;
class RecordFeed;
class RecordStore;
class RecordTableModel;
class ConfigService;

// Every call, live: filters, the list (RecordTableModel), a detail view, export to JSON Lines, clearing.
class RecordsPage : public QWidget
{
    Q_OBJECT
public:
    RecordsPage(RecordFeed *feed, RecordStore *store, ConfigService *config, QWidget *parent = nullptr);

    RecordTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    // Opens the detail view of a row (also on double-click / Enter); returns the dialog (not modal).
    QWidget *openDetails(int row);
    void focusSearch();
    void setProxyAddress(const QString &baseUrl);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void applyFilter();
    void refreshPlatformChoices();
    void updateEmptyState();
    void exportRecords(bool selectionOnly);
    void clearRecords();

    RecordFeed *m_feed;
    RecordStore *m_store;
    ConfigService *m_config;
    RecordTableModel *m_model;
    QComboBox *m_status;
    QComboBox *m_platform;
    QLineEdit *m_modelFilter;
    QLineEdit *m_search;
    QPushButton *m_details;
    QPushButton *m_export;
    QPushButton *m_clear;
    QLabel *m_count;
    QStackedWidget *m_stack;
    QTableView *m_table;
    QLabel *m_empty;
    QTimer *m_filterDelay;
    QString m_baseUrl;
};
