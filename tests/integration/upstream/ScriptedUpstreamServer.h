#pragma once

// A raw HTTP/1.1 server on 127.0.0.1 for the upstream client's tests: it parses requests (Content-Length
// bodies, keep-alive) and hands each to a scripted handler that writes whatever bytes the test wants, when it
// wants (well-formed or not), or closes the connection. Plain TCP or TLS.

#include "upstream/UpstreamRequest.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <functional>

struct ScriptedRequest
{
    QByteArray method;
    QByteArray target;
    HttpHeaderList headers;
    QByteArray body;
    int connectionIndex = -1;

    QByteArray header(const QByteArray &lowercaseName) const
    {
        for (const auto &h : headers) {
            if (h.first.toLower() == lowercaseName)
                return h.second;
        }
        return QByteArray();
    }
    int headerCount(const QByteArray &lowercaseName) const
    {
        int n = 0;
        for (const auto &h : headers)
            n += h.first.toLower() == lowercaseName ? 1 : 0;
        return n;
    }
};

class ScriptedConnection : public QObject
{
public:
    using Handler = std::function<void(ScriptedConnection &, const ScriptedRequest &)>;

    ScriptedConnection(QTcpSocket *socket, int index, Handler *handler, QList<ScriptedRequest> *log)
        : m_socket(socket)
        , m_index(index)
        , m_handler(handler)
        , m_log(log)
    {
        m_socket->setParent(this);
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(m_socket, &QTcpSocket::readyRead, this, [this] { onReadyRead(); });
        connect(m_socket, &QTcpSocket::disconnected, this, [this] { m_peerClosed = true; });
    }

    int index() const { return m_index; }
    QTcpSocket *socket() const { return m_socket; }
    bool peerClosed() const { return m_peerClosed || m_socket->state() == QAbstractSocket::UnconnectedState; }
    bool isOpen() const { return m_socket->state() == QAbstractSocket::ConnectedState; }
    int requestsSeen() const { return m_requests; }

    void send(const QByteArray &bytes)
    {
        if (isOpen())
            m_socket->write(bytes);
    }
    void sendLater(int ms, const QByteArray &bytes)
    {
        QTimer::singleShot(ms, this, [this, bytes] { send(bytes); });
    }
    void close()
    {
        if (isOpen())
            m_socket->disconnectFromHost();
    }
    void closeLater(int ms)
    {
        QTimer::singleShot(ms, this, [this] { close(); });
    }
    void abort() { m_socket->abort(); }

private:
    void onReadyRead()
    {
        m_buffer += m_socket->readAll();
        for (;;) {
            const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
            if (headEnd < 0)
                return;
            ScriptedRequest request;
            const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
            const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
            request.method = requestLine.value(0);
            request.target = requestLine.value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines[i].trimmed();
                const qsizetype colon = line.indexOf(':');
                request.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
            }
            const qsizetype length = request.header("content-length").toLongLong();
            if (m_buffer.size() < headEnd + 4 + length)
                return;
            request.body = m_buffer.mid(headEnd + 4, length);
            m_buffer.remove(0, headEnd + 4 + length);
            request.connectionIndex = m_index;
            ++m_requests;
            m_log->append(request);
            QPointer<ScriptedConnection> self(this);
            (*m_handler)(*this, request);
            if (!self)
                return;
        }
    }

    QTcpSocket *m_socket;
    int m_index;
    Handler *m_handler;
    QList<ScriptedRequest> *m_log;
    QByteArray m_buffer;
    bool m_peerClosed = false;
    int m_requests = 0;
};

class ScriptedUpstreamServer : public QTcpServer
{
public:
    using Handler = ScriptedConnection::Handler;

    explicit ScriptedUpstreamServer(QObject *parent = nullptr)
        : QTcpServer(parent)
    {
        setListenBacklogSize(1024);
    }

    bool start(Handler handler)
    {
        m_handler = std::move(handler);
        return listen(QHostAddress::LocalHost, 0);
    }
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    // Serve TLS with this certificate and key (handshake on every accepted connection).
    void useTls(const QSslCertificate &certificate, const QSslKey &key)
    {
        m_certificate = certificate;
        m_key = key;
        m_tls = true;
    }

    QUrl url(const QString &path = QStringLiteral("/v1/messages")) const
    {
        return QUrl(QStringLiteral("%1://127.0.0.1:%2%3")
                        .arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"))
                        .arg(serverPort())
                        .arg(path));
    }

    const QList<ScriptedRequest> &requests() const { return m_requests; }
    int connectionCount() const { return int(m_connections.size()); }
    ScriptedConnection *connection(int index) const { return m_connections.value(index); }
    int closedByPeerCount() const
    {
        int n = 0;
        for (const auto &connection : m_connections)
            n += (!connection || connection->peerClosed()) ? 1 : 0;
        return n;
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        QTcpSocket *socket = nullptr;
        if (m_tls) {
            auto *sslSocket = new QSslSocket;
            sslSocket->setLocalCertificate(m_certificate);
            sslSocket->setPrivateKey(m_key);
            sslSocket->setPeerVerifyMode(QSslSocket::VerifyNone);
            socket = sslSocket;
        } else {
            socket = new QTcpSocket;
        }
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        auto *connection = new ScriptedConnection(socket, int(m_connections.size()), &m_handler, &m_requests);
        connection->setParent(this);
        m_connections.append(connection);
        if (m_tls)
            static_cast<QSslSocket *>(socket)->startServerEncryption();
    }

private:
    Handler m_handler;
    QList<ScriptedRequest> m_requests;
    QList<QPointer<ScriptedConnection>> m_connections;
    bool m_tls = false;
    QSslCertificate m_certificate;
    QSslKey m_key;
};

// Response helpers.
namespace Http {

inline QByteArray head(int status, const QByteArray &reason, const HttpHeaderList &headers)
{
    QByteArray bytes = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    for (const auto &header : headers)
        bytes += header.first + ": " + header.second + "\r\n";
    return bytes + "\r\n";
}

inline QByteArray response(
    int status, const QByteArray &body, const QByteArray &contentType = QByteArrayLiteral("application/json"))
{
    return head(status, status == 200 ? QByteArrayLiteral("OK") : QByteArrayLiteral("Status"),
               {{"Content-Type", contentType}, {"Content-Length", QByteArray::number(body.size())}})
        + body;
}

inline QByteArray chunkedHead(const QByteArray &contentType = QByteArrayLiteral("text/event-stream"))
{
    return head(200, "OK", {{"Content-Type", contentType}, {"Transfer-Encoding", "chunked"}});
}

inline QByteArray chunk(const QByteArray &data)
{
    return QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n";
}

inline QByteArray lastChunk()
{
    return QByteArrayLiteral("0\r\n\r\n");
}

} // namespace Http
