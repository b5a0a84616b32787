#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

// The reference syntax of secret fields (a platform's api_key, a client key):
//   $NAME or ${NAME}   the value of environment variable NAME ([A-Za-z_][A-Za-z0-9_]*)
//   ${keychain:NAME}   the secret NAME in the system keychain ([A-Za-z0-9_.-]+), where the desktop app keeps
//                      provider keys; looked up through a separate lookup function (Sources::keychain)
//   $$                 a literal "$"
// References may be mixed with literal text ("sk-${TEAM}-key"). Any other "$" is a syntax error, so a
// mistyped reference is reported instead of being sent upstream as a key.
namespace SecretReference {

// Looks a variable up: its value, or nullopt when it is not set.
using Lookup = std::function<std::optional<QString>(const QString &name)>;

// Where a reference is looked up.
enum class Source
{
    Environment,
    Keychain,
};

// The lookups a value's references are expanded with. An empty keychain function means no keychain is
// available (headless): a keychain reference is then an error that says so.
struct Sources
{
    Lookup environment;
    Lookup keychain;
};

struct Part
{
    bool isVariable = false; // a reference (to an environment variable or a keychain secret)
    QString text; // the variable's or secret's name, or literal text (with "$$" already turned into "$")
    Source source = Source::Environment;

    bool operator==(const Part &other) const
    {
        return isVariable == other.isVariable && text == other.text && (!isVariable || source == other.source);
    }
};

// Splits a value into literal text and variable references; nullopt and *error on bad syntax.
std::optional<QList<Part>> parse(const QString &value, QString *error = nullptr);
// The syntax problem of a value, or an empty string when it is well-formed.
QString syntaxError(const QString &value);
// True when the whole value is exactly one reference ("$NAME", "${NAME}" or "${keychain:NAME}"): it
// names a secret without containing one, so it may be shown and exported.
bool isReferenceOnly(const QString &value);
// True when a well-formed value holds at least one reference (it is stored as written, never in the keychain).
bool hasReference(const QString &value);
// The environment variables a value refers to, in order of appearance (empty on bad syntax).
QStringList variables(const QString &value);
// The keychain secrets a value refers to, in order of appearance (empty on bad syntax).
QStringList keychainNames(const QString &value);
// "${keychain:NAME}"; NAME must be a valid keychain name (isKeychainName).
QString keychainReference(const QString &name);
bool isKeychainName(const QString &name);

// Replaces every reference by the variable's value. Fails with "environment variable NAME is not set"
// (or "... is empty" when rejectEmpty and the variable is set to an empty string), or a syntax error.
std::optional<QString> expand(const QString &value, const Lookup &lookup, QString *error, bool rejectEmpty = false);
// The same with keychain references too ("keychain secret NAME is not in the keychain", "... no keychain
// is available ...").
std::optional<QString> expand(const QString &value, const Sources &sources, QString *error, bool rejectEmpty = false);

} // namespace SecretReference
