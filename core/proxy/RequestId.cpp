#include "proxy/RequestId.h"

#include <QRandomGenerator>

QString newRequestId()
{
    static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    QString id = QStringLiteral("req_");
    id.reserve(28);
    QRandomGenerator *random = QRandomGenerator::global();
    for (int i = 0; i < 24; ++i)
        id.append(QLatin1Char(alphabet[random->bounded(62)]));
    return id;
}
