#pragma once

#include "routing/MonotonicClock.h"

// A clock that stands still until the test moves it.
class FakeClock final : public MonotonicClock
{
public:
    qint64 nowMs() const override { return m_nowMs; }
    void advance(qint64 ms) { m_nowMs += ms; }
    void set(qint64 ms) { m_nowMs = ms; }

private:
    qint64 m_nowMs = 1'000'000; // not zero: "0" must not look special
};
