#include "platforms/ModelListParser.h"

#include "config/ConfigValidator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSet>

#include <cmath>
#include <functional>

namespace {

// A positive token count out of a JSON number (or numeric string); unset for anything else.
std::optional<int> positiveCount(const QJsonValue &value)
{
    double number = 0;
    if (value.isDouble())
        number = value.toDouble();
    else if (value.isString())
        number = value.toString().toDouble();
    else
        return std::nullopt;
    if (!(number >= 1) || number > 2'000'000'000.0)
        return std::nullopt;
    return int(number);
}

bool arrayContains(const QJsonArray &array, const QString &text)
{
    for (const QJsonValue &value : array) {
        if (value.toString().compare(text, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// The document's top-level object, or an error for the page.
bool readObject(const QByteArray &body, QJsonObject *object, QString *error)
{
    if (body.trimmed().isEmpty()) {
        *error = QStringLiteral("the answer is empty");
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("the answer is not JSON (%1 at offset %2)")
                     .arg(parseError.errorString())
                     .arg(parseError.offset);
        return false;
    }
    if (!document.isObject()) {
        *error = QStringLiteral("the answer is not a JSON object");
        return false;
    }
    *object = document.object();
    return true;
}

// The array under `key`, or an error for the page.
bool readArray(const QJsonObject &object, const QString &key, QJsonArray *array, QString *error)
{
    const QJsonValue value = object.value(key);
    if (!value.isArray()) {
        *error = value.isUndefined() ? QStringLiteral("the answer has no \"%1\" list").arg(key)
                                     : QStringLiteral("\"%1\" is not a list").arg(key);
        return false;
    }
    *array = value.toArray();
    return true;
}

// Adds a model unless its id was seen already.
void addModel(ModelListPage &page, QSet<QString> &seen, DiscoveredModel model)
{
    if (model.displayName.isEmpty())
        model.displayName = model.id;
    if (seen.contains(model.id))
        return;
    seen.insert(model.id);
    page.models.append(std::move(model));
}

// Reads the entries of the list `listKey` of a JSON object body. `readEntry` fills a model from one entry and
// returns false for an entry that is not a chat model; such entries and those without an id count as skipped.
// Each id is added once. `root` receives the object, for fields beside the list.
ModelListPage readEntries(const QByteArray &body, const QString &listKey,
    const std::function<bool(const QJsonObject &entry, DiscoveredModel &model)> &readEntry, QJsonObject *root = nullptr)
{
    ModelListPage page;
    QJsonObject object;
    QJsonArray entries;
    if (!readObject(body, &object, &page.error) || !readArray(object, listKey, &entries, &page.error))
        return page;
    QSet<QString> seen;
    for (const QJsonValue &value : std::as_const(entries)) {
        DiscoveredModel model;
        if (!readEntry(value.toObject(), model) || model.id.isEmpty()) {
            ++page.skippedEntries;
            continue;
        }
        addModel(page, seen, std::move(model));
    }
    if (root)
        *root = object;
    return page;
}

// Context windows as OpenAI-compatible servers other than OpenRouter spell them.
std::optional<int> genericContextWindow(const QJsonObject &entry)
{
    static const QString keys[] = {
        QStringLiteral("context_length"), // OpenRouter, Together
        QStringLiteral("context_window"), // Groq
        QStringLiteral("max_model_len"), // vLLM
        QStringLiteral("max_context_length"), // LM Studio
    };
    for (const QString &key : keys) {
        if (const std::optional<int> count = positiveCount(entry.value(key)))
            return count;
    }
    return std::nullopt;
}

// A price per token as OpenRouter writes it ("0.000003", a string in US dollars) -> per million tokens.
// Negative prices (OpenRouter's "-1" for routers whose price depends on the model they pick) and anything
// unreadable are unknown.
std::optional<double> pricePerMillion(const QJsonValue &value)
{
    bool ok = value.isDouble();
    double perToken = value.toDouble();
    if (value.isString())
        perToken = value.toString().toDouble(&ok);
    if (!ok || !(perToken >= 0))
        return std::nullopt;
    const double perMillion = perToken * 1'000'000;
    // Prices are decimal fractions of a dollar: round away the binary noise of the multiplication.
    return std::round(perMillion * 1e9) / 1e9;
}

// OpenRouter's pricing object: prompt and completion, with cache reads and writes when the model has them.
std::optional<ModelPrice> listPrice(const QJsonObject &pricing)
{
    const std::optional<double> input = pricePerMillion(pricing.value(QStringLiteral("prompt")));
    const std::optional<double> output = pricePerMillion(pricing.value(QStringLiteral("completion")));
    if (!input || !output || *input > ConfigValidator::kMaxPrice || *output > ConfigValidator::kMaxPrice)
        return std::nullopt;
    ModelPrice price;
    price.input = *input;
    price.output = *output;
    price.cacheRead = pricePerMillion(pricing.value(QStringLiteral("input_cache_read")));
    price.cacheWrite = pricePerMillion(pricing.value(QStringLiteral("input_cache_write")));
    if (price.cacheRead && *price.cacheRead > ConfigValidator::kMaxPrice)
        price.cacheRead.reset();
    if (price.cacheWrite && *price.cacheWrite > ConfigValidator::kMaxPrice)
        price.cacheWrite.reset();
    return price;
}

} // namespace

QString modelListDialectId(ModelListDialect dialect)
{
    switch (dialect) {
    case ModelListDialect::OpenAI:
        return QStringLiteral("openai");
    case ModelListDialect::Anthropic:
        return QStringLiteral("anthropic");
    case ModelListDialect::OllamaTags:
        return QStringLiteral("ollama-tags");
    case ModelListDialect::LMStudioNative:
        return QStringLiteral("lmstudio-native");
    }
    return QString();
}

namespace ModelListParser {

ModelListPage parse(ModelListDialect dialect, const QByteArray &body)
{
    switch (dialect) {
    case ModelListDialect::OpenAI:
        return parseOpenAI(body);
    case ModelListDialect::Anthropic:
        return parseAnthropic(body);
    case ModelListDialect::OllamaTags:
        return parseOllamaTags(body);
    case ModelListDialect::LMStudioNative:
        return parseLMStudioNative(body);
    }
    ModelListPage page;
    page.error = QStringLiteral("unknown model list dialect");
    return page;
}

ModelListPage parseOpenAI(const QByteArray &body)
{
    return readEntries(body, QStringLiteral("data"), [](const QJsonObject &entry, DiscoveredModel &model) {
        model.id = entry.value(QStringLiteral("id")).toString().trimmed();
        if (model.id.isEmpty())
            return false;
        model.displayName = entry.value(QStringLiteral("name")).toString().trimmed();
        model.contextWindow = genericContextWindow(entry);

        // OpenRouter: top_provider, architecture and supported_parameters.
        const QJsonObject topProvider = entry.value(QStringLiteral("top_provider")).toObject();
        model.maxOutputTokens = positiveCount(topProvider.value(QStringLiteral("max_completion_tokens")));
        if (!model.contextWindow)
            model.contextWindow = positiveCount(topProvider.value(QStringLiteral("context_length")));

        const QJsonObject architecture = entry.value(QStringLiteral("architecture")).toObject();
        const QJsonValue inputModalities = architecture.value(QStringLiteral("input_modalities"));
        if (inputModalities.isArray()) {
            model.supportsVision = arrayContains(inputModalities.toArray(), QStringLiteral("image"));
        } else {
            const QString modality = architecture.value(QStringLiteral("modality")).toString(); // "text+image->text"
            if (!modality.isEmpty())
                model.supportsVision = modality.section(QStringLiteral("->"), 0, 0).contains(QLatin1String("image"));
        }

        const QJsonValue parameters = entry.value(QStringLiteral("supported_parameters"));
        if (parameters.isArray()) {
            const QJsonArray list = parameters.toArray();
            model.supportsTools = arrayContains(list, QStringLiteral("tools"));
            model.supportsReasoning = arrayContains(list, QStringLiteral("reasoning"))
                || arrayContains(list, QStringLiteral("include_reasoning"));
        }
        model.listPrice = listPrice(entry.value(QStringLiteral("pricing")).toObject());
        return true;
    });
}

ModelListPage parseAnthropic(const QByteArray &body)
{
    QJsonObject root;
    ModelListPage page = readEntries(
        body, QStringLiteral("data"),
        [](const QJsonObject &entry, DiscoveredModel &model) {
            model.id = entry.value(QStringLiteral("id")).toString().trimmed();
            model.displayName = entry.value(QStringLiteral("display_name")).toString().trimmed();
            // Not in Anthropic's own list, but sent by some Anthropic-compatible services.
            model.contextWindow = positiveCount(entry.value(QStringLiteral("max_input_tokens")));
            if (!model.contextWindow)
                model.contextWindow = genericContextWindow(entry);
            model.maxOutputTokens = positiveCount(entry.value(QStringLiteral("max_tokens")));
            return true;
        },
        &root);
    if (!page.error.isEmpty())
        return page;
    page.hasMore = root.value(QStringLiteral("has_more")).toBool(false);
    page.lastId = root.value(QStringLiteral("last_id")).toString();
    if (page.lastId.isEmpty() && !page.models.isEmpty())
        page.lastId = page.models.last().id;
    return page;
}

ModelListPage parseOllamaTags(const QByteArray &body)
{
    return readEntries(body, QStringLiteral("models"), [](const QJsonObject &entry, DiscoveredModel &model) {
        model.id = entry.value(QStringLiteral("name")).toString().trimmed();
        if (model.id.isEmpty())
            model.id = entry.value(QStringLiteral("model")).toString().trimmed();
        if (model.id.isEmpty())
            return false;
        const QJsonObject details = entry.value(QStringLiteral("details")).toObject();
        QJsonArray families = details.value(QStringLiteral("families")).toArray();
        const QString family = details.value(QStringLiteral("family")).toString();
        if (!family.isEmpty())
            families.append(family);
        // BERT-family models (nomic-bert, bert) only embed.
        if (arrayContains(families, QStringLiteral("bert")) || arrayContains(families, QStringLiteral("nomic-bert"))
            || looksLikeEmbeddingModel(model.id))
            return false;
        // A CLIP projector (llava and its kin) or Meta's mllama means the model sees images.
        if (arrayContains(families, QStringLiteral("clip")) || arrayContains(families, QStringLiteral("mllama")))
            model.supportsVision = true;
        // Servers that report capabilities per model (the /api/show vocabulary).
        const QJsonValue capabilities = entry.value(QStringLiteral("capabilities"));
        if (capabilities.isArray()) {
            const QJsonArray list = capabilities.toArray();
            if (arrayContains(list, QStringLiteral("embedding")) && !arrayContains(list, QStringLiteral("completion")))
                return false;
            model.supportsTools = arrayContains(list, QStringLiteral("tools"));
            model.supportsVision
                = arrayContains(list, QStringLiteral("vision")) || model.supportsVision.value_or(false);
            model.supportsReasoning = arrayContains(list, QStringLiteral("thinking"));
        }
        return true;
    });
}

ModelListPage parseLMStudioNative(const QByteArray &body)
{
    return readEntries(body, QStringLiteral("data"), [](const QJsonObject &entry, DiscoveredModel &model) {
        model.id = entry.value(QStringLiteral("id")).toString().trimmed();
        const QString type = entry.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("embeddings"))
            return false;
        if (type == QLatin1String("vlm"))
            model.supportsVision = true;
        else if (type == QLatin1String("llm"))
            model.supportsVision = false;
        model.contextWindow = positiveCount(entry.value(QStringLiteral("max_context_length")));
        const QJsonValue capabilities = entry.value(QStringLiteral("capabilities"));
        if (capabilities.isArray())
            model.supportsTools = arrayContains(capabilities.toArray(), QStringLiteral("tool_use"));
        return true;
    });
}

bool looksLikeEmbeddingModel(const QString &id)
{
    const QString name = id.toLower();
    return name.contains(QLatin1String("embed")) || name.startsWith(QLatin1String("bge-"))
        || name.contains(QLatin1String("/bge-")) || name.contains(QLatin1String("rerank"));
}

} // namespace ModelListParser
