#include "claudecode/ClaudeCodeSettings.h"

#include "claudecode/JsonTextEditor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace ClaudeCodeSettings {

namespace {

const QStringList kEnvPath {QStringLiteral("env")};

bool isSecretVariable(const QString &name)
{
    return name == QLatin1String(kAuthTokenVariable) || name == QLatin1String(kApiKeyVariable);
}

QString valueText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    return QString::fromUtf8(QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact).chopped(1).mid(1));
}

// The document as an object, or an error for a file that must not be touched.
std::optional<QJsonObject> parseSettings(const QByteArray &text, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // Line and column of the offset, for a person who opens the file.
        int line = 1;
        int column = 1;
        for (int i = 0; i < parseError.offset && i < text.size(); ++i) {
            if (text.at(i) == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        *error = QStringLiteral("line %1, column %2: %3").arg(line).arg(column).arg(parseError.errorString());
        return std::nullopt;
    }
    if (!document.isObject()) {
        *error = QStringLiteral("the file is not a JSON object");
        return std::nullopt;
    }
    const QJsonObject object = document.object();
    if (object.contains(QLatin1String("env")) && !object.value(QLatin1String("env")).isObject()
        && !object.value(QLatin1String("env")).isNull()) {
        *error = QStringLiteral("\"env\" is not an object");
        return std::nullopt;
    }
    return object;
}

} // namespace

bool EnvChange::operator==(const EnvChange &other) const
{
    return kind == other.kind && variable == other.variable && before == other.before && after == other.after
        && secret == other.secret;
}

MergeResult merge(const QByteArray &existing, const Connection &connection)
{
    MergeResult result;
    const bool empty = existing.trimmed().isEmpty();
    const QByteArray text = empty ? QByteArrayLiteral("{}\n") : existing;
    result.createsFile = empty;

    QString problem;
    const std::optional<QJsonObject> settings = parseSettings(text, &problem);
    if (!settings) {
        result.error = problem;
        return result;
    }

    JsonTextEditor editor(text);
    const QJsonValue envValue = settings->value(QLatin1String("env"));
    if (!envValue.isObject())
        editor.setMember({}, QStringLiteral("env"), QByteArrayLiteral("{}"));
    const QJsonObject env = envValue.toObject();

    const QList<QPair<QString, QString>> wanted {
        {QLatin1String(kBaseUrlVariable), connection.baseUrl},
        {QLatin1String(kAuthTokenVariable), connection.authToken},
    };
    for (const auto &[variable, value] : wanted) {
        const bool present = env.contains(variable);
        if (present && env.value(variable).isString() && env.value(variable).toString() == value)
            continue;
        EnvChange change;
        change.kind = present ? EnvChange::Kind::Change : EnvChange::Kind::Add;
        change.variable = variable;
        change.before = present ? valueText(env.value(variable)) : QString();
        change.after = value;
        change.secret = isSecretVariable(variable);
        result.changes.append(change);
        editor.setMember(kEnvPath, variable, JsonTextEditor::quoted(value));
    }
    if (env.contains(QLatin1String(kApiKeyVariable))) {
        EnvChange change;
        change.kind = EnvChange::Kind::Remove;
        change.variable = QLatin1String(kApiKeyVariable);
        change.before = valueText(env.value(QLatin1String(kApiKeyVariable)));
        change.secret = true;
        result.changes.append(change);
        editor.removeMember(kEnvPath, change.variable);
    }

    result.ok = true;
    if (result.changes.isEmpty() && !empty) {
        result.merged = existing;
        return result;
    }
    result.merged = editor.text();
    if (!result.merged.endsWith('\n'))
        result.merged.append('\n');
    return result;
}

QList<QPair<QString, QString>> environment(const QByteArray &settings)
{
    QList<QPair<QString, QString>> variables;
    QString problem;
    const QByteArray text = settings.trimmed().isEmpty() ? QByteArrayLiteral("{}") : settings;
    const std::optional<QJsonObject> object = parseSettings(text, &problem);
    if (!object)
        return variables;
    // In the file's order, not QJsonObject's sorted order.
    const JsonTextEditor editor(text);
    const auto members = editor.members(kEnvPath);
    if (!members)
        return variables;
    const QJsonObject env = object->value(QLatin1String("env")).toObject();
    for (const auto &member : *members) {
        bool seen = false;
        for (const auto &existing : variables)
            seen = seen || existing.first == member.first;
        if (!seen)
            variables.append({member.first, valueText(env.value(member.first))});
    }
    return variables;
}

QList<EnvChange> environmentDiff(const QByteArray &from, const QByteArray &to)
{
    const QList<QPair<QString, QString>> before = environment(from);
    const QList<QPair<QString, QString>> after = environment(to);
    auto find = [](const QList<QPair<QString, QString>> &list, const QString &name) -> const QString * {
        for (const auto &entry : list) {
            if (entry.first == name)
                return &entry.second;
        }
        return nullptr;
    };
    QList<EnvChange> changes;
    for (const auto &[name, value] : after) {
        const QString *old = find(before, name);
        if (old && *old == value)
            continue;
        EnvChange change;
        change.kind = old ? EnvChange::Kind::Change : EnvChange::Kind::Add;
        change.variable = name;
        change.before = old ? *old : QString();
        change.after = value;
        change.secret = isSecretVariable(name);
        changes.append(change);
    }
    for (const auto &[name, value] : before) {
        if (find(after, name))
            continue;
        EnvChange change;
        change.kind = EnvChange::Kind::Remove;
        change.variable = name;
        change.before = value;
        change.secret = isSecretVariable(name);
        changes.append(change);
    }
    return changes;
}

QString maskSecret(const QString &value)
{
    static const QString kBullets = QStringLiteral("\u2022\u2022\u2022\u2022");
    if (value.size() <= 8)
        return kBullets;
    return kBullets + value.right(4);
}

QString previewText(const QList<EnvChange> &changes)
{
    QStringList lines;
    for (const EnvChange &change : changes) {
        const QString before = change.secret ? maskSecret(change.before) : change.before;
        const QString after = change.secret ? maskSecret(change.after) : change.after;
        switch (change.kind) {
        case EnvChange::Kind::Add:
            lines << QStringLiteral("+ %1=%2").arg(change.variable, after);
            break;
        case EnvChange::Kind::Change:
            lines << QStringLiteral("~ %1=%2 \u2192 %3").arg(change.variable, before, after);
            break;
        case EnvChange::Kind::Remove:
            lines << QStringLiteral("- %1=%2").arg(change.variable, before);
            break;
        }
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace ClaudeCodeSettings
