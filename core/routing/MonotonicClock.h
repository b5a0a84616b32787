#pragma once

#include <QtGlobal>

// The one clock routing state reads (turn memory, circuit breakers): milliseconds on a monotonic scale.
// Tests pass a fake whose time they set; production code uses steady().
class MonotonicClock
{
public:
    virtual ~MonotonicClock() = default;
    virtual qint64 nowMs() const = 0;

    // std::chrono::steady_clock; lives as long as the program.
    static const MonotonicClock &steady();
};
