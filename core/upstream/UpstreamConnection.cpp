#include "upstream/UpstreamConnection.h"

#include "common/Logging.h"
#include "upstream/HttpRequestSerializer.h"
#include "upstream/UpstreamExchange.h"

#include <QNetworkProxy>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QStringList>
#include <QTcpSocket>
#include <QTimerEvent>

UpstreamConnection::UpstreamConnection(const QUrl &url, QString poolKey, const std::optional<UpstreamProxy> &proxy,
    const QSslConfiguration &sslConfiguration, QObject *parent)
    : QObject(parent)
    , m_host(url.host(QUrl::FullyEncoded)) // ACE form: what DNS and the TLS server name need
    , m_port(quint16(url.port(HttpRequestSerializer::defaultPort(url))))
    , m_poolKey(std::move(poolKey))
    , m_tls(url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0)
{
    if (m_tls) {
        auto *sslSocket = new QSslSocket(this);
        sslSocket->setSslConfiguration(sslConfiguration);
        connect(sslSocket, &QSslSocket::encrypted, this, &UpstreamConnection::onEncrypted);
        connect(sslSocket, &QSslSocket::sslErrors, this, &UpstreamConnection::onSslErrors);
        // Encrypted bytes reaching the kernel: the moment the request is really written.
        connect(sslSocket, &QSslSocket::encryptedBytesWritten, this, &UpstreamConnection::onBytesWritten);
        m_socket = sslSocket;
    } else {
        m_socket = new QTcpSocket(this);
    }
    // Never Qt's application-wide proxy: only the one the rules chose, or none.
    m_socket->setProxy(proxy ? proxy->toNetworkProxy() : QNetworkProxy(QNetworkProxy::NoProxy));
    // Bounded: while the exchange does not read (paused), TCP flow control slows the upstream down.
    m_socket->setReadBufferSize(kReadBufferSize);
    connect(m_socket, &QAbstractSocket::connected, this, &UpstreamConnection::onConnected);
    connect(m_socket, &QAbstractSocket::readyRead, this, &UpstreamConnection::onReadyRead);
    connect(m_socket, &QAbstractSocket::bytesWritten, this, &UpstreamConnection::onBytesWritten);
    connect(m_socket, &QAbstractSocket::errorOccurred, this, &UpstreamConnection::onErrorOccurred);
    connect(m_socket, &QAbstractSocket::disconnected, this, &UpstreamConnection::onDisconnected);
}

UpstreamConnection::~UpstreamConnection() = default;

void UpstreamConnection::open()
{
    if (m_tls) {
        auto *sslSocket = static_cast<QSslSocket *>(m_socket);
        // The host name is the TLS server name (SNI) and the name the certificate is verified against.
        sslSocket->connectToHostEncrypted(m_host, m_port);
    } else {
        m_socket->connectToHost(m_host, m_port);
    }
}

void UpstreamConnection::attach(UpstreamExchange *exchange)
{
    m_idle = false;
    m_idleTimer.stop();
    m_exchange = exchange;
}

void UpstreamConnection::park(int idleTimeoutMs)
{
    m_exchange = nullptr;
    m_idle = true;
    m_idleTimer.start(idleTimeoutMs, Qt::CoarseTimer, this);
}

qint64 UpstreamConnection::bytesToWrite() const
{
    qint64 pending = m_socket->bytesToWrite();
    if (m_tls)
        pending += static_cast<QSslSocket *>(m_socket)->encryptedBytesToWrite();
    return pending;
}

bool UpstreamConnection::isReusable() const
{
    // Nothing unread, and nothing of the previous request still unsent (a server may answer before it has read
    // the whole body).
    return !m_discarded && m_socket->isValid() && m_socket->state() == QAbstractSocket::ConnectedState
        && m_socket->bytesAvailable() == 0 && bytesToWrite() == 0;
}

void UpstreamConnection::discard()
{
    if (m_discarded)
        return;
    m_discarded = true;
    m_exchange = nullptr;
    m_idle = false;
    m_idleTimer.stop();
    // Nothing reaches us any more, not even what abort() emits synchronously.
    disconnect(m_socket, nullptr, this, nullptr);
    m_socket->abort();
    setParent(nullptr);
    deleteLater();
}

void UpstreamConnection::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_idleTimer.timerId()) {
        m_idleTimer.stop();
        giveUpWhileIdle();
        return;
    }
    QObject::timerEvent(event);
}

void UpstreamConnection::giveUpWhileIdle()
{
    if (m_idle && !m_discarded) {
        m_idle = false;
        Q_EMIT lostWhileIdle();
    }
}

void UpstreamConnection::onConnected()
{
    // Nagle would hold the tail of a large body until the peer's delayed ACK (~40 ms).
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    if (m_tls)
        return; // ready once encrypted
    if (m_exchange)
        m_exchange->handleConnectionReady();
}

void UpstreamConnection::onEncrypted()
{
    if (m_exchange)
        m_exchange->handleConnectionReady();
}

void UpstreamConnection::onReadyRead()
{
    if (m_exchange)
        m_exchange->handleReadyRead();
    else if (m_idle && m_socket->bytesAvailable() > 0)
        giveUpWhileIdle(); // an idle connection has nothing to say: the peer is misbehaving
}

void UpstreamConnection::onBytesWritten()
{
    if (m_exchange)
        m_exchange->handleBytesWritten();
}

void UpstreamConnection::onErrorOccurred(QAbstractSocket::SocketError error)
{
    if (m_exchange)
        m_exchange->handleSocketError(error);
    else if (m_idle)
        giveUpWhileIdle();
}

void UpstreamConnection::onDisconnected()
{
    if (m_exchange)
        m_exchange->handleDisconnected();
    else if (m_idle)
        giveUpWhileIdle();
}

void UpstreamConnection::onSslErrors(const QList<QSslError> &errors)
{
    // Not ignored: the handshake then fails with SslHandshakeFailedError, reported with this text.
    QStringList texts;
    for (const QSslError &error : errors)
        texts.append(error.errorString());
    m_tlsErrorText = texts.join(QLatin1String("; "));
}
