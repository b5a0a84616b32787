#include "platforms/ModelDiscoveryResult.h"

QStringList ModelDiscoveryResult::ids() const
{
    QStringList result;
    result.reserve(models.size());
    for (const DiscoveredModel &model : models)
        result.append(model.id);
    return result;
}

const DiscoveredModel *ModelDiscoveryResult::find(const QString &id) const
{
    for (const DiscoveredModel &model : models) {
        if (model.id == id)
            return &model;
    }
    return nullptr;
}
