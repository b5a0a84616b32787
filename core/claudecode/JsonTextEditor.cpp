#include "claudecode/JsonTextEditor.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

bool isJsonWhitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

} // namespace

QByteArray JsonTextEditor::quoted(const QString &value)
{
    const QByteArray array = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2); // ["..."] -> "..."
}

qsizetype JsonTextEditor::skipWhitespace(qsizetype i) const
{
    while (i < m_text.size() && isJsonWhitespace(m_text.at(i)))
        ++i;
    return i;
}

qsizetype JsonTextEditor::skipString(qsizetype i, QString *decoded) const
{
    if (i >= m_text.size() || m_text.at(i) != '"')
        return -1;
    const qsizetype start = i;
    ++i;
    while (i < m_text.size()) {
        const char c = m_text.at(i);
        if (c == '\\') {
            i += 2;
            continue;
        }
        if (c == '"') {
            if (decoded) {
                // Let the JSON parser decode the escapes.
                const QByteArray literal = '[' + m_text.mid(start, i + 1 - start) + ']';
                *decoded = QJsonDocument::fromJson(literal).array().at(0).toString();
            }
            return i + 1;
        }
        ++i;
    }
    return -1;
}

qsizetype JsonTextEditor::skipValue(qsizetype i) const
{
    i = skipWhitespace(i);
    if (i >= m_text.size())
        return -1;
    const char c = m_text.at(i);
    if (c == '"')
        return skipString(i, nullptr);
    if (c == '{' || c == '[') {
        // Nested containers: count brackets outside strings.
        int depth = 0;
        while (i < m_text.size()) {
            const char d = m_text.at(i);
            if (d == '"') {
                i = skipString(i, nullptr);
                if (i < 0)
                    return -1;
                continue;
            }
            if (d == '{' || d == '[')
                ++depth;
            else if (d == '}' || d == ']') {
                --depth;
                if (depth == 0)
                    return i + 1;
            }
            ++i;
        }
        return -1;
    }
    // A number, true, false or null: up to the next delimiter.
    while (i < m_text.size()) {
        const char d = m_text.at(i);
        if (d == ',' || d == '}' || d == ']' || isJsonWhitespace(d))
            break;
        ++i;
    }
    return i;
}

std::optional<JsonTextEditor::ObjectSpan> JsonTextEditor::scanObject(qsizetype open) const
{
    if (open >= m_text.size() || m_text.at(open) != '{')
        return std::nullopt;
    ObjectSpan span;
    span.open = open;
    qsizetype i = skipWhitespace(open + 1);
    if (i < m_text.size() && m_text.at(i) == '}') {
        span.close = i;
        return span;
    }
    while (i < m_text.size()) {
        Member member;
        member.keyStart = i;
        i = skipString(i, &member.name);
        if (i < 0)
            return std::nullopt;
        i = skipWhitespace(i);
        if (i >= m_text.size() || m_text.at(i) != ':')
            return std::nullopt;
        member.valueStart = skipWhitespace(i + 1);
        member.valueEnd = skipValue(member.valueStart);
        if (member.valueEnd < 0)
            return std::nullopt;
        span.members.append(member);
        i = skipWhitespace(member.valueEnd);
        if (i >= m_text.size())
            return std::nullopt;
        if (m_text.at(i) == '}') {
            span.close = i;
            return span;
        }
        if (m_text.at(i) != ',')
            return std::nullopt;
        i = skipWhitespace(i + 1);
    }
    return std::nullopt;
}

std::optional<JsonTextEditor::ObjectSpan> JsonTextEditor::objectAt(const QStringList &path) const
{
    std::optional<ObjectSpan> span = scanObject(skipWhitespace(0));
    for (const QString &name : path) {
        if (!span)
            return std::nullopt;
        // With duplicate names the last one counts, as for the JSON parser.
        const Member *found = nullptr;
        for (const Member &member : span->members) {
            if (member.name == name)
                found = &member;
        }
        if (!found)
            return std::nullopt;
        span = scanObject(found->valueStart);
    }
    return span;
}

std::optional<QList<QPair<QString, QByteArray>>> JsonTextEditor::members(const QStringList &path) const
{
    const std::optional<ObjectSpan> span = objectAt(path);
    if (!span)
        return std::nullopt;
    QList<QPair<QString, QByteArray>> result;
    for (const Member &member : span->members)
        result.append({member.name, m_text.mid(member.valueStart, member.valueEnd - member.valueStart)});
    return result;
}

QByteArray JsonTextEditor::lineIndentBefore(qsizetype position) const
{
    qsizetype lineStart = position;
    while (lineStart > 0 && m_text.at(lineStart - 1) != '\n')
        --lineStart;
    qsizetype end = lineStart;
    while (end < m_text.size() && (m_text.at(end) == ' ' || m_text.at(end) == '\t'))
        ++end;
    return m_text.mid(lineStart, end - lineStart);
}

bool JsonTextEditor::isMultiLine() const
{
    // The file's own style: members on lines of their own, or (for an empty file) any line break.
    const std::optional<ObjectSpan> top = scanObject(skipWhitespace(0));
    if (top && !top->members.isEmpty())
        return m_text.mid(top->open + 1, top->members.first().keyStart - top->open - 1).contains('\n');
    return m_text.contains('\n');
}

QByteArray JsonTextEditor::detectIndentUnit() const
{
    // The indentation of the first member of the top-level object, when it starts a line.
    const std::optional<ObjectSpan> top = scanObject(skipWhitespace(0));
    if (top && !top->members.isEmpty()) {
        const qsizetype keyStart = top->members.first().keyStart;
        const QByteArray between = m_text.mid(top->open + 1, keyStart - top->open - 1);
        if (between.contains('\n')) {
            const QByteArray indent = lineIndentBefore(keyStart);
            if (!indent.isEmpty())
                return indent;
        }
    }
    return QByteArrayLiteral("  ");
}

bool JsonTextEditor::setMember(const QStringList &path, const QString &name, const QByteArray &rawValue)
{
    const std::optional<ObjectSpan> span = objectAt(path);
    if (!span)
        return false;
    for (qsizetype index = span->members.size() - 1; index >= 0; --index) {
        const Member &member = span->members.at(index);
        if (member.name == name) {
            m_text.replace(member.valueStart, member.valueEnd - member.valueStart, rawValue);
            return true;
        }
    }
    const QByteArray entry = quoted(name) + ": " + rawValue;
    if (span->members.isEmpty()) {
        const QByteArray outer = lineIndentBefore(span->open);
        const QByteArray replacement = isMultiLine() ? "\n" + outer + detectIndentUnit() + entry + "\n" + outer : entry;
        m_text.replace(span->open + 1, span->close - span->open - 1, replacement);
        return true;
    }
    const Member &last = span->members.last();
    const qsizetype gapStart
        = span->members.size() > 1 ? span->members.at(span->members.size() - 2).valueEnd : span->open + 1;
    const bool onOwnLine = m_text.mid(gapStart, last.keyStart - gapStart).contains('\n');
    const QByteArray separator = onOwnLine ? ",\n" + lineIndentBefore(last.keyStart) : QByteArrayLiteral(", ");
    m_text.insert(last.valueEnd, separator + entry);
    return true;
}

bool JsonTextEditor::removeMember(const QStringList &path, const QString &name)
{
    bool removedAny = false;
    // Remove every member of that name (a duplicate would otherwise take over).
    for (;;) {
        const std::optional<ObjectSpan> span = objectAt(path);
        if (!span)
            return removedAny;
        qsizetype index = -1;
        for (qsizetype i = 0; i < span->members.size(); ++i) {
            if (span->members.at(i).name == name)
                index = i;
        }
        if (index < 0)
            return removedAny;
        const QList<Member> &members = span->members;
        if (members.size() == 1) {
            m_text.remove(span->open + 1, span->close - span->open - 1);
        } else if (index + 1 < members.size()) {
            m_text.remove(members.at(index).keyStart, members.at(index + 1).keyStart - members.at(index).keyStart);
        } else {
            m_text.remove(members.at(index - 1).valueEnd, members.at(index).valueEnd - members.at(index - 1).valueEnd);
        }
        removedAny = true;
    }
}
