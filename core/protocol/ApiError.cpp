#include "protocol/ApiError.h"

#include <QJsonDocument>
#include <QJsonObject>

ApiError::ApiError(Type type, QString message, int httpStatus)
    : m_type(type)
    , m_message(std::move(message))
    , m_httpStatus(httpStatus > 0 ? httpStatus : defaultStatus(type))
{
}

ApiError::Type ApiError::typeForStatus(int httpStatus)
{
    switch (httpStatus) {
    case 400:
    case 422:
        return Type::InvalidRequest;
    case 401:
        return Type::Authentication;
    case 402:
        return Type::Billing;
    case 403:
        return Type::Permission;
    case 404:
        return Type::NotFound;
    case 408:
    case 504:
        return Type::Timeout;
    case 413:
        return Type::RequestTooLarge;
    case 429:
        return Type::RateLimit;
    case 529:
        return Type::Overloaded;
    default:
        break;
    }
    if (httpStatus >= 500)
        return Type::Api;
    return Type::InvalidRequest; // "may also be used for other 4XX status codes not listed"
}

ApiError ApiError::fromStatus(int httpStatus, const QString &message)
{
    return ApiError(typeForStatus(httpStatus), message, httpStatus);
}

QByteArray ApiError::typeName(Type type)
{
    switch (type) {
    case Type::InvalidRequest:
        return QByteArrayLiteral("invalid_request_error");
    case Type::Authentication:
        return QByteArrayLiteral("authentication_error");
    case Type::Billing:
        return QByteArrayLiteral("billing_error");
    case Type::Permission:
        return QByteArrayLiteral("permission_error");
    case Type::NotFound:
        return QByteArrayLiteral("not_found_error");
    case Type::RequestTooLarge:
        return QByteArrayLiteral("request_too_large");
    case Type::RateLimit:
        return QByteArrayLiteral("rate_limit_error");
    case Type::Api:
        return QByteArrayLiteral("api_error");
    case Type::Timeout:
        return QByteArrayLiteral("timeout_error");
    case Type::Overloaded:
        return QByteArrayLiteral("overloaded_error");
    }
    return QByteArrayLiteral("api_error");
}

std::optional<ApiError::Type> ApiError::typeFromName(QByteArrayView name)
{
    for (const Type type : {Type::InvalidRequest, Type::Authentication, Type::Billing, Type::Permission, Type::NotFound,
             Type::RequestTooLarge, Type::RateLimit, Type::Api, Type::Timeout, Type::Overloaded}) {
        if (typeName(type) == name)
            return type;
    }
    return std::nullopt;
}

int ApiError::defaultStatus(Type type)
{
    switch (type) {
    case Type::InvalidRequest:
        return 400;
    case Type::Authentication:
        return 401;
    case Type::Billing:
        return 402;
    case Type::Permission:
        return 403;
    case Type::NotFound:
        return 404;
    case Type::RequestTooLarge:
        return 413;
    case Type::RateLimit:
        return 429;
    case Type::Api:
        return 500;
    case Type::Timeout:
        return 504;
    case Type::Overloaded:
        return 529;
    }
    return 500;
}

QByteArray ApiError::toJson() const
{
    const QJsonObject error {
        {QStringLiteral("type"), QString::fromLatin1(typeName())}, {QStringLiteral("message"), m_message}};
    const QJsonObject envelope {{QStringLiteral("type"), QStringLiteral("error")}, {QStringLiteral("error"), error}};
    return QJsonDocument(envelope).toJson(QJsonDocument::Compact);
}

QByteArray ApiError::toSseEvent() const
{
    return QByteArrayLiteral("event: error\ndata: ") + toJson() + QByteArrayLiteral("\n\n");
}
