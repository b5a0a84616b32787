#include "platforms/DiscoveredModel.h"

ModelSettings DiscoveredModel::toModelSettings() const
{
    ModelSettings settings;
    settings.id = id;
    settings.contextWindow = contextWindow;
    settings.maxOutputTokens = maxOutputTokens;
    settings.supportsTools = supportsTools;
    settings.supportsVision = supportsVision;
    settings.supportsReasoning = supportsReasoning;
    return settings;
}

bool DiscoveredModel::operator==(const DiscoveredModel &other) const
{
    return id == other.id && displayName == other.displayName && contextWindow == other.contextWindow
        && maxOutputTokens == other.maxOutputTokens && supportsTools == other.supportsTools
        && supportsVision == other.supportsVision && supportsReasoning == other.supportsReasoning
        && listPrice == other.listPrice;
}
