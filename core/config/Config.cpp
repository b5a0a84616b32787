#include "config/Config.h"

#include <QHostAddress>
#include <algorithm>
#include <array>
#include <utility>

namespace {

const std::array<std::pair<PlatformType, const char *>, 7> kPlatformTypeIds = {{
    {PlatformType::Anthropic, "anthropic"},
    {PlatformType::OpenAICompatible, "openai"},
    {PlatformType::DashScope, "dashscope"},
    {PlatformType::OpenRouter, "openrouter"},
    {PlatformType::SiliconFlow, "siliconflow"},
    {PlatformType::Ollama, "ollama"},
    {PlatformType::LMStudio, "lmstudio"},
}};

const std::array<std::pair<RoutingMode, const char *>, 3> kRoutingModeIds = {{
    {RoutingMode::ClaudeCode, "claude_code"},
    {RoutingMode::GlobalDirect, "global_direct"},
    {RoutingMode::SmartRouting, "smart_routing"},
}};

const std::array<std::pair<UpstreamProxySettings::Mode, const char *>, 3> kUpstreamProxyModeIds = {{
    {UpstreamProxySettings::Mode::Environment, "environment"},
    {UpstreamProxySettings::Mode::None, "none"},
    {UpstreamProxySettings::Mode::Manual, "manual"},
}};

// The JSON name of an enum value, and back, from one of the tables above.
template<typename Enum, std::size_t Count>
QString idIn(const std::array<std::pair<Enum, const char *>, Count> &table, Enum value)
{
    for (const auto &[candidate, id] : table) {
        if (candidate == value)
            return QLatin1String(id);
    }
    return QString();
}

template<typename Enum, std::size_t Count>
std::optional<Enum> valueIn(const std::array<std::pair<Enum, const char *>, Count> &table, const QString &id)
{
    for (const auto &[value, name] : table) {
        if (id == QLatin1String(name))
            return value;
    }
    return std::nullopt;
}

template<typename Enum, std::size_t Count>
QList<Enum> valuesIn(const std::array<std::pair<Enum, const char *>, Count> &table)
{
    QList<Enum> values;
    for (const auto &entry : table)
        values.append(entry.first);
    return values;
}

} // namespace

bool ModelPrice::operator==(const ModelPrice &other) const
{
    return input == other.input && output == other.output && cacheRead == other.cacheRead
        && cacheWrite == other.cacheWrite;
}

bool ModelSettings::operator==(const ModelSettings &other) const
{
    return id == other.id && contextWindow == other.contextWindow && maxOutputTokens == other.maxOutputTokens
        && supportsTools == other.supportsTools && supportsVision == other.supportsVision
        && supportsReasoning == other.supportsReasoning && price == other.price;
}

bool TimeoutSettings::operator==(const TimeoutSettings &other) const
{
    return connectMs == other.connectMs && firstByteMs == other.firstByteMs && idleMs == other.idleMs
        && totalMs == other.totalMs;
}

bool PlatformConfig::operator==(const PlatformConfig &other) const
{
    return id == other.id && name == other.name && type == other.type && baseUrl == other.baseUrl
        && apiKey == other.apiKey && enabled == other.enabled && models == other.models && timeouts == other.timeouts
        && currency == other.currency;
}

const ModelSettings *PlatformConfig::findModel(const QString &modelId) const
{
    for (const ModelSettings &model : models) {
        if (model.id == modelId)
            return &model;
    }
    return nullptr;
}

bool ClientKey::operator==(const ClientKey &other) const
{
    return id == other.id && name == other.name && key == other.key && enabled == other.enabled;
}

bool Scene::operator==(const Scene &other) const
{
    return name == other.name && description == other.description && models == other.models
        && isDefault == other.isDefault;
}

bool TierMapping::operator==(const TierMapping &other) const
{
    return haiku == other.haiku && sonnet == other.sonnet && opus == other.opus;
}

bool ScenarioRules::operator==(const ScenarioRules &other) const
{
    return background == other.background && think == other.think && longContext == other.longContext
        && longContextThreshold == other.longContextThreshold && image == other.image;
}

bool ClassifierSettings::operator==(const ClassifierSettings &other) const
{
    return enabled == other.enabled && deadlineMs == other.deadlineMs;
}

bool BreakerSettings::operator==(const BreakerSettings &other) const
{
    return window == other.window && minRequests == other.minRequests && errorRatio == other.errorRatio
        && cooldownSeconds == other.cooldownSeconds;
}

bool FallbackSettings::operator==(const FallbackSettings &other) const
{
    return maxAttempts == other.maxAttempts && retrySameModel == other.retrySameModel && backoffMs == other.backoffMs
        && firstByteTimeoutMs == other.firstByteTimeoutMs && breaker == other.breaker;
}

const Scene *RoutingConfig::defaultScene() const
{
    for (const Scene &scene : scenes) {
        if (scene.isDefault)
            return &scene;
    }
    return scenes.isEmpty() ? nullptr : &scenes.first();
}

QList<QStringList *> RoutingConfig::referenceLists()
{
    QList<QStringList *> lists {&claudeCodePlatforms, &modelPriorityList, &routingModels, &tiers.haiku, &tiers.sonnet,
        &tiers.opus, &rules.background, &rules.think, &rules.longContext, &rules.image};
    for (Scene &scene : scenes)
        lists.append(&scene.models);
    return lists;
}

void RoutingConfig::renamePlatform(const QString &oldId, const QString &newId)
{
    const QString oldPrefix = oldId + QLatin1Char(':');
    for (QStringList *list : referenceLists()) {
        for (QString &entry : *list) {
            if (entry == oldId)
                entry = newId;
            else if (entry.startsWith(oldPrefix))
                entry = newId + entry.mid(oldId.size());
        }
    }
}

const Scene *RoutingConfig::findScene(const QString &name) const
{
    for (const Scene &scene : scenes) {
        if (scene.name == name)
            return &scene;
    }
    return nullptr;
}

bool RoutingConfig::operator==(const RoutingConfig &other) const
{
    return mode == other.mode && claudeCodePlatforms == other.claudeCodePlatforms
        && modelPriorityList == other.modelPriorityList && routingModels == other.routingModels
        && scenes == other.scenes && tiers == other.tiers && rules == other.rules && classifier == other.classifier
        && fallback == other.fallback;
}

bool ServerSettings::operator==(const ServerSettings &other) const
{
    return host == other.host && port == other.port;
}

bool Limits::operator==(const Limits &other) const
{
    return maxRequestBodyBytes == other.maxRequestBodyBytes && maxConnections == other.maxConnections
        && keepAliveIdleSeconds == other.keepAliveIdleSeconds && shutdownGraceSeconds == other.shutdownGraceSeconds;
}

bool RecordSettings::operator==(const RecordSettings &other) const
{
    return enabled == other.enabled && storeBodies == other.storeBodies && retentionDays == other.retentionDays
        && maxTotalBytes == other.maxTotalBytes;
}

bool UpstreamProxySettings::operator==(const UpstreamProxySettings &other) const
{
    return mode == other.mode && url == other.url && password == other.password && noProxy == other.noProxy;
}

bool ServerSettings::letsOtherMachinesIn(const QString &host)
{
    if (host.isEmpty() || host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return false;
    QHostAddress address;
    return !address.setAddress(host) || !address.isLoopback();
}

int Config::usableClientKeyCount() const
{
    return int(
        std::count_if(clientKeys.cbegin(), clientKeys.cend(), [](const ClientKey &key) { return key.isUsable(); }));
}

const PlatformConfig *Config::findPlatform(const QString &id) const
{
    for (const PlatformConfig &platform : platforms) {
        if (platform.id == id)
            return &platform;
    }
    return nullptr;
}

bool Config::operator==(const Config &other) const
{
    return version == other.version && server == other.server && routing == other.routing
        && platforms == other.platforms && clientKeys == other.clientKeys && limits == other.limits
        && records == other.records && upstreamProxy == other.upstreamProxy;
}

QString platformTypeId(PlatformType type)
{
    return idIn(kPlatformTypeIds, type);
}

std::optional<PlatformType> platformTypeFromId(const QString &id)
{
    return valueIn(kPlatformTypeIds, id);
}

QList<PlatformType> allPlatformTypes()
{
    return valuesIn(kPlatformTypeIds);
}

QString routingModeId(RoutingMode mode)
{
    return idIn(kRoutingModeIds, mode);
}

std::optional<RoutingMode> routingModeFromId(const QString &id)
{
    return valueIn(kRoutingModeIds, id);
}

QList<RoutingMode> allRoutingModes()
{
    return valuesIn(kRoutingModeIds);
}

QString upstreamProxyModeId(UpstreamProxySettings::Mode mode)
{
    return idIn(kUpstreamProxyModeIds, mode);
}

std::optional<UpstreamProxySettings::Mode> upstreamProxyModeFromId(const QString &id)
{
    return valueIn(kUpstreamProxyModeIds, id);
}
