#include "StatusLabel.h"

#include <QLabel>

namespace StatusLabel {

QLabel *create(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    return label;
}

void show(QLabel *label, const QString &text, bool error)
{
    label->setText(text);
    label->setStyleSheet(error ? errorStyle() : QString());
}

QString errorStyle()
{
    return QStringLiteral("color: #b3261e;");
}

} // namespace StatusLabel
