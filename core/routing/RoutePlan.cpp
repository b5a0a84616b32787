#include "routing/RoutePlan.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

QByteArray RoutePlan::toJson() const
{
    QJsonArray targets;
    for (const RouteTarget &target : attempts) {
        targets.append(QJsonObject{
            {QStringLiteral("platform"), target.platform.id},
            {QStringLiteral("model"), target.model},
            {QStringLiteral("protocol"), wireProtocolId(target.protocol)},
        });
    }
    QJsonObject object{
        {QStringLiteral("mode"), routingModeId(mode)},
        {QStringLiteral("reason"), reason},
        {QStringLiteral("targets"), targets},
    };
    if (!error.isEmpty())
        object.insert(QStringLiteral("error"), error);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}
