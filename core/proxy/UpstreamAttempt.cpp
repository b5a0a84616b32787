#include "proxy/UpstreamAttempt.h"

#include "common/SteadyClock.h"
#include "upstream/UpstreamClient.h"
#include "upstream/UpstreamExchange.h"

void UpstreamAttempt::sendUpstream(UpstreamClient *client, UpstreamRequest request)
{
    m_upstreamStartedAtUs = SteadyClock::nowUs();
    m_exchange = client->send(std::move(request), this);
    connect(m_exchange, &UpstreamExchange::responseStarted, this, &UpstreamAttempt::onResponseStarted);
    connect(m_exchange, &UpstreamExchange::bodyData, this, &UpstreamAttempt::onBodyData);
    connect(m_exchange, &UpstreamExchange::finished, this, &UpstreamAttempt::onFinished);
    connect(m_exchange, &UpstreamExchange::failed, this, &UpstreamAttempt::onFailed);
}

void UpstreamAttempt::cancel()
{
    m_done = true;
    if (m_exchange) {
        m_exchange->disconnect(this);
        m_exchange->abort();
    }
}

void UpstreamAttempt::setPaused(bool paused)
{
    if (m_exchange)
        m_exchange->setReadingPaused(paused);
}
