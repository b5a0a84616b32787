#pragma once

#include "protocol/HttpRequestMessage.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QPair>

// One HTTP request as the fake upstream received it: what a test asserts on to prove what the proxy sent.
struct ReceivedRequest
{
    using Header = QPair<QByteArray, QByteArray>;

    QByteArray method; // "POST"
    QByteArray path; // the request target as sent, with its query: "/v1/messages?beta=true"
    QByteArray version; // "HTTP/1.1"
    QList<Header> headers; // in arrival order, names in their original case
    QByteArray body; // decoded (chunked request bodies are joined)
    qint64 receivedAtUs = 0; // when the request was complete, on FakeUpstream::nowUs()'s monotonic clock
    int connectionIndex = 0; // which accepted connection carried it (1 = the first), to assert reuse

    static ReceivedRequest fromMessage(HttpRequestMessage message);

    // The first header with that name (case-insensitive), or a null QByteArray when absent.
    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
    // Every value of that header, in order (for headers that may repeat).
    QList<QByteArray> headerValues(const QByteArray &name) const;
    // The path without its query string.
    QByteArray pathWithoutQuery() const;
};

Q_DECLARE_METATYPE(ReceivedRequest)
