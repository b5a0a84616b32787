#pragma once

#include "config/Config.h"
#include "platforms/DiscoveredModel.h"

#include <QList>
#include <QString>

// What a model can do, from four sources in order of precedence:
//   1. the platform's configuration (`models[]` entries): always wins;
//   2. what the platform's model list said (DiscoveredModel hints);
//   3. well-known model families, recognised by name (qwen3-coder-plus, deepseek-reasoner, claude-*, ...);
//   4. the platform type's preset defaults.
// Each capability is taken separately from the first source that sets it. Pure.
namespace ModelCapabilities {

// One row of the family table: models whose normalized name matches `pattern` (a glob where `*` matches
// any run of characters) on a platform of one of `types` (empty = any type) get these settings.
struct FamilyRule
{
    QString pattern; // lower case, e.g. "qwen3-coder-plus*", "*-vl-*"
    QList<PlatformType> types;
    ModelSettings settings; // id unused; unset fields say nothing
};

// The table, most specific rows first. Several rows may match one model: each field comes from the first
// matching row that sets it (so "*-vl-*" can add vision to a model whose window came from a row above).
const QList<FamilyRule> &familyRules();

// The name a family pattern is matched against: lower case, without an organisation or route prefix
// ("Qwen/Qwen2.5-Coder-32B-Instruct" -> "qwen2.5-coder-32b-instruct", "Pro/deepseek-ai/DeepSeek-R1" ->
// "deepseek-r1") and without a tag or variant (":7b", ":free", ":latest").
QString normalizedName(const QString &modelId);
// `*` matches any run of characters (including none); everything else literally.
bool globMatches(const QString &pattern, const QString &text);

// The family defaults for a model on a platform type; fields no matching row sets are unset.
ModelSettings familyDefaults(PlatformType type, const QString &modelId);

// Fills every unset field of `target` from `source` (the id is left alone).
void fillUnset(ModelSettings &target, const ModelSettings &source);

// Every field set, by the precedence above. `discovered` may be null (nothing known from a list).
ModelSettings resolve(
    const PlatformConfig &platform, const QString &modelId, const DiscoveredModel *discovered = nullptr);

} // namespace ModelCapabilities
