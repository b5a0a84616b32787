#pragma once

#include "config/Config.h"
#include "platforms/DiscoveredModel.h"

#include <QHash>
#include <QObject>
#include <QStringList>

// The models Switchyard knows per platform, for pickers: those listed in the configuration (`models[]`)
// and those the platform's model list returned when it was last refreshed in this session.
class ModelCatalog : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    void setDiscovered(const QString &platformId, const QList<DiscoveredModel> &models);
    QList<DiscoveredModel> discovered(const QString &platformId) const { return m_discovered.value(platformId); }
    const DiscoveredModel *findDiscovered(const QString &platformId, const QString &modelId) const;

    // "platform:model" for every enabled platform's configured and discovered models, sorted.
    QStringList references(const Config &config) const;

Q_SIGNALS:
    void changed();

private:
    QHash<QString, QList<DiscoveredModel>> m_discovered;
};
