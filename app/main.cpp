#include "AppSettings.h"
#include "BuildInfo.h"
#include "DesktopApp.h"
#include "SingleInstance.h"
#include "common/LogBuffer.h"
#include "common/Logging.h"
#include "runtime/CommandLine.h"
#include "runtime/PlatformCheck.h"
#include "runtime/ProxyRuntime.h"
#include "runtime/UnixSignalWatcher.h"
#include "runtime/UsageSummary.h"

#include <QApplication>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>
#include <cstdio>

namespace {

// The server face: no windows, configured by files and flags, stopped by SIGINT/SIGTERM. Also answers
// --help, --version and command-line mistakes.
int runHeadless(int argc, char *argv[], const CommandLineResult &commandLine)
{
    QCoreApplication app(argc, argv);

    switch (commandLine.action) {
    case CommandLineResult::Action::ShowHelp:
    case CommandLineResult::Action::ShowVersion:
        std::fputs(qPrintable(commandLine.text), stdout);
        return 0;
    case CommandLineResult::Action::Fail:
        std::fprintf(stderr, "switchyard: %s\n", qPrintable(commandLine.text));
        return 2;
    case CommandLineResult::Action::Run:
        break;
    }
    Logging::install(commandLine.options.debug);

    if (commandLine.options.runsTool()) {
        if (!commandLine.options.debug)
            QLoggingCategory::setFilterRules(QStringLiteral("switchyard.*.info=false")); // the report says it all
        QTextStream out(stdout);
        QString error;
        if (commandLine.options.usagePeriod) {
            UsageSummary::Request request;
            request.period = UsagePeriod(*commandLine.options.usagePeriod);
            request.grouping = commandLine.options.usageGrouping;
            request.json = commandLine.options.json;
            const int code
                = UsageSummary::run(commandLine.options.configFile, commandLine.options.dataDir, request, out, &error);
            if (code != 0)
                std::fprintf(stderr, "switchyard: %s\n", qPrintable(error));
            return code;
        }
        const std::optional<Config> config
            = PlatformCheck::loadConfig(commandLine.options.configFile, commandLine.options.dataDir, &error);
        if (!config) {
            std::fprintf(stderr, "switchyard: %s\n", qPrintable(error));
            return 1;
        }
        return commandLine.options.check
            ? PlatformCheck::testConnections(*config, commandLine.options.checkPlatform, out)
            : PlatformCheck::listModels(*config, commandLine.options.listModelsPlatform, out);
    }

    ProxyRuntime runtime;
    QString error;
    if (!runtime.start(ProxyRuntime::optionsFrom(commandLine.options), &error)) {
        std::fprintf(stderr, "switchyard: %s\n", qPrintable(error));
        return 1;
    }
    UnixSignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, &runtime, &ProxyRuntime::shutdown);
    QObject::connect(&runtime, &ProxyRuntime::stopped, &app, &QCoreApplication::quit);
    return app.exec();
}

// The desktop face: tray and windows over the same runtime.
int runDesktop(int argc, char *argv[], const CommandLineResult &commandLine)
{
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("Switchyard"));
    QApplication::setDesktopFileName(QStringLiteral("switchyard"));
    LogBuffer log;
    Logging::install(commandLine.options.debug);
    Logging::installBuffer(&log);

    SingleInstance instance;
    if (!instance.claim()) {
        Logging::installBuffer(nullptr);
        return 0; // the running Switchyard shows its window
    }

    AppSettings settings;
    if (!commandLine.options.debug && settings.debugLogging())
        Logging::setDebug(true);
    DesktopApp::Options options;
    options.runtime = ProxyRuntime::optionsFrom(commandLine.options);
    if (!commandLine.options.dataDirGiven && !settings.nextDataDir().isEmpty())
        options.runtime.dataDir = settings.nextDataDir();
    options.log = &log;
    int exitCode = 0;
    {
        DesktopApp desktop;
        QObject::connect(&instance, &SingleInstance::activationRequested, &desktop, &DesktopApp::showWindow);
        QString error;
        if (!desktop.start(options, &error)) {
            DesktopApp::reportStartFailure(error);
            std::fprintf(stderr, "switchyard: %s\n", qPrintable(error));
            exitCode = 1;
        } else {
            UnixSignalWatcher signalWatcher;
            QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, &desktop, &DesktopApp::quit);
            QObject::connect(&desktop, &DesktopApp::finished, &app, &QCoreApplication::quit);
            exitCode = app.exec();
        }
    }
    Logging::installBuffer(nullptr);
    return exitCode;
}

QStringList argumentsOf(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    return arguments;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication::setApplicationName(QStringLiteral("switchyard"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SWITCHYARD_VERSION));

    // Parsed once, before an application object exists: windows need a display. Help, version and mistakes
    // are answered by the headless path. Every argument is Switchyard's own (Qt's, such as -platform, are
    // refused like any unknown option), so the application objects leave the list as it is.
    const CommandLineResult commandLine = CommandLine::parse(argumentsOf(argc, argv));
    const bool tool = commandLine.options.runsTool();
    const bool headless = commandLine.action != CommandLineResult::Action::Run || tool
        || CommandLine::runsHeadless(commandLine.options, [](const char *name) { return qEnvironmentVariable(name); });
    return headless ? runHeadless(argc, argv, commandLine) : runDesktop(argc, argv, commandLine);
}
