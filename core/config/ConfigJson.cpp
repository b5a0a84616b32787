#include "config/ConfigJson.h"

#include "config/ConfigValidator.h"
#include "platforms/PlatformPreset.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QLocale>
#include <QStringList>
#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <utility>
#include <vector>

namespace {

using FieldNames = std::initializer_list<const char *>;

const FieldNames kRootFields
    = {"version", "listen", "config_type", "claude_code", "model_priority_list", "routing_models", "scenes", "tiers",
        "rules", "classifier", "fallback", "platforms", "client_keys", "limits", "records", "upstream_proxy"};
const FieldNames kClaudeCodeFields = {"platforms"};
const FieldNames kSceneFields = {"name", "description", "models", "default"};
const FieldNames kTierFields = {"haiku", "sonnet", "opus"};
const FieldNames kRuleFields = {"background", "think", "long_context", "long_context_threshold", "image"};
const FieldNames kClassifierFields = {"enabled", "deadline_ms"};
const FieldNames kFallbackFields
    = {"max_attempts", "retry_same_model", "backoff_ms", "first_byte_timeout_ms", "breaker"};
const FieldNames kBreakerFields = {"window", "min_requests", "error_ratio", "cooldown_s"};
const FieldNames kPlatformFields
    = {"id", "name", "type", "base_url", "api_key", "enabled", "models", "timeouts", "currency"};
const FieldNames kModelFields = {"id", "context_window", "max_output_tokens", "tools", "vision", "reasoning", "price"};
const FieldNames kPriceFields = {"input", "output", "cache_read", "cache_write"};
const FieldNames kTimeoutFields = {"connect_ms", "first_byte_ms", "idle_ms", "total_ms"};
const FieldNames kClientKeyFields = {"id", "name", "key", "enabled"};
const FieldNames kLimitFields
    = {"max_request_body_bytes", "max_connections", "keep_alive_seconds", "shutdown_grace_seconds"};
const FieldNames kRecordFields = {"enabled", "store_bodies", "retention_days", "max_total_mb"};
const FieldNames kUpstreamProxyFields = {"mode", "url", "password", "no_proxy"};

QString child(const QString &path, const char *key)
{
    if (path.isEmpty())
        return QLatin1String(key);
    return path + QLatin1Char('.') + QLatin1String(key);
}

QString indexed(const QString &path, qsizetype index)
{
    return path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

int editDistance(const QString &a, const QString &b)
{
    std::vector<int> previous(b.size() + 1);
    std::vector<int> current(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int substitution = previous[j - 1] + (a.at(i - 1) == b.at(j - 1) ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

// "line L, column C" of a byte offset into UTF-8 text (columns count characters, from 1).
QString position(const QByteArray &json, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, json.size());
    const QByteArray before = json.left(offset);
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    const qsizetype line = before.count('\n') + 1;
    const qsizetype column = QString::fromUtf8(before.mid(lineStart)).size() + 1;
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

// Reads the JSON tree into a Config, stopping at the first problem.
class Reader
{
public:
    const QString &error() const { return m_error; }

    bool fail(const QString &path, const QString &message)
    {
        if (m_error.isEmpty())
            m_error = path.isEmpty() ? message : path + QStringLiteral(": ") + message;
        return false;
    }

    bool checkFields(const QJsonObject &object, const QString &path, FieldNames known)
    {
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString key = it.key();
            bool isKnown = false;
            QString suggestion;
            int bestDistance = std::numeric_limits<int>::max();
            for (const char *name : known) {
                const QString candidate = QLatin1String(name);
                if (key == candidate) {
                    isKnown = true;
                    break;
                }
                // a suggestion is a known name a few edits away (more edits allowed for longer names)
                const int distance = editDistance(key.toLower(), candidate);
                const int allowed = std::max(2, int(candidate.size() / 4));
                if (distance <= allowed && distance < bestDistance && distance < candidate.size()) {
                    bestDistance = distance;
                    suggestion = candidate;
                }
            }
            if (isKnown)
                continue;
            QString message = QStringLiteral("unknown field \"%1\"").arg(key);
            if (!suggestion.isEmpty())
                message += QStringLiteral("; did you mean \"%1\"?").arg(suggestion);
            return fail(path, message);
        }
        return true;
    }

    // The member's value; Undefined when absent or null (both mean "not given").
    static QJsonValue member(const QJsonObject &object, const char *key)
    {
        const QJsonValue value = object.value(QLatin1String(key));
        return value.isNull() ? QJsonValue(QJsonValue::Undefined) : value;
    }

    bool readString(
        const QJsonObject &object, const QString &path, const char *key, QString *out, bool required = false)
    {
        const QJsonValue value = member(object, key);
        if (value.isUndefined())
            return required ? fail(child(path, key), QStringLiteral("required")) : true;
        if (!value.isString())
            return fail(child(path, key), QStringLiteral("must be a string"));
        *out = value.toString();
        return true;
    }

    bool readBool(const QJsonObject &object, const QString &path, const char *key, bool *out)
    {
        const QJsonValue value = member(object, key);
        if (value.isUndefined())
            return true;
        if (!value.isBool())
            return fail(child(path, key), QStringLiteral("must be true or false"));
        *out = value.toBool();
        return true;
    }

    bool readOptionalBool(const QJsonObject &object, const QString &path, const char *key, std::optional<bool> *out)
    {
        bool value = false;
        if (member(object, key).isUndefined())
            return true;
        if (!readBool(object, path, key, &value))
            return false;
        *out = value;
        return true;
    }

    // An integer in [minimum, maximum]; *present tells whether it was given.
    bool readInteger(const QJsonObject &object, const QString &path, const char *key, qint64 minimum, qint64 maximum,
        qint64 *out, bool *present = nullptr)
    {
        const QJsonValue value = member(object, key);
        if (present)
            *present = !value.isUndefined();
        if (value.isUndefined())
            return true;
        const QString fieldPath = child(path, key);
        if (!value.isDouble())
            return fail(fieldPath, ConfigValidator::integerExpectation(minimum));
        const double number = value.toDouble();
        if (!std::isfinite(number) || std::trunc(number) != number || number < double(minimum))
            return fail(fieldPath, ConfigValidator::integerExpectation(minimum));
        if (number > double(maximum))
            return fail(fieldPath, ConfigValidator::integerMaximum(maximum));
        const qint64 integer = value.toInteger(minimum - 1);
        const QString problem = ConfigValidator::integerProblem(integer, minimum, maximum);
        if (!problem.isEmpty())
            return fail(fieldPath, problem);
        *out = integer;
        return true;
    }

    // A number in (0, 1].
    bool readRatio(const QJsonObject &object, const QString &path, const char *key, double *out)
    {
        const QJsonValue value = member(object, key);
        if (value.isUndefined())
            return true;
        const double number = value.toDouble(-1);
        if (!value.isDouble() || !std::isfinite(number) || number <= 0 || number > 1)
            return fail(child(path, key), ConfigValidator::ratioExpectation());
        *out = number;
        return true;
    }

    // A price per million tokens: a number in [0, ConfigValidator::kMaxPrice]. *present tells whether it was given.
    bool readPriceValue(const QJsonObject &object, const QString &path, const char *key, double *out, bool required,
        bool *present = nullptr)
    {
        const QJsonValue value = member(object, key);
        if (present)
            *present = !value.isUndefined();
        if (value.isUndefined())
            return required ? fail(child(path, key), QStringLiteral("required")) : true;
        const QString problem
            = value.isDouble() ? ConfigValidator::priceProblem(value.toDouble()) : ConfigValidator::priceExpectation();
        if (!problem.isEmpty())
            return fail(child(path, key), problem);
        *out = value.toDouble();
        return true;
    }

    bool readPrice(const QJsonObject &modelObject, const QString &modelPath, std::optional<ModelPrice> *out)
    {
        QJsonObject object;
        bool present = false;
        if (!readObject(modelObject, modelPath, "price", kPriceFields, &object, &present))
            return false;
        if (!present)
            return true;
        const QString path = child(modelPath, "price");
        ModelPrice price;
        double cacheRead = 0;
        double cacheWrite = 0;
        bool hasCacheRead = false;
        bool hasCacheWrite = false;
        if (!readPriceValue(object, path, "input", &price.input, true)
            || !readPriceValue(object, path, "output", &price.output, true)
            || !readPriceValue(object, path, "cache_read", &cacheRead, false, &hasCacheRead)
            || !readPriceValue(object, path, "cache_write", &cacheWrite, false, &hasCacheWrite))
            return false;
        if (hasCacheRead)
            price.cacheRead = cacheRead;
        if (hasCacheWrite)
            price.cacheWrite = cacheWrite;
        *out = price;
        return true;
    }

    template<typename Int>
    bool readIntegerInto(
        const QJsonObject &object, const QString &path, const char *key, qint64 minimum, qint64 maximum, Int *out)
    {
        qint64 value = 0;
        bool present = false;
        if (!readInteger(object, path, key, minimum, maximum, &value, &present))
            return false;
        if (present)
            *out = Int(value);
        return true;
    }

    bool readOptionalInt(const QJsonObject &object, const QString &path, const char *key, std::optional<int> *out)
    {
        qint64 value = 0;
        bool present = false;
        if (!readInteger(object, path, key, 1, ConfigValidator::kMaxInt, &value, &present))
            return false;
        if (present)
            *out = int(value);
        return true;
    }

    // An object member checked against its known fields; *present false when absent.
    bool readObject(const QJsonObject &object, const QString &path, const char *key, FieldNames known, QJsonObject *out,
        bool *present)
    {
        const QJsonValue value = member(object, key);
        *present = !value.isUndefined();
        if (!*present)
            return true;
        if (!value.isObject())
            return fail(child(path, key), QStringLiteral("must be an object"));
        *out = value.toObject();
        return checkFields(*out, child(path, key), known);
    }

    bool readArray(const QJsonObject &object, const QString &path, const char *key, QJsonArray *out)
    {
        const QJsonValue value = member(object, key);
        if (value.isUndefined())
            return true;
        if (!value.isArray())
            return fail(child(path, key), QStringLiteral("must be an array"));
        *out = value.toArray();
        return true;
    }

    bool readStringList(const QJsonObject &object, const QString &path, const char *key, QStringList *out)
    {
        QJsonArray array;
        if (!readArray(object, path, key, &array))
            return false;
        QStringList list;
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (!array.at(i).isString())
                return fail(indexed(child(path, key), i), QStringLiteral("must be a string"));
            list.append(array.at(i).toString());
        }
        if (!member(object, key).isUndefined())
            *out = list;
        return true;
    }

    // Each element of an array member as a checked object.
    template<typename Fn>
    bool forEachObject(const QJsonObject &object, const QString &path, const char *key, FieldNames known, Fn &&read)
    {
        QJsonArray array;
        if (!readArray(object, path, key, &array))
            return false;
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString elementPath = indexed(child(path, key), i);
            if (!array.at(i).isObject())
                return fail(elementPath, QStringLiteral("must be an object"));
            const QJsonObject element = array.at(i).toObject();
            if (!checkFields(element, elementPath, known) || !read(element, elementPath))
                return false;
        }
        return true;
    }

    bool readVersion(const QJsonObject &root, Config *config)
    {
        if (member(root, "version").isUndefined())
            return fail(QStringLiteral("version"),
                QStringLiteral("required (write \"version\": %1)").arg(Config::kCurrentVersion));
        qint64 version = 0;
        if (!readInteger(root, QString(), "version", 1, ConfigValidator::kMaxInt, &version))
            return false;
        if (version > Config::kCurrentVersion) {
            return fail(QStringLiteral("version"),
                QStringLiteral("%1 is newer than this build of Switchyard reads (%2)")
                    .arg(version)
                    .arg(Config::kCurrentVersion));
        }
        if (version != Config::kCurrentVersion)
            return fail(QStringLiteral("version"), QStringLiteral("must be %1").arg(Config::kCurrentVersion));
        config->version = int(version);
        return true;
    }

    bool readListen(const QJsonObject &root, ServerSettings *server)
    {
        QString listen;
        if (member(root, "listen").isUndefined())
            return true;
        if (!readString(root, QString(), "listen", &listen))
            return false;
        QString problem;
        const std::optional<ServerSettings> parsed = ConfigJson::parseListenAddress(listen, &problem);
        if (!parsed)
            return fail(QStringLiteral("listen"), problem);
        *server = *parsed;
        return true;
    }

    bool readRouting(const QJsonObject &root, RoutingConfig *routing)
    {
        if (!member(root, "config_type").isUndefined()) {
            QString modeId;
            if (!readString(root, QString(), "config_type", &modeId))
                return false;
            const std::optional<RoutingMode> mode = routingModeFromId(modeId);
            if (!mode) {
                QStringList expected;
                for (RoutingMode candidate : allRoutingModes())
                    expected.append(routingModeId(candidate));
                return fail(QStringLiteral("config_type"),
                    QStringLiteral("unknown mode \"%1\"; expected one of %2")
                        .arg(modeId, expected.join(QStringLiteral(", "))));
            }
            routing->mode = *mode;
        }
        QJsonObject claudeCode;
        bool hasClaudeCode = false;
        if (!readObject(root, QString(), "claude_code", kClaudeCodeFields, &claudeCode, &hasClaudeCode))
            return false;
        if (hasClaudeCode
            && !readStringList(claudeCode, QStringLiteral("claude_code"), "platforms", &routing->claudeCodePlatforms))
            return false;
        if (!readStringList(root, QString(), "model_priority_list", &routing->modelPriorityList)
            || !readStringList(root, QString(), "routing_models", &routing->routingModels))
            return false;
        return forEachObject(root, QString(), "scenes", kSceneFields,
                   [&](const QJsonObject &object, const QString &path) {
                       Scene scene;
                       if (!readString(object, path, "name", &scene.name, true)
                           || !readString(object, path, "description", &scene.description)
                           || !readStringList(object, path, "models", &scene.models)
                           || !readBool(object, path, "default", &scene.isDefault))
                           return false;
                       routing->scenes.append(scene);
                       return true;
                   })
            && readTiers(root, &routing->tiers) && readRules(root, &routing->rules)
            && readClassifier(root, &routing->classifier) && readFallback(root, &routing->fallback);
    }

    bool readTiers(const QJsonObject &root, TierMapping *tiers)
    {
        QJsonObject object;
        bool present = false;
        if (!readObject(root, QString(), "tiers", kTierFields, &object, &present))
            return false;
        const QString path = QStringLiteral("tiers");
        return !present
            || (readStringList(object, path, "haiku", &tiers->haiku)
                && readStringList(object, path, "sonnet", &tiers->sonnet)
                && readStringList(object, path, "opus", &tiers->opus));
    }

    bool readRules(const QJsonObject &root, ScenarioRules *rules)
    {
        QJsonObject object;
        bool present = false;
        if (!readObject(root, QString(), "rules", kRuleFields, &object, &present))
            return false;
        const QString path = QStringLiteral("rules");
        return !present
            || (readStringList(object, path, "background", &rules->background)
                && readStringList(object, path, "think", &rules->think)
                && readStringList(object, path, "long_context", &rules->longContext)
                && readIntegerInto(
                    object, path, "long_context_threshold", 1, ConfigValidator::kMaxInt, &rules->longContextThreshold)
                && readStringList(object, path, "image", &rules->image));
    }

    bool readClassifier(const QJsonObject &root, ClassifierSettings *classifier)
    {
        QJsonObject object;
        bool present = false;
        if (!readObject(root, QString(), "classifier", kClassifierFields, &object, &present))
            return false;
        const QString path = QStringLiteral("classifier");
        return !present
            || (readBool(object, path, "enabled", &classifier->enabled)
                && readIntegerInto(object, path, "deadline_ms", 1, ConfigValidator::kMaxClassifierDeadlineMs,
                    &classifier->deadlineMs));
    }

    bool readFallback(const QJsonObject &root, FallbackSettings *fallback)
    {
        QJsonObject object;
        bool present = false;
        if (!readObject(root, QString(), "fallback", kFallbackFields, &object, &present))
            return false;
        if (!present)
            return true;
        const QString path = QStringLiteral("fallback");
        using namespace ConfigValidator;
        if (!readIntegerInto(object, path, "max_attempts", 1, kMaxAttempts, &fallback->maxAttempts)
            || !readIntegerInto(object, path, "retry_same_model", 0, kMaxRetrySameModel, &fallback->retrySameModel)
            || !readIntegerInto(object, path, "backoff_ms", 0, kMaxBackoffMs, &fallback->backoffMs)
            || !readIntegerInto(object, path, "first_byte_timeout_ms", 0, kMaxInt, &fallback->firstByteTimeoutMs))
            return false;
        QJsonObject breakerObject;
        bool hasBreaker = false;
        if (!readObject(object, path, "breaker", kBreakerFields, &breakerObject, &hasBreaker))
            return false;
        const QString breakerPath = child(path, "breaker");
        BreakerSettings &breaker = fallback->breaker;
        return !hasBreaker
            || (readIntegerInto(breakerObject, breakerPath, "window", 1, kMaxBreakerWindow, &breaker.window)
                && readIntegerInto(
                    breakerObject, breakerPath, "min_requests", 1, kMaxBreakerWindow, &breaker.minRequests)
                && readRatio(breakerObject, breakerPath, "error_ratio", &breaker.errorRatio)
                && readIntegerInto(
                    breakerObject, breakerPath, "cooldown_s", 1, kMaxCooldownSeconds, &breaker.cooldownSeconds));
    }

    bool readTimeouts(const QJsonObject &platformObject, const QString &path, TimeoutSettings *timeouts)
    {
        QJsonObject object;
        bool present = false;
        if (!readObject(platformObject, path, "timeouts", kTimeoutFields, &object, &present))
            return false;
        if (!present)
            return true;
        const QString timeoutsPath = child(path, "timeouts");
        const qint64 max = ConfigValidator::kMaxInt;
        return readIntegerInto(object, timeoutsPath, "connect_ms", 1, max, &timeouts->connectMs)
            && readIntegerInto(object, timeoutsPath, "first_byte_ms", 1, max, &timeouts->firstByteMs)
            && readIntegerInto(object, timeoutsPath, "idle_ms", 1, max, &timeouts->idleMs)
            && readIntegerInto(object, timeoutsPath, "total_ms", 0, max, &timeouts->totalMs);
    }

    bool readPlatform(const QJsonObject &object, const QString &path, PlatformConfig *platform)
    {
        if (!readString(object, path, "id", &platform->id, true))
            return false;
        platform->name = platform->id;
        if (!readString(object, path, "name", &platform->name))
            return false;
        if (!member(object, "type").isUndefined()) {
            QString typeId;
            if (!readString(object, path, "type", &typeId))
                return false;
            const std::optional<PlatformType> type = platformTypeFromId(typeId);
            if (!type) {
                QStringList expected;
                for (PlatformType candidate : allPlatformTypes())
                    expected.append(platformTypeId(candidate));
                return fail(child(path, "type"),
                    QStringLiteral("unknown type \"%1\"; expected one of %2")
                        .arg(typeId, expected.join(QStringLiteral(", "))));
            }
            platform->type = *type;
        }
        platform->timeouts = PlatformPresets::forType(platform->type).timeouts;
        if (!readString(object, path, "base_url", &platform->baseUrl)
            || !readString(object, path, "api_key", &platform->apiKey)
            || !readBool(object, path, "enabled", &platform->enabled)
            || !readString(object, path, "currency", &platform->currency))
            return false;
        if (!forEachObject(
                object, path, "models", kModelFields, [&](const QJsonObject &modelObject, const QString &modelPath) {
                    ModelSettings model;
                    if (!readString(modelObject, modelPath, "id", &model.id, true)
                        || !readOptionalInt(modelObject, modelPath, "context_window", &model.contextWindow)
                        || !readOptionalInt(modelObject, modelPath, "max_output_tokens", &model.maxOutputTokens)
                        || !readOptionalBool(modelObject, modelPath, "tools", &model.supportsTools)
                        || !readOptionalBool(modelObject, modelPath, "vision", &model.supportsVision)
                        || !readOptionalBool(modelObject, modelPath, "reasoning", &model.supportsReasoning)
                        || !readPrice(modelObject, modelPath, &model.price))
                        return false;
                    platform->models.append(model);
                    return true;
                }))
            return false;
        return readTimeouts(object, path, &platform->timeouts);
    }

    bool readLimits(const QJsonObject &root, Limits *limits)
    {
        QJsonObject object;
        bool present = false;
        if (!readObject(root, QString(), "limits", kLimitFields, &object, &present))
            return false;
        const QString path = QStringLiteral("limits");
        using namespace ConfigValidator;
        return !present
            || (readIntegerInto(
                    object, path, "max_request_body_bytes", 1, kMaxRequestBodyBytes, &limits->maxRequestBodyBytes)
                && readIntegerInto(object, path, "max_connections", 1, kMaxConnections, &limits->maxConnections)
                && readIntegerInto(
                    object, path, "keep_alive_seconds", 1, kMaxKeepAliveSeconds, &limits->keepAliveIdleSeconds)
                && readIntegerInto(object, path, "shutdown_grace_seconds", 0, kMaxShutdownGraceSeconds,
                    &limits->shutdownGraceSeconds));
    }

    bool readRecords(const QJsonObject &root, RecordSettings *records)
    {
        QJsonObject object;
        bool present = false;
        if (!readObject(root, QString(), "records", kRecordFields, &object, &present))
            return false;
        if (!present)
            return true;
        const QString path = QStringLiteral("records");
        qint64 totalMegabytes = 0;
        bool hasTotal = false;
        using namespace ConfigValidator;
        if (!readBool(object, path, "enabled", &records->enabled)
            || !readBool(object, path, "store_bodies", &records->storeBodies)
            || !readIntegerInto(object, path, "retention_days", 0, kMaxRetentionDays, &records->retentionDays)
            || !readInteger(object, path, "max_total_mb", 1, kMaxTotalMegabytes, &totalMegabytes, &hasTotal))
            return false;
        if (hasTotal)
            records->maxTotalBytes = totalMegabytes * kBytesPerMegabyte;
        return true;
    }

    bool readUpstreamProxy(const QJsonObject &root, UpstreamProxySettings *proxy)
    {
        QJsonObject object;
        bool present = false;
        if (!readObject(root, QString(), "upstream_proxy", kUpstreamProxyFields, &object, &present))
            return false;
        if (!present)
            return true;
        const QString path = QStringLiteral("upstream_proxy");
        if (!member(object, "mode").isUndefined()) {
            QString modeId;
            if (!readString(object, path, "mode", &modeId))
                return false;
            const std::optional<UpstreamProxySettings::Mode> mode = upstreamProxyModeFromId(modeId);
            if (!mode)
                return fail(child(path, "mode"),
                    QStringLiteral("unknown mode \"%1\"; expected environment, none or manual").arg(modeId));
            proxy->mode = *mode;
        }
        return readString(object, path, "url", &proxy->url) && readString(object, path, "password", &proxy->password)
            && readString(object, path, "no_proxy", &proxy->noProxy);
    }

    bool readConfig(const QJsonObject &root, Config *config)
    {
        if (!checkFields(root, QString(), kRootFields) || !readVersion(root, config)
            || !readListen(root, &config->server) || !readRouting(root, &config->routing))
            return false;
        if (!forEachObject(
                root, QString(), "platforms", kPlatformFields, [&](const QJsonObject &object, const QString &path) {
                    PlatformConfig platform;
                    if (!readPlatform(object, path, &platform))
                        return false;
                    config->platforms.append(platform);
                    return true;
                }))
            return false;
        if (!forEachObject(
                root, QString(), "client_keys", kClientKeyFields, [&](const QJsonObject &object, const QString &path) {
                    ClientKey key;
                    if (!readString(object, path, "id", &key.id, true) || !readString(object, path, "name", &key.name)
                        || !readString(object, path, "key", &key.key, true)
                        || !readBool(object, path, "enabled", &key.enabled))
                        return false;
                    config->clientKeys.append(key);
                    return true;
                }))
            return false;
        return readLimits(root, &config->limits) && readRecords(root, &config->records)
            && readUpstreamProxy(root, &config->upstreamProxy);
    }

private:
    QString m_error;
};

// An ordered JSON tree for writing (QJsonObject would sort the keys).
struct Node
{
    enum class Kind
    {
        Scalar,
        Object,
        Array
    };
    Kind kind = Kind::Scalar;
    QByteArray scalar; // encoded JSON
    std::vector<std::pair<const char *, Node>> members;
    std::vector<Node> items;

    static Node string(const QString &text)
    {
        const QByteArray array = QJsonDocument(QJsonArray {text}).toJson(QJsonDocument::Compact);
        Node node;
        node.scalar = array.mid(1, array.size() - 2); // strip [ ]
        return node;
    }
    static Node integer(qint64 value)
    {
        Node node;
        node.scalar = QByteArray::number(value);
        return node;
    }
    static Node number(double value)
    {
        Node node;
        node.scalar = QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
        return node;
    }
    static Node boolean(bool value)
    {
        Node node;
        node.scalar = value ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
        return node;
    }
    static Node object()
    {
        Node node;
        node.kind = Kind::Object;
        return node;
    }
    static Node array()
    {
        Node node;
        node.kind = Kind::Array;
        return node;
    }
    static Node strings(const QStringList &list)
    {
        Node node = array();
        for (const QString &text : list)
            node.items.push_back(string(text));
        return node;
    }

    Node &add(const char *key, Node value)
    {
        members.emplace_back(key, std::move(value));
        return *this;
    }

    void write(QByteArray &out, int depth) const
    {
        const QByteArray indent(2 * (depth + 1), ' ');
        const QByteArray closingIndent(2 * depth, ' ');
        switch (kind) {
        case Kind::Scalar:
            out += scalar;
            return;
        case Kind::Object:
            if (members.empty()) {
                out += "{}";
                return;
            }
            out += "{\n";
            for (size_t i = 0; i < members.size(); ++i) {
                out += indent + '"' + members[i].first + "\": ";
                members[i].second.write(out, depth + 1);
                out += i + 1 < members.size() ? ",\n" : "\n";
            }
            out += closingIndent + '}';
            return;
        case Kind::Array: {
            const bool scalarsOnly
                = std::all_of(items.begin(), items.end(), [](const Node &item) { return item.kind == Kind::Scalar; });
            if (items.empty()) {
                out += "[]";
            } else if (scalarsOnly) {
                out += '[';
                for (size_t i = 0; i < items.size(); ++i) {
                    if (i > 0)
                        out += ", ";
                    items[i].write(out, depth + 1);
                }
                out += ']';
            } else {
                out += "[\n";
                for (size_t i = 0; i < items.size(); ++i) {
                    out += indent;
                    items[i].write(out, depth + 1);
                    out += i + 1 < items.size() ? ",\n" : "\n";
                }
                out += closingIndent + ']';
            }
            return;
        }
        }
    }
};

Node modelNode(const ModelSettings &model)
{
    Node node = Node::object();
    node.add("id", Node::string(model.id));
    if (model.contextWindow)
        node.add("context_window", Node::integer(*model.contextWindow));
    if (model.maxOutputTokens)
        node.add("max_output_tokens", Node::integer(*model.maxOutputTokens));
    if (model.supportsTools)
        node.add("tools", Node::boolean(*model.supportsTools));
    if (model.supportsVision)
        node.add("vision", Node::boolean(*model.supportsVision));
    if (model.supportsReasoning)
        node.add("reasoning", Node::boolean(*model.supportsReasoning));
    if (model.price) {
        Node price = Node::object();
        price.add("input", Node::number(model.price->input)).add("output", Node::number(model.price->output));
        if (model.price->cacheRead)
            price.add("cache_read", Node::number(*model.price->cacheRead));
        if (model.price->cacheWrite)
            price.add("cache_write", Node::number(*model.price->cacheWrite));
        node.add("price", std::move(price));
    }
    return node;
}

Node platformNode(const PlatformConfig &platform)
{
    Node models = Node::array();
    for (const ModelSettings &model : platform.models)
        models.items.push_back(modelNode(model));
    Node timeouts = Node::object();
    timeouts.add("connect_ms", Node::integer(platform.timeouts.connectMs))
        .add("first_byte_ms", Node::integer(platform.timeouts.firstByteMs))
        .add("idle_ms", Node::integer(platform.timeouts.idleMs))
        .add("total_ms", Node::integer(platform.timeouts.totalMs));
    Node node = Node::object();
    node.add("id", Node::string(platform.id))
        .add("name", Node::string(platform.name))
        .add("type", Node::string(platformTypeId(platform.type)))
        .add("base_url", Node::string(platform.baseUrl))
        .add("api_key", Node::string(platform.apiKey))
        .add("enabled", Node::boolean(platform.enabled))
        .add("models", std::move(models))
        .add("timeouts", std::move(timeouts))
        .add("currency", Node::string(platform.currency));
    return node;
}

} // namespace

namespace ConfigJson {

std::optional<ServerSettings> parseListenAddress(const QString &listen, QString *error)
{
    auto fail = [error](const QString &problem) {
        if (error)
            *error = problem;
        return std::optional<ServerSettings>();
    };
    const qsizetype colon = listen.lastIndexOf(QLatin1Char(':'));
    if (colon < 0)
        return fail(QStringLiteral("must be \"host:port\", e.g. \"127.0.0.1:8000\" or \"[::1]:8000\""));
    QString host = listen.left(colon);
    const QString portText = listen.mid(colon + 1);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']'))) {
        host = host.mid(1, host.size() - 2);
        if (!host.contains(QLatin1Char(':')) || !ConfigValidator::isValidListenHost(host))
            return fail(QStringLiteral("\"[%1]\" is not an IPv6 address").arg(host));
    } else if (host.contains(QLatin1Char(':')) || host.contains(QLatin1Char('[')) || host.contains(QLatin1Char(']'))) {
        return fail(QStringLiteral("an IPv6 host is written in brackets, e.g. \"[::1]:8000\""));
    } else if (!ConfigValidator::isValidListenHost(host)) {
        return fail(QStringLiteral("host must be an IP address such as 127.0.0.1, 0.0.0.0 or [::1]"));
    }
    bool isNumber = !portText.isEmpty() && portText.size() <= 5;
    for (QChar c : portText)
        isNumber = isNumber && c >= QLatin1Char('0') && c <= QLatin1Char('9');
    const int port = isNumber ? portText.toInt() : 0;
    if (port < 1 || port > 65535)
        return fail(QStringLiteral("port must be a number from 1 to 65535"));
    ServerSettings server;
    server.host = host;
    server.port = quint16(port);
    return server;
}

QString listenAddress(const ServerSettings &server)
{
    QString host = server.host;
    if (host.contains(QLatin1Char(':')))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return host + QLatin1Char(':') + QString::number(server.port);
}

std::optional<Config> read(const QByteArray &json, QString *error)
{
    auto failWith = [error](const QString &message) -> std::optional<Config> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (json.trimmed().isEmpty())
        return failWith(QStringLiteral("the configuration is empty; expected a JSON object such as {\"version\": 1}"));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return failWith(position(json, parseError.offset) + QStringLiteral(": ") + parseError.errorString());
    if (!document.isObject())
        return failWith(QStringLiteral("the configuration must be a JSON object"));

    Config config;
    Reader reader;
    if (!reader.readConfig(document.object(), &config))
        return failWith(reader.error());
    const QString problem = ConfigValidator::validate(config);
    if (!problem.isEmpty())
        return failWith(problem);
    return config;
}

QByteArray write(const Config &config)
{
    Node claudeCode = Node::object();
    claudeCode.add("platforms", Node::strings(config.routing.claudeCodePlatforms));

    Node scenes = Node::array();
    for (const Scene &scene : config.routing.scenes) {
        Node node = Node::object();
        node.add("name", Node::string(scene.name))
            .add("description", Node::string(scene.description))
            .add("models", Node::strings(scene.models))
            .add("default", Node::boolean(scene.isDefault));
        scenes.items.push_back(std::move(node));
    }

    const RoutingConfig &routing = config.routing;
    Node tiers = Node::object();
    tiers.add("haiku", Node::strings(routing.tiers.haiku))
        .add("sonnet", Node::strings(routing.tiers.sonnet))
        .add("opus", Node::strings(routing.tiers.opus));

    Node rules = Node::object();
    rules.add("background", Node::strings(routing.rules.background))
        .add("think", Node::strings(routing.rules.think))
        .add("long_context", Node::strings(routing.rules.longContext))
        .add("long_context_threshold", Node::integer(routing.rules.longContextThreshold))
        .add("image", Node::strings(routing.rules.image));

    Node classifier = Node::object();
    classifier.add("enabled", Node::boolean(routing.classifier.enabled))
        .add("deadline_ms", Node::integer(routing.classifier.deadlineMs));

    const BreakerSettings &breakerSettings = routing.fallback.breaker;
    Node breaker = Node::object();
    breaker.add("window", Node::integer(breakerSettings.window))
        .add("min_requests", Node::integer(breakerSettings.minRequests))
        .add("error_ratio", Node::number(breakerSettings.errorRatio))
        .add("cooldown_s", Node::integer(breakerSettings.cooldownSeconds));
    Node fallback = Node::object();
    fallback.add("max_attempts", Node::integer(routing.fallback.maxAttempts))
        .add("retry_same_model", Node::integer(routing.fallback.retrySameModel))
        .add("backoff_ms", Node::integer(routing.fallback.backoffMs))
        .add("first_byte_timeout_ms", Node::integer(routing.fallback.firstByteTimeoutMs))
        .add("breaker", std::move(breaker));

    Node platforms = Node::array();
    for (const PlatformConfig &platform : config.platforms)
        platforms.items.push_back(platformNode(platform));

    Node clientKeys = Node::array();
    for (const ClientKey &key : config.clientKeys) {
        Node node = Node::object();
        node.add("id", Node::string(key.id))
            .add("name", Node::string(key.name))
            .add("key", Node::string(key.key))
            .add("enabled", Node::boolean(key.enabled));
        clientKeys.items.push_back(std::move(node));
    }

    Node limits = Node::object();
    limits.add("max_request_body_bytes", Node::integer(config.limits.maxRequestBodyBytes))
        .add("max_connections", Node::integer(config.limits.maxConnections))
        .add("keep_alive_seconds", Node::integer(config.limits.keepAliveIdleSeconds))
        .add("shutdown_grace_seconds", Node::integer(config.limits.shutdownGraceSeconds));

    Node records = Node::object();
    records.add("enabled", Node::boolean(config.records.enabled))
        .add("store_bodies", Node::boolean(config.records.storeBodies))
        .add("retention_days", Node::integer(config.records.retentionDays))
        .add("max_total_mb", Node::integer(config.records.maxTotalBytes / ConfigValidator::kBytesPerMegabyte));

    Node upstreamProxy = Node::object();
    upstreamProxy.add("mode", Node::string(upstreamProxyModeId(config.upstreamProxy.mode)))
        .add("url", Node::string(config.upstreamProxy.url))
        .add("password", Node::string(config.upstreamProxy.password))
        .add("no_proxy", Node::string(config.upstreamProxy.noProxy));

    Node root = Node::object();
    root.add("version", Node::integer(config.version))
        .add("listen", Node::string(listenAddress(config.server)))
        .add("config_type", Node::string(routingModeId(config.routing.mode)))
        .add("claude_code", std::move(claudeCode))
        .add("model_priority_list", Node::strings(config.routing.modelPriorityList))
        .add("routing_models", Node::strings(config.routing.routingModels))
        .add("scenes", std::move(scenes))
        .add("tiers", std::move(tiers))
        .add("rules", std::move(rules))
        .add("classifier", std::move(classifier))
        .add("fallback", std::move(fallback))
        .add("platforms", std::move(platforms))
        .add("client_keys", std::move(clientKeys))
        .add("limits", std::move(limits))
        .add("records", std::move(records))
        .add("upstream_proxy", std::move(upstreamProxy));

    QByteArray out;
    root.write(out, 0);
    out += '\n';
    return out;
}

} // namespace ConfigJson
