#pragma once

#include "config/Config.h"
#include "config/SecretReference.h"

#include <QProcessEnvironment>
#include <QString>
#include <optional>

// Turns a configuration as written into the one the proxy uses: `$NAME` / `${NAME}` references in
// secret fields (platforms[].api_key, client_keys[].key) are expanded from the given environment, and an
// empty base_url is filled in from the platform's preset. Pure: the environment is passed in, so tests
// never touch the real one.
//
// Secrets of disabled platforms and disabled client keys resolve to empty strings (their references are
// not looked up). Expects a configuration that passed ConfigValidator.
namespace ConfigResolver {

// Looks variables up in a copy of `environment`.
SecretReference::Lookup lookupIn(const QProcessEnvironment &environment);

// The resolved copy, or nullopt and *error as "path: problem", e.g.
// `platforms[0].api_key: environment variable DASHSCOPE_API_KEY is not set`.
std::optional<Config> resolve(const Config &written, const SecretReference::Lookup &lookup, QString *error);
// With keychain references (`${keychain:NAME}`) looked up in `sources.keychain`.
std::optional<Config> resolve(const Config &written, const SecretReference::Sources &sources, QString *error);
std::optional<Config> resolve(const Config &written, const QProcessEnvironment &environment, QString *error);

} // namespace ConfigResolver
