#pragma once

// Shared by the routing integration tests: Switchyard's real runtime (ProxyHarness) in front of several fake
// platforms, each a FakeUpstream on its own thread, with helpers to script them, to send Claude Code shaped
// requests and to read what the client got and what was recorded.

#include "ClaudeCodeRequests.h"
#include "FakeUpstreamThread.h"
#include "ProxyHarness.h"
#include "config/ConfigService.h"
#include "convert/AnthropicStreamValidator.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <map>
#include <memory>

namespace RoutingRig {

inline const QString kApiKey = QStringLiteral("sk-platform-key-0123456789");

// Whether a fake received an OpenAI Chat Completions request (else an Anthropic Messages one).
inline bool isOpenAIRequest(const ReceivedRequest &request)
{
    return request.pathWithoutQuery().endsWith("/chat/completions");
}

inline QJsonObject bodyOf(const ReceivedRequest &request)
{
    return QJsonDocument::fromJson(request.body).object();
}

// A normal answer to `request` in its own format, streamed when it asked for a stream.
inline FakeResponse answer(const ReceivedRequest &request, const QString &text, int deltas = 3, int delayMs = 0)
{
    const bool stream = bodyOf(request).value(QStringLiteral("stream")).toBool();
    if (isOpenAIRequest(request)) {
        return stream ? FakeResponse::openAIStream(FakeResponse::openAITextChunks(text, deltas), delayMs)
                      : FakeResponse::openAIChat(text);
    }
    return stream ? FakeResponse::anthropicStream(FakeResponse::anthropicTextEvents(text, deltas), delayMs)
                  : FakeResponse::anthropicMessage(text);
}

// "from <platform>/<model>": what each platform answers by default, so the client's text names who answered.
inline QString signature(const QString &platformId, const QString &model)
{
    return QStringLiteral("from %1/%2").arg(platformId, model);
}

// What the client received, read as an Anthropic answer.
struct ClientAnswer
{
    int status = 0;
    bool streamed = false;
    QString text; // every text block / text delta joined
    int messageStarts = 0;
    bool streamValid = false; // the events follow the Anthropic grammar (AnthropicStreamValidator)
    bool endedWithError = false; // an `event: error` ended the stream
    QString errorType; // of the error envelope (HTTP body or error event)
    QStringList problems; // the validator's
};

inline ClientAnswer read(const TestHttpResponse &response)
{
    ClientAnswer result;
    result.status = response.status;
    result.streamed = response.status == 200 && response.header("content-type").startsWith("text/event-stream");
    if (result.streamed) {
        AnthropicStreamValidator validator;
        for (const TestHttpResponse::TimedEvent &timed : response.events) {
            if (timed.event.name == "message_start")
                ++result.messageStarts;
            validator.feedEvent(timed.event.name, timed.event.data);
        }
        validator.finish();
        result.streamValid = validator.isValid() && response.complete;
        result.problems = validator.errors();
        result.endedWithError = validator.endedWithError();
        result.errorType = validator.errorPayload()
                               .value(QStringLiteral("error"))
                               .toObject()
                               .value(QStringLiteral("type"))
                               .toString();
        for (const QJsonValue &block : validator.message().value(QStringLiteral("content")).toArray())
            result.text += block.toObject().value(QStringLiteral("text")).toString();
        return result;
    }
    const QJsonObject body = response.json();
    result.errorType = response.errorType();
    for (const QJsonValue &block : body.value(QStringLiteral("content")).toArray())
        result.text += block.toObject().value(QStringLiteral("text")).toString();
    return result;
}

// One attempt as the record's routeJson lists it.
struct RecordedAttempt
{
    QString platform;
    QString model;
    QString result; // "ok", a failure class id, "cancelled"
    bool retry = false;
    bool forced = false;
    int status = 0;
};

inline QJsonObject routeOf(const StoredRecord &stored)
{
    return QJsonDocument::fromJson(stored.record.routeJson.toUtf8()).object();
}

inline QList<RecordedAttempt> attemptsOf(const StoredRecord &stored)
{
    QList<RecordedAttempt> attempts;
    for (const QJsonValue &value : routeOf(stored).value(QStringLiteral("attempts")).toArray()) {
        const QJsonObject object = value.toObject();
        attempts.append(
            {object.value(QStringLiteral("platform")).toString(), object.value(QStringLiteral("model")).toString(),
                object.value(QStringLiteral("result")).toString(), object.value(QStringLiteral("retry")).toBool(),
                object.value(QStringLiteral("forced")).toBool(), object.value(QStringLiteral("status")).toInt()});
    }
    return attempts;
}

// "alpha:ok, beta:server_error(retry)" for failure messages.
inline QString describe(const QList<RecordedAttempt> &attempts)
{
    QStringList parts;
    for (const RecordedAttempt &attempt : attempts)
        parts.append(attempt.platform + QLatin1Char(':') + attempt.result
            + (attempt.retry ? QStringLiteral("(retry)") : QString()));
    return parts.join(QStringLiteral(", "));
}

// The platform `id` of a configuration being changed (null when there is none).
inline PlatformConfig *platformIn(Config &config, const QString &id)
{
    for (PlatformConfig &platform : config.platforms) {
        if (platform.id == id)
            return &platform;
    }
    return nullptr;
}

inline QByteArray smallRequest(const QString &model, bool stream, const QString &text = QStringLiteral("hello"))
{
    const QJsonObject body {{QStringLiteral("model"), model}, {QStringLiteral("max_tokens"), 4096},
        {QStringLiteral("stream"), stream},
        {QStringLiteral("messages"),
            QJsonArray {
                QJsonObject {{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), text}}}}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

// Waits (bounded) until `condition` holds; returns whether it did.
template<typename Condition>
bool waitFor(Condition condition, int timeoutMs = 5'000)
{
    QElapsedTimer clock;
    clock.start();
    while (!condition()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QThread::msleep(5);
    }
    return true;
}

// The runtime in front of named platforms. Platforms added with addFake() are served by their own fake
// (answering `signature(id, model)` unless scripted otherwise); addPlatformAt() points a platform anywhere
// (a refused port, a host that does not resolve). Edit config() before start().
class Rig
{
public:
    Rig()
    {
        QJsonObject &config = m_harness.config();
        config.insert(QStringLiteral("config_type"), QStringLiteral("global_direct"));
        config.insert(QStringLiteral("platforms"), QJsonArray());
    }

    // An Anthropic-format platform ("anthropic") or an OpenAI-format one ("openai", "dashscope", ...).
    FakeUpstream &addFake(const QString &id, const QString &type, const QJsonObject &extra = {})
    {
        auto thread = std::make_unique<FakeUpstreamThread>();
        FakeUpstream &fake = thread->upstream();
        const QString base
            = fake.baseUrl().toString() + (type == QLatin1String("anthropic") ? QString() : QStringLiteral("/v1"));
        addPlatformAt(id, type, base, extra);
        fake.setHandler([id](const ReceivedRequest &request) {
            return answer(request, signature(id, bodyOf(request).value(QStringLiteral("model")).toString()));
        });
        m_fakes[id] = std::move(thread);
        return fake;
    }

    void addPlatformAt(const QString &id, const QString &type, const QString &baseUrl, const QJsonObject &extra = {})
    {
        QJsonObject platform {{QStringLiteral("id"), id}, {QStringLiteral("type"), type},
            {QStringLiteral("base_url"), baseUrl}, {QStringLiteral("api_key"), kApiKey}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            platform.insert(it.key(), it.value());
        QJsonArray platforms = m_harness.config().value(QStringLiteral("platforms")).toArray();
        platforms.append(platform);
        m_harness.config().insert(QStringLiteral("platforms"), platforms);
    }

    FakeUpstream &fake(const QString &id) { return m_fakes.at(id)->upstream(); }
    QJsonObject &config() { return m_harness.config(); }
    void setFallback(const QJsonObject &fallback) { config().insert(QStringLiteral("fallback"), fallback); }
    void setPriorityList(const QStringList &references)
    {
        config().insert(QStringLiteral("model_priority_list"), QJsonArray::fromStringList(references));
    }

    bool start()
    {
        QString error;
        if (!m_harness.start(&error)) {
            qWarning("runtime did not start: %s", qPrintable(error));
            return false;
        }
        return true;
    }
    ProxyHarness &harness() { return m_harness; }
    HttpTestClient client() const { return m_harness.client(); }
    QList<StoredRecord> records(int atLeast = 0) { return m_harness.records(atLeast); }

    // The newest record (waits until `count` records exist).
    StoredRecord lastRecord(int count)
    {
        const QList<StoredRecord> all = records(count);
        return all.isEmpty() ? StoredRecord() : all.first();
    }

    // /api/routing/health as {"platform" or "platform:model" -> state object}.
    std::map<QString, QJsonObject> health()
    {
        HttpTestClient client = m_harness.client();
        const TestHttpResponse response = client.get("/api/routing/health");
        std::map<QString, QJsonObject> states;
        for (const QJsonValue &value : response.json().value(QStringLiteral("health")).toArray()) {
            const QJsonObject state = value.toObject();
            const QString model = state.value(QStringLiteral("model")).toString();
            const QString platform = state.value(QStringLiteral("platform")).toString();
            states[model.isEmpty() ? platform : platform + QLatin1Char(':') + model] = state;
        }
        return states;
    }
    QString healthStatus(const QString &key)
    {
        const std::map<QString, QJsonObject> states = health();
        const auto it = states.find(key);
        return it == states.end() ? QStringLiteral("healthy") : it->second.value(QStringLiteral("status")).toString();
    }

    // Applies a change to the running configuration (as the windows do).
    bool changeConfig(const std::function<void(Config &)> &change)
    {
        ConfigService *service = m_harness.runtime().configService();
        Config config = service->current();
        change(config);
        QString error;
        if (!service->apply(config, &error)) {
            qWarning("configuration refused: %s", qPrintable(error));
            return false;
        }
        return true;
    }

private:
    // Declared first so that the fakes outlive the runtime's connections to them only as long as needed:
    // members are destroyed in reverse order, the harness (and its proxy) first.
    std::map<QString, std::unique_ptr<FakeUpstreamThread>> m_fakes;
    ProxyHarness m_harness;
};

} // namespace RoutingRig
