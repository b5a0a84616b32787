#include "proxy/ClientAuthenticator.h"

#include <QCryptographicHash>

namespace {

// Compares the SHA-256 digests so that neither length nor content of a configured key leaks through timing.
bool sameSecret(const QByteArray &presented, const QString &configured)
{
    const QByteArray a = QCryptographicHash::hash(presented, QCryptographicHash::Sha256);
    const QByteArray b = QCryptographicHash::hash(configured.toUtf8(), QCryptographicHash::Sha256);
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return difference == 0;
}

} // namespace

QByteArray ClientAuthenticator::presentedKey(const IncomingRequest &request)
{
    const QByteArray apiKey = request.header("x-api-key").trimmed();
    if (!apiKey.isEmpty())
        return apiKey;
    const QByteArray authorization = request.header("authorization").trimmed();
    if (authorization.size() > 7 && authorization.left(7).compare("bearer ", Qt::CaseInsensitive) == 0)
        return authorization.mid(7).trimmed();
    return {};
}

ClientAuthenticator::Result ClientAuthenticator::authenticate(const IncomingRequest &request, const Config &config)
{
    Result result;
    bool anyKey = false;
    for (const ClientKey &key : config.clientKeys)
        anyKey = anyKey || (key.enabled && !key.key.isEmpty());
    if (!anyKey) {
        result.accepted = true;
        return result;
    }
    const QByteArray presented = presentedKey(request);
    if (presented.isEmpty()) {
        result.error = ApiError::authentication(
            QStringLiteral("x-api-key header is required (or Authorization: Bearer <key>)."));
        return result;
    }
    for (const ClientKey &key : config.clientKeys) {
        if (key.enabled && !key.key.isEmpty() && sameSecret(presented, key.key)) {
            result.accepted = true;
            result.clientKeyId = key.id;
            return result;
        }
    }
    result.error = ApiError::authentication(QStringLiteral("invalid x-api-key"));
    return result;
}
