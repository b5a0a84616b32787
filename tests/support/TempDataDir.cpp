#include "TempDataDir.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <cstdio>

TempDataDir::TempDataDir()
    : m_dir(QDir::tempPath() + QStringLiteral("/switchyard-test-XXXXXX"))
{
    if (!m_dir.isValid())
        qWarning("TempDataDir: cannot create a temporary folder: %s", qPrintable(m_dir.errorString()));
}

TempDataDir::~TempDataDir()
{
    if (!m_dir.isValid())
        return;
    const QByteArray keep = qgetenv("SWITCHYARD_KEEP_TEST_DATA");
    const bool keepAlways = keep == "always";
    const bool keepOnFailure = keep == "1" && QTest::currentTestFailed();
    if (keepAlways || keepOnFailure) {
        m_dir.setAutoRemove(false);
        std::fprintf(stderr, "TempDataDir: kept test data in %s\n", qPrintable(QDir::toNativeSeparators(path())));
        std::fflush(stderr);
    }
}

QString TempDataDir::file(const QString &name) const
{
    return QDir(m_dir.path()).filePath(name);
}

QString TempDataDir::writeFile(const QString &name, const QByteArray &contents) const
{
    const QString target = file(name);
    QFile output(target);
    if (!output.open(QIODevice::WriteOnly | QIODevice::Truncate) || output.write(contents) != contents.size())
        return {};
    return target;
}
