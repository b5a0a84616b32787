#pragma once

#include <QtGlobal>
#include <chrono>

// Monotonic microseconds for measuring durations inside one process (never for wall-clock time).
namespace SteadyClock {

inline qint64 nowUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace SteadyClock
