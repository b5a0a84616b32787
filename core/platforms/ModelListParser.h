#pragma once

#include "platforms/DiscoveredModel.h"

#include <QByteArray>
#include <QList>
#include <QString>

// The shapes of model list a platform may answer with.
enum class ModelListDialect
{
    OpenAI, // GET {base}/models: {"data":[{"id":...}]}; OpenRouter's rich entries are read too
    Anthropic, // GET {base}/v1/models: {"data":[{"id","display_name"}],"has_more","last_id"}
    OllamaTags, // GET {root}/api/tags: {"models":[{"name","details":{...}}]}
    LMStudioNative, // GET {root}/api/v0/models: {"data":[{"id","type":"llm|vlm|embeddings","max_context_length"}]}
};

QString modelListDialectId(ModelListDialect dialect); // "openai", "anthropic", "ollama-tags", "lmstudio-native"

// One answer of a model list endpoint, parsed.
struct ModelListPage
{
    QList<DiscoveredModel> models; // in the order the platform listed them, duplicates removed
    int skippedEntries = 0; // entries without an id, and models that cannot chat (embedding models)
    bool hasMore = false; // Anthropic paging: another page follows after `lastId`
    QString lastId;
    QString error; // why the body is not a model list; empty when it is

    bool ok() const { return error.isEmpty(); }
};

// Pure parsers of model lists, one per dialect: JSON in, models out, no I/O.
namespace ModelListParser {

ModelListPage parse(ModelListDialect dialect, const QByteArray &body);

ModelListPage parseOpenAI(const QByteArray &body);
ModelListPage parseAnthropic(const QByteArray &body);
ModelListPage parseOllamaTags(const QByteArray &body);
ModelListPage parseLMStudioNative(const QByteArray &body);

// A model that only computes embeddings, judged by its name ("nomic-embed-text", "text-embedding-3-small",
// "bge-m3"): local servers list them next to chat models without saying which is which.
bool looksLikeEmbeddingModel(const QString &id);

} // namespace ModelListParser
