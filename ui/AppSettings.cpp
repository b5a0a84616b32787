#include "AppSettings.h"

AppSettings::AppSettings()
    : m_settings(QSettings::UserScope, QStringLiteral("switchyard"), QStringLiteral("switchyard"))
{
}

QString AppSettings::language() const
{
    return m_settings.value(QStringLiteral("ui/language")).toString();
}

void AppSettings::setLanguage(const QString &language)
{
    m_settings.setValue(QStringLiteral("ui/language"), language);
}

QString AppSettings::nextDataDir() const
{
    return m_settings.value(QStringLiteral("app/dataDir")).toString();
}

void AppSettings::setNextDataDir(const QString &dir)
{
    m_settings.setValue(QStringLiteral("app/dataDir"), dir);
}

bool AppSettings::debugLogging() const
{
    return m_settings.value(QStringLiteral("app/debugLogging"), false).toBool();
}

void AppSettings::setDebugLogging(bool on)
{
    m_settings.setValue(QStringLiteral("app/debugLogging"), on);
}

QStringList AppSettings::disabledEntries(const QString &list) const
{
    return m_settings.value(QStringLiteral("routing/disabled/") + list).toStringList();
}

void AppSettings::setDisabledEntries(const QString &list, const QStringList &entries)
{
    if (entries.isEmpty())
        m_settings.remove(QStringLiteral("routing/disabled/") + list);
    else
        m_settings.setValue(QStringLiteral("routing/disabled/") + list, entries);
}

QByteArray AppSettings::windowGeometry() const
{
    return m_settings.value(QStringLiteral("ui/geometry")).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings.setValue(QStringLiteral("ui/geometry"), geometry);
}
