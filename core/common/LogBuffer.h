#pragma once

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QtGlobal>

#include <deque>
#include <mutex>

// One log message as the log viewer shows it.
struct LogMessage
{
    qint64 id = 0; // increasing from 1
    QDateTime time; // local time
    QtMsgType type = QtInfoMsg;
    QString category; // "switchyard.proxy"
    QString text;
};

// The most recent log messages in memory, for the log viewer: a ring buffer of `capacity` messages that
// any thread appends to (through the Qt message handler Logging::install sets up). A viewer reads
// messages(afterId) once and then, on newMessage(), only what is new — it never rescans the buffer.
class LogBuffer : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultCapacity = 5000;

    explicit LogBuffer(int capacity = kDefaultCapacity, QObject *parent = nullptr);

    // The application's buffer (installed by Logging::install); null before.
    static LogBuffer *instance();
    static void setInstance(LogBuffer *buffer);

    // Thread-safe.
    void append(QtMsgType type, const QString &category, const QString &text);
    // Messages with an id greater than `afterId`, oldest first (those still in the buffer).
    QList<LogMessage> messages(qint64 afterId = 0) const;
    qint64 lastId() const;
    void clear();

Q_SIGNALS:
    // Emitted on the appending thread; connect with the default (queued across threads) connection.
    void newMessage(qint64 id);

private:
    const int m_capacity;
    mutable std::mutex m_mutex;
    std::deque<LogMessage> m_messages;
    qint64 m_lastId = 0;
};
