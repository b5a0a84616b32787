#pragma once

#include <QIcon>
#include <QString>

// The icons and translations embedded in switchyard_ui (a static library: its resources are registered
// explicitly, once).
namespace UiResources {

void initialize();
QIcon icon(const QString &name); // ":/icons/<name>.svg"

} // namespace UiResources
