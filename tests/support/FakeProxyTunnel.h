#pragma once

#include <QByteArray>
#include <QObject>

class FakeProxyServer;
class QTcpSocket;

// One client connection of FakeProxyServer: reads CONNECT heads (HTTP) or the SOCKS5 greeting, authentication
// and request (RFC 1928, RFC 1929), told apart by the first byte, until a target is accepted; then connects to
// 127.0.0.1 at the requested port and relays bytes both ways until either side closes.
class FakeProxyTunnel : public QObject
{
    Q_OBJECT
public:
    FakeProxyTunnel(QTcpSocket *client, FakeProxyServer *server);

private:
    enum class Step
    {
        Start, // nothing read yet
        HttpHeads, // reading CONNECT heads
        SocksGreeting,
        SocksAuthentication,
        SocksRequest,
        Tunnel,
    };

    void onClientData();
    void handleHead(const QByteArray &head);
    // Each consumes one SOCKS5 message from m_buffer; false when it is not complete yet.
    bool handleSocksGreeting();
    bool handleSocksAuthentication();
    bool handleSocksRequest();
    void openTunnel(quint16 port);
    void refuse(int status);
    void closeBoth();

    FakeProxyServer *m_server;
    QTcpSocket *m_client;
    QTcpSocket *m_target = nullptr;
    QByteArray m_buffer;
    Step m_step = Step::Start;
    bool m_socks = false;
    QByteArray m_socksAuthorization; // the SOCKS5 user and password, as the Basic header an HTTP proxy would get
};
