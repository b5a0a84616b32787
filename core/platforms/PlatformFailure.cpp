#include "platforms/PlatformFailure.h"

#include "platforms/PlatformEndpoints.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace {

constexpr qsizetype kMaxInspectedBodyBytes = 64 * 1024;
constexpr qsizetype kMaxMessageChars = 300;

QString lowerBodyText(const QByteArray &body)
{
    return QString::fromUtf8(body.left(kMaxInspectedBodyBytes)).toLower();
}

QString shortened(QString text)
{
    text = text.simplified();
    if (text.size() > kMaxMessageChars)
        text = text.left(kMaxMessageChars - 1) + QChar(0x2026);
    return text;
}

// error.code / error.type / code / type of an error body, for the details ("code: Arrearage").
QString providerCode(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body.left(kMaxInspectedBodyBytes));
    if (!document.isObject())
        return QString();
    const QJsonObject root = document.object();
    const QJsonObject error = root.value(QStringLiteral("error")).toObject();
    QStringList parts;
    for (const QJsonObject &object : {error, root}) {
        for (const QString &key : {QStringLiteral("code"), QStringLiteral("type")}) {
            const QJsonValue value = object.value(key);
            QString text;
            if (value.isString())
                text = value.toString();
            else if (value.isDouble())
                text = QString::number(value.toDouble(), 'g', 12);
            if (!text.isEmpty() && text != QLatin1String("error") && !parts.contains(text))
                parts.append(text);
        }
    }
    return parts.join(QStringLiteral(", "));
}

QString httpDetails(int status, const QByteArray &body, const PlatformFailure::Context &context)
{
    QStringList lines;
    lines.append(QStringLiteral("HTTP %1 from %2").arg(status).arg(PlatformEndpoints::displayUrl(context.url)));
    const QString message = PlatformFailure::providerMessage(body);
    if (!message.isEmpty())
        lines.append(QStringLiteral("Platform message: %1").arg(message));
    const QString code = providerCode(body);
    if (!code.isEmpty())
        lines.append(QStringLiteral("Error code: %1").arg(code));
    return lines.join(QLatin1Char('\n'));
}

QString refusedHint(const PlatformFailure::Context &context)
{
    if (!context.isLocal)
        return QString();
    const QString app = context.localAppName.isEmpty() ? context.platformName : context.localAppName;
    const int port = context.url.port();
    if (port > 0)
        return QStringLiteral("Is %1 running and serving on port %2?").arg(app).arg(port);
    return QStringLiteral("Is %1 running?").arg(app);
}

} // namespace

QString connectionCategoryId(ConnectionCategory category)
{
    switch (category) {
    case ConnectionCategory::Ok:
        return QStringLiteral("ok");
    case ConnectionCategory::InvalidSettings:
        return QStringLiteral("invalid_settings");
    case ConnectionCategory::BadApiKey:
        return QStringLiteral("bad_api_key");
    case ConnectionCategory::HostNotFound:
        return QStringLiteral("host_not_found");
    case ConnectionCategory::ConnectionRefused:
        return QStringLiteral("connection_refused");
    case ConnectionCategory::TlsError:
        return QStringLiteral("tls_error");
    case ConnectionCategory::Timeout:
        return QStringLiteral("timeout");
    case ConnectionCategory::ConnectionLost:
        return QStringLiteral("connection_lost");
    case ConnectionCategory::EndpointNotFound:
        return QStringLiteral("endpoint_not_found");
    case ConnectionCategory::ModelNotFound:
        return QStringLiteral("model_not_found");
    case ConnectionCategory::InsufficientBalance:
        return QStringLiteral("insufficient_balance");
    case ConnectionCategory::RateLimited:
        return QStringLiteral("rate_limited");
    case ConnectionCategory::ServerError:
        return QStringLiteral("server_error");
    case ConnectionCategory::MalformedResponse:
        return QStringLiteral("malformed_response");
    case ConnectionCategory::RequestRejected:
        return QStringLiteral("request_rejected");
    case ConnectionCategory::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QString();
}

bool PlatformFailure::bodySaysInsufficientBalance(const QByteArray &body)
{
    static const QRegularExpression pattern(QStringLiteral(
        "insufficient[ _-]?(account[ _-]?)?(balance|credits?|quota|funds)"
        "|credit balance is too low|balance is (insufficient|not enough|too low)|not enough (balance|credits?)"
        "|arrearage|exceeded your current quota|exceeded_current_quota|billing_error|payment[ _]required"
        "|\u4f59\u989d\u4e0d\u8db3|\u6b20\u8d39")); // 余额不足 (insufficient balance), 欠费 (in arrears)
    return pattern.match(lowerBodyText(body)).hasMatch();
}

bool PlatformFailure::bodySaysModelNotFound(const QByteArray &body)
{
    static const QRegularExpression pattern(QStringLiteral(
        "model_not_found|modelnotfound|model[ _]not[ _]exist|no such model|unknown model|invalid model"
        "|not a valid model|model\\b.{0,160}?\\b(not found|does not exist|doesn't exist|not exist|is not supported)"));
    const QString text = lowerBodyText(body);
    if (pattern.match(text).hasMatch())
        return true;
    // Anthropic: {"type":"error","error":{"type":"not_found_error","message":"model: claude-x"}}
    const QJsonObject error
        = QJsonDocument::fromJson(body.left(kMaxInspectedBodyBytes)).object().value(QStringLiteral("error")).toObject();
    return error.value(QStringLiteral("type")).toString() == QLatin1String("not_found_error")
        && error.value(QStringLiteral("message")).toString().startsWith(QLatin1String("model:"));
}

bool PlatformFailure::bodySaysInvalidKey(const QByteArray &body)
{
    static const QRegularExpression pattern(
        QStringLiteral("invalid[ _-]?api[ _-]?key|incorrect api key|api key (is )?(not valid|invalid)"
                       "|invalid x-api-key|authentication_error|invalid_authentication|unauthorized"));
    return pattern.match(lowerBodyText(body)).hasMatch();
}

ConnectionCategory PlatformFailure::categoryForHttp(int status, const QByteArray &body)
{
    if (status >= 200 && status < 300)
        return ConnectionCategory::Ok;
    if (status >= 300 && status < 400)
        return ConnectionCategory::EndpointNotFound;
    if (status == 402 || bodySaysInsufficientBalance(body))
        return ConnectionCategory::InsufficientBalance;
    if (status == 401 || status == 403 || (status == 400 && bodySaysInvalidKey(body)))
        return ConnectionCategory::BadApiKey;
    if (bodySaysModelNotFound(body))
        return ConnectionCategory::ModelNotFound;
    if (status == 404 || status == 405 || status == 501)
        return ConnectionCategory::EndpointNotFound;
    if (status == 429)
        return ConnectionCategory::RateLimited;
    if (status == 408)
        return ConnectionCategory::Timeout;
    if (status >= 500)
        return ConnectionCategory::ServerError;
    return ConnectionCategory::RequestRejected;
}

QString PlatformFailure::providerMessage(const QByteArray &body)
{
    const QByteArray head = body.left(kMaxInspectedBodyBytes);
    const QJsonDocument document = QJsonDocument::fromJson(head);
    if (document.isObject()) {
        const QJsonObject root = document.object();
        const QJsonValue error = root.value(QStringLiteral("error"));
        if (error.isObject()) {
            const QString message = error.toObject().value(QStringLiteral("message")).toString();
            if (!message.isEmpty())
                return shortened(message);
        } else if (error.isString() && !error.toString().isEmpty()) {
            return shortened(error.toString());
        }
        for (const QString &key :
            {QStringLiteral("message"), QStringLiteral("msg"), QStringLiteral("error_msg"), QStringLiteral("detail")}) {
            const QJsonValue value = root.value(key);
            if (value.isString() && !value.toString().isEmpty())
                return shortened(value.toString());
        }
        return QString();
    }
    const QString text = QString::fromUtf8(head).trimmed();
    if (text.startsWith(QLatin1Char('<'))) {
        static const QRegularExpression title(
            QStringLiteral("<title>([^<]*)</title>"), QRegularExpression::CaseInsensitiveOption);
        const QString pageTitle = title.match(text).captured(1).simplified();
        return pageTitle.isEmpty() ? QStringLiteral("(an HTML page)")
                                   : QStringLiteral("(an HTML page: %1)").arg(shortened(pageTitle));
    }
    return shortened(text);
}

PlatformFailure PlatformFailure::fromHttp(int status, const QByteArray &body, const Context &context)
{
    PlatformFailure failure;
    failure.category = categoryForHttp(status, body);
    failure.httpStatus = status;
    failure.details = httpDetails(status, body, context);
    const QString &name = context.platformName;
    switch (failure.category) {
    case ConnectionCategory::InsufficientBalance:
        failure.message = QStringLiteral("%1 refused the request: the account's balance is insufficient.").arg(name);
        break;
    case ConnectionCategory::BadApiKey:
        failure.message = context.apiKeySet ? QStringLiteral("The API key was rejected by %1.").arg(name)
                                            : QStringLiteral("%1 requires an API key, and none is set.").arg(name);
        break;
    case ConnectionCategory::ModelNotFound:
        failure.message = context.model.isEmpty()
            ? QStringLiteral("%1 does not know the requested model.").arg(name)
            : QStringLiteral("%1 does not offer the model \"%2\".").arg(name, context.model);
        break;
    case ConnectionCategory::EndpointNotFound:
        if (status >= 300 && status < 400)
            failure.message
                = QStringLiteral("%1 redirected the request (HTTP %2); check the base URL.").arg(name).arg(status);
        else
            failure.message = QStringLiteral("%1 has no API at %2 (HTTP %3); check the base URL.")
                                  .arg(name, context.url.path())
                                  .arg(status);
        break;
    case ConnectionCategory::RateLimited:
        failure.message = QStringLiteral("%1 is limiting the rate of requests (HTTP 429); try again later.").arg(name);
        break;
    case ConnectionCategory::Timeout:
        failure.message = QStringLiteral("%1 timed out while handling the request (HTTP %2).").arg(name).arg(status);
        break;
    case ConnectionCategory::ServerError:
        failure.message = QStringLiteral("%1 reported a server error (HTTP %2).").arg(name).arg(status);
        break;
    default: {
        const QString message = providerMessage(body);
        failure.message = message.isEmpty()
            ? QStringLiteral("%1 rejected the request (HTTP %2).").arg(name).arg(status)
            : QStringLiteral("%1 rejected the request (HTTP %2): %3").arg(name).arg(status).arg(message);
        break;
    }
    }
    return failure;
}

PlatformFailure PlatformFailure::fromTransport(const UpstreamError &error, const Context &context)
{
    PlatformFailure failure;
    const QString &name = context.platformName;
    const QString host = hostOf(context.url);
    QStringList details;
    details.append(QStringLiteral("%1 (%2)").arg(error.message, upstreamFailureName(error.failure)));
    switch (error.failure) {
    case UpstreamFailure::HostNotFound:
        failure.category = ConnectionCategory::HostNotFound;
        failure.message
            = QStringLiteral("Cannot reach %1: the host %2 was not found (DNS).").arg(name, context.url.host());
        details.append(QStringLiteral("Check the base URL and this computer's network and DNS settings."));
        break;
    case UpstreamFailure::ConnectionRefused:
        failure.category = ConnectionCategory::ConnectionRefused;
        failure.message = QStringLiteral("Cannot reach %1: %2 refused the connection.").arg(name, host);
        if (const QString hint = refusedHint(context); !hint.isEmpty())
            details.append(hint);
        break;
    case UpstreamFailure::TlsError:
        failure.category = ConnectionCategory::TlsError;
        failure.message = QStringLiteral("Cannot reach %1: the secure connection (TLS) to %2 failed.").arg(name, host);
        break;
    case UpstreamFailure::ConnectTimeout:
        failure.category = ConnectionCategory::Timeout;
        failure.message = context.timeoutMs > 0
            ? QStringLiteral("Cannot reach %1: no connection to %2 within %3.")
                  .arg(name, host, formatDuration(context.timeoutMs))
            : QStringLiteral("Cannot reach %1: no connection to %2 in time.").arg(name, host);
        break;
    case UpstreamFailure::FirstByteTimeout:
    case UpstreamFailure::IdleTimeout:
    case UpstreamFailure::TotalTimeout:
        failure.category = ConnectionCategory::Timeout;
        failure.message = context.timeoutMs > 0
            ? QStringLiteral("%1 (%2) did not answer within %3.").arg(name, host, formatDuration(context.timeoutMs))
            : QStringLiteral("%1 (%2) did not answer in time.").arg(name, host);
        break;
    case UpstreamFailure::MalformedResponse:
        failure.category = ConnectionCategory::MalformedResponse;
        failure.message = QStringLiteral("%1 (%2) did not answer with valid HTTP.").arg(name, host);
        details.append(QStringLiteral("Check that the base URL points at the platform's API (http or https)."));
        break;
    case UpstreamFailure::Aborted:
        failure.category = ConnectionCategory::Cancelled;
        failure.message = QStringLiteral("The check of %1 was cancelled.").arg(name);
        break;
    case UpstreamFailure::ConnectionClosed:
    case UpstreamFailure::NetworkError:
    case UpstreamFailure::None:
        failure.category = ConnectionCategory::ConnectionLost;
        failure.message
            = QStringLiteral("The connection to %1 (%2) failed before the answer was complete.").arg(name, host);
        break;
    }
    details.append(QStringLiteral("URL: %1").arg(PlatformEndpoints::displayUrl(context.url)));
    failure.details = details.join(QLatin1Char('\n'));
    return failure;
}

PlatformFailure PlatformFailure::malformed(const QString &problem, const Context &context)
{
    PlatformFailure failure;
    failure.category = ConnectionCategory::MalformedResponse;
    failure.message = QStringLiteral("%1 answered %2 with something Switchyard cannot read.")
                          .arg(context.platformName, context.url.path());
    failure.details = QStringLiteral("%1\nURL: %2").arg(problem, PlatformEndpoints::displayUrl(context.url));
    return failure;
}

PlatformFailure PlatformFailure::invalidSettings(const QString &message, const QString &details)
{
    PlatformFailure failure;
    failure.category = ConnectionCategory::InvalidSettings;
    failure.message = message;
    failure.details = details;
    return failure;
}

QString PlatformFailure::redactSecrets(const QString &text, const QString &secret)
{
    QString result = text;
    if (secret.size() >= 4)
        result.replace(secret, QStringLiteral("********"));
    static const QRegularExpression keyShaped(
        QStringLiteral("\\b(sk-[A-Za-z0-9_\\-]{6,}|(?<=Bearer )[A-Za-z0-9._\\-]{12,})"));
    result.replace(keyShaped, QStringLiteral("********"));
    return result;
}

PlatformFailure PlatformFailure::redacted(const QString &secret) const
{
    PlatformFailure copy = *this;
    copy.message = redactSecrets(message, secret);
    copy.details = redactSecrets(details, secret);
    return copy;
}

QString PlatformFailure::hostOf(const QUrl &url)
{
    const int port = url.port();
    return port > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(port) : url.host();
}

QString PlatformFailure::formatDuration(int ms)
{
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms);
    if (ms % 1000 == 0)
        return QStringLiteral("%1 s").arg(ms / 1000);
    return QStringLiteral("%1 s").arg(ms / 1000.0, 0, 'f', 1);
}
