#include "routing/RouteRequest.h"

bool RouteRequest::isMessageRequest() const
{
    return endpoint == QLatin1String("/v1/messages") || isCountTokens();
}

bool RouteRequest::isCountTokens() const
{
    return endpoint == QLatin1String("/v1/messages/count_tokens");
}

bool RouteRequest::looksLikeBackground(const QString &model, bool hasTools, qint64 maxTokens)
{
    if (hasTools)
        return false;
    return model.contains(QLatin1String("haiku"), Qt::CaseInsensitive)
        || (maxTokens > 0 && maxTokens <= kBackgroundMaxTokens);
}

bool RouteRequest::isBackground() const
{
    return isMessageRequest() && looksLikeBackground(model, hasTools, maxTokens);
}
