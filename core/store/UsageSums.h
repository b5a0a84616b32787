#pragma once

#include <QtGlobal>

#include <array>

// Model calls and their tokens, summed: what the usage table keeps per quarter hour and what the statistics
// show per group. Unknown token counts add nothing.
struct UsageSums
{
    qint64 calls = 0;
    qint64 failedCalls = 0; // calls whose answer was not a 2xx, including those the client left
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    qint64 cacheReadInputTokens = 0;
    qint64 cacheCreationInputTokens = 0;

    // The counts in one order, with the names the usage table, `switchyard --usage --json` and the CSV export
    // give them.
    static constexpr std::array<const char *, 6> kFieldNames = {"calls", "failed_calls", "input_tokens",
        "output_tokens", "cache_read_input_tokens", "cache_creation_input_tokens"};
    std::array<qint64, 6> values() const
    {
        return {calls, failedCalls, inputTokens, outputTokens, cacheReadInputTokens, cacheCreationInputTokens};
    }

    qint64 totalTokens() const { return inputTokens + outputTokens + cacheReadInputTokens + cacheCreationInputTokens; }

    void add(const UsageSums &other)
    {
        calls += other.calls;
        failedCalls += other.failedCalls;
        inputTokens += other.inputTokens;
        outputTokens += other.outputTokens;
        cacheReadInputTokens += other.cacheReadInputTokens;
        cacheCreationInputTokens += other.cacheCreationInputTokens;
    }
};
