#include "upstream/UpstreamRequest.h"

QString upstreamFailureName(UpstreamFailure failure)
{
    switch (failure) {
    case UpstreamFailure::None:
        return QStringLiteral("none");
    case UpstreamFailure::HostNotFound:
        return QStringLiteral("host_not_found");
    case UpstreamFailure::ConnectionRefused:
        return QStringLiteral("connection_refused");
    case UpstreamFailure::ConnectTimeout:
        return QStringLiteral("connect_timeout");
    case UpstreamFailure::TlsError:
        return QStringLiteral("tls_error");
    case UpstreamFailure::FirstByteTimeout:
        return QStringLiteral("first_byte_timeout");
    case UpstreamFailure::IdleTimeout:
        return QStringLiteral("idle_timeout");
    case UpstreamFailure::TotalTimeout:
        return QStringLiteral("total_timeout");
    case UpstreamFailure::ConnectionClosed:
        return QStringLiteral("connection_closed");
    case UpstreamFailure::MalformedResponse:
        return QStringLiteral("malformed_response");
    case UpstreamFailure::NetworkError:
        return QStringLiteral("network_error");
    case UpstreamFailure::Aborted:
        return QStringLiteral("aborted");
    }
    return QStringLiteral("unknown");
}

int expiredTimerMs(UpstreamFailure failure, const UpstreamTimeouts &timeouts)
{
    switch (failure) {
    case UpstreamFailure::ConnectTimeout:
        return timeouts.connectMs;
    case UpstreamFailure::FirstByteTimeout:
        return timeouts.firstByteMs;
    case UpstreamFailure::IdleTimeout:
        return timeouts.idleMs;
    case UpstreamFailure::TotalTimeout:
        return timeouts.totalMs;
    default:
        return 0;
    }
}
