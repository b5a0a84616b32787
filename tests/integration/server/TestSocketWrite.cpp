// SocketWrite::writeNow on real loopback sockets: bytes arrive whole and in order whether the kernel takes them
// at once, takes part of them (its buffers full because the peer is not reading), or they follow bytes still
// queued in the socket object.
#include "common/SocketWrite.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

namespace {

QByteArray pattern(qsizetype size, int seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char((i * 7 + seed) % 251);
    return bytes;
}

} // namespace

class TestSocketWrite : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void smallWritesGoOutWhole();
    void partlyTakenWritesAreCompletedInOrder_data();
    void partlyTakenWritesAreCompletedInOrder();

private:
    QByteArray readAll(qsizetype expected);

    std::unique_ptr<QTcpServer> m_server;
    std::unique_ptr<QTcpSocket> m_writer;
    QTcpSocket *m_reader = nullptr;
};

void TestSocketWrite::init()
{
    m_server = std::make_unique<QTcpServer>();
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    m_writer = std::make_unique<QTcpSocket>();
    m_writer->connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    QVERIFY(m_writer->waitForConnected(5000));
    QVERIFY(m_server->waitForNewConnection(5000));
    m_reader = m_server->nextPendingConnection();
    QVERIFY(m_reader);
}

void TestSocketWrite::cleanup()
{
    m_writer.reset();
    m_server.reset();
    m_reader = nullptr;
}

QByteArray TestSocketWrite::readAll(qsizetype expected)
{
    QByteArray received;
    QElapsedTimer timer;
    timer.start();
    while (received.size() < expected && timer.elapsed() < 20000) {
        // The writer's queued rest goes out from the event loop.
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        m_writer->waitForBytesWritten(5);
        m_reader->waitForReadyRead(5);
        received += m_reader->readAll();
    }
    return received;
}

void TestSocketWrite::smallWritesGoOutWhole()
{
    const QByteArray head = "POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n";
    QVERIFY(SocketWrite::writeNow(m_writer.get(), head, "hello"));
    QCOMPARE(m_writer->bytesToWrite(), qint64(0)); // taken by the kernel at once, nothing queued
    QVERIFY(SocketWrite::writeNow(m_writer.get(), "!"));
    QCOMPARE(readAll(head.size() + 6), head + "hello!");
}

void TestSocketWrite::partlyTakenWritesAreCompletedInOrder_data()
{
    QTest::addColumn<qsizetype>("firstSize");
    QTest::addColumn<qsizetype>("secondSize");
    // Far more than loopback's socket buffers hold while nobody reads: the kernel takes only a part.
    QTest::newRow("large second part") << qsizetype(300) << qsizetype(24 * 1024 * 1024);
    QTest::newRow("large first part") << qsizetype(24 * 1024 * 1024) << qsizetype(1000);
    QTest::newRow("one part") << qsizetype(24 * 1024 * 1024) << qsizetype(0);
}

void TestSocketWrite::partlyTakenWritesAreCompletedInOrder()
{
    QFETCH(qsizetype, firstSize);
    QFETCH(qsizetype, secondSize);
    const QByteArray first = pattern(firstSize, 1);
    const QByteArray second = pattern(secondSize, 2);
    QVERIFY(SocketWrite::writeNow(m_writer.get(), first, second));
    QVERIFY(m_writer->bytesToWrite() > 0); // the kernel did not take it all: the rest waits in the socket object
    // Written while bytes are still queued: must follow them, not overtake them.
    const QByteArray tail = pattern(777, 3);
    QVERIFY(SocketWrite::writeNow(m_writer.get(), tail));
    const QByteArray received = readAll(first.size() + second.size() + tail.size());
    QCOMPARE(received.size(), first.size() + second.size() + tail.size());
    QVERIFY(received == first + second + tail);
}

QTEST_GUILESS_MAIN(TestSocketWrite)
#include "TestSocketWrite.moc"
