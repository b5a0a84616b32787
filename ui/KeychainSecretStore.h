#pragma once

#include "SecretStore.h"

// The system keychain (Secret Service / KWallet on Linux, Keychain on macOS, Credential Manager on
// Windows) through QtKeychain. Every secret lives in one keychain entry ("switchyard" / "secrets", a JSON
// object of name -> secret), so start-up reads the keychain once and never needs to enumerate it.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit KeychainSecretStore(QObject *parent = nullptr);

    // Reads the entry, waiting at most `timeoutMs` (a local event loop: call before the windows show).
    // False when no keychain answers (no Secret Service on the session bus, locked and refused, ...);
    // the store is then not persistent and *error says why.
    bool load(int timeoutMs, QString *error);

    bool isPersistent() const override { return m_available; }
    QString location() const override;
    void write(const QString &name, const QString &secret) override;
    void remove(const QString &name) override;

private:
    void save();

    bool m_available = false;
};
