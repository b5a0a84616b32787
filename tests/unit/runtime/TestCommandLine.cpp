#include "runtime/CommandLine.h"

#include <QTest>

class TestCommandLine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void headlessOrDesktop_data();
    void headlessOrDesktop();
    void parses_data();
    void parses();
    void defaults();
};

void TestCommandLine::parses_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("action");
    QTest::addColumn<QString>("textContains");

    const int run = int(CommandLineResult::Action::Run);
    const int help = int(CommandLineResult::Action::ShowHelp);
    const int version = int(CommandLineResult::Action::ShowVersion);
    const int fail = int(CommandLineResult::Action::Fail);
    QTest::newRow("nothing") << QStringList {} << run << QString();
    QTest::newRow("help") << QStringList {"--help"} << help << "--listen <host:port>";
    QTest::newRow("version") << QStringList {"--version"} << version << "switchyard 0.1.0";
    QTest::newRow("all options") << QStringList {"--headless", "--config", "/etc/s.json", "--data-dir", "/var/lib/s",
        "--listen", "0.0.0.0:9000", "--debug"}
                                 << run << QString();
    QTest::newRow("unknown flag") << QStringList {"--bogus"} << fail << "Unknown option 'bogus'";
    QTest::newRow("missing value") << QStringList {"--config"} << fail << "Missing value after '--config'";
    QTest::newRow("listen without port") << QStringList {"--listen", "127.0.0.1"} << fail
                                         << "--listen: must be \"host:port\"";
    QTest::newRow("listen bad port") << QStringList {"--listen", "127.0.0.1:99999"} << fail << "port must be a number";
    QTest::newRow("listen host name") << QStringList {"--listen", "example.com:80"} << fail
                                      << "host must be an IP address";
    QTest::newRow("listen ipv6") << QStringList {"--listen", "[::1]:8001"} << run << QString();
    QTest::newRow("check all") << QStringList {"--check"} << run << QString();
    QTest::newRow("check one") << QStringList {"--check", "dashscope"} << run << QString();
    QTest::newRow("check two") << QStringList {"--check", "a", "b"} << fail << "Unexpected argument: b";
    QTest::newRow("list models") << QStringList {"--list-models", "ollama"} << run << QString();
    QTest::newRow("list models needs a platform") << QStringList {"--list-models"} << fail << "Missing value";
    QTest::newRow("usage") << QStringList {"--usage", "7d"} << run << QString();
    QTest::newRow("usage by key as json")
        << QStringList {"--usage", "all", "--by", "key", "--json"} << run << QString();
    QTest::newRow("usage unknown period") << QStringList {
        "--usage", "week"} << fail << "--usage: unknown period \"week\"; expected one of today, 7d, 30d, month, all";
    QTest::newRow("usage needs a period") << QStringList {"--usage"} << fail << "Missing value";
    QTest::newRow("usage unknown grouping")
        << QStringList {"--usage", "today", "--by", "user"} << fail << "--by: unknown grouping \"user\"";
    QTest::newRow("by without usage") << QStringList {"--by", "day"} << fail << "--by and --json go with --usage.";
    QTest::newRow("json without usage") << QStringList {"--json"} << fail << "--by and --json go with --usage.";
    QTest::newRow("usage with check") << QStringList {"--usage", "today", "--check"} << fail
                                      << "--usage cannot be combined with --check or --list-models.";
    QTest::newRow("positional without check") << QStringList {"dashscope"} << fail << "Unexpected argument: dashscope";
}

void TestCommandLine::parses()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, action);
    QFETCH(QString, textContains);
    arguments.prepend(QStringLiteral("switchyard"));
    const CommandLineResult result = CommandLine::parse(arguments);
    QCOMPARE(int(result.action), action);
    QVERIFY2(result.text.contains(textContains), qPrintable(result.text));
}

void TestCommandLine::defaults()
{
    const CommandLineResult plain = CommandLine::parse({QStringLiteral("switchyard")});
    QVERIFY(!plain.options.headless);
    QVERIFY(!plain.options.debug);
    QVERIFY(plain.options.configFile.isEmpty());
    QVERIFY(!plain.options.listen.has_value());
    QCOMPARE(plain.options.dataDir, CommandLine::defaultDataDir());

    const CommandLineResult full = CommandLine::parse({"switchyard", "--headless", "--config", "/etc/s.json",
        "--data-dir", "/var/lib/s", "--listen", "[::1]:8001", "--debug"});
    QVERIFY(full.options.headless);
    QVERIFY(full.options.debug);
    QCOMPARE(full.options.configFile, QStringLiteral("/etc/s.json"));
    QCOMPARE(full.options.dataDir, QStringLiteral("/var/lib/s"));
    QVERIFY(full.options.listen.has_value());
    QCOMPARE(full.options.listen->host, QStringLiteral("::1"));
    QCOMPARE(full.options.listen->port, quint16(8001));
    QVERIFY(!full.options.check);

    const CommandLineResult check = CommandLine::parse({"switchyard", "--check", "dashscope"});
    QVERIFY(check.options.check);
    QCOMPARE(check.options.checkPlatform, QStringLiteral("dashscope"));
    const CommandLineResult models = CommandLine::parse({"switchyard", "--list-models", "ollama"});
    QVERIFY(!models.options.check);
    QCOMPARE(models.options.listModelsPlatform, QStringLiteral("ollama"));
    QVERIFY(models.options.runsTool());
    QVERIFY(!plain.options.runsTool());
    QVERIFY(!plain.options.usagePeriod);

    const CommandLineResult usage = CommandLine::parse({"switchyard", "--usage", "month", "--by", "day", "--json"});
    QCOMPARE(usage.options.usagePeriod, std::optional(UsagePeriod::Kind::ThisMonth));
    QCOMPARE(usage.options.usageGrouping, UsageReport::Grouping::Day);
    QVERIFY(usage.options.json);
    QVERIFY(usage.options.runsTool());
    const CommandLineResult usageDefaults = CommandLine::parse({"switchyard", "--usage", "today"});
    QCOMPARE(usageDefaults.options.usageGrouping, UsageReport::Grouping::Model);
    QVERIFY(!usageDefaults.options.json);
}

void TestCommandLine::headlessOrDesktop_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("display");
    QTest::addColumn<QString>("wayland");
    QTest::addColumn<QString>("platform");
    QTest::addColumn<bool>("headless");
    QTest::newRow("X11 display") << QStringList() << ":0"
                                 << ""
                                 << "" << false;
    QTest::newRow("Wayland display") << QStringList() << ""
                                     << "wayland-0"
                                     << "" << false;
    QTest::newRow("no display") << QStringList() << ""
                                << ""
                                << "" << true;
    QTest::newRow("no display, --gui") << QStringList {"--gui"} << ""
                                       << ""
                                       << "" << true;
    QTest::newRow("--headless with a display") << QStringList {"--headless"} << ":0"
                                               << ""
                                               << "" << true;
    QTest::newRow("offscreen") << QStringList() << ":0"
                               << ""
                               << "offscreen" << true;
    QTest::newRow("offscreen with --gui") << QStringList {"--gui"} << ":0"
                                          << ""
                                          << "offscreen" << false;
    QTest::newRow("xcb platform") << QStringList() << ":0"
                                  << ""
                                  << "xcb" << false;
}

void TestCommandLine::headlessOrDesktop()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, display);
    QFETCH(QString, wayland);
    QFETCH(QString, platform);
    QFETCH(bool, headless);
    const CommandLineResult result = CommandLine::parse(QStringList {"switchyard"} + arguments);
    QCOMPARE(result.action, CommandLineResult::Action::Run);
    const auto environment = [&](const char *name) {
        const QByteArray variable(name);
        if (variable == "DISPLAY")
            return display;
        if (variable == "WAYLAND_DISPLAY")
            return wayland;
        if (variable == "QT_QPA_PLATFORM")
            return platform;
        return QString();
    };
    QCOMPARE(CommandLine::runsHeadless(result.options, environment), headless);
    QVERIFY(CommandLine::parse({"switchyard", "--headless", "--gui"}).action == CommandLineResult::Action::Fail);
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "TestCommandLine.moc"
