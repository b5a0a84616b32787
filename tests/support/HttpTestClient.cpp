#include "HttpTestClient.h"

#include "FakeUpstream.h"

#include <QCoreApplication>
#include <QJsonDocument>

QByteArray TestHttpResponse::header(QByteArrayView name) const
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

QJsonObject TestHttpResponse::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QString TestHttpResponse::errorType() const
{
    return json().value(QStringLiteral("error")).toObject().value(QStringLiteral("type")).toString();
}

QList<QByteArray> TestHttpResponse::eventNames() const
{
    QList<QByteArray> names;
    for (const TimedEvent &timed : events)
        names.append(timed.event.name);
    return names;
}

HttpTestClient::HttpTestClient(quint16 port, const QHostAddress &address)
    : m_port(port)
    , m_address(address)
{
}

HttpTestClient::~HttpTestClient()
{
    m_socket.abort();
}

bool HttpTestClient::ensureConnected()
{
    if (m_socket.state() == QAbstractSocket::ConnectedState)
        return true;
    m_socket.abort();
    m_socket.connectToHost(m_address, m_port);
    if (!m_socket.waitForConnected(5000))
        return false;
    m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    ++m_connectionsOpened;
    return true;
}

bool HttpTestClient::isConnected() const
{
    return m_socket.state() == QAbstractSocket::ConnectedState;
}

void HttpTestClient::abort()
{
    m_socket.abort();
}

void HttpTestClient::send(
    const QByteArray &method, const QByteArray &path, const HttpHeaderList &headers, const QByteArray &body)
{
    QByteArray request = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_port) + "\r\n";
    bool hasContentType = false;
    for (const auto &header : headers) {
        request += header.first + ": " + header.second + "\r\n";
        hasContentType = hasContentType || header.first.compare("content-type", Qt::CaseInsensitive) == 0;
    }
    if (!body.isEmpty() && !hasContentType)
        request += "Content-Type: application/json\r\n";
    if (!body.isEmpty() || method == "POST")
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    request += "\r\n";
    request += body;
    sendRaw(request);
}

void HttpTestClient::sendRaw(const QByteArray &bytes)
{
    m_parser.reset();
    m_sse.reset();
    m_response = TestHttpResponse();
    if (!ensureConnected()) {
        m_response.error = QStringLiteral("cannot connect to 127.0.0.1:%1").arg(m_port);
        m_response.connectionClosed = true;
        return;
    }
    m_socket.write(bytes);
    m_socket.flush();
}

void HttpTestClient::readAvailable()
{
    QByteArray data = m_socket.readAll();
    if (data.isEmpty())
        return;
    const qint64 now = FakeUpstream::nowUs();
    QByteArrayView rest(data);
    while (!rest.isEmpty() && !m_parser.isComplete() && !m_parser.hasError()) {
        QByteArray body;
        const bool hadHeaders = m_parser.headersComplete();
        const qsizetype used = m_parser.feed(rest, body);
        rest = rest.sliced(used);
        if (!hadHeaders && m_parser.headersComplete()) {
            m_response.status = m_parser.statusCode();
            m_response.headers = m_parser.headers();
            m_response.headersAtUs = now;
        }
        if (!body.isEmpty()) {
            m_response.body += body;
            std::vector<SseEvent> events;
            m_sse.feed(body, events);
            for (SseEvent &event : events)
                m_response.events.append({std::move(event), now});
        }
        if (used == 0 && body.isEmpty() && !m_parser.isComplete())
            break;
    }
    if (m_parser.hasError())
        m_response.error = m_parser.errorString();
    if (m_parser.isComplete())
        m_response.complete = true;
}

const TestHttpResponse &HttpTestClient::readUntil(
    const std::function<bool(const TestHttpResponse &)> &done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!m_response.complete && !done(m_response) && m_response.error.isEmpty()) {
        const qint64 left = timeoutMs - timer.elapsed();
        if (left <= 0) {
            m_response.error = QStringLiteral("timed out after %1 ms").arg(timeoutMs);
            break;
        }
        if (m_socket.bytesAvailable() == 0 && !m_socket.waitForReadyRead(int(qMin<qint64>(left, 50)))) {
            if (m_socket.state() != QAbstractSocket::ConnectedState) {
                readAvailable();
                m_response.connectionClosed = true;
                if (!m_response.complete && m_parser.finishAtEof())
                    m_response.complete = true;
                break;
            }
            continue;
        }
        readAvailable();
    }
    if (m_response.complete && m_socket.state() != QAbstractSocket::ConnectedState)
        m_response.connectionClosed = true;
    return m_response;
}

const TestHttpResponse &HttpTestClient::readToEnd(int timeoutMs)
{
    return readUntil([](const TestHttpResponse &) { return false; }, timeoutMs);
}

TestHttpResponse HttpTestClient::request(const QByteArray &method, const QByteArray &path,
    const HttpHeaderList &headers, const QByteArray &body, int timeoutMs)
{
    send(method, path, headers, body);
    if (!m_response.error.isEmpty())
        return m_response;
    return readToEnd(timeoutMs);
}

TestHttpResponse HttpTestClient::post(
    const QByteArray &path, const QByteArray &body, const HttpHeaderList &headers, int timeoutMs)
{
    return request("POST", path, headers, body, timeoutMs);
}

TestHttpResponse HttpTestClient::get(const QByteArray &path, const HttpHeaderList &headers, int timeoutMs)
{
    return request("GET", path, headers, {}, timeoutMs);
}
