#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

// The one configuration model. Its JSON form is documented in docs/configuration.md; ConfigJson reads and
// writes it, ConfigService publishes immutable snapshots of it to the proxy thread, and the store keeps it
// in the data folder's database (the source of truth once imported).
//
// Secret fields (PlatformConfig::apiKey, ClientKey::key) hold what the user wrote, which may be a
// `$ENV_VAR` / `${ENV_VAR}` reference. ConfigResolver expands the references into the copy the proxy uses;
// the stored configuration keeps the references.

enum class PlatformType
{
    Anthropic, // Anthropic-compatible Messages API (pass-through)
    OpenAICompatible, // any OpenAI Chat Completions service (base URL required)
    DashScope, // Alibaba DashScope (Qwen), OpenAI-compatible mode
    OpenRouter,
    SiliconFlow,
    Ollama, // local, no key
    LMStudio, // local, no key
};

enum class RoutingMode
{
    ClaudeCode, // "claude_code": pass-through to Anthropic-compatible platforms
    GlobalDirect, // "global_direct": model_priority_list, first healthy model answers
    SmartRouting, // "smart_routing": routing_models classify the request into one of the scenes
};

// What a model costs, per million tokens, in its platform's currency. Used for the usage statistics only.
struct ModelPrice
{
    double input = 0; // input tokens not read from or written to a prompt cache
    double output = 0;
    std::optional<double> cacheRead; // JSON "cache_read"; unset = the input price
    std::optional<double> cacheWrite; // JSON "cache_write"; unset = the input price

    double cacheReadOrInput() const { return cacheRead.value_or(input); }
    double cacheWriteOrInput() const { return cacheWrite.value_or(input); }
    bool operator==(const ModelPrice &other) const;
};

// Per-model capabilities; unset values come from the platform preset's defaults.
struct ModelSettings
{
    QString id; // the platform's model name
    std::optional<int> contextWindow;
    std::optional<int> maxOutputTokens;
    std::optional<bool> supportsTools;
    std::optional<bool> supportsVision;
    std::optional<bool> supportsReasoning;
    std::optional<ModelPrice> price; // unset: the cost of its calls is unknown (free on local platforms)

    bool operator==(const ModelSettings &other) const;
};

struct TimeoutSettings
{
    int connectMs = 10'000;
    int firstByteMs = 300'000; // a model may think for minutes before its first byte
    int idleMs = 300'000; // longest silence inside a stream
    int totalMs = 0; // 0 = no limit on a whole response

    bool operator==(const TimeoutSettings &other) const;
};

struct PlatformConfig
{
    QString id; // unique; used in "platform:model" references; [A-Za-z0-9_.-]+
    QString name; // shown in the windows; defaults to id
    PlatformType type = PlatformType::Anthropic;
    QString baseUrl; // empty = the preset's default
    QString apiKey; // may be a $ENV_VAR reference; empty for local platforms
    bool enabled = true;
    QList<ModelSettings> models;
    TimeoutSettings timeouts;
    QString currency = QStringLiteral("USD"); // of the models' prices: an ISO 4217 code such as USD or CNY

    const ModelSettings *findModel(const QString &modelId) const;
    bool operator==(const PlatformConfig &other) const;
};

struct ClientKey
{
    QString id; // shown in records and statistics; never the secret
    QString name;
    QString key; // the secret a client sends (x-api-key or Authorization: Bearer); may be a $ENV_VAR reference
    bool enabled = true;

    bool isUsable() const { return enabled && !key.isEmpty(); } // a client may present it

    bool operator==(const ClientKey &other) const;
};

struct Scene
{
    QString name;
    QString description;
    QStringList models; // "platform:model", tried in order
    // JSON "default": the scene used when the classifier is off, fails, is late or answers nonsense. At most
    // one scene is marked; with none marked the first scene is the default (RoutingConfig::defaultScene).
    bool isDefault = false;

    bool operator==(const Scene &other) const;
};

// The Claude model families Claude Code asks for by name (JSON "tiers"): each maps to "platform:model"
// references, tried in order. An empty list leaves the family to the rules and the mode.
struct TierMapping
{
    QStringList haiku;
    QStringList sonnet;
    QStringList opus;

    bool operator==(const TierMapping &other) const;
};

// Scenario rules (JSON "rules"): special kinds of request and the models that answer them. Empty = off.
struct ScenarioRules
{
    QStringList background; // Claude Code's own small requests (titles, topic checks, warm-ups)
    QStringList think; // requests with thinking enabled
    QStringList longContext; // JSON "long_context": estimated input tokens above longContextThreshold
    int longContextThreshold = 60'000; // JSON "long_context_threshold"
    QStringList image; // requests with an image anywhere

    bool operator==(const ScenarioRules &other) const;
};

// The smart_routing classifier (JSON "classifier").
struct ClassifierSettings
{
    bool enabled = true; // false: every request goes to the default scene
    int deadlineMs = 3'000; // JSON "deadline_ms": longest wait for the classifier's answer, then the default scene

    bool operator==(const ClassifierSettings &other) const;
};

// When a platform-model stops being tried for a while (JSON "fallback.breaker").
struct BreakerSettings
{
    int window = 20; // the last N outcomes of a platform-model
    int minRequests = 5; // JSON "min_requests": never open with fewer outcomes in the window
    double errorRatio = 0.5; // JSON "error_ratio": open when failures / outcomes reaches this, in (0, 1]
    int cooldownSeconds = 60; // JSON "cooldown_s": open this long, then one probe; doubles per failed probe

    bool operator==(const BreakerSettings &other) const;
};

// Fault tolerance of one request (JSON "fallback").
struct FallbackSettings
{
    int maxAttempts = 3; // JSON "max_attempts": upstream attempts per request, retries and fallbacks together
    int retrySameModel = 1; // JSON "retry_same_model": extra tries of one model for transient failures
    int backoffMs = 500; // JSON "backoff_ms": wait before a retry of the same model; doubles per retry
    // JSON "first_byte_timeout_ms": first-byte timeout of a streaming attempt that still has a fallback after
    // it (the last one keeps the platform's own); 0 = always the platform's own.
    int firstByteTimeoutMs = 60'000;
    BreakerSettings breaker;

    bool operator==(const FallbackSettings &other) const;
};

struct RoutingConfig
{
    RoutingMode mode = RoutingMode::ClaudeCode; // JSON: "config_type"
    // claude_code mode: Anthropic-compatible platform ids in order; empty = every enabled one, in file order.
    QStringList claudeCodePlatforms; // JSON: "claude_code": {"platforms": [...]}
    QStringList modelPriorityList; // JSON: "model_priority_list"
    QStringList routingModels; // JSON: "routing_models"
    QList<Scene> scenes; // JSON: "scenes"
    TierMapping tiers; // JSON: "tiers"
    ScenarioRules rules; // JSON: "rules"
    ClassifierSettings classifier; // JSON: "classifier"
    FallbackSettings fallback; // JSON: "fallback"

    // The scene marked "default", else the first scene; nullptr when there are no scenes.
    const Scene *defaultScene() const;
    const Scene *findScene(const QString &name) const; // exact name
    // Every list that names platforms or "platform:model" references: claude_code.platforms, the priority
    // list, the routing models, each scene's models, the tiers and the scenario rules.
    QList<QStringList *> referenceLists();
    // Points every reference to platform `oldId` at `newId` (a renamed platform keeps its places).
    void renamePlatform(const QString &oldId, const QString &newId);
    bool operator==(const RoutingConfig &other) const;
};

struct ServerSettings
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 8000;

    // True unless `host` is "localhost" or a loopback address: other machines can then reach the proxy, which
    // needs a client key (what is not an address counts as reachable).
    static bool letsOtherMachinesIn(const QString &host);

    bool operator==(const ServerSettings &other) const;
};

struct Limits
{
    qint64 maxRequestBodyBytes = 32LL * 1024 * 1024;
    int maxConnections = 512;
    int keepAliveIdleSeconds = 120; // idle client connections are closed after this
    int shutdownGraceSeconds = 30; // how long running streams may finish on SIGINT/SIGTERM

    bool operator==(const Limits &other) const;
};

struct RecordSettings
{
    bool enabled = true;
    bool storeBodies = true; // request and response bodies (compressed)
    int retentionDays = 30; // 0 = keep forever
    qint64 maxTotalBytes = 2LL * 1024 * 1024 * 1024; // stored bodies; oldest records are pruned beyond this

    bool operator==(const RecordSettings &other) const;
};

// How Switchyard reaches the platforms (JSON "upstream_proxy"). Loopback addresses and "localhost" are never
// reached through a proxy (local model servers); see upstream/UpstreamProxyRules.h for the matching rules.
struct UpstreamProxySettings
{
    enum class Mode
    {
        Environment, // "environment": HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY, as curl reads them
        None, // "none": always direct
        Manual, // "manual": `url` for every platform but the hosts in `noProxy`
    };
    Mode mode = Mode::Environment;
    QString url; // manual: http://[user[:password]@]host:port or socks5://...; may hold $ENV_VAR references
    QString password; // manual, optional: the proxy password (a secret field, like api_key); wins over the URL's
    QString noProxy; // JSON "no_proxy", manual: NO_PROXY's syntax (hosts, .domains, IP addresses, CIDR ranges, *)

    bool operator==(const UpstreamProxySettings &other) const;
};

struct Config
{
    static constexpr int kCurrentVersion = 1;

    int version = kCurrentVersion;
    ServerSettings server;
    RoutingConfig routing;
    QList<PlatformConfig> platforms;
    QList<ClientKey> clientKeys;
    Limits limits;
    RecordSettings records;
    UpstreamProxySettings upstreamProxy; // JSON "upstream_proxy"

    const PlatformConfig *findPlatform(const QString &id) const;
    int usableClientKeyCount() const; // enabled keys with a value
    bool operator==(const Config &other) const;
    bool operator!=(const Config &other) const { return !(*this == other); }
};

QString platformTypeId(
    PlatformType type); // "anthropic", "openai", "dashscope", "openrouter", "siliconflow", "ollama", "lmstudio"
std::optional<PlatformType> platformTypeFromId(const QString &id);
QList<PlatformType> allPlatformTypes(); // in declaration order
QString routingModeId(RoutingMode mode); // "claude_code", "global_direct", "smart_routing"
std::optional<RoutingMode> routingModeFromId(const QString &id);
QList<RoutingMode> allRoutingModes(); // in declaration order
QString upstreamProxyModeId(UpstreamProxySettings::Mode mode); // "environment", "none", "manual"
std::optional<UpstreamProxySettings::Mode> upstreamProxyModeFromId(const QString &id);
