#pragma once

#include "config/Config.h"
#include "config/SecretReference.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <memory>

class ConfigStorage;

// Owns the configuration. Lives on the main (GUI) thread: it holds the configuration as written, for
// editing, saving and exporting, and publishes the resolved configuration (references expanded, preset
// base URLs filled in) as an immutable snapshot that the proxy thread reads without waiting.
//
// Every change goes through apply(): validate, resolve, persist, swap the snapshot, emit configChanged().
// Any failure leaves everything as it was: the current configuration, the snapshot and the stored copy.
class ConfigService : public QObject
{
    Q_OBJECT

public:
    // `storage` is not owned and must outlive the service; nullptr keeps the configuration in memory only.
    // Environment references are looked up with `environment` (by default a copy of the process
    // environment taken now).
    explicit ConfigService(ConfigStorage *storage, QObject *parent = nullptr);
    ConfigService(ConfigStorage *storage, SecretReference::Lookup environment, QObject *parent = nullptr);
    ~ConfigService() override;

    // Where `${keychain:NAME}` references are looked up (the desktop app's keychain cache). Without one,
    // such a reference in an enabled platform or client key is an error. Takes effect with the next
    // apply() / loadStored() / reload().
    void setKeychainLookup(SecretReference::Lookup keychain);
    // Resolves the current configuration again and publishes it (after a keychain secret changed).
    bool reload(QString *error);

    // The configuration as written (with $ENV references). Main thread only.
    Config current() const;

    // The resolved configuration in effect; never null. Thread-safe: any thread may call it at any time
    // and keep the pointer as long as it likes (a request keeps the snapshot it started with).
    std::shared_ptr<const Config> snapshot() const;

    // Validates, resolves, stores and publishes `written`. On failure returns false with *error as
    // "path: problem", and nothing changes.
    bool apply(const Config &written, QString *error);

    // Reads a JSON configuration file and applies it (the `--config FILE` import). Errors name the file
    // and the field: "/etc/switchyard.json: platforms[1].base_url: must be an http:// or https:// URL".
    bool importFile(const QString &path, QString *error);
    // The same for JSON text (pasted into the editor); errors have no file prefix.
    bool importJson(const QByteArray &json, QString *error);

    // Loads the stored configuration (at start). Empty storage gives the defaults. On failure (unreadable
    // storage, or an environment variable the stored configuration needs is not set) nothing changes.
    bool loadStored(QString *error);

    // The written configuration in JSON form. Without secrets, every api_key / client key that is not
    // exactly one $ENV reference is replaced by "********" (which a later import rejects).
    QByteArray exportJson(bool includeSecrets) const;

Q_SIGNALS:
    // The configuration and its snapshot have changed (after apply, importFile, importJson, loadStored).
    void configChanged();

private:
    bool publish(const Config &written, bool persist, QString *error);

    ConfigStorage *m_storage = nullptr;
    SecretReference::Lookup m_environment;
    SecretReference::Lookup m_keychain;
    Config m_current;
    std::shared_ptr<const Config> m_snapshot; // accessed only with std::atomic_load / std::atomic_store
};
