#include "LanguageManager.h"

#include "UiResources.h"
#include "common/Logging.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

LanguageManager::LanguageManager(QObject *parent)
    : QObject(parent)
{
}

LanguageManager::~LanguageManager()
{
    if (m_appTranslator)
        QCoreApplication::removeTranslator(m_appTranslator);
    if (m_qtTranslator)
        QCoreApplication::removeTranslator(m_qtTranslator);
}

QStringList LanguageManager::availableLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString LanguageManager::nativeName(const QString &code)
{
    if (code == QLatin1String("zh_CN"))
        return QStringLiteral("\u7b80\u4f53\u4e2d\u6587");
    return QStringLiteral("English");
}

QString LanguageManager::languageFor(const QString &setting)
{
    if (availableLanguages().contains(setting))
        return setting;
    const QLocale system;
    for (const QString &name : system.uiLanguages()) {
        const QLocale locale(name);
        if (locale.language() == QLocale::Chinese && locale.script() != QLocale::TraditionalChineseScript
            && locale.territory() != QLocale::Taiwan && locale.territory() != QLocale::HongKong)
            return QStringLiteral("zh_CN");
        if (locale.language() == QLocale::English)
            return QStringLiteral("en");
    }
    return QStringLiteral("en");
}

void LanguageManager::apply(const QString &setting)
{
    UiResources::initialize();
    const QString language = languageFor(setting);
    if (language == m_effective && m_appTranslator)
        return;
    if (m_appTranslator) {
        QCoreApplication::removeTranslator(m_appTranslator);
        delete m_appTranslator;
        m_appTranslator = nullptr;
    }
    if (m_qtTranslator) {
        QCoreApplication::removeTranslator(m_qtTranslator);
        delete m_qtTranslator;
        m_qtTranslator = nullptr;
    }
    m_effective = language;
    m_qtTranslator = new QTranslator(this);
    if (m_qtTranslator->load(QStringLiteral("qtbase_") + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(m_qtTranslator);
    m_appTranslator = new QTranslator(this);
    if (m_appTranslator->load(QStringLiteral(":/i18n/switchyard_") + language))
        QCoreApplication::installTranslator(m_appTranslator);
    else
        qCWarning(lcUi).noquote() << "no translation for" << language;
    QLocale::setDefault(QLocale(language));
    qCInfo(lcUi).noquote() << "language:" << language;
}
