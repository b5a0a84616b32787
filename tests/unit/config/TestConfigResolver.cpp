#include "ConfigTestSupport.h"

#include "config/ConfigResolver.h"
#include "config/ConfigValidator.h"
#include "config/SecretReference.h"
#include "platforms/PlatformPreset.h"

#include <QtTest>

using namespace ConfigTestSupport;

using VariableMap = QHash<QString, QString>;
Q_DECLARE_METATYPE(VariableMap)

namespace {

// One enabled anthropic platform "p" with api_key `apiKey`.
Config withKey(const QString &apiKey, bool enabled = true)
{
    Config config;
    PlatformConfig p = platform(QStringLiteral("p"), PlatformType::Anthropic, apiKey);
    p.enabled = enabled;
    config.platforms = {p};
    return config;
}

} // namespace

class TestConfigResolver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void expandsSecrets_data();
    void expandsSecrets();
    void reportsProblems_data();
    void reportsProblems();
    void disabledEntriesResolveToEmpty();
    void fillsBaseUrlFromPreset_data();
    void fillsBaseUrlFromPreset();
    void resolvesFullConfig();
    void processEnvironment();
    void duplicateClientKeysAfterExpansion();
    void referenceHelpers_data();
    void referenceHelpers();
    void keychainReferences_data();
    void keychainReferences();
    void keychainReferenceWithoutKeychain();
};

void TestConfigResolver::expandsSecrets_data()
{
    QTest::addColumn<QString>("written");
    QTest::addColumn<VariableMap>("environment");
    QTest::addColumn<QString>("expected");

    const VariableMap env
        = {{QStringLiteral("KEY"), QStringLiteral("secret")}, {QStringLiteral("A_1"), QStringLiteral("x")},
            {QStringLiteral("EMPTY"), QString()}, {QStringLiteral("DOLLAR"), QStringLiteral("$HOME")}};
    QTest::newRow("literal") << QStringLiteral("sk-literal") << env << QStringLiteral("sk-literal");
    QTest::newRow("$NAME") << QStringLiteral("$KEY") << env << QStringLiteral("secret");
    QTest::newRow("${NAME}") << QStringLiteral("${KEY}") << env << QStringLiteral("secret");
    QTest::newRow("name with digit and underscore") << QStringLiteral("$A_1") << env << QStringLiteral("x");
    QTest::newRow("$NAME stops at non-name char")
        << QStringLiteral("$KEY-suffix") << env << QStringLiteral("secret-suffix");
    QTest::newRow("${NAME} glued to text") << QStringLiteral("pre${KEY}post") << env << QStringLiteral("presecretpost");
    QTest::newRow("two references") << QStringLiteral("$A_1:${KEY}") << env << QStringLiteral("x:secret");
    QTest::newRow("$$ is a literal $") << QStringLiteral("a$$b") << env << QStringLiteral("a$b");
    QTest::newRow("$$ before a name") << QStringLiteral("$$KEY") << env << QStringLiteral("$KEY");
    QTest::newRow("$$$NAME") << QStringLiteral("$$$KEY") << env << QStringLiteral("$secret");
    QTest::newRow("values are not expanded again") << QStringLiteral("$DOLLAR") << env << QStringLiteral("$HOME");
    QTest::newRow("unicode literal") << QStringLiteral("ключ-$KEY") << env << QStringLiteral("ключ-secret");
}

void TestConfigResolver::expandsSecrets()
{
    QFETCH(QString, written);
    QFETCH(VariableMap, environment);
    QFETCH(QString, expected);

    // as a platform's api_key
    QString error;
    const std::optional<Config> resolved
        = ConfigResolver::resolve(withKey(written), fakeEnvironment(environment), &error);
    QVERIFY2(resolved, qPrintable(error));
    QCOMPARE(resolved->platforms.at(0).apiKey, expected);

    // as a client key
    Config config;
    config.clientKeys = {ClientKey {QStringLiteral("c"), QString(), written, true}};
    const std::optional<Config> resolvedKey = ConfigResolver::resolve(config, fakeEnvironment(environment), &error);
    QVERIFY2(resolvedKey, qPrintable(error));
    QCOMPARE(resolvedKey->clientKeys.at(0).key, expected);
}

void TestConfigResolver::reportsProblems_data()
{
    QTest::addColumn<Config>("config");
    QTest::addColumn<QString>("expectedError");

    QTest::newRow("missing variable") << withKey(QStringLiteral("$DASHSCOPE_API_KEY"))
                                      << QStringLiteral("platforms[0].api_key: environment variable DASHSCOPE_API_KEY "
                                                        "is not set");
    QTest::newRow("missing ${} variable") << withKey(
        QStringLiteral("sk-${PART}")) << QStringLiteral("platforms[0].api_key: environment variable PART is not set");
    QTest::newRow("second missing variable")
        << withKey(QStringLiteral("$SET$UNSET"))
        << QStringLiteral("platforms[0].api_key: environment variable UNSET is not "
                          "set");
    QTest::newRow("empty variable for a required key") << withKey(
        QStringLiteral("$EMPTY")) << QStringLiteral("platforms[0].api_key: environment variable EMPTY is empty");

    Config second = withKey(QStringLiteral("$SET"));
    second.platforms.append(platform(QStringLiteral("q"), PlatformType::OpenRouter, QStringLiteral("${NOPE}")));
    Config proxy;
    proxy.upstreamProxy.mode = UpstreamProxySettings::Mode::Manual;
    proxy.upstreamProxy.url = QStringLiteral("http://${PROXY_HOST}:3128");
    QTest::newRow("proxy URL variable missing")
        << proxy << QStringLiteral("upstream_proxy.url: environment variable PROXY_HOST is not set");
    proxy.upstreamProxy.url = QStringLiteral("ftp://$SET");
    QTest::newRow("proxy URL unusable once expanded")
        << proxy
        << QStringLiteral("upstream_proxy.url: unsupported proxy scheme \"ftp\"; expected http:// or socks5://");
    proxy.upstreamProxy.url = QStringLiteral("http://proxy.example:3128");
    proxy.upstreamProxy.password = QStringLiteral("$PROXY_PASSWORD");
    QTest::newRow("proxy password variable missing")
        << proxy << QStringLiteral("upstream_proxy.password: environment variable PROXY_PASSWORD is not set");

    QTest::newRow("second platform") << second
                                     << QStringLiteral("platforms[1].api_key: environment variable NOPE is not set");

    Config client;
    client.clientKeys = {ClientKey {QStringLiteral("a"), QString(), QStringLiteral("$SET"), true},
        ClientKey {QStringLiteral("b"), QString(), QStringLiteral("$SWITCHYARD_KEY_BOB"), true}};
    QTest::newRow("client key") << client
                                << QStringLiteral(
                                       "client_keys[1].key: environment variable SWITCHYARD_KEY_BOB is not set");
    Config emptyClient;
    emptyClient.clientKeys = {ClientKey {QStringLiteral("a"), QString(), QStringLiteral("${EMPTY}"), true}};
    QTest::newRow("client key empty variable") << emptyClient
                                               << QStringLiteral("client_keys[0].key: environment variable EMPTY is "
                                                                 "empty");
    QTest::newRow("bad syntax") << withKey(QStringLiteral("$"))
                                << QStringLiteral(
                                       "platforms[0].api_key: a \"$\" must start a variable reference ($NAME "
                                       "or ${NAME}); write \"$$\" for a literal \"$\"");
}

void TestConfigResolver::reportsProblems()
{
    QFETCH(Config, config);
    QFETCH(QString, expectedError);
    const VariableMap env = {{QStringLiteral("SET"), QStringLiteral("v")}, {QStringLiteral("EMPTY"), QString()}};
    QString error;
    QVERIFY(!ConfigResolver::resolve(config, fakeEnvironment(env), &error));
    QCOMPARE(error, expectedError);
}

void TestConfigResolver::disabledEntriesResolveToEmpty()
{
    Config config = withKey(QStringLiteral("$UNSET_VARIABLE"), false);
    config.platforms.append(
        platform(QStringLiteral("literal"), PlatformType::OpenRouter, QStringLiteral("sk-literal")));
    config.platforms.last().enabled = false;
    config.platforms.append(platform(QStringLiteral("local"), PlatformType::Ollama));
    config.clientKeys = {ClientKey {QStringLiteral("off"), QString(), QStringLiteral("${ALSO_UNSET}"), false}};

    QString error;
    const std::optional<Config> resolved = ConfigResolver::resolve(config, fakeEnvironment({}), &error);
    QVERIFY2(resolved, qPrintable(error));
    QCOMPARE(resolved->platforms.at(0).apiKey, QString());
    QCOMPARE(resolved->platforms.at(1).apiKey, QString());
    QCOMPARE(resolved->platforms.at(2).apiKey, QString()); // no key needed for a local platform
    QCOMPARE(resolved->clientKeys.at(0).key, QString());
    QVERIFY(!resolved->platforms.at(0).enabled);
    QVERIFY(!resolved->clientKeys.at(0).enabled);
    // the written configuration keeps its references
    QCOMPARE(config.platforms.at(0).apiKey, QStringLiteral("$UNSET_VARIABLE"));

    // an empty variable is fine where no key is required
    config.platforms[2].apiKey = QStringLiteral("$EMPTY");
    const std::optional<Config> local
        = ConfigResolver::resolve(config, fakeEnvironment({{QStringLiteral("EMPTY"), QString()}}), &error);
    QVERIFY2(local, qPrintable(error));
    QCOMPARE(local->platforms.at(2).apiKey, QString());
}

void TestConfigResolver::fillsBaseUrlFromPreset_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("expected");
    QTest::newRow("anthropic") << int(PlatformType::Anthropic) << QStringLiteral("https://api.anthropic.com");
    QTest::newRow("dashscope") << int(PlatformType::DashScope)
                               << QStringLiteral("https://dashscope.aliyuncs.com/compatible-mode/v1");
    QTest::newRow("openrouter") << int(PlatformType::OpenRouter) << QStringLiteral("https://openrouter.ai/api/v1");
    QTest::newRow("siliconflow") << int(PlatformType::SiliconFlow) << QStringLiteral("https://api.siliconflow.cn/v1");
    QTest::newRow("ollama") << int(PlatformType::Ollama) << QStringLiteral("http://localhost:11434/v1");
    QTest::newRow("lmstudio") << int(PlatformType::LMStudio) << QStringLiteral("http://localhost:1234/v1");
}

void TestConfigResolver::fillsBaseUrlFromPreset()
{
    QFETCH(int, type);
    QFETCH(QString, expected);
    Config config;
    config.platforms = {platform(QStringLiteral("empty"), PlatformType(type), QStringLiteral("k")),
        platform(QStringLiteral("own"), PlatformType(type), QStringLiteral("k"))};
    config.platforms[1].baseUrl = QStringLiteral("https://mirror.example.com/v1");
    config.platforms[0].enabled = false; // disabled platforms get their base URL too
    QString error;
    const std::optional<Config> resolved = ConfigResolver::resolve(config, fakeEnvironment({}), &error);
    QVERIFY2(resolved, qPrintable(error));
    QCOMPARE(resolved->platforms.at(0).baseUrl, expected);
    QCOMPARE(resolved->platforms.at(1).baseUrl, QStringLiteral("https://mirror.example.com/v1"));
}

void TestConfigResolver::resolvesFullConfig()
{
    const Config written = fullConfig();
    QString error;
    const std::optional<Config> resolved = ConfigResolver::resolve(written, fakeEnvironment(fullEnvironment()), &error);
    QVERIFY2(resolved, qPrintable(error));
    QCOMPARE(resolved->findPlatform(QStringLiteral("anthropic"))->apiKey, QStringLiteral("sk-ant-test"));
    QCOMPARE(resolved->findPlatform(QStringLiteral("dashscope"))->apiKey, QStringLiteral("sk-dashscope-test"));
    QCOMPARE(resolved->findPlatform(QStringLiteral("openrouter"))->apiKey, QStringLiteral("sk-or-literal"));
    QCOMPARE(resolved->findPlatform(QStringLiteral("vllm"))->apiKey, QStringLiteral("Bearer-\"quoted\"\\-vllm-test"));
    QCOMPARE(resolved->findPlatform(QStringLiteral("relay.backup-1"))->apiKey, QString()); // disabled
    QCOMPARE(resolved->findPlatform(QStringLiteral("dashscope"))->baseUrl,
        QStringLiteral("https://dashscope.aliyuncs.com/compatible-mode/v1"));
    QCOMPARE(resolved->clientKeys.at(0).key, QStringLiteral("alice-secret"));
    QCOMPARE(resolved->clientKeys.at(1).key, QString()); // disabled
    QCOMPARE(resolved->upstreamProxy.password, QStringLiteral("proxy-secret"));
    QCOMPARE(resolved->upstreamProxy.url, written.upstreamProxy.url);
    QCOMPARE(resolved->upstreamProxy.noProxy, written.upstreamProxy.noProxy);
    // everything else is copied unchanged
    QCOMPARE(resolved->routing, written.routing);
    QCOMPARE(resolved->limits, written.limits);
    QCOMPARE(resolved->records, written.records);
    QCOMPARE(resolved->server, written.server);
    QCOMPARE(resolved->findPlatform(QStringLiteral("anthropic"))->models, written.platforms.at(0).models);
}

void TestConfigResolver::processEnvironment()
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("SWITCHYARD_TEST_KEY"), QStringLiteral("from-env"));
    QString error;
    const std::optional<Config> resolved
        = ConfigResolver::resolve(withKey(QStringLiteral("${SWITCHYARD_TEST_KEY}")), environment, &error);
    QVERIFY2(resolved, qPrintable(error));
    QCOMPARE(resolved->platforms.at(0).apiKey, QStringLiteral("from-env"));
    QVERIFY(!ConfigResolver::resolve(withKey(QStringLiteral("$OTHER")), environment, &error));
    QCOMPARE(error, QStringLiteral("platforms[0].api_key: environment variable OTHER is not set"));
}

void TestConfigResolver::duplicateClientKeysAfterExpansion()
{
    Config config;
    config.clientKeys = {ClientKey {QStringLiteral("a"), QString(), QStringLiteral("same"), true},
        ClientKey {QStringLiteral("b"), QString(), QStringLiteral("other"), false},
        ClientKey {QStringLiteral("c"), QString(), QStringLiteral("$SHARED"), true}};
    QVERIFY(ConfigValidator::validate(config).isEmpty());
    QString error;
    QVERIFY(ConfigResolver::resolve(config, fakeEnvironment({{QStringLiteral("SHARED"), QStringLiteral("other")}}),
        &error)); // "other" is disabled
    QVERIFY(!ConfigResolver::resolve(
        config, fakeEnvironment({{QStringLiteral("SHARED"), QStringLiteral("same")}}), &error));
    QCOMPARE(
        error, QStringLiteral("client_keys[2].key: the same key as client_keys[0]; every client needs its own key"));
}

void TestConfigResolver::referenceHelpers_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("referenceOnly");
    QTest::addColumn<QStringList>("variables");
    QTest::addColumn<bool>("wellFormed");

    QTest::newRow("empty") << QString() << false << QStringList() << true;
    QTest::newRow("literal") << QStringLiteral("sk-abc") << false << QStringList() << true;
    QTest::newRow("$NAME") << QStringLiteral("$KEY") << true << QStringList {QStringLiteral("KEY")} << true;
    QTest::newRow("${NAME}") << QStringLiteral("${KEY}") << true << QStringList {QStringLiteral("KEY")} << true;
    QTest::newRow("reference with text") << QStringLiteral("x$KEY") << false << QStringList {QStringLiteral("KEY")}
                                         << true;
    QTest::newRow("two references") << QStringLiteral("$A$B") << false
                                    << QStringList {QStringLiteral("A"), QStringLiteral("B")} << true;
    QTest::newRow("$$NAME is literal") << QStringLiteral("$$KEY") << false << QStringList() << true;
    QTest::newRow("lone $") << QStringLiteral("$") << false << QStringList() << false;
    QTest::newRow("$ digit") << QStringLiteral("$1") << false << QStringList() << false;
    QTest::newRow("${}") << QStringLiteral("${}") << false << QStringList() << false;
    QTest::newRow("${a-b}") << QStringLiteral("${a-b}") << false << QStringList() << false;
    QTest::newRow("unterminated") << QStringLiteral("${KEY") << false << QStringList() << false;
    QTest::newRow("${keychain:NAME}") << QStringLiteral("${keychain:platform.dashscope}") << true << QStringList()
                                      << true;
    QTest::newRow("keychain and env") << QStringLiteral("${keychain:a}-$B") << false
                                      << QStringList {QStringLiteral("B")} << true;
    QTest::newRow("${keychain:}") << QStringLiteral("${keychain:}") << false << QStringList() << false;
    QTest::newRow("${keychain:a b}") << QStringLiteral("${keychain:a b}") << false << QStringList() << false;
    QTest::newRow("$keychain:x is a variable and text")
        << QStringLiteral("$keychain:x") << false << QStringList {QStringLiteral("keychain")} << true;
}

void TestConfigResolver::keychainReferences_data()
{
    QTest::addColumn<QString>("apiKey");
    QTest::addColumn<QString>("expected"); // empty: an error
    QTest::addColumn<QString>("error");

    QTest::newRow("keychain secret") << QStringLiteral("${keychain:platform.ds}") << QStringLiteral("sk-from-keychain")
                                     << QString();
    QTest::newRow("mixed with env") << QStringLiteral("${keychain:platform.ds}/$TEAM")
                                    << QStringLiteral("sk-from-keychain/blue") << QString();
    QTest::newRow("missing secret")
        << QStringLiteral("${keychain:platform.gone}") << QString()
        << QStringLiteral("platforms[0].api_key: keychain secret platform.gone is not in the system keychain");
    QTest::newRow("empty secret where a key is needed")
        << QStringLiteral("${keychain:platform.empty}") << QString()
        << QStringLiteral("platforms[0].api_key: keychain secret platform.empty is not in the system keychain");
}

void TestConfigResolver::keychainReferences()
{
    QFETCH(QString, apiKey);
    QFETCH(QString, expected);
    QFETCH(QString, error);
    Config config;
    PlatformConfig platform;
    platform.id = QStringLiteral("ds");
    platform.type = PlatformType::DashScope;
    platform.apiKey = apiKey;
    config.platforms = {platform};
    QVERIFY(ConfigValidator::validate(config).isEmpty());
    const QHash<QString, QString> keychain {{QStringLiteral("platform.ds"), QStringLiteral("sk-from-keychain")},
        {QStringLiteral("platform.empty"), QString()}};
    const SecretReference::Sources sources {fakeEnvironment({{QStringLiteral("TEAM"), QStringLiteral("blue")}}),
        [keychain](const QString &name) -> std::optional<QString> {
            if (!keychain.contains(name))
                return std::nullopt;
            return keychain.value(name);
        }};
    QString problem;
    const std::optional<Config> resolved = ConfigResolver::resolve(config, sources, &problem);
    if (expected.isEmpty()) {
        QVERIFY(!resolved);
        QCOMPARE(problem, error);
    } else {
        QVERIFY2(resolved, qPrintable(problem));
        QCOMPARE(resolved->platforms.at(0).apiKey, expected);
    }
}

void TestConfigResolver::keychainReferenceWithoutKeychain()
{
    Config config;
    PlatformConfig platform;
    platform.id = QStringLiteral("ds");
    platform.type = PlatformType::DashScope;
    platform.apiKey = QStringLiteral("${keychain:platform.ds}");
    config.platforms = {platform};
    QString error;
    QVERIFY(!ConfigResolver::resolve(config, fakeEnvironment({}), &error));
    QCOMPARE(error,
        QStringLiteral(
            "platforms[0].api_key: keychain secret platform.ds: no system keychain is available here; use an "
            "environment variable reference instead"));
    // A disabled platform's keychain secret is never looked up.
    config.platforms[0].enabled = false;
    QVERIFY(ConfigResolver::resolve(config, fakeEnvironment({}), &error));
}

void TestConfigResolver::referenceHelpers()
{
    QFETCH(QString, value);
    QFETCH(bool, referenceOnly);
    QFETCH(QStringList, variables);
    QFETCH(bool, wellFormed);
    QCOMPARE(SecretReference::isReferenceOnly(value), referenceOnly);
    QCOMPARE(SecretReference::variables(value), variables);
    QCOMPARE(SecretReference::syntaxError(value).isEmpty(), wellFormed);
    QCOMPARE(SecretReference::parse(value).has_value(), wellFormed);
}

QTEST_GUILESS_MAIN(TestConfigResolver)
#include "TestConfigResolver.moc"
