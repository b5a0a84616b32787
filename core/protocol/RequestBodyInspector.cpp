#include "protocol/RequestBodyInspector.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QtAlgorithms>

#include <cctype>
#include <cstdint>
#include <cstring>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace {

enum class TopLevelKey
{
    Other,
    Model,
    Stream,
    Messages
};

struct ScanResult
{
    bool ok = false;
    QString error;
    bool topIsObject = false;
    // Top-level fields (last occurrence wins, as in JSON.parse).
    bool hasModel = false;
    bool modelIsString = false;
    QByteArrayView modelRaw; // the string's bytes between the quotes, still escaped
    bool hasStream = false;
    bool streamIsBool = false;
    bool streamValue = false;
    bool hasMessages = false;
    bool messagesIsArray = false;
};

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighs = 0x8080808080808080ULL;

inline uint64_t hasZeroByte(uint64_t v)
{
    return (v - kOnes) & ~v & kHighs;
}

inline uint64_t hasByteLessThan(uint64_t v, unsigned n)
{
    return (v - kOnes * n) & ~v & kHighs;
}

class Scanner
{
public:
    explicit Scanner(QByteArrayView body)
        : m_begin(reinterpret_cast<const unsigned char *>(body.data()))
        , m_p(m_begin)
        , m_end(m_begin + body.size())
    {
    }

    ScanResult run();

private:
    enum class Expect
    {
        Value,
        ValueOrArrayEnd,
        KeyOrObjectEnd,
        Key,
        Colon,
        CommaOrEnd
    };

    bool fail(const QString &message)
    {
        m_result.error = message;
        return false;
    }
    bool failUnexpected()
    {
        if (m_p >= m_end)
            return fail(QStringLiteral("The request body is not valid JSON: unexpected end of input at byte %1.")
                            .arg(m_p - m_begin));
        const unsigned char c = *m_p;
        if (c >= 0x20 && c < 0x7f)
            return fail(QStringLiteral("The request body is not valid JSON: unexpected '%1' at byte %2.")
                            .arg(QChar::fromLatin1(char(c)))
                            .arg(m_p - m_begin));
        return fail(QStringLiteral("The request body is not valid JSON: unexpected byte 0x%1 at byte %2.")
                        .arg(unsigned(c), 2, 16, QLatin1Char('0'))
                        .arg(m_p - m_begin));
    }

    void skipWhitespace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }

    bool scanString(QByteArrayView *contents); // m_p at the opening quote
    bool scanUtf8Sequence();
    bool scanNumber();
    bool scanLiteral(const char *literal, size_t length);

    const unsigned char *m_begin;
    const unsigned char *m_p;
    const unsigned char *m_end;
    ScanResult m_result;
};

bool Scanner::scanUtf8Sequence()
{
    const unsigned char *start = m_p;
    const unsigned char c = *m_p;
    int continuation = 0;
    uint32_t codePoint = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        continuation = 1;
        codePoint = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        continuation = 2;
        codePoint = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        continuation = 3;
        codePoint = c & 0x07;
    } else {
        return fail(QStringLiteral("The request body is not valid UTF-8 (invalid byte 0x%1 at byte %2).")
                        .arg(unsigned(c), 2, 16, QLatin1Char('0'))
                        .arg(start - m_begin));
    }
    ++m_p;
    for (int i = 0; i < continuation; ++i, ++m_p) {
        if (m_p >= m_end || (*m_p & 0xC0) != 0x80)
            return fail(QStringLiteral("The request body is not valid UTF-8 (truncated sequence at byte %1).")
                            .arg(start - m_begin));
        codePoint = (codePoint << 6) | (*m_p & 0x3F);
    }
    const bool overlong = (continuation == 2 && codePoint < 0x800) || (continuation == 3 && codePoint < 0x10000);
    const bool surrogate = codePoint >= 0xD800 && codePoint <= 0xDFFF;
    if (overlong || surrogate || codePoint > 0x10FFFF)
        return fail(
            QStringLiteral("The request body is not valid UTF-8 (invalid sequence at byte %1).").arg(start - m_begin));
    return true;
}

bool Scanner::scanString(QByteArrayView *contents)
{
    ++m_p; // opening quote
    const unsigned char *contentStart = m_p;
    for (;;) {
#if defined(__SSE2__)
        // Fast path: sixteen plain ASCII bytes at a time. A signed compare with 0x20 flags control characters
        // and every byte from 0x80 up at once.
        const __m128i quote = _mm_set1_epi8('"');
        const __m128i backslash = _mm_set1_epi8('\\');
        const __m128i space = _mm_set1_epi8(0x20);
        while (m_end - m_p >= 16) {
            const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(m_p));
            const __m128i special
                = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)),
                    _mm_cmplt_epi8(bytes, space));
            const int mask = _mm_movemask_epi8(special);
            if (mask) {
                m_p += qCountTrailingZeroBits(unsigned(mask));
                break;
            }
            m_p += 16;
        }
#endif
        // Eight plain ASCII bytes at a time (the tail of a string, or without SSE2).
        while (m_end - m_p >= 8) {
            uint64_t word;
            std::memcpy(&word, m_p, sizeof word);
            const uint64_t special = hasZeroByte(word ^ (kOnes * '"')) | hasZeroByte(word ^ (kOnes * '\\'))
                | hasByteLessThan(word, 0x20) | (word & kHighs);
            if (special) {
#if Q_BYTE_ORDER == Q_LITTLE_ENDIAN
                // The lowest flagged byte is exact (a borrow only runs upwards): skip the plain bytes before it.
                m_p += qCountTrailingZeroBits(special) / 8;
#endif
                break;
            }
            m_p += 8;
        }
        if (m_p >= m_end)
            return failUnexpected();
        const unsigned char c = *m_p;
        if (c == '"') {
            if (contents)
                *contents = QByteArrayView(reinterpret_cast<const char *>(contentStart), m_p - contentStart);
            ++m_p;
            return true;
        }
        if (c == '\\') {
            ++m_p;
            if (m_p >= m_end)
                return failUnexpected();
            switch (*m_p) {
            case '"':
            case '\\':
            case '/':
            case 'b':
            case 'f':
            case 'n':
            case 'r':
            case 't':
                ++m_p;
                break;
            case 'u':
                ++m_p;
                for (int i = 0; i < 4; ++i, ++m_p) {
                    if (m_p >= m_end || !std::isxdigit(*m_p))
                        return fail(QStringLiteral("The request body is not valid JSON: bad \\u escape at byte %1.")
                                        .arg(m_p - m_begin));
                }
                break;
            default:
                return fail(
                    QStringLiteral("The request body is not valid JSON: bad escape at byte %1.").arg(m_p - m_begin));
            }
            continue;
        }
        if (c < 0x20)
            return fail(QStringLiteral("The request body is not valid JSON: unescaped control character in a string "
                                       "at byte %1.")
                            .arg(m_p - m_begin));
        if (c >= 0x80) {
            if (!scanUtf8Sequence())
                return false;
            continue;
        }
        ++m_p;
    }
}

bool Scanner::scanNumber()
{
    if (*m_p == '-')
        ++m_p;
    if (m_p >= m_end)
        return failUnexpected();
    if (*m_p == '0') {
        ++m_p;
    } else if (*m_p >= '1' && *m_p <= '9') {
        while (m_p < m_end && std::isdigit(*m_p))
            ++m_p;
    } else {
        return failUnexpected();
    }
    if (m_p < m_end && *m_p == '.') {
        ++m_p;
        if (m_p >= m_end || !std::isdigit(*m_p))
            return failUnexpected();
        while (m_p < m_end && std::isdigit(*m_p))
            ++m_p;
    }
    if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
        ++m_p;
        if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
            ++m_p;
        if (m_p >= m_end || !std::isdigit(*m_p))
            return failUnexpected();
        while (m_p < m_end && std::isdigit(*m_p))
            ++m_p;
    }
    return true;
}

bool Scanner::scanLiteral(const char *literal, size_t length)
{
    if (size_t(m_end - m_p) < length || std::memcmp(m_p, literal, length) != 0)
        return failUnexpected();
    m_p += length;
    return true;
}

ScanResult Scanner::run()
{
    std::vector<char> stack; // '{' or '['
    stack.reserve(32);
    Expect expect = Expect::Value;
    TopLevelKey pendingKey = TopLevelKey::Other;

    // Skip a UTF-8 byte order mark, as lenient JSON readers do.
    if (m_end - m_p >= 3 && m_p[0] == 0xEF && m_p[1] == 0xBB && m_p[2] == 0xBF)
        m_p += 3;

    for (;;) {
        skipWhitespace();
        if (m_p >= m_end) {
            if (stack.empty() && expect == Expect::CommaOrEnd) {
                m_result.ok = true;
                return m_result;
            }
            if (stack.empty() && expect == Expect::Value && m_p == m_begin)
                fail(QStringLiteral("The request body is empty; it must be a JSON object."));
            else
                failUnexpected();
            return m_result;
        }
        const unsigned char c = *m_p;

        switch (expect) {
        case Expect::ValueOrArrayEnd:
            if (c == ']') {
                ++m_p;
                stack.pop_back();
                expect = Expect::CommaOrEnd;
                continue;
            }
            [[fallthrough]];
        case Expect::Value: {
            const bool topLevelValue = stack.size() == 1 && stack.back() == '{';
            const TopLevelKey key = topLevelValue ? pendingKey : TopLevelKey::Other;
            if (key == TopLevelKey::Model) {
                m_result.hasModel = true;
                m_result.modelIsString = c == '"';
            } else if (key == TopLevelKey::Stream) {
                m_result.hasStream = true;
                m_result.streamIsBool = c == 't' || c == 'f';
                m_result.streamValue = c == 't';
            } else if (key == TopLevelKey::Messages) {
                m_result.hasMessages = true;
                m_result.messagesIsArray = c == '[';
            }
            if (stack.empty())
                m_result.topIsObject = c == '{';

            if (c == '{' || c == '[') {
                if (int(stack.size()) >= RequestBodyInspector::kMaxNestingDepth) {
                    fail(QStringLiteral("The request body is nested more than %1 levels deep.")
                             .arg(RequestBodyInspector::kMaxNestingDepth));
                    return m_result;
                }
                stack.push_back(char(c));
                ++m_p;
                expect = c == '{' ? Expect::KeyOrObjectEnd : Expect::ValueOrArrayEnd;
                continue;
            }
            bool ok = false;
            if (c == '"') {
                QByteArrayView contents;
                ok = scanString(&contents);
                if (ok && key == TopLevelKey::Model)
                    m_result.modelRaw = contents;
            } else if (c == 't') {
                ok = scanLiteral("true", 4);
            } else if (c == 'f') {
                ok = scanLiteral("false", 5);
            } else if (c == 'n') {
                ok = scanLiteral("null", 4);
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                ok = scanNumber();
            } else {
                failUnexpected();
            }
            if (!ok)
                return m_result;
            expect = Expect::CommaOrEnd;
            continue;
        }
        case Expect::KeyOrObjectEnd:
            if (c == '}') {
                ++m_p;
                stack.pop_back();
                expect = Expect::CommaOrEnd;
                continue;
            }
            [[fallthrough]];
        case Expect::Key: {
            if (c != '"') {
                failUnexpected();
                return m_result;
            }
            QByteArrayView key;
            if (!scanString(&key))
                return m_result;
            pendingKey = TopLevelKey::Other;
            if (stack.size() == 1) {
                if (key == "model")
                    pendingKey = TopLevelKey::Model;
                else if (key == "stream")
                    pendingKey = TopLevelKey::Stream;
                else if (key == "messages")
                    pendingKey = TopLevelKey::Messages;
            }
            expect = Expect::Colon;
            continue;
        }
        case Expect::Colon:
            if (c != ':') {
                failUnexpected();
                return m_result;
            }
            ++m_p;
            expect = Expect::Value;
            continue;
        case Expect::CommaOrEnd:
            if (stack.empty()) {
                failUnexpected(); // trailing garbage after the top-level value
                return m_result;
            }
            if (c == ',') {
                ++m_p;
                expect = stack.back() == '{' ? Expect::Key : Expect::Value;
                continue;
            }
            if ((c == '}' && stack.back() == '{') || (c == ']' && stack.back() == '[')) {
                ++m_p;
                stack.pop_back();
                continue;
            }
            failUnexpected();
            return m_result;
        }
    }
}

QString decodeJsonString(QByteArrayView raw)
{
    if (!raw.contains('\\'))
        return QString::fromUtf8(raw);
    // Rare: let Qt's parser handle escapes and surrogate pairs.
    const QByteArray wrapped = QByteArrayLiteral("[\"") + raw.toByteArray() + QByteArrayLiteral("\"]");
    return QJsonDocument::fromJson(wrapped).array().at(0).toString();
}

} // namespace

RequestBodyInspection RequestBodyInspector::inspect(QByteArrayView body, Requirement requirement)
{
    RequestBodyInspection inspection;
    const ScanResult scan = Scanner(body).run();
    if (!scan.ok) {
        inspection.error = scan.error;
        return inspection;
    }
    if (!scan.topIsObject) {
        inspection.error = QStringLiteral("The request body must be a JSON object.");
        return inspection;
    }
    if (!scan.hasModel) {
        inspection.error = QStringLiteral("model: Field required");
        return inspection;
    }
    if (!scan.modelIsString) {
        inspection.error = QStringLiteral("model: Input should be a valid string");
        return inspection;
    }
    inspection.model = decodeJsonString(scan.modelRaw);
    if (inspection.model.isEmpty()) {
        inspection.error = QStringLiteral("model: String should have at least 1 character");
        return inspection;
    }
    if (!scan.hasMessages) {
        inspection.error = QStringLiteral("messages: Field required");
        return inspection;
    }
    if (!scan.messagesIsArray) {
        inspection.error = QStringLiteral("messages: Input should be a valid list");
        return inspection;
    }
    inspection.hasMessages = true;
    if (requirement == Requirement::MessagesRequest && scan.hasStream) {
        if (!scan.streamIsBool) {
            inspection.error = QStringLiteral("stream: Input should be a valid boolean");
            return inspection;
        }
        inspection.stream = scan.streamValue;
    }
    inspection.valid = true;
    return inspection;
}

bool RequestBodyInspector::isWellFormedJson(QByteArrayView body, QString *error)
{
    const ScanResult scan = Scanner(body).run();
    if (!scan.ok && error)
        *error = scan.error;
    return scan.ok;
}
