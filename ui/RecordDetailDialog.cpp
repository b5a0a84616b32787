#include "RecordDetailDialog.h"

#include "JsonHighlighter.h"
#include "RecordTableModel.h"
#include "protocol/SseParser.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

QPlainTextEdit *makeViewer(const QString &objectName, QWidget *parent)
{
    auto *editor = new QPlainTextEdit(parent);
    editor->setObjectName(objectName);
    editor->setReadOnly(true);
    editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return editor;
}

void setHighlightedText(QPlainTextEdit *editor, const QString &text)
{
    editor->setPlainText(text);
    if (text.size() <= RecordDetailDialog::kHighlightLimitBytes)
        new JsonHighlighter(editor->document());
}

QString headersText(const QByteArray &headersJson)
{
    const QJsonObject headers = QJsonDocument::fromJson(headersJson).object();
    QStringList lines;
    for (auto it = headers.constBegin(); it != headers.constEnd(); ++it)
        lines << it.key() + QStringLiteral(": ") + it.value().toVariant().toString();
    return lines.join(QLatin1Char('\n'));
}

} // namespace

RecordDetailDialog::RecordDetailDialog(const StoredRecord &stored, QWidget *parent)
    : QDialog(parent)
    , m_stored(stored)
{
    setObjectName(QStringLiteral("RecordDetailDialog"));
    resize(900, 640);
    build();
    retranslateUi();
}

QWidget *RecordDetailDialog::textTab(QPlainTextEdit *editor, const QString &copyObjectName)
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(editor, 1);
    auto *copy = new QPushButton(page);
    copy->setObjectName(copyObjectName);
    connect(copy, &QPushButton::clicked, this, [editor] { QApplication::clipboard()->setText(editor->toPlainText()); });
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(copy);
    layout->addLayout(row);
    return page;
}

void RecordDetailDialog::build()
{
    const CallRecord &r = m_stored.record;
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("title"));
    QFont font = m_title->font();
    font.setPointSizeF(font.pointSizeF() * 1.2);
    font.setBold(true);
    m_title->setFont(font);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("tabs"));

    m_overview = new QWidget(this);
    m_overviewForm = new QFormLayout(m_overview);
    m_overviewForm->setLabelAlignment(Qt::AlignRight);

    m_request = makeViewer(QStringLiteral("requestText"), this);
    QString request = headersText(r.requestHeadersJson);
    if (!request.isEmpty())
        request += QStringLiteral("\n\n");
    request += JsonHighlighter::prettyPrinted(r.requestBody);
    setHighlightedText(m_request, request);

    m_response = makeViewer(QStringLiteral("responseText"), this);
    m_events = new QTreeWidget(this);
    m_events->setObjectName(QStringLiteral("events"));
    m_events->setRootIsDecorated(false);
    m_events->setColumnCount(3);
    if (r.stream) {
        SseParser parser;
        std::vector<SseEvent> events;
        parser.feed(r.responseBody, events);
        parser.finish(events);
        QStringList pretty;
        int index = 0;
        for (const SseEvent &event : events) {
            if (!event.hasData)
                continue;
            const QString name = QString::fromUtf8(event.name.isEmpty() ? QByteArray("message") : event.name);
            auto *item = new QTreeWidgetItem(m_events);
            item->setText(0, QString::number(++index));
            item->setText(1, name);
            item->setText(2, QString::fromUtf8(event.data.left(300)));
            pretty << QStringLiteral("event: ") + name + QStringLiteral("\ndata: ")
                    + JsonHighlighter::prettyPrinted(event.data);
        }
        setHighlightedText(m_response, pretty.join(QStringLiteral("\n\n")));
        connect(m_events, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
            if (!item)
                return;
            const QString needle = QStringLiteral("event: ") + item->text(1);
            // Jump to the n-th event in the pretty text.
            QTextCursor cursor(m_response->document());
            const int wanted = item->text(0).toInt();
            for (int seen = 0; seen < wanted;) {
                cursor = m_response->document()->find(QStringLiteral("event: "), cursor);
                if (cursor.isNull())
                    return;
                ++seen;
            }
            m_response->setTextCursor(cursor);
            m_response->centerCursor();
        });
    } else {
        setHighlightedText(m_response, JsonHighlighter::prettyPrinted(r.responseBody));
        m_events->hide();
    }

    m_route = makeViewer(QStringLiteral("routeText"), this);
    setHighlightedText(m_route, JsonHighlighter::prettyPrinted(r.routeJson.toUtf8()));
    m_attempts = new QTreeWidget(this);
    m_attempts->setObjectName(QStringLiteral("attempts"));
    m_attempts->setRootIsDecorated(false);
    m_attempts->setColumnCount(4);
    const QJsonObject route = QJsonDocument::fromJson(r.routeJson.toUtf8()).object();
    int attemptIndex = 0;
    for (const QJsonValue &value : route.value(QLatin1String("attempts")).toArray()) {
        const QJsonObject attempt = value.toObject();
        auto *item = new QTreeWidgetItem(m_attempts);
        item->setText(0, QString::number(++attemptIndex));
        item->setText(1,
            attempt.value(QLatin1String("platform")).toString() + QLatin1Char(':')
                + attempt.value(QLatin1String("model")).toString());
        item->setText(2, QString::number(attempt.value(QLatin1String("status")).toInt()));
        item->setText(3, attempt.value(QLatin1String("result")).toString());
    }

    // Response tab: the events list above the pretty text.
    auto *responsePage = textTab(m_response, QStringLiteral("copyResponse"));
    if (r.stream) {
        auto *splitter = new QSplitter(Qt::Vertical, responsePage);
        auto *layout = static_cast<QVBoxLayout *>(responsePage->layout());
        layout->removeWidget(m_response);
        splitter->addWidget(m_events);
        splitter->addWidget(m_response);
        splitter->setStretchFactor(1, 2);
        layout->insertWidget(0, splitter, 1);
    }
    auto *routePage = textTab(m_route, QStringLiteral("copyRoute"));
    static_cast<QVBoxLayout *>(routePage->layout())->insertWidget(0, m_attempts);
    m_attempts->setMaximumHeight(140);

    m_tabs->addTab(m_overview, QString());
    m_tabs->addTab(textTab(m_request, QStringLiteral("copyRequest")), QString());
    m_tabs->addTab(responsePage, QString());
    m_tabs->addTab(routePage, QString());

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buttons);
}

void RecordDetailDialog::fillOverview()
{
    while (m_overviewForm->rowCount() > 0)
        m_overviewForm->removeRow(0);
    const CallRecord &r = m_stored.record;
    const QLocale locale;
    auto add = [this](const QString &label, const QString &value) {
        auto *field = new QLabel(value.isEmpty() ? QStringLiteral("\u2014") : value, m_overview);
        field->setTextInteractionFlags(Qt::TextSelectableByMouse);
        field->setWordWrap(true);
        m_overviewForm->addRow(label, field);
    };
    const QJsonObject route = QJsonDocument::fromJson(r.routeJson.toUtf8()).object();
    add(tr("Started"), locale.toString(r.startedAt.toLocalTime(), QLocale::LongFormat));
    add(tr("Request id"), r.requestId);
    add(tr("Endpoint"), r.method + QLatin1Char(' ') + r.endpoint + (r.stream ? tr(" (streamed)") : QString()));
    add(tr("Mode"), r.routingMode);
    add(tr("Route decision"), route.value(QLatin1String("reason")).toString());
    add(tr("Model asked for"), r.requestedModel);
    add(tr("Answered by"), r.platformId.isEmpty() ? QString() : r.platformId + QLatin1Char(':') + r.upstreamModel);
    add(tr("Status"),
        RecordTableModel::statusText(r)
            + (r.upstreamStatus > 0 ? tr(" (platform: %1)").arg(r.upstreamStatus) : QString()));
    if (!r.errorMessage.isEmpty())
        add(tr("Error"), r.errorMessage);
    add(tr("Tokens in \u2192 out"), RecordTableModel::tokensText(r));
    add(tr("Cache read / written"),
        (r.usage.cacheReadInputTokens >= 0 ? locale.toString(r.usage.cacheReadInputTokens) : QStringLiteral("\u2014"))
            + QStringLiteral(" / ")
            + (r.usage.cacheCreationInputTokens >= 0 ? locale.toString(r.usage.cacheCreationInputTokens)
                                                     : QStringLiteral("\u2014")));
    add(tr("Duration"), RecordTableModel::durationText(r.durationUs));
    add(tr("First byte"), RecordTableModel::durationText(r.firstByteUs));
    add(tr("Platform time"), RecordTableModel::durationText(r.upstreamDurationUs));
    if (r.upstreamDurationUs >= 0)
        add(tr("Added by Switchyard"), RecordTableModel::durationText(r.durationUs - r.upstreamDurationUs));
    add(tr("Client key"), r.clientKeyId);
    add(tr("Session"), r.sessionId);
    add(tr("Body sizes"),
        tr("request %1, response %2")
                .arg(locale.formattedDataSize(m_stored.requestBodySize),
                    locale.formattedDataSize(m_stored.responseBodySize))
            + (m_stored.bodiesStored ? QString() : tr(" (bodies not stored)")));
}

void RecordDetailDialog::retranslateUi()
{
    const CallRecord &r = m_stored.record;
    setWindowTitle(tr("Call %1").arg(r.requestId));
    m_title->setText(RecordTableModel::routeText(r) + QStringLiteral("  \u00b7  ") + RecordTableModel::statusText(r));
    m_tabs->setTabText(0, tr("Overview"));
    m_tabs->setTabText(1, tr("Request"));
    m_tabs->setTabText(
        2, r.stream ? tr("Response (%n event(s))", nullptr, m_events->topLevelItemCount()) : tr("Response"));
    m_tabs->setTabText(3, tr("Route"));
    for (const char *name : {"copyRequest", "copyResponse", "copyRoute"}) {
        if (auto *button = findChild<QPushButton *>(QLatin1String(name)))
            button->setText(tr("Copy"));
    }
    m_events->setHeaderLabels({tr("#"), tr("Event"), tr("Data")});
    m_events->setColumnWidth(0, 40);
    m_events->setColumnWidth(1, 190);
    m_attempts->setHeaderLabels({tr("#"), tr("Platform and model"), tr("Status"), tr("Result")});
    m_attempts->setColumnWidth(0, 40);
    m_attempts->setColumnWidth(1, 320);
    m_attempts->setColumnWidth(2, 70);
    fillOverview();
}

void RecordDetailDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

QString RecordDetailDialog::requestText() const
{
    return m_request->toPlainText();
}

QString RecordDetailDialog::responseText() const
{
    return m_response->toPlainText();
}

QString RecordDetailDialog::routeText() const
{
    return m_route->toPlainText();
}
