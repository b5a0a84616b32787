#pragma once

#include "config/Config.h"

#include <QString>
#include <QStringList>
#include <optional>

// `switchyard [--headless] [--config FILE] [--data-dir DIR] [--listen HOST:PORT] [--debug]`
// `switchyard --check [PLATFORM] | --list-models PLATFORM [--config FILE] [--data-dir DIR]`
struct CommandLineOptions
{
    bool headless = false;
    QString configFile; // imported into the data folder's database at start
    QString dataDir; // empty = the platform's app-data folder
    std::optional<ServerSettings> listen; // overrides the configuration's "listen" for this run
    bool debug = false;
    // Tools instead of serving: test platform connections (all enabled ones when the value is empty), or list
    // one platform's models.
    bool check = false;
    QString checkPlatform;
    QString listModelsPlatform;
};

struct CommandLineResult
{
    enum class Action { Run, ShowHelp, ShowVersion, Fail };
    Action action = Action::Run;
    CommandLineOptions options;
    QString text; // help or version text, or the error message for Fail
};

namespace CommandLine {

CommandLineResult parse(const QStringList &arguments);
QString defaultDataDir();

} // namespace CommandLine
