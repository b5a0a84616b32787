#include "FakeUpstreamThread.h"

FakeUpstreamThread::FakeUpstreamThread(const QHostAddress &address, quint16 port)
{
    m_thread.setObjectName(QStringLiteral("FakeUpstream"));
    m_upstream = new FakeUpstream;
    m_upstream->moveToThread(&m_thread);
    m_thread.start();
    m_listening = m_upstream->listen(address, port); // runs on the fake's thread
}

FakeUpstreamThread::~FakeUpstreamThread()
{
    FakeUpstream *upstream = m_upstream;
    QMetaObject::invokeMethod(
        upstream, [upstream] { delete upstream; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}
