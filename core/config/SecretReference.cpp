#include "config/SecretReference.h"

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

} // namespace

namespace SecretReference {

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

QStringList variables(const QString &value)
{
    QStringList names;
    if (const std::optional<QList<Part>> parts = parse(value)) {
        for (const Part &part : *parts) {
            if (part.isVariable)
                names.append(part.text);
        }
    }
    return names;
}

std::optional<QString> expand(const QString &value, const Lookup &lookup, QString *error, bool rejectEmpty)
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
        const std::optional<QString> variable = lookup ? lookup(part.text) : std::nullopt;
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
