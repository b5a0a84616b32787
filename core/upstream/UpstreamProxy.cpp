#include "upstream/UpstreamProxy.h"

#include <QUrl>

namespace {

constexpr quint16 kHttpProxyPort = 80;
constexpr quint16 kSocksProxyPort = 1080;

} // namespace

std::optional<UpstreamProxy> UpstreamProxy::fromUrl(const QString &text, QString *error)
{
    const auto failWith = [error](const QString &message) -> std::optional<UpstreamProxy> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    QString written = text.trimmed();
    if (written.isEmpty())
        return failWith(QStringLiteral("the proxy URL is empty"));
    if (!written.contains(QLatin1String("://")))
        written.prepend(QLatin1String("http://"));
    const QUrl url(written, QUrl::StrictMode);
    if (!url.isValid())
        return failWith(QStringLiteral("not a valid URL: %1").arg(url.errorString()));
    UpstreamProxy proxy;
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("http")) {
        proxy.type = QNetworkProxy::HttpProxy;
        proxy.port = kHttpProxyPort;
    } else if (scheme == QLatin1String("socks5") || scheme == QLatin1String("socks5h")) {
        proxy.type = QNetworkProxy::Socks5Proxy;
        proxy.port = kSocksProxyPort;
    } else if (scheme == QLatin1String("https")) {
        return failWith(QStringLiteral("https:// proxies (TLS to the proxy itself) are not supported; use an "
                                       "http:// proxy: connections to https platforms are still encrypted end to "
                                       "end through it"));
    } else {
        return failWith(QStringLiteral("unsupported proxy scheme \"%1\"; expected http:// or socks5://").arg(scheme));
    }
    proxy.host = url.host(QUrl::FullyEncoded);
    if (proxy.host.isEmpty())
        return failWith(QStringLiteral("the proxy URL has no host"));
    if (url.port() == 0)
        return failWith(QStringLiteral("the proxy port must be between 1 and 65535"));
    if (url.port() > 0)
        proxy.port = quint16(url.port());
    if (!url.path().isEmpty() && url.path() != QLatin1String("/"))
        return failWith(QStringLiteral("a proxy URL has no path (found \"%1\")").arg(url.path()));
    if (url.hasQuery() || url.hasFragment())
        return failWith(QStringLiteral("a proxy URL has no query or fragment"));
    proxy.user = url.userName(QUrl::FullyDecoded);
    proxy.password = url.password(QUrl::FullyDecoded);
    return proxy;
}

QNetworkProxy UpstreamProxy::toNetworkProxy() const
{
    QNetworkProxy proxy(type, host, port, user, password);
    // Names are resolved by the proxy: the platform's host may not resolve from here at all.
    proxy.setCapabilities(proxy.capabilities() | QNetworkProxy::HostNameLookupCapability);
    return proxy;
}

QString UpstreamProxy::displayText() const
{
    const QString scheme = type == QNetworkProxy::Socks5Proxy ? QStringLiteral("socks5") : QStringLiteral("http");
    const QString hostText = host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    const QString userText
        = user.isEmpty() ? QString() : QString::fromLatin1(QUrl::toPercentEncoding(user)) + QLatin1Char('@');
    return scheme + QLatin1String("://") + userText + hostText + QLatin1Char(':') + QString::number(port);
}

QString UpstreamProxy::poolKey() const
{
    return displayText();
}

bool UpstreamProxy::operator==(const UpstreamProxy &other) const
{
    return type == other.type && host == other.host && port == other.port && user == other.user
        && password == other.password;
}
