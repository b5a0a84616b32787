#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>

class QTcpServer;

// A proxy played by a real server on a loopback port, for the tests of the upstream proxy settings: it answers
// HTTP CONNECT requests (like squid or a corporate proxy) and SOCKS5 requests on the same port, and then relays
// bytes both ways (a tunnel).
//   - Every target host is reached on 127.0.0.1 at the requested port, so tests can name platforms by host
//     names that do not resolve anywhere ("platform.example"): a request that arrives proves it came through
//     the proxy.
//   - With credentials set, a CONNECT without the right "Proxy-Authorization: Basic ..." is answered
//     407 with a Basic challenge (the connection stays open for the retry); SOCKS5 asks for the user name and
//     password method and refuses wrong ones.
//   - Targets can be refused (403; SOCKS5: not allowed) or said not to exist (404; SOCKS5: host unreachable).
// Single-threaded: lives on the test's thread.
class FakeProxyServer : public QObject
{
    Q_OBJECT
public:
    struct ConnectRequest
    {
        QByteArray target; // "host:port" as sent
        QByteArray proxyAuthorization; // the header's value (SOCKS5: the same Basic form), empty when absent
        int status = 0; // what the proxy answered
    };

    explicit FakeProxyServer(QObject *parent = nullptr);
    ~FakeProxyServer() override;

    bool listen(); // 127.0.0.1, a free port
    quint16 port() const;
    QString url() const; // "http://127.0.0.1:<port>"

    void requireCredentials(const QString &user, const QString &password);
    void refuseHost(const QByteArray &host); // 403 Forbidden
    void reportUnknownHost(const QByteArray &host); // 404 Not Found

    QList<ConnectRequest> connectRequests() const { return m_requests; }
    int tunnelsOpened() const { return m_tunnels; }
    int connectionsAccepted() const { return m_accepted; }

private:
    friend class FakeProxyTunnel;
    // The answer to one CONNECT head; 200 means "open the tunnel".
    int decide(const QByteArray &target, const QByteArray &authorization);
    void noteTunnel() { ++m_tunnels; }

    QTcpServer *m_server;
    QByteArray m_expectedAuthorization; // "Basic <base64>", empty = no credentials needed
    QList<QByteArray> m_refused;
    QList<QByteArray> m_unknown;
    QList<ConnectRequest> m_requests;
    int m_tunnels = 0;
    int m_accepted = 0;
};
