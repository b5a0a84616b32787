#pragma once

#include "FakeUpstream.h"

#include <QThread>

// Runs a FakeUpstream on a thread of its own, listening on 127.0.0.1 and a free port, so that a test may
// block its own thread (a blocking socket, a synchronous wait) while the fake keeps answering. Script it and
// read its records through upstream() (those calls are thread-safe). Its signals are emitted on its own
// thread: prefer disconnectedPaths() / receivedRequests() to a QSignalSpy, which is not meant for that.
class FakeUpstreamThread
{
public:
    explicit FakeUpstreamThread(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    ~FakeUpstreamThread(); // destroys the fake on its thread, then stops the thread

    FakeUpstreamThread(const FakeUpstreamThread &) = delete;
    FakeUpstreamThread &operator=(const FakeUpstreamThread &) = delete;

    bool isListening() const { return m_listening; }
    FakeUpstream &upstream() { return *m_upstream; }
    FakeUpstream *operator->() { return m_upstream; }

private:
    QThread m_thread;
    FakeUpstream *m_upstream = nullptr;
    bool m_listening = false;
};
