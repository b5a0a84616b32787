#pragma once

#include "convert/OpenAIStreamTranslator.h"
#include "convert/ResponseContext.h"
#include "protocol/SseParser.h"
#include "proxy/UpstreamAttempt.h"
#include "routing/RoutePlan.h"

#include <QJsonObject>
#include <memory>

class UpstreamClient;

// An attempt on an OpenAI-format platform (DashScope, OpenRouter, SiliconFlow, Ollama, LM Studio, any
// OpenAI-compatible service): the Anthropic request is converted (core/convert), sent to
// {base_url}/chat/completions, and the answer converted back — a stream chunk by chunk through the
// OpenAIStreamTranslator, so the client receives Anthropic events as the model produces them.
class OpenAIChatAttempt : public UpstreamAttempt
{
    Q_OBJECT
public:
    OpenAIChatAttempt(UpstreamClient *client, RouteTarget target, QJsonObject anthropicRequest, qint64 requestBytes,
        bool stream, UpstreamTimeouts timeouts, QObject *parent = nullptr);
    ~OpenAIChatAttempt() override;

    void start() override;

    // The request start() sends (for tests and records); empty url when the conversion failed.
    UpstreamRequest buildRequest(QString *conversionError = nullptr);

private:
    void onResponseStarted(int status, const HttpHeaderList &headers) override;
    void onBodyData(const QByteArray &data) override;
    void onFinished() override;
    void onFailed(const UpstreamError &error) override;
    // Emits each Anthropic event in `bytes`; false when this attempt ended meanwhile.
    bool emitEvents(const QByteArray &bytes);
    // Output from the translator: before any content it is held back (a failure may still fall back).
    bool deliver(const QByteArray &bytes);
    void fail(AttemptFailure failure);
    TokenUsage usageFrom(const AnthropicUsage &usage) const;

    UpstreamClient *m_client;
    RouteTarget m_target;
    QJsonObject m_request;
    qint64 m_requestBytes;
    bool m_stream;
    UpstreamTimeouts m_timeouts;
    ResponseContext m_context;

    bool m_success = false;
    bool m_upstreamStreams = false;
    HttpHeaderList m_responseHeaders;
    QByteArray m_body;
    SseParser m_sse;
    std::vector<SseEvent> m_events;
    std::unique_ptr<OpenAIStreamTranslator> m_translator;
    int m_eventsEmitted = 0;
};
