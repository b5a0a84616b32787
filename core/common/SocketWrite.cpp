#include "common/SocketWrite.h"

#include <QAbstractSocket>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <sys/socket.h>
#include <sys/types.h>
#endif

namespace SocketWrite {

bool writeNow(QAbstractSocket *socket, QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return true;
#ifdef Q_OS_UNIX
    // TLS sockets must go through their own encryption; QSslSocket is the only QTcpSocket subclass in use.
    const bool plainTcp = socket->socketType() == QAbstractSocket::TcpSocket && !socket->inherits("QSslSocket");
    if (plainTcp && socket->state() == QAbstractSocket::ConnectedState && socket->bytesToWrite() == 0) {
        const int descriptor = int(socket->socketDescriptor());
        ssize_t sent;
        do {
            sent = ::send(descriptor, bytes.data(), size_t(bytes.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
        } while (sent < 0 && errno == EINTR);
        if (sent == bytes.size())
            return true;
        // Partly taken (the kernel's buffer is full), nothing taken, or an error the socket object will meet
        // and report itself when it writes the rest.
        if (sent > 0)
            bytes = bytes.sliced(sent);
    }
#endif
    const qint64 queued = socket->write(bytes.data(), bytes.size());
    if (queued != bytes.size())
        return false;
    socket->flush();
    return true;
}

} // namespace SocketWrite
