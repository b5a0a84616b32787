#pragma once

#include "upstream/UpstreamRequest.h"

#include <QByteArray>
#include <QHostAddress>
#include <QString>

// A client request as the front door hands it on: a value that owns its bytes, so the connection can go on
// reading the next request while this one is answered.
struct IncomingRequest
{
    QByteArray method; // "GET", "POST", ...
    QString path; // decoded path without the query, e.g. "/v1/messages"
    QByteArray query; // raw query without '?', e.g. "beta=true"
    HttpHeaderList headers; // names lower-cased, values as sent, in order
    QByteArray body;
    QHostAddress peerAddress;
    qint64 receivedAtUs = 0; // steady clock (SteadyClock::nowUs) when the whole request had arrived
    bool closeAfterResponse = false; // "Connection: close" or HTTP/1.0 without keep-alive

    QByteArray header(QByteArrayView lowercaseName) const;
    bool hasHeader(QByteArrayView lowercaseName) const;
};
