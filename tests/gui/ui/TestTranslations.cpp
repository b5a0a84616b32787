#include "LanguageManager.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

// The translations are complete: every message of both .ts files is translated (none unfinished,
// placeholders kept), the files are up to date with the sources (lupdate finds nothing new), and the
// embedded .qm files load.
class TestTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyMessageTranslated_data();
    void everyMessageTranslated();
    void upToDateWithTheSources();
    void embeddedTranslationsLoad();
};

namespace {

struct Message
{
    QString context;
    QString source;
    QStringList translations; // one, or the numerus forms
    QString type; // "", "unfinished", "obsolete", "vanished"
    bool numerus = false;
};

QList<Message> readTsWithNumerus(const QString &path, QString *error)
{
    QList<Message> messages;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return messages;
    }
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    bool inTranslation = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("name") && !inTranslation) {
                context = xml.readElementText();
            } else if (name == QLatin1String("message")) {
                current = Message();
                current.context = context;
                current.numerus = xml.attributes().value("numerus") == QLatin1String("yes");
            } else if (name == QLatin1String("source")) {
                current.source = xml.readElementText();
            } else if (name == QLatin1String("translation")) {
                current.type = xml.attributes().value("type").toString();
                if (current.numerus)
                    inTranslation = true;
                else
                    current.translations << xml.readElementText();
            } else if (name == QLatin1String("numerusform")) {
                current.translations << xml.readElementText();
            }
        } else if (xml.isEndElement()) {
            if (xml.name() == QLatin1String("translation"))
                inTranslation = false;
            if (xml.name() == QLatin1String("message"))
                messages << current;
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

QStringList placeholders(const QString &text)
{
    static const QRegularExpression placeholder(QStringLiteral("%(?:n|\\d)"));
    QStringList found;
    for (auto it = placeholder.globalMatch(text); it.hasNext();)
        found << it.next().captured();
    found.sort();
    found.removeDuplicates();
    return found;
}

} // namespace

void TestTranslations::everyMessageTranslated_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("English") << "en";
    QTest::newRow("Simplified Chinese") << "zh_CN";
}

void TestTranslations::everyMessageTranslated()
{
    QFETCH(QString, language);
    QString error;
    const QList<Message> messages
        = readTsWithNumerus(QStringLiteral(TRANSLATIONS_DIR "/switchyard_%1.ts").arg(language), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(messages.size() > 200);
    int translatedDifferently = 0;
    for (const Message &message : messages) {
        const QString where = message.context + QStringLiteral(": ") + message.source;
        QVERIFY2(message.type.isEmpty(), qPrintable(where + " is " + message.type));
        QVERIFY2(!message.translations.isEmpty(), qPrintable(where));
        for (const QString &translation : message.translations) {
            QVERIFY2(!translation.trimmed().isEmpty() || message.source.trimmed().isEmpty(), qPrintable(where));
            QCOMPARE(placeholders(translation), placeholders(message.source));
            translatedDifferently += translation != message.source ? 1 : 0;
        }
        if (message.numerus)
            QVERIFY2(message.translations.size() == (language == "en" ? 2 : 1), qPrintable(where));
    }
    if (language == "zh_CN")
        QVERIFY(translatedDifferently > messages.size() * 9 / 10); // really translated, not copied
}

void TestTranslations::upToDateWithTheSources()
{
    // lupdate over the sources into a copy of each .ts: nothing new may appear.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const char *language : {"en", "zh_CN"}) {
        const QString original = QStringLiteral(TRANSLATIONS_DIR "/switchyard_%1.ts").arg(QLatin1String(language));
        const QString copy = dir.filePath(QStringLiteral("switchyard_%1.ts").arg(QLatin1String(language)));
        QVERIFY(QFile::copy(original, copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        QProcess lupdate;
        lupdate.start(QStringLiteral(LUPDATE_EXECUTABLE),
            {QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"),
                QStringLiteral("-extensions"), QStringLiteral("cpp,h"), QStringLiteral(UI_SOURCE_DIR),
                QStringLiteral("-ts"), copy});
        QVERIFY(lupdate.waitForFinished(60000));
        QCOMPARE(lupdate.exitCode(), 0);
        const QString output = QString::fromUtf8(lupdate.readAllStandardOutput() + lupdate.readAllStandardError());
        QVERIFY2(output.contains(QStringLiteral("(0 new and")), qPrintable(output));
        QString error;
        for (const Message &message : readTsWithNumerus(copy, &error))
            QVERIFY2(message.type.isEmpty(), qPrintable(message.source + " is " + message.type));
    }
}

void TestTranslations::embeddedTranslationsLoad()
{
    LanguageManager languages; // registers the resources
    for (const QString &language : LanguageManager::availableLanguages()) {
        QTranslator translator;
        QVERIFY2(translator.load(QStringLiteral(":/i18n/switchyard_") + language), qPrintable(language));
        QVERIFY(!translator.isEmpty());
    }
    QTranslator chinese;
    QVERIFY(chinese.load(QStringLiteral(":/i18n/switchyard_zh_CN")));
    QCOMPARE(chinese.translate("MainWindow", "Platforms"), QString::fromUtf8("平台"));
    QCOMPARE(chinese.translate("RecordsPage", "%n call(s)", nullptr, 3), QString::fromUtf8("%n 次调用"));
    QCOMPARE(LanguageManager::languageFor("zh_CN"), QString("zh_CN"));
    QCOMPARE(LanguageManager::languageFor("en"), QString("en"));
}

QTEST_MAIN(TestTranslations)
#include "TestTranslations.moc"
