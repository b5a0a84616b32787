#pragma once

#include "store/SchemaMigration.h"

#include <QList>

// The store's schema, as an ordered list of migrations. Append a step to change it; never edit a step that
// has shipped. This is the SQLite dialect; a PostgreSQL store would keep its own list with the same versions.
//
// Version 1:
//   records          one row per call: every CallRecord field except the bodies, plus the bodies' sizes
//                    (uncompressed and as stored). Token counts are NULL when unknown. Times are UTC
//                    milliseconds since the epoch; durations are microseconds.
//   record_bodies    the request and response bodies of a record, zlib-compressed (see BodyCodec); no row
//                    when bodies are not stored. Kept apart so that listing and scanning records never
//                    reads through megabytes of body pages.
//   store_counters   running totals kept in the same transactions as the rows they count
//                    ('stored_body_bytes': the sum of stored body sizes, used by retention by size).
//   config_documents the configuration as saved by the user, one JSON document per save; the newest row
//                    is the current configuration, older rows are its history.
namespace StoreSchema {

QList<SchemaMigration> migrations();
int latestVersion();

inline constexpr const char *kStoredBodyBytesCounter = "stored_body_bytes";

} // namespace StoreSchema
