#pragma once

#include <QByteArray>
#include <QString>

// A last line of defence before request headers are written to the database: drops `authorization`,
// `x-api-key`, `proxy-authorization` and `cookie` (any case) from the headers JSON the proxy recorded.
// Pure: no I/O.
//
// Accepted shapes: an object {"name": value, ...}, an array of [name, value] pairs, or an array of
// {"name": ..., "value": ...} objects. Input without a secret header is returned byte for byte; input that
// had one is re-serialised compactly. Input that cannot be read as one of those shapes but mentions a secret
// header name is dropped altogether (an empty result), since what it holds cannot be separated safely.
class SecretHeaderFilter
{
public:
    static QByteArray strip(const QByteArray &headersJson, bool *removedSomething = nullptr);
    static bool isSecretHeaderName(const QString &name);
};
