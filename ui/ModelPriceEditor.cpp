#include "ModelPriceEditor.h"

#include "StatusLabel.h"
#include "config/ConfigValidator.h"

#include <QDoubleValidator>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace {

QString fieldStyle(bool wrong)
{
    return wrong ? QStringLiteral("QLineEdit { border: 1px solid #b3261e; padding: 1px; }") : QString();
}

} // namespace

ModelPriceEditor::ModelPriceEditor(QWidget *parent)
    : QGroupBox(parent)
{
    setObjectName(QStringLiteral("priceBox"));
    m_validator = new QDoubleValidator(this);
    m_validator->setNotation(QDoubleValidator::StandardNotation);
    m_validator->setBottom(0); // a minus sign cannot be typed
    m_validator->setTop(ConfigValidator::kMaxPrice);
    auto *grid = new QGridLayout;
    const char *const fieldNames[]
        = {"priceInputField", "priceOutputField", "priceCacheReadField", "priceCacheWriteField"};
    for (int field = 0; field < ModelPriceText::FieldCount; ++field) {
        m_labels[field] = new QLabel(this);
        m_fields[field] = new QLineEdit(this);
        m_fields[field]->setObjectName(QLatin1String(fieldNames[field]));
        m_fields[field]->setValidator(m_validator);
        m_fields[field]->setInputMethodHints(Qt::ImhFormattedNumbersOnly);
        m_fields[field]->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_fields[field]->setClearButtonEnabled(true);
        m_labels[field]->setBuddy(m_fields[field]);
        m_units[field] = new QLabel(this);
        m_units[field]->setObjectName(QStringLiteral("priceUnit_") + ModelPriceText::jsonName(field));
        // Input and output on the first line, the cache prices on the second.
        const int line = field / 2;
        const int column = (field % 2) * 4;
        grid->addWidget(m_labels[field], line, column, Qt::AlignRight);
        grid->addWidget(m_fields[field], line, column + 1);
        grid->addWidget(m_units[field], line, column + 2);
    }
    grid->setColumnMinimumWidth(3, 12);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(5, 1);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problem_price"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(StatusLabel::errorStyle());
    m_problem->hide();
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("priceNote"));
    m_note->setWordWrap(true);
    m_note->setStyleSheet(QStringLiteral("color: palette(dark);"));
    m_listPriceLine = new QLabel(this);
    m_listPriceLine->setObjectName(QStringLiteral("listPriceLine"));
    m_listPriceLine->setWordWrap(true);
    m_listPriceLine->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_listPriceLine->hide();
    m_useListPrice = new QPushButton(this);
    m_useListPrice->setObjectName(QStringLiteral("useListPriceButton"));
    m_useListPrice->hide();
    auto *listRow = new QHBoxLayout;
    listRow->addWidget(m_listPriceLine, 1);
    listRow->addWidget(m_useListPrice);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addLayout(listRow);
    layout->addWidget(m_problem);
    layout->addWidget(m_note);

    for (QLineEdit *field : m_fields) {
        connect(field, &QLineEdit::textChanged, this, [this] {
            if (!m_updating)
                Q_EMIT edited();
        });
    }
    connect(m_useListPrice, &QPushButton::clicked, this, &ModelPriceEditor::useListPrice);
    retranslateUi();
}

void ModelPriceEditor::setListPrice(const std::optional<ModelPrice> &price, const QString &source)
{
    m_listPrice = price;
    m_listSource = source;
    showState();
}

void ModelPriceEditor::useListPrice()
{
    if (m_id.isEmpty() || !m_listPrice || !ModelPriceText::listPriceProblem(m_currency).isEmpty())
        return;
    // All four fields at once, then one edit: never a half-filled price in between.
    const ModelPriceText::Texts texts = ModelPriceText::texts(m_listPrice);
    const bool wasUpdating = m_updating;
    m_updating = true;
    for (int field = 0; field < ModelPriceText::FieldCount; ++field)
        m_fields[field]->setText(texts[field]);
    m_updating = wasUpdating;
    Q_EMIT edited();
}

void ModelPriceEditor::setModel(
    const QString &id, const ModelPriceText::Texts &texts, const QString &currency, bool local)
{
    m_id = id;
    m_texts = texts;
    m_currency = currency;
    m_local = local;
    const bool wasUpdating = m_updating;
    m_updating = true;
    for (int field = 0; field < ModelPriceText::FieldCount; ++field) {
        // What is being typed stays as typed ("0.50", "3.") while it means the same number.
        if (!ModelPriceText::sameNumber(m_fields[field]->text(), texts[field]))
            m_fields[field]->setText(texts[field]);
        m_units[field]->setText(currency);
    }
    m_updating = wasUpdating;
    showState();
}

ModelPriceText::Texts ModelPriceEditor::texts() const
{
    ModelPriceText::Texts texts;
    for (int field = 0; field < ModelPriceText::FieldCount; ++field)
        texts[field] = m_fields[field]->text();
    return texts;
}

void ModelPriceEditor::showState()
{
    const bool has = !m_id.isEmpty();
    setEnabled(has);
    setTitle(has ? tr("Price of %1, per million tokens").arg(m_id)
                 : tr("Price per million tokens: select a model in the table"));
    const QString unset = m_local ? ModelPriceText::freeText() : tr("not set");
    m_fields[ModelPriceText::Input]->setPlaceholderText(unset);
    m_fields[ModelPriceText::Output]->setPlaceholderText(unset);
    m_fields[ModelPriceText::CacheRead]->setPlaceholderText(tr("same as input"));
    m_fields[ModelPriceText::CacheWrite]->setPlaceholderText(tr("same as input"));
    m_note->setText(m_local ? ModelPriceText::localNote()
                            : tr("Used for the cost column of the statistics. Without a price, the cost of this "
                                 "model's calls is unknown."));
    const bool listed = has && m_listPrice.has_value();
    m_listPriceLine->setVisible(listed);
    m_useListPrice->setVisible(listed);
    if (listed) {
        m_listPriceLine->setText(ModelPriceText::listPriceText(m_listSource, *m_listPrice));
        const QString listProblem = ModelPriceText::listPriceProblem(m_currency);
        m_useListPrice->setEnabled(listProblem.isEmpty());
        m_useListPrice->setToolTip(listProblem.isEmpty()
                ? tr("Fills the four fields with the list price; Save applies it like any other edit")
                : listProblem);
    }
    const ModelPriceText::Reading reading = has ? ModelPriceText::read(m_texts) : ModelPriceText::Reading();
    m_problem->setText(reading.problem);
    m_problem->setVisible(!reading.problem.isEmpty());
    for (int field = 0; field < ModelPriceText::FieldCount; ++field)
        m_fields[field]->setStyleSheet(fieldStyle(field == reading.field));
}

void ModelPriceEditor::retranslateUi()
{
    m_labels[ModelPriceText::Input]->setText(tr("Input:"));
    m_labels[ModelPriceText::Output]->setText(tr("Output:"));
    m_labels[ModelPriceText::CacheRead]->setText(tr("Cache read:"));
    m_labels[ModelPriceText::CacheWrite]->setText(tr("Cache write:"));
    m_useListPrice->setText(tr("Use list price"));
    const QString bothNeeded = tr("A price needs both the input and the output price: type 0 for free. Leave all "
                                  "four fields empty when the cost is unknown.");
    m_fields[ModelPriceText::Input]->setToolTip(
        tr("What a million input tokens cost (those not read from or written to the prompt cache).") + QLatin1Char(' ')
        + bothNeeded);
    m_fields[ModelPriceText::Output]->setToolTip(
        tr("What a million output tokens cost.") + QLatin1Char(' ') + bothNeeded);
    m_fields[ModelPriceText::CacheRead]->setToolTip(
        tr("What a million input tokens read from the prompt cache cost. Empty: the input price."));
    m_fields[ModelPriceText::CacheWrite]->setToolTip(
        tr("What a million input tokens written to the prompt cache cost. Empty: the input price."));
    m_validator->setLocale(QLocale());
    showState();
}

void ModelPriceEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QGroupBox::changeEvent(event);
}
