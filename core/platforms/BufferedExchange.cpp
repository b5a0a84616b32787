#include "platforms/BufferedExchange.h"

#include "upstream/UpstreamClient.h"
#include "upstream/UpstreamExchange.h"

BufferedExchange::BufferedExchange(
    UpstreamClient *client, UpstreamRequest request, qint64 maxBodyBytes, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_request(std::move(request))
    , m_maxBodyBytes(maxBodyBytes)
{
}

BufferedExchange::~BufferedExchange()
{
    if (m_exchange) {
        m_exchange->disconnect(this);
        delete m_exchange; // aborts a running request
    }
}

void BufferedExchange::start()
{
    if (!m_client) {
        m_reply.error.failure = UpstreamFailure::NetworkError;
        m_reply.error.message = QStringLiteral("no upstream client");
        QMetaObject::invokeMethod(this, &BufferedExchange::complete, Qt::QueuedConnection);
        return;
    }
    m_exchange = m_client->send(m_request, this);
    connect(m_exchange, &UpstreamExchange::responseStarted, this, &BufferedExchange::onResponseStarted);
    connect(m_exchange, &UpstreamExchange::bodyData, this, &BufferedExchange::onBodyData);
    connect(m_exchange, &UpstreamExchange::finished, this, &BufferedExchange::onFinished);
    connect(m_exchange, &UpstreamExchange::failed, this, &BufferedExchange::onFailed);
}

void BufferedExchange::onResponseStarted(int status, const HttpHeaderList &headers)
{
    m_reply.status = status;
    m_reply.headers = headers;
}

void BufferedExchange::onBodyData(const QByteArray &data)
{
    if (m_done)
        return;
    if (m_reply.body.size() + data.size() > m_maxBodyBytes) {
        m_reply.error.failure = UpstreamFailure::MalformedResponse;
        m_reply.error.message = QStringLiteral("the answer is larger than %1 bytes").arg(m_maxBodyBytes);
        m_reply.error.responseStarted = true;
        m_reply.body.clear();
        complete();
        return;
    }
    m_reply.body += data;
}

void BufferedExchange::onFinished()
{
    complete();
}

void BufferedExchange::onFailed(const UpstreamError &error)
{
    if (m_done)
        return;
    m_reply.error = error;
    complete();
}

void BufferedExchange::complete()
{
    if (m_done)
        return;
    m_done = true;
    if (m_exchange) {
        m_reply.firstByteUs = m_exchange->firstByteAtUs();
        m_reply.finishedUs = m_exchange->finishedAtUs();
        m_exchange->disconnect(this);
        if (!m_exchange->isFinished())
            m_exchange->abort();
        m_exchange->deleteLater();
        m_exchange = nullptr;
    }
    Q_EMIT done(m_reply);
}
