#pragma once

#include "upstream/UpstreamProxy.h"

#include <QAbstractSocket>
#include <QBasicTimer>
#include <QObject>
#include <QPointer>
#include <QSslError>
#include <QString>
#include <QUrl>
#include <optional>

class QSslConfiguration;
class UpstreamExchange;

// One TCP (or TLS) connection to an origin, internal to UpstreamClient. While it carries a request it is
// owned by that request's UpstreamExchange and forwards every socket event to it; while it waits in the
// keep-alive pool it is owned by the client and gives itself up (lostWhileIdle) on any event: data, a close
// by the peer, an error, or the idle timeout.
class UpstreamConnection : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kReadBufferSize = 256 * 1024;

    // `sslConfiguration` is used for https origins and ignored for http ones. With a `proxy` the connection is
    // made through it (HTTP CONNECT or SOCKS5; TLS still runs end to end with the origin). `poolKey` names the
    // origin and the way to it: connections are only reused for the same key.
    UpstreamConnection(const QUrl &url, QString poolKey, const std::optional<UpstreamProxy> &proxy,
        const QSslConfiguration &sslConfiguration, QObject *parent);
    ~UpstreamConnection() override;

    QAbstractSocket *socket() const { return m_socket; }
    const QString &poolKey() const { return m_poolKey; }
    bool isTls() const { return m_tls; }
    int requestCount() const { return m_requestCount; }
    void countRequest() { ++m_requestCount; }
    // The certificate problems reported during the TLS handshake, joined (empty if none).
    QString tlsErrorText() const { return m_tlsErrorText; }

    // Starts TCP (and the TLS handshake for https).
    void open();
    // Events now go to `exchange`.
    void attach(UpstreamExchange *exchange);
    // Waits in the pool; any event or `idleTimeoutMs` without one emits lostWhileIdle().
    void park(int idleTimeoutMs);
    // Bytes handed to the socket but not yet to the kernel (TLS: plain and encrypted).
    qint64 bytesToWrite() const;
    // Connected, nothing unread, nothing unsent: fit to carry another request.
    bool isReusable() const;
    // Closes the socket at once and deletes the connection later (safe from inside the socket's own signals).
    // Nothing is forwarded any more.
    void discard();

Q_SIGNALS:
    void lostWhileIdle();

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    void onConnected();
    void onEncrypted();
    void onReadyRead();
    void onBytesWritten();
    void onErrorOccurred(QAbstractSocket::SocketError error);
    void onDisconnected();
    void onSslErrors(const QList<QSslError> &errors);
    void giveUpWhileIdle();

    QAbstractSocket *m_socket = nullptr;
    QString m_host;
    quint16 m_port = 0;
    QString m_poolKey;
    bool m_tls = false;
    bool m_idle = false;
    bool m_discarded = false;
    int m_requestCount = 0;
    QPointer<UpstreamExchange> m_exchange;
    QBasicTimer m_idleTimer;
    QString m_tlsErrorText;
};
