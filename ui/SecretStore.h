#pragma once

#include "config/SecretReference.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <optional>

// Where the desktop app keeps provider keys: the configuration then holds only `${keychain:NAME}`. The
// secrets are held in memory once loaded, so that resolving the configuration never waits; writes update
// the memory at once and reach the backing store in the background (writeFailed() tells when not).
//
// KeychainSecretStore is the system keychain; InMemorySecretStore is for tests and for machines
// without a keychain (it remembers nothing: the editor then stores keys in the configuration instead).
class SecretStore : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // True when secrets written here outlive the process (a real keychain is there).
    virtual bool isPersistent() const = 0;
    // Where the secrets are, for the editor's note: "the system keychain", "memory".
    virtual QString location() const = 0;

    std::optional<QString> read(const QString &name) const;
    virtual void write(const QString &name, const QString &secret);
    virtual void remove(const QString &name);
    bool contains(const QString &name) const { return m_secrets.contains(name); }

    // A lookup for ConfigService / ConfigResolver (reads memory only; GUI thread).
    SecretReference::Lookup lookup() const;

    // The name a platform's key is kept under: "platform.<id>".
    static QString nameForPlatform(const QString &platformId);
    // The name the password of the proxy to the platforms (upstream_proxy.password) is kept under.
    static QString nameForUpstreamProxy();
    // The name a client key is kept under: "client_key.<id>" (a keychain name only when the id is made of
    // letters, digits, "_", "." and "-"; see SecretReference::isKeychainName).
    static QString nameForClientKey(const QString &clientKeyId);

Q_SIGNALS:
    void writeFailed(const QString &message);

protected:
    QHash<QString, QString> m_secrets;
};

class InMemorySecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit InMemorySecretStore(bool persistent = true, QObject *parent = nullptr)
        : SecretStore(parent)
        , m_persistent(persistent)
    {
    }
    bool isPersistent() const override { return m_persistent; }
    QString location() const override;
    // What the editor calls it, as an English source text translated in the KeychainSecretStore context
    // (tests and screenshots stand in for the system keychain).
    void setLocation(const QString &location) { m_location = location; }

private:
    bool m_persistent;
    QString m_location;
};
