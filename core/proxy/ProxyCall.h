#pragma once

#include "protocol/ApiError.h"
#include "proxy/ApiPaths.h"
#include "proxy/AttemptFailure.h"
#include "proxy/ProxyContext.h"
#include "routing/RoutePlan.h"
#include "server/IncomingRequest.h"
#include "store/CallRecord.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <memory>

class ClientResponse;
class UpstreamAttempt;

// One client request through the proxy, from the moment it was copied out of the server to its record:
// it runs the route plan's attempt, relays the answer to the client (events as they come), turns failures
// into Anthropic errors (an HTTP error before the first byte, an `event: error` after), honours back-pressure
// and client disconnects, and hands the finished CallRecord to the store. Deletes itself when done.
class ProxyCall : public QObject
{
    Q_OBJECT
public:
    struct Setup
    {
        ApiPaths::Match path;
        QString requestId;
        QString clientKeyId;
        QString requestedModel;
        bool stream = false;
        RoutePlan plan;
    };

    ProxyCall(const ProxyContext &context, IncomingRequest request, std::unique_ptr<ClientResponse> response,
              Setup setup, QObject *parent = nullptr);
    ~ProxyCall() override;

    void start();
    // Answers with `error` without contacting any platform (validation, authentication, configuration).
    void reject(const ApiError &error, const HttpHeaderList &extraHeaders = {});
    // Ends the call early (shutdown): the upstream request is cancelled and the client told why.
    void abandon(const ApiError &error);

    const QString &requestId() const { return m_setup.requestId; }

Q_SIGNALS:
    void finished(ProxyCall *call);

private:
    void startAttempt(const RouteTarget &target);
    void onAnswerStarted(int status, const HttpHeaderList &headers, bool stream);
    void onStreamEvent(const QByteArray &event);
    void onAnswerBody(const QByteArray &body);
    void onCompleted(const TokenUsage &usage);
    void onAttemptFailed(const AttemptFailure &failure);
    void onClientDisconnected();
    void sendError(const ApiError &error, const HttpHeaderList &extraHeaders = {});
    void finish();
    HttpHeaderList withRequestId(HttpHeaderList headers) const;
    CallRecord buildRecord() const;

    ProxyContext m_context;
    IncomingRequest m_request;
    std::unique_ptr<ClientResponse> m_response;
    Setup m_setup;
    QDateTime m_startedAt;
    UpstreamAttempt *m_attempt = nullptr;
    const RouteTarget *m_target = nullptr;

    int m_answerStatus = 0;
    HttpHeaderList m_answerHeaders;
    QByteArray m_sentBody; // every body byte the client received
    TokenUsage m_usage;
    ApiError m_error;
    bool m_failed = false;
    bool m_clientCancelled = false;
    bool m_finished = false;
    bool m_paused = false;
    QString m_attemptSummary;
};
