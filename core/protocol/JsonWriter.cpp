#include "protocol/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QLocale>

#include <cmath>

JsonWriter::JsonWriter(qsizetype reserve)
{
    m_out.reserve(reserve);
}

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_levels.isEmpty())
        return;
    Level &level = m_levels.last();
    Q_ASSERT_X(!level.isObject, "JsonWriter", "a value inside an object needs a key first");
    if (level.hasMember)
        m_out.append(',');
    level.hasMember = true;
}

void JsonWriter::open(char bracket, bool isObject)
{
    beforeValue();
    m_out.append(bracket);
    m_levels.append(Level {isObject, false});
}

void JsonWriter::close(char bracket, bool isObject)
{
    Q_ASSERT_X(
        !m_levels.isEmpty() && m_levels.last().isObject == isObject && !m_afterKey, "JsonWriter", "unbalanced end");
    Q_UNUSED(isObject);
    m_levels.removeLast();
    m_out.append(bracket);
}

JsonWriter &JsonWriter::beginObject()
{
    open('{', true);
    return *this;
}

JsonWriter &JsonWriter::endObject()
{
    close('}', true);
    return *this;
}

JsonWriter &JsonWriter::beginArray()
{
    open('[', false);
    return *this;
}

JsonWriter &JsonWriter::endArray()
{
    close(']', false);
    return *this;
}

JsonWriter &JsonWriter::key(QLatin1StringView name)
{
    Q_ASSERT_X(!m_levels.isEmpty() && m_levels.last().isObject && !m_afterKey, "JsonWriter", "a key outside an object");
    Level &level = m_levels.last();
    if (level.hasMember)
        m_out.append(',');
    level.hasMember = true;
    m_out.append('"').append(name.data(), name.size()).append("\":", 2);
    m_afterKey = true;
    return *this;
}

JsonWriter &JsonWriter::value(QStringView text)
{
    beforeValue();
    appendEscaped(m_out, text.toUtf8());
    return *this;
}

JsonWriter &JsonWriter::value(QLatin1StringView text)
{
    return value(QString(text));
}

JsonWriter &JsonWriter::value(double number)
{
    beforeValue();
    if (!std::isfinite(number))
        m_out.append("null", 4);
    else
        m_out.append(QByteArray::number(number, 'g', QLocale::FloatingPointShortest));
    return *this;
}

JsonWriter &JsonWriter::value(qint64 number)
{
    beforeValue();
    m_out.append(QByteArray::number(number));
    return *this;
}

JsonWriter &JsonWriter::value(bool flag)
{
    beforeValue();
    if (flag)
        m_out.append("true", 4);
    else
        m_out.append("false", 5);
    return *this;
}

JsonWriter &JsonWriter::nullValue()
{
    beforeValue();
    m_out.append("null", 4);
    return *this;
}

JsonWriter &JsonWriter::value(const QJsonValue &json)
{
    switch (json.type()) {
    case QJsonValue::Object:
        beforeValue();
        m_out.append(QJsonDocument(json.toObject()).toJson(QJsonDocument::Compact));
        return *this;
    case QJsonValue::Array:
        beforeValue();
        m_out.append(QJsonDocument(json.toArray()).toJson(QJsonDocument::Compact));
        return *this;
    case QJsonValue::String:
        return value(QStringView(json.toString()));
    case QJsonValue::Double:
        return value(json.toDouble());
    case QJsonValue::Bool:
        return value(json.toBool());
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return nullValue();
}

QByteArray JsonWriter::take()
{
    Q_ASSERT_X(m_levels.isEmpty() && !m_afterKey, "JsonWriter", "taken before every container was ended");
    QByteArray out = std::move(m_out);
    m_out = QByteArray();
    return out;
}

void JsonWriter::appendEscaped(QByteArray &out, QByteArrayView utf8)
{
    static const char hex[] = "0123456789abcdef";
    out.append('"');
    const char *data = utf8.data();
    const qsizetype size = utf8.size();
    qsizetype plainStart = 0;
    for (qsizetype i = 0; i < size; ++i) {
        const unsigned char c = static_cast<unsigned char>(data[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(data + plainStart, i - plainStart);
        plainStart = i + 1;
        switch (c) {
        case '"':
            out.append("\\\"", 2);
            break;
        case '\\':
            out.append("\\\\", 2);
            break;
        case '\n':
            out.append("\\n", 2);
            break;
        case '\r':
            out.append("\\r", 2);
            break;
        case '\t':
            out.append("\\t", 2);
            break;
        case '\b':
            out.append("\\b", 2);
            break;
        case '\f':
            out.append("\\f", 2);
            break;
        default: {
            const char escape[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
            out.append(escape, 6);
        }
        }
    }
    out.append(data + plainStart, size - plainStart);
    out.append('"');
}
