#pragma once

#include "config/Config.h"

#include <QList>
#include <QString>
#include <QStringList>

struct DiscoveredModel;

// How a platform is spoken to on the wire.
enum class WireProtocol
{
    AnthropicMessages, // POST {base_url}/v1/messages, Anthropic request and SSE format (pass-through)
    OpenAIChat, // POST {base_url}/chat/completions, OpenAI Chat Completions format (converted)
};

QString wireProtocolId(WireProtocol protocol); // "anthropic-messages", "openai-chat"

// What Switchyard knows about a kind of platform before the user says anything: the data behind the
// platform editor's defaults and behind ConfigResolver's empty-base_url fill-in. Data only; the
// per-platform conversion quirks live with the protocol adapters.
//
// Base URL convention: an anthropic-messages base URL is the host root (the adapter appends
// /v1/messages); an openai-chat base URL already ends in the API version (the adapter appends
// /chat/completions), as every provider documents it.
struct PlatformPreset
{
    PlatformType type = PlatformType::Anthropic;
    QString displayName; // "DashScope (Qwen)"
    QString defaultBaseUrl; // empty = the user must give one (OpenAI-compatible)
    QStringList alternativeBaseUrls; // other official endpoints (regions), offered by the editor
    bool requiresApiKey = true; // false for local servers
    bool isLocal = false; // runs on the user's machine (Ollama, LM Studio)
    WireProtocol protocol = WireProtocol::OpenAIChat;
    QString apiKeyVariable; // the conventional environment variable for its key, e.g. DASHSCOPE_API_KEY
    TimeoutSettings timeouts; // suited to long generations; a new platform of this type starts with these
    ModelSettings modelDefaults; // capabilities assumed for a model the configuration does not describe (id empty)
};

namespace PlatformPresets {

// The preset for a type; every PlatformType has one.
const PlatformPreset &forType(PlatformType type);
// Every preset, in PlatformType declaration order.
const QList<PlatformPreset> &all();

// The base URL a platform is reached at: its own, else the preset's default (empty if neither).
QString effectiveBaseUrl(const PlatformConfig &platform);
// A model's capabilities with every value set: what the platform's configuration says about the model,
// then what the platform's model list said (when `discovered` is given), then the defaults of the model's
// family (recognised by name), then the preset's defaults. Works for models the configuration does not
// list. See ModelCapabilities.
ModelSettings modelCapabilities(
    const PlatformConfig &platform, const QString &modelId, const DiscoveredModel *discovered = nullptr);

} // namespace PlatformPresets
