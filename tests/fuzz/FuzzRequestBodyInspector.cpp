// RequestBodyInspector (the pass-through path's JSON validator) on arbitrary bytes: no crash, no sanitizer
// report, and whatever it accepts is a JSON object Qt's parser also reads to the same model and stream values
// (Qt is more lenient than RFC 8259 in places, so only that direction is checked) — and ValidatedJsonReader
// builds from it exactly the object Qt builds.
#include "FuzzSupport.h"
#include "protocol/RequestBodyInspector.h"
#include "protocol/ValidatedJsonReader.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    const RequestBodyInspection inspection = RequestBodyInspector::inspect(body);
    if (!inspection.valid) {
        if (inspection.error.isEmpty())
            abort(); // every rejection says why
        return 0;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::IllegalNumber)
        return 0; // numbers beyond double range: RFC 8259 allows them, Qt does not
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        fprintf(stderr, "inspector accepted what Qt rejects: %s\n", qPrintable(error.errorString()));
        abort();
    }
    const QJsonObject object = document.object();
    if (object.value(QStringLiteral("model")).toString() != inspection.model
        || object.value(QStringLiteral("stream")).toBool() != inspection.stream
        || !object.value(QStringLiteral("messages")).isArray()) {
        fprintf(stderr, "inspector and Qt read different values\n");
        abort();
    }
    // The fast reader of validated bodies must build exactly Qt's object.
    const QJsonObject fast = ValidatedJsonReader::readObject(body);
    if (fast != object
        || QJsonDocument(fast).toJson(QJsonDocument::Compact) != QJsonDocument(object).toJson(QJsonDocument::Compact)) {
        fprintf(stderr, "ValidatedJsonReader and Qt built different objects\n");
        abort();
    }
    return 0;
}
