#include "common/SocketWrite.h"

#include <QAbstractSocket>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>
#endif

namespace SocketWrite {

namespace {

// Whether bytes may go straight to the socket's descriptor: plain TCP (TLS sockets must go through their own
// encryption; QSslSocket is the only QTcpSocket subclass in use), connected, nothing queued before them.
bool canSendDirectly(const QAbstractSocket *socket)
{
    return socket->socketType() == QAbstractSocket::TcpSocket && !socket->inherits("QSslSocket")
        && socket->state() == QAbstractSocket::ConnectedState && socket->bytesToWrite() == 0;
}

// One non-blocking gathered send; the number of bytes the kernel took (0 when none or on an error, which the
// socket object meets and reports itself when it writes the rest).
qint64 sendDirectly(const QAbstractSocket *socket, QByteArrayView first, QByteArrayView second)
{
#ifdef Q_OS_UNIX
    iovec parts[2] = {{const_cast<char *>(first.data()), size_t(first.size())},
        {const_cast<char *>(second.data()), size_t(second.size())}};
    msghdr message {};
    message.msg_iov = parts;
    message.msg_iovlen = second.isEmpty() ? 1 : 2;
    ssize_t sent;
    do {
        sent = ::sendmsg(int(socket->socketDescriptor()), &message, MSG_NOSIGNAL | MSG_DONTWAIT);
    } while (sent < 0 && errno == EINTR);
    return sent > 0 ? qint64(sent) : 0;
#else
    Q_UNUSED(socket);
    Q_UNUSED(first);
    Q_UNUSED(second);
    return 0;
#endif
}

bool queue(QAbstractSocket *socket, QByteArrayView bytes)
{
    return bytes.isEmpty() || socket->write(bytes.data(), bytes.size()) == bytes.size();
}

} // namespace

bool writeNow(QAbstractSocket *socket, QByteArrayView bytes)
{
    return writeNow(socket, bytes, QByteArrayView());
}

bool writeNow(QAbstractSocket *socket, QByteArrayView first, QByteArrayView second)
{
    if (first.isEmpty() && second.isEmpty())
        return true;
    if (canSendDirectly(socket)) {
        const qint64 sent = sendDirectly(socket, first, second);
        if (sent == first.size() + second.size())
            return true;
        // The kernel's buffer is full (or the send failed): the rest is queued on the socket object.
        if (sent >= first.size()) {
            second = second.sliced(sent - first.size());
            first = QByteArrayView();
        } else {
            first = first.sliced(sent);
        }
    }
    if (!queue(socket, first) || !queue(socket, second))
        return false;
    socket->flush();
    return true;
}

} // namespace SocketWrite
