#include "config/ConfigValidator.h"

#include "config/SecretReference.h"
#include "platforms/PlatformPreset.h"
#include "upstream/UpstreamProxy.h"

#include <QHash>
#include <QHostAddress>
#include <QUrl>

#include <cmath>

namespace {

QString field(const QString &path, const char *name)
{
    return path + QLatin1Char('.') + QLatin1String(name);
}

QString indexed(const QString &path, qsizetype index)
{
    return path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

// Collects the first problem; every check after that is a no-op.
class Checker
{
public:
    bool ok() const { return m_problem.isEmpty(); }
    QString problem() const { return m_problem; }

    void fail(const QString &path, const QString &message)
    {
        if (m_problem.isEmpty())
            m_problem = path.isEmpty() ? message : path + QStringLiteral(": ") + message;
    }

    void checkInteger(const QString &path, qint64 value, qint64 minimum, qint64 maximum)
    {
        const QString problem = ConfigValidator::integerProblem(value, minimum, maximum);
        if (!problem.isEmpty())
            fail(path, problem);
    }

    // A secret as written: well-formed references, not the export placeholder, present when required.
    void checkSecret(const QString &path, const QString &value, bool required, const QString &requiredMessage)
    {
        if (value.isEmpty()) {
            if (required)
                fail(path, requiredMessage);
            return;
        }
        if (value == ConfigValidator::secretPlaceholder()) {
            fail(path,
                QStringLiteral("holds the \"********\" placeholder of an export without secrets; "
                               "write the secret or a $ENV_VAR reference"));
            return;
        }
        const QString syntax = SecretReference::syntaxError(value);
        if (!syntax.isEmpty())
            fail(path, syntax);
    }

    // "platform:model"
    void checkModelReference(const QString &path, const QString &reference, const Config &config)
    {
        const qsizetype colon = reference.indexOf(QLatin1Char(':'));
        if (colon <= 0 || colon == reference.size() - 1) {
            fail(path,
                QStringLiteral("\"%1\" must be \"platform:model\", e.g. \"dashscope:qwen3-coder-plus\"")
                    .arg(reference));
            return;
        }
        const QString platformId = reference.left(colon);
        if (!config.findPlatform(platformId))
            fail(path, QStringLiteral("unknown platform \"%1\" in \"%2\"").arg(platformId, reference));
    }

    void checkModelReferences(const QString &path, const QStringList &references, const Config &config)
    {
        for (qsizetype i = 0; i < references.size() && ok(); ++i)
            checkModelReference(indexed(path, i), references.at(i), config);
    }

private:
    QString m_problem;
};

void checkServer(Checker &checker, const ServerSettings &server)
{
    const QString path = QStringLiteral("listen");
    if (!ConfigValidator::isValidListenHost(server.host))
        checker.fail(path, QStringLiteral("host must be an IP address such as 127.0.0.1, 0.0.0.0 or [::1]"));
    else if (server.port == 0)
        checker.fail(path, QStringLiteral("port must be a number from 1 to 65535"));
}

void checkPlatform(Checker &checker, const PlatformConfig &platform, const QString &path)
{
    if (platform.id.isEmpty()) {
        checker.fail(field(path, "id"), QStringLiteral("required"));
        return;
    }
    if (!ConfigValidator::isValidPlatformId(platform.id)) {
        checker.fail(field(path, "id"),
            QStringLiteral("\"%1\" may contain only letters, digits, \"_\", \".\" and \"-\"").arg(platform.id));
        return;
    }
    const PlatformPreset &preset = PlatformPresets::forType(platform.type);
    if (platform.baseUrl.isEmpty()) {
        if (preset.defaultBaseUrl.isEmpty())
            checker.fail(
                field(path, "base_url"), QStringLiteral("required for type %1").arg(platformTypeId(platform.type)));
    } else if (!ConfigValidator::isValidBaseUrl(platform.baseUrl)) {
        checker.fail(field(path, "base_url"), QStringLiteral("must be an http:// or https:// URL"));
    } else if (ConfigValidator::hasQueryOrFragment(platform.baseUrl)) {
        checker.fail(field(path, "base_url"), QStringLiteral("must not have a query (?...) or fragment (#...)"));
    }
    checker.checkSecret(field(path, "api_key"), platform.apiKey, platform.enabled && preset.requiresApiKey,
        QStringLiteral("required for type %1 (write the key or a reference such as $%2)")
            .arg(platformTypeId(platform.type), preset.apiKeyVariable));

    QHash<QString, qsizetype> modelIndex;
    for (qsizetype i = 0; i < platform.models.size() && checker.ok(); ++i) {
        const ModelSettings &model = platform.models.at(i);
        const QString modelPath = indexed(field(path, "models"), i);
        if (model.id.isEmpty()) {
            checker.fail(field(modelPath, "id"), QStringLiteral("required"));
            break;
        }
        if (modelIndex.contains(model.id)) {
            checker.fail(field(modelPath, "id"),
                QStringLiteral("\"%1\" is already described by %2")
                    .arg(model.id, indexed(field(path, "models"), modelIndex.value(model.id))));
            break;
        }
        modelIndex.insert(model.id, i);
        if (model.contextWindow)
            checker.checkInteger(field(modelPath, "context_window"), *model.contextWindow, 1, ConfigValidator::kMaxInt);
        if (model.maxOutputTokens)
            checker.checkInteger(
                field(modelPath, "max_output_tokens"), *model.maxOutputTokens, 1, ConfigValidator::kMaxInt);
        if (model.price) {
            const QString pricePath = field(modelPath, "price");
            const std::pair<const char *, std::optional<double>> prices[]
                = {{"input", model.price->input}, {"output", model.price->output},
                    {"cache_read", model.price->cacheRead}, {"cache_write", model.price->cacheWrite}};
            for (const auto &[name, value] : prices) {
                if (value && checker.ok() && !ConfigValidator::priceProblem(*value).isEmpty())
                    checker.fail(field(pricePath, name), ConfigValidator::priceExpectation());
            }
        }
    }
    if (checker.ok() && !ConfigValidator::isValidCurrency(platform.currency))
        checker.fail(field(path, "currency"),
            QStringLiteral("must be a currency code of three capital letters, such as USD or CNY"));

    const QString timeoutsPath = field(path, "timeouts");
    checker.checkInteger(field(timeoutsPath, "connect_ms"), platform.timeouts.connectMs, 1, ConfigValidator::kMaxInt);
    checker.checkInteger(
        field(timeoutsPath, "first_byte_ms"), platform.timeouts.firstByteMs, 1, ConfigValidator::kMaxInt);
    checker.checkInteger(field(timeoutsPath, "idle_ms"), platform.timeouts.idleMs, 1, ConfigValidator::kMaxInt);
    checker.checkInteger(field(timeoutsPath, "total_ms"), platform.timeouts.totalMs, 0, ConfigValidator::kMaxInt);
}

void checkPlatforms(Checker &checker, const Config &config)
{
    QHash<QString, qsizetype> seen;
    for (qsizetype i = 0; i < config.platforms.size() && checker.ok(); ++i) {
        const PlatformConfig &platform = config.platforms.at(i);
        const QString path = indexed(QStringLiteral("platforms"), i);
        checkPlatform(checker, platform, path);
        if (!checker.ok())
            break;
        if (seen.contains(platform.id)) {
            checker.fail(field(path, "id"),
                QStringLiteral("\"%1\" is already used by %2")
                    .arg(platform.id, indexed(QStringLiteral("platforms"), seen.value(platform.id))));
            break;
        }
        seen.insert(platform.id, i);
    }
}

void checkClientKeys(Checker &checker, const Config &config)
{
    QHash<QString, qsizetype> seen;
    for (qsizetype i = 0; i < config.clientKeys.size() && checker.ok(); ++i) {
        const ClientKey &key = config.clientKeys.at(i);
        const QString path = indexed(QStringLiteral("client_keys"), i);
        if (key.id.isEmpty()) {
            checker.fail(field(path, "id"), QStringLiteral("required"));
            break;
        }
        if (seen.contains(key.id)) {
            checker.fail(field(path, "id"),
                QStringLiteral("\"%1\" is already used by %2")
                    .arg(key.id, indexed(QStringLiteral("client_keys"), seen.value(key.id))));
            break;
        }
        seen.insert(key.id, i);
        checker.checkSecret(field(path, "key"), key.key, true, QStringLiteral("required (must not be empty)"));
    }
}

// tiers, rules, classifier and fallback
void checkRoutingExtras(Checker &checker, const Config &config)
{
    using namespace ConfigValidator;
    const RoutingConfig &routing = config.routing;
    checker.checkModelReferences(QStringLiteral("tiers.haiku"), routing.tiers.haiku, config);
    checker.checkModelReferences(QStringLiteral("tiers.sonnet"), routing.tiers.sonnet, config);
    checker.checkModelReferences(QStringLiteral("tiers.opus"), routing.tiers.opus, config);
    checker.checkModelReferences(QStringLiteral("rules.background"), routing.rules.background, config);
    checker.checkModelReferences(QStringLiteral("rules.think"), routing.rules.think, config);
    checker.checkModelReferences(QStringLiteral("rules.long_context"), routing.rules.longContext, config);
    checker.checkModelReferences(QStringLiteral("rules.image"), routing.rules.image, config);
    checker.checkInteger(
        QStringLiteral("rules.long_context_threshold"), routing.rules.longContextThreshold, 1, kMaxInt);
    checker.checkInteger(
        QStringLiteral("classifier.deadline_ms"), routing.classifier.deadlineMs, 1, kMaxClassifierDeadlineMs);

    const FallbackSettings &fallback = routing.fallback;
    checker.checkInteger(QStringLiteral("fallback.max_attempts"), fallback.maxAttempts, 1, kMaxAttempts);
    checker.checkInteger(QStringLiteral("fallback.retry_same_model"), fallback.retrySameModel, 0, kMaxRetrySameModel);
    checker.checkInteger(QStringLiteral("fallback.backoff_ms"), fallback.backoffMs, 0, kMaxBackoffMs);
    checker.checkInteger(QStringLiteral("fallback.first_byte_timeout_ms"), fallback.firstByteTimeoutMs, 0, kMaxInt);
    const BreakerSettings &breaker = fallback.breaker;
    checker.checkInteger(QStringLiteral("fallback.breaker.window"), breaker.window, 1, kMaxBreakerWindow);
    checker.checkInteger(QStringLiteral("fallback.breaker.min_requests"), breaker.minRequests, 1, kMaxBreakerWindow);
    if (checker.ok() && breaker.minRequests > breaker.window)
        checker.fail(QStringLiteral("fallback.breaker.min_requests"),
            QStringLiteral("must be at most fallback.breaker.window (%1)").arg(breaker.window));
    if (!(breaker.errorRatio > 0 && breaker.errorRatio <= 1)) // also false for NaN
        checker.fail(QStringLiteral("fallback.breaker.error_ratio"), ratioExpectation());
    checker.checkInteger(
        QStringLiteral("fallback.breaker.cooldown_s"), breaker.cooldownSeconds, 1, kMaxCooldownSeconds);
}

void checkRouting(Checker &checker, const Config &config)
{
    const RoutingConfig &routing = config.routing;
    const QString claudeCodePath = QStringLiteral("claude_code.platforms");
    for (qsizetype i = 0; i < routing.claudeCodePlatforms.size() && checker.ok(); ++i) {
        const QString &id = routing.claudeCodePlatforms.at(i);
        const QString path = indexed(claudeCodePath, i);
        const PlatformConfig *platform = config.findPlatform(id);
        if (!platform)
            checker.fail(path, QStringLiteral("unknown platform \"%1\"").arg(id));
        else if (platform->type != PlatformType::Anthropic)
            checker.fail(path,
                QStringLiteral("platform \"%1\" has type %2; pass-through needs type anthropic")
                    .arg(id, platformTypeId(platform->type)));
        else if (routing.claudeCodePlatforms.indexOf(id) != i)
            checker.fail(path, QStringLiteral("platform \"%1\" is listed twice").arg(id));
    }
    checker.checkModelReferences(QStringLiteral("model_priority_list"), routing.modelPriorityList, config);
    checker.checkModelReferences(QStringLiteral("routing_models"), routing.routingModels, config);

    QHash<QString, qsizetype> seen;
    qsizetype defaultIndex = -1;
    for (qsizetype i = 0; i < routing.scenes.size() && checker.ok(); ++i) {
        const Scene &scene = routing.scenes.at(i);
        const QString path = indexed(QStringLiteral("scenes"), i);
        if (scene.name.trimmed().isEmpty()) {
            checker.fail(field(path, "name"), QStringLiteral("required"));
            break;
        }
        if (seen.contains(scene.name)) {
            checker.fail(field(path, "name"),
                QStringLiteral("\"%1\" is already used by %2")
                    .arg(scene.name, indexed(QStringLiteral("scenes"), seen.value(scene.name))));
            break;
        }
        seen.insert(scene.name, i);
        if (scene.models.isEmpty())
            checker.fail(field(path, "models"), QStringLiteral("must list at least one \"platform:model\""));
        checker.checkModelReferences(field(path, "models"), scene.models, config);
        if (scene.isDefault) {
            if (defaultIndex >= 0)
                checker.fail(field(path, "default"),
                    QStringLiteral("only one scene can be the default; %1 already is")
                        .arg(indexed(QStringLiteral("scenes"), defaultIndex)));
            defaultIndex = i;
        }
    }
    checkRoutingExtras(checker, config);
}

void checkLimits(Checker &checker, const Limits &limits)
{
    using namespace ConfigValidator;
    checker.checkInteger(
        QStringLiteral("limits.max_request_body_bytes"), limits.maxRequestBodyBytes, 1, kMaxRequestBodyBytes);
    checker.checkInteger(QStringLiteral("limits.max_connections"), limits.maxConnections, 1, kMaxConnections);
    checker.checkInteger(
        QStringLiteral("limits.keep_alive_seconds"), limits.keepAliveIdleSeconds, 1, kMaxKeepAliveSeconds);
    checker.checkInteger(
        QStringLiteral("limits.shutdown_grace_seconds"), limits.shutdownGraceSeconds, 0, kMaxShutdownGraceSeconds);
}

void checkRecords(Checker &checker, const RecordSettings &records)
{
    using namespace ConfigValidator;
    checker.checkInteger(QStringLiteral("records.retention_days"), records.retentionDays, 0, kMaxRetentionDays);
    const QString totalPath = QStringLiteral("records.max_total_mb");
    if (records.maxTotalBytes % kBytesPerMegabyte != 0)
        checker.fail(totalPath, QStringLiteral("must be a whole number of megabytes"));
    else
        checker.checkInteger(totalPath, records.maxTotalBytes / kBytesPerMegabyte, 1, kMaxTotalMegabytes);
}

void checkUpstreamProxy(Checker &checker, const UpstreamProxySettings &proxy)
{
    if (proxy.mode != UpstreamProxySettings::Mode::Manual)
        return;
    const QString path = QStringLiteral("upstream_proxy.url");
    checker.checkSecret(path, proxy.url, true,
        QStringLiteral("the manual mode needs the proxy's URL, e.g. \"http://proxy.example:3128\""));
    checker.checkSecret(QStringLiteral("upstream_proxy.password"), proxy.password, false, QString());
    if (!checker.ok())
        return;
    if (SecretReference::hasReference(proxy.url))
        return; // checked once the references are expanded (ConfigResolver)
    const QString problem = ConfigValidator::upstreamProxyProblem(proxy.url);
    if (!problem.isEmpty())
        checker.fail(path, problem);
}

} // namespace

namespace ConfigValidator {

QString integerExpectation(qint64 minimum)
{
    return minimum > 0 ? QStringLiteral("must be a positive integer")
                       : QStringLiteral("must be a non-negative integer");
}

QString ratioExpectation()
{
    return QStringLiteral("must be a number greater than 0 and at most 1");
}

QString priceExpectation()
{
    return QStringLiteral("must be a number from 0 to %1 (per million tokens)").arg(qint64(kMaxPrice));
}

QString priceProblem(double price)
{
    return std::isfinite(price) && price >= 0 && price <= kMaxPrice ? QString() : priceExpectation();
}

bool isValidCurrency(const QString &currency)
{
    if (currency.size() != 3)
        return false;
    for (const QChar c : currency) {
        if (c < QLatin1Char('A') || c > QLatin1Char('Z'))
            return false;
    }
    return true;
}

QString integerMaximum(qint64 maximum)
{
    return QStringLiteral("must be at most %1").arg(maximum);
}

QString integerProblem(qint64 value, qint64 minimum, qint64 maximum)
{
    if (value < minimum)
        return integerExpectation(minimum);
    if (value > maximum)
        return integerMaximum(maximum);
    return QString();
}

bool isValidPlatformId(const QString &id)
{
    if (id.isEmpty())
        return false;
    for (QChar c : id) {
        const bool allowed = (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            || (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
            || c == QLatin1Char('_') || c == QLatin1Char('.') || c == QLatin1Char('-');
        if (!allowed)
            return false;
    }
    return true;
}

bool isValidBaseUrl(const QString &url)
{
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.host().isEmpty())
        return false;
    const QString scheme = parsed.scheme();
    return scheme == QLatin1String("http") || scheme == QLatin1String("https");
}

bool hasQueryOrFragment(const QString &url)
{
    const QUrl parsed(url, QUrl::StrictMode);
    return parsed.hasQuery() || parsed.hasFragment();
}

bool isValidListenHost(const QString &host)
{
    QHostAddress address;
    return !host.isEmpty() && address.setAddress(host);
}

QString validate(const Config &config)
{
    Checker checker;
    if (config.version != Config::kCurrentVersion)
        checker.fail(QStringLiteral("version"), QStringLiteral("must be %1").arg(Config::kCurrentVersion));
    checkServer(checker, config.server);
    checkPlatforms(checker, config);
    checkClientKeys(checker, config);
    checkRouting(checker, config);
    checkLimits(checker, config.limits);
    checkRecords(checker, config.records);
    checkUpstreamProxy(checker, config.upstreamProxy);
    return checker.problem();
}

QString upstreamProxyProblem(const QString &url)
{
    QString error;
    const std::optional<UpstreamProxy> proxy = UpstreamProxy::fromUrl(url, &error);
    if (!proxy)
        return error;
    if (proxy->password == secretPlaceholder())
        return QStringLiteral("the password is the \"********\" placeholder of an export without secrets; write "
                              "the password or a $ENV_VAR reference");
    return QString();
}

} // namespace ConfigValidator
