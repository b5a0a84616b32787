#pragma once

#include <QByteArray>
#include <QString>

namespace TestSupport {

// The repository's root (from SWITCHYARD_SOURCE_DIR, set by CTest).
QString sourceDir();
// The build tree's root (from SWITCHYARD_BINARY_DIR, set by CTest; else the one the tests were built in).
QString binaryDir();
// Reads a file below tests/fixtures/ (fails the calling test if it cannot).
QByteArray readFixture(const QString &relativePath);

} // namespace TestSupport
