#include "runtime/PlatformCheck.h"

#include "config/ConfigJson.h"
#include "config/ConfigResolver.h"
#include "platforms/ConnectionTester.h"
#include "platforms/ModelCapabilities.h"
#include "platforms/ModelDiscovery.h"
#include "runtime/DatabaseConfigStorage.h"
#include "upstream/UpstreamClient.h"

#include <QEventLoop>
#include <QFile>
#include <QProcessEnvironment>

namespace PlatformCheck {

namespace {

QList<const PlatformConfig *> selected(const Config &config, const QString &platformId, QTextStream &out)
{
    QList<const PlatformConfig *> platforms;
    for (const PlatformConfig &platform : config.platforms) {
        if (platformId.isEmpty() ? platform.enabled : platform.id == platformId)
            platforms.append(&platform);
    }
    if (platforms.isEmpty()) {
        out << (platformId.isEmpty() ? QStringLiteral("No platform is enabled in the configuration.\n")
                                     : QStringLiteral("No platform \"%1\" in the configuration.\n").arg(platformId));
    }
    return platforms;
}

// The way to the platforms that the proxy itself takes: the configuration's upstream_proxy, references expanded.
void useProxySettings(const Config &config, UpstreamClient &client, QTextStream &out)
{
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QString error;
    const std::optional<Config> resolved = ConfigResolver::resolve(config, environment, &error);
    QStringList warnings;
    client.setProxyRules(UpstreamProxyRules::forSettings(
        resolved ? resolved->upstreamProxy : config.upstreamProxy, environment, &warnings));
    for (const QString &warning : std::as_const(warnings))
        out << "note: " << warning << '\n';
    if (!client.proxyRules().isEmpty())
        out << "connections to platforms: " << client.proxyRules().describe() << '\n';
}

QString yesNo(const std::optional<bool> &value)
{
    return value.value_or(false) ? QStringLiteral("yes") : QStringLiteral("no");
}

} // namespace

std::optional<Config> loadConfig(const QString &configFile, const QString &dataDir, QString *error)
{
    QByteArray json;
    if (!configFile.isEmpty()) {
        QFile file(configFile);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("%1: %2").arg(configFile, file.errorString());
            return std::nullopt;
        }
        json = file.readAll();
    } else {
        DatabaseConfigStorage storage;
        if (!storage.open(dataDir, error))
            return std::nullopt;
        const std::optional<QByteArray> stored = storage.load(error);
        if (!stored)
            return std::nullopt;
        if (stored->isEmpty())
            return Config();
        json = *stored;
    }
    QString problem;
    std::optional<Config> config = ConfigJson::read(json, &problem);
    if (!config)
        *error = configFile.isEmpty() ? problem : configFile + QStringLiteral(": ") + problem;
    return config;
}

int testConnections(const Config &config, const QString &platformId, QTextStream &out)
{
    const QList<const PlatformConfig *> platforms = selected(config, platformId, out);
    if (platforms.isEmpty())
        return 1;
    UpstreamClient client;
    useProxySettings(config, client, out);
    int failures = 0;
    for (const PlatformConfig *platform : platforms) {
        ConnectionTester tester(&client);
        QEventLoop loop;
        ConnectionTestResult result;
        QObject::connect(&tester, &ConnectionTester::finished, &loop, [&](const ConnectionTestResult &finished) {
            result = finished;
            loop.quit();
        });
        tester.start(*platform, platform->models.isEmpty() ? QString() : platform->models.first().id);
        loop.exec();
        out << (result.ok() ? QStringLiteral("ok    ") : QStringLiteral("FAIL  ")) << platform->id << ": "
            << result.message << '\n';
        if (!result.ok()) {
            ++failures;
            for (const QString &line : result.details.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
                out << "      " << line << '\n';
        }
        out.flush();
    }
    return failures == 0 ? 0 : 1;
}

int listModels(const Config &config, const QString &platformId, QTextStream &out)
{
    const QList<const PlatformConfig *> platforms = selected(config, platformId, out);
    if (platforms.isEmpty())
        return 1;
    const PlatformConfig &platform = *platforms.first();
    UpstreamClient client;
    useProxySettings(config, client, out);
    ModelDiscovery discovery(&client);
    QEventLoop loop;
    ModelDiscoveryResult result;
    QObject::connect(&discovery, &ModelDiscovery::finished, &loop, [&](const ModelDiscoveryResult &finished) {
        result = finished;
        loop.quit();
    });
    discovery.start(platform);
    loop.exec();
    if (!result.ok()) {
        out << platform.id << ": " << result.failure.message << '\n';
        return 1;
    }
    out << QStringLiteral(
        "%1 model(s) from %2 (context window, max output, tools, vision, reasoning as Switchyard will "
        "assume them):\n")
               .arg(result.models.size())
               .arg(result.source);
    for (const DiscoveredModel &model : result.models) {
        const ModelSettings capabilities = ModelCapabilities::resolve(platform, model.id, &model);
        out << "  " << platform.id << ':' << model.id << "  context " << capabilities.contextWindow.value_or(0)
            << ", output " << capabilities.maxOutputTokens.value_or(0) << ", tools "
            << yesNo(capabilities.supportsTools) << ", vision " << yesNo(capabilities.supportsVision) << ", reasoning "
            << yesNo(capabilities.supportsReasoning) << '\n';
    }
    return 0;
}

} // namespace PlatformCheck
