#include "proxy/AttemptFailure.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {

// A readable message out of whatever error body a platform sent.
QString messageFromBody(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject()) {
        const QJsonObject object = document.object();
        const QJsonValue error = object.value(QStringLiteral("error"));
        if (error.isObject()) {
            const QString message = error.toObject().value(QStringLiteral("message")).toString();
            if (!message.isEmpty())
                return message;
        } else if (error.isString()) {
            return error.toString();
        }
        const QString message = object.value(QStringLiteral("message")).toString();
        if (!message.isEmpty())
            return message;
    }
    QString text = QString::fromUtf8(body.left(500)).simplified();
    return text;
}

bool isAnthropicErrorEnvelope(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return false;
    const QJsonObject object = document.object();
    const QJsonObject error = object.value(QStringLiteral("error")).toObject();
    return object.value(QStringLiteral("type")).toString() == QLatin1String("error")
        && error.value(QStringLiteral("type")).isString() && error.value(QStringLiteral("message")).isString();
}

} // namespace

QString AttemptFailure::describe() const
{
    switch (kind) {
    case Kind::Transport:
        return upstreamFailureName(transportFailure) + QStringLiteral(": ") + clientError.message();
    case Kind::HttpStatus:
        return QStringLiteral("http_%1: %2").arg(upstreamStatus).arg(clientError.message());
    case Kind::MalformedResponse:
        return QStringLiteral("malformed_response: ") + clientError.message();
    case Kind::Cancelled:
        return QStringLiteral("cancelled: ") + clientError.message();
    }
    return clientError.message();
}

AttemptFailure AttemptFailure::fromTransport(const UpstreamError &error, const QString &platformName)
{
    AttemptFailure failure;
    failure.kind = error.failure == UpstreamFailure::MalformedResponse ? Kind::MalformedResponse : Kind::Transport;
    failure.transportFailure = error.failure;
    switch (error.failure) {
    case UpstreamFailure::ConnectTimeout:
    case UpstreamFailure::FirstByteTimeout:
    case UpstreamFailure::IdleTimeout:
    case UpstreamFailure::TotalTimeout:
        failure.clientError = ApiError(ApiError::Type::Timeout,
                                       QStringLiteral("%1 did not answer in time (%2).").arg(platformName, error.message),
                                       504);
        break;
    case UpstreamFailure::Aborted:
        failure.kind = Kind::Cancelled;
        failure.clientError = ApiError::api(QStringLiteral("The request was cancelled."), 499);
        break;
    default:
        failure.clientError = ApiError(ApiError::Type::Api,
                                       QStringLiteral("Could not get an answer from %1: %2").arg(platformName, error.message),
                                       502);
        break;
    }
    return failure;
}

AttemptFailure AttemptFailure::fromHttpStatus(int status, const HttpHeaderList &headers, const QByteArray &body,
                                              const QString &platformName)
{
    AttemptFailure failure;
    failure.kind = Kind::HttpStatus;
    failure.upstreamStatus = status;
    failure.upstreamHeaders = headers;
    failure.upstreamBody = body;
    failure.upstreamBodyIsAnthropicError = isAnthropicErrorEnvelope(body);
    QString message = messageFromBody(body);
    if (message.isEmpty())
        message = QStringLiteral("%1 answered HTTP %2.").arg(platformName).arg(status);
    failure.clientError = ApiError::fromStatus(status, message);
    return failure;
}
