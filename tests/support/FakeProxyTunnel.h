#pragma once

#include <QByteArray>
#include <QObject>

class FakeProxyServer;
class QTcpSocket;

// One client connection of FakeProxyServer: reads CONNECT heads until one is accepted, then connects to
// 127.0.0.1 at the requested port and relays bytes both ways until either side closes.
class FakeProxyTunnel : public QObject
{
    Q_OBJECT
public:
    FakeProxyTunnel(QTcpSocket *client, FakeProxyServer *server);

private:
    void onClientData();
    void handleHead(const QByteArray &head);
    void openTunnel(quint16 port);
    void closeBoth();

    FakeProxyServer *m_server;
    QTcpSocket *m_client;
    QTcpSocket *m_target = nullptr;
    QByteArray m_buffer;
    bool m_tunnelling = false;
};
