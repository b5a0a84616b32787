#include "config/Config.h"
#include "upstream/UpstreamProxy.h"
#include "upstream/UpstreamProxyRules.h"

#include <QtTest>

class TestUpstreamProxy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesProxyUrls_data();
    void parsesProxyUrls();
    void refusesProxyUrls_data();
    void refusesProxyUrls();
    void neverShowsThePassword();
    void choosesTheProxyForAUrl_data();
    void choosesTheProxyForAUrl();
    void readsTheEnvironment_data();
    void readsTheEnvironment();
    void followsTheSettings();
};

void TestUpstreamProxy::parsesProxyUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    const int http = QNetworkProxy::HttpProxy;
    const int socks = QNetworkProxy::Socks5Proxy;
    QTest::newRow("http with port") << "http://proxy.example:3128" << http << "proxy.example" << 3128 << ""
                                    << "";
    QTest::newRow("http default port") << "http://proxy.example" << http << "proxy.example" << 80 << ""
                                       << "";
    QTest::newRow("no scheme means http") << "proxy.example:8080" << http << "proxy.example" << 8080 << ""
                                          << "";
    QTest::newRow("trailing slash") << "http://proxy.example:3128/" << http << "proxy.example" << 3128 << ""
                                    << "";
    QTest::newRow("spaces around") << "  http://10.0.0.1:3128 " << http << "10.0.0.1" << 3128 << ""
                                   << "";
    QTest::newRow("IPv6") << "http://[fd00::1]:3128" << http << "fd00::1" << 3128 << ""
                          << "";
    QTest::newRow("credentials") << "http://alice:s3cret@proxy.example:3128" << http << "proxy.example" << 3128
                                 << "alice"
                                 << "s3cret";
    QTest::newRow("encoded credentials") << "http://a%40corp:p%3Aw%40rd@proxy.example:3128" << http << "proxy.example"
                                         << 3128 << "a@corp"
                                         << "p:w@rd";
    QTest::newRow("upper-case scheme") << "HTTP://Proxy.Example:3128" << http << "proxy.example" << 3128 << ""
                                       << "";
    QTest::newRow("socks5") << "socks5://127.0.0.1:9050" << socks << "127.0.0.1" << 9050 << ""
                            << "";
    QTest::newRow("socks5h default port") << "socks5h://gateway.example" << socks << "gateway.example" << 1080 << ""
                                          << "";
}

void TestUpstreamProxy::parsesProxyUrls()
{
    QFETCH(QString, url);
    QString error;
    const std::optional<UpstreamProxy> proxy = UpstreamProxy::fromUrl(url, &error);
    QFETCH(int, type);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QVERIFY2(proxy.has_value(), qPrintable(error));
    QCOMPARE(int(proxy->type), type);
    QCOMPARE(proxy->host, host);
    QCOMPARE(int(proxy->port), port);
    QCOMPARE(proxy->user, user);
    QCOMPARE(proxy->password, password);
}

void TestUpstreamProxy::refusesProxyUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected"); // part of the message
    QTest::newRow("empty") << ""
                           << "empty";
    QTest::newRow("https proxy") << "https://proxy.example:3128"
                                 << "not supported";
    QTest::newRow("ftp") << "ftp://proxy.example"
                         << "unsupported proxy scheme";
    QTest::newRow("socks4") << "socks4://proxy.example"
                            << "unsupported proxy scheme";
    QTest::newRow("no host") << "http://:3128"
                             << "no host";
    QTest::newRow("port 0") << "http://proxy.example:0"
                            << "between 1 and 65535";
    QTest::newRow("bad port") << "http://proxy.example:99999"
                              << "not a valid URL";
    QTest::newRow("path") << "http://proxy.example:3128/pac"
                          << "no path";
    QTest::newRow("query") << "http://proxy.example:3128?x=1"
                           << "no query";
}

void TestUpstreamProxy::refusesProxyUrls()
{
    QFETCH(QString, url);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!UpstreamProxy::fromUrl(url, &error).has_value());
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void TestUpstreamProxy::neverShowsThePassword()
{
    const std::optional<UpstreamProxy> proxy
        = UpstreamProxy::fromUrl(QStringLiteral("http://alice:s3cret@proxy.example:3128"), nullptr);
    QVERIFY(proxy);
    QCOMPARE(proxy->displayText(), QStringLiteral("http://alice@proxy.example:3128"));
    QVERIFY(!proxy->poolKey().contains(QStringLiteral("s3cret")));
    const UpstreamProxyRules rules = UpstreamProxyRules::manual(*proxy, QStringLiteral("internal.example"));
    QVERIFY(!rules.describe().contains(QStringLiteral("s3cret")));
    QVERIFY(rules.describe().contains(QStringLiteral("http://alice@proxy.example:3128")));
    const QNetworkProxy networkProxy = proxy->toNetworkProxy();
    QCOMPARE(networkProxy.user(), QStringLiteral("alice"));
    QCOMPARE(networkProxy.password(), QStringLiteral("s3cret"));
    QVERIFY(networkProxy.capabilities() & QNetworkProxy::HostNameLookupCapability);
    QVERIFY(networkProxy.capabilities() & QNetworkProxy::TunnelingCapability);
}

void TestUpstreamProxy::choosesTheProxyForAUrl_data()
{
    QTest::addColumn<QString>("noProxy");
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("proxied");
    const QString none;
    QTest::newRow("cloud platform") << none << "https://openrouter.ai/api/v1" << true;
    QTest::newRow("plain http platform") << none << "http://models.example:8080/v1" << true;
    QTest::newRow("localhost") << none << "http://localhost:11434/v1" << false;
    QTest::newRow("LOCALHOST") << none << "http://LOCALHOST:11434/v1" << false;
    QTest::newRow("a .localhost name") << none << "http://ollama.localhost:11434" << false;
    QTest::newRow("127.0.0.1") << none << "http://127.0.0.1:1234/v1" << false;
    QTest::newRow("127.1.2.3") << none << "http://127.1.2.3:1234/v1" << false;
    QTest::newRow("::1") << none << "http://[::1]:1234/v1" << false;
    QTest::newRow("LAN address is proxied") << none << "http://192.168.1.20:1234/v1" << true;
    QTest::newRow("* means none") << "*"
                                  << "https://openrouter.ai" << false;
    QTest::newRow("exact host") << "openrouter.ai"
                                << "https://openrouter.ai" << false;
    QTest::newRow("host also matches subdomains") << "example.com"
                                                  << "https://api.example.com" << false;
    QTest::newRow("host does not match a longer name") << "example.com"
                                                       << "https://badexample.com" << true;
    QTest::newRow("leading dot: subdomains") << ".example.com"
                                             << "https://api.example.com" << false;
    QTest::newRow("leading dot: not the domain itself") << ".example.com"
                                                        << "https://example.com" << true;
    QTest::newRow("*. like a leading dot") << "*.example.com"
                                           << "https://api.example.com" << false;
    QTest::newRow("case and spaces") << " Foo.Example , bar.example "
                                     << "https://FOO.example/v1" << false;
    QTest::newRow("other entries do not match") << "a.example,b.example"
                                                << "https://c.example" << true;
    QTest::newRow("IP address") << "10.1.2.3"
                                << "http://10.1.2.3:8000" << false;
    QTest::newRow("CIDR inside") << "10.0.0.0/8"
                                 << "http://10.200.0.7:8000" << false;
    QTest::newRow("CIDR outside") << "10.0.0.0/8"
                                  << "http://11.0.0.1:8000" << true;
    QTest::newRow("CIDR does not match names") << "10.0.0.0/8"
                                               << "http://ten.example" << true;
    QTest::newRow("IPv6 CIDR") << "fd00::/8"
                               << "http://[fd12::5]:8000" << false;
    QTest::newRow("host:port, same port") << "models.example:8080"
                                          << "http://models.example:8080" << false;
    QTest::newRow("host:port, other port") << "models.example:8080"
                                           << "http://models.example:9090" << true;
    QTest::newRow("host:port, default port") << "api.example:443"
                                             << "https://api.example/v1" << false;
    QTest::newRow("[v6]:port") << "[fd00::1]:8000"
                               << "http://[fd00::1]:8000" << false;
    QTest::newRow("trailing dot in the URL") << "example.com"
                                             << "https://example.com./v1" << false;
    QTest::newRow("empty entries ignored") << ",,,"
                                           << "https://example.com" << true;
}

void TestUpstreamProxy::choosesTheProxyForAUrl()
{
    QFETCH(QString, noProxy);
    QFETCH(QString, url);
    QFETCH(bool, proxied);
    const std::optional<UpstreamProxy> proxy
        = UpstreamProxy::fromUrl(QStringLiteral("http://proxy.example:3128"), nullptr);
    const UpstreamProxyRules rules = UpstreamProxyRules::manual(*proxy, noProxy);
    QCOMPARE(rules.proxyFor(QUrl(url)).has_value(), proxied);
    QVERIFY(!UpstreamProxyRules().proxyFor(QUrl(url)).has_value());
}

void TestUpstreamProxy::readsTheEnvironment_data()
{
    QTest::addColumn<QStringList>("variables"); // NAME=value
    QTest::addColumn<QString>("httpsProxy"); // the proxy an https URL gets ("" = none)
    QTest::addColumn<QString>("httpProxy");
    QTest::addColumn<int>("warnings");
    QTest::newRow("nothing set") << QStringList() << ""
                                 << "" << 0;
    QTest::newRow("HTTPS_PROXY") << QStringList {"HTTPS_PROXY=http://p1.example:3128"} << "http://p1.example:3128"
                                 << "" << 0;
    QTest::newRow("https_proxy wins over HTTPS_PROXY")
        << QStringList {"HTTPS_PROXY=http://upper.example:1", "https_proxy=http://lower.example:2"}
        << "http://lower.example:2"
        << "" << 0;
    QTest::newRow("HTTP_PROXY for http only") << QStringList {"HTTP_PROXY=http://p2.example:8080"} << ""
                                              << "http://p2.example:8080" << 0;
    QTest::newRow("ALL_PROXY for both") << QStringList {"ALL_PROXY=socks5://p3.example:1080"}
                                        << "socks5://p3.example:1080"
                                        << "socks5://p3.example:1080" << 0;
    QTest::newRow("a specific one wins over ALL_PROXY")
        << QStringList {"ALL_PROXY=http://all.example:1", "HTTPS_PROXY=http://tls.example:2"} << "http://tls.example:2"
        << "http://all.example:1" << 0;
    QTest::newRow("empty value is not set")
        << QStringList {"https_proxy=", "HTTPS_PROXY=http://p4.example:3"} << "http://p4.example:3"
        << "" << 0;
    QTest::newRow("unusable value is ignored with a warning")
        << QStringList {"HTTPS_PROXY=https://tls-proxy.example:443"} << ""
        << "" << 1;
}

void TestUpstreamProxy::readsTheEnvironment()
{
    QFETCH(QStringList, variables);
    QFETCH(QString, httpsProxy);
    QFETCH(QString, httpProxy);
    QFETCH(int, warnings);
    QProcessEnvironment environment;
    for (const QString &variable : std::as_const(variables))
        environment.insert(variable.section(QLatin1Char('='), 0, 0), variable.section(QLatin1Char('='), 1));
    QStringList warningTexts;
    const UpstreamProxyRules rules = UpstreamProxyRules::fromEnvironment(environment, &warningTexts);
    QCOMPARE(warningTexts.size(), warnings);
    const auto shown
        = [](const std::optional<UpstreamProxy> &proxy) { return proxy ? proxy->displayText() : QString(); };
    QCOMPARE(shown(rules.proxyFor(QUrl(QStringLiteral("https://api.example/v1")))), httpsProxy);
    QCOMPARE(shown(rules.proxyFor(QUrl(QStringLiteral("http://api.example/v1")))), httpProxy);
}

void TestUpstreamProxy::followsTheSettings()
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("HTTPS_PROXY"), QStringLiteral("http://env.example:3128"));
    environment.insert(QStringLiteral("NO_PROXY"), QStringLiteral("skip.example"));
    const QUrl platform(QStringLiteral("https://api.example/v1"));

    UpstreamProxySettings settings; // environment by default
    UpstreamProxyRules rules = UpstreamProxyRules::forSettings(settings, environment, nullptr);
    QCOMPARE(rules.proxyFor(platform)->displayText(), QStringLiteral("http://env.example:3128"));
    QVERIFY(!rules.proxyFor(QUrl(QStringLiteral("https://skip.example"))));

    settings.mode = UpstreamProxySettings::Mode::None;
    QVERIFY(UpstreamProxyRules::forSettings(settings, environment, nullptr).isEmpty());

    settings.mode = UpstreamProxySettings::Mode::Manual;
    settings.url = QStringLiteral("http://bob:from-url@manual.example:8080");
    settings.password = QStringLiteral("from-field");
    settings.noProxy = QStringLiteral("intranet.example");
    rules = UpstreamProxyRules::forSettings(settings, environment, nullptr);
    const std::optional<UpstreamProxy> manual = rules.proxyFor(platform);
    QVERIFY(manual);
    QCOMPARE(manual->host, QStringLiteral("manual.example"));
    QCOMPARE(manual->user, QStringLiteral("bob"));
    QCOMPARE(manual->password, QStringLiteral("from-field")); // the password field wins over the URL's
    QVERIFY(rules.proxyFor(QUrl(QStringLiteral("https://skip.example")))); // the environment's NO_PROXY is not used
    QVERIFY(!rules.proxyFor(QUrl(QStringLiteral("https://intranet.example"))));

    settings.url = QStringLiteral("ftp://nonsense");
    QStringList warnings;
    QVERIFY(UpstreamProxyRules::forSettings(settings, environment, &warnings).isEmpty());
    QCOMPARE(warnings.size(), 1);
}

QTEST_GUILESS_MAIN(TestUpstreamProxy)
#include "TestUpstreamProxy.moc"
