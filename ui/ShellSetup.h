#pragma once

#include "config/Config.h"

#include <QString>

// "Copy shell setup": the two variables that point Claude Code at Switchyard, for a terminal. Pure.
namespace ShellSetup {

struct Result
{
    QString text; // "export ANTHROPIC_BASE_URL=http://127.0.0.1:8000 ANTHROPIC_AUTH_TOKEN=..."
    bool usesClientKey = false; // false: no enabled client key, the token is a placeholder
    QString clientKeyId;
};

// The token is the first enabled client key of `resolved` (a resolved configuration, secrets expanded);
// without one, a placeholder that says no key is needed.
Result forConfig(const QString &baseUrl, const Config &resolved);
// The token Claude Code should send: the first enabled client key, or the placeholder.
QString authToken(const Config &resolved, QString *clientKeyId = nullptr);
// A word quoted for POSIX shells when it needs it.
QString shellQuoted(const QString &word);

inline constexpr const char *kNoKeyPlaceholder = "switchyard-no-client-key-needed";

} // namespace ShellSetup
