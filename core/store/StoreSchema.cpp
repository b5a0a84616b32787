#include "store/StoreSchema.h"

namespace StoreSchema {

namespace {

SchemaMigration version1()
{
    SchemaMigration step;
    step.version = 1;
    step.description = QStringLiteral("records, record bodies, counters and configuration documents");
    step.statements = {
        QStringLiteral("CREATE TABLE records ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " request_id TEXT NOT NULL DEFAULT '',"
                       " started_at_ms INTEGER NOT NULL,"
                       " client_key_id TEXT NOT NULL DEFAULT '',"
                       " method TEXT NOT NULL DEFAULT '',"
                       " endpoint TEXT NOT NULL DEFAULT '',"
                       " session_id TEXT NOT NULL DEFAULT '',"
                       " routing_mode TEXT NOT NULL DEFAULT '',"
                       " route_json TEXT NOT NULL DEFAULT '',"
                       " platform_id TEXT NOT NULL DEFAULT '',"
                       " requested_model TEXT NOT NULL DEFAULT '',"
                       " upstream_model TEXT NOT NULL DEFAULT '',"
                       " stream INTEGER NOT NULL DEFAULT 0,"
                       " status INTEGER NOT NULL DEFAULT 0,"
                       " upstream_status INTEGER NOT NULL DEFAULT 0,"
                       " duration_us INTEGER NOT NULL DEFAULT 0,"
                       " first_byte_us INTEGER,"
                       " upstream_duration_us INTEGER,"
                       " input_tokens INTEGER,"
                       " output_tokens INTEGER,"
                       " cache_read_input_tokens INTEGER,"
                       " cache_creation_input_tokens INTEGER,"
                       " request_headers_json TEXT NOT NULL DEFAULT '',"
                       " request_body_size INTEGER NOT NULL DEFAULT 0,"
                       " request_body_stored_size INTEGER NOT NULL DEFAULT 0,"
                       " response_body_size INTEGER NOT NULL DEFAULT 0,"
                       " response_body_stored_size INTEGER NOT NULL DEFAULT 0,"
                       " bodies_stored INTEGER NOT NULL DEFAULT 0,"
                       " error_type TEXT NOT NULL DEFAULT '',"
                       " error_message TEXT NOT NULL DEFAULT '',"
                       " client_cancelled INTEGER NOT NULL DEFAULT 0"
                       ")"),
        QStringLiteral("CREATE INDEX records_started_at ON records (started_at_ms)"),
        QStringLiteral("CREATE INDEX records_platform ON records (platform_id)"),
        QStringLiteral("CREATE INDEX records_upstream_model ON records (upstream_model)"),
        QStringLiteral("CREATE INDEX records_requested_model ON records (requested_model)"),
        QStringLiteral("CREATE INDEX records_status ON records (status)"),
        QStringLiteral("CREATE INDEX records_client_key ON records (client_key_id)"),
        QStringLiteral("CREATE INDEX records_session ON records (session_id)"),
        QStringLiteral("CREATE TABLE record_bodies ("
                       " record_id INTEGER PRIMARY KEY REFERENCES records (id) ON DELETE CASCADE,"
                       " request_body BLOB,"
                       " response_body BLOB"
                       ")"),
        QStringLiteral("CREATE TABLE store_counters ("
                       " name TEXT PRIMARY KEY,"
                       " value INTEGER NOT NULL"
                       ")"),
        QStringLiteral("INSERT INTO store_counters (name, value) VALUES ('stored_body_bytes', 0)"),
        QStringLiteral("CREATE TABLE config_documents ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " saved_at_ms INTEGER NOT NULL,"
                       " json TEXT NOT NULL"
                       ")"),
    };
    return step;
}

SchemaMigration version2()
{
    SchemaMigration step;
    step.version = 2;
    step.description = QStringLiteral("request body parts stored once and shared between records");
    step.statements = {
        QStringLiteral("CREATE TABLE body_parts ("
                       " id INTEGER PRIMARY KEY,"
                       " size INTEGER NOT NULL,"
                       " stored_size INTEGER NOT NULL,"
                       " data BLOB NOT NULL"
                       ")"),
        QStringLiteral("CREATE TABLE record_body_parts ("
                       " record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,"
                       " part_id INTEGER NOT NULL REFERENCES body_parts (id),"
                       " PRIMARY KEY (record_id, part_id)"
                       ") WITHOUT ROWID"),
        QStringLiteral("CREATE INDEX record_body_parts_part ON record_body_parts (part_id)"),
    };
    return step;
}

SchemaMigration version3()
{
    SchemaMigration step;
    step.version = 3;
    step.description = QStringLiteral("usage per quarter hour, kept when records are pruned or cleared");
    step.statements = {
        QStringLiteral("CREATE TABLE usage_quarter_hours ("
                       " quarter_hour INTEGER NOT NULL," // started_at_ms / 900000
                       " platform_id TEXT NOT NULL,"
                       " upstream_model TEXT NOT NULL,"
                       " client_key_id TEXT NOT NULL,"
                       " calls INTEGER NOT NULL,"
                       " failed_calls INTEGER NOT NULL,"
                       " input_tokens INTEGER NOT NULL,"
                       " output_tokens INTEGER NOT NULL,"
                       " cache_read_input_tokens INTEGER NOT NULL,"
                       " cache_creation_input_tokens INTEGER NOT NULL,"
                       " PRIMARY KEY (quarter_hour, platform_id, upstream_model, client_key_id)"
                       ") WITHOUT ROWID"),
        // The records kept so far, counted the way RecordWriter counts new ones (UsageCounts).
        QStringLiteral("INSERT INTO usage_quarter_hours SELECT started_at_ms / 900000, platform_id, upstream_model,"
                       " client_key_id, COUNT(*), SUM(CASE WHEN status BETWEEN 200 AND 299 THEN 0 ELSE 1 END),"
                       " COALESCE(SUM(input_tokens), 0), COALESCE(SUM(output_tokens), 0),"
                       " COALESCE(SUM(cache_read_input_tokens), 0), COALESCE(SUM(cache_creation_input_tokens), 0)"
                       " FROM records WHERE endpoint = '/v1/messages'"
                       " GROUP BY started_at_ms / 900000, platform_id, upstream_model, client_key_id"),
    };
    return step;
}

} // namespace

QList<SchemaMigration> migrations()
{
    return {version1(), version2(), version3()};
}

int latestVersion()
{
    return migrations().constLast().version;
}

} // namespace StoreSchema
