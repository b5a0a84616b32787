#include "FakeProxyTunnel.h"

#include "FakeProxyServer.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QtEndian>

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
    if (m_step == Step::Tunnel) {
        m_target->write(m_client->readAll());
        return;
    }
    m_buffer += m_client->readAll();
    if (m_step == Step::Start && !m_buffer.isEmpty()) {
        m_socks = m_buffer.at(0) == 0x05;
        m_step = m_socks ? Step::SocksGreeting : Step::HttpHeads;
    }
    for (;;) {
        switch (m_step) {
        case Step::HttpHeads: {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray head = m_buffer.left(end);
            m_buffer.remove(0, end + 4);
            handleHead(head);
            break;
        }
        case Step::SocksGreeting:
            if (!handleSocksGreeting())
                return;
            break;
        case Step::SocksAuthentication:
            if (!handleSocksAuthentication())
                return;
            break;
        case Step::SocksRequest:
            if (!handleSocksRequest())
                return;
            break;
        case Step::Start:
        case Step::Tunnel:
            return;
        }
        if (m_step == Step::Tunnel || m_client->state() != QAbstractSocket::ConnectedState)
            return;
    }
}

bool FakeProxyTunnel::handleSocksGreeting()
{
    if (m_buffer.size() < 2 || m_buffer.size() < 2 + quint8(m_buffer.at(1)))
        return false;
    const QByteArray methods = m_buffer.mid(2, quint8(m_buffer.at(1)));
    m_buffer.remove(0, 2 + methods.size());
    const char wanted = m_server->m_expectedAuthorization.isEmpty() ? 0x00 : 0x02; // none, or user and password
    if (!methods.contains(wanted)) {
        m_client->write(QByteArray("\x05\xff", 2)); // no acceptable method
        m_client->disconnectFromHost();
        return false;
    }
    m_client->write(QByteArray("\x05", 1) + wanted);
    m_step = wanted == 0x02 ? Step::SocksAuthentication : Step::SocksRequest;
    return true;
}

bool FakeProxyTunnel::handleSocksAuthentication()
{
    if (m_buffer.size() < 2)
        return false;
    const int userLength = quint8(m_buffer.at(1));
    if (m_buffer.size() < 3 + userLength || m_buffer.size() < 3 + userLength + quint8(m_buffer.at(2 + userLength)))
        return false;
    const QByteArray user = m_buffer.mid(2, userLength);
    const int passwordLength = quint8(m_buffer.at(2 + userLength));
    const QByteArray password = m_buffer.mid(3 + userLength, passwordLength);
    m_buffer.remove(0, 3 + userLength + passwordLength);
    m_socksAuthorization = "Basic " + QByteArray(user + ':' + password).toBase64();
    const bool accepted = m_socksAuthorization == m_server->m_expectedAuthorization;
    m_client->write(QByteArray("\x01", 1) + (accepted ? '\x00' : '\x01'));
    if (!accepted) {
        m_server->decide(QByteArray(), m_socksAuthorization); // noted as a 407
        m_client->disconnectFromHost();
        return false;
    }
    m_step = Step::SocksRequest;
    return true;
}

bool FakeProxyTunnel::handleSocksRequest()
{
    if (m_buffer.size() < 5)
        return false;
    const char type = m_buffer.at(3);
    const int addressLength = type == 0x01 ? 4 : type == 0x04 ? 16 : 1 + quint8(m_buffer.at(4));
    if (m_buffer.size() < 4 + addressLength + 2)
        return false;
    QByteArray host;
    if (type == 0x03)
        host = m_buffer.mid(5, addressLength - 1);
    else if (type == 0x01)
        host = QHostAddress(qFromBigEndian<quint32>(m_buffer.constData() + 4)).toString().toLatin1();
    else
        host = QHostAddress(reinterpret_cast<const quint8 *>(m_buffer.constData() + 4)).toString().toLatin1();
    const quint16 port = qFromBigEndian<quint16>(m_buffer.constData() + 4 + addressLength);
    m_buffer.remove(0, 4 + addressLength + 2);
    const int status = m_server->decide(host + ':' + QByteArray::number(port), m_socksAuthorization);
    if (status == 200)
        openTunnel(port);
    else
        refuse(status);
    return false; // nothing more is read until the tunnel is open
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
    if (status == 200)
        openTunnel(quint16(target.mid(target.lastIndexOf(':') + 1).toUInt()));
    else
        refuse(status);
}

void FakeProxyTunnel::refuse(int status)
{
    if (m_socks) {
        // RFC 1928 replies: 0x02 not allowed by the rule set, 0x04 host unreachable, 0x05 refused.
        const char reply = status == 403 ? 0x02 : status == 404 ? 0x04 : 0x05;
        m_client->write(QByteArray("\x05", 1) + reply + QByteArray("\x00\x01\x00\x00\x00\x00\x00\x00", 8));
        m_client->disconnectFromHost();
    } else if (status == 407) {
        m_client->write("HTTP/1.1 407 Proxy Authentication Required\r\n"
                        "Proxy-Authenticate: Basic realm=\"switchyard-test\"\r\n"
                        "Content-Length: 0\r\n\r\n");
    } else {
        m_client->write("HTTP/1.1 " + QByteArray::number(status) + " Refused\r\nContent-Length: 0\r\n\r\n");
    }
}

void FakeProxyTunnel::openTunnel(quint16 port)
{
    m_target = new QTcpSocket(this);
    connect(m_target, &QTcpSocket::connected, this, [this] {
        m_step = Step::Tunnel;
        m_server->noteTunnel();
        m_client->write(m_socks ? QByteArray("\x05\x00\x00\x01\x00\x00\x00\x00\x00\x00", 10)
                                : QByteArray("HTTP/1.1 200 Connection established\r\n\r\n"));
        if (!m_buffer.isEmpty())
            m_target->write(std::exchange(m_buffer, QByteArray()));
    });
    connect(m_target, &QTcpSocket::readyRead, this, [this] { m_client->write(m_target->readAll()); });
    connect(m_target, &QTcpSocket::disconnected, this, &FakeProxyTunnel::closeBoth);
    connect(m_target, &QTcpSocket::errorOccurred, this, [this] {
        if (m_step != Step::Tunnel)
            refuse(502);
        m_client->disconnectFromHost();
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
