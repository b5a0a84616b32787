#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// An error as Claude Code must see it: the Anthropic error envelope
// {"type":"error","error":{"type":...,"message":...}} with its HTTP status, or the same payload as an
// SSE `event: error` once a stream has started.
class ApiError
{
public:
    enum class Type
    {
        InvalidRequest, // 400 invalid_request_error
        Authentication, // 401 authentication_error
        Billing, // 402 billing_error
        Permission, // 403 permission_error
        NotFound, // 404 not_found_error
        RequestTooLarge, // 413 request_too_large
        RateLimit, // 429 rate_limit_error
        Api, // 500 api_error
        Timeout, // 504 timeout_error
        Overloaded, // 529 overloaded_error
    };

    ApiError() = default;
    ApiError(Type type, QString message, int httpStatus = 0);

    static ApiError invalidRequest(const QString &message) { return ApiError(Type::InvalidRequest, message); }
    static ApiError authentication(const QString &message) { return ApiError(Type::Authentication, message); }
    static ApiError notFound(const QString &message) { return ApiError(Type::NotFound, message); }
    static ApiError requestTooLarge(const QString &message) { return ApiError(Type::RequestTooLarge, message); }
    static ApiError api(const QString &message, int httpStatus = 500)
    {
        return ApiError(Type::Api, message, httpStatus);
    }
    static ApiError timeout(const QString &message) { return ApiError(Type::Timeout, message); }
    static ApiError overloaded(const QString &message) { return ApiError(Type::Overloaded, message); }

    // The error type that Anthropic uses for an HTTP status (400 -> invalid_request_error, 502/503 -> api_error...).
    static Type typeForStatus(int httpStatus);
    static ApiError fromStatus(int httpStatus, const QString &message);
    static QByteArray typeName(Type type);
    // The type whose typeName() is `name`; nothing for a name Anthropic does not define.
    static std::optional<Type> typeFromName(QByteArrayView name);
    static int defaultStatus(Type type);

    Type type() const { return m_type; }
    QByteArray typeName() const { return typeName(m_type); }
    int httpStatus() const { return m_httpStatus; }
    const QString &message() const { return m_message; }

    // {"type":"error","error":{"type":"...","message":"..."}}
    QByteArray toJson() const;
    // "event: error\ndata: {...}\n\n"
    QByteArray toSseEvent() const;

private:
    Type m_type = Type::Api;
    QString m_message;
    int m_httpStatus = 500;
};
