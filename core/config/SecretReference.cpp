#include "config/SecretReference.h"

#include <algorithm>

namespace {

bool isNameStart(QChar c)
{
    return (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
        || c == QLatin1Char('_');
}

bool isNameChar(QChar c)
{
    return isNameStart(c) || (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
}

bool isName(const QString &text)
{
    if (text.isEmpty() || !isNameStart(text.front()))
        return false;
    for (QChar c : text) {
        if (!isNameChar(c))
            return false;
    }
    return true;
}

const QLatin1String kKeychainPrefix("keychain:");

bool isKeychainNameChar(QChar c)
{
    return isNameChar(c) || c == QLatin1Char('.') || c == QLatin1Char('-');
}

} // namespace

namespace SecretReference {

bool isKeychainName(const QString &name)
{
    if (name.isEmpty())
        return false;
    for (QChar c : name) {
        if (!isKeychainNameChar(c))
            return false;
    }
    return true;
}

QString keychainReference(const QString &name)
{
    return QStringLiteral("${") + kKeychainPrefix + name + QLatin1Char('}');
}

std::optional<QList<Part>> parse(const QString &value, QString *error)
{
    QList<Part> parts;
    QString literal;
    auto flushLiteral = [&] {
        if (!literal.isEmpty())
            parts.append(Part {false, literal});
        literal.clear();
    };
    auto failWith = [&](const QString &message) -> std::optional<QList<Part>> {
        if (error)
            *error = message;
        return std::nullopt;
    };

    const qsizetype length = value.size();
    qsizetype i = 0;
    while (i < length) {
        const QChar c = value.at(i);
        if (c != QLatin1Char('$')) {
            literal.append(c);
            ++i;
            continue;
        }
        if (i + 1 < length && value.at(i + 1) == QLatin1Char('$')) {
            literal.append(QLatin1Char('$'));
            i += 2;
            continue;
        }
        if (i + 1 < length && value.at(i + 1) == QLatin1Char('{')) {
            const qsizetype close = value.indexOf(QLatin1Char('}'), i + 2);
            if (close < 0)
                return failWith(QStringLiteral("unterminated \"${\" (write \"$$\" for a literal \"$\")"));
            const QString name = value.mid(i + 2, close - i - 2);
            if (name.startsWith(kKeychainPrefix)) {
                const QString secret = name.mid(kKeychainPrefix.size());
                if (!isKeychainName(secret)) {
                    return failWith(QStringLiteral("\"${%1}\" is not a keychain secret name (letters, digits, "
                                                   "\"_\", \".\" and \"-\")")
                                        .arg(name));
                }
                flushLiteral();
                parts.append(Part {true, secret, Source::Keychain});
                i = close + 1;
                continue;
            }
            if (!isName(name)) {
                return failWith(QStringLiteral("\"${%1}\" is not a variable name (letters, digits and \"_\", "
                                               "not starting with a digit)")
                                    .arg(name));
            }
            flushLiteral();
            parts.append(Part {true, name});
            i = close + 1;
            continue;
        }
        if (i + 1 < length && isNameStart(value.at(i + 1))) {
            qsizetype end = i + 1;
            while (end < length && isNameChar(value.at(end)))
                ++end;
            flushLiteral();
            parts.append(Part {true, value.mid(i + 1, end - i - 1)});
            i = end;
            continue;
        }
        return failWith(QStringLiteral("a \"$\" must start a variable reference ($NAME or ${NAME}); "
                                       "write \"$$\" for a literal \"$\""));
    }
    flushLiteral();
    return parts;
}

QString syntaxError(const QString &value)
{
    QString error;
    if (parse(value, &error))
        return QString();
    return error;
}

bool isReferenceOnly(const QString &value)
{
    const std::optional<QList<Part>> parts = parse(value);
    return parts && parts->size() == 1 && parts->front().isVariable;
}

bool hasReference(const QString &value)
{
    const std::optional<QList<Part>> parts = parse(value);
    return parts && std::any_of(parts->cbegin(), parts->cend(), [](const Part &part) { return part.isVariable; });
}

QStringList variables(const QString &value)
{
    QStringList names;
    if (const std::optional<QList<Part>> parts = parse(value)) {
        for (const Part &part : *parts) {
            if (part.isVariable && part.source == Source::Environment)
                names.append(part.text);
        }
    }
    return names;
}

QStringList keychainNames(const QString &value)
{
    QStringList names;
    if (const std::optional<QList<Part>> parts = parse(value)) {
        for (const Part &part : *parts) {
            if (part.isVariable && part.source == Source::Keychain)
                names.append(part.text);
        }
    }
    return names;
}

std::optional<QString> expand(const QString &value, const Lookup &lookup, QString *error, bool rejectEmpty)
{
    return expand(value, Sources {lookup, {}}, error, rejectEmpty);
}

std::optional<QString> expand(const QString &value, const Sources &sources, QString *error, bool rejectEmpty)
{
    QString syntaxProblem;
    const std::optional<QList<Part>> parts = parse(value, &syntaxProblem);
    if (!parts) {
        if (error)
            *error = syntaxProblem;
        return std::nullopt;
    }
    QString result;
    for (const Part &part : *parts) {
        if (!part.isVariable) {
            result += part.text;
            continue;
        }
        if (part.source == Source::Keychain) {
            if (!sources.keychain) {
                if (error)
                    *error = QStringLiteral("keychain secret %1: no system keychain is available here; use an "
                                            "environment variable reference instead")
                                 .arg(part.text);
                return std::nullopt;
            }
            const std::optional<QString> secret = sources.keychain(part.text);
            if (!secret || (rejectEmpty && secret->isEmpty())) {
                if (error)
                    *error = QStringLiteral("keychain secret %1 is not in the system keychain").arg(part.text);
                return std::nullopt;
            }
            result += *secret;
            continue;
        }
        const std::optional<QString> variable = sources.environment ? sources.environment(part.text) : std::nullopt;
        if (!variable) {
            if (error)
                *error = QStringLiteral("environment variable %1 is not set").arg(part.text);
            return std::nullopt;
        }
        if (rejectEmpty && variable->isEmpty()) {
            if (error)
                *error = QStringLiteral("environment variable %1 is empty").arg(part.text);
            return std::nullopt;
        }
        result += *variable;
    }
    return result;
}

} // namespace SecretReference
