#include "SecretStore.h"

#include <QCoreApplication>
#include <QPointer>

std::optional<QString> SecretStore::read(const QString &name) const
{
    const auto it = m_secrets.constFind(name);
    if (it == m_secrets.constEnd())
        return std::nullopt;
    return *it;
}

void SecretStore::write(const QString &name, const QString &secret)
{
    m_secrets.insert(name, secret);
}

void SecretStore::remove(const QString &name)
{
    m_secrets.remove(name);
}

SecretReference::Lookup SecretStore::lookup() const
{
    QPointer<const SecretStore> self(this);
    return [self](const QString &name) -> std::optional<QString> {
        if (!self)
            return std::nullopt;
        return self->read(name);
    };
}

QString SecretStore::nameForPlatform(const QString &platformId)
{
    return QStringLiteral("platform.") + platformId;
}

QString SecretStore::nameForUpstreamProxy()
{
    return QStringLiteral("upstream_proxy.password");
}

QString SecretStore::nameForClientKey(const QString &clientKeyId)
{
    return QStringLiteral("client_key.") + clientKeyId;
}

QString InMemorySecretStore::location() const
{
    if (m_location.isEmpty())
        return tr("memory (test keychain)");
    // Translated when shown, like the real store's name.
    return QCoreApplication::translate("KeychainSecretStore", m_location.toUtf8().constData());
}
