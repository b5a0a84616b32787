#pragma once

#include "protocol/SseParser.h"
#include "proxy/UpstreamAttempt.h"
#include "routing/RoutePlan.h"
#include "server/IncomingRequest.h"

#include <QJsonObject>

class UpstreamClient;

// Pass-through to an Anthropic-compatible platform: the client's body goes upstream unchanged with the
// platform's own key (never the client's) and the anthropic-* headers; a stream comes back event by event,
// each event relayed as the exact bytes the platform sent, as soon as it is complete.
//
// Commit point: `message_start` and `ping` are held back until the first content event, so an `error` event
// (or a failure) before any content is still a failure the proxy can fall back from; nothing is emitted
// until the answer has really begun. The body changes only where it must: the model name when the route
// chose another model, and thinking blocks Switchyard itself made (their signature is not Anthropic's).
class AnthropicPassThroughAttempt : public UpstreamAttempt
{
    Q_OBJECT
public:
    // `upstreamPath` is the Anthropic API path to call, e.g. "/v1/messages"; `timeouts` are the attempt's
    // (FallbackSequence::timeoutsFor).
    AnthropicPassThroughAttempt(UpstreamClient *client, RouteTarget target, const IncomingRequest &request,
        QString upstreamPath, const UpstreamTimeouts &timeouts, QObject *parent = nullptr);
    // The model the client asked for (compared with the target's to decide whether the body must change) and
    // the parsed body (may be empty: it saves a parse when the body must change).
    void setClientRequest(const QString &clientModel, const QJsonObject &parsedBody)
    {
        m_clientModel = clientModel;
        m_parsedBody = parsedBody;
    }

    // Whether the body carries thinking that Switchyard signed itself (it came from an OpenAI-format model).
    static bool containsSyntheticSignature(QByteArrayView body);
    // The body to send: the client's bytes, or a copy with the model replaced / synthetic thinking removed.
    static QByteArray upstreamBody(const QByteArray &clientBody, const QJsonObject &parsedBody,
        const QString &clientModel, const QString &targetModel);
    ~AnthropicPassThroughAttempt() override;

    void start() override;

    // The request that start() sends (exposed for tests and for the record).
    UpstreamRequest buildRequest() const;
    static HttpHeaderList forwardedRequestHeaders(const HttpHeaderList &clientHeaders);
    static HttpHeaderList relayedResponseHeaders(const HttpHeaderList &upstreamHeaders);

private:
    void onResponseStarted(int status, const HttpHeaderList &headers) override;
    void onBodyData(const QByteArray &data) override;
    void onFinished() override;
    void onFailed(const UpstreamError &error) override;
    // Emits the events parsed into m_events; false when this attempt ended (or was deleted) meanwhile.
    bool relayParsedEvents();
    void failWithErrorEvent(const SseEvent &event);
    void fail(const AttemptFailure &failure);

    UpstreamClient *m_client;
    RouteTarget m_target;
    const IncomingRequest &m_request;
    QString m_upstreamPath;
    QString m_clientModel;
    QJsonObject m_parsedBody;
    UpstreamTimeouts m_timeouts;
    QList<QByteArray> m_held; // message_start / ping before the first content event
    bool m_committed = false;

    bool m_success = false;
    bool m_stream = false;
    HttpHeaderList m_responseHeaders;
    QByteArray m_body; // non-streamed body or error body
    SseParser m_sse;
    std::vector<SseEvent> m_events;
    int m_eventsRelayed = 0;
    bool m_sawMessageStop = false;
    bool m_sawErrorEvent = false;
};
