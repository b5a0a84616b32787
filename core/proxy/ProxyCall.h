#pragma once

#include "protocol/ApiError.h"
#include "proxy/ApiPaths.h"
#include "proxy/AttemptFailure.h"
#include "proxy/ProxyContext.h"
#include "proxy/SceneClassifier.h"
#include "routing/FallbackSequence.h"
#include "routing/RoutePlan.h"
#include "routing/RouteRequest.h"
#include "routing/TurnTracker.h"
#include "server/IncomingRequest.h"
#include "store/CallRecord.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <memory>
#include <optional>

class ClientResponse;
class QTimer;
class UpstreamAttempt;

// One client request through the proxy, from the moment it was copied out of the server to its record:
//  1. smart routing: classify the human turn (once per turn, SceneClassifier) when the turn tracker says so;
//  2. plan the route (RoutePlanner) — or answer locally (count_tokens estimate, model list) when no
//     Anthropic-compatible platform is in front;
//  3. walk the plan with FallbackSequence: each attempt (AnthropicPassThroughAttempt or OpenAIChatAttempt)
//     either answers, or fails and is classified by the one failure table (UpstreamFailureTable) — retry the
//     same model, fall back to the next, or answer the client — while HealthRegistry learns from every outcome;
//  4. commit point: nothing reaches the client until an attempt's answer has really begun (its first content
//     event, or its whole body); after that a failure ends the stream with a well-formed error event;
//  5. honour back-pressure and client disconnects; hand the finished CallRecord (with every attempt) to the store.
// Deletes itself when done.
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
        QJsonObject body; // the parsed request, when routing or conversion needs it (else empty)
        RouteRequest routeRequest;
        std::optional<TurnTracker::Decision> turn; // smart routing's decision for this request
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

    // The route a request takes under `config`: RoutePlanner with what the attempts can do (tool calls emulated
    // in the prompt for OpenAI-format models without native tool calling; when no model with vision can answer a
    // request with images, the models without, which get a placeholder text instead of each image). Also what
    // /api/routing/explain shows.
    static RoutePlan planRoute(const Config &config, const RouteRequest &request);

Q_SIGNALS:
    void finished(ProxyCall *call);

private:
    struct AttemptRecord
    {
        QString platform;
        QString model;
        QString protocol;
        bool retry = false;
        bool forced = false;
        qint64 startedAtUs = 0;
        qint64 durationUs = 0;
        int status = 0;
        QString result; // "ok", or the failure class
        QString detail;
    };

    void classifyThenRoute();
    void route();
    bool answerLocally();
    void runStep(const FallbackSequence::Step &step);
    void launch(const FallbackSequence::Step &step);
    UpstreamAttempt *createAttempt(const RouteTarget &target, const UpstreamTimeouts &timeouts);
    void onAnswerStarted(int status, const HttpHeaderList &headers, bool stream);
    void onStreamEvent(const QByteArray &event);
    void onAnswerBody(const QByteArray &body);
    void onCompleted(const TokenUsage &usage);
    void onAttemptFailed(const AttemptFailure &failure);
    void onNoContentInTime();
    void onClientDisconnected();
    void cancelWork(const QString &reason);
    void answerWithFailure(const AttemptFailure &failure, const FailureDecision &decision);
    void endStreamAfterFailure(const AttemptFailure &failure, const FailureDecision &decision);
    void closeAttempt(const QString &result, const QString &detail);
    void sendError(const ApiError &error, const HttpHeaderList &extraHeaders = {});
    void sendLocalJson(const QByteArray &json);
    void finish();
    HttpHeaderList withRequestId(HttpHeaderList headers) const;
    QByteArray routeJson() const; // the record's route: the plan, every attempt, the classifier's answer
    CallRecord buildRecord() const;
    const RouteTarget *currentTarget() const;

    ProxyContext m_context;
    std::shared_ptr<const Config> m_config; // the snapshot this call started with
    IncomingRequest m_request;
    std::unique_ptr<ClientResponse> m_response;
    Setup m_setup;
    QDateTime m_startedAt;

    RoutePlan m_plan;
    std::unique_ptr<FallbackSequence> m_sequence;
    FallbackSequence::Step m_step;
    UpstreamAttempt *m_attempt = nullptr;
    QTimer *m_delay = nullptr;
    QTimer *m_contentTimer
        = nullptr; // a stream's head arrived; its content must follow within the step's first-byte timeout
    QList<AttemptRecord> m_attempts;
    SceneClassifier *m_classifier = nullptr;
    std::optional<SceneClassification> m_classification;
    QString m_answeredLocally;

    int m_answerStatus = 0;
    HttpHeaderList m_answerHeaders;
    QByteArray m_sentBody; // every body byte the client received
    TokenUsage m_usage;
    ApiError m_error;
    bool m_failed = false;
    bool m_clientCancelled = false;
    bool m_finished = false;
    bool m_paused = false;
};
