#include "ModelListEditor.h"

#include "StatusLabel.h"
#include "UiResources.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QToolButton>
#include <QVBoxLayout>

ModelListEditor::ModelListEditor(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_list(new QListWidget(this))
    , m_addField(new QComboBox(this))
    , m_addButton(new QToolButton(this))
    , m_removeButton(new QToolButton(this))
    , m_upButton(new QToolButton(this))
    , m_downButton(new QToolButton(this))
    , m_problem(new QLabel(this))
{
    m_title->setObjectName(QStringLiteral("title"));
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    m_list->setObjectName(QStringLiteral("entries"));
    m_list->setDragDropMode(QAbstractItemView::InternalMove);
    m_list->setDefaultDropAction(Qt::MoveAction);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setAlternatingRowColors(true);
    m_list->setMinimumHeight(110);
    m_list->installEventFilter(this);
    m_list->setStyleSheet(QStringLiteral("QListWidget#entries::item { padding: 3px 2px; }"));

    m_addField->setObjectName(QStringLiteral("addField"));
    m_addField->setEditable(true);
    m_addField->setInsertPolicy(QComboBox::NoInsert);
    m_addField->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_addField->setMinimumContentsLength(18);
    m_addField->lineEdit()->setClearButtonEnabled(true);
    m_addButton->setObjectName(QStringLiteral("addButton"));
    m_removeButton->setObjectName(QStringLiteral("removeButton"));
    m_upButton->setObjectName(QStringLiteral("upButton"));
    m_downButton->setObjectName(QStringLiteral("downButton"));
    m_upButton->setArrowType(Qt::UpArrow);
    m_downButton->setArrowType(Qt::DownArrow);
    for (QToolButton *button : {m_addButton, m_removeButton})
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(StatusLabel::errorStyle());
    m_problem->hide();

    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(4);
    buttons->addWidget(m_addField, 1);
    buttons->addWidget(m_addButton);
    buttons->addSpacing(8);
    buttons->addWidget(m_removeButton);
    buttons->addWidget(m_upButton);
    buttons->addWidget(m_downButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_title);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_problem);

    connect(m_addButton, &QToolButton::clicked, this, &ModelListEditor::addEntry);
    connect(m_addField->lineEdit(), &QLineEdit::returnPressed, this, &ModelListEditor::addEntry);
    connect(m_removeButton, &QToolButton::clicked, this, &ModelListEditor::removeSelected);
    connect(m_upButton, &QToolButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_downButton, &QToolButton::clicked, this, [this] { moveSelected(1); });
    connect(m_list, &QListWidget::itemSelectionChanged, this, &ModelListEditor::updateButtons);
    connect(m_list, &QListWidget::itemChanged, this, [this] {
        if (m_updating)
            return;
        revalidate();
        Q_EMIT changed();
    });
    // Drag and drop moves rows inside the model.
    connect(m_list->model(), &QAbstractItemModel::rowsMoved, this, [this] {
        revalidate();
        Q_EMIT changed();
    });
    connect(m_list->model(), &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_updating)
            return;
        revalidate();
        Q_EMIT changed();
    });
    retranslateUi();
    updateButtons();
}

void ModelListEditor::retranslateUi()
{
    m_addButton->setText(tr("Add"));
    m_addButton->setToolTip(tr("Add the entry typed or chosen on the left"));
    m_removeButton->setText(tr("Remove"));
    m_removeButton->setToolTip(tr("Remove the selected entry (Delete)"));
    m_upButton->setToolTip(tr("Move up (Alt+Up)"));
    m_downButton->setToolTip(tr("Move down (Alt+Down)"));
    m_list->setToolTip(tr("Drag to reorder; untick to switch an entry off without removing it"));
    revalidate();
}

void ModelListEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

bool ModelListEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_list && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Delete) {
            removeSelected();
            return true;
        }
        if (key->modifiers() & Qt::AltModifier && (key->key() == Qt::Key_Up || key->key() == Qt::Key_Down)) {
            moveSelected(key->key() == Qt::Key_Up ? -1 : 1);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ModelListEditor::setTitle(const QString &title)
{
    m_title->setText(title);
    m_title->setVisible(!title.isEmpty());
}

void ModelListEditor::setEmptyProblem(const QString &problem)
{
    m_emptyProblem = problem;
    revalidate();
}

void ModelListEditor::setPlaceholder(const QString &text)
{
    m_addField->lineEdit()->setPlaceholderText(text);
}

void ModelListEditor::setCandidates(const QStringList &candidates)
{
    const QString typed = m_addField->currentText();
    m_addField->clear();
    m_addField->addItems(candidates);
    m_addField->setCurrentIndex(-1);
    m_addField->setEditText(typed);
}

void ModelListEditor::setValidator(Validator validator)
{
    m_validator = std::move(validator);
    revalidate();
}

QListWidgetItem *ModelListEditor::makeItem(const QString &entry, bool enabled)
{
    auto *item = new QListWidgetItem(entry);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemIsUserCheckable);
    item->setCheckState(enabled ? Qt::Checked : Qt::Unchecked);
    return item;
}

QStringList ModelListEditor::withSwitchedOff(const QStringList &active, const QStringList &switchedOff)
{
    QStringList all = active;
    for (const QString &entry : switchedOff) {
        if (!all.contains(entry))
            all << entry;
    }
    return all;
}

void ModelListEditor::setEntries(const QStringList &entries, const QStringList &disabled)
{
    m_updating = true;
    m_list->clear();
    for (const QString &entry : withSwitchedOff(entries, disabled))
        m_list->addItem(makeItem(entry, !disabled.contains(entry)));
    m_updating = false;
    revalidate();
    updateButtons();
}

QStringList ModelListEditor::entries() const
{
    QStringList result;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->checkState() == Qt::Checked)
            result << m_list->item(i)->text();
    }
    return result;
}

QStringList ModelListEditor::disabledEntries() const
{
    QStringList result;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->checkState() != Qt::Checked)
            result << m_list->item(i)->text();
    }
    return result;
}

QStringList ModelListEditor::allEntries() const
{
    QStringList result;
    for (int i = 0; i < m_list->count(); ++i)
        result << m_list->item(i)->text();
    return result;
}

void ModelListEditor::addEntry()
{
    const QString entry = m_addField->currentText().trimmed();
    if (entry.isEmpty())
        return;
    if (allEntries().contains(entry)) {
        showProblem(-1, tr("%1 is already in the list.").arg(entry));
        return;
    }
    m_updating = true;
    m_list->addItem(makeItem(entry, true));
    m_updating = false;
    m_list->setCurrentRow(m_list->count() - 1);
    m_addField->setEditText(QString());
    revalidate();
    Q_EMIT changed();
}

void ModelListEditor::removeSelected()
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    delete m_list->takeItem(row);
    revalidate();
    updateButtons();
    Q_EMIT changed();
}

void ModelListEditor::moveSelected(int delta)
{
    const int row = m_list->currentRow();
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= m_list->count())
        return;
    m_updating = true;
    QListWidgetItem *item = m_list->takeItem(row);
    m_list->insertItem(target, item);
    m_updating = false;
    m_list->setCurrentRow(target);
    revalidate();
    Q_EMIT changed();
}

void ModelListEditor::updateButtons()
{
    const int row = m_list->currentRow();
    m_removeButton->setEnabled(row >= 0);
    m_upButton->setEnabled(row > 0);
    m_downButton->setEnabled(row >= 0 && row + 1 < m_list->count());
}

bool ModelListEditor::revalidate()
{
    m_updating = true;
    QStringList problems;
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        const bool on = item->checkState() == Qt::Checked;
        const QString problem = on && m_validator ? m_validator(item->text()) : QString();
        if (!problem.isEmpty()) {
            item->setIcon(UiResources::icon(QStringLiteral("status-warning")));
            item->setToolTip(problem);
            item->setForeground(QBrush());
            problems << item->text() + QStringLiteral(": ") + problem;
        } else {
            item->setIcon(on ? QIcon() : UiResources::icon(QStringLiteral("status-off")));
            item->setToolTip(on ? QString() : tr("Switched off: kept in the list, not used"));
            item->setForeground(on ? QBrush() : palette().brush(QPalette::Disabled, QPalette::Text));
        }
    }
    if (entries().isEmpty() && !m_emptyProblem.isEmpty())
        problems.prepend(m_emptyProblem);
    m_updating = false;
    m_problem->setText(problems.join(QLatin1Char('\n')));
    m_problem->setVisible(!problems.isEmpty());
    return problems.isEmpty();
}

void ModelListEditor::showProblem(int index, const QString &problem)
{
    if (index >= 0) {
        int seen = -1;
        for (int i = 0; i < m_list->count(); ++i) {
            if (m_list->item(i)->checkState() == Qt::Checked && ++seen == index) {
                m_list->item(i)->setIcon(UiResources::icon(QStringLiteral("status-error")));
                m_list->item(i)->setToolTip(problem);
                m_list->setCurrentRow(i);
                break;
            }
        }
    }
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
}

QString ModelListEditor::problemText() const
{
    return m_problem->isVisible() ? m_problem->text() : QString();
}
