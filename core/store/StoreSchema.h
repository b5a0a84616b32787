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
//   record_bodies    the request and response bodies of a record, compressed (see BodyCodec); no row
//                    when bodies are not stored. Kept apart so that listing and scanning records never
//                    reads through megabytes of body pages.
//   store_counters   running totals kept in the same transactions as the rows they count
//                    ('stored_body_bytes': the sum of stored body sizes, used by retention by size).
//   config_documents the configuration as saved by the user, one JSON document per save; the newest row
//                    is the current configuration, older rows are its history.
//
// Version 2: request bodies keep their large repeated parts once.
//   body_parts       one row per part of request bodies (a top-level value other than `messages`, such as
//                    `system` or `tools`, or one element of `messages`, of at least 1 KiB; see
//                    RequestBodySplitter): its size, its stored size and its bytes as a zstd frame. Ids are
//                    given by the store thread. Any number of records may use a part.
//   record_body_parts which parts a record's request body uses (deleted with the record). A part no record
//                    uses any more is deleted by retention in the same transaction as its last record.
//   record_bodies.request_body is then either a plain body (zlib or zstd, as before) or a split body: the
//                    skeleton with the parts cut out plus where they go (SplitBodyCodec). Response bodies and
//                    bodies without large parts are stored whole, as before.
//   'stored_body_bytes' counts a part's stored bytes once, from its insertion to its deletion, in addition
//                    to every record's own stored bodies.
//
// Version 3: usage statistics that outlive the records.
//   usage_quarter_hours the model calls (endpoint /v1/messages) summed per quarter hour (started_at_ms / 900000,
//                    UTC; every time zone's midnight falls on a quarter hour), platform, upstream model and client
//                    key: calls, failed calls (status not 2xx, including 0) and the four token counts (unknown = 0).
//                    Written in the same transaction as the records it counts; retention and clearing records
//                    leave it alone. Filled from the records kept when the database is upgraded.
namespace StoreSchema {

QList<SchemaMigration> migrations();
int latestVersion();

inline constexpr const char *kStoredBodyBytesCounter = "stored_body_bytes";
inline constexpr qint64 kUsageBucketMs = 15 * 60 * 1000; // usage_quarter_hours.quarter_hour = started_at_ms / this

} // namespace StoreSchema
