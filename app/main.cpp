#include "BuildInfo.h"
#include "common/Logging.h"
#include "runtime/CommandLine.h"
#include "runtime/PlatformCheck.h"
#include "runtime/ProxyRuntime.h"
#include "runtime/UnixSignalWatcher.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>
#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication::setApplicationName(QStringLiteral("switchyard"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SWITCHYARD_VERSION));
    QCoreApplication app(argc, argv);

    const CommandLineResult commandLine = CommandLine::parse(QCoreApplication::arguments());
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

    if (commandLine.options.check || !commandLine.options.listModelsPlatform.isEmpty()) {
        if (!commandLine.options.debug)
            QLoggingCategory::setFilterRules(QStringLiteral("switchyard.*.info=false")); // the report says it all
        QTextStream out(stdout);
        QString error;
        const std::optional<Config> config
            = PlatformCheck::loadConfig(commandLine.options.configFile, commandLine.options.dataDir, &error);
        if (!config) {
            std::fprintf(stderr, "switchyard: %s\n", qPrintable(error));
            return 1;
        }
        return commandLine.options.check ? PlatformCheck::testConnections(*config, commandLine.options.checkPlatform, out)
                                         : PlatformCheck::listModels(*config, commandLine.options.listModelsPlatform, out);
    }

    // The windows and the tray arrive with the desktop work; until then Switchyard always runs headless.
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
