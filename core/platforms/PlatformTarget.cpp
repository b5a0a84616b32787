#include "platforms/PlatformTarget.h"

#include "config/ConfigResolver.h"
#include "config/ConfigValidator.h"
#include "platforms/PlatformEndpoints.h"
#include "platforms/PlatformPreset.h"

#include <QProcessEnvironment>

PlatformTarget PlatformTarget::from(const PlatformConfig &platform, const SecretReference::Lookup &lookup)
{
    const PlatformPreset &preset = PlatformPresets::forType(platform.type);
    PlatformTarget target;
    target.type = platform.type;
    target.id = platform.id;
    target.name = !platform.name.trimmed().isEmpty() ? platform.name.trimmed()
        : !platform.id.isEmpty()                     ? platform.id
                                                     : preset.displayName;
    target.isLocal = preset.isLocal;
    target.baseUrl = PlatformEndpoints::trimmedBase(PlatformPresets::effectiveBaseUrl(platform));

    if (target.baseUrl.isEmpty()) {
        target.problem = PlatformFailure::invalidSettings(QStringLiteral("No base URL is set for %1.").arg(target.name),
            QStringLiteral("Platforms of type %1 have no default address: give the service's URL, including "
                           "its version (for example https://api.example.com/v1).")
                .arg(platformTypeId(platform.type)));
        return target;
    }
    if (!ConfigValidator::isValidBaseUrl(target.baseUrl) || ConfigValidator::hasQueryOrFragment(target.baseUrl)) {
        target.problem = PlatformFailure::invalidSettings(
            QStringLiteral("The base URL of %1 is not a usable http:// or https:// address.").arg(target.name),
            QStringLiteral("Base URL: %1").arg(target.baseUrl));
        return target;
    }

    if (lookup) {
        QString error;
        const std::optional<QString> key = SecretReference::expand(platform.apiKey, lookup, &error);
        if (!key) {
            target.problem = PlatformFailure::invalidSettings(
                QStringLiteral("The API key of %1 cannot be read: %2.").arg(target.name, error));
            return target;
        }
        target.apiKey = key->trimmed();
    } else {
        target.apiKey = platform.apiKey.trimmed();
    }
    if (preset.requiresApiKey && target.apiKey.isEmpty()) {
        target.problem = PlatformFailure::invalidSettings(QStringLiteral("No API key is set for %1.").arg(target.name));
        return target;
    }
    return target;
}

SecretReference::Lookup PlatformTarget::systemEnvironment()
{
    return ConfigResolver::lookupIn(QProcessEnvironment::systemEnvironment());
}

PlatformFailure::Context PlatformTarget::failureContext(const QUrl &url, const QString &model, int timeoutMs) const
{
    PlatformFailure::Context context;
    context.platformName = name;
    context.url = url;
    context.model = model;
    context.apiKeySet = !apiKey.isEmpty();
    context.isLocal = isLocal;
    context.localAppName = isLocal ? PlatformPresets::forType(type).displayName : QString();
    context.timeoutMs = timeoutMs;
    return context;
}
