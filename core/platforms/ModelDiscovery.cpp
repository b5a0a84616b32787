#include "platforms/ModelDiscovery.h"

#include "common/Logging.h"
#include "platforms/BufferedExchange.h"
#include "upstream/UpstreamClient.h"

namespace {

QString bodyExcerpt(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(200)).simplified();
    if (body.size() > 200)
        text += QChar(0x2026);
    return text;
}

} // namespace

ModelDiscovery::ModelDiscovery(UpstreamClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_lookup(PlatformTarget::systemEnvironment())
{
    if (!m_client)
        m_client = new UpstreamClient(this);
}

ModelDiscovery::~ModelDiscovery()
{
    // Exchanges (also those dropped and waiting for deleteLater) before an own client, which is a child too.
    m_exchange = nullptr;
    qDeleteAll(findChildren<BufferedExchange *>(QString(), Qt::FindDirectChildrenOnly));
}

void ModelDiscovery::setTimeouts(const UpstreamTimeouts &timeouts)
{
    m_timeouts = timeouts;
}

void ModelDiscovery::setMaxPages(int pages)
{
    m_maxPages = qMax(1, pages);
}

void ModelDiscovery::setMaxBodyBytes(qint64 bytes)
{
    m_maxBodyBytes = qMax<qint64>(1024, bytes);
}

void ModelDiscovery::setSecretLookup(SecretReference::Lookup lookup)
{
    m_lookup = std::move(lookup);
}

UpstreamTimeouts ModelDiscovery::defaultTimeouts(const PlatformConfig &platform)
{
    UpstreamTimeouts timeouts;
    timeouts.connectMs = platform.timeouts.connectMs > 0 ? qMin(platform.timeouts.connectMs, 10'000) : 10'000;
    timeouts.firstByteMs = 30'000;
    timeouts.idleMs = 30'000;
    timeouts.totalMs = 0;
    return timeouts;
}

void ModelDiscovery::start(const PlatformConfig &platform)
{
    dropExchange();
    ++m_generation;
    m_result = ModelDiscoveryResult();
    m_collected.clear();
    m_seenAnthropicCursors.clear();
    m_endpointIndex = 0;
    m_running = true;
    m_clock.start();
    m_target = PlatformTarget::from(platform, m_lookup);
    m_activeTimeouts = m_timeouts.value_or(defaultTimeouts(platform));

    if (!m_target.usable()) {
        const quint64 generation = m_generation;
        QMetaObject::invokeMethod(
            this,
            [this, generation] {
                if (generation == m_generation && m_running)
                    finishWith(m_target.problem);
            },
            Qt::QueuedConnection);
        return;
    }
    m_endpoints = PlatformEndpoints::modelListEndpoints(m_target.type, m_target.baseUrl);
    requestNext();
}

void ModelDiscovery::cancel()
{
    if (!m_running)
        return;
    dropExchange();
    ++m_generation;
    PlatformFailure failure;
    failure.category = ConnectionCategory::Cancelled;
    failure.message = QStringLiteral("Fetching the models of %1 was cancelled.").arg(m_target.name);
    finishWith(failure);
}

void ModelDiscovery::requestNext()
{
    const PlatformEndpoints::ModelListEndpoint &endpoint = m_endpoints.at(m_endpointIndex);
    m_result.dialect = endpoint.dialect;
    sendRequest(endpoint.url);
}

void ModelDiscovery::sendRequest(const QUrl &url)
{
    m_currentUrl = url;
    UpstreamRequest request;
    request.url = url;
    request.method = QByteArrayLiteral("GET");
    request.headers = PlatformEndpoints::authHeaders(m_target.type, m_target.apiKey);
    request.timeouts = m_activeTimeouts;
    qCDebug(lcPlatforms).noquote() << "model list of" << m_target.name << "from" << PlatformEndpoints::displayUrl(url);
    m_exchange = new BufferedExchange(m_client, std::move(request), m_maxBodyBytes, this);
    connect(m_exchange, &BufferedExchange::done, this, &ModelDiscovery::onReply);
    m_exchange->start();
}

void ModelDiscovery::dropExchange()
{
    if (!m_exchange)
        return;
    m_exchange->disconnect(this);
    m_exchange->deleteLater(); // it may be emitting right now
    m_exchange = nullptr;
}

void ModelDiscovery::onReply(const BufferedReply &reply)
{
    dropExchange();
    ++m_result.pages;
    if (m_result.latencyMs < 0 && reply.firstByteUs >= 0)
        m_result.latencyMs = (reply.firstByteUs + 500) / 1000;
    const PlatformFailure::Context context
        = m_target.failureContext(m_currentUrl, QString(), expiredTimerMs(reply.error.failure, m_activeTimeouts));
    const bool hasFallback = m_endpointIndex + 1 < m_endpoints.size();
    const ModelListDialect dialect = m_endpoints.at(m_endpointIndex).dialect;

    if (!reply.answered()) {
        if (reply.error.failure == UpstreamFailure::MalformedResponse && reply.error.responseStarted
            && reply.status >= 200 && reply.status < 300) {
            finishWith(PlatformFailure::malformed(reply.error.message, context)); // too large
            return;
        }
        finishWith(PlatformFailure::fromTransport(reply.error, context));
        return;
    }
    qCDebug(lcPlatforms).noquote() << "model list of" << m_target.name << "answered" << reply.status << "with"
                                   << reply.body.size() << "bytes";
    if (!reply.isSuccess()) {
        const PlatformFailure failure = PlatformFailure::fromHttp(reply.status, reply.body, context);
        if (failure.category == ConnectionCategory::EndpointNotFound && hasFallback && m_result.pages == 1) {
            ++m_endpointIndex;
            m_result.pages = 0;
            requestNext();
            return;
        }
        finishWith(failure);
        return;
    }

    const ModelListPage page = ModelListParser::parse(dialect, reply.body);
    if (!page.ok()) {
        if (hasFallback && m_result.pages == 1) {
            ++m_endpointIndex;
            m_result.pages = 0;
            requestNext();
            return;
        }
        finishWith(PlatformFailure::malformed(
            QStringLiteral("Not a model list: %1.\nThe answer begins: %2").arg(page.error, bodyExcerpt(reply.body)),
            context));
        return;
    }
    m_result.source = PlatformEndpoints::displayUrl(m_currentUrl);

    if (dialect == ModelListDialect::Anthropic) {
        handleAnthropicPage(page);
        return;
    }
    for (const DiscoveredModel &model : page.models) {
        if (m_target.isLocal && ModelListParser::looksLikeEmbeddingModel(model.id))
            continue;
        m_collected.append(model);
    }
    finishWith(PlatformFailure());
}

void ModelDiscovery::handleAnthropicPage(const ModelListPage &page)
{
    for (const DiscoveredModel &model : page.models) {
        bool known = false;
        for (const DiscoveredModel &existing : std::as_const(m_collected))
            known = known || existing.id == model.id;
        if (!known)
            m_collected.append(model);
    }
    const bool more = page.hasMore && !page.lastId.isEmpty() && !m_seenAnthropicCursors.contains(page.lastId);
    if (!more) {
        finishWith(PlatformFailure());
        return;
    }
    if (m_result.pages >= m_maxPages) {
        m_result.truncated = true;
        qCInfo(lcPlatforms).noquote() << "model list of" << m_target.name << "stopped after" << m_result.pages
                                      << "pages";
        finishWith(PlatformFailure());
        return;
    }
    m_seenAnthropicCursors.append(page.lastId);
    sendRequest(
        PlatformEndpoints::anthropicModelsPage(m_target.baseUrl, page.lastId, PlatformEndpoints::kAnthropicPageSize));
}

void ModelDiscovery::finishWith(const PlatformFailure &failure)
{
    m_running = false;
    m_result.failure = failure.redacted(m_target.apiKey);
    if (failure.isFailure())
        m_collected.clear();
    m_result.models = m_collected;
    m_collected.clear();
    m_result.elapsedMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    if (failure.isFailure())
        qCInfo(lcPlatforms).noquote() << "model list of" << m_target.name
                                      << "failed:" << connectionCategoryId(failure.category)
                                      << m_result.failure.message;
    else
        qCDebug(lcPlatforms).noquote() << "model list of" << m_target.name << ":" << m_result.models.size()
                                       << "models in" << m_result.elapsedMs << "ms";
    Q_EMIT finished(m_result);
}
