#include "convert/ResponseContext.h"

#include "convert/TokenEstimator.h"

int ResponseContext::inputTokenEstimate() const
{
    if (estimatedInputTokens < 0)
        estimatedInputTokens = request.isEmpty() ? 0 : TokenEstimator::estimateRequest(request);
    return estimatedInputTokens;
}
