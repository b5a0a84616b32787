#include "server/ClientConnection.h"

#include "common/Logging.h"
#include "protocol/ApiError.h"
#include "server/ClientResponse.h"

#include <QTcpSocket>
#include <cstring>

namespace {

constexpr char kHeadTerminator[] = "\r\n\r\n";
constexpr int kDrainMs = 2000;
constexpr qint64 kFirstHeadWindow = 4096;

QByteArrayView trimmed(QByteArrayView value)
{
    while (!value.isEmpty() && (value.front() == ' ' || value.front() == '\t'))
        value = value.sliced(1);
    while (!value.isEmpty() && (value.back() == ' ' || value.back() == '\t' || value.back() == '\r'))
        value.chop(1);
    return value;
}

bool containsToken(QByteArrayView value, QByteArrayView token)
{
    const QByteArray lower = value.toByteArray().toLower();
    for (const QByteArray &part : lower.split(',')) {
        if (trimmed(part) == token)
            return true;
    }
    return false;
}

} // namespace

ClientConnection::ClientConnection(QTcpSocket *socket, const ConnectionLimits &limits, Dispatcher dispatcher)
    : QObject(socket)
    , m_socket(socket)
    , m_limits(limits)
    , m_dispatcher(std::move(dispatcher))
{
    setObjectName(QStringLiteral("ClientConnection"));
    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, &ClientConnection::onIdleTimeout);
    // Connected before QHttpServer connects its own slot, so this one runs first on every readyRead.
    connect(socket, &QTcpSocket::readyRead, this, &ClientConnection::onReadyRead);
    armIdleTimer();
}

ClientConnection::~ClientConnection() = default;

ClientConnection *ClientConnection::of(QTcpSocket *socket)
{
    return socket
        ? socket->findChild<ClientConnection *>(QStringLiteral("ClientConnection"), Qt::FindDirectChildrenOnly)
        : nullptr;
}

void ClientConnection::armIdleTimer()
{
    if (m_limits.keepAliveIdleMs > 0)
        m_idleTimer.start(m_limits.keepAliveIdleMs);
}

void ClientConnection::onIdleTimeout()
{
    if (m_rejected) {
        m_socket->disconnectFromHost();
        return;
    }
    if (!isBusy() && m_waiting.empty() && m_state == State::AwaitingHead && m_head.isEmpty()) {
        qCDebug(lcServer) << "closing idle client connection";
        m_socket->disconnectFromHost();
    } else if (!isBusy()) {
        // A request that started arriving and then stalled for the whole idle time.
        m_socket->disconnectFromHost();
    }
}

bool ClientConnection::closeIfIdle()
{
    if (isBusy() || !m_waiting.empty())
        return false;
    m_socket->disconnectFromHost();
    return true;
}

void ClientConnection::onReadyRead()
{
    qint64 available = m_socket->bytesAvailable();
    if (available <= 0)
        return;

    if (m_rejected) {
        // Discard what the client still sends after the error answer, so QHttpServer never sees it.
        m_socket->read(available);
        m_drainRemaining -= available;
        if (m_drainRemaining <= 0)
            m_socket->disconnectFromHost();
        return;
    }

    if (!isBusy())
        m_idleTimer.stop();

    // Walk the new bytes: heads are examined (peeked, never consumed), bodies are only counted.
    qint64 offset = 0;
    while (offset < available && !m_rejected) {
        switch (m_state) {
        case State::AwaitingHead: {
            // A small window first: a head is usually about 1 KB and the body that follows it is only counted.
            const qint64 limit = qint64(m_limits.maxHeaderBytes) + 4;
            const qint64 windowLength = qMin(available - offset, m_head.isEmpty() ? kFirstHeadWindow : limit);
            const QByteArray window = m_socket->peek(offset + windowLength);
            if (window.size() <= offset) {
                offset = available;
                break;
            }
            qint64 consumed = 0;
            scanHead(window.constData() + offset, window.size() - offset, &consumed);
            offset += qMax<qint64>(consumed, 1);
            break;
        }
        case State::InBody: {
            const qint64 take = qMin(m_bodyRemaining, available - offset);
            m_bodyRemaining -= take;
            offset += take;
            if (m_bodyRemaining == 0)
                m_state = State::AwaitingHead;
            break;
        }
        case State::InChunkedBody: {
            m_bodySeen += available - offset;
            offset = available;
            // Chunk framing adds a few bytes per chunk: allow for it before deciding the body is too large.
            if (m_bodySeen > m_limits.maxRequestBodyBytes + m_limits.maxRequestBodyBytes / 8 + 4096) {
                reject(413,
                    QStringLiteral("Request body is larger than the limit of %1 bytes.")
                        .arg(m_limits.maxRequestBodyBytes));
            }
            break;
        }
        }
    }
    if (m_rejected) {
        // Take the bytes away from QHttpServer too.
        m_socket->read(m_socket->bytesAvailable());
    }
}

// Looks for the end of a request head in `data`; on finding it, applies the limits and switches to the
// body state. `consumed` is how many bytes of `data` belong to the head.
bool ClientConnection::scanHead(const char *data, qint64 length, qint64 *consumed)
{
    // The blank line ending the head may straddle what was seen before and these bytes.
    qint64 end = -1; // index in `data` just past the terminator
    const qsizetype carried = qMin<qsizetype>(m_head.size(), 3);
    if (carried > 0) {
        const QByteArray seam = m_head.right(carried) + QByteArray(data, int(qMin<qint64>(length, 3)));
        const qsizetype at = seam.indexOf(QByteArrayView(kHeadTerminator, 4));
        if (at >= 0)
            end = at + 4 - carried;
    }
    if (end < 0) {
        const qsizetype at = QByteArrayView(data, length).indexOf(QByteArrayView(kHeadTerminator, 4));
        if (at >= 0)
            end = at + 4;
    }
    if (end < 0) {
        // No end yet: everything here belongs to the head (up to the limit).
        const qint64 room = qint64(m_limits.maxHeaderBytes) + 4 - m_head.size();
        const qint64 take = qMin(length, qMax<qint64>(room, 0));
        m_head.append(data, take);
        *consumed = length;
        if (m_head.size() > m_limits.maxHeaderBytes) {
            reject(431, QStringLiteral("Request headers are larger than %1 bytes.").arg(m_limits.maxHeaderBytes));
        }
        return false;
    }
    *consumed = end;
    if (m_head.size() + end > qint64(m_limits.maxHeaderBytes) + 4) {
        reject(431, QStringLiteral("Request headers are larger than %1 bytes.").arg(m_limits.maxHeaderBytes));
        return true;
    }
    m_head.append(data, end);
    const qsizetype headLength = m_head.size();

    // Parse the parts of the head this guard needs.
    const QByteArray head = m_head.left(headLength);
    m_head.clear();
    const QList<QByteArray> lines = head.split('\n');
    const QByteArray requestLine = lines.value(0).trimmed();
    const bool http10 = requestLine.endsWith("HTTP/1.0");
    qint64 contentLength = 0;
    bool chunked = false;
    bool expectContinue = false;
    bool connectionClose = false;
    bool connectionKeepAlive = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArrayView value = trimmed(QByteArrayView(line).sliced(colon + 1));
        if (name == "content-length") {
            bool ok = false;
            contentLength = value.toLongLong(&ok);
            if (!ok || contentLength < 0) {
                reject(400, QStringLiteral("Invalid Content-Length header."));
                return true;
            }
        } else if (name == "transfer-encoding") {
            chunked = containsToken(value, "chunked");
        } else if (name == "expect") {
            expectContinue = containsToken(value, "100-continue");
        } else if (name == "connection") {
            connectionClose = containsToken(value, "close");
            connectionKeepAlive = containsToken(value, "keep-alive");
        }
    }

    HeadInfo info;
    info.closeAfterResponse = connectionClose || (http10 && !connectionKeepAlive);
    m_heads.push_back(info);

    if (contentLength > m_limits.maxRequestBodyBytes) {
        m_drainRemaining = contentLength;
        reject(413,
            QStringLiteral("Request body of %1 bytes is larger than the limit of %2 bytes.")
                .arg(contentLength)
                .arg(m_limits.maxRequestBodyBytes));
        return true;
    }
    if (expectContinue)
        m_socket->write(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));

    if (chunked) {
        m_state = State::InChunkedBody;
        m_bodySeen = 0;
    } else if (contentLength > 0) {
        m_state = State::InBody;
        m_bodyRemaining = contentLength;
    } else {
        m_state = State::AwaitingHead;
    }
    return true;
}

void ClientConnection::reject(int status, const QString &message)
{
    qCInfo(lcServer).noquote() << "rejecting request from" << m_socket->peerAddress().toString() << "with" << status
                               << message;
    m_rejected = true;
    m_idleTimer.stop();
    const ApiError error(ApiError::typeForStatus(status), message, status);
    const QByteArray body = error.toJson();
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + ClientResponse::reasonPhrase(status)
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\nConnection: close\r\n\r\n" + body;
    m_socket->write(response);
    m_socket->flush();
    // Keep reading (and discarding) for a short while so the client can read the answer before the close;
    // closing with unread data would reset the connection and could destroy the answer in flight.
    if (m_drainRemaining <= 0)
        m_drainRemaining = 64LL * 1024 * 1024;
    m_idleTimer.start(kDrainMs);
}

void ClientConnection::requestParsed(IncomingRequest request)
{
    if (m_rejected)
        return;
    if (!m_heads.empty()) {
        request.closeAfterResponse = m_heads.front().closeAfterResponse;
        m_heads.pop_front();
    }
    if (m_state == State::InChunkedBody)
        m_state = State::AwaitingHead;
    m_waiting.push_back(std::move(request));
    if (!isBusy())
        dispatchNext();
}

void ClientConnection::dispatchNext()
{
    if (m_waiting.empty() || isBusy())
        return;
    IncomingRequest next = std::move(m_waiting.front());
    m_waiting.pop_front();
    m_idleTimer.stop();
    m_dispatcher(this, std::move(next));
}

void ClientConnection::responseStarted(ClientResponse *response)
{
    m_activeResponse = response;
}

void ClientConnection::responseFinished(ClientResponse *response, bool closeConnection)
{
    if (m_activeResponse == response)
        m_activeResponse = nullptr;
    if (closeConnection) {
        m_waiting.clear();
        m_socket->disconnectFromHost();
        return;
    }
    if (!m_waiting.empty()) {
        // Continue with the next pipelined request once control returns to the event loop.
        QMetaObject::invokeMethod(this, &ClientConnection::dispatchNext, Qt::QueuedConnection);
        return;
    }
    armIdleTimer();
}
