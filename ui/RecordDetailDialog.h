#pragma once

#include "store/RecordQuery.h"

#include <QDialog>

class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTreeWidget;

// One call in full: what was asked, what was answered (a stream's events listed one by one), the route
// decision and its attempts, with copy buttons. Reads the record's bodies once, when it opens.
class RecordDetailDialog : public QDialog
{
    Q_OBJECT
public:
    RecordDetailDialog(const StoredRecord &stored, QWidget *parent = nullptr);

    // Bodies above this size are shown without colours (highlighting megabytes would freeze the window).
    static constexpr int kHighlightLimitBytes = 512 * 1024;

    QTabWidget *tabs() const { return m_tabs; }
    QString requestText() const;
    QString responseText() const;
    QString routeText() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void build();
    void retranslateUi();
    QWidget *textTab(QPlainTextEdit *editor, const QString &copyObjectName);
    void fillOverview();

    StoredRecord m_stored;
    QTabWidget *m_tabs = nullptr;
    QWidget *m_overview = nullptr;
    QFormLayout *m_overviewForm = nullptr;
    QPlainTextEdit *m_request = nullptr;
    QPlainTextEdit *m_response = nullptr;
    QPlainTextEdit *m_route = nullptr;
    QTreeWidget *m_events = nullptr;
    QTreeWidget *m_attempts = nullptr;
    QLabel *m_title = nullptr;
};
