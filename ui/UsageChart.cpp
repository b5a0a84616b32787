#include "UsageChart.h"

#include "UsageText.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QCursor>
#include <QEvent>
#include <QHorizontalStackedBarSeries>
#include <QStackedBarSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>

namespace {

// Two colours that read well on light and dark backgrounds.
const QColor kInputColor(0x4e, 0x79, 0xa7);
const QColor kOutputColor(0xf2, 0x8e, 0x2b);
constexpr int kLabelCharacters = 30;
constexpr int kFewBars = 6; // below this, bars get narrower instead of filling the chart

struct TokenScale
{
    double divisor = 1;
    QString title;
};

TokenScale scaleFor(qint64 largest)
{
    if (largest >= 1'000'000)
        return {1'000'000, UsageChart::tr("Tokens (millions)")};
    if (largest >= 10'000)
        return {1'000, UsageChart::tr("Tokens (thousands)")};
    return {1, UsageChart::tr("Tokens")};
}

QString elided(const QString &text)
{
    if (text.size() <= kLabelCharacters)
        return text;
    const int half = (kLabelCharacters - 1) / 2;
    return text.left(half) + QChar(0x2026) + text.right(kLabelCharacters - 1 - half);
}

} // namespace

UsageChart::UsageChart(QWidget *parent)
    : QChartView(parent)
{
    setObjectName(QStringLiteral("usageChart"));
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(200);
    setFrameShape(QFrame::NoFrame);
    rebuild();
}

void UsageChart::showReport(const UsageReport &report, UsageReport::Grouping grouping, QDate firstDay, QDate lastDay)
{
    m_report = report;
    m_grouping = grouping;
    m_firstDay = firstDay;
    m_lastDay = lastDay;
    rebuild();
}

void UsageChart::rebuild()
{
    if (m_rebuilding)
        return;
    m_rebuilding = true;
    // A new chart each time: axes removed from a chart can leave their labels drawn behind.
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignTop);
    m_dayAxis = nullptr;
    m_labels.clear();
    m_toolTipTitles.clear();
    m_inputAndCache.clear();
    m_output.clear();

    const QPalette palette = this->palette();
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundBrush(palette.color(QPalette::Base));
    chart->setBackgroundPen(Qt::NoPen);
    const QColor text = palette.color(QPalette::Text);
    QColor grid = palette.color(QPalette::Text);
    grid.setAlpha(40);
    QFont labelFont = font();
    if (labelFont.pointSizeF() > 7)
        labelFont.setPointSizeF(labelFont.pointSizeF() - 1);
    chart->setTitleBrush(text);
    chart->setTitleFont(font());
    chart->legend()->setLabelColor(text);
    chart->legend()->setFont(labelFont);

    const bool byDay = m_grouping == UsageReport::Grouping::Day;
    if (byDay) {
        QHash<QString, const UsageReport::Row *> rowOfDay;
        for (const UsageReport::Row &row : m_report.rows)
            rowOfDay.insert(row.key, &row);
        QDate first = m_firstDay;
        QDate last = m_lastDay;
        if (!m_report.rows.isEmpty()) {
            const QDate firstReported = QDate::fromString(m_report.rows.constFirst().key, Qt::ISODate);
            const QDate lastReported = QDate::fromString(m_report.rows.constLast().key, Qt::ISODate);
            if (!first.isValid() || (firstReported.isValid() && firstReported < first))
                first = firstReported;
            if (!last.isValid() || (lastReported.isValid() && lastReported > last))
                last = lastReported;
        }
        if (first.isValid() && last.isValid()) {
            const QString format = first.year() == last.year() ? QStringLiteral("MM-dd") : QStringLiteral("yyyy-MM-dd");
            for (QDate day = first; day <= last; day = day.addDays(1)) {
                const UsageReport::Row *row = rowOfDay.value(day.toString(Qt::ISODate));
                m_labels << day.toString(format);
                m_toolTipTitles << QLocale().toString(day, QLocale::LongFormat);
                m_inputAndCache << (row ? row->inputTokens + row->cacheReadInputTokens + row->cacheCreationInputTokens
                                        : 0);
                m_output << (row ? row->outputTokens : 0);
            }
        }
        chart->setTitle(tr("Tokens per day"));
    } else {
        QList<UsageReport::Row> top = m_report.rows;
        std::stable_sort(top.begin(), top.end(),
            [](const UsageReport::Row &a, const UsageReport::Row &b) { return a.totalTokens() > b.totalTokens(); });
        if (top.size() > kTopRows)
            top.resize(kTopRows);
        std::reverse(top.begin(), top.end()); // the first category is drawn at the bottom
        for (const UsageReport::Row &row : top) {
            const QString label = UsageText::groupLabel(m_grouping, row.key);
            QString shown = elided(label);
            while (m_labels.contains(shown))
                shown += QLatin1Char(' ');
            m_labels << shown;
            m_toolTipTitles << label;
            m_inputAndCache << row.inputTokens + row.cacheReadInputTokens + row.cacheCreationInputTokens;
            m_output << row.outputTokens;
        }
        const QString title = m_grouping == UsageReport::Grouping::Model ? tr("Tokens per model")
            : m_grouping == UsageReport::Grouping::Platform              ? tr("Tokens per platform")
                                                                         : tr("Tokens per client key");
        chart->setTitle(m_report.rows.size() > kTopRows
                ? tr("%1 (top %2 of %3)").arg(title).arg(kTopRows).arg(m_report.rows.size())
                : title);
    }

    qint64 largest = 0;
    for (int i = 0; i < m_labels.size(); ++i)
        largest = qMax(largest, m_inputAndCache.at(i) + m_output.at(i));
    const TokenScale scale = scaleFor(largest);

    auto *input = new QBarSet(tr("Input + cache"));
    auto *output = new QBarSet(tr("Output"));
    for (int i = 0; i < m_labels.size(); ++i) {
        input->append(double(m_inputAndCache.at(i)) / scale.divisor);
        output->append(double(m_output.at(i)) / scale.divisor);
    }
    QAbstractBarSeries *series = byDay ? static_cast<QAbstractBarSeries *>(new QStackedBarSeries)
                                       : static_cast<QAbstractBarSeries *>(new QHorizontalStackedBarSeries);
    series->append(input);
    series->append(output);
    const int bars = int(m_labels.size());
    series->setBarWidth(bars >= kFewBars ? 0.8 : 0.8 * qMax(1, bars) / kFewBars);
    chart->addSeries(series);
    for (QBarSet *set : {input, output}) {
        const QColor color = set == input ? kInputColor : kOutputColor;
        set->setColor(color);
        set->setBorderColor(color);
    }
    connect(series, &QAbstractBarSeries::hovered, this,
        [this](bool hovering, int index, QBarSet *) { showBarToolTip(hovering, index); });

    auto *values = new QValueAxis;
    values->setTitleText(scale.title);
    values->setLabelFormat(QStringLiteral("%g"));
    values->setRange(0, largest > 0 ? double(largest) / scale.divisor : 1);
    values->setTickCount(5);
    values->applyNiceNumbers();
    QAbstractAxis *categories = nullptr;
    if (byDay) {
        m_dayAxis = new QCategoryAxis;
        m_dayAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
        m_dayAxis->setStartValue(-0.5);
        m_dayAxis->setRange(-0.5, qMax(1, bars) - 0.5);
        m_dayAxis->setGridLineVisible(false);
        categories = m_dayAxis;
        chart->addAxis(categories, Qt::AlignBottom);
        chart->addAxis(values, Qt::AlignLeft);
    } else {
        auto *groups = new QBarCategoryAxis;
        groups->append(m_labels);
        groups->setGridLineVisible(false);
        categories = groups;
        chart->addAxis(categories, Qt::AlignLeft);
        chart->addAxis(values, Qt::AlignBottom);
    }
    series->attachAxis(categories);
    series->attachAxis(values);
    for (QAbstractAxis *axis : {categories, static_cast<QAbstractAxis *>(values)}) {
        axis->setLabelsColor(text);
        axis->setLabelsFont(labelFont);
        axis->setTitleBrush(text);
        axis->setTitleFont(labelFont);
        axis->setLinePenColor(grid);
        axis->setGridLineColor(grid);
    }
    QChart *previous = this->chart();
    setChart(chart);
    delete previous;
    updateDayLabels();
    m_rebuilding = false;
}

void UsageChart::updateDayLabels()
{
    if (!m_dayAxis)
        return;
    const QStringList old = m_dayAxis->categoriesLabels();
    for (const QString &label : old)
        m_dayAxis->remove(label);
    if (m_labels.isEmpty())
        return;
    const int labelWidth = fontMetrics().horizontalAdvance(m_labels.constLast()) + 16;
    const int available = qMax(labelWidth, width() - 90);
    const int fitting = qMax(1, available / labelWidth);
    const int step = int((m_labels.size() + fitting - 1) / fitting);
    // The last day is always labelled; the others every `step` days back from it.
    const int last = int(m_labels.size()) - 1;
    const int firstLabelled = last % step;
    for (int i = firstLabelled; i <= last; i += step)
        m_dayAxis->append(m_labels.at(i), i);
}

void UsageChart::showBarToolTip(bool hovering, int index)
{
    if (!hovering || index < 0 || index >= m_labels.size()) {
        QToolTip::hideText();
        return;
    }
    const QLocale locale;
    QToolTip::showText(QCursor::pos(),
        tr("%1\nInput + cache: %2 tokens\nOutput: %3 tokens")
            .arg(m_toolTipTitles.at(index), locale.toString(m_inputAndCache.at(index)),
                locale.toString(m_output.at(index))),
        this);
}

void UsageChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::LanguageChange
        || event->type() == QEvent::FontChange)
        rebuild();
}

void UsageChart::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    updateDayLabels();
}
