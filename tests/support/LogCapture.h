#pragma once

#include "common/Logging.h"

#include <QMutex>
#include <QStringList>

// Collects every log line (debug logging on) while alive, from every thread: for tests that check what the
// logs say, or that secrets never reach them.
class LogCapture
{
public:
    LogCapture()
    {
        QMutexLocker lock(&s_mutex);
        s_lines.clear();
        m_previous = qInstallMessageHandler(&LogCapture::handler);
        Logging::install(true);
    }
    ~LogCapture()
    {
        qInstallMessageHandler(m_previous);
        Logging::install(false);
    }
    LogCapture(const LogCapture &) = delete;
    LogCapture &operator=(const LogCapture &) = delete;

    static QStringList lines()
    {
        QMutexLocker lock(&s_mutex);
        return s_lines;
    }

private:
    static void handler(QtMsgType, const QMessageLogContext &context, const QString &message)
    {
        QMutexLocker lock(&s_mutex);
        s_lines.append(QString::fromLatin1(context.category ? context.category : "") + QLatin1Char(' ') + message);
    }
    static inline QMutex s_mutex;
    static inline QStringList s_lines;
    QtMessageHandler m_previous = nullptr;
};
