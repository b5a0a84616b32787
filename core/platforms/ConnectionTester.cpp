#include "platforms/ConnectionTester.h"

#include "common/Logging.h"
#include "platforms/BufferedExchange.h"
#include "platforms/ModelDiscovery.h"
#include "platforms/PlatformEndpoints.h"
#include "platforms/PlatformPreset.h"
#include "upstream/UpstreamClient.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {

constexpr qint64 kMaxAnswerBytes = 1024 * 1024;
constexpr int kListedExamples = 5;

QString modelsPhrase(int count)
{
    return count == 1 ? QStringLiteral("1 model") : QStringLiteral("%1 models").arg(count);
}

} // namespace

ConnectionTester::ConnectionTester(UpstreamClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_lookup(PlatformTarget::systemEnvironment())
{
    if (!m_client)
        m_client = new UpstreamClient(this);
    m_discovery = new ModelDiscovery(m_client, this);
    connect(m_discovery, &ModelDiscovery::finished, this, &ConnectionTester::onDiscoveryFinished);
}

ConnectionTester::~ConnectionTester()
{
    // Requests first, then (as children) the discovery and an own client.
    m_exchange = nullptr;
    qDeleteAll(findChildren<BufferedExchange *>(QString(), Qt::FindDirectChildrenOnly));
    delete m_discovery;
    m_discovery = nullptr;
}

void ConnectionTester::setTimeouts(const UpstreamTimeouts &timeouts)
{
    m_timeouts = timeouts;
    m_discovery->setTimeouts(timeouts);
}

void ConnectionTester::setSecretLookup(SecretReference::Lookup lookup)
{
    m_lookup = lookup;
    m_discovery->setSecretLookup(std::move(lookup));
}

UpstreamTimeouts ConnectionTester::defaultProbeTimeouts(const PlatformConfig &platform)
{
    UpstreamTimeouts timeouts = ModelDiscovery::defaultTimeouts(platform);
    const bool local = PlatformPresets::forType(platform.type).isLocal;
    timeouts.firstByteMs = local ? 180'000 : 60'000;
    timeouts.idleMs = 60'000;
    return timeouts;
}

void ConnectionTester::start(const PlatformConfig &platform, const QString &model)
{
    if (m_running) {
        dropExchange();
        m_discovery->blockSignals(true);
        m_discovery->cancel();
        m_discovery->blockSignals(false);
    }
    ++m_generation;
    m_platform = platform;
    m_model = model.trimmed();
    m_result = ConnectionTestResult();
    m_result.model = m_model;
    m_discoveryResult = ModelDiscoveryResult();
    m_listAvailable = false;
    m_running = true;
    m_clock.start();
    m_target = PlatformTarget::from(platform, m_lookup);
    qCDebug(lcPlatforms).noquote() << "connection test of" << m_target.name
                                   << (m_model.isEmpty() ? QString() : QStringLiteral("with model ") + m_model);
    if (!m_target.usable()) {
        const quint64 generation = m_generation;
        QMetaObject::invokeMethod(
            this,
            [this, generation] {
                if (generation == m_generation && m_running)
                    fail(m_target.problem);
            },
            Qt::QueuedConnection);
        return;
    }
    m_step = Step::ModelList;
    m_discovery->start(platform);
}

void ConnectionTester::cancel()
{
    if (!m_running)
        return;
    dropExchange();
    m_discovery->blockSignals(true);
    m_discovery->cancel();
    m_discovery->blockSignals(false);
    ++m_generation;
    PlatformFailure failure;
    failure.category = ConnectionCategory::Cancelled;
    failure.message = QStringLiteral("The test of %1 was cancelled.").arg(m_target.name);
    fail(failure);
}

void ConnectionTester::onDiscoveryFinished(const ModelDiscoveryResult &discovery)
{
    if (!m_running || m_step != Step::ModelList)
        return;
    m_discoveryResult = discovery;
    noteLatency(discovery.latencyMs >= 0 ? discovery.latencyMs * 1000 : -1);
    if (discovery.ok()) {
        m_listAvailable = true;
        m_result.models = discovery.models;
        m_result.modelCount = int(discovery.models.size());
        if (m_target.type == PlatformType::OpenRouter) {
            checkOpenRouterKey();
            return;
        }
        checkModel();
        return;
    }
    // No list where one was looked for: with a model, a test request still tells whether the platform works.
    const ConnectionCategory category = discovery.failure.category;
    const bool noList
        = category == ConnectionCategory::EndpointNotFound || category == ConnectionCategory::MalformedResponse;
    if (noList && !m_model.isEmpty()) {
        probeModel();
        return;
    }
    if (noList) {
        PlatformFailure failure = discovery.failure;
        failure.message
            = QStringLiteral("%1 did not give a model list (%2). Check the base URL, or name a model to "
                             "test the platform with a request.")
                  .arg(m_target.name,
                      discovery.failure.httpStatus > 0 ? QStringLiteral("HTTP %1").arg(discovery.failure.httpStatus)
                                                       : QStringLiteral("unreadable answer"));
        fail(failure);
        return;
    }
    fail(discovery.failure);
}

void ConnectionTester::checkOpenRouterKey()
{
    m_step = Step::KeyCheck;
    UpstreamRequest request;
    request.url = PlatformEndpoints::openRouterKeyUrl(m_target.baseUrl);
    request.method = QByteArrayLiteral("GET");
    request.headers = PlatformEndpoints::authHeaders(m_target.type, m_target.apiKey);
    m_requestTimeouts = m_timeouts.value_or(ModelDiscovery::defaultTimeouts(m_platform));
    request.timeouts = m_requestTimeouts;
    send(std::move(request), &ConnectionTester::onKeyReply);
}

void ConnectionTester::onKeyReply(const BufferedReply &reply)
{
    const PlatformFailure::Context context
        = m_target.failureContext(m_requestUrl, QString(), expiredTimerMs(reply.error.failure, m_requestTimeouts));
    if (!reply.answered()) {
        fail(PlatformFailure::fromTransport(reply.error, context));
        return;
    }
    if (!reply.isSuccess()) {
        fail(PlatformFailure::fromHttp(reply.status, reply.body, context));
        return;
    }
    // {"data":{"limit":5,"limit_remaining":0,...}}: a key whose own spending limit is used up.
    const QJsonObject data = QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("data")).toObject();
    const QJsonValue limit = data.value(QStringLiteral("limit"));
    const QJsonValue remaining = data.value(QStringLiteral("limit_remaining"));
    if (limit.isDouble() && remaining.isDouble() && remaining.toDouble() <= 0) {
        PlatformFailure failure;
        failure.category = ConnectionCategory::InsufficientBalance;
        failure.message = QStringLiteral("The API key of %1 has used up its credit limit.").arg(m_target.name);
        failure.details = QStringLiteral("Key limit: %1, remaining: %2\nURL: %3")
                              .arg(limit.toDouble())
                              .arg(remaining.toDouble())
                              .arg(PlatformEndpoints::displayUrl(m_requestUrl));
        fail(failure);
        return;
    }
    checkModel();
}

void ConnectionTester::checkModel()
{
    const QString name = m_target.name;
    const QString latency = m_result.latencyMs >= 0 ? QStringLiteral(" in %1 ms").arg(m_result.latencyMs) : QString();
    if (m_model.isEmpty()) {
        succeed(
            QStringLiteral("Connected to %1%2: %3 available.").arg(name, latency, modelsPhrase(m_result.modelCount)));
        return;
    }
    const QStringList ids = m_discoveryResult.ids();
    const QString match = PlatformEndpoints::matchModel(m_target.type, m_model, ids);
    if (!match.isEmpty()) {
        m_result.modelVerified = true;
        succeed(QStringLiteral("Connected to %1%2: %3 available, including %4.")
                    .arg(name, latency, modelsPhrase(m_result.modelCount), m_model));
        return;
    }
    if (!PlatformEndpoints::modelListIsComplete(m_target.type)) {
        probeModel();
        return;
    }
    PlatformFailure failure;
    failure.category = ConnectionCategory::ModelNotFound;
    failure.message = QStringLiteral("%1 does not offer the model \"%2\".").arg(name, m_model);
    QStringList lines;
    const QString similar = PlatformEndpoints::similarModel(m_model, ids);
    if (!similar.isEmpty())
        lines.append(QStringLiteral("Did you mean \"%1\"? Model names are case-sensitive.").arg(similar));
    lines.append(
        QStringLiteral("The model list (%1) has %2.").arg(m_discoveryResult.source, modelsPhrase(int(ids.size()))));
    if (!ids.isEmpty())
        lines.append(QStringLiteral("For example: %1").arg(ids.mid(0, kListedExamples).join(QStringLiteral(", "))));
    if (m_target.type == PlatformType::Ollama)
        lines.append(QStringLiteral("Download it with: ollama pull %1").arg(m_model));
    failure.details = lines.join(QLatin1Char('\n'));
    fail(failure);
}

void ConnectionTester::probeModel()
{
    m_step = Step::Probe;
    UpstreamRequest request
        = PlatformEndpoints::probeRequest(m_target.type, m_target.baseUrl, m_target.apiKey, m_model);
    m_requestTimeouts = m_timeouts.value_or(defaultProbeTimeouts(m_platform));
    request.timeouts = m_requestTimeouts;
    m_result.probed = true;
    send(std::move(request), &ConnectionTester::onProbeReply);
}

void ConnectionTester::onProbeReply(const BufferedReply &reply)
{
    noteLatency(reply.firstByteUs);
    const PlatformFailure::Context context
        = m_target.failureContext(m_requestUrl, m_model, expiredTimerMs(reply.error.failure, m_requestTimeouts));
    if (!reply.answered()) {
        fail(PlatformFailure::fromTransport(reply.error, context));
        return;
    }
    if (!reply.isSuccess()) {
        PlatformFailure failure = PlatformFailure::fromHttp(reply.status, reply.body, context);
        if (failure.category == ConnectionCategory::RequestRejected)
            failure.message = QStringLiteral("%1 rejected a test request to the model \"%2\" (HTTP %3).")
                                  .arg(m_target.name, m_model)
                                  .arg(reply.status);
        fail(failure);
        return;
    }
    if (!QJsonDocument::fromJson(reply.body).isObject()) {
        fail(PlatformFailure::malformed(QStringLiteral("The answer to a test request is not a JSON object."), context));
        return;
    }
    m_result.modelVerified = true;
    const QString latency = m_result.latencyMs >= 0 ? QStringLiteral(" in %1 ms").arg(m_result.latencyMs) : QString();
    QString listNote;
    if (m_listAvailable)
        listNote = QStringLiteral(" (%1 listed)").arg(modelsPhrase(m_result.modelCount));
    else
        listNote = QStringLiteral(" (the platform gave no model list)");
    succeed(QStringLiteral("Connected to %1%2: the model %3 answered a test request%4.")
                .arg(m_target.name, latency, m_model, listNote));
}

void ConnectionTester::send(UpstreamRequest request, void (ConnectionTester::*handler)(const BufferedReply &))
{
    dropExchange();
    m_requestUrl = request.url;
    qCDebug(lcPlatforms).noquote() << "connection test of" << m_target.name << ":" << request.method
                                   << PlatformEndpoints::displayUrl(request.url);
    m_exchange = new BufferedExchange(m_client, std::move(request), kMaxAnswerBytes, this);
    const quint64 generation = m_generation;
    connect(m_exchange, &BufferedExchange::done, this, [this, handler, generation](const BufferedReply &reply) {
        if (generation != m_generation || !m_running)
            return;
        dropExchange();
        (this->*handler)(reply);
    });
    m_exchange->start();
}

void ConnectionTester::dropExchange()
{
    if (!m_exchange)
        return;
    m_exchange->disconnect(this);
    m_exchange->deleteLater(); // it may be emitting right now
    m_exchange = nullptr;
}

void ConnectionTester::noteLatency(qint64 firstByteUs)
{
    if (m_result.latencyMs < 0 && firstByteUs >= 0)
        m_result.latencyMs = (firstByteUs + 500) / 1000;
}

QString ConnectionTester::okDetails() const
{
    QStringList lines;
    lines.append(QStringLiteral("Base URL: %1").arg(m_target.baseUrl));
    if (m_listAvailable)
        lines.append(QStringLiteral("Model list: %1 (%2%3)")
                         .arg(m_discoveryResult.source, modelsPhrase(m_result.modelCount),
                             m_discoveryResult.truncated ? QStringLiteral(", more not fetched") : QString()));
    if (m_result.probed)
        lines.append(QStringLiteral("Test request: %1").arg(PlatformEndpoints::displayUrl(m_requestUrl)));
    if (m_result.latencyMs >= 0)
        lines.append(QStringLiteral("First answer after %1 ms (connection included)").arg(m_result.latencyMs));
    return lines.join(QLatin1Char('\n'));
}

void ConnectionTester::succeed(const QString &message)
{
    m_result.category = ConnectionCategory::Ok;
    m_result.message = message;
    m_result.details = okDetails();
    m_result.httpStatus = 0;
    finish();
}

void ConnectionTester::fail(const PlatformFailure &failure)
{
    m_result.category = failure.category;
    m_result.message = failure.message;
    m_result.details = failure.details;
    m_result.httpStatus = failure.httpStatus;
    finish();
}

void ConnectionTester::finish()
{
    m_running = false;
    m_step = Step::Idle;
    m_result.message = PlatformFailure::redactSecrets(m_result.message, m_target.apiKey);
    m_result.details = PlatformFailure::redactSecrets(m_result.details, m_target.apiKey);
    m_result.elapsedMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    qCInfo(lcPlatforms).noquote() << "connection test of" << m_target.name << ":" << m_result.categoryId() << "-"
                                  << m_result.message;
    Q_EMIT finished(m_result);
}
