#include "routing/UpstreamFailureTable.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTimeZone>
#include <array>
#include <cmath>

namespace {

using Type = ApiError::Type;
using UpstreamFailureTable::Row;

// clang-format off
const std::array<Row, 18> kRows = {{
    // class                             retry  fall   health                                 client type            status retry?
    {FailureClass::ConnectError,         false, true,  HealthEffect::CountFailure,            Type::Api,             502, false},
    {FailureClass::ConnectTimeout,       false, true,  HealthEffect::CountFailure,            Type::Timeout,         504, false},
    {FailureClass::ConnectionLost,       true,  true,  HealthEffect::CountFailure,            Type::Api,             502, true},
    {FailureClass::FirstByteTimeout,     false, true,  HealthEffect::CountFailure,            Type::Timeout,         504, false},
    {FailureClass::IdleTimeout,          false, true,  HealthEffect::CountFailure,            Type::Timeout,         504, false},
    {FailureClass::TotalTimeout,         false, true,  HealthEffect::CountFailure,            Type::Timeout,         504, false},
    {FailureClass::BadKey,               false, true,  HealthEffect::RestPlatformUntilProbe,  Type::Api,             502, false},
    {FailureClass::NoCredit,             false, true,  HealthEffect::RestPlatformUntilProbe,  Type::Billing,         402, false},
    {FailureClass::ModelNotFound,        false, true,  HealthEffect::RestModelUntilProbe,     Type::NotFound,        404, false},
    {FailureClass::RetryableStatus,      true,  true,  HealthEffect::CountFailure,            Type::Api,             0,   true},
    {FailureClass::RateLimited,          false, true,  HealthEffect::RestModel,               Type::RateLimit,       429, true},
    {FailureClass::ServerError,          true,  true,  HealthEffect::CountFailure,            Type::Api,             0,   true},
    {FailureClass::Overloaded,           false, true,  HealthEffect::CountFailure,            Type::Overloaded,      529, true},
    {FailureClass::ContextOverflow,      false, false, HealthEffect::None,                    Type::InvalidRequest,  400, false},
    {FailureClass::UnsupportedRequest,   false, true,  HealthEffect::None,                    Type::InvalidRequest,  400, false},
    {FailureClass::ClientError,          false, false, HealthEffect::None,                    Type::InvalidRequest,  0,   false},
    {FailureClass::MalformedResponse,    false, true,  HealthEffect::CountFailure,            Type::Api,             502, false},
    {FailureClass::Cancelled,            false, false, HealthEffect::None,                    Type::Api,             499, false},
}};
// clang-format on

QString lower(const QString &text)
{
    return text.toLower();
}

bool containsAny(const QString &haystack, std::initializer_list<const char *> needles)
{
    for (const char *needle : needles) {
        if (haystack.contains(QString::fromUtf8(needle)))
            return true;
    }
    return false;
}

QString valueText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toInteger());
    return QString();
}

std::optional<qint64> parseNumber(const QByteArray &text, double scale)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value) || value < 0)
        return std::nullopt;
    return qint64(std::ceil(value * scale));
}

QString describeTarget(const FailedAttempt &attempt)
{
    if (attempt.model.isEmpty())
        return attempt.platform;
    return QStringLiteral("%1 (%2)").arg(attempt.platform, attempt.model);
}

QString clientMessage(FailureClass failureClass, const FailedAttempt &attempt, const QString &detail)
{
    const QString target = describeTarget(attempt);
    const QString status = QString::number(attempt.httpStatus);
    const QString suffix = detail.isEmpty() ? QString() : QStringLiteral(": ") + detail;
    switch (failureClass) {
    case FailureClass::ConnectError:
        return QStringLiteral("Could not connect to %1").arg(target) + suffix;
    case FailureClass::ConnectTimeout:
        return QStringLiteral("%1 did not accept the connection in time").arg(target) + suffix;
    case FailureClass::ConnectionLost:
        return QStringLiteral("%1 closed the connection before the answer was complete").arg(target) + suffix;
    case FailureClass::FirstByteTimeout:
        return QStringLiteral("%1 did not start answering in time").arg(target) + suffix;
    case FailureClass::IdleTimeout:
        return QStringLiteral("%1 stopped sending in the middle of the answer").arg(target) + suffix;
    case FailureClass::TotalTimeout:
        return QStringLiteral("%1 did not finish the answer in time").arg(target) + suffix;
    case FailureClass::BadKey:
        return QStringLiteral("%1 rejected the API key Switchyard has for it (HTTP %2)%3. Check the platform's "
                              "api_key.")
            .arg(target, status, suffix);
    case FailureClass::NoCredit:
        return QStringLiteral("%1 reports an insufficient balance (HTTP %2)%3").arg(target, status, suffix);
    case FailureClass::ModelNotFound:
        return QStringLiteral("%1 does not offer this model (HTTP %2)%3").arg(target, status, suffix);
    case FailureClass::RetryableStatus:
    case FailureClass::ServerError:
        return QStringLiteral("%1 failed (HTTP %2)%3").arg(target, status, suffix);
    case FailureClass::RateLimited:
        return QStringLiteral("%1 is rate limiting requests (HTTP %2)%3").arg(target, status, suffix);
    case FailureClass::Overloaded:
        return QStringLiteral("%1 is overloaded (HTTP %2)%3").arg(target, status, suffix);
    case FailureClass::ContextOverflow:
        // Claude Code recognises this wording and offers to compact the conversation.
        if (detail.startsWith(QLatin1String("prompt is too long"), Qt::CaseInsensitive))
            return detail;
        return QStringLiteral("prompt is too long") + suffix;
    case FailureClass::UnsupportedRequest:
    case FailureClass::ClientError:
        return detail.isEmpty() ? QStringLiteral("%1 refused the request (HTTP %2)").arg(target, status) : detail;
    case FailureClass::MalformedResponse:
        return QStringLiteral("%1 sent an answer that could not be read").arg(target) + suffix;
    case FailureClass::Cancelled:
        return QStringLiteral("The request was cancelled.");
    }
    return detail;
}

FailureClass classifyTransport(const FailedAttempt &attempt)
{
    switch (attempt.transport) {
    case UpstreamFailure::HostNotFound:
    case UpstreamFailure::ConnectionRefused:
    case UpstreamFailure::TlsError:
        return FailureClass::ConnectError;
    case UpstreamFailure::ConnectTimeout:
        return FailureClass::ConnectTimeout;
    case UpstreamFailure::FirstByteTimeout:
        return FailureClass::FirstByteTimeout;
    case UpstreamFailure::IdleTimeout:
        return FailureClass::IdleTimeout;
    case UpstreamFailure::TotalTimeout:
        return FailureClass::TotalTimeout;
    case UpstreamFailure::ConnectionClosed:
        return FailureClass::ConnectionLost;
    case UpstreamFailure::NetworkError:
        return attempt.responseStarted || attempt.outputSent ? FailureClass::ConnectionLost
                                                             : FailureClass::ConnectError;
    case UpstreamFailure::MalformedResponse:
        return FailureClass::MalformedResponse;
    case UpstreamFailure::Aborted:
        return FailureClass::Cancelled;
    case UpstreamFailure::None:
        break;
    }
    return FailureClass::MalformedResponse;
}

FailureClass classifyStatus(int status, const UpstreamFailureTable::ErrorBody &error)
{
    using namespace UpstreamFailureTable;
    if (status >= 200 && status < 300)
        return FailureClass::MalformedResponse;
    if (status < 400 || status > 599)
        return FailureClass::MalformedResponse; // 1xx/3xx or nonsense: not an answer Switchyard can relay
    if (isNoCredit(status, error))
        return FailureClass::NoCredit;
    if (status == 401 || status == 403)
        return FailureClass::BadKey;
    if (status == 404)
        return isUnsupportedRequest(error) ? FailureClass::UnsupportedRequest : FailureClass::ModelNotFound;
    if (status == 408 || status == 409)
        return FailureClass::RetryableStatus;
    if (status == 429)
        return FailureClass::RateLimited;
    if (status == 529 || lower(error.type) == QLatin1String("overloaded_error"))
        return FailureClass::Overloaded;
    if (status >= 500)
        return FailureClass::ServerError;
    if (isContextOverflow(error))
        return FailureClass::ContextOverflow;
    if (isUnsupportedRequest(error))
        return FailureClass::UnsupportedRequest;
    return FailureClass::ClientError;
}

} // namespace

QString failureClassId(FailureClass failureClass)
{
    switch (failureClass) {
    case FailureClass::ConnectError:
        return QStringLiteral("connect_error");
    case FailureClass::ConnectTimeout:
        return QStringLiteral("connect_timeout");
    case FailureClass::ConnectionLost:
        return QStringLiteral("connection_lost");
    case FailureClass::FirstByteTimeout:
        return QStringLiteral("first_byte_timeout");
    case FailureClass::IdleTimeout:
        return QStringLiteral("idle_timeout");
    case FailureClass::TotalTimeout:
        return QStringLiteral("total_timeout");
    case FailureClass::BadKey:
        return QStringLiteral("bad_key");
    case FailureClass::NoCredit:
        return QStringLiteral("no_credit");
    case FailureClass::ModelNotFound:
        return QStringLiteral("model_not_found");
    case FailureClass::RetryableStatus:
        return QStringLiteral("retryable_status");
    case FailureClass::RateLimited:
        return QStringLiteral("rate_limited");
    case FailureClass::ServerError:
        return QStringLiteral("server_error");
    case FailureClass::Overloaded:
        return QStringLiteral("overloaded");
    case FailureClass::ContextOverflow:
        return QStringLiteral("context_overflow");
    case FailureClass::UnsupportedRequest:
        return QStringLiteral("unsupported_request");
    case FailureClass::ClientError:
        return QStringLiteral("client_error");
    case FailureClass::MalformedResponse:
        return QStringLiteral("malformed_response");
    case FailureClass::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QString();
}

FailedAttempt FailedAttempt::fromTransport(
    const QString &platform, const QString &model, const UpstreamError &error, bool outputSent)
{
    FailedAttempt attempt;
    attempt.platform = platform;
    attempt.model = model;
    attempt.transport = error.failure;
    attempt.transportMessage = error.message;
    attempt.responseStarted = error.responseStarted;
    attempt.outputSent = outputSent;
    return attempt;
}

FailedAttempt FailedAttempt::fromHttp(const QString &platform, const QString &model, int status,
    const HttpHeaderList &headers, const QByteArray &body, bool outputSent)
{
    FailedAttempt attempt;
    attempt.platform = platform;
    attempt.model = model;
    attempt.httpStatus = status;
    attempt.headers = headers;
    attempt.body = body;
    attempt.outputSent = outputSent;
    return attempt;
}

namespace UpstreamFailureTable {

const Row &row(FailureClass failureClass)
{
    for (const Row &entry : kRows) {
        if (entry.failureClass == failureClass)
            return entry;
    }
    Q_UNREACHABLE(); // every class has a row (tested)
}

ErrorBody readErrorBody(const QByteArray &body)
{
    ErrorBody error;
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject()) {
        error.message = QString::fromUtf8(body.left(500)).simplified();
        return error;
    }
    const QJsonObject root = document.object();
    const QJsonValue inner = root.value(QLatin1String("error"));
    // {"error": {...}} (Anthropic, OpenAI, DashScope compatible mode), {"error": "text"}, or a flat
    // {"code": ..., "message": ...} (SiliconFlow, DashScope native).
    const QJsonObject object = inner.isObject() ? inner.toObject() : root;
    error.message = object.value(QLatin1String("message")).toString();
    if (error.message.isEmpty() && inner.isString())
        error.message = inner.toString();
    if (error.message.isEmpty())
        error.message = root.value(QLatin1String("message")).toString();
    error.code = valueText(object.value(QLatin1String("code")));
    if (error.code.isEmpty())
        error.code = valueText(root.value(QLatin1String("code")));
    error.type = object.value(QLatin1String("type")).toString();
    if (error.type == QLatin1String("error")) // Anthropic's envelope type, not the error's
        error.type.clear();
    return error;
}

bool isNoCredit(int status, const ErrorBody &error)
{
    if (status == 402)
        return true;
    const QString code = lower(error.code);
    const QString type = lower(error.type);
    for (const char *marker : {"arrearage", "insufficient_quota", "insufficient_balance", "insufficient_user_quota",
             "exceeded_current_quota_error", "billing_error", "payment_required",
             "30001", // SiliconFlow: account balance is insufficient
             "30011", // SiliconFlow: the model needs a paid balance
             "1113"}) { // Zhipu: balance insufficient
        if (code == QLatin1String(marker) || type == QLatin1String(marker))
            return true;
    }
    return containsAny(lower(error.message),
        {"insufficient balance", "balance is insufficient", "insufficient account balance", "insufficient credits",
            "credit balance is too low", "欠费", "余额不足"});
}

bool isContextOverflow(const ErrorBody &error)
{
    const QString text = lower(error.message + QLatin1Char(' ') + error.code + QLatin1Char(' ') + error.type);
    return containsAny(text,
        {"prompt is too long", "context_length_exceeded", "context length", "context window", "context_window",
            "maximum context", "too many input tokens", "input is too long", "input length", "max_seq_len",
            "reduce the length"});
}

bool isUnsupportedRequest(const ErrorBody &error)
{
    const QString text = lower(error.message);
    return containsAny(text, {"support", "does not accept"})
        && containsAny(
            text, {"image", "vision", "multimodal", "modality", "tool", "function", "thinking", "reasoning"});
}

std::optional<qint64> retryAfterMs(const HttpHeaderList &headers, const QDateTime &nowUtc)
{
    QByteArray milliseconds;
    QByteArray seconds;
    for (const auto &header : headers) {
        const QByteArray name = header.first.toLower();
        if (name == "retry-after-ms")
            milliseconds = header.second;
        else if (name == "retry-after")
            seconds = header.second;
    }
    if (!milliseconds.isEmpty()) {
        if (const std::optional<qint64> value = parseNumber(milliseconds, 1))
            return value;
    }
    if (seconds.isEmpty())
        return std::nullopt;
    if (const std::optional<qint64> value = parseNumber(seconds, 1000))
        return value;
    // An HTTP date: "Wed, 21 Oct 2015 07:28:00 GMT" (RFC 9110 IMF-fixdate).
    const QString text = QString::fromLatin1(seconds.trimmed());
    QDateTime at = QLocale::c().toDateTime(text, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (at.isValid())
        at.setTimeZone(QTimeZone::utc());
    else
        at = QDateTime::fromString(text, Qt::RFC2822Date);
    if (!at.isValid())
        return std::nullopt;
    return qMax<qint64>(0, nowUtc.msecsTo(at));
}

FailureDecision classify(const FailedAttempt &attempt, const QDateTime &nowUtc)
{
    FailureDecision decision;
    QString detail;
    if (attempt.transport != UpstreamFailure::None) {
        decision.failureClass = classifyTransport(attempt);
        detail = attempt.transportMessage;
    } else if (attempt.malformedAnswer) {
        decision.failureClass = FailureClass::MalformedResponse;
        detail = attempt.transportMessage;
    } else {
        const ErrorBody error = readErrorBody(attempt.body);
        decision.failureClass = classifyStatus(attempt.httpStatus, error);
        detail = error.message;
        decision.retryAfterMs = retryAfterMs(attempt.headers, nowUtc);
        if (decision.failureClass == FailureClass::MalformedResponse && detail.isEmpty())
            detail = QStringLiteral("unexpected HTTP status %1").arg(attempt.httpStatus);
    }
    decision.detail = detail;

    const Row &entry = row(decision.failureClass);
    decision.retrySameModel = entry.retrySameModel;
    decision.fallBack = entry.fallBack;
    decision.health = entry.health;
    decision.clientShouldRetry = entry.clientShouldRetry;
    if (decision.health == HealthEffect::RestModel)
        decision.restMs = qMin(decision.retryAfterMs.value_or(kDefaultRateLimitRestMs), kMaxRestMs);

    const QString message = clientMessage(decision.failureClass, attempt, detail);
    if (entry.clientStatus == 0) // the platform's own status (5xx, 408/409, other 4xx)
        decision.clientError = ApiError::fromStatus(attempt.httpStatus, message);
    else
        decision.clientError = ApiError(entry.clientType, message, entry.clientStatus);

    if (attempt.outputSent) {
        // The answer has begun: nothing is retried; the stream ends with an error event.
        decision.retrySameModel = false;
        decision.fallBack = false;
        decision.endStreamWithError = true;
        decision.clientShouldRetry = false;
    }
    return decision;
}

} // namespace UpstreamFailureTable
