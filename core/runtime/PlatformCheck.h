#pragma once

#include "config/Config.h"

#include <QString>
#include <QTextStream>
#include <optional>

// The headless face of the platform tools the windows offer: `switchyard --check [PLATFORM]` tests each enabled
// platform (or one) and says plainly what is wrong; `switchyard --list-models PLATFORM` prints what a platform
// offers, with the capabilities Switchyard will assume. Both run their own event loop and return an exit code.
namespace PlatformCheck {

// The configuration to check: the given file (read, not imported), else the one stored in the data folder.
std::optional<Config> loadConfig(const QString &configFile, const QString &dataDir, QString *error);

int testConnections(const Config &config, const QString &platformId, QTextStream &out);
int listModels(const Config &config, const QString &platformId, QTextStream &out);

} // namespace PlatformCheck
