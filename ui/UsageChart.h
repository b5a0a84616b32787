#pragma once

#include "store/UsageReport.h"

#include <QChartView>
#include <QDate>
#include <QList>
#include <QStringList>

class QCategoryAxis;

// The statistics chart (Qt Charts). Grouped by day: one bar per day of the period (days without calls at
// zero), input and cache tokens stacked under output tokens. Grouped otherwise: the top rows by total tokens as
// horizontal stacked bars. Colours follow the palette (light or dark); day labels are thinned to fit the width.
class UsageChart : public QChartView
{
    Q_OBJECT
public:
    static constexpr int kTopRows = 10;

    explicit UsageChart(QWidget *parent = nullptr);

    // `firstDay` and `lastDay` bound the day bars; invalid ones are taken from the report's first and last day.
    void showReport(const UsageReport &report, UsageReport::Grouping grouping, QDate firstDay, QDate lastDay);

    // What the bars show, in the order they are drawn (days oldest first; groups smallest first, i.e. bottom
    // to top): their labels, and the tokens of each part.
    QStringList barLabels() const { return m_labels; }
    QList<qint64> inputAndCacheTokens() const { return m_inputAndCache; }
    QList<qint64> outputTokens() const { return m_output; }

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void rebuild();
    void updateDayLabels();
    void showBarToolTip(bool hovering, int index);

    UsageReport m_report;
    UsageReport::Grouping m_grouping = UsageReport::Grouping::Model;
    QDate m_firstDay;
    QDate m_lastDay;
    QStringList m_labels;
    QStringList m_toolTipTitles;
    QList<qint64> m_inputAndCache;
    QList<qint64> m_output;
    QCategoryAxis *m_dayAxis = nullptr;
    bool m_rebuilding = false;
};
