#include "upstream/UpstreamExchange.h"

#include "common/Logging.h"
#include "common/SocketWrite.h"
#include "upstream/HttpRequestSerializer.h"
#include "upstream/UpstreamClient.h"
#include "upstream/UpstreamConnection.h"

#include <QMetaObject>
#include <QScopeGuard>
#include <QTimerEvent>

namespace {

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && qstrnicmp(a.data(), a.size(), b.data(), b.size()) == 0;
}

} // namespace

UpstreamExchange::UpstreamExchange(UpstreamRequest request, QObject *parent)
    : QObject(parent)
    , m_request(std::move(request))
{
    m_clock.start();
}

UpstreamExchange::~UpstreamExchange()
{
    // Deleting an unfinished exchange aborts it silently; the connection is never pooled again.
    m_done = true;
    discardConnection();
}

QByteArray UpstreamExchange::responseHeader(const QByteArray &lowercaseName) const
{
    for (const auto &header : m_responseHeaders) {
        if (equalsIgnoringCase(header.first, lowercaseName))
            return header.second;
    }
    return QByteArray();
}

QString UpstreamExchange::describeTarget() const
{
    const QString path = m_request.url.path(QUrl::FullyEncoded);
    return QString::fromLatin1(m_request.method) + QLatin1Char(' ') + m_originKey
        + (path.isEmpty() ? QStringLiteral("/") : path)
        + (m_proxy ? QStringLiteral(" via ") + m_proxy->displayText() : QString());
}

void UpstreamExchange::start(UpstreamClient *client)
{
    m_client = client;
    m_clock.start();
    m_starting = true;
    m_originKey = HttpRequestSerializer::originKey(m_request.url);
    m_proxy = client->proxyRules().proxyFor(m_request.url);
    m_poolKey = m_proxy ? m_originKey + QStringLiteral(" via ") + m_proxy->poolKey() : m_originKey;
    QString error;
    m_requestHead = HttpRequestSerializer::serializeHead(m_request, &error);
    if (m_requestHead.isEmpty()) {
        fail(UpstreamFailure::NetworkError, QStringLiteral("invalid request: %1").arg(error));
        m_starting = false;
        return;
    }
    m_parser.setHeadRequest(m_request.method == "HEAD");
    if (m_request.timeouts.totalMs > 0)
        m_totalTimer.start(m_request.timeouts.totalMs, Qt::CoarseTimer, this);
    qCDebug(lcUpstream).noquote() << "send" << describeTarget() << "body" << m_request.body.size() << "bytes";
    startAttempt(true);
    m_starting = false;
}

void UpstreamExchange::startAttempt(bool allowReuse)
{
    UpstreamClient *client = m_client;
    if (!client) {
        fail(UpstreamFailure::NetworkError, QStringLiteral("the upstream client was deleted"));
        return;
    }
    if (allowReuse) {
        if (UpstreamConnection *pooled = client->takeIdleConnection(m_poolKey)) {
            m_reusedConnection = true;
            bindConnection(pooled);
            m_connectedAtUs = elapsedUs();
            writeRequest();
            return;
        }
    }
    m_reusedConnection = false;
    UpstreamConnection *connection = client->openConnection(m_request.url, m_poolKey, m_proxy, this);
    bindConnection(connection);
    if (m_request.timeouts.connectMs > 0)
        m_connectTimer.start(m_request.timeouts.connectMs, Qt::CoarseTimer, this);
    connection->open(); // may report an error at once (handled like any other)
}

void UpstreamExchange::bindConnection(UpstreamConnection *connection)
{
    m_connection = connection;
    connection->setParent(this);
    connection->attach(this);
}

void UpstreamExchange::handleConnectionReady()
{
    if (m_done || !m_connection)
        return;
    m_connectTimer.stop();
    m_connectedAtUs = elapsedUs();
    writeRequest();
}

void UpstreamExchange::writeRequest()
{
    UpstreamConnection *connection = m_connection;
    QAbstractSocket *socket = connection->socket();
    connection->countRequest();
    m_requestIssued = true;
    if (m_request.timeouts.firstByteMs > 0 && !m_paused)
        m_firstByteTimer.start(m_request.timeouts.firstByteMs, Qt::CoarseTimer, this);
    // Head and body in one gathered write, pushed to the kernel at once (TCP_NODELAY is set on the socket).
    const bool accepted = SocketWrite::writeNow(socket, m_requestHead, m_request.body);
    if (m_done || m_connection != connection)
        return; // the write reported an error synchronously, handled already
    if (!accepted) {
        fail(UpstreamFailure::NetworkError, QStringLiteral("cannot write the request: %1").arg(socket->errorString()));
        return;
    }
    handleBytesWritten();
}

void UpstreamExchange::handleBytesWritten()
{
    if (m_done || !m_connection || m_requestWrittenAtUs >= 0)
        return;
    if (m_requestIssued && m_connection->bytesToWrite() == 0)
        markRequestWritten();
}

void UpstreamExchange::markRequestWritten()
{
    m_requestWrittenAtUs = elapsedUs();
}

void UpstreamExchange::handleReadyRead()
{
    processIncoming();
}

void UpstreamExchange::handleSocketError(QAbstractSocket::SocketError error)
{
    if (m_done || !m_connection)
        return;
    if (error == QAbstractSocket::RemoteHostClosedError) {
        // Also what Qt reports for a connection reset. Deliver what is buffered first: for a body that
        // ends at close, this is the normal end.
        handleDisconnected();
        return;
    }
    QAbstractSocket *socket = m_connection->socket();
    const QString socketText = socket->errorString();
    // With a proxy, the proxy reports the origin's DNS and connection failures (an HTTP proxy as a status code).
    const QString proxyText = m_proxy ? m_proxy->displayText() : QString();
    const QString throughProxy = m_proxy ? QStringLiteral(" (reported by the proxy %1)").arg(proxyText) : QString();
    if (m_proxy && error == QAbstractSocket::SocketAccessError)
        error = QAbstractSocket::ProxyConnectionRefusedError; // what Qt reports for an HTTP proxy's 403 to CONNECT
    UpstreamFailure failure = UpstreamFailure::NetworkError;
    QString message;
    switch (error) {
    case QAbstractSocket::HostNotFoundError:
        failure = UpstreamFailure::HostNotFound;
        message = QStringLiteral("host not found: %1%2").arg(m_request.url.host(), throughProxy);
        break;
    case QAbstractSocket::ConnectionRefusedError:
        failure = UpstreamFailure::ConnectionRefused;
        message = QStringLiteral("connection refused by %1%2").arg(m_originKey, throughProxy);
        break;
    case QAbstractSocket::ProxyConnectionRefusedError:
        failure = UpstreamFailure::ConnectionRefused;
        message
            = QStringLiteral("the proxy %1 refused the connection to %2: %3").arg(proxyText, m_originKey, socketText);
        break;
    case QAbstractSocket::ProxyNotFoundError:
        failure = UpstreamFailure::HostNotFound;
        message = QStringLiteral("proxy host not found: %1").arg(proxyText);
        break;
    case QAbstractSocket::ProxyConnectionTimeoutError:
        failure = UpstreamFailure::ConnectTimeout;
        message = QStringLiteral("the proxy %1 did not answer").arg(proxyText);
        break;
    case QAbstractSocket::ProxyAuthenticationRequiredError:
        message = QStringLiteral("the proxy %1 asks for a user name and password, or refused the ones it was given; "
                                 "set them in the upstream proxy settings")
                      .arg(proxyText);
        break;
    case QAbstractSocket::ProxyConnectionClosedError:
    case QAbstractSocket::ProxyProtocolError:
        message = QStringLiteral("the proxy %1 did not connect to %2: %3").arg(proxyText, m_originKey, socketText);
        break;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError: {
        failure = UpstreamFailure::TlsError;
        const QString certificateText = m_connection->tlsErrorText();
        message = QStringLiteral("TLS handshake with %1 failed: %2")
                      .arg(m_originKey, certificateText.isEmpty() ? socketText : certificateText);
        break;
    }
    case QAbstractSocket::SocketTimeoutError:
        failure = m_connectedAtUs < 0 ? UpstreamFailure::ConnectTimeout : UpstreamFailure::NetworkError;
        message = QStringLiteral("socket timeout with %1: %2").arg(m_originKey, socketText);
        break;
    default:
        message = QStringLiteral("network error with %1: %2").arg(m_originKey, socketText);
        break;
    }
    if (failure == UpstreamFailure::NetworkError && canRetry()) {
        retryOnFreshConnection();
        return;
    }
    fail(failure, message);
}

void UpstreamExchange::handleDisconnected()
{
    if (m_done || !m_connection)
        return;
    m_eofSeen = true;
    processIncoming(); // drains what is still buffered, then concludes unless paused
}

bool UpstreamExchange::canRetry() const
{
    // Only the race of a pooled connection closed by the server just as it was reused; never anything else.
    return m_reusedConnection && !m_retried && !m_attemptReceivedBytes && !m_requestHead.isEmpty();
}

void UpstreamExchange::retryOnFreshConnection()
{
    qCDebug(lcUpstream).noquote() << "reused connection was closed by the server; retrying once:" << describeTarget();
    m_retried = true;
    discardConnection();
    m_firstByteTimer.stop();
    m_idleTimer.stop();
    m_parser.reset();
    m_unparsed.clear();
    m_eofSeen = false;
    m_connectedAtUs = -1;
    m_requestWrittenAtUs = -1;
    m_requestIssued = false;
    startAttempt(false);
}

void UpstreamExchange::processIncoming()
{
    // Not re-entered from a nested event loop run by a slot: the outer call still holds parsed-but-unfed
    // bytes, and it reads the socket again before it returns.
    if (m_done || m_paused || !m_connection || m_processing)
        return;
    QPointer<UpstreamExchange> self(this);
    m_processing = true;
    const auto endProcessing = qScopeGuard([self] {
        if (self)
            self->m_processing = false;
    });
    UpstreamConnection *connection = m_connection;
    for (;;) {
        QByteArray bytes;
        if (!m_unparsed.isEmpty()) {
            bytes = std::exchange(m_unparsed, QByteArray());
        } else {
            // Exactly what is buffered: readAll() allocates a read chunk (16 KiB) on top of it, every call, and
            // shrinks it again.
            QAbstractSocket *socket = connection->socket();
            const qint64 available = socket->bytesAvailable();
            if (available <= 0)
                break;
            bytes = socket->read(available);
            if (bytes.isEmpty())
                break;
            if (!m_attemptReceivedBytes) {
                m_attemptReceivedBytes = true;
                if (m_firstByteAtUs < 0)
                    m_firstByteAtUs = elapsedUs();
                m_firstByteTimer.stop();
                m_requestHead.clear(); // no retry once the server has answered
                if (m_request.timeouts.idleMs > 0)
                    m_idleTimer.start(m_request.timeouts.idleMs, Qt::CoarseTimer, this);
            }
            m_lastReadAtMs = m_clock.elapsed();
        }
        if (!consume(bytes))
            return; // finished, failed, deleted, or paused
        if (!self || m_done || m_connection != connection)
            return;
        if (m_paused)
            return;
    }
    m_processing = false;
    if (m_eofSeen)
        concludeAtEof();
}

// Feeds the parser and emits what it yields. Returns false when processing must stop: the exchange is done
// or was deleted, or reading was paused (the rest of `bytes` is kept in m_unparsed).
bool UpstreamExchange::consume(const QByteArray &bytes)
{
    QByteArrayView rest(bytes);
    while (!rest.isEmpty()) {
        QByteArray body;
        const bool hadHead = m_parser.headersComplete();
        const qsizetype used = m_parser.feed(rest, body);
        rest = rest.sliced(used);
        if (m_parser.hasError()) {
            fail(UpstreamFailure::MalformedResponse,
                QStringLiteral("malformed response from %1: %2").arg(m_originKey, m_parser.errorString()));
            return false;
        }
        if (!hadHead && m_parser.headersComplete() && !startResponse())
            return false;
        if (!body.isEmpty() && !deliverBody(std::move(body)))
            return false;
        if (m_parser.isComplete()) {
            finishResponse(!rest.isEmpty());
            return false;
        }
        if (m_paused) {
            m_unparsed = rest.toByteArray();
            return false;
        }
    }
    return true;
}

bool UpstreamExchange::startResponse()
{
    m_statusCode = m_parser.statusCode();
    m_responseHeaders = m_parser.headers();
    const ContentDecoder::Coding coding = ContentDecoder::codingFor(m_parser.header("content-encoding"));
    if ((coding == ContentDecoder::Coding::Gzip || coding == ContentDecoder::Coding::Deflate)
        && m_parser.bodyFraming() != HttpResponseParser::BodyFraming::None) {
        // bodyData carries the decoded bytes: the headers must no longer describe the encoded ones.
        m_decoder = std::make_unique<ContentDecoder>(coding);
        m_responseHeaders.removeIf([](const QPair<QByteArray, QByteArray> &header) {
            return equalsIgnoringCase(header.first, "content-encoding")
                || equalsIgnoringCase(header.first, "content-length");
        });
    }
    qCDebug(lcUpstream).noquote() << "response" << m_statusCode << describeTarget() << "first byte after"
                                  << m_firstByteAtUs << "us" << (m_reusedConnection ? "(reused connection)" : "");
    m_responseStartedEmitted = true;
    QPointer<UpstreamExchange> self(this);
    Q_EMIT responseStarted(m_statusCode, m_responseHeaders);
    return self && !m_done;
}

bool UpstreamExchange::deliverBody(QByteArray body)
{
    if (m_decoder) {
        QByteArray plain;
        if (!m_decoder->decode(body, plain)) {
            fail(UpstreamFailure::MalformedResponse,
                QStringLiteral("undecodable response body from %1: %2").arg(m_originKey, m_decoder->errorString()));
            return false;
        }
        if (plain.isEmpty())
            return true;
        body = std::move(plain);
    }
    QPointer<UpstreamExchange> self(this);
    Q_EMIT bodyData(body);
    return self && !m_done;
}

void UpstreamExchange::finishResponse(bool bytesLeftOver)
{
    if (m_decoder && !m_decoder->finish()) {
        fail(UpstreamFailure::MalformedResponse,
            QStringLiteral("undecodable response body from %1: %2").arg(m_originKey, m_decoder->errorString()));
        return;
    }
    m_done = true;
    stopTimers();
    m_finishedAtUs = elapsedUs();
    const bool reusable = m_parser.isKeepAlive() && !bytesLeftOver && m_unparsed.isEmpty() && !m_eofSeen && m_connection
        && m_connection->isReusable();
    qCDebug(lcUpstream).noquote() << "finished" << m_statusCode << describeTarget() << "connect" << m_connectedAtUs
                                  << "us, written" << m_requestWrittenAtUs << "us, first byte" << m_firstByteAtUs
                                  << "us, end" << m_finishedAtUs << "us" << (reusable ? "" : "(connection closed)");
    // Back to the pool before `finished`, so that a request sent from a slot can reuse the connection.
    releaseConnection(reusable);
    Q_EMIT finished();
}

void UpstreamExchange::concludeAtEof()
{
    if (m_done)
        return;
    if (m_parser.finishAtEof()) {
        finishResponse(false); // a body delimited by the close of the connection
        return;
    }
    if (canRetry()) {
        retryOnFreshConnection();
        return;
    }
    fail(UpstreamFailure::ConnectionClosed,
        QStringLiteral("%1 closed the connection: %2").arg(m_originKey, m_parser.errorString()));
}

void UpstreamExchange::timerEvent(QTimerEvent *event)
{
    const int id = event->timerId();
    if (id == m_connectTimer.timerId()) {
        fail(UpstreamFailure::ConnectTimeout,
            QStringLiteral("no connection to %1 within %2 ms").arg(m_originKey).arg(m_request.timeouts.connectMs));
    } else if (id == m_firstByteTimer.timerId()) {
        fail(UpstreamFailure::FirstByteTimeout,
            QStringLiteral("no response from %1 within %2 ms of the request")
                .arg(m_originKey)
                .arg(m_request.timeouts.firstByteMs));
    } else if (id == m_idleTimer.timerId()) {
        // Re-armed lazily: reads only record their time, the timer checks the gap when it fires.
        const qint64 gap = m_clock.elapsed() - m_lastReadAtMs;
        const int limit = m_request.timeouts.idleMs;
        if (m_paused) {
            m_idleTimer.stop();
        } else if (gap >= limit) {
            fail(UpstreamFailure::IdleTimeout,
                QStringLiteral("%1 sent nothing for %2 ms during the response").arg(m_originKey).arg(limit));
        } else {
            m_idleTimer.start(int(limit - gap), Qt::CoarseTimer, this);
        }
    } else if (id == m_totalTimer.timerId()) {
        fail(UpstreamFailure::TotalTimeout,
            QStringLiteral("the exchange with %1 took longer than %2 ms")
                .arg(m_originKey)
                .arg(m_request.timeouts.totalMs));
    } else {
        QObject::timerEvent(event);
    }
}

void UpstreamExchange::setReadingPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    if (m_done)
        return;
    if (paused) {
        // The timers measure the upstream; while we do not read they would measure us.
        m_idleTimer.stop();
        m_firstByteTimer.stop();
        return;
    }
    if (m_attemptReceivedBytes) {
        if (m_request.timeouts.idleMs > 0) {
            m_lastReadAtMs = m_clock.elapsed();
            m_idleTimer.start(m_request.timeouts.idleMs, Qt::CoarseTimer, this);
        }
    } else if (m_connection && m_requestIssued && m_request.timeouts.firstByteMs > 0) {
        m_firstByteTimer.start(m_request.timeouts.firstByteMs, Qt::CoarseTimer, this);
    }
    // Deliver what was buffered meanwhile from the event loop, not from inside the caller.
    if (!m_drainQueued) {
        m_drainQueued = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_drainQueued = false;
                processIncoming();
            },
            Qt::QueuedConnection);
    }
}

void UpstreamExchange::abort()
{
    if (m_done)
        return;
    fail(UpstreamFailure::Aborted, QStringLiteral("aborted"));
}

void UpstreamExchange::fail(UpstreamFailure failure, const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    stopTimers();
    m_finishedAtUs = elapsedUs();
    discardConnection();
    UpstreamError error;
    error.failure = failure;
    error.message = message;
    error.responseStarted = m_responseStartedEmitted;
    qCDebug(lcUpstream).noquote() << "failed" << upstreamFailureName(failure) << describeTarget() << "after"
                                  << m_finishedAtUs << "us:" << message;
    if (m_starting) {
        // Inside send(): the caller has not connected its slots yet.
        QMetaObject::invokeMethod(
            this, [this, error] { Q_EMIT failed(error); }, Qt::QueuedConnection);
        return;
    }
    Q_EMIT failed(error);
}

void UpstreamExchange::stopTimers()
{
    m_connectTimer.stop();
    m_firstByteTimer.stop();
    m_idleTimer.stop();
    m_totalTimer.stop();
}

void UpstreamExchange::releaseConnection(bool reusable)
{
    UpstreamConnection *connection = std::exchange(m_connection, nullptr);
    if (!connection)
        return;
    if (reusable && m_client) {
        m_client->recycleConnection(connection);
        return;
    }
    if (m_client)
        m_client->forgetConnection(connection);
    connection->discard();
}

void UpstreamExchange::discardConnection()
{
    releaseConnection(false);
}
