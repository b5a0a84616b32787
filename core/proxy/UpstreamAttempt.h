#pragma once

#include "proxy/AttemptFailure.h"
#include "store/CallRecord.h"
#include "upstream/UpstreamRequest.h"

#include <QObject>
#include <QPointer>

class UpstreamClient;
class UpstreamExchange;

// One try at getting an answer from one platform, producing the answer in the Anthropic format the client
// speaks. Implementations: AnthropicPassThroughAttempt (bytes relayed as they are) and, for OpenAI-format
// platforms, the converting attempt. Signals, in order:
//   answerStarted -> (streamEvent* | answerBody) -> completed      or      failed (at any point, once)
class UpstreamAttempt : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void start() = 0;
    // Cancels the upstream request; emits nothing afterwards.
    void cancel();
    // Back-pressure from the client side.
    void setPaused(bool paused);

    int upstreamStatus() const { return m_upstreamStatus; }
    qint64 upstreamStartedAtUs() const { return m_upstreamStartedAtUs; }
    qint64 upstreamFinishedAtUs() const { return m_upstreamFinishedAtUs; }
    const QString &upstreamRequestId() const { return m_upstreamRequestId; }

Q_SIGNALS:
    // A successful answer begins. `headers` are the ones worth relaying to the client.
    void answerStarted(int status, const HttpHeaderList &headers, bool stream);
    // One complete Anthropic SSE event (`event: ...\ndata: ...\n\n`).
    void streamEvent(const QByteArray &event);
    // The complete Anthropic JSON body of a non-streamed answer.
    void answerBody(const QByteArray &body);
    // The answer is complete. `usage` may be unknown (the store then reads it from the recorded body).
    void completed(const TokenUsage &usage);
    void failed(const AttemptFailure &failure);

protected:
    // Sends the request (the exchange is this attempt's child) and hands its events to the handlers below.
    void sendUpstream(UpstreamClient *client, UpstreamRequest request);
    virtual void onResponseStarted(int status, const HttpHeaderList &headers) = 0;
    virtual void onBodyData(const QByteArray &data) = 0;
    virtual void onFinished() = 0;
    virtual void onFailed(const UpstreamError &error) = 0;

    QPointer<UpstreamExchange> m_exchange;
    bool m_done = false; // finished, failed or cancelled: nothing more is emitted
    int m_upstreamStatus = 0;
    qint64 m_upstreamStartedAtUs = -1;
    qint64 m_upstreamFinishedAtUs = -1;
    QString m_upstreamRequestId;
};
