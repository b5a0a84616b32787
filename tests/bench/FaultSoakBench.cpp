// bench_fault_soak: thousands of requests through Switchyard's real runtime (proxy and store threads, SQLite
// records) over a mix of healthy and failing fake platforms, at a steady concurrency, streaming and not.
//
//   bench_fault_soak [--requests 3000] [--concurrency 24] [--seed 1] [--fault-percent 30]
//                    [--deadline-s 30]
//
// Routes (global_direct with tiers; every chain ends with healthy models, and max_attempts leaves room for
// every retry before them):
//   sonnet: flaky-a (Anthropic format) -> flaky-o (OpenAI format) -> healthy (Anthropic) -> healthy-o (OpenAI)
//   opus:   refused (nothing listens)  -> flaky-o                  -> healthy              -> healthy-o
// The flaky platforms fail 30 % (--fault-percent) of their requests at random: HTTP 500, 429 (Retry-After 1), 402, a
// hang past the first-byte timeout, a stream closed before any content, a stream closed after some content. The
// configuration is changed every 100 answers (the flaky platforms' health starts afresh, as after an edit).
//
// Prints: requests that failed although a healthy model was available (target 0; a stream cut after its
// content began is the one failure that cannot be hidden and is counted apart), requests that hung past the
// driver's deadline (target 0), the latency a fallback adds (answered by the 2nd model after one failure,
// minus answered by the 1st model), and whether every request has its record. Exit status 0 when the targets
// are met, 1 when not, 2 when the run could not be made.
#include "FakeUpstreamThread.h"
#include "HttpTestClient.h"
#include "ProxyHarness.h"
#include "config/ConfigService.h"
#include "convert/AnthropicStreamValidator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutex>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>
#include <memory>
#include <vector>

namespace {

quint64 mix(quint64 x) // splitmix64: reproducible faults from (seed, platform, request number)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

enum class Fault
{
    None,
    ServerError,
    RateLimited,
    NoCredit,
    Hang,
    ClosedBeforeContent,
    ClosedAfterContent,
    Count
};

const char *const kFaultNames[]
    = {"none", "HTTP 500", "HTTP 429", "HTTP 402", "hang", "closed before content", "closed after content"};

// `faultPercent` of the answers fail; the failures are spread: 500 20 %, 429 12 %, 402 5 %, hang 18 %,
// closed before content 20 %, closed after content 25 %.
Fault pickFault(quint64 random, int faultPercent)
{
    if (int(random % 100) >= faultPercent)
        return Fault::None;
    const int roll = int((random >> 20) % 100);
    if (roll < 20)
        return Fault::ServerError;
    if (roll < 32)
        return Fault::RateLimited;
    if (roll < 37)
        return Fault::NoCredit;
    if (roll < 55)
        return Fault::Hang;
    if (roll < 75)
        return Fault::ClosedBeforeContent;
    return Fault::ClosedAfterContent;
}

bool isOpenAI(const ReceivedRequest &request)
{
    return request.pathWithoutQuery().endsWith("/chat/completions");
}

bool wantsStream(const ReceivedRequest &request)
{
    return QJsonDocument::fromJson(request.body).object().value(QStringLiteral("stream")).toBool();
}

// A model's answer: the first token after kFirstTokenMs, then five deltas kDeltaMs apart (a JSON answer comes
// whole after about the same time).
constexpr int kFirstTokenMs = 30;
constexpr int kDeltaMs = 5;

FakeResponse normalAnswer(const ReceivedRequest &request, const QString &text)
{
    const bool stream = wantsStream(request);
    FakeResponse response;
    if (isOpenAI(request))
        response = stream ? FakeResponse::openAIStream(FakeResponse::openAITextChunks(text, 5), kDeltaMs)
                          : FakeResponse::openAIChat(text);
    else
        response = stream ? FakeResponse::anthropicStream(FakeResponse::anthropicTextEvents(text, 5), kDeltaMs)
                          : FakeResponse::anthropicMessage(text);
    return response.withDelayBeforeHeaders(stream ? kFirstTokenMs : kFirstTokenMs + 5 * kDeltaMs);
}

QByteArray chunk(const QByteArray &delta)
{
    return R"(data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":)"
        + delta + R"(,"finish_reason":null}]})" + "\n\n";
}

FakeResponse faultAnswer(Fault fault, const ReceivedRequest &request)
{
    const bool openAI = isOpenAI(request);
    const bool stream = wantsStream(request);
    switch (fault) {
    case Fault::None:
    case Fault::Count:
        break;
    case Fault::ServerError:
        return openAI
            ? FakeResponse::openAIError(500, QStringLiteral("internal error"), QStringLiteral("server_error"))
            : FakeResponse::anthropicError(500, QStringLiteral("api_error"), QStringLiteral("internal error"));
    case Fault::RateLimited:
        return (openAI
                ? FakeResponse::openAIError(429, QStringLiteral("slow down"), QStringLiteral("rate_limit_exceeded"))
                : FakeResponse::anthropicError(429, QStringLiteral("rate_limit_error"), QStringLiteral("slow down")))
            .withHeader("retry-after", "1");
    case Fault::NoCredit:
        return openAI ? FakeResponse::json(
                   402, QByteArray(R"({"error":{"message":"Insufficient Balance","type":"unknown_error"}})"))
                      : FakeResponse::anthropicError(
                          402, QStringLiteral("billing_error"), QStringLiteral("credit balance is too low"));
    case Fault::Hang:
        return FakeResponse::hang();
    case Fault::ClosedBeforeContent:
    case Fault::ClosedAfterContent: {
        const bool after = fault == Fault::ClosedAfterContent;
        if (!stream) {
            const QByteArray whole = openAI ? FakeResponse::openAIChat(QStringLiteral("cut short")).body
                                            : FakeResponse::anthropicMessage(QStringLiteral("cut short")).body;
            return FakeResponse::truncatedBody(200, whole, whole.size() / 2);
        }
        QList<FakeResponse::Piece> pieces;
        if (openAI) {
            pieces.append({chunk(R"({"role":"assistant","content":""})"), 0});
            if (after)
                pieces.append({chunk(R"({"content":"the beginning of "})"), 5});
        } else {
            const QList<QByteArray> events
                = FakeResponse::anthropicTextEvents(QStringLiteral("the beginning of an answer"), 3);
            pieces.append({events.at(0), 0});
            if (after) {
                pieces.append({events.at(1), 5});
                pieces.append({events.at(2), 5});
            }
        }
        return FakeResponse::sse(pieces).withFault(FakeResponse::Fault::CloseMidStream);
    }
    }
    return FakeResponse::closeWithoutResponse();
}

struct FaultCounts
{
    std::atomic<int> counts[int(Fault::Count)] = {};
};

struct Result
{
    QByteArray requestId;
    bool stream = false;
    int status = 0;
    bool answered = false; // a complete answer (stream: message_stop; JSON: a message)
    bool cutAfterContent = false; // a stream that began and then ended with an error event
    bool hung = false;
    qint64 latencyUs = 0;
    QString problem;
};

QByteArray requestBody(const QString &model, bool stream, int index)
{
    const QJsonObject body {{QStringLiteral("model"), model}, {QStringLiteral("max_tokens"), 2048},
        {QStringLiteral("stream"), stream},
        {QStringLiteral("messages"),
            QJsonArray {QJsonObject {{QStringLiteral("role"), QStringLiteral("user")},
                {QStringLiteral("content"), QStringLiteral("Request number %1: say something.").arg(index)}}}}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

Result runOne(HttpTestClient &client, int index, quint64 seed, int deadlineMs)
{
    const quint64 random = mix(seed * 7919 + quint64(index));
    Result result;
    result.stream = (random >> 8) % 2 == 0;
    const QString model
        = (random >> 16) % 3 == 0 ? QStringLiteral("claude-opus-4-1") : QStringLiteral("claude-sonnet-4-5");
    const qint64 startUs = FakeUpstream::nowUs();
    const TestHttpResponse response = client.post(
        "/v1/messages", requestBody(model, result.stream, index), {{"anthropic-version", "2023-06-01"}}, deadlineMs);
    result.latencyUs = FakeUpstream::nowUs() - startUs;
    result.requestId = response.header("x-switchyard-request-id");
    result.status = response.status;
    if (!response.complete) {
        result.hung = response.error.startsWith(QLatin1String("timed out"));
        result.problem = QStringLiteral("incomplete response: ") + response.error;
        client.abort();
        return result;
    }
    if (response.status != 200) {
        result.problem
            = QStringLiteral("HTTP %1: %2").arg(response.status).arg(QString::fromUtf8(response.body.left(200)));
        return result;
    }
    if (!result.stream) {
        const QJsonArray content = response.json().value(QStringLiteral("content")).toArray();
        result.answered = !content.isEmpty();
        if (!result.answered)
            result.problem = QStringLiteral("empty answer: ") + QString::fromUtf8(response.body.left(200));
        return result;
    }
    AnthropicStreamValidator validator;
    bool sawContent = false;
    for (const TestHttpResponse::TimedEvent &timed : response.events) {
        sawContent = sawContent || timed.event.name == "content_block_start";
        validator.feedEvent(timed.event.name, timed.event.data);
    }
    validator.finish();
    if (!validator.isValid()) {
        result.problem = QStringLiteral("invalid stream: ") + validator.errors().join(QStringLiteral("; "));
        return result;
    }
    if (validator.endedWithError()) {
        result.cutAfterContent = sawContent;
        if (!sawContent)
            result.problem = QStringLiteral("stream ended with an error before any content");
        return result;
    }
    result.answered = true;
    return result;
}

struct Percentiles
{
    qsizetype count = 0;
    double p50Ms = 0;
    double p99Ms = 0;
};

Percentiles percentiles(std::vector<qint64> microseconds)
{
    Percentiles p;
    p.count = qsizetype(microseconds.size());
    if (microseconds.empty())
        return p;
    std::sort(microseconds.begin(), microseconds.end());
    const size_t n = microseconds.size();
    p.p50Ms = double(microseconds[n / 2]) / 1000.0;
    p.p99Ms = double(microseconds[std::min(n - 1, n * 99 / 100)]) / 1000.0;
    return p;
}

QJsonObject platform(const QString &id, const QString &type, const QString &baseUrl)
{
    return QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("type"), type},
        {QStringLiteral("base_url"), baseUrl}, {QStringLiteral("api_key"), QStringLiteral("sk-soak-0123456789")},
        {QStringLiteral("timeouts"),
            QJsonObject {{QStringLiteral("connect_ms"), 2000}, {QStringLiteral("first_byte_ms"), 1000}}}};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Fault-injection soak of Switchyard's fallback"));
    parser.addHelpOption();
    const QCommandLineOption requestsOption(
        QStringLiteral("requests"), QStringLiteral("Requests to send."), QStringLiteral("n"), QStringLiteral("3000"));
    const QCommandLineOption concurrencyOption(
        QStringLiteral("concurrency"), QStringLiteral("Requests at once."), QStringLiteral("n"), QStringLiteral("24"));
    const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Seed of the injected faults."),
        QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption faultOption(QStringLiteral("fault-percent"),
        QStringLiteral("Share of the flaky platforms' answers that fail."), QStringLiteral("n"), QStringLiteral("30"));
    const QCommandLineOption deadlineOption(QStringLiteral("deadline-s"),
        QStringLiteral("Longest wait for one answer."), QStringLiteral("s"), QStringLiteral("30"));
    parser.addOptions({requestsOption, concurrencyOption, seedOption, faultOption, deadlineOption});
    parser.process(app);
    const int total = std::max(1, parser.value(requestsOption).toInt());
    const int concurrency = std::clamp(parser.value(concurrencyOption).toInt(), 1, 256);
    const quint64 seed = parser.value(seedOption).toULongLong();
    const int deadlineMs = std::max(1, parser.value(deadlineOption).toInt()) * 1000;
    const int faultPercent = std::clamp(parser.value(faultOption).toInt(), 0, 100);
    QLoggingCategory::setFilterRules(QStringLiteral("switchyard.*.info=false\nswitchyard.*.warning=false"));

    // --- the platforms ---
    struct Flaky
    {
        QString id;
        QString type;
        std::unique_ptr<FakeUpstreamThread> fake;
        std::shared_ptr<FaultCounts> faults = std::make_shared<FaultCounts>();
    };
    std::vector<Flaky> flaky;
    flaky.push_back({QStringLiteral("flaky-a"), QStringLiteral("anthropic"), std::make_unique<FakeUpstreamThread>()});
    flaky.push_back({QStringLiteral("flaky-o"), QStringLiteral("openai"), std::make_unique<FakeUpstreamThread>()});
    FakeUpstreamThread healthy;
    FakeUpstreamThread healthyOpenAI;
    QJsonArray platforms;
    for (size_t i = 0; i < flaky.size(); ++i) {
        Flaky &f = flaky[i];
        FakeUpstream &fake = f.fake->upstream();
        fake.setRecordRequests(false);
        auto counter = std::make_shared<std::atomic<quint64>>(0);
        const quint64 platformSeed = mix(seed + 1000 * (i + 1));
        fake.setHandler(
            [faults = f.faults, counter, platformSeed, faultPercent, id = f.id](const ReceivedRequest &request) {
                const Fault fault = pickFault(mix(platformSeed ^ (*counter)++), faultPercent);
                faults->counts[int(fault)]++;
                if (fault == Fault::None)
                    return normalAnswer(request, QStringLiteral("from %1").arg(id));
                return faultAnswer(fault, request);
            });
        platforms.append(platform(f.id, f.type,
            fake.baseUrl().toString() + (f.type == QLatin1String("anthropic") ? QString() : QStringLiteral("/v1"))));
    }
    for (FakeUpstreamThread *fake : {&healthy, &healthyOpenAI}) {
        (*fake)->setRecordRequests(false);
        const QString id = fake == &healthy ? QStringLiteral("healthy") : QStringLiteral("healthy-o");
        (*fake)->setHandler(
            [id](const ReceivedRequest &request) { return normalAnswer(request, QStringLiteral("from %1").arg(id)); });
    }
    platforms.append(platform(QStringLiteral("healthy"), QStringLiteral("anthropic"), healthy->baseUrl().toString()));
    platforms.append(platform(QStringLiteral("healthy-o"), QStringLiteral("openai"),
        healthyOpenAI->baseUrl().toString() + QStringLiteral("/v1")));
    platforms.append(platform(QStringLiteral("refused"), QStringLiteral("openai"),
        QStringLiteral("http://127.0.0.1:%1/v1").arg(FakeUpstream::unusedPort())));

    ProxyHarness harness;
    QJsonObject &config = harness.config();
    config.insert(QStringLiteral("config_type"), QStringLiteral("global_direct"));
    config.insert(QStringLiteral("platforms"), platforms);
    config.insert(QStringLiteral("model_priority_list"), QJsonArray {QStringLiteral("healthy-o:default")});
    config.insert(QStringLiteral("tiers"),
        QJsonObject {
            {QStringLiteral("sonnet"),
                QJsonArray {QStringLiteral("flaky-a:s"), QStringLiteral("flaky-o:s"), QStringLiteral("healthy:s")}},
            {QStringLiteral("opus"),
                QJsonArray {QStringLiteral("refused:o"), QStringLiteral("flaky-o:o"), QStringLiteral("healthy:o")}}});
    config.insert(QStringLiteral("fallback"),
        QJsonObject {{QStringLiteral("max_attempts"), 8}, {QStringLiteral("retry_same_model"), 1},
            {QStringLiteral("backoff_ms"), 50}, {QStringLiteral("first_byte_timeout_ms"), 300},
            {QStringLiteral("breaker"),
                QJsonObject {{QStringLiteral("window"), 20}, {QStringLiteral("min_requests"), 5},
                    {QStringLiteral("error_ratio"), 0.5}, {QStringLiteral("cooldown_s"), 1}}}});
    config.insert(QStringLiteral("limits"), QJsonObject {{QStringLiteral("max_connections"), 1024}});
    QString error;
    if (!harness.start(&error)) {
        std::fprintf(stderr, "bench_fault_soak: the runtime did not start: %s\n", qPrintable(error));
        return 2;
    }
    const quint16 port = harness.port();

    // --- the load ---
    std::vector<Result> results(static_cast<size_t>(total));
    std::atomic<int> next {0};
    std::atomic<int> done {0};
    std::vector<QThread *> workers;
    QElapsedTimer wall;
    wall.start();
    for (int w = 0; w < concurrency; ++w) {
        workers.push_back(QThread::create([&, w] {
            Q_UNUSED(w);
            HttpTestClient client(port);
            for (int index = next++; index < total; index = next++) {
                results[size_t(index)] = runOne(client, index, seed, deadlineMs);
                ++done;
            }
        }));
        workers.back()->start();
    }
    // Meanwhile, every 100 answers, an edit of the flaky platforms resets their health.
    int configChanges = 0;
    int nextChangeAt = 100;
    for (;;) {
        bool running = false;
        for (QThread *worker : workers)
            running = running || !worker->isFinished();
        if (!running)
            break;
        if (done.load() >= nextChangeAt) {
            nextChangeAt += 100;
            ConfigService *service = harness.runtime().configService();
            Config changed = service->current();
            for (PlatformConfig &p : changed.platforms) {
                if (p.id.startsWith(QLatin1String("flaky")))
                    p.name = QStringLiteral("%1 (edit %2)").arg(p.id).arg(configChanges + 1);
            }
            QString applyError;
            if (service->apply(changed, &applyError))
                ++configChanges;
            else
                std::fprintf(stderr, "configuration change refused: %s\n", qPrintable(applyError));
        }
        QThread::msleep(20);
    }
    for (QThread *worker : workers) {
        worker->wait();
        delete worker;
    }
    const double seconds = double(wall.nsecsElapsed()) / 1e9;

    // --- the records ---
    const QList<StoredRecord> records = harness.records(total);
    QHash<QByteArray, const StoredRecord *> recordById;
    for (const StoredRecord &stored : records)
        recordById.insert(stored.record.requestId.toLatin1(), &stored);

    int answered = 0;
    int cutAfterContent = 0;
    int failedWithHealthy = 0;
    int hung = 0;
    int missingRecords = 0;
    int passedOverRequests = 0;
    // Latencies by answer kind (0 JSON, 1 stream): the two take different times to answer.
    std::vector<qint64> firstModel[2];
    std::vector<qint64> secondModel[2];
    std::vector<qint64> secondModelPassedOver[2]; // the 1st model rested: skipped without an attempt
    std::map<QString, std::vector<qint64>> secondModelByFailure[2];
    std::map<QString, int> attemptResults;
    QStringList examples;
    for (const Result &r : results) {
        if (r.answered)
            ++answered;
        else if (r.cutAfterContent)
            ++cutAfterContent;
        else if (r.hung)
            ++hung;
        else
            ++failedWithHealthy;
        if (!r.answered && !r.cutAfterContent && examples.size() < 8)
            examples.append(QString::fromLatin1(r.requestId) + QStringLiteral(" ") + r.problem);
        const StoredRecord *stored = recordById.value(r.requestId);
        if (!stored) {
            ++missingRecords;
            continue;
        }
        const QJsonObject route = QJsonDocument::fromJson(stored->record.routeJson.toUtf8()).object();
        const QJsonArray attempts = route.value(QStringLiteral("attempts")).toArray();
        for (const QJsonValue &attempt : attempts)
            attemptResults[attempt.toObject().value(QStringLiteral("result")).toString()]++;
        if (!route.value(QStringLiteral("passed_over")).toArray().isEmpty())
            ++passedOverRequests;
        const bool passedOver = !route.value(QStringLiteral("passed_over")).toArray().isEmpty();
        if (!r.answered || attempts.isEmpty())
            continue;
        // Position of the answering model in the plan.
        const QJsonObject last = attempts.last().toObject();
        const QJsonArray targets = route.value(QStringLiteral("targets")).toArray();
        int position = -1;
        for (qsizetype i = 0; i < targets.size(); ++i) {
            const QJsonObject target = targets.at(i).toObject();
            if (target.value(QStringLiteral("platform")) == last.value(QStringLiteral("platform"))
                && target.value(QStringLiteral("model")) == last.value(QStringLiteral("model")))
                position = int(i);
        }
        if (passedOver) {
            if (position == 1 && attempts.size() == 1)
                secondModelPassedOver[r.stream].push_back(r.latencyUs);
            continue;
        }
        if (position == 0 && attempts.size() == 1)
            firstModel[r.stream].push_back(r.latencyUs);
        if (position == 1 && attempts.size() == 2) {
            secondModel[r.stream].push_back(r.latencyUs);
            secondModelByFailure[r.stream][attempts.first().toObject().value(QStringLiteral("result")).toString()]
                .push_back(r.latencyUs);
        }
    }
    const int extraRecords = int(records.size()) - (total - missingRecords);

    // --- the report ---
    std::printf(
        "Fault soak: %d requests (about half streaming), %d at once, seed %llu, %d %% of the flaky platforms' answers"
        " fail, deadline %d s per request\n",
        total, concurrency, static_cast<unsigned long long>(seed), faultPercent, deadlineMs / 1000);
    std::printf("  a model answers after %d ms (streams: then 5 deltas %d ms apart)\n", kFirstTokenMs, kDeltaMs);
    std::printf("  routes: sonnet = flaky-a (anthropic) -> flaky-o (openai) -> healthy -> healthy-o;"
                " opus = refused -> flaky-o -> healthy -> healthy-o\n");
    std::printf("  fallback: max_attempts 8, retry_same_model 1, backoff 50 ms, first_byte_timeout 300 ms;"
                " breaker 5 of 20 at 50 %%, cooldown 1 s\n");
    for (const Flaky &f : flaky) {
        std::printf("  %s answered %d requests:", qPrintable(f.id), [&] {
            int sum = 0;
            for (const auto &count : f.faults->counts)
                sum += count.load();
            return sum;
        }());
        for (int k = 0; k < int(Fault::Count); ++k)
            std::printf(" %s %d%s", kFaultNames[k], f.faults->counts[k].load(), k + 1 < int(Fault::Count) ? "," : "\n");
    }
    std::printf("  upstream attempts by result:");
    for (const auto &[result, count] : attemptResults)
        std::printf(" %s %d", qPrintable(result), count);
    std::printf("\n  requests that passed over a resting model: %d; configuration changes during the run: %d\n",
        passedOverRequests, configChanges);
    std::printf("  wall time %.1f s, %.0f requests/s\n\n", seconds, double(total) / seconds);

    const bool failedOk = failedWithHealthy == 0;
    const bool hungOk = hung == 0;
    const bool recordsOk = missingRecords == 0 && extraRecords == 0;
    std::printf("answered: %d of %d; streams cut by a fault after their content began (cannot fall back): %d\n",
        answered, total, cutAfterContent);
    std::printf("%s: failed although a healthy model was available: %d (target 0)\n", failedOk ? "PASS" : "FAIL",
        failedWithHealthy);
    for (const QString &example : std::as_const(examples))
        std::printf("    e.g. %s\n", qPrintable(example));
    std::printf("%s: hung past the deadline: %d (target 0)\n", hungOk ? "PASS" : "FAIL", hung);
    std::printf("latency from request to the end of the answer, by answer kind (p50 / p99 in ms, requests):\n");
    for (int kind : {1, 0}) {
        const char *name = kind ? "streams" : "JSON";
        const Percentiles first = percentiles(firstModel[kind]);
        const Percentiles second = percentiles(secondModel[kind]);
        const Percentiles skipped = percentiles(secondModelPassedOver[kind]);
        std::printf(
            "  %s: answered by the 1st model %.1f / %.1f (%lld); by the 2nd after one failure %.1f / %.1f (%lld);"
            " by the 2nd with the 1st resting, no attempt %.1f / %.1f (%lld)\n",
            name, first.p50Ms, first.p99Ms, static_cast<long long>(first.count), second.p50Ms, second.p99Ms,
            static_cast<long long>(second.count), skipped.p50Ms, skipped.p99Ms, static_cast<long long>(skipped.count));
        std::printf("  %s: added by a fallback p50 %+.1f ms, p99 %+.1f ms; by the 1st model's failure:", name,
            second.p50Ms - first.p50Ms, second.p99Ms - first.p99Ms);
        for (const auto &[failure, latencies] : secondModelByFailure[kind]) {
            const Percentiles p = percentiles(latencies);
            std::printf(" %s %+.1f / %+.1f (%lld);", qPrintable(failure), p.p50Ms - first.p50Ms, p.p99Ms - first.p99Ms,
                static_cast<long long>(p.count));
        }
        std::printf("\n");
    }
    std::printf("  (the 1st model is flaky-a, Anthropic format; the 2nd is flaky-o, OpenAI format, converted)\n");
    std::printf("%s: every request has its record: %lld records for %d requests (missing %d, extra %d)\n",
        recordsOk ? "PASS" : "FAIL", static_cast<long long>(records.size()), total, missingRecords, extraRecords);
    harness.stop();
    return failedOk && hungOk && recordsOk ? 0 : 1;
}
