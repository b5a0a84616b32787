#pragma once

#include "protocol/ApiError.h"
#include "upstream/UpstreamRequest.h"

// Why an attempt to get an answer from one platform failed, and what the client would be told.
struct AttemptFailure
{
    enum class Kind
    {
        Transport, // no usable HTTP response: DNS, refused, TLS, timeouts, connection lost
        HttpStatus, // the platform answered with an error status
        MalformedResponse, // a 2xx answer that cannot be relayed (bad stream, bad JSON)
        Cancelled, // the client left or the proxy is shutting down
    };

    Kind kind = Kind::Transport;
    UpstreamFailure transportFailure = UpstreamFailure::None;
    int upstreamStatus = 0;
    HttpHeaderList upstreamHeaders;
    QByteArray upstreamBody; // error body as the platform sent it
    bool upstreamBodyIsAnthropicError = false; // it can be relayed to the client as it is
    ApiError clientError; // what the client is told when this failure ends the call
    bool afterOutput = false; // part of the answer had already been emitted
    QByteArray closingEvents; // after output: the events that end the client's stream (empty: clientError's event)
    bool streamEndedByUpstream = false; // after output: the platform's own error event already ended the stream

    QString describe() const; // for logs and records (no secrets)

    static AttemptFailure fromTransport(const UpstreamError &error, const QString &platformName);
    static AttemptFailure fromHttpStatus(
        int status, const HttpHeaderList &headers, const QByteArray &body, const QString &platformName);
};
