#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

// The environment-variable reference syntax of secret fields (a platform's api_key, a client key):
//   $NAME or ${NAME}   the value of environment variable NAME ([A-Za-z_][A-Za-z0-9_]*)
//   $$                 a literal "$"
// References may be mixed with literal text ("sk-${TEAM}-key"). Any other "$" is a syntax error, so a
// mistyped reference is reported instead of being sent upstream as a key.
namespace SecretReference {

// Looks a variable up: its value, or nullopt when it is not set.
using Lookup = std::function<std::optional<QString>(const QString &name)>;

struct Part
{
    bool isVariable = false;
    QString text; // the variable's name, or literal text (with "$$" already turned into "$")

    bool operator==(const Part &other) const { return isVariable == other.isVariable && text == other.text; }
};

// Splits a value into literal text and variable references; nullopt and *error on bad syntax.
std::optional<QList<Part>> parse(const QString &value, QString *error = nullptr);
// The syntax problem of a value, or an empty string when it is well-formed.
QString syntaxError(const QString &value);
// True when the whole value is exactly one reference ("$NAME" or "${NAME}"): it names a secret
// without containing one, so it may be shown and exported.
bool isReferenceOnly(const QString &value);
// The variables a value refers to, in order of appearance (empty on bad syntax).
QStringList variables(const QString &value);

// Replaces every reference by the variable's value. Fails with "environment variable NAME is not set"
// (or "... is empty" when rejectEmpty and the variable is set to an empty string), or a syntax error.
std::optional<QString> expand(const QString &value, const Lookup &lookup, QString *error, bool rejectEmpty = false);

} // namespace SecretReference
