#include "common/LogBuffer.h"
#include "common/Logging.h"

#include <QSignalSpy>
#include <QThread>
#include <QtTest>

// The log viewer's ring buffer and the message handler that feeds it.
class TestLogBuffer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keepsTheNewestAndAnswersAfterId();
    void messagesFromTheHandler();
    void appendsFromOtherThreads();
};

void TestLogBuffer::keepsTheNewestAndAnswersAfterId()
{
    LogBuffer buffer(3);
    QSignalSpy spy(&buffer, &LogBuffer::newMessage);
    for (int i = 1; i <= 5; ++i)
        buffer.append(QtInfoMsg, "switchyard.test", QString::number(i));
    QCOMPARE(spy.size(), 5);
    QCOMPARE(spy.last().at(0).toLongLong(), qint64(5));
    QCOMPARE(buffer.lastId(), qint64(5));
    QStringList texts;
    for (const LogMessage &message : buffer.messages())
        texts << message.text;
    QCOMPARE(texts, (QStringList {"3", "4", "5"})); // the oldest fell out
    QCOMPARE(buffer.messages(4).size(), 1);
    QCOMPARE(buffer.messages(4).at(0).id, qint64(5));
    QCOMPARE(buffer.messages(1).size(), 3); // older than what is kept: everything kept
    QVERIFY(buffer.messages(5).isEmpty());
    QVERIFY(buffer.messages(99).isEmpty());
    buffer.clear();
    QVERIFY(buffer.messages().isEmpty());
    buffer.append(QtWarningMsg, "c", "after clear");
    QCOMPARE(buffer.messages(5).at(0).id, qint64(6)); // ids go on
}

void TestLogBuffer::messagesFromTheHandler()
{
    LogBuffer buffer(100);
    Logging::installBuffer(&buffer);
    Logging::setDebug(false);
    qCInfo(lcUi) << "an info line";
    qCDebug(lcUi) << "a debug line"; // filtered out
    Logging::setDebug(true);
    QVERIFY(Logging::isDebug());
    qCDebug(lcUi) << "now visible";
    Logging::setDebug(false);
    Logging::installBuffer(nullptr);
    qCInfo(lcUi) << "not kept";
    const QList<LogMessage> messages = buffer.messages();
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(0).text, QStringLiteral("an info line"));
    QCOMPARE(messages.at(0).category, QStringLiteral("switchyard.ui"));
    QCOMPARE(messages.at(0).type, QtInfoMsg);
    QCOMPARE(messages.at(1).text, QStringLiteral("now visible"));
    QCOMPARE(messages.at(1).type, QtDebugMsg);
}

void TestLogBuffer::appendsFromOtherThreads()
{
    LogBuffer buffer(10'000);
    QList<QThread *> threads;
    for (int t = 0; t < 4; ++t) {
        threads << QThread::create([&buffer] {
            for (int i = 0; i < 1000; ++i)
                buffer.append(QtInfoMsg, "t", QString::number(i));
        });
        threads.last()->start();
    }
    for (QThread *thread : threads) {
        QVERIFY(thread->wait(10'000));
        delete thread;
    }
    const QList<LogMessage> messages = buffer.messages();
    QCOMPARE(messages.size(), 4000);
    for (int i = 1; i < messages.size(); ++i)
        QCOMPARE(messages.at(i).id, messages.at(i - 1).id + 1);
}

QTEST_GUILESS_MAIN(TestLogBuffer)
#include "TestLogBuffer.moc"
