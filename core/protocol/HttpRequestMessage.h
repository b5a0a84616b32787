#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

// One HTTP/1.x request as HttpRequestParser read it off the wire: nothing interpreted beyond the framing.
struct HttpRequestMessage
{
    using Header = QPair<QByteArray, QByteArray>;

    QByteArray method; // "POST"
    QByteArray target; // the request target as sent, with its query: "/v1/messages?beta=true"
    QByteArray version; // "HTTP/1.1" or "HTTP/1.0"
    QList<Header> headers; // in arrival order, names in their original case, values without surrounding blanks
    QByteArray body; // decoded (the chunks of a chunked body are joined)
};
