#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QTranslator;

// Loads Switchyard's translation (embedded under :/i18n/) and Qt's own (standard buttons) for a
// language setting, replacing those installed before; every open window then gets a LanguageChange
// event and retranslates itself.
class LanguageManager : public QObject
{
    Q_OBJECT
public:
    explicit LanguageManager(QObject *parent = nullptr);
    ~LanguageManager() override;

    // The languages offered besides "follow the system": codes and their own names.
    static QStringList availableLanguages(); // {"en", "zh_CN"}
    static QString nativeName(const QString &code); // "English", "简体中文"

    // "" = the system's language (English when Switchyard has no translation for it).
    void apply(const QString &setting);
    QString effectiveLanguage() const { return m_effective; }
    static QString languageFor(const QString &setting);

private:
    QTranslator *m_appTranslator = nullptr;
    QTranslator *m_qtTranslator = nullptr;
    QString m_effective;
};
