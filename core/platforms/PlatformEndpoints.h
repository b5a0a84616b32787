#pragma once

#include "config/Config.h"
#include "platforms/ModelListParser.h"
#include "upstream/UpstreamRequest.h"

#include <QList>
#include <QString>
#include <QUrl>

// Where each platform type lists its models and how a minimal request is made: pure request building,
// no I/O. Base URLs follow the preset convention (Anthropic: host root; OpenAI format: ends in the version).
namespace PlatformEndpoints {

// One way of asking a platform for its models.
struct ModelListEndpoint
{
    QUrl url;
    ModelListDialect dialect = ModelListDialect::OpenAI;
};

// Models per page of Anthropic's model list.
constexpr int kAnthropicPageSize = 100;

// The base URL without trailing slashes.
QString trimmedBase(const QString &baseUrl);
// A URL as shown to people and in logs: without its query (keys sometimes travel there), user info or fragment.
QString displayUrl(const QUrl &url);
// The server root of an OpenAI-format base URL: the base without its trailing "/v1"
// ("http://localhost:11434/v1" -> "http://localhost:11434"); the base itself when it has none.
QString nativeRoot(const QString &baseUrl);

// The endpoints to try in order: the first that answers with a model list wins; the next one is tried
// only when one has no such endpoint (404, 405, 501) or answers something that is not a model list.
//   anthropic        {base}/v1/models?limit=N (paged with after_id)
//   ollama           {root}/api/tags, then {base}/models
//   lmstudio         {root}/api/v0/models, then {base}/models
//   siliconflow      {base}/models?type=text&sub_type=chat
//   other types      {base}/models
QList<ModelListEndpoint> modelListEndpoints(PlatformType type, const QString &baseUrl);
// The Anthropic list page after `afterId` (empty: the first page).
QUrl anthropicModelsPage(const QString &baseUrl, const QString &afterId, int pageSize);

// Headers that authenticate a request: x-api-key + anthropic-version for Anthropic, Authorization: Bearer
// for the others (none when the key is empty), and Accept: application/json.
HttpHeaderList authHeaders(PlatformType type, const QString &apiKey);

// The cheapest real request naming `model`: POST {base}/v1/messages (Anthropic) or
// {base}/chat/completions, one short user message and max_tokens 1, not streamed.
UpstreamRequest probeRequest(PlatformType type, const QString &baseUrl, const QString &apiKey, const QString &model);

// OpenRouter's key information (GET {base}/key): the one OpenRouter call that checks the key, since its
// model list is public.
QUrl openRouterKeyUrl(const QString &baseUrl);

// A model list may miss models that requests accept (Anthropic's undated aliases, DashScope snapshots,
// arbitrary OpenAI-compatible servers): a model missing from it is checked with a probe request. The lists
// of Ollama, LM Studio, OpenRouter and SiliconFlow are taken as complete.
bool modelListIsComplete(PlatformType type);

// The id in `ids` that a request naming `model` would reach: the same id; for Ollama "name" matches
// "name:latest"; for OpenRouter a routing suffix (":nitro", ":floor", ":online", ":thinking") is ignored.
// Empty when none matches.
QString matchModel(PlatformType type, const QString &model, const QStringList &ids);
// An id that differs from `model` only in letter case, for "did you mean" hints; empty when none.
QString similarModel(const QString &model, const QStringList &ids);

} // namespace PlatformEndpoints
