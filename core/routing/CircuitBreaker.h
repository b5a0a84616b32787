#pragma once

#include "config/Config.h"

#include <QtGlobal>
#include <vector>

// The health of one platform-model, from the outcomes of its recent attempts. Pure state: the caller passes
// the time (HealthRegistry reads its MonotonicClock).
//
//   Closed   -> Open      when, over the last `window` outcomes and with at least `minRequests` of them,
//                         failures / outcomes reaches `errorRatio` (never on a single error)
//   Open     -> HalfOpen  once the cooldown has passed
//   HalfOpen              admits ONE probe (tryAcquire); its success closes the breaker (window cleared,
//                         cooldown back to the base), its failure opens it again for twice the cooldown
//                         (at most kMaxCooldownFactor times the base)
// Outcomes reported while Open before the cooldown ends (attempts that started earlier) are ignored.
//
// Besides, a rest (rest()) keeps the model out of use until a time given by the platform (429 Retry-After)
// and needs no probe, and openUntilProbe() opens it for a fixed interval after which a probe decides (model
// not found: the model may appear, or the configuration may be fixed).
class CircuitBreaker
{
public:
    enum class State
    {
        Closed,
        Open,
        HalfOpen
    };

    static constexpr int kMaxCooldownFactor = 8;
    static constexpr qint64 kProbeLeaseMs = 10LL * 60 * 1000; // a probe never reported frees its slot after this

    struct Settings
    {
        int window = 20;
        int minRequests = 5;
        double errorRatio = 0.5;
        qint64 cooldownMs = 60'000;

        static Settings from(const BreakerSettings &settings);
        bool operator==(const Settings &other) const;
    };

    CircuitBreaker(); // default Settings
    explicit CircuitBreaker(Settings settings);

    State state(qint64 nowMs) const;
    bool isResting(qint64 nowMs) const { return nowMs < m_restUntilMs; }
    // An attempt could start now: not resting, and Closed, or HalfOpen with the probe slot free.
    bool allowsRequest(qint64 nowMs) const;
    // As allowsRequest, and in HalfOpen takes the probe slot. Call it right before starting an attempt.
    bool tryAcquire(qint64 nowMs);
    // When the model can next be tried: nowMs when it can now.
    qint64 availableAtMs(qint64 nowMs) const;

    void recordSuccess(qint64 nowMs);
    void recordFailure(qint64 nowMs);
    void releaseProbe(); // the attempt ended without saying anything about the model (cancelled, client error)
    void rest(qint64 nowMs, qint64 durationMs);
    void openUntilProbe(qint64 nowMs, qint64 intervalMs);

    int outcomeCount() const { return m_count; }
    int failureCount() const { return m_failures; }
    qint64 cooldownMs() const { return m_cooldownMs; } // the current one (grows with failed probes)
    const Settings &settings() const { return m_settings; }

private:
    void push(bool failure);
    void open(qint64 nowMs, qint64 durationMs);
    void close();
    bool probeSlotFree(qint64 nowMs) const;

    Settings m_settings;
    std::vector<bool> m_ring; // true = failure
    int m_next = 0;
    int m_count = 0;
    int m_failures = 0;
    bool m_open = false;
    qint64 m_openUntilMs = 0;
    qint64 m_cooldownMs = 0;
    bool m_probeInFlight = false;
    qint64 m_probeStartedMs = 0;
    qint64 m_restUntilMs = 0;
};
