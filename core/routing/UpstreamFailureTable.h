#pragma once

#include "protocol/ApiError.h"
#include "upstream/UpstreamRequest.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <optional>

// Every way an attempt at one platform-model can fail, as the fallback loop and the health registry see it.
enum class FailureClass
{
    ConnectError, // DNS, connection refused, TLS, a socket error before any response
    ConnectTimeout,
    ConnectionLost, // the connection closed or reset before the answer was complete
    FirstByteTimeout,
    IdleTimeout, // silence in the middle of an answer
    TotalTimeout,
    BadKey, // 401 / 403: the platform rejects Switchyard's key for it
    NoCredit, // 402, or the provider's balance error (DashScope Arrearage, DeepSeek, OpenRouter, SiliconFlow ...)
    ModelNotFound, // 404
    RetryableStatus, // 408 request timeout, 409 conflict
    RateLimited, // 429
    ServerError, // 5xx other than 529
    Overloaded, // 529 (or an overloaded_error body)
    ContextOverflow, // 400 / 413 / 422 saying the prompt exceeds the model's context
    UnsupportedRequest, // 4xx saying this model cannot take this kind of request (images, tools, thinking)
    ClientError, // any other 4xx: the request itself is wrong
    MalformedResponse, // an answer that cannot be read or relayed, or an unexpected status
    Cancelled, // the client left or the proxy is stopping
};

QString failureClassId(FailureClass failureClass); // "connect_error", "rate_limited", ...

// What a failure does to the health of the model or its platform (HealthRegistry::recordFailure).
enum class HealthEffect
{
    None, // the request's fault, or nobody's: health untouched
    CountFailure, // one failure in the platform-model's circuit-breaker window
    RestModel, // the platform-model rests for FailureDecision::restMs (429: its Retry-After)
    RestModelUntilProbe, // the platform-model rests until a probe succeeds or the configuration changes
    RestPlatformUntilProbe, // every model of the platform rests until a probe succeeds or the configuration changes
};

// One failed attempt, as the proxy observed it.
struct FailedAttempt
{
    QString platform; // id, for the client's message
    QString model;
    UpstreamFailure transport = UpstreamFailure::None; // None: an HTTP answer (below)
    QString transportMessage; // UpstreamError::message
    bool responseStarted = false; // UpstreamError::responseStarted
    int httpStatus = 0;
    HttpHeaderList headers;
    QByteArray body; // the error body as the platform sent it
    bool malformedAnswer = false; // a 2xx answer that could not be read or relayed (bad stream, bad JSON)
    bool outputSent = false; // part of the answer had already reached the client

    static FailedAttempt fromTransport(
        const QString &platform, const QString &model, const UpstreamError &error, bool outputSent);
    static FailedAttempt fromHttp(const QString &platform, const QString &model, int status,
        const HttpHeaderList &headers, const QByteArray &body, bool outputSent);
};

// What to do about one failed attempt.
struct FailureDecision
{
    FailureClass failureClass = FailureClass::ServerError;
    bool retrySameModel = false; // try this model again (at most fallback.retry_same_model times, with backoff)
    bool fallBack = false; // try the next candidate
    HealthEffect health = HealthEffect::None;
    qint64 restMs = 0; // for HealthEffect::RestModel
    std::optional<qint64> retryAfterMs; // what the platform asked for (retry-after-ms / retry-after)
    ApiError clientError; // what the client is told when this failure ends the call
    bool clientShouldRetry = false; // the x-should-retry header sent with clientError
    bool endStreamWithError = false; // output was already sent: end the stream with an error event, nothing else
    QString detail; // the platform's own message (for logs and records)
};

// The one table of upstream failures: class -> retry, fall back, health effect, what the client is told.
// Pure. Bodies are read only for error statuses and only inside their error envelope, so words such as
// "limit" or "quota" in an answer never count.
namespace UpstreamFailureTable {

constexpr qint64 kDefaultRateLimitRestMs = 20'000; // a 429 without Retry-After
constexpr qint64 kMaxRestMs = 60LL * 60 * 1000; // a Retry-After longer than an hour is capped
constexpr qint64 kProbeIntervalMs = 5LL * 60 * 1000; // RestUntilProbe: one probe request every 5 minutes

struct Row
{
    FailureClass failureClass;
    bool retrySameModel;
    bool fallBack;
    HealthEffect health;
    ApiError::Type clientType; // not used when clientStatus is 0
    int clientStatus; // 0: the platform's own status, with the Anthropic type Anthropic uses for it
    bool clientShouldRetry;
};

// The row of a class (every class has one).
const Row &row(FailureClass failureClass);

// Classifies one failed attempt. `nowUtc` is the wall clock, for a Retry-After given as an HTTP date.
FailureDecision classify(const FailedAttempt &attempt, const QDateTime &nowUtc);

// retry-after-ms (milliseconds), else retry-after (seconds, or an HTTP date relative to nowUtc); never negative.
std::optional<qint64> retryAfterMs(const HttpHeaderList &headers, const QDateTime &nowUtc);

// The platform's error message, code and type from its error body (Anthropic, OpenAI, DashScope, SiliconFlow
// shapes); empty parts when the body has none.
struct ErrorBody
{
    QString message;
    QString code;
    QString type;
};
ErrorBody readErrorBody(const QByteArray &body);
bool isNoCredit(int status, const ErrorBody &error);
bool isContextOverflow(const ErrorBody &error);
bool isUnsupportedRequest(const ErrorBody &error);

} // namespace UpstreamFailureTable
