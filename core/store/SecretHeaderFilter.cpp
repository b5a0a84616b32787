#include "store/SecretHeaderFilter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QString>

#include <array>

namespace {

constexpr std::array<const char *, 4> kSecretHeaderNames
    = {"authorization", "x-api-key", "proxy-authorization", "cookie"};

bool mentionsSecretHeaderName(const QByteArray &bytes)
{
    const QByteArray lower = bytes.toLower();
    for (const char *name : kSecretHeaderNames) {
        if (lower.contains(name))
            return true;
    }
    return false;
}

// The header name of one array element, or a null string when the element has no recognisable name.
QString headerNameOf(const QJsonValue &element)
{
    if (element.isArray()) {
        const QJsonArray pair = element.toArray();
        return pair.isEmpty() ? QString() : pair.first().toString();
    }
    if (element.isObject())
        return element.toObject().value(QLatin1String("name")).toString();
    return QString();
}

} // namespace

bool SecretHeaderFilter::isSecretHeaderName(const QString &name)
{
    const QString trimmed = name.trimmed();
    for (const char *secret : kSecretHeaderNames) {
        if (trimmed.compare(QLatin1String(secret), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray SecretHeaderFilter::strip(const QByteArray &headersJson, bool *removedSomething)
{
    if (removedSomething)
        *removedSomething = false;
    if (headersJson.isEmpty())
        return headersJson;

    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(headersJson, &error);
    if (error.error != QJsonParseError::NoError || (!document.isObject() && !document.isArray())) {
        if (!mentionsSecretHeaderName(headersJson))
            return headersJson;
        if (removedSomething)
            *removedSomething = true;
        return QByteArray();
    }

    bool removed = false;
    QJsonDocument cleaned;
    if (document.isObject()) {
        QJsonObject object = document.object();
        const QStringList keys = object.keys();
        for (const QString &key : keys) {
            if (isSecretHeaderName(key)) {
                object.remove(key);
                removed = true;
            }
        }
        cleaned.setObject(object);
    } else {
        QJsonArray kept;
        const QJsonArray array = document.array();
        for (const QJsonValue &element : array) {
            if (isSecretHeaderName(headerNameOf(element))) {
                removed = true;
                continue;
            }
            if (!element.isArray() && !element.isObject() && mentionsSecretHeaderName(element.toString().toUtf8())) {
                // A bare "Name: value" string: keep nothing that may hold a secret.
                removed = true;
                continue;
            }
            kept.append(element);
        }
        cleaned.setArray(kept);
    }
    if (removedSomething)
        *removedSomething = removed;
    return removed ? cleaned.toJson(QJsonDocument::Compact) : headersJson;
}
