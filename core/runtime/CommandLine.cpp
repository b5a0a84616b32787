#include "runtime/CommandLine.h"

#include "BuildInfo.h"
#include "config/ConfigJson.h"

#include <QCommandLineParser>
#include <QDir>
#include <QStandardPaths>

namespace CommandLine {

CommandLineResult parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Switchyard: run Claude Code on any model. A local proxy that forwards each request to the "
                       "model that should answer it, records every call, and falls back when a model fails."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption headlessOption(
        QStringLiteral("headless"), QStringLiteral("Run without windows or tray (servers, scripts)."));
    const QCommandLineOption configOption(QStringLiteral("config"),
        QStringLiteral("Import a JSON configuration file into the data folder's database at start (see "
                       "docs/configuration.md)."),
        QStringLiteral("file"));
    const QCommandLineOption dataDirOption(QStringLiteral("data-dir"),
        QStringLiteral("Folder for the database (default: %1).").arg(defaultDataDir()), QStringLiteral("dir"));
    const QCommandLineOption listenOption(QStringLiteral("listen"),
        QStringLiteral("Address to listen on, HOST:PORT (default: the configuration's, else 127.0.0.1:8000)."),
        QStringLiteral("host:port"));
    const QCommandLineOption guiOption(
        QStringLiteral("gui"), QStringLiteral("Show the windows and the tray even where Qt runs offscreen."));
    const QCommandLineOption debugOption(QStringLiteral("debug"), QStringLiteral("Log debug messages."));
    const QCommandLineOption checkOption(QStringLiteral("check"),
        QStringLiteral(
            "Test the connection to every enabled platform (or to the one named as the argument) and exit."));
    const QCommandLineOption listModelsOption(QStringLiteral("list-models"),
        QStringLiteral("Print the models a platform offers and exit."), QStringLiteral("platform"));
    const QCommandLineOption usageOption(QStringLiteral("usage"),
        QStringLiteral("Print the model calls, tokens and cost of a period (%1) from the records and exit.")
            .arg(UsagePeriod::idsText()),
        QStringLiteral("period"));
    const QCommandLineOption byOption(QStringLiteral("by"),
        QStringLiteral("With --usage: one line per model, platform, key (client key) or day (default: model)."),
        QStringLiteral("grouping"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("With --usage: print JSON."));
    parser.addOptions({headlessOption, guiOption, configOption, dataDirOption, listenOption, debugOption, checkOption,
        listModelsOption, usageOption, byOption, jsonOption});
    parser.addPositionalArgument(QStringLiteral("platform"), QStringLiteral("With --check: the platform to test."),
        QStringLiteral("[platform]"));

    CommandLineResult result;
    if (!parser.parse(arguments)) {
        result.action = CommandLineResult::Action::Fail;
        result.text = parser.errorText() + QStringLiteral("\nTry --help.");
        return result;
    }
    if (parser.isSet(helpOption)) {
        result.action = CommandLineResult::Action::ShowHelp;
        result.text = parser.helpText();
        return result;
    }
    if (parser.isSet(versionOption)) {
        result.action = CommandLineResult::Action::ShowVersion;
        result.text = QStringLiteral("switchyard %1\n").arg(QStringLiteral(SWITCHYARD_VERSION));
        return result;
    }
    const bool check = parser.isSet(checkOption);
    if (parser.positionalArguments().size() > (check ? 1 : 0)) {
        result.action = CommandLineResult::Action::Fail;
        result.text
            = QStringLiteral("Unexpected argument: %1\nTry --help.").arg(parser.positionalArguments().constLast());
        return result;
    }

    CommandLineOptions &options = result.options;
    options.headless = parser.isSet(headlessOption);
    options.gui = parser.isSet(guiOption);
    if (options.headless && options.gui) {
        result.action = CommandLineResult::Action::Fail;
        result.text = QStringLiteral("--headless and --gui exclude each other.");
        return result;
    }
    options.dataDirGiven = parser.isSet(dataDirOption);
    options.debug = parser.isSet(debugOption);
    options.check = check;
    options.checkPlatform = check ? parser.positionalArguments().value(0) : QString();
    options.listModelsPlatform = parser.value(listModelsOption);
    options.configFile = parser.value(configOption);
    options.dataDir = parser.isSet(dataDirOption) ? parser.value(dataDirOption) : defaultDataDir();
    if (parser.isSet(configOption) && options.configFile.isEmpty()) {
        result.action = CommandLineResult::Action::Fail;
        result.text = QStringLiteral("--config needs a file name.");
        return result;
    }
    if (options.dataDir.isEmpty()) {
        result.action = CommandLineResult::Action::Fail;
        result.text = QStringLiteral("--data-dir needs a folder name.");
        return result;
    }
    auto fail = [&result](const QString &text) {
        result.action = CommandLineResult::Action::Fail;
        result.text = text + QStringLiteral("\nTry --help.");
        return result;
    };
    if (parser.isSet(usageOption)) {
        options.usagePeriod = UsagePeriod::kindFromId(parser.value(usageOption));
        if (!options.usagePeriod) {
            return fail(QStringLiteral("--usage: unknown period \"%1\"; expected one of %2")
                            .arg(parser.value(usageOption), UsagePeriod::idsText()));
        }
        if (check || !options.listModelsPlatform.isEmpty())
            return fail(QStringLiteral("--usage cannot be combined with --check or --list-models."));
    }
    if ((parser.isSet(byOption) || parser.isSet(jsonOption)) && !options.usagePeriod)
        return fail(QStringLiteral("--by and --json go with --usage."));
    if (parser.isSet(byOption)) {
        const std::optional<UsageReport::Grouping> grouping = UsageReport::groupingFromId(parser.value(byOption));
        if (!grouping)
            return fail(QStringLiteral("--by: unknown grouping \"%1\"; expected one of model, platform, key, day")
                            .arg(parser.value(byOption)));
        options.usageGrouping = *grouping;
    }
    options.json = parser.isSet(jsonOption);
    if (parser.isSet(listenOption)) {
        QString error;
        options.listen = ConfigJson::parseListenAddress(parser.value(listenOption), &error);
        if (!options.listen) {
            result.action = CommandLineResult::Action::Fail;
            result.text = QStringLiteral("--listen: %1").arg(error);
            return result;
        }
    }
    return result;
}

QString defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

bool runsHeadless(const CommandLineOptions &options, const std::function<QString(const char *)> &environment)
{
    if (options.headless)
        return true;
    if (environment("DISPLAY").isEmpty() && environment("WAYLAND_DISPLAY").isEmpty())
        return true;
    return environment("QT_QPA_PLATFORM") == QLatin1String("offscreen") && !options.gui;
}

} // namespace CommandLine
