#pragma once

#include <QByteArrayView>

class QAbstractSocket;

namespace SocketWrite {

// Writes `bytes` to a connected TCP socket now. When nothing is waiting in the socket object's write buffer
// and the socket is plain TCP (not TLS), the bytes go straight to the kernel in one non-blocking send():
// QAbstractSocket would copy them into its buffer, switch its write notifier on (with the glib event
// dispatcher, a wake-up of the thread's own event loop) and off again around the same system call. Whatever
// the kernel does not take at once, and every write while bytes are still queued, goes through the socket
// object as usual, so the order of bytes is kept and errors are reported the usual way. Direct bytes emit
// no bytesWritten() signal. False when the socket refused the bytes.
bool writeNow(QAbstractSocket *socket, QByteArrayView bytes);
// The same for `first` followed by `second`, gathered into one send() (e.g. a request head and its body,
// without copying the body behind the head).
bool writeNow(QAbstractSocket *socket, QByteArrayView first, QByteArrayView second);

} // namespace SocketWrite
