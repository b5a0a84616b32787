#include "common/LogBuffer.h"

#include <atomic>

namespace {

std::atomic<LogBuffer *> g_instance {nullptr};

} // namespace

LogBuffer::LogBuffer(int capacity, QObject *parent)
    : QObject(parent)
    , m_capacity(qMax(1, capacity))
{
}

LogBuffer *LogBuffer::instance()
{
    return g_instance.load();
}

void LogBuffer::setInstance(LogBuffer *buffer)
{
    g_instance.store(buffer);
}

void LogBuffer::append(QtMsgType type, const QString &category, const QString &text)
{
    qint64 id = 0;
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        LogMessage message;
        message.id = ++m_lastId;
        message.time = QDateTime::currentDateTime();
        message.type = type;
        message.category = category;
        message.text = text;
        m_messages.push_back(std::move(message));
        while (m_messages.size() > static_cast<size_t>(m_capacity))
            m_messages.pop_front();
        id = m_lastId;
    }
    Q_EMIT newMessage(id);
}

QList<LogMessage> LogBuffer::messages(qint64 afterId) const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    QList<LogMessage> result;
    if (m_messages.empty() || m_messages.back().id <= afterId)
        return result;
    // Ids are consecutive: jump to the first newer message.
    const qint64 firstId = m_messages.front().id;
    size_t start = afterId < firstId ? 0 : static_cast<size_t>(afterId - firstId + 1);
    result.reserve(static_cast<qsizetype>(m_messages.size() - start));
    for (size_t i = start; i < m_messages.size(); ++i)
        result.append(m_messages[i]);
    return result;
}

qint64 LogBuffer::lastId() const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_lastId;
}

void LogBuffer::clear()
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_messages.clear();
}
