#include "config/ConfigResolver.h"

#include "config/ConfigValidator.h"
#include "platforms/PlatformPreset.h"

#include <QHash>

namespace {

QString indexedField(const char *list, qsizetype index, const char *name)
{
    return QLatin1String(list) + QLatin1Char('[') + QString::number(index) + QStringLiteral("].") + QLatin1String(name);
}

bool fail(QString *error, const QString &path, const QString &message)
{
    if (error)
        *error = path + QStringLiteral(": ") + message;
    return false;
}

} // namespace

namespace ConfigResolver {

SecretReference::Lookup lookupIn(const QProcessEnvironment &environment)
{
    return [environment](const QString &name) -> std::optional<QString> {
        if (!environment.contains(name))
            return std::nullopt;
        return environment.value(name);
    };
}

std::optional<Config> resolve(const Config &written, const SecretReference::Lookup &lookup, QString *error)
{
    return resolve(written, SecretReference::Sources {lookup, {}}, error);
}

std::optional<Config> resolve(const Config &written, const SecretReference::Sources &lookup, QString *error)
{
    Config resolved = written;

    for (qsizetype i = 0; i < resolved.platforms.size(); ++i) {
        PlatformConfig &platform = resolved.platforms[i];
        const PlatformPreset &preset = PlatformPresets::forType(platform.type);
        if (platform.baseUrl.isEmpty())
            platform.baseUrl = preset.defaultBaseUrl;
        if (!platform.enabled) {
            platform.apiKey.clear();
            continue;
        }
        QString problem;
        const std::optional<QString> key
            = SecretReference::expand(platform.apiKey, lookup, &problem, preset.requiresApiKey);
        if (!key) {
            fail(error, indexedField("platforms", i, "api_key"), problem);
            return std::nullopt;
        }
        platform.apiKey = *key;
    }

    UpstreamProxySettings &proxy = resolved.upstreamProxy;
    if (proxy.mode == UpstreamProxySettings::Mode::Manual) {
        QString problem;
        const std::optional<QString> url = SecretReference::expand(proxy.url, lookup, &problem, true);
        if (url)
            problem = ConfigValidator::upstreamProxyProblem(*url);
        if (!problem.isEmpty()) {
            fail(error, QStringLiteral("upstream_proxy.url"), problem);
            return std::nullopt;
        }
        proxy.url = *url;
        const std::optional<QString> password = SecretReference::expand(proxy.password, lookup, &problem);
        if (!password) {
            fail(error, QStringLiteral("upstream_proxy.password"), problem);
            return std::nullopt;
        }
        proxy.password = *password;
    } else {
        proxy.url.clear();
        proxy.password.clear();
    }

    QHash<QString, qsizetype> keyOwners;
    for (qsizetype i = 0; i < resolved.clientKeys.size(); ++i) {
        ClientKey &clientKey = resolved.clientKeys[i];
        if (!clientKey.enabled) {
            clientKey.key.clear();
            continue;
        }
        const QString path = indexedField("client_keys", i, "key");
        QString problem;
        const std::optional<QString> key = SecretReference::expand(clientKey.key, lookup, &problem, true);
        if (!key) {
            fail(error, path, problem);
            return std::nullopt;
        }
        if (keyOwners.contains(*key)) {
            fail(error, path,
                QStringLiteral("the same key as client_keys[%1]; every client needs its own key")
                    .arg(keyOwners.value(*key)));
            return std::nullopt;
        }
        keyOwners.insert(*key, i);
        clientKey.key = *key;
    }
    return resolved;
}

std::optional<Config> resolve(const Config &written, const QProcessEnvironment &environment, QString *error)
{
    return resolve(written, lookupIn(environment), error);
}

} // namespace ConfigResolver
