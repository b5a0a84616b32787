#include "convert/OpenAIErrorMapper.h"

#include "convert/TextChecks.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace {

constexpr int kMaxMessageLength = 1000;

QString valueText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(qint64(qBound(-9e15, v.toDouble(), 9e15)));
    return QString();
}

// Message and code of an error JSON value (object or string).
void readErrorValue(const QJsonValue &error, QString &message, QString &code)
{
    if (error.isString()) {
        message = error.toString();
        return;
    }
    const QJsonObject object = error.toObject();
    message = valueText(object.value(QStringLiteral("message")));
    if (message.isEmpty())
        message = valueText(object.value(QStringLiteral("msg")));
    code = valueText(object.value(QStringLiteral("code")));
    if (code.isEmpty())
        code = valueText(object.value(QStringLiteral("type")));
    else if (object.value(QStringLiteral("type")).isString())
        code += QLatin1Char(' ') + object.value(QStringLiteral("type")).toString();
    // OpenRouter: "Provider returned error" with the provider's own text in metadata.raw.
    const QJsonValue raw = object.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("raw"));
    if (raw.isString() && !raw.toString().isEmpty()) {
        QString rawMessage;
        QString rawCode;
        const QJsonDocument inner = QJsonDocument::fromJson(raw.toString().toUtf8());
        if (inner.isObject()) {
            const QJsonObject innerObject = inner.object();
            readErrorValue(innerObject.contains(QStringLiteral("error")) ? innerObject.value(QStringLiteral("error"))
                                                                         : QJsonValue(innerObject),
                rawMessage, rawCode);
        } else {
            rawMessage = raw.toString();
        }
        if (!rawMessage.isEmpty() && rawMessage != message)
            message = message.isEmpty() ? rawMessage : message + QStringLiteral(": ") + rawMessage;
    }
}

QString stripHtml(const QString &html)
{
    static const QRegularExpression title(QStringLiteral("<title[^>]*>(.*?)</title>"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch match = title.match(html);
    if (match.hasMatch() && !match.captured(1).trimmed().isEmpty())
        return match.captured(1).simplified();
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    QString text = html;
    text.remove(tags);
    return text.simplified();
}

bool looksLikeContextOverflow(const QString &lower)
{
    return containsAny(lower,
        {"maximum context length", "context length", "context_length_exceeded", "context window",
            "range of input length", "input length should be", "prompt is too long", "input is too long",
            "too many input tokens", "maximum input length", "reduce the length of the messages",
            "exceeds the model's maximum", "exceed context limit", "exceeds the context",
            "tokens to keep from the initial prompt", "prompt too long", "input tokens exceed",
            "context size has been exceeded", "exceeds maximum input"});
}

bool looksLikeBilling(const QString &lower)
{
    return containsAny(lower,
        {"insufficient balance", "insufficient_balance", "insufficient_quota", "insufficient credits",
            "insufficient account balance", "balance is insufficient", "balance is not enough",
            "credit balance is too low", "exceeded your current quota", "arrearage", "payment required",
            "account is in arrears", "requires more credits", "out of credits", "not enough credits"});
}

QString overflowMessage(const QString &upstream)
{
    static const QRegularExpression maxPatterns[] = {
        QRegularExpression(QStringLiteral("maximum context length is (\\d+)")),
        QRegularExpression(QStringLiteral("context length (?:is|of) (\\d+)")),
        QRegularExpression(QStringLiteral("input length should be \\[\\d+,\\s*(\\d+)\\]")),
        QRegularExpression(QStringLiteral("\\d+\\s*(?:tokens)?\\s*>\\s*(\\d+)")),
        QRegularExpression(QStringLiteral("(?:limit|maximum) (?:is|of) (\\d+)")),
    };
    static const QRegularExpression usedPatterns[] = {
        QRegularExpression(QStringLiteral("resulted in (\\d+) tokens")),
        QRegularExpression(QStringLiteral("requested (\\d+) tokens")),
        QRegularExpression(QStringLiteral("(\\d+)\\s*(?:tokens)?\\s*>\\s*\\d+")),
        QRegularExpression(QStringLiteral("prompt (?:has|contains|is) (\\d+) tokens")),
        QRegularExpression(QStringLiteral("input (?:has|contains|is) (\\d+) tokens")),
    };
    const QString lower = upstream.toLower();
    QString maximum;
    QString used;
    for (const QRegularExpression &re : maxPatterns) {
        const QRegularExpressionMatch m = re.match(lower);
        if (m.hasMatch()) {
            maximum = m.captured(1);
            break;
        }
    }
    for (const QRegularExpression &re : usedPatterns) {
        const QRegularExpressionMatch m = re.match(lower);
        if (m.hasMatch()) {
            used = m.captured(1);
            break;
        }
    }
    if (!maximum.isEmpty() && !used.isEmpty() && used != maximum)
        return QStringLiteral("prompt is too long: %1 tokens > %2 maximum").arg(used, maximum);
    return QStringLiteral("prompt is too long: ") + upstream;
}

UpstreamErrorMapping classify(int httpStatus, const QString &message, const QString &code)
{
    UpstreamErrorMapping out;
    out.upstreamMessage = message;
    const QString lower = (message + QLatin1Char(' ') + code).toLower();
    const QString shown = message.isEmpty()
        ? (httpStatus > 0 ? QStringLiteral("upstream returned HTTP %1").arg(httpStatus)
                          : QStringLiteral("upstream error"))
        : message;
    const int status = httpStatus >= 400 && httpStatus <= 599 ? httpStatus : 500;

    const bool overflowStatus = (status >= 400 && status < 500 && status != 401 && status != 403 && status != 429)
        || status == 500 || httpStatus < 400;
    if ((overflowStatus && looksLikeContextOverflow(lower))
        || lower.contains(QLatin1String("context_length_exceeded"))) {
        out.category = UpstreamErrorMapping::Category::ContextOverflow;
        out.error = ApiError(ApiError::Type::InvalidRequest, overflowMessage(shown), 400);
        return out;
    }
    if (status == 402 || looksLikeBilling(lower)) {
        out.category = UpstreamErrorMapping::Category::Billing;
        out.error = ApiError(ApiError::Type::Billing, shown, status == 402 || status >= 500 ? 402 : status);
        return out;
    }
    const bool overloaded = status == 529 || status == 503
        || containsAny(lower, {"overloaded", "server is busy", "system is busy", "at capacity", "too busy"});
    switch (status) {
    case 401:
        out.category = UpstreamErrorMapping::Category::Authentication;
        break;
    case 403:
        out.category = UpstreamErrorMapping::Category::Permission;
        break;
    case 404:
        out.category = UpstreamErrorMapping::Category::NotFound;
        break;
    case 408:
    case 504:
        out.category = UpstreamErrorMapping::Category::Timeout;
        break;
    case 429:
        out.category = UpstreamErrorMapping::Category::RateLimit;
        break;
    default:
        if (status >= 500)
            out.category
                = overloaded ? UpstreamErrorMapping::Category::Overloaded : UpstreamErrorMapping::Category::Server;
        else
            out.category = UpstreamErrorMapping::Category::InvalidRequest;
        break;
    }
    if (out.category == UpstreamErrorMapping::Category::Overloaded)
        out.error = ApiError(ApiError::Type::Overloaded, shown, status);
    else
        out.error = ApiError::fromStatus(status, shown);
    return out;
}

} // namespace

QString OpenAIErrorMapper::extractMessage(const QByteArray &body, QString *code)
{
    QString message;
    QString errorCode;
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject()) {
        const QJsonObject object = doc.object();
        if (object.contains(QStringLiteral("error")) && !object.value(QStringLiteral("error")).isNull()) {
            readErrorValue(object.value(QStringLiteral("error")), message, errorCode);
        } else {
            readErrorValue(object, message, errorCode);
            if (message.isEmpty())
                message = valueText(object.value(QStringLiteral("detail")));
            if (message.isEmpty()) {
                const QJsonArray errors = object.value(QStringLiteral("errors")).toArray();
                if (!errors.isEmpty())
                    readErrorValue(errors.first(), message, errorCode);
            }
        }
        if (message.isEmpty() && object.value(QStringLiteral("detail")).isArray())
            message = QString::fromUtf8(
                QJsonDocument(object.value(QStringLiteral("detail")).toArray()).toJson(QJsonDocument::Compact));
    } else if (doc.isArray() && !doc.array().isEmpty()) {
        readErrorValue(doc.array().first().toObject().value(QStringLiteral("error")), message, errorCode);
    }
    if (message.isEmpty() && !doc.isObject()) {
        const QString text = QString::fromUtf8(body).trimmed();
        message = text.startsWith(QLatin1Char('<')) ? stripHtml(text) : text.simplified();
    }
    if (message.size() > kMaxMessageLength)
        message = message.left(kMaxMessageLength) + QStringLiteral("...");
    if (code)
        *code = errorCode;
    return message;
}

UpstreamErrorMapping OpenAIErrorMapper::map(int httpStatus, const QByteArray &body)
{
    QString code;
    const QString message = extractMessage(body, &code);
    return classify(httpStatus, message, code);
}

UpstreamErrorMapping OpenAIErrorMapper::mapStreamError(const QJsonValue &error)
{
    QString message;
    QString code;
    readErrorValue(error, message, code);
    if (message.size() > kMaxMessageLength)
        message = message.left(kMaxMessageLength) + QStringLiteral("...");
    int status = 0;
    const QJsonValue codeValue = error.toObject().value(QStringLiteral("code"));
    if (codeValue.isDouble())
        status = codeValue.toInt(0);
    else if (codeValue.isString())
        status = codeValue.toString().toInt();
    if (status < 400 || status > 599)
        status = 0;
    UpstreamErrorMapping mapped = classify(
        status, message.isEmpty() ? QStringLiteral("the upstream reported an error mid-stream") : message, code);
    return mapped;
}
