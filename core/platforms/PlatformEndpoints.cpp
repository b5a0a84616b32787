#include "platforms/PlatformEndpoints.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace {

const QByteArray kAnthropicVersion = QByteArrayLiteral("2023-06-01");

QUrl urlOf(const QString &text)
{
    return QUrl(text, QUrl::StrictMode);
}

} // namespace

namespace PlatformEndpoints {

QString displayUrl(const QUrl &url)
{
    return url.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo | QUrl::RemoveFragment);
}

QString trimmedBase(const QString &baseUrl)
{
    QString base = baseUrl.trimmed();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return base;
}

QString nativeRoot(const QString &baseUrl)
{
    QString base = trimmedBase(baseUrl);
    if (base.endsWith(QLatin1String("/v1"), Qt::CaseInsensitive))
        base.chop(3);
    return base;
}

QList<ModelListEndpoint> modelListEndpoints(PlatformType type, const QString &baseUrl)
{
    const QString base = trimmedBase(baseUrl);
    switch (type) {
    case PlatformType::Anthropic:
        return {{anthropicModelsPage(baseUrl, QString(), kAnthropicPageSize), ModelListDialect::Anthropic}};
    case PlatformType::Ollama:
        return {{urlOf(nativeRoot(baseUrl) + QStringLiteral("/api/tags")), ModelListDialect::OllamaTags},
            {urlOf(base + QStringLiteral("/models")), ModelListDialect::OpenAI}};
    case PlatformType::LMStudio:
        return {{urlOf(nativeRoot(baseUrl) + QStringLiteral("/api/v0/models")), ModelListDialect::LMStudioNative},
            {urlOf(base + QStringLiteral("/models")), ModelListDialect::OpenAI}};
    case PlatformType::SiliconFlow:
        return {{urlOf(base + QStringLiteral("/models?type=text&sub_type=chat")), ModelListDialect::OpenAI}};
    case PlatformType::OpenAICompatible:
    case PlatformType::DashScope:
    case PlatformType::OpenRouter:
        break;
    }
    return {{urlOf(base + QStringLiteral("/models")), ModelListDialect::OpenAI}};
}

QUrl anthropicModelsPage(const QString &baseUrl, const QString &afterId, int pageSize)
{
    QUrl url = urlOf(trimmedBase(baseUrl) + QStringLiteral("/v1/models"));
    QUrlQuery query(url);
    query.addQueryItem(QStringLiteral("limit"), QString::number(pageSize));
    if (!afterId.isEmpty())
        query.addQueryItem(QStringLiteral("after_id"), QString::fromLatin1(QUrl::toPercentEncoding(afterId)));
    url.setQuery(query);
    return url;
}

HttpHeaderList authHeaders(PlatformType type, const QString &apiKey)
{
    HttpHeaderList headers;
    headers.append({QByteArrayLiteral("accept"), QByteArrayLiteral("application/json")});
    if (type == PlatformType::Anthropic) {
        headers.append({QByteArrayLiteral("anthropic-version"), kAnthropicVersion});
        if (!apiKey.isEmpty())
            headers.append({QByteArrayLiteral("x-api-key"), apiKey.toUtf8()});
    } else if (!apiKey.isEmpty()) {
        headers.append({QByteArrayLiteral("authorization"), QByteArrayLiteral("Bearer ") + apiKey.toUtf8()});
    }
    return headers;
}

UpstreamRequest probeRequest(PlatformType type, const QString &baseUrl, const QString &apiKey, const QString &model)
{
    UpstreamRequest request;
    request.method = QByteArrayLiteral("POST");
    request.headers = authHeaders(type, apiKey);
    request.headers.append({QByteArrayLiteral("content-type"), QByteArrayLiteral("application/json")});
    QJsonObject message;
    message.insert(QStringLiteral("role"), QStringLiteral("user"));
    message.insert(QStringLiteral("content"), QStringLiteral("ping"));
    QJsonObject body;
    body.insert(QStringLiteral("model"), model);
    body.insert(QStringLiteral("max_tokens"), 1);
    body.insert(QStringLiteral("messages"), QJsonArray {message});
    if (type == PlatformType::Anthropic) {
        request.url = urlOf(trimmedBase(baseUrl) + QStringLiteral("/v1/messages"));
    } else {
        request.url = urlOf(trimmedBase(baseUrl) + QStringLiteral("/chat/completions"));
        body.insert(QStringLiteral("stream"), false);
    }
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return request;
}

QUrl openRouterKeyUrl(const QString &baseUrl)
{
    return urlOf(trimmedBase(baseUrl) + QStringLiteral("/key"));
}

bool modelListIsComplete(PlatformType type)
{
    switch (type) {
    case PlatformType::Ollama:
    case PlatformType::LMStudio:
    case PlatformType::OpenRouter:
    case PlatformType::SiliconFlow:
        return true;
    case PlatformType::Anthropic:
    case PlatformType::OpenAICompatible:
    case PlatformType::DashScope:
        return false;
    }
    return false;
}

QString matchModel(PlatformType type, const QString &model, const QStringList &ids)
{
    if (model.isEmpty())
        return QString();
    if (ids.contains(model))
        return model;
    if (type == PlatformType::Ollama) {
        if (!model.contains(QLatin1Char(':'))) {
            const QString tagged = model + QStringLiteral(":latest");
            if (ids.contains(tagged))
                return tagged;
        } else if (model.endsWith(QLatin1String(":latest"))) {
            const QString bare = model.chopped(7);
            if (ids.contains(bare))
                return bare;
        }
    }
    if (type == PlatformType::OpenRouter) {
        static const QStringList routingSuffixes = {
            QStringLiteral(":nitro"), QStringLiteral(":floor"), QStringLiteral(":online"), QStringLiteral(":thinking")};
        for (const QString &suffix : routingSuffixes) {
            if (model.endsWith(suffix) && ids.contains(model.chopped(suffix.size())))
                return model.chopped(suffix.size());
        }
    }
    return QString();
}

QString similarModel(const QString &model, const QStringList &ids)
{
    for (const QString &id : ids) {
        if (id.compare(model, Qt::CaseInsensitive) == 0)
            return id;
    }
    return QString();
}

} // namespace PlatformEndpoints
