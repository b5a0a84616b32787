#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

// Where ConfigService keeps the configuration between runs: the configuration as written (with its
// $ENV_VAR references and literal secrets), in ConfigJson's form. The database implementation lives in
// core/store/ (ConfigRepository); tests use an in-memory one.
//
// Called on the thread that owns the ConfigService (the GUI / main thread).
class ConfigStorage
{
public:
    virtual ~ConfigStorage() = default;

    // The stored JSON; an empty QByteArray when nothing has been stored yet. nullopt and *error when the
    // storage cannot be read.
    virtual std::optional<QByteArray> load(QString *error) = 0;

    // Replaces the stored JSON as a whole: either the new JSON is stored, or (on failure, with *error)
    // the previous one is left untouched.
    virtual bool save(const QByteArray &json, QString *error) = 0;
};
