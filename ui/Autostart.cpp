#include "Autostart.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace Autostart {

QString entryPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
        .filePath(QStringLiteral("autostart/switchyard.desktop"));
}

bool isEnabled()
{
    return QFileInfo::exists(entryPath());
}

QByteArray desktopEntry(const QString &executable)
{
    // Exec quoting per the Desktop Entry Specification: quote the path, escape what is special inside.
    QString quoted = executable;
    quoted.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('"'), QStringLiteral("\\\""))
        .replace(QLatin1Char('`'), QStringLiteral("\\`"))
        .replace(QLatin1Char('$'), QStringLiteral("\\$"));
    return QStringLiteral("[Desktop Entry]\n"
                          "Type=Application\n"
                          "Name=Switchyard\n"
                          "Comment=Run Claude Code on any model\n"
                          "Exec=\"%1\"\n"
                          "Icon=switchyard\n"
                          "Terminal=false\n"
                          "X-GNOME-Autostart-enabled=true\n")
        .arg(quoted)
        .toUtf8();
}

bool setEnabled(bool enabled, QString *error, const QString &executable)
{
    const QString path = entryPath();
    if (!enabled) {
        if (QFileInfo::exists(path) && !QFile::remove(path)) {
            *error = QCoreApplication::translate("Autostart", "Cannot remove %1.").arg(QDir::toNativeSeparators(path));
            return false;
        }
        return true;
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        *error = QCoreApplication::translate("Autostart", "Cannot create the folder of %1.")
                     .arg(QDir::toNativeSeparators(path));
        return false;
    }
    const QString program = executable.isEmpty() ? QCoreApplication::applicationFilePath() : executable;
    const QByteArray content = desktopEntry(program);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit()) {
        *error = QCoreApplication::translate("Autostart", "Cannot write %1: %2")
                     .arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

} // namespace Autostart
