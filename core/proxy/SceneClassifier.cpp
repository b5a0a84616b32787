#include "proxy/SceneClassifier.h"

#include "common/Logging.h"
#include "platforms/PlatformEndpoints.h"
#include "platforms/PlatformPreset.h"
#include "routing/ClassifierProtocol.h"
#include "upstream/UpstreamClient.h"
#include "upstream/UpstreamExchange.h"

#include <QJsonDocument>

QJsonObject SceneClassification::toJson() const
{
    QJsonObject object {{QStringLiteral("scene"), scene}, {QStringLiteral("recognized"), recognized},
        {QStringLiteral("latency_ms"), latencyMs}, {QStringLiteral("prompt"), prompt}};
    if (!model.isEmpty())
        object.insert(QStringLiteral("model"), model);
    if (!answer.isEmpty())
        object.insert(QStringLiteral("answer"), answer);
    if (usage.inputTokens >= 0)
        object.insert(QStringLiteral("input_tokens"), usage.inputTokens);
    if (usage.outputTokens >= 0)
        object.insert(QStringLiteral("output_tokens"), usage.outputTokens);
    if (!error.isEmpty())
        object.insert(QStringLiteral("error"), error);
    if (timedOut)
        object.insert(QStringLiteral("timed_out"), true);
    return object;
}

SceneClassifier::SceneClassifier(
    UpstreamClient *client, std::shared_ptr<const Config> config, QString typedText, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_config(std::move(config))
    , m_text(std::move(typedText))
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        m_result.timedOut = true;
        m_failures.append(QStringLiteral("no answer within %1 ms").arg(m_config->routing.classifier.deadlineMs));
        finish();
    });
}

SceneClassifier::~SceneClassifier()
{
    if (m_exchange)
        m_exchange->deleteLater();
}

void SceneClassifier::start()
{
    m_elapsed.start();
    m_result.prompt = ClassifierProtocol::userPrompt(m_text);
    m_result.scene = m_config->routing.defaultScene() ? m_config->routing.defaultScene()->name : QString();
    m_deadline.start(m_config->routing.classifier.deadlineMs);
    QMetaObject::invokeMethod(this, &SceneClassifier::tryNext, Qt::QueuedConnection);
}

void SceneClassifier::cancel()
{
    m_done = true;
    m_deadline.stop();
    if (m_exchange) {
        m_exchange->disconnect(this);
        m_exchange->abort();
    }
}

void SceneClassifier::tryNext()
{
    if (m_done)
        return;
    const QStringList &models = m_config->routing.routingModels;
    while (m_nextModel < models.size()) {
        const QString reference = models.at(m_nextModel++);
        const qsizetype colon = reference.indexOf(QLatin1Char(':'));
        m_platform = m_config->findPlatform(reference.left(colon));
        m_modelName = reference.mid(colon + 1);
        if (!m_platform || !m_platform->enabled) {
            m_failures.append(reference + QStringLiteral(": platform not available"));
            continue;
        }
        UpstreamRequest request;
        const QString base = PlatformEndpoints::trimmedBase(m_platform->baseUrl);
        const QList<Scene> &scenes = m_config->routing.scenes;
        if (PlatformPresets::forType(m_platform->type).protocol == WireProtocol::AnthropicMessages) {
            request.url = QUrl(base + QStringLiteral("/v1/messages"));
            request.headers = {{QByteArrayLiteral("content-type"), QByteArrayLiteral("application/json")},
                {QByteArrayLiteral("anthropic-version"), QByteArrayLiteral("2023-06-01")}};
            if (!m_platform->apiKey.isEmpty())
                request.headers.append({QByteArrayLiteral("x-api-key"), m_platform->apiKey.toUtf8()});
            request.body = QJsonDocument(ClassifierProtocol::anthropicBody(m_modelName, scenes, m_text))
                               .toJson(QJsonDocument::Compact);
        } else {
            request.url = QUrl(base + QStringLiteral("/chat/completions"));
            request.headers = {{QByteArrayLiteral("content-type"), QByteArrayLiteral("application/json")}};
            if (!m_platform->apiKey.isEmpty())
                request.headers.append({QByteArrayLiteral("authorization"), "Bearer " + m_platform->apiKey.toUtf8()});
            request.body = QJsonDocument(ClassifierProtocol::openAIBody(m_modelName, m_platform->type, scenes, m_text))
                               .toJson(QJsonDocument::Compact);
        }
        const int left = int(qMax<qint64>(1, m_config->routing.classifier.deadlineMs - m_elapsed.elapsed()));
        request.timeouts.connectMs = left;
        request.timeouts.firstByteMs = left;
        request.timeouts.totalMs = left;
        m_body.clear();
        m_exchange = m_client->send(std::move(request), this);
        connect(m_exchange, &UpstreamExchange::bodyData, this, [this](const QByteArray &data) {
            if (m_body.size() < 1024 * 1024)
                m_body += data;
        });
        connect(m_exchange, &UpstreamExchange::finished, this, &SceneClassifier::onExchangeFinished);
        connect(m_exchange, &UpstreamExchange::failed, this, [this](const UpstreamError &error) {
            onExchangeFailed(upstreamFailureName(error.failure) + QStringLiteral(": ") + error.message);
        });
        return;
    }
    m_result.error = m_failures.isEmpty() ? QStringLiteral("no routing model is configured")
                                          : m_failures.join(QStringLiteral("; "));
    finish();
}

void SceneClassifier::onExchangeFinished()
{
    if (m_done)
        return;
    const QString reference = m_platform->id + QLatin1Char(':') + m_modelName;
    const int status = m_exchange ? m_exchange->statusCode() : 0;
    if (status < 200 || status >= 300) {
        onExchangeFailed(QStringLiteral("HTTP %1").arg(status));
        return;
    }
    const QJsonObject response = QJsonDocument::fromJson(m_body).object();
    const bool anthropic = PlatformPresets::forType(m_platform->type).protocol == WireProtocol::AnthropicMessages;
    const QString answer = anthropic ? ClassifierProtocol::answerFromAnthropic(response)
                                     : ClassifierProtocol::answerFromOpenAI(response);
    const ClassifierProtocol::Answer parsed = ClassifierProtocol::parseAnswer(answer, m_config->routing);
    const QJsonObject usage = response.value(QStringLiteral("usage")).toObject();
    if (anthropic) {
        m_result.usage.inputTokens = usage.value(QStringLiteral("input_tokens")).toInteger(-1);
        m_result.usage.outputTokens = usage.value(QStringLiteral("output_tokens")).toInteger(-1);
    } else {
        m_result.usage.inputTokens = usage.value(QStringLiteral("prompt_tokens")).toInteger(-1);
        m_result.usage.outputTokens = usage.value(QStringLiteral("completion_tokens")).toInteger(-1);
    }
    m_result.model = reference;
    m_result.answer = answer.left(200);
    if (!parsed.recognized) {
        // Nonsense is an answer too: the default scene, without asking the next model (the deadline is short).
        m_failures.append(reference + QStringLiteral(": answer not recognized"));
        m_result.error = m_failures.join(QStringLiteral("; "));
    }
    m_result.scene = parsed.scene;
    m_result.recognized = parsed.recognized;
    finish();
}

void SceneClassifier::onExchangeFailed(const QString &why)
{
    if (m_done)
        return;
    m_failures.append(m_platform->id + QLatin1Char(':') + m_modelName + QStringLiteral(": ") + why);
    if (m_exchange)
        m_exchange->deleteLater();
    tryNext();
}

void SceneClassifier::finish()
{
    if (m_done)
        return;
    m_done = true;
    m_deadline.stop();
    if (m_exchange) {
        m_exchange->disconnect(this);
        m_exchange->abort();
    }
    m_result.latencyMs = m_elapsed.elapsed();
    if (m_result.error.isEmpty() && !m_failures.isEmpty())
        m_result.error = m_failures.join(QStringLiteral("; "));
    qCDebug(lcRoute).noquote() << "classified as" << m_result.scene << "in" << m_result.latencyMs << "ms"
                               << (m_result.model.isEmpty() ? QString() : QStringLiteral("by ") + m_result.model);
    Q_EMIT finished(m_result);
}
