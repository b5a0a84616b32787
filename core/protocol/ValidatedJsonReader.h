#pragma once

#include <QByteArrayView>
#include <QJsonObject>

// Builds a QJsonObject from a body that RequestBodyInspector has already accepted (well-formed, UTF-8, an object),
// about twice as fast as QJsonDocument::fromJson on Claude Code requests: strings without escapes are converted
// in one piece, and nothing is validated twice. The result is what QJsonDocument would produce; the rare body that
// needs Qt's own handling (a \u escape of a lone surrogate) is read by QJsonDocument instead.
//
// Only for validated input: on anything else the result is unspecified (but reading never goes past the end).
namespace ValidatedJsonReader {

QJsonObject readObject(QByteArrayView validatedJson);

} // namespace ValidatedJsonReader
