#pragma once

// Shared by the platform integration tests: platform settings pointing at a FakeUpstream, short timers,
// and a bounded wait for an asynchronous result.

#include "FakeUpstream.h"
#include "config/Config.h"
#include "upstream/UpstreamRequest.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>
#include <QTest>

namespace PlatformTestSupport {

inline const QString kApiKey = QStringLiteral("sk-test-secret-0123456789abcdef");

// A platform of `type` whose base URL is the fake's address plus `basePath` ("/v1", "" for Anthropic).
inline PlatformConfig platformAt(
    const FakeUpstream &fake, PlatformType type, const QString &basePath, const QString &apiKey = kApiKey)
{
    PlatformConfig platform;
    platform.id = QStringLiteral("fake-") + platformTypeId(type);
    platform.name = QStringLiteral("Fake %1").arg(platformTypeId(type));
    platform.type = type;
    platform.baseUrl = fake.baseUrl().toString() + basePath;
    platform.apiKey = apiKey;
    return platform;
}

inline UpstreamTimeouts shortTimeouts(int firstByteMs = 300)
{
    UpstreamTimeouts timeouts;
    timeouts.connectMs = 2'000;
    timeouts.firstByteMs = firstByteMs;
    timeouts.idleMs = firstByteMs;
    timeouts.totalMs = 0;
    return timeouts;
}

// Collects every emission of a `finished(const Result &)` signal.
template<typename Result>
class ResultCollector
{
public:
    template<typename Emitter>
    ResultCollector(Emitter *emitter, void (Emitter::*signal)(const Result &))
    {
        m_connection = QObject::connect(emitter, signal, [this](const Result &result) { results.append(result); });
    }
    ~ResultCollector() { QObject::disconnect(m_connection); }

    // Runs the event loop until a result arrived (at most `timeoutMs`).
    bool wait(int timeoutMs = 10'000)
    {
        QElapsedTimer clock;
        clock.start();
        while (results.isEmpty() && clock.elapsed() < timeoutMs)
            QTest::qWait(5);
        return !results.isEmpty();
    }
    const Result &last() const { return results.constLast(); }

    QList<Result> results;

private:
    QMetaObject::Connection m_connection;
};

} // namespace PlatformTestSupport
