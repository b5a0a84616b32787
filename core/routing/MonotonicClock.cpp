#include "routing/MonotonicClock.h"

#include "common/SteadyClock.h"

namespace {

class SteadyMonotonicClock final : public MonotonicClock
{
public:
    qint64 nowMs() const override { return SteadyClock::nowUs() / 1000; }
};

} // namespace

const MonotonicClock &MonotonicClock::steady()
{
    static const SteadyMonotonicClock clock;
    return clock;
}
