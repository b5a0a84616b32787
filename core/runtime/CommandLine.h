#pragma once

#include "config/Config.h"
#include "store/UsagePeriod.h"
#include "store/UsageReport.h"

#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

// `switchyard [--headless | --gui] [--config FILE] [--data-dir DIR] [--listen HOST:PORT] [--debug]`
// `switchyard --check [PLATFORM] | --list-models PLATFORM [--config FILE] [--data-dir DIR]`
// `switchyard --usage PERIOD [--by GROUPING] [--json] [--config FILE] [--data-dir DIR]`
struct CommandLineOptions
{
    bool headless = false;
    bool gui = false; // windows and tray even where Qt runs offscreen (QT_QPA_PLATFORM=offscreen)
    QString configFile; // imported into the data folder's database at start
    QString dataDir; // empty = the platform's app-data folder
    bool dataDirGiven = false; // --data-dir was on the command line
    std::optional<ServerSettings> listen; // overrides the configuration's "listen" for this run
    bool debug = false;
    // Tools instead of serving: test platform connections (all enabled ones when the value is empty), or list
    // one platform's models.
    bool check = false;
    QString checkPlatform;
    QString listModelsPlatform;
    // Print the usage statistics of a period instead of serving (UsageSummary).
    std::optional<UsagePeriod::Kind> usagePeriod;
    UsageReport::Grouping usageGrouping = UsageReport::Grouping::Model;
    bool json = false;

    bool runsTool() const { return check || !listModelsPlatform.isEmpty() || usagePeriod.has_value(); }
};

struct CommandLineResult
{
    enum class Action
    {
        Run,
        ShowHelp,
        ShowVersion,
        Fail
    };
    Action action = Action::Run;
    CommandLineOptions options;
    QString text; // help or version text, or the error message for Fail
};

namespace CommandLine {

CommandLineResult parse(const QStringList &arguments);
QString defaultDataDir();

// Whether to run headless: --headless, or no display to show windows on (neither DISPLAY nor
// WAYLAND_DISPLAY set), or QT_QPA_PLATFORM=offscreen without --gui. `environment` looks a variable up
// (empty when unset). Pure.
bool runsHeadless(const CommandLineOptions &options, const std::function<QString(const char *)> &environment);

} // namespace CommandLine
