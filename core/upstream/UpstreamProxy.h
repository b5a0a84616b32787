#pragma once

#include <QNetworkProxy>
#include <QString>
#include <optional>

// A proxy between Switchyard and a platform: an HTTP proxy (the connection is tunnelled with CONNECT, so TLS
// runs end to end between Switchyard and the platform) or a SOCKS5 proxy. Written as a URL:
//   http://[user:password@]host[:port]     port 80 when not given; "host:port" alone means http://
//   socks5://[user:password@]host[:port]   port 1080; socks5h:// is the same (the proxy resolves names)
// The password is never part of displayText() or poolKey().
struct UpstreamProxy
{
    QNetworkProxy::ProxyType type = QNetworkProxy::HttpProxy;
    QString host;
    quint16 port = 0;
    QString user;
    QString password;

    // nullopt and `error` for a URL that is not one of the forms above (https:// proxies are not supported).
    static std::optional<UpstreamProxy> fromUrl(const QString &text, QString *error);

    QNetworkProxy toNetworkProxy() const;
    // "http://proxy.example:3128" (with "user@" when there is a user), for messages and logs.
    QString displayText() const;
    // Connections through different proxies (or as different users) are never shared.
    QString poolKey() const;

    bool operator==(const UpstreamProxy &other) const;
};
