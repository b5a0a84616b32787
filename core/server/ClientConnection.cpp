#include "server/ClientConnection.h"

#include "common/Logging.h"
#include "common/SocketWrite.h"
#include "common/SteadyClock.h"
#include "protocol/ApiError.h"
#include "server/ClientResponse.h"

#include <QTcpSocket>

namespace {

constexpr int kDrainMs = 2000;

// The path of an origin-form ("/v1/messages?beta=true") or absolute-form ("http://host/v1/messages") target.
QByteArrayView pathAndQuery(QByteArrayView target)
{
    if (target.startsWith("http://") || target.startsWith("https://")) {
        const qsizetype authority = target.indexOf("://") + 3;
        const qsizetype slash = target.indexOf('/', authority);
        return slash < 0 ? QByteArrayView("/") : target.sliced(slash);
    }
    return target;
}

} // namespace

ClientConnection::ClientConnection(QTcpSocket *socket, const ConnectionLimits &limits, Dispatcher dispatcher)
    : QObject(socket)
    , m_socket(socket)
    , m_limits(limits)
    , m_dispatcher(std::move(dispatcher))
    , m_peerAddress(socket->peerAddress())
{
    m_parser.setMaxHeaderBytes(limits.maxHeaderBytes);
    m_parser.setMaxBodyBytes(limits.maxRequestBodyBytes);
    socket->setReadBufferSize(kSocketReadBufferBytes);
    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, &ClientConnection::onIdleTimeout);
    connect(socket, &QTcpSocket::readyRead, this, &ClientConnection::onReadyRead);
    armIdleTimer();
}

ClientConnection::~ClientConnection() = default;

void ClientConnection::armIdleTimer()
{
    if (m_limits.keepAliveIdleMs > 0)
        m_idleTimer.start(m_limits.keepAliveIdleMs);
}

void ClientConnection::onIdleTimeout()
{
    if (m_rejected || !isBusy()) {
        // Idle between requests, a request that started arriving and then stalled for the whole idle time, or
        // the end of the drain after an error answer.
        qCDebug(lcServer) << "closing idle client connection";
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
    if (m_rejected) {
        // Discard what the client still sends after the error answer.
        const qint64 available = m_socket->bytesAvailable();
        m_socket->skip(available);
        m_drainRemaining -= available;
        if (m_drainRemaining <= 0)
            m_socket->disconnectFromHost();
        return;
    }
    if (!isBusy())
        m_idleTimer.stop();
    readSocket();
}

void ClientConnection::readSocket()
{
    // Requests read ahead are bounded: the rest stays in the socket until an answer is finished.
    if (m_closing || m_waiting.size() >= kMaxWaitingRequests)
        return;
    const qint64 available = m_socket->bytesAvailable();
    if (available > 0) {
        char *into = m_parser.prepareWrite(qsizetype(available));
        const qint64 read = m_socket->read(into, available);
        m_parser.commitWrite(qsizetype(qMax<qint64>(0, read)));
    }
    parseBuffered();
}

void ClientConnection::parseBuffered()
{
    while (!m_rejected && !m_closing && m_waiting.size() < kMaxWaitingRequests) {
        switch (m_parser.parse()) {
        case HttpRequestParser::Result::NeedMore:
            return;
        case HttpRequestParser::Result::HeadComplete:
            // Only between answers: a 100 written now would land inside the answer being streamed.
            if (m_parser.expectsContinue() && m_parser.bufferedBytes() == 0 && !isBusy() && m_waiting.empty())
                SocketWrite::writeNow(m_socket, "HTTP/1.1 100 Continue\r\n\r\n");
            break;
        case HttpRequestParser::Result::MessageComplete: {
            const bool keepAlive = m_parser.keepAlive();
            IncomingRequest request = toIncomingRequest(m_parser.takeRequest());
            request.closeAfterResponse = !keepAlive;
            m_closing = !keepAlive;
            m_waiting.push_back(std::move(request));
            if (!isBusy())
                dispatchNext();
            break;
        }
        case HttpRequestParser::Result::Error:
            rejectMalformed();
            return;
        }
    }
}

IncomingRequest ClientConnection::toIncomingRequest(HttpRequestMessage message) const
{
    IncomingRequest request;
    request.receivedAtUs = SteadyClock::nowUs();
    request.method = std::move(message.method);
    const QByteArrayView target = pathAndQuery(message.target);
    const qsizetype question = target.indexOf('?');
    const QByteArrayView rawPath = question < 0 ? target : target.first(question);
    if (question >= 0)
        request.query = target.sliced(question + 1).toByteArray();
    request.path = rawPath.contains('%') ? QString::fromUtf8(QByteArray::fromPercentEncoding(rawPath.toByteArray()))
                                         : QString::fromUtf8(rawPath);
    request.headers = std::move(message.headers);
    for (auto &header : request.headers)
        header.first = std::move(header.first).toLower();
    request.body = std::move(message.body);
    request.peerAddress = m_peerAddress;
    return request;
}

void ClientConnection::rejectMalformed()
{
    const int status = m_parser.errorStatus();
    const QString reason = QString::fromLatin1(m_parser.errorReason());
    switch (status) {
    case 413:
        if (m_parser.announcedBodyBytes() > m_limits.maxRequestBodyBytes) {
            m_drainRemaining = m_parser.announcedBodyBytes();
            reject(status,
                QStringLiteral("Request body of %1 bytes is larger than the limit of %2 bytes.")
                    .arg(m_parser.announcedBodyBytes())
                    .arg(m_limits.maxRequestBodyBytes));
        } else {
            reject(status,
                QStringLiteral("Request body is larger than the limit of %1 bytes.").arg(m_limits.maxRequestBodyBytes));
        }
        break;
    case 431:
        reject(status, QStringLiteral("Request headers are larger than %1 bytes.").arg(m_limits.maxHeaderBytes));
        break;
    default:
        reject(status, QStringLiteral("Malformed HTTP request: %1.").arg(reason));
        break;
    }
}

void ClientConnection::reject(int status, const QString &message)
{
    qCInfo(lcServer).noquote() << "rejecting request from" << m_peerAddress.toString() << "with" << status << message;
    m_rejected = true;
    m_waiting.clear();
    m_idleTimer.stop();
    const ApiError error(ApiError::typeForStatus(status), message, status);
    const QByteArray body = error.toJson();
    const QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + ClientResponse::reasonPhrase(status)
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\nConnection: close\r\n\r\n" + body;
    m_socket->write(response);
    m_socket->flush();
    // Keep reading (and discarding) for a short while so the client can read the answer before the close;
    // closing with unread data would reset the connection and could destroy the answer in flight.
    if (m_drainRemaining <= 0)
        m_drainRemaining = 64LL * 1024 * 1024;
    m_idleTimer.start(kDrainMs);
    if (m_socket->bytesAvailable() > 0)
        onReadyRead();
}

void ClientConnection::dispatchNext()
{
    if (m_waiting.empty() || isBusy() || m_rejected)
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
        m_closing = true;
        m_socket->disconnectFromHost();
        return;
    }
    if (!m_waiting.empty() || m_parser.bufferedBytes() > 0 || m_socket->bytesAvailable() > 0) {
        // Continue with the next pipelined request once control returns to the event loop.
        QMetaObject::invokeMethod(
            this,
            [this] {
                dispatchNext();
                if (!isBusy() && !m_rejected)
                    readSocket();
            },
            Qt::QueuedConnection);
        return;
    }
    armIdleTimer();
}
