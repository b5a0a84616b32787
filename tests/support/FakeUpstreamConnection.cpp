#include "FakeUpstreamConnection.h"

#include "FakeUpstream.h"

#include <QTcpSocket>

#include <charconv>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

namespace {

// Chunk-size line of chunked transfer coding: lower-case hex, CRLF.
void appendChunkSize(QByteArray &out, qsizetype size)
{
    char digits[2 * sizeof(qsizetype) + 2];
    int length = 0;
    do {
        const int nibble = int(size & 0xf);
        digits[length++] = char(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
        size >>= 4;
    } while (size > 0);
    while (length > 0)
        out.append(digits[--length]);
    out.append("\r\n", 2);
}

void appendNumber(QByteArray &out, qint64 value)
{
    char digits[24];
    const std::to_chars_result result = std::to_chars(digits, digits + sizeof(digits), value);
    out.append(digits, qsizetype(result.ptr - digits));
}

} // namespace

FakeUpstreamConnection::FakeUpstreamConnection(QTcpSocket *socket, int index, FakeUpstream *upstream)
    : QObject(upstream)
    , m_socket(socket)
    , m_upstream(upstream)
    , m_index(index)
{
    m_socket->setParent(this);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_parser.setMaxBodyBytes(upstream->m_maxBodyBytes.load());
    m_parser.setMaxHeaderBytes(upstream->m_maxHeaderBytes.load());
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    m_out.reserve(4096);

    connect(&m_timer, &QTimer::timeout, this, [this] { onTimer(); });
    connect(m_socket, &QTcpSocket::readyRead, this, [this] { onReadyRead(); });
    connect(m_socket, &QTcpSocket::disconnected, this, [this] { onDisconnected(); });

    // Bytes may have arrived before the signals were connected.
    if (m_socket->bytesAvailable() > 0)
        QTimer::singleShot(0, this, [this] { onReadyRead(); });
}

FakeUpstreamConnection::~FakeUpstreamConnection()
{
    abortSilently();
}

void FakeUpstreamConnection::abortSilently()
{
    m_finished = true;
    m_timer.stop();
    if (m_socket) {
        QObject::disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
    }
    m_phase = Phase::Closed;
}

void FakeUpstreamConnection::abortConnection()
{
    m_closingByUs = true;
    m_timer.stop();
    m_socket->abort(); // emits disconnected(), which reports the end to the fake
    if (!m_finished)
        onDisconnected();
}

void FakeUpstreamConnection::onReadyRead()
{
    if (m_phase == Phase::Closed || m_phase == Phase::Closing)
        return;
    while (true) {
        const qint64 available = m_socket->bytesAvailable();
        if (available <= 0)
            break;
        char *target = m_parser.prepareWrite(qsizetype(available));
        const qint64 read = m_socket->read(target, available);
        m_parser.commitWrite(qsizetype(qMax<qint64>(0, read)));
        if (read <= 0)
            break;
    }
    if (m_phase == Phase::Idle)
        processInput();
}

void FakeUpstreamConnection::processInput()
{
    while (m_phase == Phase::Idle) {
        switch (m_parser.parse()) {
        case HttpRequestParser::Result::NeedMore:
            return;
        case HttpRequestParser::Result::HeadComplete:
            if (m_parser.expectsContinue() && m_parser.bufferedBytes() == 0) {
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
                m_socket->flush();
            }
            break;
        case HttpRequestParser::Result::MessageComplete:
            handleRequest(ReceivedRequest::fromMessage(m_parser.takeRequest()));
            break;
        case HttpRequestParser::Result::Error:
            answerParseError();
            return;
        }
    }
}

void FakeUpstreamConnection::handleRequest(ReceivedRequest request)
{
    request.receivedAtUs = FakeUpstream::nowUs();
    request.connectionIndex = m_index;
    m_keepAlive = m_parser.keepAlive();
    m_headRequest = request.method == "HEAD";
    m_path = request.path;
    m_upstream->m_pendingResponses.fetch_add(1);
    m_pendingCounted = true;

    m_response = m_upstream->takeResponseFor(request);
    if (m_phase != Phase::Idle)
        return; // a slot connected to requestReceived closed the connection
    if (m_response.delayBeforeHeadersMs > 0) {
        m_phase = Phase::DelayingHead;
        m_timer.start(m_response.delayBeforeHeadersMs);
        return;
    }
    startResponse();
}

void FakeUpstreamConnection::onTimer()
{
    if (m_phase == Phase::DelayingHead) {
        startResponse();
    } else if (m_phase == Phase::Streaming) {
        m_pieceDelayDone = true;
        continueStream();
    }
    if (m_phase == Phase::Idle)
        processInput(); // a pipelined request may be waiting
}

void FakeUpstreamConnection::startResponse()
{
    using Fault = FakeResponse::Fault;
    switch (m_response.fault) {
    case Fault::CloseWithoutResponse:
        closeGracefully();
        return;
    case Fault::ResetWithoutResponse:
        resetConnection();
        return;
    case Fault::Hang:
        m_phase = Phase::Hanging;
        return;
    case Fault::RawBytes:
        m_out.append(m_response.body);
        endPending();
        flushOutput();
        closeGracefully();
        return;
    default:
        break;
    }

    appendHead();
    if (m_response.kind == FakeResponse::Kind::Stream) {
        m_phase = Phase::Streaming;
        m_streamCounted = true;
        m_upstream->m_activeStreams.fetch_add(1);
        m_nextPiece = 0;
        m_pieceDelayDone = false;
        continueStream();
        return;
    }

    if (!m_headRequest)
        m_out.append(m_response.body);
    // The counters change before the last bytes go out, so a client that has its answer sees them settled.
    if (m_response.fault != Fault::HangMidStream)
        endPending();
    flushOutput();
    switch (m_response.fault) {
    case Fault::CloseMidStream:
        closeGracefully();
        return;
    case Fault::ResetMidStream:
        resetConnection();
        return;
    case Fault::HangMidStream:
        m_phase = Phase::Hanging;
        return;
    default:
        finishResponse();
    }
}

void FakeUpstreamConnection::appendHead()
{
    const FakeResponse &response = m_response;
    const bool stream = response.kind == FakeResponse::Kind::Stream;
    const bool closeDelimited = stream && response.framing == FakeResponse::Framing::Close;
    if (closeDelimited || response.closeAfterResponse)
        m_keepAlive = false;

    m_out.append("HTTP/1.1 ", 9);
    appendNumber(m_out, response.status);
    m_out.append(' ');
    if (response.reason.isEmpty())
        m_out.append(FakeResponse::reasonText(response.status));
    else
        m_out.append(response.reason);
    m_out.append("\r\n", 2);
    bool hasLength = false;
    bool hasConnection = false;
    for (const FakeResponse::Header &header : response.headers) {
        if (header.first.compare("content-length", Qt::CaseInsensitive) == 0
            || header.first.compare("transfer-encoding", Qt::CaseInsensitive) == 0)
            hasLength = true;
        else if (header.first.compare("connection", Qt::CaseInsensitive) == 0)
            hasConnection = true;
        m_out.append(header.first);
        m_out.append(": ", 2);
        m_out.append(header.second);
        m_out.append("\r\n", 2);
    }
    if (!hasLength) {
        if (!stream) {
            m_out.append("Content-Length: ", 16);
            appendNumber(m_out, response.body.size());
            m_out.append("\r\n", 2);
        } else if (!closeDelimited) {
            m_out.append("Transfer-Encoding: chunked\r\n", 28);
        }
    }
    if (!hasConnection && !m_keepAlive)
        m_out.append("Connection: close\r\n", 19);
    m_out.append("\r\n", 2);
}

void FakeUpstreamConnection::appendPiece(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return; // an empty chunk would end a chunked body
    if (m_response.framing == FakeResponse::Framing::Chunked) {
        appendChunkSize(m_out, bytes.size());
        m_out.append(bytes);
        m_out.append("\r\n", 2);
    } else {
        m_out.append(bytes);
    }
}

void FakeUpstreamConnection::continueStream()
{
    using Fault = FakeResponse::Fault;
    const QList<FakeResponse::Piece> &pieces = m_response.pieces;
    while (m_nextPiece < pieces.size()) {
        const FakeResponse::Piece &piece = pieces.at(m_nextPiece);
        if (piece.delayBeforeMs > 0 && !m_pieceDelayDone) {
            flushOutput();
            m_timer.start(piece.delayBeforeMs);
            return;
        }
        m_pieceDelayDone = false;
        if (!m_headRequest)
            appendPiece(piece.bytes);
        ++m_nextPiece;
    }

    switch (m_response.fault) {
    case Fault::CloseMidStream:
        endPending();
        flushOutput();
        closeGracefully();
        return;
    case Fault::ResetMidStream:
        endPending();
        flushOutput();
        resetConnection();
        return;
    case Fault::HangMidStream:
        flushOutput();
        m_phase = Phase::Hanging;
        return;
    default:
        break;
    }
    if (m_response.framing == FakeResponse::Framing::Chunked && !m_headRequest)
        m_out.append("0\r\n\r\n", 5);
    endStream();
    endPending();
    flushOutput();
    finishResponse();
}

void FakeUpstreamConnection::finishResponse()
{
    endPending();
    if (!m_keepAlive) {
        closeGracefully();
        return;
    }
    m_phase = Phase::Idle;
}

void FakeUpstreamConnection::flushOutput()
{
    if (m_out.isEmpty())
        return;
    m_socket->write(m_out);
    m_socket->flush();
    m_out.resize(0);
}

void FakeUpstreamConnection::answerParseError()
{
    const int status = m_parser.errorStatus();
    const QByteArray body = "{\"error\":\"" + m_parser.errorReason() + "\"}";
    m_out.append("HTTP/1.1 " + QByteArray::number(status) + ' ' + FakeResponse::reasonPhrase(status)
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\nConnection: close\r\n\r\n" + body);
    flushOutput();
    closeGracefully();
}

void FakeUpstreamConnection::closeGracefully()
{
    m_phase = Phase::Closing;
    m_closingByUs = true;
    m_timer.stop();
    endPending();
    m_socket->disconnectFromHost(); // writes what is buffered, then closes; disconnected() follows
}

void FakeUpstreamConnection::resetConnection()
{
    m_phase = Phase::Closing;
    m_closingByUs = true;
    m_timer.stop();
    endPending();
    // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
    const qintptr descriptor = m_socket->socketDescriptor();
    if (descriptor >= 0) {
        struct linger option;
        option.l_onoff = 1;
        option.l_linger = 0;
#ifdef Q_OS_WIN
        ::setsockopt(
            SOCKET(descriptor), SOL_SOCKET, SO_LINGER, reinterpret_cast<const char *>(&option), sizeof(option));
#else
        ::setsockopt(int(descriptor), SOL_SOCKET, SO_LINGER, &option, sizeof(option));
#endif
    }
    m_socket->abort();
    if (!m_finished)
        onDisconnected();
}

void FakeUpstreamConnection::endStream()
{
    if (m_streamCounted) {
        m_streamCounted = false;
        m_upstream->m_activeStreams.fetch_sub(1);
    }
}

void FakeUpstreamConnection::endPending()
{
    if (m_pendingCounted) {
        m_pendingCounted = false;
        m_upstream->m_pendingResponses.fetch_sub(1);
    }
}

void FakeUpstreamConnection::onDisconnected()
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    const bool clientLeftMidResponse = !m_closingByUs
        && (m_phase == Phase::DelayingHead || m_phase == Phase::Streaming || m_phase == Phase::Hanging);
    m_phase = Phase::Closed;
    endStream();
    endPending();
    if (clientLeftMidResponse)
        m_upstream->noteClientDisconnected(m_path);
    m_upstream->noteConnectionFinished(this);
}
