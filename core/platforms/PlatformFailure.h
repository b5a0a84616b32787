#pragma once

#include "upstream/UpstreamRequest.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

// What a check of a platform found, in categories a dialog can show with an icon and a sentence.
enum class ConnectionCategory
{
    Ok,
    InvalidSettings, // no base URL, no key where one is needed, an unusable URL
    BadApiKey, // 401 / 403, or a body that says the key is invalid
    HostNotFound, // DNS
    ConnectionRefused,
    TlsError,
    Timeout, // no connection, or no answer, in time
    ConnectionLost, // the connection closed or failed before the answer was complete
    EndpointNotFound, // 404 / 405 / 501 at the API path: a wrong base URL, or no model list there
    ModelNotFound,
    InsufficientBalance, // 402, or a body that says the account has no credit (Arrearage, ...)
    RateLimited, // 429
    ServerError, // 5xx, 529
    MalformedResponse, // not HTTP, not JSON, or not the expected shape
    RequestRejected, // any other error status
    Cancelled,
};

QString connectionCategoryId(ConnectionCategory category); // "ok", "bad_api_key", "host_not_found", ...

// A failed step of talking to a platform: its category, one line for a person, and details (status,
// URL, the platform's own words). Never contains the API key (see redactSecrets()).
struct PlatformFailure
{
    // What the classification needs to know beyond the answer itself.
    struct Context
    {
        QString platformName; // "DashScope (Qwen)", or the configured name
        QUrl url; // the request's URL (shown without its query)
        QString model; // the model a request named, if any
        bool apiKeySet = true; // false: an answer of 401 means "a key is needed", not "the key is wrong"
        bool isLocal = false; // Ollama / LM Studio: hints for "refused" name the app
        QString localAppName; // "Ollama", "LM Studio"
        int timeoutMs = 0; // the timer that fired, for timeouts
    };

    ConnectionCategory category = ConnectionCategory::Ok;
    QString message; // one line: "The API key was rejected by OpenRouter."
    QString details; // more lines for a "Details" box; may be empty
    int httpStatus = 0; // the platform's status when it answered, else 0

    bool isFailure() const { return category != ConnectionCategory::Ok; }

    // --- classification (pure) ---
    // The category of an error answer (status >= 300) from its status and body.
    static ConnectionCategory categoryForHttp(int status, const QByteArray &body);
    // The platform's own error message out of a JSON (or text) error body, shortened to one line.
    static QString providerMessage(const QByteArray &body);
    // The body mentions that the account has no money left ("Insufficient Balance", "Arrearage", ...).
    static bool bodySaysInsufficientBalance(const QByteArray &body);
    // The body says the model does not exist ("model_not_found", "model: x" not_found_error, ...).
    static bool bodySaysModelNotFound(const QByteArray &body);
    // The body says the key is invalid (for platforms that answer 400 to a bad key).
    static bool bodySaysInvalidKey(const QByteArray &body);

    // --- builders ---
    static PlatformFailure fromHttp(int status, const QByteArray &body, const Context &context);
    static PlatformFailure fromTransport(const UpstreamError &error, const Context &context);
    static PlatformFailure malformed(const QString &problem, const Context &context);
    static PlatformFailure invalidSettings(const QString &message, const QString &details = {});

    // Replaces `secret` (when at least 4 characters) and anything shaped like an API key ("sk-...",
    // long bearer tokens) by "********".
    static QString redactSecrets(const QString &text, const QString &secret);
    PlatformFailure redacted(const QString &secret) const;

    // "host:port" (or "host" when the URL has no explicit port), for messages.
    static QString hostOf(const QUrl &url);
    // "250 ms", "10 s", "1.5 s"
    static QString formatDuration(int ms);
};
