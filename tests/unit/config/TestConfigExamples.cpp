#include "ConfigTestSupport.h"
#include "TestSupport.h"

#include "config/ConfigJson.h"
#include "config/ConfigResolver.h"
#include "config/SecretReference.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace ConfigTestSupport;

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

// Every variable is set, to "test-value-of-NAME".
std::optional<QString> anyVariable(const QString &name)
{
    return QStringLiteral("test-value-of-") + name;
}

// Every key of every object in a JSON tree.
void collectKeys(const QJsonValue &value, QSet<QString> &keys)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            keys.insert(it.key());
            collectKeys(it.value(), keys);
        }
    } else if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectKeys(item, keys);
    }
}

} // namespace

// The shipped examples and the configuration reference stay true to the code.
class TestConfigExamples : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void examplesAreAccepted_data();
    void examplesAreAccepted();
    void expectedExamplesExist();
    void documentationNamesEveryField();
};

void TestConfigExamples::examplesAreAccepted_data()
{
    QTest::addColumn<QString>("path");
    const QDir examples(TestSupport::sourceDir() + QStringLiteral("/examples"));
    const QStringList files = examples.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << examples.filePath(file);
}

void TestConfigExamples::examplesAreAccepted()
{
    QFETCH(QString, path);
    QString error;
    const std::optional<Config> config = ConfigJson::read(readFile(path), &error);
    QVERIFY2(config, qPrintable(path + QStringLiteral(": ") + error));
    const std::optional<Config> resolved = ConfigResolver::resolve(*config, anyVariable, &error);
    QVERIFY2(resolved, qPrintable(path + QStringLiteral(": ") + error));

    // examples show the safe habit: secrets only as $ENV references
    for (const PlatformConfig &platform : config->platforms) {
        QVERIFY2(
            platform.apiKey.isEmpty() || SecretReference::isReferenceOnly(platform.apiKey), qPrintable(platform.id));
    }
    for (const ClientKey &key : config->clientKeys)
        QVERIFY2(SecretReference::isReferenceOnly(key.key), qPrintable(key.id));

    // and survive a write/read cycle
    QCOMPARE(ConfigJson::read(ConfigJson::write(*config), &error), config);
}

void TestConfigExamples::expectedExamplesExist()
{
    const QDir examples(TestSupport::sourceDir() + QStringLiteral("/examples"));
    for (const char *name : {"minimal.json", "passthrough-anthropic.json", "team-server.json", "global-priority.json",
             "smart-routing.json"}) {
        QVERIFY2(examples.exists(QLatin1String(name)), name);
    }
    QString error;
    const std::optional<Config> team
        = ConfigJson::read(readFile(examples.filePath(QStringLiteral("team-server.json"))), &error);
    QVERIFY2(team, qPrintable(error));
    QCOMPARE(team->server.host, QStringLiteral("0.0.0.0"));
    QVERIFY(!team->clientKeys.isEmpty()); // a server reachable from the network must check client keys
    const std::optional<Config> passthrough
        = ConfigJson::read(readFile(examples.filePath(QStringLiteral("passthrough-anthropic.json"))), &error);
    QVERIFY2(passthrough, qPrintable(error));
    QCOMPARE(passthrough->routing.mode, RoutingMode::ClaudeCode);
    QVERIFY(!passthrough->clientKeys.isEmpty());
}

void TestConfigExamples::documentationNamesEveryField()
{
    QFile file(TestSupport::sourceDir() + QStringLiteral("/docs/configuration.md"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    const QString documentation = QString::fromUtf8(file.readAll());
    QSet<QString> keys;
    collectKeys(QJsonDocument::fromJson(ConfigJson::write(fullConfig())).object(), keys);
    QVERIFY(keys.contains(QStringLiteral("first_byte_ms")));
    for (const QString &key : std::as_const(keys)) {
        QVERIFY2(documentation.contains(QLatin1Char('`') + key + QLatin1Char('`')),
            qPrintable(QStringLiteral("docs/configuration.md does not document `%1`").arg(key)));
    }
    for (PlatformType type : allPlatformTypes()) {
        const QString id = platformTypeId(type);
        QVERIFY2(documentation.contains(QLatin1Char('`') + id + QLatin1Char('`')), qPrintable(id));
    }
    for (RoutingMode mode : allRoutingModes()) {
        const QString id = routingModeId(mode);
        QVERIFY2(documentation.contains(QLatin1Char('`') + id + QLatin1Char('`')), qPrintable(id));
    }
}

QTEST_GUILESS_MAIN(TestConfigExamples)
#include "TestConfigExamples.moc"
