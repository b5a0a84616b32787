#include "FakeUpstream.h"
#include "HttpTestClient.h"
#include "TempDataDir.h"
#include "runtime/ProxyRuntime.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QtTest>

// Pausing, resuming and moving the listening socket of a running runtime (the desktop app's Pause and the
// Settings page's address), and starting while the port is taken.
class TestRuntimeListening : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pauseAndResume();
    void restartOnAnotherPort();
    void restartFailureKeepsTheOldAddress();
    void portBusyAtStart();
};

namespace {

bool answersHealth(quint16 port)
{
    HttpTestClient client(port);
    return client.get("/health", {}, 3000).status == 200;
}

ProxyRuntime::Options optionsFor(const TempDataDir &dir, quint16 port)
{
    ProxyRuntime::Options options;
    options.dataDir = dir.path();
    options.listen = ServerSettings {QStringLiteral("127.0.0.1"), port};
    return options;
}

} // namespace

void TestRuntimeListening::pauseAndResume()
{
    TempDataDir dir;
    ProxyRuntime runtime;
    QString error;
    QVERIFY2(runtime.start(optionsFor(dir, 0), &error), qPrintable(error));
    QVERIFY(runtime.isListening());
    const quint16 port = runtime.port();
    QVERIFY(answersHealth(port));

    QSignalSpy changed(&runtime, &ProxyRuntime::listeningChanged);
    runtime.pauseListening();
    QVERIFY(!runtime.isListening());
    QCOMPARE(changed.size(), 1);
    QVERIFY(!answersHealth(port));

    QVERIFY2(runtime.resumeListening(&error), qPrintable(error));
    QVERIFY(runtime.isListening());
    QCOMPARE(runtime.port(), port); // the same address again
    QCOMPARE(changed.size(), 2);
    QVERIFY(answersHealth(port));
}

void TestRuntimeListening::restartOnAnotherPort()
{
    TempDataDir dir;
    ProxyRuntime runtime;
    QString error;
    QVERIFY2(runtime.start(optionsFor(dir, 0), &error), qPrintable(error));
    const quint16 oldPort = runtime.port();
    const quint16 newPort = FakeUpstream::unusedPort();
    QVERIFY2(
        runtime.restartListening(ServerSettings {QStringLiteral("127.0.0.1"), newPort}, &error), qPrintable(error));
    QCOMPARE(runtime.port(), newPort);
    QCOMPARE(runtime.baseUrl(), QStringLiteral("http://127.0.0.1:%1").arg(newPort));
    QVERIFY(answersHealth(newPort));
    QVERIFY(!answersHealth(oldPort));
}

void TestRuntimeListening::restartFailureKeepsTheOldAddress()
{
    TempDataDir dir;
    ProxyRuntime runtime;
    QString error;
    QVERIFY2(runtime.start(optionsFor(dir, 0), &error), qPrintable(error));
    const quint16 port = runtime.port();
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    QVERIFY(!runtime.restartListening(ServerSettings {QStringLiteral("127.0.0.1"), taken.serverPort()}, &error));
    QVERIFY2(error.contains(QStringLiteral("already in use")), qPrintable(error));
    QVERIFY(runtime.isListening());
    QCOMPARE(runtime.port(), port);
    QVERIFY(answersHealth(port));
    // Beyond loopback without a client key: refused by the same rule as at start.
    QVERIFY(!runtime.restartListening(ServerSettings {QStringLiteral("0.0.0.0"), 0}, &error));
    QVERIFY2(error.contains(QStringLiteral("without client keys")), qPrintable(error));
    QVERIFY(answersHealth(port));
}

void TestRuntimeListening::portBusyAtStart()
{
    TempDataDir dir;
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    {
        ProxyRuntime headless;
        QString error;
        QVERIFY(!headless.start(optionsFor(dir, taken.serverPort()), &error));
        QVERIFY(error.contains(QStringLiteral("already in use")));
    }
    ProxyRuntime desktop;
    ProxyRuntime::Options options = optionsFor(dir, taken.serverPort());
    options.tolerateListenFailure = true;
    QString error;
    QVERIFY2(desktop.start(options, &error), qPrintable(error));
    QVERIFY(desktop.isRunning());
    QVERIFY(!desktop.isListening());
    QVERIFY(desktop.listenError().contains(QStringLiteral("already in use")));
    QCOMPARE(desktop.port(), taken.serverPort());
    taken.close();
    QVERIFY2(desktop.resumeListening(&error), qPrintable(error));
    QVERIFY(desktop.isListening());
    QVERIFY(answersHealth(desktop.port()));
}

QTEST_GUILESS_MAIN(TestRuntimeListening)
#include "TestRuntimeListening.moc"
