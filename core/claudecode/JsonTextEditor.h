#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

// Edits members of JSON objects in the text itself, so that everything not edited stays byte for byte as
// it was: key order, indentation, number formatting, escapes, unknown keys. Expects well-formed JSON
// (check it with QJsonDocument first); pure.
//
// Objects are addressed by a path of member names from the top-level object ({} = the top level,
// {"env"} = the value of the top-level "env").
class JsonTextEditor
{
public:
    explicit JsonTextEditor(QByteArray text)
        : m_text(std::move(text))
    {
    }

    const QByteArray &text() const { return m_text; }

    // The members of the object at `path` in text order as (name, raw JSON value); nullopt when there
    // is no such object (missing, or not an object).
    std::optional<QList<QPair<QString, QByteArray>>> members(const QStringList &path) const;

    // Sets member `name` of the object at `path` to `rawValue` (JSON text): replaces the value in place
    // when the member exists, else appends the member after the last one with the object's indentation.
    // False when there is no object at `path`.
    bool setMember(const QStringList &path, const QString &name, const QByteArray &rawValue);
    // Removes member `name` (and its separator) from the object at `path`; false when it was not there.
    bool removeMember(const QStringList &path, const QString &name);

    // `value` as a JSON string literal, with the escapes JSON needs.
    static QByteArray quoted(const QString &value);

private:
    struct Member
    {
        QString name;
        qsizetype keyStart = 0; // the opening quote of the name
        qsizetype valueStart = 0;
        qsizetype valueEnd = 0; // one past the value
    };
    struct ObjectSpan
    {
        qsizetype open = 0; // the "{"
        qsizetype close = 0; // the "}"
        QList<Member> members;
    };

    std::optional<ObjectSpan> objectAt(const QStringList &path) const;
    std::optional<ObjectSpan> scanObject(qsizetype open) const;
    qsizetype skipWhitespace(qsizetype i) const;
    qsizetype skipString(qsizetype i, QString *decoded) const; // -1 on bad text
    qsizetype skipValue(qsizetype i) const; // -1 on bad text
    QByteArray lineIndentBefore(qsizetype position) const;
    QByteArray detectIndentUnit() const;
    bool isMultiLine() const;

    QByteArray m_text;
};
