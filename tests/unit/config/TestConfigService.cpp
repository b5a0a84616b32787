#include "ConfigTestSupport.h"
#include "InMemoryConfigStorage.h"

#include "config/ConfigJson.h"
#include "config/ConfigResolver.h"
#include "config/ConfigService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <thread>

using namespace ConfigTestSupport;

namespace {

Config resolvedOrDie(const Config &written, const QHash<QString, QString> &environment)
{
    QString error;
    const std::optional<Config> resolved = ConfigResolver::resolve(written, fakeEnvironment(environment), &error);
    if (!resolved)
        qFatal("cannot resolve: %s", qPrintable(error));
    return *resolved;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

} // namespace

class TestConfigService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsWithResolvedDefaults();
    void applyPublishesAndPersists();
    void failedApplyChangesNothing_data();
    void failedApplyChangesNothing();
    void snapshotsAreImmutable();
    void importFile();
    void importFileErrors_data();
    void importFileErrors();
    void importMissingFile();
    void loadStored();
    void loadStoredEmptyGivesDefaults();
    void loadStoredFailures_data();
    void loadStoredFailures();
    void exportJsonMasksSecrets();
    void snapshotReadWhileApplying();
    void keychainSecretsResolveAndReload();
};

void TestConfigService::startsWithResolvedDefaults()
{
    InMemoryConfigStorage storage;
    ConfigService service(&storage, fakeEnvironment({}));
    const std::shared_ptr<const Config> snapshot = service.snapshot();
    QVERIFY(snapshot);
    QCOMPARE(*snapshot, Config());
    QCOMPARE(service.current(), Config());
    QCOMPARE(storage.saveCount, 0); // nothing is written until something is applied
}

void TestConfigService::applyPublishesAndPersists()
{
    InMemoryConfigStorage storage;
    ConfigService service(&storage, fakeEnvironment(fullEnvironment()));
    QSignalSpy changed(&service, &ConfigService::configChanged);
    const std::shared_ptr<const Config> before = service.snapshot();

    const Config written = fullConfig();
    QString error;
    QVERIFY2(service.apply(written, &error), qPrintable(error));

    QCOMPARE(changed.count(), 1);
    QCOMPARE(service.current(), written); // references kept for editing
    QCOMPARE(*service.snapshot(), resolvedOrDie(written, fullEnvironment()));
    QCOMPARE(service.snapshot()->findPlatform(QStringLiteral("anthropic"))->apiKey, QStringLiteral("sk-ant-test"));
    // the stored form is the written one, not the resolved one
    QCOMPARE(storage.saveCount, 1);
    QCOMPARE(storage.stored, ConfigJson::write(written));
    QVERIFY(!storage.stored.contains("sk-ant-test"));
    // a request that took the old snapshot keeps it
    QCOMPARE(*before, Config());
}

void TestConfigService::failedApplyChangesNothing_data()
{
    QTest::addColumn<Config>("config");
    QTest::addColumn<bool>("storageFails");
    QTest::addColumn<QString>("expectedError");

    Config invalid = fullConfig();
    invalid.platforms[0].baseUrl = QStringLiteral("ftp://example.com");
    QTest::newRow("invalid") << invalid << false
                             << QStringLiteral("platforms[0].base_url: must be an http:// or https:// URL");
    Config unresolvable = fullConfig();
    unresolvable.platforms[2].apiKey = QStringLiteral("$NOT_SET_ANYWHERE");
    QTest::newRow("missing variable") << unresolvable << false
                                      << QStringLiteral("platforms[2].api_key: environment variable NOT_SET_ANYWHERE "
                                                        "is not set");
    QTest::newRow("storage fails") << fullConfig() << true
                                   << QStringLiteral("cannot store the configuration: database is locked");
}

void TestConfigService::failedApplyChangesNothing()
{
    QFETCH(Config, config);
    QFETCH(bool, storageFails);
    QFETCH(QString, expectedError);

    InMemoryConfigStorage storage;
    ConfigService service(&storage, fakeEnvironment(fullEnvironment()));
    Config first;
    first.server.port = 9100;
    QString error;
    QVERIFY2(service.apply(first, &error), qPrintable(error));
    const QByteArray storedBefore = storage.stored;
    const std::shared_ptr<const Config> snapshotBefore = service.snapshot();
    QSignalSpy changed(&service, &ConfigService::configChanged);

    storage.failSave = storageFails;
    QVERIFY(!service.apply(config, &error));
    QCOMPARE(error, expectedError);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(service.current(), first);
    QCOMPARE(service.snapshot().get(), snapshotBefore.get());
    QCOMPARE(service.snapshot()->server.port, quint16(9100));
    QCOMPARE(storage.stored, storedBefore);
}

void TestConfigService::snapshotsAreImmutable()
{
    ConfigService service(nullptr, fakeEnvironment(fullEnvironment()));
    QString error;
    QVERIFY2(service.apply(fullConfig(), &error), qPrintable(error));
    const std::shared_ptr<const Config> first = service.snapshot();
    QCOMPARE(service.snapshot().get(), first.get()); // the same snapshot until something changes
    Config second = fullConfig();
    second.limits.maxConnections = 3;
    QVERIFY2(service.apply(second, &error), qPrintable(error));
    QVERIFY(service.snapshot().get() != first.get());
    QCOMPARE(first->limits.maxConnections, 7);
    QCOMPARE(service.snapshot()->limits.maxConnections, 3);
}

void TestConfigService::importFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, QStringLiteral("config.json"), ConfigJson::write(fullConfig()));
    InMemoryConfigStorage storage;
    ConfigService service(&storage, fakeEnvironment(fullEnvironment()));
    QSignalSpy changed(&service, &ConfigService::configChanged);
    QString error;
    QVERIFY2(service.importFile(path, &error), qPrintable(error));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(service.current(), fullConfig());
    QCOMPARE(storage.stored, ConfigJson::write(fullConfig()));
    QCOMPARE(service.snapshot()->clientKeys.at(0).key, QStringLiteral("alice-secret"));

    // a later start that imports again replaces the stored configuration
    Config changedConfig = fullConfig();
    changedConfig.server.port = 9999;
    writeFile(dir, QStringLiteral("config.json"), ConfigJson::write(changedConfig));
    QVERIFY2(service.importFile(path, &error), qPrintable(error));
    QCOMPARE(service.snapshot()->server.port, quint16(9999));
    QCOMPARE(storage.stored, ConfigJson::write(changedConfig));
}

void TestConfigService::importFileErrors_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expectedError"); // after "<path>: "

    QTest::newRow("bad field") << QByteArray("{\"version\": 1, \"platforms\": [{\"id\": \"a\", \"api_key\": \"k\", "
                                             "\"base_url\": \"nope\"}]}")
                               << QStringLiteral("platforms[0].base_url: must be an http:// or https:// URL");
    QTest::newRow("syntax") << QByteArray("{\"version\": 1,\n}") << QStringLiteral("line 2, column 2: ");
    QTest::newRow("missing variable") << QByteArray(
        "{\"version\": 1, \"client_keys\": [{\"id\": \"a\", \"key\": "
        "\"$UNSET_KEY\"}]}") << QStringLiteral("client_keys[0].key: environment variable UNSET_KEY is not set");
}

void TestConfigService::importFileErrors()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expectedError);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, QStringLiteral("bad.json"), content);
    InMemoryConfigStorage storage;
    storage.stored = ConfigJson::write(Config());
    ConfigService service(&storage, fakeEnvironment({}));
    QSignalSpy changed(&service, &ConfigService::configChanged);
    QString error;
    QVERIFY(!service.importFile(path, &error));
    QVERIFY2(error.startsWith(path + QStringLiteral(": ") + expectedError), qPrintable(error));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(storage.saveCount, 0);
    QCOMPARE(storage.stored, ConfigJson::write(Config()));
}

void TestConfigService::importMissingFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("missing.json"));
    InMemoryConfigStorage storage;
    ConfigService service(&storage, fakeEnvironment({}));
    QString error;
    QVERIFY(!service.importFile(path, &error));
    QVERIFY2(error.startsWith(path + QStringLiteral(": cannot read the file: ")), qPrintable(error));
    QVERIFY(!service.importFile(dir.path(), &error)); // a folder is not a file
    QVERIFY2(error.startsWith(dir.path() + QStringLiteral(": ")), qPrintable(error));
    QCOMPARE(storage.saveCount, 0);
}

void TestConfigService::loadStored()
{
    InMemoryConfigStorage storage;
    storage.stored = ConfigJson::write(fullConfig());
    ConfigService service(&storage, fakeEnvironment(fullEnvironment()));
    QSignalSpy changed(&service, &ConfigService::configChanged);
    QString error;
    QVERIFY2(service.loadStored(&error), qPrintable(error));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(service.current(), fullConfig());
    QCOMPARE(*service.snapshot(), resolvedOrDie(fullConfig(), fullEnvironment()));
    QCOMPARE(storage.saveCount, 0); // loading does not write back
}

void TestConfigService::loadStoredEmptyGivesDefaults()
{
    InMemoryConfigStorage storage;
    ConfigService service(&storage, fakeEnvironment(fullEnvironment()));
    QString error;
    QVERIFY2(service.apply(fullConfig(), &error), qPrintable(error));
    storage.stored.clear();
    QVERIFY2(service.loadStored(&error), qPrintable(error));
    QCOMPARE(service.current(), Config());
    QCOMPARE(*service.snapshot(), Config());
}

void TestConfigService::loadStoredFailures_data()
{
    QTest::addColumn<QByteArray>("stored");
    QTest::addColumn<bool>("loadFails");
    QTest::addColumn<QString>("expectedError");

    QTest::newRow("unreadable") << QByteArray() << true
                                << QStringLiteral("cannot load the stored configuration: disk on fire");
    QTest::newRow("corrupt") << QByteArray("{\"version\": 1, \"limits\": {\"max_connections\": -1}}") << false
                             << QStringLiteral(
                                    "stored configuration: limits.max_connections: must be a positive integer");
    QTest::newRow("variable gone") << QByteArray("{\"version\": 1, \"platforms\": [{\"id\": \"a\", \"api_key\": "
                                                 "\"$GONE\"}]}")
                                   << false
                                   << QStringLiteral("stored configuration: platforms[0].api_key: environment variable "
                                                     "GONE is not set");
}

void TestConfigService::loadStoredFailures()
{
    QFETCH(QByteArray, stored);
    QFETCH(bool, loadFails);
    QFETCH(QString, expectedError);
    InMemoryConfigStorage storage;
    ConfigService service(&storage, fakeEnvironment(fullEnvironment()));
    QString error;
    QVERIFY2(service.apply(fullConfig(), &error), qPrintable(error));
    const std::shared_ptr<const Config> before = service.snapshot();
    storage.stored = stored;
    storage.failLoad = loadFails;
    QSignalSpy changed(&service, &ConfigService::configChanged);
    QVERIFY(!service.loadStored(&error));
    QCOMPARE(error, expectedError);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(service.current(), fullConfig());
    QCOMPARE(service.snapshot().get(), before.get());
    QCOMPARE(storage.stored, stored); // untouched
}

void TestConfigService::exportJsonMasksSecrets()
{
    ConfigService service(nullptr, fakeEnvironment(fullEnvironment()));
    QString error;
    QVERIFY2(service.apply(fullConfig(), &error), qPrintable(error));

    QCOMPARE(service.exportJson(true), ConfigJson::write(fullConfig()));

    const QByteArray masked = service.exportJson(false);
    const QJsonObject root = QJsonDocument::fromJson(masked).object();
    QStringList keys;
    for (const QJsonValue &platform : root.value(QStringLiteral("platforms")).toArray())
        keys.append(platform.toObject().value(QStringLiteral("api_key")).toString());
    QCOMPARE(keys,
        (QStringList {
            QStringLiteral("$ANTHROPIC_API_KEY"), // a reference names a secret without holding it
            QStringLiteral("********"), // literal
            QStringLiteral("${DASHSCOPE_API_KEY}"),
            QStringLiteral("********"), // literal
            QStringLiteral("$SILICONFLOW_API_KEY"),
            QStringLiteral("********"), // a reference mixed with literal text
            QString(), // local, no key
            QString(),
        }));
    const QJsonArray clientKeys = root.value(QStringLiteral("client_keys")).toArray();
    QCOMPARE(
        clientKeys.at(0).toObject().value(QStringLiteral("key")).toString(), QStringLiteral("$SWITCHYARD_KEY_ALICE"));
    QCOMPARE(clientKeys.at(1).toObject().value(QStringLiteral("key")).toString(), QStringLiteral("********"));
    QVERIFY(!masked.contains("sk-or-literal"));
    QVERIFY(!masked.contains("bob-literal-key"));
    QVERIFY(!masked.contains("literal-with"));
    QVERIFY(!masked.contains("Bearer"));
    // the proxy: a password in the URL is masked, a reference in the password field is kept
    const QJsonObject proxy = root.value(QStringLiteral("upstream_proxy")).toObject();
    QCOMPARE(
        proxy.value(QStringLiteral("url")).toString(), QStringLiteral("http://proxy-user:********@proxy.example:3128"));
    QCOMPARE(proxy.value(QStringLiteral("password")).toString(), QStringLiteral("$SWITCHYARD_PROXY_PASSWORD"));
    QVERIFY(!masked.contains("url-literal-pass"));
    // a user name that needs encoding keeps it, so the masked URL still parses as the same user and host
    Config encodedUser = fullConfig();
    encodedUser.upstreamProxy.url = QStringLiteral("http://a%40corp:p%3Aw@proxy.example:3128");
    QVERIFY2(service.apply(encodedUser, &error), qPrintable(error));
    const QString maskedUrl = QJsonDocument::fromJson(service.exportJson(false))
                                  .object()
                                  .value(QStringLiteral("upstream_proxy"))
                                  .toObject()
                                  .value(QStringLiteral("url"))
                                  .toString();
    QCOMPARE(maskedUrl, QStringLiteral("http://a%40corp:********@proxy.example:3128"));
    QVERIFY2(service.apply(fullConfig(), &error), qPrintable(error));

    // importing the masked export is refused instead of storing "********" as a key
    QVERIFY(!service.importJson(masked, &error));
    QVERIFY2(error.contains(QStringLiteral("placeholder")), qPrintable(error));
    QCOMPARE(service.current(), fullConfig());
}

void TestConfigService::snapshotReadWhileApplying()
{
    // The proxy thread reads snapshots while the main thread applies two configurations in turn: every
    // snapshot seen must be one of the two, complete.
    Config first = fullConfig();
    Config second = fullConfig();
    second.server.port = 9001;
    second.platforms.removeLast();
    second.clientKeys[0].name = QStringLiteral("Alice B.");
    const Config firstResolved = resolvedOrDie(first, fullEnvironment());
    const Config secondResolved = resolvedOrDie(second, fullEnvironment());

    InMemoryConfigStorage storage;
    ConfigService service(&storage, fakeEnvironment(fullEnvironment()));
    QString error;
    QVERIFY2(service.apply(first, &error), qPrintable(error));

    constexpr int kApplies = 400;
    constexpr int kMaxReads = 2'000'000;
    std::atomic<bool> done {false};
    std::atomic<int> reads {0};
    std::atomic<int> bad {0};
    std::atomic<int> sawSecond {0};
    std::thread reader([&] {
        for (int i = 0; i < kMaxReads && !done.load(); ++i) {
            const std::shared_ptr<const Config> snapshot = service.snapshot();
            if (!snapshot) {
                bad.fetch_add(1);
                continue;
            }
            const bool isFirst = snapshot->server.port == firstResolved.server.port;
            const Config &expected = isFirst ? firstResolved : secondResolved;
            if (*snapshot != expected)
                bad.fetch_add(1);
            if (!isFirst)
                sawSecond.fetch_add(1);
            reads.fetch_add(1);
        }
    });
    for (int i = 0; i < kApplies; ++i) {
        if (!service.apply(i % 2 == 0 ? second : first, &error)) {
            done = true;
            reader.join();
            QFAIL(qPrintable(error));
        }
    }
    done = true;
    reader.join();
    qInfo("%d snapshot reads during %d applies", reads.load(), kApplies);
    QCOMPARE(bad.load(), 0);
    QVERIFY(reads.load() > 0);
    QCOMPARE(service.current(), first); // the last of an even number of applies
}

void TestConfigService::keychainSecretsResolveAndReload()
{
    QHash<QString, QString> keychain {{QStringLiteral("platform.ds"), QStringLiteral("sk-keychain-one")}};
    InMemoryConfigStorage storage;
    ConfigService service(&storage, fakeEnvironment({}));
    service.setKeychainLookup([&keychain](const QString &name) -> std::optional<QString> {
        if (!keychain.contains(name))
            return std::nullopt;
        return keychain.value(name);
    });
    Config config;
    PlatformConfig platform;
    platform.id = QStringLiteral("ds");
    platform.type = PlatformType::DashScope;
    platform.apiKey = QStringLiteral("${keychain:platform.ds}");
    config.platforms = {platform};
    QString error;
    QVERIFY2(service.apply(config, &error), qPrintable(error));
    QCOMPARE(service.snapshot()->platforms.at(0).apiKey, QStringLiteral("sk-keychain-one"));
    // The stored configuration and the export keep the reference, never the secret.
    QVERIFY(storage.stored.contains("${keychain:platform.ds}"));
    QVERIFY(!storage.stored.contains("sk-keychain-one"));
    QVERIFY(service.exportJson(false).contains("${keychain:platform.ds}"));

    keychain.insert(QStringLiteral("platform.ds"), QStringLiteral("sk-keychain-two"));
    QSignalSpy changed(&service, &ConfigService::configChanged);
    QVERIFY2(service.reload(&error), qPrintable(error));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(service.snapshot()->platforms.at(0).apiKey, QStringLiteral("sk-keychain-two"));

    keychain.clear();
    QVERIFY(!service.reload(&error));
    QCOMPARE(error, QStringLiteral("platforms[0].api_key: keychain secret platform.ds is not in the system keychain"));
    QCOMPARE(service.snapshot()->platforms.at(0).apiKey, QStringLiteral("sk-keychain-two")); // unchanged
}

QTEST_GUILESS_MAIN(TestConfigService)
#include "TestConfigService.moc"
