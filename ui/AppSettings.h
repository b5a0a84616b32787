#pragma once

#include <QSettings>
#include <QString>
#include <QStringList>

// The desktop app's own preferences (not part of the proxy configuration): language, the data folder
// for the next start, debug logging, entries switched off in the routing lists, window geometry. Kept
// with QSettings in the user's config folder (~/.config/switchyard/switchyard.conf).
class AppSettings
{
public:
    AppSettings();

    QString language() const; // "" = follow the system, "en", "zh_CN"
    void setLanguage(const QString &language);

    QString nextDataDir() const; // "" = the default folder
    void setNextDataDir(const QString &dir);

    bool debugLogging() const;
    void setDebugLogging(bool on);

    // "platform:model" entries the user switched off in a routing list (kept here so that they stay in
    // the list without being routed to). `list` is "priority", "routing_models" or "scene:<name>".
    QStringList disabledEntries(const QString &list) const;
    void setDisabledEntries(const QString &list, const QStringList &entries);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);

private:
    mutable QSettings m_settings;
};
