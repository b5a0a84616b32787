#include "upstream/HttpRequestSerializer.h"

#include <QList>

namespace {

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && qstrnicmp(a.data(), a.size(), b.data(), b.size()) == 0;
}

bool startsWithIgnoringCase(QByteArrayView text, QByteArrayView prefix)
{
    return text.size() >= prefix.size() && equalsIgnoringCase(text.first(prefix.size()), prefix);
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!alnum && !QByteArrayView("!#$%&'*+-.^_`|~").contains(c))
            return false;
    }
    return true;
}

bool isSafeValue(QByteArrayView value)
{
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7F)
            return false;
    }
    return true;
}

// The names listed in the caller's Connection header(s): hop-by-hop by declaration (RFC 9110 7.6.1).
QList<QByteArray> connectionOptions(const HttpHeaderList &headers)
{
    QList<QByteArray> names;
    for (const auto &header : headers) {
        if (!equalsIgnoringCase(header.first, "connection"))
            continue;
        for (const QByteArray &element : header.second.split(',')) {
            const QByteArray name = element.trimmed();
            if (!name.isEmpty())
                names.append(name);
        }
    }
    return names;
}

} // namespace

bool HttpRequestSerializer::isForwardable(QByteArrayView name)
{
    static constexpr QByteArrayView owned[] = {
        "host",
        "content-length",
        "connection",
        "accept-encoding",
        "transfer-encoding",
        "expect",
        "keep-alive",
        "te",
        "trailer",
        "upgrade",
    };
    for (const QByteArrayView ownedName : owned) {
        if (equalsIgnoringCase(name, ownedName))
            return false;
    }
    return !startsWithIgnoringCase(name, "proxy-");
}

int HttpRequestSerializer::defaultPort(const QUrl &url)
{
    return url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ? 443 : 80;
}

QString HttpRequestSerializer::originKey(const QUrl &url)
{
    const int port = url.port(defaultPort(url));
    return url.scheme().toLower() + QLatin1String("://") + url.host(QUrl::FullyEncoded).toLower() + QLatin1Char(':')
        + QString::number(port);
}

QByteArray HttpRequestSerializer::serializeHead(const UpstreamRequest &request, QString *error)
{
    const QUrl &url = request.url;
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        if (error)
            *error = QStringLiteral("not an http or https URL");
        return QByteArray();
    }
    const QString host = url.host(QUrl::FullyEncoded);
    if (host.isEmpty()) {
        if (error)
            *error = QStringLiteral("URL without a host");
        return QByteArray();
    }
    if (!isToken(request.method)) {
        if (error)
            *error = QStringLiteral("invalid request method");
        return QByteArray();
    }

    QByteArray target = url.path(QUrl::FullyEncoded).toUtf8();
    if (target.isEmpty())
        target = QByteArrayLiteral("/");
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toUtf8();

    QByteArray hostHeader = host.toUtf8();
    if (hostHeader.contains(':'))
        hostHeader = '[' + hostHeader + ']'; // IPv6 literal
    const int port = url.port(-1);
    if (port != -1 && port != defaultPort(url))
        hostHeader += ':' + QByteArray::number(port);

    const QList<QByteArray> declaredHopByHop = connectionOptions(request.headers);
    const bool bodyExpected
        = !request.body.isEmpty() || request.method == "POST" || request.method == "PUT" || request.method == "PATCH";

    QByteArray bytes;
    qsizetype headersSize = 0;
    for (const auto &header : request.headers)
        headersSize += header.first.size() + header.second.size() + 4;
    bytes.reserve(target.size() + headersSize + hostHeader.size() + 128);

    bytes += request.method;
    bytes += ' ';
    bytes += target;
    bytes += " HTTP/1.1\r\nHost: ";
    bytes += hostHeader;
    bytes += "\r\n";
    for (const auto &header : request.headers) {
        if (!isToken(header.first) || !isSafeValue(header.second) || !isForwardable(header.first))
            continue;
        bool declared = false;
        for (const QByteArray &name : declaredHopByHop)
            declared = declared || equalsIgnoringCase(name, header.first);
        if (declared)
            continue;
        bytes += header.first;
        bytes += ": ";
        bytes += header.second.trimmed();
        bytes += "\r\n";
    }
    if (bodyExpected) {
        bytes += "Content-Length: ";
        bytes += QByteArray::number(request.body.size());
        bytes += "\r\n";
    }
    bytes += "Connection: keep-alive\r\nAccept-Encoding: identity\r\n\r\n";
    if (error)
        error->clear();
    return bytes;
}
