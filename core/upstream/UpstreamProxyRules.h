#pragma once

#include "upstream/UpstreamProxy.h"

struct UpstreamProxySettings;

#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <optional>

// Which requests go through which proxy, decided per platform URL:
//   - an http:// URL uses the HTTP proxy, an https:// URL the HTTPS one;
//   - never for "localhost", *.localhost and loopback addresses (local model servers);
//   - never for a host that matches the no-proxy list: "*" (everything), a host name ("example.com" also
//     matches its subdomains, ".example.com" only them), an IP address, or a CIDR range ("10.0.0.0/8");
//     an entry may end in ":port" to match only that port.
class UpstreamProxyRules
{
public:
    UpstreamProxyRules() = default; // no proxy for anything

    // One proxy for both schemes.
    static UpstreamProxyRules manual(const UpstreamProxy &proxy, const QString &noProxy);
    // From HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY (the lower-case names win, as in curl). A variable
    // that does not hold a usable URL is ignored and described in `warnings`.
    static UpstreamProxyRules fromEnvironment(const QProcessEnvironment &environment, QStringList *warnings);
    // What the configuration asks for (its URL already expanded and checked by ConfigResolver); the
    // environment is read in the environment mode.
    static UpstreamProxyRules forSettings(
        const UpstreamProxySettings &settings, const QProcessEnvironment &environment, QStringList *warnings);

    std::optional<UpstreamProxy> proxyFor(const QUrl &url) const;
    bool isEmpty() const { return !m_http && !m_https; }
    // "https via http://proxy:3128, http via ..., not for: a, b" (no passwords), for the log.
    QString describe() const;

    bool operator==(const UpstreamProxyRules &other) const;

private:
    struct Exception
    {
        QString domain; // lower case, without a leading dot
        bool subdomainsOnly = false; // written with a leading dot
        std::optional<QPair<QHostAddress, int>> subnet; // an IP address (full-length prefix) or a CIDR range
        int port = -1; // -1 = any port
        bool operator==(const Exception &other) const;
    };

    void setNoProxy(const QString &list);
    bool isException(const QUrl &url) const;

    std::optional<UpstreamProxy> m_http;
    std::optional<UpstreamProxy> m_https;
    QList<Exception> m_exceptions;
    bool m_noProxyForAll = false;
    QString m_noProxyText;
};
