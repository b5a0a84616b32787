#include "ReceivedRequest.h"

ReceivedRequest ReceivedRequest::fromMessage(HttpRequestMessage message)
{
    ReceivedRequest request;
    request.method = std::move(message.method);
    request.path = std::move(message.target);
    request.version = std::move(message.version);
    request.headers = std::move(message.headers);
    request.body = std::move(message.body);
    return request;
}

QByteArray ReceivedRequest::header(const QByteArray &name) const
{
    for (const Header &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

bool ReceivedRequest::hasHeader(const QByteArray &name) const
{
    for (const Header &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QList<QByteArray> ReceivedRequest::headerValues(const QByteArray &name) const
{
    QList<QByteArray> values;
    for (const Header &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            values.append(header.second);
    }
    return values;
}

QByteArray ReceivedRequest::pathWithoutQuery() const
{
    const qsizetype query = path.indexOf('?');
    return query < 0 ? path : path.left(query);
}
