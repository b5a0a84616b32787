#pragma once

#include "protocol/SseParser.h"
#include "proxy/UpstreamAttempt.h"
#include "routing/RoutePlan.h"
#include "server/IncomingRequest.h"

#include <QPointer>

class UpstreamClient;
class UpstreamExchange;

// Pass-through to an Anthropic-compatible platform: the client's body goes upstream unchanged with the
// platform's own key (never the client's) and the anthropic-* headers; a stream comes back event by event,
// each event relayed as the exact bytes the platform sent, as soon as it is complete.
class AnthropicPassThroughAttempt : public UpstreamAttempt
{
    Q_OBJECT
public:
    // `upstreamPath` is the Anthropic API path to call, e.g. "/v1/messages".
    AnthropicPassThroughAttempt(UpstreamClient *client, RouteTarget target, const IncomingRequest &request,
                                QString upstreamPath, QObject *parent = nullptr);
    ~AnthropicPassThroughAttempt() override;

    void start() override;
    void cancel() override;
    void setPaused(bool paused) override;

    // The request that start() sends (exposed for tests and for the record).
    UpstreamRequest buildRequest() const;
    static HttpHeaderList forwardedRequestHeaders(const HttpHeaderList &clientHeaders);
    static HttpHeaderList relayedResponseHeaders(const HttpHeaderList &upstreamHeaders);

private:
    void onResponseStarted(int status, const HttpHeaderList &headers);
    void onBodyData(const QByteArray &data);
    void onFinished();
    void onFailed(const UpstreamError &error);
    // Emits the events parsed into m_events; false when this attempt ended (or was deleted) meanwhile.
    bool relayParsedEvents();
    void fail(const AttemptFailure &failure);

    UpstreamClient *m_client;
    RouteTarget m_target;
    const IncomingRequest &m_request;
    QString m_upstreamPath;
    QPointer<UpstreamExchange> m_exchange;

    bool m_success = false;
    bool m_stream = false;
    bool m_done = false;
    HttpHeaderList m_responseHeaders;
    QByteArray m_body; // non-streamed body or error body
    SseParser m_sse;
    std::vector<SseEvent> m_events;
    int m_eventsRelayed = 0;
    bool m_sawMessageStop = false;
    bool m_sawErrorEvent = false;
};
