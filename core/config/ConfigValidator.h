#pragma once

#include "config/Config.h"

#include <QString>
#include <limits>

// The rules a configuration must satisfy beyond its JSON types, checked on the written form (before
// environment references are expanded) whether it came from a file, the database or the windows.
// Problems are reported with the field's JSON path, e.g. `platforms[1].base_url: must be an http://
// or https:// URL`, so the same message serves a file, the command line and the editor.
namespace ConfigValidator {

// Bounds of the integer fields (JSON names in the comments).
constexpr qint64 kMaxRequestBodyBytes = 1024LL * 1024 * 1024; // limits.max_request_body_bytes
constexpr qint64 kMaxConnections = 100'000; // limits.max_connections
constexpr qint64 kMaxKeepAliveSeconds = 86'400; // limits.keep_alive_seconds
constexpr qint64 kMaxShutdownGraceSeconds = 3'600; // limits.shutdown_grace_seconds
constexpr qint64 kMaxRetentionDays = 36'500; // records.retention_days
constexpr qint64 kBytesPerMegabyte = 1024LL * 1024; // records.max_total_mb is in MiB
constexpr qint64 kMaxTotalMegabytes = std::numeric_limits<qint64>::max() / kBytesPerMegabyte;
constexpr qint64 kMaxInt = std::numeric_limits<int>::max(); // timeouts, token counts
constexpr qint64 kMaxClassifierDeadlineMs = 600'000; // classifier.deadline_ms
constexpr qint64 kMaxAttempts = 20; // fallback.max_attempts
constexpr qint64 kMaxRetrySameModel = 5; // fallback.retry_same_model
constexpr qint64 kMaxBackoffMs = 60'000; // fallback.backoff_ms
constexpr qint64 kMaxBreakerWindow = 1'000; // fallback.breaker.window, .min_requests
constexpr qint64 kMaxCooldownSeconds = 86'400; // fallback.breaker.cooldown_s
constexpr double kMaxPrice = 1'000'000; // platforms[].models[].price.*, per million tokens

// The placeholder that ConfigService::exportJson writes instead of a secret.
inline QString secretPlaceholder()
{
    return QStringLiteral("********");
}

// The first problem found, as "path: problem"; an empty string when the configuration is valid.
QString validate(const Config &config);

// "must be a positive integer" / "must be a non-negative integer" / "must be at most N", or empty when
// minimum <= value <= maximum. Shared with ConfigJson so a file and the editor say the same thing.
QString integerProblem(qint64 value, qint64 minimum, qint64 maximum);
QString integerExpectation(qint64 minimum); // "must be a positive integer" (minimum 1) or "... non-negative ..."
QString integerMaximum(qint64 maximum); // "must be at most N"
QString ratioExpectation(); // "must be a number greater than 0 and at most 1"
QString priceExpectation(); // "must be a number from 0 to 1000000 (per million tokens)"
QString priceProblem(double price); // priceExpectation() when outside [0, kMaxPrice] or not finite, else empty
// A currency code: three letters A-Z (ISO 4217, e.g. USD, CNY, EUR).
bool isValidCurrency(const QString &currency);

// Platform ids: [A-Za-z0-9_.-]+
bool isValidPlatformId(const QString &id);
// An http:// or https:// URL with a host.
bool isValidBaseUrl(const QString &url);
bool hasQueryOrFragment(const QString &url);
// A listen host: an IPv4 or IPv6 address (without brackets).
bool isValidListenHost(const QString &host);
// What is wrong with a proxy URL (upstream_proxy.url, references expanded), or empty when it is usable.
QString upstreamProxyProblem(const QString &url);

} // namespace ConfigValidator
