#include "protocol/ValidatedJsonReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <charconv>
#include <vector>

namespace ValidatedJsonReader {

namespace {

class NeedsQtParser
{
};

// Claude Code sends the same system prompt and tool definitions (most of a request's bytes) with every request of
// a session. Large top-level values other than `messages` are remembered by their exact bytes, per thread: a
// repeat costs a hash and a comparison instead of a parse, and yields the same implicitly shared value.
class LargeValueCache
{
public:
    static constexpr qsizetype kMinimumBytes = 2048;
    static constexpr int kEntries = 16;

    const QJsonValue *find(QByteArrayView bytes) const
    {
        for (const Entry &entry : m_entries) {
            if (entry.bytes.size() == bytes.size() && entry.bytes == bytes)
                return &entry.value;
        }
        return nullptr;
    }

    void insert(QByteArrayView bytes, const QJsonValue &value)
    {
        if (m_entries.size() >= kEntries)
            m_entries.erase(m_entries.begin()); // the oldest
        m_entries.push_back(Entry {bytes.toByteArray(), value});
    }

private:
    struct Entry
    {
        QByteArray bytes;
        QJsonValue value;
    };
    std::vector<Entry> m_entries;
};

class Reader
{
public:
    explicit Reader(QByteArrayView json)
        : m_p(json.data())
        , m_end(json.data() + json.size())
    {
    }

    QJsonObject object()
    {
        skipWhitespace();
        if (peek() != '{')
            throw NeedsQtParser();
        return readObject(true);
    }

private:
    char peek() const { return m_p < m_end ? *m_p : '\0'; }

    void skipWhitespace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }

    QJsonValue value()
    {
        skipWhitespace();
        switch (peek()) {
        case '{':
            return readObject();
        case '[':
            return readArray();
        case '"':
            return readString();
        case 't':
            m_p += 4;
            return QJsonValue(true);
        case 'f':
            m_p += 5;
            return QJsonValue(false);
        case 'n':
            m_p += 4;
            return QJsonValue(QJsonValue::Null);
        default:
            return readNumber();
        }
    }

    QJsonObject readObject(bool topLevel = false)
    {
        ++m_p; // {
        QJsonObject object;
        skipWhitespace();
        if (peek() == '}') {
            ++m_p;
            return object;
        }
        while (m_p < m_end) {
            skipWhitespace();
            const QString key = readString();
            skipWhitespace();
            ++m_p; // :
            // A repeated key keeps its last value, as in QJsonDocument. The conversation itself changes with
            // every request: only the other top-level values (system, tools) are worth remembering.
            const bool worthRemembering = topLevel && key != QLatin1String("messages");
            object.insert(key, worthRemembering ? rememberedValue() : value());
            skipWhitespace();
            const char next = peek();
            ++m_p;
            if (next != ',')
                break;
        }
        return object;
    }

    // A top-level value: a large one seen before (same bytes) comes from the cache.
    QJsonValue rememberedValue()
    {
        skipWhitespace();
        const char *start = m_p;
        if (peek() != '[' && peek() != '{' && peek() != '"')
            return value();
        skipValue();
        const QByteArrayView bytes(start, m_p - start);
        if (bytes.size() < LargeValueCache::kMinimumBytes) {
            m_p = start;
            return value();
        }
        static thread_local LargeValueCache cache;
        if (const QJsonValue *known = cache.find(bytes))
            return *known;
        m_p = start;
        const QJsonValue parsed = value();
        cache.insert(bytes, parsed);
        return parsed;
    }

    // Moves past one value without building it (strings and nesting only need counting in validated JSON).
    void skipValue()
    {
        int depth = 0;
        do {
            skipWhitespace();
            if (m_p >= m_end)
                return;
            const char c = *m_p;
            if (c == '"') {
                ++m_p;
                while (m_p < m_end && *m_p != '"') {
                    if (*m_p == '\\')
                        ++m_p;
                    ++m_p;
                }
                ++m_p;
            } else if (c == '[' || c == '{') {
                ++depth;
                ++m_p;
            } else if (c == ']' || c == '}') {
                --depth;
                ++m_p;
            } else {
                ++m_p; // , : digits, letters
            }
        } while (depth > 0);
    }

    QJsonArray readArray()
    {
        ++m_p; // [
        QJsonArray array;
        skipWhitespace();
        if (peek() == ']') {
            ++m_p;
            return array;
        }
        while (m_p < m_end) {
            array.append(value());
            skipWhitespace();
            const char next = peek();
            ++m_p;
            if (next != ',')
                break;
        }
        return array;
    }

    static unsigned hexDigits(const char *p)
    {
        unsigned value = 0;
        std::from_chars(p, p + 4, value, 16);
        return value;
    }

    QString readString()
    {
        ++m_p; // opening quote
        const char *start = m_p;
        while (m_p < m_end && *m_p != '"' && *m_p != '\\')
            ++m_p;
        if (m_p < m_end && *m_p == '"') {
            // The common case: no escapes, one conversion.
            const QString text = QString::fromUtf8(start, m_p - start);
            ++m_p;
            return text;
        }
        QByteArray utf8(start, m_p - start);
        utf8.reserve(utf8.size() + 256);
        while (m_p < m_end) {
            const char c = *m_p;
            if (c == '"') {
                ++m_p;
                break;
            }
            if (c != '\\') {
                const char *run = m_p;
                while (m_p < m_end && *m_p != '"' && *m_p != '\\')
                    ++m_p;
                utf8.append(run, m_p - run);
                continue;
            }
            ++m_p;
            const char escape = m_p < m_end ? *m_p++ : '\0';
            switch (escape) {
            case 'n':
                utf8 += '\n';
                break;
            case 't':
                utf8 += '\t';
                break;
            case 'r':
                utf8 += '\r';
                break;
            case 'b':
                utf8 += '\b';
                break;
            case 'f':
                utf8 += '\f';
                break;
            case 'u': {
                if (m_end - m_p < 4)
                    throw NeedsQtParser();
                char32_t codePoint = hexDigits(m_p);
                m_p += 4;
                if (codePoint >= 0xD800 && codePoint < 0xDC00) {
                    if (m_end - m_p < 6 || m_p[0] != '\\' || m_p[1] != 'u')
                        throw NeedsQtParser(); // a lone high surrogate
                    const char32_t low = hexDigits(m_p + 2);
                    if (low < 0xDC00 || low >= 0xE000)
                        throw NeedsQtParser();
                    m_p += 6;
                    codePoint = 0x10000 + ((codePoint - 0xD800) << 10) + (low - 0xDC00);
                } else if (codePoint >= 0xDC00 && codePoint < 0xE000) {
                    throw NeedsQtParser(); // a lone low surrogate
                }
                appendUtf8(utf8, codePoint);
                break;
            }
            default: // '"', '\\', '/'
                utf8 += escape;
                break;
            }
        }
        return QString::fromUtf8(utf8);
    }

    static void appendUtf8(QByteArray &out, char32_t codePoint)
    {
        if (codePoint < 0x80) {
            out += char(codePoint);
        } else if (codePoint < 0x800) {
            out += char(0xC0 | (codePoint >> 6));
            out += char(0x80 | (codePoint & 0x3F));
        } else if (codePoint < 0x10000) {
            out += char(0xE0 | (codePoint >> 12));
            out += char(0x80 | ((codePoint >> 6) & 0x3F));
            out += char(0x80 | (codePoint & 0x3F));
        } else {
            out += char(0xF0 | (codePoint >> 18));
            out += char(0x80 | ((codePoint >> 12) & 0x3F));
            out += char(0x80 | ((codePoint >> 6) & 0x3F));
            out += char(0x80 | (codePoint & 0x3F));
        }
    }

    QJsonValue readNumber()
    {
        const char *start = m_p;
        bool integral = true;
        while (m_p < m_end) {
            const char c = *m_p;
            if (c == '.' || c == 'e' || c == 'E')
                integral = false;
            else if (!((c >= '0' && c <= '9') || c == '-' || c == '+'))
                break;
            ++m_p;
        }
        if (integral) {
            qint64 value = 0;
            const auto parsed = std::from_chars(start, m_p, value);
            if (parsed.ec != std::errc() || parsed.ptr != m_p)
                throw NeedsQtParser(); // beyond qint64: Qt's own rules for such numbers apply
            // Qt keeps integers as integers; "-0" is a double there.
            if (!(value == 0 && *start == '-'))
                return QJsonValue(value);
        }
        double value = 0;
        const auto parsed = std::from_chars(start, m_p, value);
        if (parsed.ec != std::errc())
            throw NeedsQtParser(); // out of range: let Qt decide
        return QJsonValue(value);
    }

    const char *m_p;
    const char *m_end;
};

} // namespace

QJsonObject readObject(QByteArrayView validatedJson)
{
    try {
        return Reader(validatedJson).object();
    } catch (const NeedsQtParser &) {
        return QJsonDocument::fromJson(validatedJson.toByteArray()).object();
    }
}

} // namespace ValidatedJsonReader
