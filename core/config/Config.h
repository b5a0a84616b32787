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

enum class PlatformType {
    Anthropic, // Anthropic-compatible Messages API (pass-through)
    OpenAICompatible, // any OpenAI Chat Completions service (base URL required)
    DashScope, // Alibaba DashScope (Qwen), OpenAI-compatible mode
    OpenRouter,
    SiliconFlow,
    Ollama, // local, no key
    LMStudio, // local, no key
};

enum class RoutingMode {
    ClaudeCode, // "claude_code": pass-through to Anthropic-compatible platforms
    GlobalDirect, // "global_direct": model_priority_list, first healthy model answers
    SmartRouting, // "smart_routing": routing_models classify the request into one of the scenes
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

    bool operator==(const PlatformConfig &other) const;
};

struct ClientKey
{
    QString id; // shown in records and statistics; never the secret
    QString name;
    QString key; // the secret a client sends (x-api-key or Authorization: Bearer); may be a $ENV_VAR reference
    bool enabled = true;

    bool operator==(const ClientKey &other) const;
};

struct Scene
{
    QString name;
    QString description;
    QStringList models; // "platform:model", tried in order

    bool operator==(const Scene &other) const;
};

struct RoutingConfig
{
    RoutingMode mode = RoutingMode::ClaudeCode; // JSON: "config_type"
    // claude_code mode: Anthropic-compatible platform ids in order; empty = every enabled one, in file order.
    QStringList claudeCodePlatforms; // JSON: "claude_code": {"platforms": [...]}
    QStringList modelPriorityList; // JSON: "model_priority_list"
    QStringList routingModels; // JSON: "routing_models"
    QList<Scene> scenes; // JSON: "scenes"

    bool operator==(const RoutingConfig &other) const;
};

struct ServerSettings
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 8000;

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

    const PlatformConfig *findPlatform(const QString &id) const;
    bool operator==(const Config &other) const;
    bool operator!=(const Config &other) const { return !(*this == other); }
};

QString platformTypeId(PlatformType type); // "anthropic", "openai", "dashscope", "openrouter", "siliconflow", "ollama", "lmstudio"
std::optional<PlatformType> platformTypeFromId(const QString &id);
QList<PlatformType> allPlatformTypes(); // in declaration order
QString routingModeId(RoutingMode mode); // "claude_code", "global_direct", "smart_routing"
std::optional<RoutingMode> routingModeFromId(const QString &id);
QList<RoutingMode> allRoutingModes(); // in declaration order
