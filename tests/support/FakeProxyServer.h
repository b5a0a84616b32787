#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>

class QTcpServer;

// An HTTP proxy played by a real server on a loopback port, for the tests of the upstream proxy settings: it
// answers CONNECT requests and then relays bytes both ways (a tunnel), like squid or a corporate proxy.
//   - Every target host is reached on 127.0.0.1 at the requested port, so tests can name platforms by host
//     names that do not resolve anywhere ("platform.example"): a request that arrives proves it came through
//     the proxy.
//   - With credentials set, a CONNECT without the right "Proxy-Authorization: Basic ..." is answered
//     407 with a Basic challenge (the connection stays open for the retry).
//   - Targets can be refused (403) or said not to exist (404).
// Single-threaded: lives on the test's thread.
class FakeProxyServer : public QObject
{
    Q_OBJECT
public:
    struct ConnectRequest
    {
        QByteArray target; // "host:port" as sent
        QByteArray proxyAuthorization; // the header's value, empty when absent
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
