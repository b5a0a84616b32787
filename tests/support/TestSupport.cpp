#include "TestSupport.h"

#include <QFile>
#include <QtGlobal>

namespace TestSupport {

QString sourceDir()
{
    const QString dir = qEnvironmentVariable("SWITCHYARD_SOURCE_DIR");
    if (!dir.isEmpty())
        return dir;
    return QStringLiteral(SWITCHYARD_TEST_SOURCE_DIR);
}

QString binaryDir()
{
    const QString dir = qEnvironmentVariable("SWITCHYARD_BINARY_DIR");
    if (!dir.isEmpty())
        return dir;
    return QStringLiteral(SWITCHYARD_TEST_BINARY_DIR);
}

QByteArray readFixture(const QString &relativePath)
{
    QFile file(sourceDir() + QStringLiteral("/tests/fixtures/") + relativePath);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture %s", qPrintable(file.fileName()));
    return file.readAll();
}

} // namespace TestSupport
