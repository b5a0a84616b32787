#pragma once

#include "config/Config.h"
#include "config/SecretReference.h"
#include "platforms/PlatformFailure.h"

#include <QString>
#include <QUrl>

// What talking to one platform needs, taken from its configuration: the name to use in messages, the
// effective base URL, the API key with its `$ENV` references expanded. Settings that make every request
// pointless (no base URL, no key where the type needs one, an unset variable) are reported in `problem`.
struct PlatformTarget
{
    PlatformType type = PlatformType::Anthropic;
    QString id;
    QString name; // the configured name, else the id, else the preset's display name
    QString baseUrl; // effective, without trailing slashes
    QString apiKey; // expanded; never shown or logged
    bool isLocal = false;
    PlatformFailure problem; // category InvalidSettings when the settings cannot work; Ok otherwise

    bool usable() const { return !problem.isFailure(); }

    // `lookup` expands references in api_key; an empty function takes api_key as it is (already resolved).
    static PlatformTarget from(const PlatformConfig &platform, const SecretReference::Lookup &lookup);
    // The process environment, for from().
    static SecretReference::Lookup systemEnvironment();

    // The classification context of a request to `url` (naming `model`, if any).
    PlatformFailure::Context failureContext(const QUrl &url, const QString &model = {}, int timeoutMs = 0) const;
};
