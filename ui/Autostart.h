#pragma once

#include <QString>

// Start at login: an XDG autostart entry (~/.config/autostart/switchyard.desktop, or under
// $XDG_CONFIG_HOME), written and removed atomically.
namespace Autostart {

QString entryPath();
bool isEnabled();
// `executable` is the program to start (the running binary by default).
bool setEnabled(bool enabled, QString *error, const QString &executable = QString());
// The entry's text (pure).
QByteArray desktopEntry(const QString &executable);

} // namespace Autostart
