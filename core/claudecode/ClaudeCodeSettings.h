#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// Merging Switchyard's connection into Claude Code's user settings (`~/.claude/settings.json`), pure:
// bytes in, bytes out. Only the `env` block's ANTHROPIC_BASE_URL and one auth variable
// (ANTHROPIC_AUTH_TOKEN) are written; a conflicting ANTHROPIC_API_KEY is removed from that block (Claude
// Code warns, or prefers the wrong one, when both are set). Everything else — plugins, hooks, the status
// line, other variables, unknown keys, their order and formatting — is kept byte for byte.
namespace ClaudeCodeSettings {

inline constexpr const char *kBaseUrlVariable = "ANTHROPIC_BASE_URL";
inline constexpr const char *kAuthTokenVariable = "ANTHROPIC_AUTH_TOKEN";
inline constexpr const char *kApiKeyVariable = "ANTHROPIC_API_KEY";

// What Claude Code should use.
struct Connection
{
    QString baseUrl; // "http://127.0.0.1:8000"
    QString authToken; // a client key, or any placeholder when Switchyard needs none
};

// One change to the `env` block, for the preview.
struct EnvChange
{
    enum class Kind
    {
        Add,
        Change,
        Remove,
    };
    Kind kind = Kind::Add;
    QString variable;
    QString before; // empty for Add
    QString after; // empty for Remove
    bool secret = false; // show masked

    bool operator==(const EnvChange &other) const;
};

struct MergeResult
{
    bool ok = false;
    QString error; // why the file is refused (malformed JSON, not an object, "env" not an object)
    QByteArray merged; // the new file content (when ok)
    QList<EnvChange> changes; // empty when the file already says this
    bool createsFile = false; // the file was missing or empty
};

// `existing` is the file's content (empty for a missing or empty file, which is treated as {}).
MergeResult merge(const QByteArray &existing, const Connection &connection);

// The `env` variables of a settings file as (name, value as text) — for showing what a restore brings
// back. Empty on malformed input.
QList<QPair<QString, QString>> environment(const QByteArray &settings);

// The env changes that turn `from` into `to` (both well-formed, else empty), for a restore preview.
QList<EnvChange> environmentDiff(const QByteArray &from, const QByteArray &to);

// "sk-…1234" style: the last four characters behind bullets; short values become bullets only.
QString maskSecret(const QString &value);

// One line per change, diff-like: "+ ANTHROPIC_BASE_URL=http://…", "~ …: old → new", "- ANTHROPIC_API_KEY".
QString previewText(const QList<EnvChange> &changes);

} // namespace ClaudeCodeSettings
