#include "convert/ToolArgumentsRepair.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QString>

namespace {

// A forgiving JSON reader. It never fails on truncation: whatever was read is closed and returned.
class LenientJsonReader
{
public:
    explicit LenientJsonReader(const QByteArray &text)
        : m_text(text)
    {
    }

    bool readValue(QJsonValue &out, int depth = 0)
    {
        skipSpace();
        if (atEnd() || depth > ToolArgumentsRepair::kMaxDepth)
            return false;
        const char c = peek();
        if (c == '{')
            return readObject(out, depth);
        if (c == '[')
            return readArray(out, depth);
        if (c == '"' || c == '\'') {
            QString s;
            readString(s);
            out = s;
            return true;
        }
        if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'))
            return readNumber(out);
        const QByteArray word = readBareWord();
        if (word == "true" || word == "True") {
            out = true;
            return true;
        }
        if (word == "false" || word == "False") {
            out = false;
            return true;
        }
        if (word == "null" || word == "None" || word == "undefined" || word == "nil") {
            out = QJsonValue(QJsonValue::Null);
            return true;
        }
        if (!word.isEmpty()) {
            out = QString::fromUtf8(word);
            return true;
        }
        return false;
    }

    bool truncated() const { return m_truncated; }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return m_text.at(m_pos); }

    void skipSpace()
    {
        while (!atEnd()) {
            const char c = peek();
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                ++m_pos;
            } else if (c == '/' && m_pos + 1 < m_text.size() && m_text.at(m_pos + 1) == '/') {
                while (!atEnd() && peek() != '\n')
                    ++m_pos;
            } else {
                break;
            }
        }
    }

    bool readObject(QJsonValue &out, int depth)
    {
        ++m_pos; // '{'
        QJsonObject object;
        for (;;) {
            skipSpace();
            if (atEnd()) {
                m_truncated = true;
                break;
            }
            char c = peek();
            if (c == '}') {
                ++m_pos;
                break;
            }
            if (c == ',') {
                ++m_pos;
                continue;
            }
            QString key;
            if (c == '"' || c == '\'') {
                if (!readString(key)) {
                    m_truncated = true;
                    break; // a key cut in the middle is dropped
                }
            } else {
                const QByteArray bare = readBareWord();
                if (bare.isEmpty())
                    return false;
                key = QString::fromUtf8(bare);
            }
            skipSpace();
            if (atEnd()) {
                m_truncated = true;
                break; // a key without value is dropped
            }
            if (peek() != ':' && peek() != '=')
                return false;
            ++m_pos;
            skipSpace();
            if (atEnd()) {
                m_truncated = true;
                break;
            }
            QJsonValue value;
            if (!readValue(value, depth + 1))
                return false;
            object.insert(key, value);
        }
        out = object;
        return true;
    }

    bool readArray(QJsonValue &out, int depth)
    {
        ++m_pos; // '['
        QJsonArray array;
        for (;;) {
            skipSpace();
            if (atEnd()) {
                m_truncated = true;
                break;
            }
            const char c = peek();
            if (c == ']') {
                ++m_pos;
                break;
            }
            if (c == ',') {
                ++m_pos;
                continue;
            }
            QJsonValue value;
            if (!readValue(value, depth + 1))
                return false;
            array.append(value);
        }
        out = array;
        return true;
    }

    // Returns false when the string was cut off (its text so far is still in `out`).
    bool readString(QString &out)
    {
        const char quote = peek();
        ++m_pos;
        QByteArray utf8;
        while (!atEnd()) {
            const char c = peek();
            ++m_pos;
            if (c == quote) {
                out = QString::fromUtf8(utf8);
                return true;
            }
            if (c != '\\') {
                utf8.append(c);
                continue;
            }
            if (atEnd())
                break;
            const char e = peek();
            ++m_pos;
            switch (e) {
            case 'n':
                utf8.append('\n');
                break;
            case 't':
                utf8.append('\t');
                break;
            case 'r':
                utf8.append('\r');
                break;
            case 'b':
                utf8.append('\b');
                break;
            case 'f':
                utf8.append('\f');
                break;
            case 'u': {
                if (m_pos + 4 > m_text.size()) {
                    m_pos = m_text.size();
                    break;
                }
                bool ok = false;
                uint code = m_text.mid(m_pos, 4).toUInt(&ok, 16);
                m_pos += 4;
                if (!ok)
                    break;
                if (code >= 0xD800 && code < 0xDC00 && m_pos + 6 <= m_text.size() && m_text.at(m_pos) == '\\'
                    && m_text.at(m_pos + 1) == 'u') {
                    bool lowOk = false;
                    const uint low = m_text.mid(m_pos + 2, 4).toUInt(&lowOk, 16);
                    if (lowOk && low >= 0xDC00 && low < 0xE000) {
                        m_pos += 6;
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                    }
                }
                const char32_t ch = char32_t(code);
                utf8.append(QString::fromUcs4(&ch, 1).toUtf8());
                break;
            }
            default:
                utf8.append(e); // \" \\ \/ \' and unknown escapes keep the character
                break;
            }
        }
        m_truncated = true;
        out = QString::fromUtf8(utf8);
        return false;
    }

    bool readNumber(QJsonValue &out)
    {
        const qsizetype start = m_pos;
        while (!atEnd()) {
            const char c = peek();
            if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E')
                ++m_pos;
            else
                break;
        }
        QByteArray number = m_text.mid(start, m_pos - start);
        if (number.startsWith('+'))
            number.remove(0, 1);
        bool ok = false;
        const double value = number.toDouble(&ok);
        if (!ok) {
            // A number cut in the middle ("1e", "-"): keep what can be read.
            while (!number.isEmpty() && !ok) {
                number.chop(1);
                out = number.toDouble(&ok);
            }
            if (!ok)
                out = QJsonValue(QJsonValue::Null);
            m_truncated = true;
            return true;
        }
        out = value;
        return true;
    }

    QByteArray readBareWord()
    {
        const qsizetype start = m_pos;
        while (!atEnd()) {
            const char c = peek();
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'
                || c == '-' || c == '.' || (static_cast<unsigned char>(c) >= 0x80))
                ++m_pos;
            else
                break;
        }
        return m_text.mid(start, m_pos - start);
    }

    const QByteArray &m_text;
    qsizetype m_pos = 0;
    bool m_truncated = false;
};

QByteArray stripNoise(QByteArray text)
{
    static const char *const tokens[]
        = {"<|im_end|>", "<|im_start|>", "<|eot_id|>", "<|end|>", "<|endoftext|>", "<|end_of_text|>", "<|eom_id|>",
            "<|call|>", "</tool_call>", "<tool_call>", "<|tool_call_end|>", "<|tool_calls_section_end|>", "</s>"};
    for (const char *token : tokens)
        text.replace(token, "");
    text = text.trimmed();
    if (text.startsWith("```")) {
        const qsizetype newline = text.indexOf('\n');
        text = newline < 0 ? QByteArray() : text.mid(newline + 1);
        if (text.endsWith("```"))
            text.chop(3);
        text = text.trimmed();
    }
    return text;
}

bool parseStrictObject(const QByteArray &text, QJsonObject &out)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        return false;
    if (doc.isObject()) {
        out = doc.object();
        return true;
    }
    return false;
}

} // namespace

QJsonObject ToolArgumentsRepair::parse(const QByteArray &arguments, Outcome *outcome)
{
    auto report = [outcome](Outcome o) {
        if (outcome)
            *outcome = o;
    };
    const QByteArray trimmed = arguments.trimmed();
    if (trimmed.isEmpty()) {
        report(Outcome::Empty);
        return QJsonObject();
    }
    QJsonObject object;
    if (parseStrictObject(trimmed, object)) {
        report(Outcome::Valid);
        return object;
    }
    // A JSON string that holds the object (arguments encoded twice).
    {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson("[" + trimmed + "]", &error);
        if (error.error == QJsonParseError::NoError && doc.array().size() == 1 && doc.array().at(0).isString()) {
            if (parseStrictObject(doc.array().at(0).toString().toUtf8().trimmed(), object)) {
                report(Outcome::Repaired);
                return object;
            }
        }
    }
    QByteArray cleaned = stripNoise(trimmed);
    if (parseStrictObject(cleaned, object)) {
        report(Outcome::Repaired);
        return object;
    }
    const qsizetype open = cleaned.indexOf('{');
    if (open < 0) {
        report(Outcome::Failed);
        return QJsonObject();
    }
    cleaned = cleaned.mid(open);
    const qsizetype close = cleaned.lastIndexOf('}');
    if (close >= 0 && parseStrictObject(cleaned.left(close + 1), object)) {
        report(Outcome::Repaired);
        return object;
    }
    LenientJsonReader reader(cleaned);
    QJsonValue value;
    if (reader.readValue(value) && value.isObject()) {
        report(Outcome::Repaired);
        return value.toObject();
    }
    report(Outcome::Failed);
    return QJsonObject();
}

QJsonObject ToolArgumentsRepair::parseValue(const QJsonValue &arguments, Outcome *outcome)
{
    if (arguments.isObject()) {
        if (outcome)
            *outcome = Outcome::Valid;
        return arguments.toObject();
    }
    if (arguments.isString())
        return parse(arguments.toString().toUtf8(), outcome);
    if (outcome)
        *outcome = arguments.isNull() || arguments.isUndefined() ? Outcome::Empty : Outcome::Failed;
    return QJsonObject();
}
