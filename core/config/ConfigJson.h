#pragma once

#include "config/Config.h"

#include <QByteArray>
#include <QString>
#include <optional>

// The configuration's JSON form (documented field by field in docs/configuration.md):
//   {"version": 1, "listen": "127.0.0.1:8000", "config_type": "claude_code", "claude_code": {...},
//    "model_priority_list": [...], "routing_models": [...], "scenes": [...], "tiers": {...}, "rules": {...},
//    "classifier": {...}, "fallback": {...}, "platforms": [...], "client_keys": [...], "limits": {...},
//    "records": {...}}
// Everything but "version" is optional. Reading is strict: unknown fields, wrong types and values out of
// range are errors naming the field's path, so typos are caught instead of silently ignored.
namespace ConfigJson {

// Parses and validates (types, then ConfigValidator's rules). On failure returns nullopt and sets *error
// to "path: problem" (e.g. `platforms[0]: unknown field "api_kye"`), or "line L, column C: problem" for a
// JSON syntax error. Environment references are kept as written.
std::optional<Config> read(const QByteArray &json, QString *error);

// The same form, every field written, keys in the documented order, two-space indentation, UTF-8, a final
// newline. read(write(c)) == c for every valid c.
QByteArray write(const Config &config);

// "host:port" with IPv6 hosts in brackets ("[::1]:8000").
QString listenAddress(const ServerSettings &server);
// The reverse, for the "listen" field and the --listen option. On failure returns nullopt and sets *error to
// the problem (without a field path).
std::optional<ServerSettings> parseListenAddress(const QString &listen, QString *error);

} // namespace ConfigJson
