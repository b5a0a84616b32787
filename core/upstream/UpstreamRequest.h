#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

using HttpHeaderList = QList<QPair<QByteArray, QByteArray>>;

// Timers of one attempt. 0 disables a timer.
struct UpstreamTimeouts
{
    int connectMs = 10'000; // TCP (and TLS) connection established
    int firstByteMs = 300'000; // request written -> first byte of the response
    int idleMs = 300'000; // longest gap between two reads of the response
    int totalMs = 0; // request started -> response complete
};

struct UpstreamRequest
{
    QUrl url; // http:// or https://, path and query included
    QByteArray method = QByteArrayLiteral("POST");
    // Sent as given, in order. The client adds Host, Content-Length, Connection and Accept-Encoding itself and
    // drops any of those found here, as well as hop-by-hop headers.
    HttpHeaderList headers;
    QByteArray body;
    UpstreamTimeouts timeouts;
};

enum class UpstreamFailure
{
    None,
    HostNotFound, // DNS
    ConnectionRefused,
    ConnectTimeout,
    TlsError, // handshake or certificate verification
    FirstByteTimeout,
    IdleTimeout,
    TotalTimeout,
    ConnectionClosed, // the peer closed or reset before the response was complete
    MalformedResponse, // not parseable as HTTP/1.x
    NetworkError, // anything else at the socket level
    Aborted, // abort() was called
};

struct UpstreamError
{
    UpstreamFailure failure = UpstreamFailure::None;
    QString message; // human readable, never contains request headers
    bool responseStarted = false; // the status line had been received
};

QString upstreamFailureName(UpstreamFailure failure); // "connection_refused", "first_byte_timeout", ...
// The length (ms) of the timer that a timeout failure reports, from the timeouts the request used; 0 otherwise.
int expiredTimerMs(UpstreamFailure failure, const UpstreamTimeouts &timeouts);
