#include "upstream/UpstreamProxyRules.h"

#include "config/Config.h"

namespace {

int defaultPortOf(const QUrl &url)
{
    return url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ? 443 : 80;
}

// "host:port" -> {"host", port}; "[v6]:port" -> {"v6", port}; anything else -> {entry, -1}.
QPair<QString, int> splitPort(const QString &entry)
{
    if (entry.startsWith(QLatin1Char('['))) {
        const qsizetype close = entry.indexOf(QLatin1Char(']'));
        if (close < 0)
            return {entry, -1};
        const QString host = entry.mid(1, close - 1);
        if (close + 1 < entry.size() && entry.at(close + 1) == QLatin1Char(':')) {
            bool ok = false;
            const int port = entry.mid(close + 2).toInt(&ok);
            return {host, ok ? port : -1};
        }
        return {host, -1};
    }
    const qsizetype colon = entry.lastIndexOf(QLatin1Char(':'));
    if (colon > 0 && entry.indexOf(QLatin1Char(':')) == colon) { // one colon: not a bare IPv6 address
        bool ok = false;
        const int port = entry.mid(colon + 1).toInt(&ok);
        if (ok && port > 0 && port < 65536)
            return {entry.left(colon), port};
    }
    return {entry, -1};
}

} // namespace

bool UpstreamProxyRules::Exception::operator==(const Exception &other) const
{
    return domain == other.domain && subdomainsOnly == other.subdomainsOnly && subnet == other.subnet
        && port == other.port;
}

UpstreamProxyRules UpstreamProxyRules::manual(const UpstreamProxy &proxy, const QString &noProxy)
{
    UpstreamProxyRules rules;
    rules.m_http = proxy;
    rules.m_https = proxy;
    rules.setNoProxy(noProxy);
    return rules;
}

UpstreamProxyRules UpstreamProxyRules::fromEnvironment(const QProcessEnvironment &environment, QStringList *warnings)
{
    const auto firstSet = [&environment](std::initializer_list<const char *> names) -> QPair<QString, QString> {
        for (const char *name : names) {
            const QString value = environment.value(QLatin1String(name)).trimmed();
            if (!value.isEmpty())
                return {QLatin1String(name), value};
        }
        return {};
    };
    const auto proxyFrom = [&](std::initializer_list<const char *> names) -> std::optional<UpstreamProxy> {
        const auto [name, value] = firstSet(names);
        if (value.isEmpty())
            return std::nullopt;
        QString error;
        std::optional<UpstreamProxy> proxy = UpstreamProxy::fromUrl(value, &error);
        if (!proxy && warnings)
            warnings->append(QStringLiteral("%1 is ignored: %2").arg(name, error));
        return proxy;
    };
    UpstreamProxyRules rules;
    rules.m_https = proxyFrom({"https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"});
    rules.m_http = proxyFrom({"http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"});
    rules.setNoProxy(firstSet({"no_proxy", "NO_PROXY"}).second);
    return rules;
}

UpstreamProxyRules UpstreamProxyRules::forSettings(
    const UpstreamProxySettings &settings, const QProcessEnvironment &environment, QStringList *warnings)
{
    switch (settings.mode) {
    case UpstreamProxySettings::Mode::Environment:
        return fromEnvironment(environment, warnings);
    case UpstreamProxySettings::Mode::None:
        return UpstreamProxyRules();
    case UpstreamProxySettings::Mode::Manual:
        break;
    }
    QString error;
    std::optional<UpstreamProxy> proxy = UpstreamProxy::fromUrl(settings.url, &error);
    if (!proxy) {
        if (warnings)
            warnings->append(QStringLiteral("upstream_proxy.url is ignored: %1").arg(error));
        return UpstreamProxyRules();
    }
    if (!settings.password.isEmpty())
        proxy->password = settings.password;
    return manual(*proxy, settings.noProxy);
}

void UpstreamProxyRules::setNoProxy(const QString &list)
{
    m_noProxyText = list.trimmed();
    m_exceptions.clear();
    m_noProxyForAll = false;
    for (QString entry : list.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        entry = entry.trimmed().toLower();
        if (entry.isEmpty())
            continue;
        if (entry == QLatin1String("*")) {
            m_noProxyForAll = true;
            continue;
        }
        Exception exception;
        if (entry.contains(QLatin1Char('/'))) {
            const QPair<QHostAddress, int> subnet = QHostAddress::parseSubnet(entry);
            if (subnet.second >= 0) {
                exception.subnet = subnet;
                m_exceptions.append(exception);
            }
            continue;
        }
        const QHostAddress bareAddress(entry); // an IPv6 address written without brackets or port
        auto [host, port] = bareAddress.isNull() ? splitPort(entry) : QPair<QString, int>(entry, -1);
        exception.port = port;
        const QHostAddress address(host);
        if (!address.isNull()) {
            exception.subnet
                = QPair<QHostAddress, int>(address, address.protocol() == QAbstractSocket::IPv6Protocol ? 128 : 32);
        } else {
            if (host.startsWith(QLatin1String("*.")))
                host.remove(0, 1);
            exception.subdomainsOnly = host.startsWith(QLatin1Char('.'));
            while (host.startsWith(QLatin1Char('.')))
                host.remove(0, 1);
            if (host.endsWith(QLatin1Char('.')))
                host.chop(1);
            if (host.isEmpty())
                continue;
            exception.domain = host;
        }
        m_exceptions.append(exception);
    }
}

bool UpstreamProxyRules::isException(const QUrl &url) const
{
    if (m_noProxyForAll)
        return true;
    QString host = url.host(QUrl::FullyEncoded).toLower();
    if (host.endsWith(QLatin1Char('.')))
        host.chop(1);
    const int port = url.port(defaultPortOf(url));
    const QHostAddress address(host);
    for (const Exception &exception : m_exceptions) {
        if (exception.port >= 0 && exception.port != port)
            continue;
        if (exception.subnet) {
            if (!address.isNull() && address.isInSubnet(*exception.subnet))
                return true;
            continue;
        }
        if ((!exception.subdomainsOnly && host == exception.domain)
            || host.endsWith(QLatin1Char('.') + exception.domain))
            return true;
    }
    return false;
}

std::optional<UpstreamProxy> UpstreamProxyRules::proxyFor(const QUrl &url) const
{
    const bool https = url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
    const std::optional<UpstreamProxy> &proxy = https ? m_https : m_http;
    if (!proxy)
        return std::nullopt;
    const QString host = url.host(QUrl::FullyEncoded).toLower();
    if (host == QLatin1String("localhost") || host.endsWith(QLatin1String(".localhost")))
        return std::nullopt;
    const QHostAddress address(host);
    if (!address.isNull() && address.isLoopback())
        return std::nullopt;
    if (isException(url))
        return std::nullopt;
    return proxy;
}

QString UpstreamProxyRules::describe() const
{
    if (isEmpty())
        return QStringLiteral("no proxy");
    QStringList parts;
    if (m_https)
        parts.append(QStringLiteral("https via %1").arg(m_https->displayText()));
    if (m_http)
        parts.append(QStringLiteral("http via %1").arg(m_http->displayText()));
    if (!m_noProxyText.isEmpty())
        parts.append(QStringLiteral("not for: %1").arg(m_noProxyText));
    return parts.join(QStringLiteral("; "));
}

bool UpstreamProxyRules::operator==(const UpstreamProxyRules &other) const
{
    return m_http == other.m_http && m_https == other.m_https && m_exceptions == other.m_exceptions
        && m_noProxyForAll == other.m_noProxyForAll;
}
