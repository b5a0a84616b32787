#include "FakeProxyServer.h"

#include "FakeProxyTunnel.h"

#include <QTcpServer>
#include <QTcpSocket>

FakeProxyServer::FakeProxyServer(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server->nextPendingConnection()) {
            ++m_accepted;
            new FakeProxyTunnel(socket, this);
        }
    });
}

FakeProxyServer::~FakeProxyServer() = default;

bool FakeProxyServer::listen()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 FakeProxyServer::port() const
{
    return m_server->serverPort();
}

QString FakeProxyServer::url() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(port());
}

void FakeProxyServer::requireCredentials(const QString &user, const QString &password)
{
    m_expectedAuthorization = "Basic " + (user + QLatin1Char(':') + password).toUtf8().toBase64();
}

void FakeProxyServer::refuseHost(const QByteArray &host)
{
    m_refused.append(host);
}

void FakeProxyServer::reportUnknownHost(const QByteArray &host)
{
    m_unknown.append(host);
}

int FakeProxyServer::decide(const QByteArray &target, const QByteArray &authorization)
{
    const QByteArray host = target.left(target.lastIndexOf(':'));
    int status = 200;
    if (!m_expectedAuthorization.isEmpty() && authorization != m_expectedAuthorization)
        status = 407;
    else if (m_refused.contains(host))
        status = 403;
    else if (m_unknown.contains(host))
        status = 404;
    m_requests.append(ConnectRequest {target, authorization, status});
    return status;
}
