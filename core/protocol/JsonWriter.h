#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QLatin1StringView>
#include <QString>
#include <QVarLengthArray>

class QJsonValue;

// Writes compact JSON straight into bytes, in the order the members are written. For small documents built
// on the proxy's path (a record's route, its headers), where a QJsonObject would cost more than the request's
// forwarding. The caller keeps the structure well formed (keys only inside objects, every begin ended);
// debug builds assert it. Strings are escaped as RFC 8259 requires; numbers that are not finite become null.
class JsonWriter
{
public:
    explicit JsonWriter(qsizetype reserve = 256);

    JsonWriter &beginObject();
    JsonWriter &endObject();
    JsonWriter &beginArray();
    JsonWriter &endArray();
    JsonWriter &key(QLatin1StringView name); // names are ASCII identifiers; written without escaping

    JsonWriter &value(QStringView text);
    JsonWriter &value(const QString &text) { return value(QStringView(text)); }
    JsonWriter &value(const char *text) = delete; // would otherwise become a bool; use QLatin1StringView
    JsonWriter &value(QLatin1StringView text);
    JsonWriter &value(double number);
    JsonWriter &value(int number) { return value(qint64(number)); }
    JsonWriter &value(qint64 number);
    JsonWriter &value(bool flag);
    JsonWriter &value(const QJsonValue &json); // any JSON value, written compact
    JsonWriter &nullValue();

    template<typename T>
    JsonWriter &field(QLatin1StringView name, const T &fieldValue)
    {
        key(name);
        return value(fieldValue);
    }

    const QByteArray &bytes() const { return m_out; }
    QByteArray take();

    static void appendEscaped(QByteArray &out, QByteArrayView utf8); // a JSON string with its quotes

private:
    void beforeValue();
    void open(char bracket, bool isObject);
    void close(char bracket, bool isObject);

    QByteArray m_out;
    // One entry per open container: whether it is an object, and whether it holds a member yet.
    struct Level
    {
        bool isObject;
        bool hasMember;
    };
    QVarLengthArray<Level, 8> m_levels;
    bool m_afterKey = false;
};
