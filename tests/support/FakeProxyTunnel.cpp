#include "FakeProxyTunnel.h"

#include "FakeProxyServer.h"

#include <QHostAddress>
#include <QTcpSocket>

FakeProxyTunnel::FakeProxyTunnel(QTcpSocket *client, FakeProxyServer *server)
    : QObject(server)
    , m_server(server)
    , m_client(client)
{
    m_client->setParent(this);
    connect(m_client, &QTcpSocket::readyRead, this, &FakeProxyTunnel::onClientData);
    connect(m_client, &QTcpSocket::disconnected, this, &FakeProxyTunnel::closeBoth);
}

void FakeProxyTunnel::onClientData()
{
    if (m_tunnelling) {
        m_target->write(m_client->readAll());
        return;
    }
    m_buffer += m_client->readAll();
    for (qsizetype end = m_buffer.indexOf("\r\n\r\n"); end >= 0 && !m_tunnelling; end = m_buffer.indexOf("\r\n\r\n")) {
        const QByteArray head = m_buffer.left(end);
        m_buffer.remove(0, end + 4);
        handleHead(head);
    }
}

void FakeProxyTunnel::handleHead(const QByteArray &head)
{
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || requestLine.at(0) != "CONNECT") {
        m_client->write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        m_client->disconnectFromHost();
        return;
    }
    QByteArray authorization;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == "proxy-authorization")
            authorization = line.mid(colon + 1).trimmed();
    }
    const QByteArray target = requestLine.at(1);
    const int status = m_server->decide(target, authorization);
    switch (status) {
    case 200:
        openTunnel(quint16(target.mid(target.lastIndexOf(':') + 1).toUInt()));
        return;
    case 407:
        m_client->write("HTTP/1.1 407 Proxy Authentication Required\r\n"
                        "Proxy-Authenticate: Basic realm=\"switchyard-test\"\r\n"
                        "Content-Length: 0\r\n\r\n");
        return;
    default:
        m_client->write("HTTP/1.1 " + QByteArray::number(status) + " Refused\r\nContent-Length: 0\r\n\r\n");
        return;
    }
}

void FakeProxyTunnel::openTunnel(quint16 port)
{
    m_target = new QTcpSocket(this);
    connect(m_target, &QTcpSocket::connected, this, [this] {
        m_tunnelling = true;
        m_server->noteTunnel();
        m_client->write("HTTP/1.1 200 Connection established\r\n\r\n");
        if (!m_buffer.isEmpty())
            m_target->write(std::exchange(m_buffer, QByteArray()));
    });
    connect(m_target, &QTcpSocket::readyRead, this, [this] { m_client->write(m_target->readAll()); });
    connect(m_target, &QTcpSocket::disconnected, this, &FakeProxyTunnel::closeBoth);
    connect(m_target, &QTcpSocket::errorOccurred, this, [this] {
        if (!m_tunnelling) {
            m_client->write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
            m_client->disconnectFromHost();
        }
    });
    m_target->connectToHost(QHostAddress::LocalHost, port);
}

void FakeProxyTunnel::closeBoth()
{
    if (m_target && m_target->state() != QAbstractSocket::UnconnectedState)
        m_target->disconnectFromHost();
    if (m_client->state() != QAbstractSocket::UnconnectedState)
        m_client->disconnectFromHost();
    deleteLater();
}
