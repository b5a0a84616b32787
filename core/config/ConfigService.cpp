#include "config/ConfigService.h"

#include "common/Logging.h"
#include "config/ConfigJson.h"
#include "config/ConfigResolver.h"
#include "config/ConfigStorage.h"
#include "config/ConfigValidator.h"

#include <QFile>
#include <QProcessEnvironment>
#include <QUrl>
#include <atomic>

namespace {

QString maskedSecret(const QString &secret)
{
    if (secret.isEmpty() || SecretReference::isReferenceOnly(secret))
        return secret;
    return ConfigValidator::secretPlaceholder();
}

// The proxy URL without its password (kept when it is a reference).
QString maskedProxyUrl(const QString &url)
{
    if (url.isEmpty() || SecretReference::isReferenceOnly(url))
        return url;
    QUrl parsed(url.contains(QLatin1String("://")) ? url : QStringLiteral("http://") + url);
    const QString password = parsed.password(QUrl::FullyDecoded);
    if (password.isEmpty() || SecretReference::isReferenceOnly(password))
        return url;
    parsed.setPassword(ConfigValidator::secretPlaceholder(), QUrl::DecodedMode);
    return parsed.toString(QUrl::FullyEncoded); // a user name with "@" or ":" stays encoded
}

} // namespace

ConfigService::ConfigService(ConfigStorage *storage, QObject *parent)
    : ConfigService(storage, ConfigResolver::lookupIn(QProcessEnvironment::systemEnvironment()), parent)
{
}

ConfigService::ConfigService(ConfigStorage *storage, SecretReference::Lookup environment, QObject *parent)
    : QObject(parent)
    , m_storage(storage)
    , m_environment(std::move(environment))
{
    // The defaults hold no secrets, so they always resolve.
    QString error;
    std::optional<Config> resolved = ConfigResolver::resolve(m_current, m_environment, &error);
    Q_ASSERT(resolved);
    std::atomic_store(
        &m_snapshot, std::shared_ptr<const Config>(std::make_shared<Config>(resolved.value_or(m_current))));
}

ConfigService::~ConfigService() = default;

void ConfigService::setKeychainLookup(SecretReference::Lookup keychain)
{
    m_keychain = std::move(keychain);
}

bool ConfigService::reload(QString *error)
{
    return publish(m_current, false, error);
}

Config ConfigService::current() const
{
    return m_current;
}

std::shared_ptr<const Config> ConfigService::snapshot() const
{
    return std::atomic_load(&m_snapshot);
}

bool ConfigService::apply(const Config &written, QString *error)
{
    return publish(written, true, error);
}

bool ConfigService::publish(const Config &written, bool persist, QString *error)
{
    auto failWith = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    const QString problem = ConfigValidator::validate(written);
    if (!problem.isEmpty())
        return failWith(problem);
    QString resolveError;
    std::optional<Config> resolved
        = ConfigResolver::resolve(written, SecretReference::Sources {m_environment, m_keychain}, &resolveError);
    if (!resolved)
        return failWith(resolveError);
    if (persist && m_storage) {
        QString storageError;
        if (!m_storage->save(ConfigJson::write(written), &storageError))
            return failWith(QStringLiteral("cannot store the configuration: %1").arg(storageError));
    }
    m_current = written;
    std::atomic_store(&m_snapshot, std::shared_ptr<const Config>(std::make_shared<Config>(std::move(*resolved))));
    qCDebug(lcConfig) << "configuration applied:" << written.platforms.size() << "platforms,"
                      << written.clientKeys.size() << "client keys, mode" << routingModeId(written.routing.mode);
    Q_EMIT configChanged();
    return true;
}

bool ConfigService::importJson(const QByteArray &json, QString *error)
{
    QString problem;
    const std::optional<Config> config = ConfigJson::read(json, &problem);
    if (!config) {
        if (error)
            *error = problem;
        return false;
    }
    return apply(*config, error);
}

bool ConfigService::importFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: cannot read the file: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray json = file.readAll();
    QString problem;
    if (!importJson(json, &problem)) {
        if (error)
            *error = path + QStringLiteral(": ") + problem;
        return false;
    }
    qCInfo(lcConfig) << "configuration imported from" << path;
    return true;
}

bool ConfigService::loadStored(QString *error)
{
    if (!m_storage)
        return publish(Config(), false, error);
    QString storageError;
    const std::optional<QByteArray> json = m_storage->load(&storageError);
    if (!json) {
        if (error)
            *error = QStringLiteral("cannot load the stored configuration: %1").arg(storageError);
        return false;
    }
    if (json->trimmed().isEmpty())
        return publish(Config(), false, error);
    QString problem;
    const std::optional<Config> config = ConfigJson::read(*json, &problem);
    if (!config || !publish(*config, false, &problem)) {
        if (error)
            *error = QStringLiteral("stored configuration: %1").arg(problem);
        return false;
    }
    return true;
}

QByteArray ConfigService::exportJson(bool includeSecrets) const
{
    if (includeSecrets)
        return ConfigJson::write(m_current);
    Config masked = m_current;
    for (PlatformConfig &platform : masked.platforms)
        platform.apiKey = maskedSecret(platform.apiKey);
    for (ClientKey &key : masked.clientKeys)
        key.key = maskedSecret(key.key);
    masked.upstreamProxy.url = maskedProxyUrl(masked.upstreamProxy.url);
    masked.upstreamProxy.password = maskedSecret(masked.upstreamProxy.password);
    return ConfigJson::write(masked);
}
