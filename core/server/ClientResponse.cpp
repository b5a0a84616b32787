#include "server/ClientResponse.h"

#include "common/Logging.h"
#include "common/SocketWrite.h"
#include "common/SteadyClock.h"
#include "protocol/ApiError.h"
#include "server/ClientConnection.h"

#include <QTcpSocket>

namespace {

bool isFramingHeader(const QByteArray &name)
{
    return name.compare("content-length", Qt::CaseInsensitive) == 0
        || name.compare("transfer-encoding", Qt::CaseInsensitive) == 0
        || name.compare("connection", Qt::CaseInsensitive) == 0 || name.compare("keep-alive", Qt::CaseInsensitive) == 0;
}

} // namespace

ClientResponse::ClientResponse(ClientConnection *connection, bool closeAfterResponse, QObject *parent)
    : QObject(parent)
    , m_socket(connection ? connection->socket() : nullptr)
    , m_connection(connection)
    , m_closeAfterResponse(closeAfterResponse)
{
    if (!m_socket) {
        m_disconnected = true;
        return;
    }
    connection->responseStarted(this);
    connect(m_socket, &QTcpSocket::disconnected, this, &ClientResponse::onDisconnected);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &ClientResponse::onBytesWritten);
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        m_disconnected = true;
}

ClientResponse::~ClientResponse()
{
    if (!m_finished && m_socket && !m_disconnected) {
        // A response abandoned half-way must not leave the client waiting forever.
        qCWarning(lcServer) << "response destroyed before it was finished; closing the client connection";
        m_socket->abort();
    }
    if (m_connection && !m_finished)
        m_connection->responseFinished(this, true);
}

QByteArray ClientResponse::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return QByteArrayLiteral("Continue");
    case 200:
        return QByteArrayLiteral("OK");
    case 201:
        return QByteArrayLiteral("Created");
    case 204:
        return QByteArrayLiteral("No Content");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 402:
        return QByteArrayLiteral("Payment Required");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 408:
        return QByteArrayLiteral("Request Timeout");
    case 409:
        return QByteArrayLiteral("Conflict");
    case 413:
        return QByteArrayLiteral("Payload Too Large");
    case 422:
        return QByteArrayLiteral("Unprocessable Entity");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 501:
        return QByteArrayLiteral("Not Implemented");
    case 502:
        return QByteArrayLiteral("Bad Gateway");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    case 504:
        return QByteArrayLiteral("Gateway Timeout");
    case 529:
        return QByteArrayLiteral("Overloaded");
    default:
        return QByteArrayLiteral("Status");
    }
}

bool ClientResponse::isClientConnected() const
{
    return m_socket && !m_disconnected && m_socket->state() == QAbstractSocket::ConnectedState;
}

qint64 ClientResponse::bytesWaitingToBeSent() const
{
    return (m_socket ? m_socket->bytesToWrite() : 0) + m_waitingToBeWritten.size();
}

void ClientResponse::writeHead(int status, const HttpHeaderList &headers, QByteArray &out) const
{
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto &header : headers) {
        if (isFramingHeader(header.first))
            continue;
        out += header.first + ": " + header.second + "\r\n";
    }
    if (m_closeAfterResponse)
        out += "Connection: close\r\n";
}

void ClientResponse::write(const QByteArray &bytes, Flush flush)
{
    if (!isClientConnected())
        return;
    if (m_firstByteAtUs < 0)
        m_firstByteAtUs = SteadyClock::nowUs();
    m_waitingToBeWritten += bytes;
    if (flush == Flush::Now) {
        // To the kernel now instead of on the next event-loop pass, behind anything still waiting.
        writeWaiting();
    } else if (!m_flushQueued) {
        // Events parsed from one upstream read are written together: one system call for all of them, made as
        // soon as control returns to the event loop.
        m_flushQueued = true;
        QMetaObject::invokeMethod(this, &ClientResponse::writeWaiting, Qt::QueuedConnection);
    }
    if (!m_wasCongested && isCongested())
        m_wasCongested = true;
}

void ClientResponse::writeWaiting()
{
    m_flushQueued = false;
    if (m_waitingToBeWritten.isEmpty() || !isClientConnected())
        return;
    SocketWrite::writeNow(m_socket, m_waitingToBeWritten);
    m_waitingToBeWritten.clear();
    // What the kernel took at once emits no bytesWritten().
    onBytesWritten();
}

void ClientResponse::send(int status, const HttpHeaderList &headers, const QByteArray &body)
{
    if (m_finished || hasStarted())
        return;
    m_status = status;
    QByteArray out;
    out.reserve(256 + body.size());
    writeHead(status, headers, out);
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    out += body;
    write(out, Flush::Now);
    finish();
}

void ClientResponse::sendJson(int status, const QByteArray &json, const HttpHeaderList &extraHeaders)
{
    HttpHeaderList headers {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    headers += extraHeaders;
    send(status, headers, json);
}

void ClientResponse::sendError(const ApiError &error, const HttpHeaderList &extraHeaders)
{
    sendJson(error.httpStatus(), error.toJson(), extraHeaders);
}

void ClientResponse::beginStream(int status, const HttpHeaderList &headers)
{
    if (m_finished || hasStarted())
        return;
    m_status = status;
    m_streaming = true;
    QByteArray out;
    writeHead(status, headers, out);
    out += "Transfer-Encoding: chunked\r\n\r\n";
    write(out, Flush::Soon);
}

void ClientResponse::writeChunk(const QByteArray &data)
{
    if (!m_streaming || m_finished || data.isEmpty())
        return;
    QByteArray out;
    out.reserve(data.size() + 16);
    out += QByteArray::number(data.size(), 16) + "\r\n";
    out += data;
    out += "\r\n";
    write(out, Flush::Soon);
}

void ClientResponse::endStream()
{
    if (!m_streaming || m_finished)
        return;
    write(QByteArrayLiteral("0\r\n\r\n"), Flush::Now);
    finish();
}

void ClientResponse::finish()
{
    m_finished = true;
    if (m_connection)
        m_connection->responseFinished(this, m_closeAfterResponse || m_disconnected);
}

void ClientResponse::onDisconnected()
{
    if (m_disconnected)
        return;
    m_disconnected = true;
    if (!m_finished)
        Q_EMIT clientDisconnected();
}

void ClientResponse::onBytesWritten()
{
    if (m_wasCongested && bytesWaitingToBeSent() < kLowWaterBytes) {
        m_wasCongested = false;
        Q_EMIT drained();
    }
}
