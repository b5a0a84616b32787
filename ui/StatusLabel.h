#pragma once

#include <QString>

class QLabel;
class QWidget;

// The word-wrapped labels under the pages' forms that say what an action did, or why it did not.
namespace StatusLabel {

QLabel *create(QWidget *parent, const QString &objectName);
// Shows `text`, in the error colour when `error`.
void show(QLabel *label, const QString &text, bool error);
QString errorStyle(); // the style sheet of an error

} // namespace StatusLabel
