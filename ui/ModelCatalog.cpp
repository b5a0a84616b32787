#include "ModelCatalog.h"

void ModelCatalog::setDiscovered(const QString &platformId, const QList<DiscoveredModel> &models)
{
    m_discovered.insert(platformId, models);
    Q_EMIT changed();
}

const DiscoveredModel *ModelCatalog::findDiscovered(const QString &platformId, const QString &modelId) const
{
    const auto it = m_discovered.constFind(platformId);
    if (it == m_discovered.constEnd())
        return nullptr;
    for (const DiscoveredModel &model : *it) {
        if (model.id == modelId)
            return &model;
    }
    return nullptr;
}

QStringList ModelCatalog::references(const Config &config) const
{
    QStringList references;
    for (const PlatformConfig &platform : config.platforms) {
        QStringList ids;
        for (const ModelSettings &model : platform.models)
            ids << model.id;
        for (const DiscoveredModel &model : m_discovered.value(platform.id))
            ids << model.id;
        ids.removeDuplicates();
        for (const QString &id : std::as_const(ids))
            references << platform.id + QLatin1Char(':') + id;
    }
    references.sort(Qt::CaseInsensitive);
    return references;
}
