#pragma once

#include "config/Config.h"
#include "routing/RoutePlan.h"
#include "routing/UpstreamFailureTable.h"
#include "upstream/UpstreamRequest.h"

class HealthRegistry;

// The pure core of the fallback loop: which of a RoutePlan's attempts comes next, after how long, with which
// timeouts, under the configuration's fallback settings and the health registry.
//
//   FallbackSequence sequence(plan, config.routing.fallback, &health, stream);
//   for (Step step = sequence.first(); step.isValid(); step = sequence.next(decision)) {
//       wait step.delayMs; run plan.attempts[step.targetIndex] with step.timeouts;
//       success -> health.recordSuccess(...), done
//       failure -> decision = UpstreamFailureTable::classify(...); health.recordFailure(..., decision)
//   }
//   no (more) step -> the client gets the last decision's clientError (or, with no attempt at all, an error
//                     saying every model rests)
//
// Rules: at most fallback.max_attempts attempts in all; a failure whose class allows it retries the same
// model at most fallback.retry_same_model times, after backoff_ms doubled per retry (or the platform's
// Retry-After when longer, up to kMaxDelayMs); otherwise, when the class allows falling back, the next
// candidate the health registry lets begin. A decision that ends the stream, or allows neither, stops.
// When no candidate may begin for the FIRST attempt (every one rests), the first candidate is tried anyway
// (`forced`): a breaker chooses among alternatives, it never refuses a request on its own.
// HealthRegistry::tryBeginAttempt is called for every step it returns (the caller must then record an
// outcome). Not for forced steps: their outcome is still recorded.
class FallbackSequence
{
public:
    static constexpr int kMaxDelayMs = 30'000;

    struct Step
    {
        int targetIndex = -1; // into RoutePlan::attempts; -1 = stop
        int delayMs = 0; // wait before starting the attempt
        bool isRetry = false; // the same target as the previous attempt
        bool forced = false; // every candidate was resting; tried anyway
        UpstreamTimeouts timeouts; // for this attempt

        bool isValid() const { return targetIndex >= 0; }
    };

    // `health` may be null (every candidate available). `streaming`: the client asked for a stream (the
    // shorter first-byte timeout only applies to streams, whose first byte comes long before the answer ends).
    FallbackSequence(const RoutePlan &plan, const FallbackSettings &settings, HealthRegistry *health, bool streaming);

    Step first();
    Step next(const FailureDecision &failure);

    int attemptsMade() const { return m_attempts; }
    // Why candidates were passed over while walking (for the record), e.g. "dashscope:qwen3-max: open for 40 s more".
    const QStringList &passedOver() const { return m_passedOver; }

    // The platform's timeouts, with the first-byte timeout shortened to fallback.first_byte_timeout_ms for a
    // streaming attempt that has another candidate after it.
    static UpstreamTimeouts timeoutsFor(
        const TimeoutSettings &platform, const FallbackSettings &settings, bool streaming, bool hasFallbackAfter);
    // backoff_ms * 2^(retry - 1) for retry >= 1, at most kMaxDelayMs.
    static int backoffMs(const FallbackSettings &settings, int retry);

private:
    Step stepFor(int index, int delayMs, bool isRetry, bool forced) const;
    bool tryBegin(int index);
    bool hasAvailableAfter(int index) const;

    const RoutePlan &m_plan;
    FallbackSettings m_settings;
    HealthRegistry *m_health = nullptr;
    bool m_streaming = false;
    int m_current = -1;
    int m_attempts = 0;
    int m_retriesOfCurrent = 0;
    QStringList m_passedOver;
};
