#pragma once

#include "platforms/DiscoveredModel.h"
#include "platforms/ModelListParser.h"
#include "platforms/PlatformFailure.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

// The outcome of fetching a platform's model list.
struct ModelDiscoveryResult
{
    PlatformFailure failure; // category Ok when the list was read
    QList<DiscoveredModel> models; // chat models only (embedding models are left out), in the platform's order
    QString source; // the URL that answered with the list (without its query)
    ModelListDialect dialect = ModelListDialect::OpenAI;
    int pages = 0; // answers read (Anthropic lists come in pages)
    bool truncated = false; // more pages were announced than the page bound allowed
    qint64 latencyMs = -1; // the first request: from sending it to the first byte of its answer
    qint64 elapsedMs = 0; // the whole discovery

    bool ok() const { return !failure.isFailure(); }
    QStringList ids() const;
    // The model with that id, or null.
    const DiscoveredModel *find(const QString &id) const;
};

Q_DECLARE_METATYPE(ModelDiscoveryResult)
