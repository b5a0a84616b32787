#include "routing/RoutePlanner.h"

#include <QSet>
#include <utility>

namespace {

struct Reference
{
    QString platformId;
    QString model;
};

std::optional<Reference> parseReference(const QString &reference)
{
    const qsizetype colon = reference.indexOf(QLatin1Char(':'));
    if (colon <= 0 || colon == reference.size() - 1)
        return std::nullopt;
    return Reference {reference.left(colon), reference.mid(colon + 1)};
}

QString indexed(const QString &path, qsizetype index)
{
    return path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

// Builds the candidate list of one plan.
class PlanBuilder
{
public:
    PlanBuilder(
        const Config &config, const RouteRequest &request, const RoutePlanner::Options &options, RoutePlan &plan)
        : m_config(config)
        , m_request(request)
        , m_options(options)
        , m_plan(plan)
    {
    }

    // Adds "platform:model" references from a configuration list; returns how many became attempts.
    int addReferences(const QStringList &references, RouteRule rule, const QString &path)
    {
        int added = 0;
        for (qsizetype i = 0; i < references.size(); ++i) {
            const std::optional<Reference> reference = parseReference(references.at(i));
            if (!reference) {
                m_plan.candidates.append({references.at(i), QString(), rule, indexed(path, i),
                    QStringLiteral("not a \"platform:model\" reference")});
                continue;
            }
            added += add(reference->platformId, reference->model, rule, indexed(path, i)) ? 1 : 0;
        }
        return added;
    }

    bool add(const QString &platformId, const QString &model, RouteRule rule, const QString &source)
    {
        RouteCandidate candidate {platformId, model, rule, source, QString()};
        const PlatformConfig *platform = m_config.findPlatform(platformId);
        const QString key = platformId + QLatin1Char('\n') + model;
        if (m_seen.contains(key))
            candidate.skipReason = QStringLiteral("already tried earlier in this route");
        else if (!platform)
            candidate.skipReason = QStringLiteral("unknown platform \"%1\"").arg(platformId);
        else if (!platform->enabled)
            candidate.skipReason = QStringLiteral("platform disabled");
        else
            candidate.skipReason = capabilityProblem(*platform, model);
        m_seen.insert(key);
        m_plan.candidates.append(candidate);
        if (candidate.isSkipped())
            return false;
        RouteTarget target;
        target.platform = *platform;
        target.model = model;
        target.protocol = RoutePlanner::protocolFor(platform->type);
        target.rule = rule;
        target.source = source;
        m_plan.attempts.append(target);
        return true;
    }

private:
    QString capabilityProblem(const PlatformConfig &platform, const QString &model) const
    {
        if (!m_request.isMessageRequest())
            return QString();
        const ModelSettings capabilities = PlatformPresets::modelCapabilities(platform, model);
        const qint64 window = capabilities.contextWindow.value_or(0);
        if (window > 0 && m_request.estimatedInputTokens > window)
            return QStringLiteral("context window of %1 tokens is smaller than the ~%2 input tokens")
                .arg(window)
                .arg(m_request.estimatedInputTokens);
        if (m_request.hasImages && !capabilities.supportsVision.value_or(false))
            return QStringLiteral("no vision, and the request has images");
        const bool emulatesTools
            = m_options.toolEmulationAvailable && RoutePlanner::protocolFor(platform.type) == WireProtocol::OpenAIChat;
        if (m_request.hasTools && !capabilities.supportsTools.value_or(false) && !emulatesTools)
            return QStringLiteral("no tool support, and the request has tools");
        return QString();
    }

    const Config &m_config;
    const RouteRequest &m_request;
    const RoutePlanner::Options &m_options;
    RoutePlan &m_plan;
    QSet<QString> m_seen;
};

// One rule that applied: its list and how the reason names it.
struct AppliedRule
{
    RouteRule rule;
    QString description;
    int attempts = 0;
};

QString skippedSummary(const RoutePlan &plan)
{
    QStringList parts;
    for (const RouteCandidate &candidate : plan.candidates)
        parts.append(QStringLiteral("%1:%2 (%3)").arg(candidate.platformId, candidate.model, candidate.skipReason));
    return parts.join(QStringLiteral("; "));
}

} // namespace

WireProtocol RoutePlanner::protocolFor(PlatformType type)
{
    return PlatformPresets::forType(type).protocol;
}

std::optional<RoutePlanner::ClaudeTier> RoutePlanner::tierOf(const QString &model)
{
    if (model.contains(QLatin1String("haiku"), Qt::CaseInsensitive))
        return ClaudeTier::Haiku;
    if (model.contains(QLatin1String("sonnet"), Qt::CaseInsensitive))
        return ClaudeTier::Sonnet;
    if (model.contains(QLatin1String("opus"), Qt::CaseInsensitive))
        return ClaudeTier::Opus;
    return std::nullopt;
}

QString RoutePlanner::tierId(ClaudeTier tier)
{
    switch (tier) {
    case ClaudeTier::Haiku:
        return QStringLiteral("haiku");
    case ClaudeTier::Sonnet:
        return QStringLiteral("sonnet");
    case ClaudeTier::Opus:
        return QStringLiteral("opus");
    }
    return QString();
}

bool RoutePlanner::needsRequestFeatures(const Config &config)
{
    const RoutingConfig &routing = config.routing;
    return routing.mode != RoutingMode::ClaudeCode || !routing.tiers.haiku.isEmpty() || !routing.tiers.sonnet.isEmpty()
        || !routing.tiers.opus.isEmpty() || !routing.rules.background.isEmpty() || !routing.rules.think.isEmpty()
        || !routing.rules.longContext.isEmpty() || !routing.rules.image.isEmpty();
}

bool RoutePlanner::isExplicitReference(const Config &config, const QString &model)
{
    const std::optional<Reference> reference = parseReference(model);
    return reference && config.findPlatform(reference->platformId);
}

RoutePlan RoutePlanner::plan(const Config &config, const RouteRequest &request)
{
    return plan(config, request, Options());
}

RoutePlan RoutePlanner::plan(const Config &config, const RouteRequest &request, const Options &options)
{
    RoutePlan plan;
    plan.mode = config.routing.mode;
    PlanBuilder builder(config, request, options, plan);
    const RoutingConfig &routing = config.routing;

    // 1. An explicit "platform:model": that model alone.
    if (isExplicitReference(config, request.model)) {
        const Reference reference = *parseReference(request.model);
        if (builder.add(reference.platformId, reference.model, RouteRule::Explicit, QStringLiteral("model"))) {
            plan.rule = RouteRule::Explicit;
            plan.reason = QStringLiteral("explicit model %1").arg(request.model);
        } else {
            plan.error = QStringLiteral("The requested model %1 cannot answer this request: %2.")
                             .arg(request.model, plan.candidates.first().skipReason);
        }
        return plan;
    }

    // 2-6. The scenario rules, in order; each one that applies adds its list.
    QList<AppliedRule> applied;
    auto apply = [&](RouteRule rule, const QStringList &list, const QString &path, const QString &description) {
        if (list.isEmpty())
            return;
        applied.append({rule, description, builder.addReferences(list, rule, path)});
    };
    if (request.isMessageRequest()) {
        if (const std::optional<ClaudeTier> tier = tierOf(request.model)) {
            const QString id = tierId(*tier);
            const QStringList &list = *tier == ClaudeTier::Haiku ? routing.tiers.haiku
                : *tier == ClaudeTier::Sonnet                    ? routing.tiers.sonnet
                                                                 : routing.tiers.opus;
            apply(RouteRule::Tier, list, QStringLiteral("tiers.") + id, QStringLiteral("tier %1").arg(id));
        }
        if (request.isBackground())
            apply(RouteRule::Background, routing.rules.background, QStringLiteral("rules.background"),
                QStringLiteral("background request"));
        if (request.hasThinking)
            apply(RouteRule::Think, routing.rules.think, QStringLiteral("rules.think"), QStringLiteral("thinking"));
        if (request.estimatedInputTokens > routing.rules.longContextThreshold)
            apply(RouteRule::LongContext, routing.rules.longContext, QStringLiteral("rules.long_context"),
                QStringLiteral("long context (~%1 tokens > %2)")
                    .arg(request.estimatedInputTokens)
                    .arg(routing.rules.longContextThreshold));
        if (request.hasImages)
            apply(RouteRule::Image, routing.rules.image, QStringLiteral("rules.image"), QStringLiteral("images"));
    }

    // 7. The mode's own chain.
    qsizetype chainStart = plan.candidates.size();
    switch (routing.mode) {
    case RoutingMode::ClaudeCode: {
        int added = 0;
        if (!routing.claudeCodePlatforms.isEmpty()) {
            for (qsizetype i = 0; i < routing.claudeCodePlatforms.size(); ++i) {
                added += builder.add(routing.claudeCodePlatforms.at(i), request.model, RouteRule::ClaudeCodePlatforms,
                             indexed(QStringLiteral("claude_code.platforms"), i))
                    ? 1
                    : 0;
            }
        } else {
            for (qsizetype i = 0; i < config.platforms.size(); ++i) {
                const PlatformConfig &platform = config.platforms.at(i);
                if (platform.enabled && platform.type == PlatformType::Anthropic)
                    added += builder.add(platform.id, request.model, RouteRule::ClaudeCodePlatforms,
                                 indexed(QStringLiteral("platforms"), i))
                        ? 1
                        : 0;
            }
        }
        QString description = QStringLiteral("claude_code pass-through");
        for (qsizetype i = chainStart; i < plan.candidates.size(); ++i) {
            if (!plan.candidates.at(i).isSkipped()) {
                description += QStringLiteral(" to ") + plan.candidates.at(i).platformId;
                break;
            }
        }
        applied.append({RouteRule::ClaudeCodePlatforms, description, added});
        break;
    }
    case RoutingMode::GlobalDirect:
        applied.append({RouteRule::PriorityList, QStringLiteral("model_priority_list"),
            builder.addReferences(
                routing.modelPriorityList, RouteRule::PriorityList, QStringLiteral("model_priority_list"))});
        break;
    case RoutingMode::SmartRouting: {
        const Scene *defaultScene = routing.defaultScene();
        const Scene *chosen = request.scene.isEmpty() ? nullptr : routing.findScene(request.scene);
        auto scenePath = [&](const Scene *scene) -> QString {
            return indexed(QStringLiteral("scenes"), scene - routing.scenes.constData()) + QStringLiteral(".models");
        };
        if (chosen) {
            plan.scene = chosen->name;
            applied.append({RouteRule::Scene, QStringLiteral("scene %1").arg(chosen->name),
                builder.addReferences(chosen->models, RouteRule::Scene, scenePath(chosen))});
        }
        if (defaultScene) {
            if (!chosen)
                plan.scene = defaultScene->name;
            QString description = QStringLiteral("default scene %1").arg(defaultScene->name);
            if (!request.scene.isEmpty() && !chosen)
                description += QStringLiteral(" (\"%1\" is not a scene)").arg(request.scene);
            applied.append({RouteRule::DefaultScene, description,
                builder.addReferences(defaultScene->models, RouteRule::DefaultScene, scenePath(defaultScene))});
        }
        break;
    }
    }

    if (plan.attempts.isEmpty()) {
        const bool chainEmpty = chainStart == plan.candidates.size();
        if (plan.candidates.isEmpty() || (chainEmpty && routing.mode == RoutingMode::ClaudeCode)) {
            switch (routing.mode) {
            case RoutingMode::ClaudeCode:
                plan.error = QStringLiteral("No enabled Anthropic-compatible platform is configured. Add one (type "
                                            "\"anthropic\") to the configuration.");
                break;
            case RoutingMode::GlobalDirect:
                plan.error = QStringLiteral("model_priority_list is empty: add at least one \"platform:model\".");
                break;
            case RoutingMode::SmartRouting:
                plan.error = QStringLiteral("No scenes are configured: add at least one scene with its models.");
                break;
            }
        } else if (routing.mode == RoutingMode::ClaudeCode && !routing.claudeCodePlatforms.isEmpty()
            && chainStart == 0) {
            plan.error = QStringLiteral("None of the platforms in claude_code.platforms (%1) can be used: %2.")
                             .arg(routing.claudeCodePlatforms.join(QStringLiteral(", ")), skippedSummary(plan));
        } else {
            plan.error = QStringLiteral("No configured model can answer this request: %1.").arg(skippedSummary(plan));
        }
        return plan;
    }

    // The reason: the rule of the first attempt, and the rules before it that had nothing usable.
    QStringList passedOver;
    for (const AppliedRule &rule : std::as_const(applied)) {
        if (rule.attempts == 0) {
            passedOver.append(rule.description);
            continue;
        }
        plan.rule = rule.rule;
        plan.reason = rule.description;
        break;
    }
    if (!passedOver.isEmpty())
        plan.reason += QStringLiteral(" (nothing usable for: %1)").arg(passedOver.join(QStringLiteral(", ")));
    return plan;
}
