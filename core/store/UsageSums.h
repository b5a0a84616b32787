#pragma once

#include <QtGlobal>

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
