#pragma once

#include "store/RecordQuery.h"

#include <QByteArray>
#include <QIODevice>
#include <QList>
#include <QString>
#include <functional>

// Records as JSON Lines (one JSON object per line), for sharing a session or loading it into other tools.
// Each line has the record's fields (snake_case, as in the database), the route decision as an object,
// and the bodies: a JSON body as JSON, anything else (an SSE stream, text) as a string. Records never
// hold secrets (the store removes key headers before writing), so neither does the export.
namespace RecordExport {

// One record as one line (with the trailing "\n"). Pure.
QByteArray toJsonLine(const StoredRecord &stored);

// Writes the records with the given ids (in that order), or — when `ids` is empty — every record the
// filter selects, oldest first. Reads in pages, so memory stays flat for any number of records.
// `progress` (optional) is called after each record with the number written; returning false cancels.
// Returns the number of records written, or -1 with *error.
qint64 write(const RecordQuery &query, const QList<qint64> &ids, const RecordFilter &filter, QIODevice *out,
    QString *error, const std::function<bool(qint64 written)> &progress = {});

// The same into a file, written atomically (a failed export leaves no half file). Opens its own
// connection to the database in `dataDir`, so it may run on any thread.
qint64 writeFile(const QString &dataDir, const QList<qint64> &ids, const RecordFilter &filter, const QString &path,
    QString *error, const std::function<bool(qint64 written)> &progress = {});

} // namespace RecordExport
