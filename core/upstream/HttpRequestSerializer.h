#pragma once

#include "upstream/UpstreamRequest.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// Turns an UpstreamRequest into the head of an HTTP/1.1 request. Pure.
//
// The head is: request line, the caller's headers in their order minus the ones the transport owns (Host,
// Content-Length, Connection, Accept-Encoding, Transfer-Encoding, Expect), hop-by-hop headers (Keep-Alive,
// Proxy-*, TE, Trailer, Upgrade, and any header the caller's Connection header names) and headers with
// invalid names or values; then Host (with the port when it is not the scheme's default), Content-Length
// (when there is a body, and always for POST, PUT and PATCH), Connection: keep-alive and
// Accept-Encoding: identity.
class HttpRequestSerializer
{
public:
    // The head to write, followed on the wire by `request.body` unchanged (one gathered write of both), or an
    // empty array with `error` set when the request cannot be sent (a URL that is not http(s) or has no host,
    // an invalid method).
    static QByteArray serializeHead(const UpstreamRequest &request, QString *error);

    // "scheme://host:port", the key of the connection pool (the port is always present).
    static QString originKey(const QUrl &url);
    static int defaultPort(const QUrl &url);

    // Whether a caller-supplied header with this name is sent as given.
    static bool isForwardable(QByteArrayView name);
};
