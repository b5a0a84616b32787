#pragma once

#include "config/Config.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <optional>

// One model as a platform's model list describes it. Capabilities are hints the list happened to carry
// (OpenRouter's context_length and supported_parameters, LM Studio's type "vlm", ...); unset means the
// list said nothing, never "no". Prices likewise.
struct DiscoveredModel
{
    QString id; // the name requests use
    QString displayName; // the platform's own label; the id when it has none
    std::optional<int> contextWindow;
    std::optional<int> maxOutputTokens;
    std::optional<bool> supportsTools;
    std::optional<bool> supportsVision;
    std::optional<bool> supportsReasoning;
    // What the list says the model costs, per million tokens in US dollars (OpenRouter's `pricing`); unset
    // when it says nothing. Never applied by itself: the windows offer it as the model's price.
    std::optional<ModelPrice> listPrice;

    // The same hints as configuration-shaped settings (id included, unset fields stay unset).
    ModelSettings toModelSettings() const;
    bool operator==(const DiscoveredModel &other) const;
    bool operator!=(const DiscoveredModel &other) const { return !(*this == other); }
};

Q_DECLARE_METATYPE(DiscoveredModel)
