#pragma once

#include "routing/RoutePlan.h"
#include "routing/RouteRequest.h"

#include <optional>

// Decides where a request goes from the configuration snapshot and what the client asked for. Pure: no
// network, no clock, no state — the same inputs give the same plan.
//
// The rules, in order (docs/configuration.md, "How a request is routed"):
//   1. explicit "platform:model" in the model field -> that model alone (nothing else is added)
//   2. tier: haiku / sonnet / opus in the model name -> tiers.<tier>
//   3. background request (RouteRequest::isBackground)  -> rules.background
//   4. thinking                                         -> rules.think
//   5. estimated input tokens > long_context_threshold  -> rules.long_context
//   6. images                                           -> rules.image
//   7. the mode's chain: claude_code.platforms with the client's model / model_priority_list / the chosen
//      scene's models followed by the default scene's
// Rules 2-6 only apply to message requests (/v1/messages, count_tokens). Every rule that applies adds its
// list; the mode's chain comes last, so later lists are the fallbacks of earlier ones. A candidate is
// skipped (with the reason kept in RoutePlan::candidates) when it is a duplicate, its platform is unknown or
// disabled, or its capabilities cannot serve the request (context window below the estimate, no vision
// with images, no tools with tools unless tool emulation is available). Health (circuit breakers) is not
// the planner's business: the fallback loop asks HealthRegistry when it walks the attempts.
class RoutePlanner
{
public:
    using Request = RouteRequest; // the planner's input (kept under its former name)

    enum class ClaudeTier
    {
        Haiku,
        Sonnet,
        Opus
    };

    struct Options
    {
        // The proxy can serve tool calls to a model of an OpenAI-format platform without native tool support
        // (prompt-based emulation); while false, or for Anthropic-format platforms (passed through as they are),
        // such models are skipped for requests with tools.
        bool toolEmulationAvailable = false;
    };

    static RoutePlan plan(const Config &config, const RouteRequest &request);
    static RoutePlan plan(const Config &config, const RouteRequest &request, const Options &options);

    static WireProtocol protocolFor(PlatformType type);
    // The Claude family named in a model name ("claude-opus-4-1" -> Opus), case-insensitive.
    static std::optional<ClaudeTier> tierOf(const QString &model);
    static QString tierId(ClaudeTier tier); // "haiku", "sonnet", "opus"
    // Whether plans under `config` depend on more than the endpoint and the model (tiers, rules, or a mode
    // other than claude_code, whose capability checks read the request): when false the proxy may skip
    // parsing the body.
    static bool needsRequestFeatures(const Config &config);
    // "platform:model" when the part before the first colon is a configured platform's id.
    static bool isExplicitReference(const Config &config, const QString &model);
};
