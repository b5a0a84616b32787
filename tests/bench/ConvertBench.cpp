// bench_convert: what the Anthropic <-> OpenAI conversion costs on Claude Code traffic.
//   - the ~50 KB Claude Code main-loop request: parse + convert + serialize (the whole converted path of a
//     request), p50/p90/p99 per request and MB/s, with the share of each step;
//   - the token estimate (count_tokens) of that request;
//   - a long streamed answer (5000 upstream chunks: reasoning, text, a tool call with split arguments) through
//     OpenAIStreamTranslator: MB/s of upstream bytes and microseconds per chunk;
//   - the non-streamed response conversion.
// Usage: bench_convert [ITERATIONS]   (prints figures; not a test)
#include "TestSupport.h"

#include "convert/AnthropicToOpenAIRequest.h"
#include "convert/OpenAIStreamTranslator.h"
#include "convert/OpenAIToAnthropicResponse.h"
#include "convert/TokenEstimator.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>
#include <algorithm>
#include <ctime>
#include <vector>

namespace {

struct Stats
{
    double p50 = 0;
    double p90 = 0;
    double p99 = 0;
    double mean = 0;
};

Stats stats(std::vector<double> microseconds)
{
    std::sort(microseconds.begin(), microseconds.end());
    Stats s;
    const size_t n = microseconds.size();
    s.p50 = microseconds[n / 2];
    s.p90 = microseconds[std::min(n - 1, n * 9 / 10)];
    s.p99 = microseconds[std::min(n - 1, n * 99 / 100)];
    double sum = 0;
    for (double v : microseconds)
        sum += v;
    s.mean = sum / double(n);
    return s;
}

// CPU time of this thread: the machine is shared, so wall time includes waiting for a core.
qint64 threadCpuNs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

QByteArray longStream(int chunks)
{
    QByteArray sse;
    auto chunk = [&](const QByteArray &delta, const char *finish = nullptr) {
        sse += "data: "
               "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1764160000,\"model\":"
               "\"qwen3-coder-plus\","
               "\"choices\":[{\"index\":0,\"delta\":";
        sse += delta;
        sse += ",\"finish_reason\":";
        sse += finish ? QByteArray("\"") + finish + "\"" : QByteArray("null");
        sse += "}]}\n\n";
    };
    chunk(R"({"role":"assistant","content":""})");
    const int reasoning = chunks / 5;
    const int text = chunks * 3 / 5;
    const int tool = chunks - reasoning - text - 3;
    for (int i = 0; i < reasoning; ++i)
        chunk(R"({"reasoning_content":"The exporter stops at the first of December, "})");
    for (int i = 0; i < text; ++i)
        chunk(R"({"content":"so the invoices after it are never written. "})");
    chunk(
        R"({"tool_calls":[{"index":0,"id":"call_bench","type":"function","function":{"name":"Edit","arguments":""}}]})");
    chunk(
        R"({"tool_calls":[{"index":0,"function":{"arguments":"{\"file_path\":\"/src/YearExporter.cpp\",\"new_string\":\""}}]})");
    for (int i = 0; i < tool; ++i)
        chunk(R"({"tool_calls":[{"index":0,"function":{"arguments":"    const QDate last(year, 12, 31);\\n"}}]})");
    chunk(R"({"tool_calls":[{"index":0,"function":{"arguments":"\"}"}}]})", "tool_calls");
    sse += "data: "
           "{\"id\":\"chatcmpl-bench\",\"choices\":[],\"usage\":{\"prompt_tokens\":12000,\"completion_tokens\":9000,"
           "\"prompt_tokens_details\":{\"cached_tokens\":11000}}}\n\ndata: [DONE]\n\n";
    return sse;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int iterations = argc > 1 ? qMax(10, QByteArray(argv[1]).toInt()) : 500;
    QTextStream out(stdout);
    out.setRealNumberNotation(QTextStream::FixedNotation);
    out.setRealNumberPrecision(1);

    // 1. The Claude Code main-loop request: parse + convert + serialize.
    const QByteArray body = TestSupport::readFixture(QStringLiteral("convert/claude-code-main-loop.json"));
    const ConversionProfile profile
        = ConversionProfile::forPlatform(QStringLiteral("dashscope"), QStringLiteral("qwen3-coder-plus"));
    std::vector<double> total;
    std::vector<double> parse;
    std::vector<double> convert;
    std::vector<double> serialize;
    std::vector<double> estimate;
    std::vector<double> cpu;
    qsizetype outBytes = 0;
    QElapsedTimer timer;
    for (int i = 0; i < iterations + 20; ++i) {
        timer.start();
        const qint64 cpu0 = threadCpuNs();
        const QJsonObject request = QJsonDocument::fromJson(body).object();
        const qint64 t1 = timer.nsecsElapsed();
        const OpenAIRequestConversion converted = AnthropicToOpenAIRequest::convert(request, profile);
        const qint64 t2 = timer.nsecsElapsed();
        const QByteArray upstreamBody = QJsonDocument(converted.openai).toJson(QJsonDocument::Compact);
        const qint64 t3 = timer.nsecsElapsed();
        const qint64 cpu3 = threadCpuNs();
        const int tokens = TokenEstimator::estimateRequest(request);
        const qint64 t4 = timer.nsecsElapsed();
        if (!converted.ok() || upstreamBody.isEmpty() || tokens <= 0)
            qFatal("conversion failed");
        if (i < 20)
            continue; // warm-up
        outBytes = upstreamBody.size();
        parse.push_back(double(t1) / 1000.0);
        convert.push_back(double(t2 - t1) / 1000.0);
        serialize.push_back(double(t3 - t2) / 1000.0);
        total.push_back(double(t3) / 1000.0);
        cpu.push_back(double(cpu3 - cpu0) / 1000.0);
        estimate.push_back(double(t4 - t3) / 1000.0);
    }
    const Stats all = stats(total);
    out << "request conversion (Claude Code main loop, " << body.size() << " bytes in, " << outBytes << " bytes out, "
        << iterations << " runs)\n";
    out << "  parse + convert + serialize: p50 " << all.p50 << " us, p90 " << all.p90 << " us, p99 " << all.p99
        << " us; " << double(body.size()) / all.mean << " MB/s\n";
    out << "  the same in CPU time of the thread: p50 " << stats(cpu).p50 << " us, p90 " << stats(cpu).p90 << " us\n";
    out << "    parse p50 " << stats(parse).p50 << " us, convert p50 " << stats(convert).p50 << " us, serialize p50 "
        << stats(serialize).p50 << " us\n";
    out << "  token estimate (count_tokens, and message_start usage: computed on first use, not in the request path): "
           "p50 "
        << stats(estimate).p50 << " us\n";

    // 2. A long streamed answer.
    const int chunks = 5000;
    const QByteArray sse = longStream(chunks);
    std::vector<double> streamRuns;
    std::vector<double> streamCpu;
    qsizetype anthropicBytes = 0;
    ResponseContext context;
    context.requestedModel = QStringLiteral("claude-sonnet-4-5-20250929");
    const int streamIterations = qMax(5, iterations / 25);
    for (int i = 0; i < streamIterations + 2; ++i) {
        timer.start();
        const qint64 cpu0 = threadCpuNs();
        OpenAIStreamTranslator translator(context);
        QByteArray produced;
        // Feed it the way the network delivers it: a few KiB at a time, split anywhere.
        for (qsizetype at = 0; at < sse.size(); at += 4096)
            produced
                += translator.feedBytes(QByteArrayView(sse.constData() + at, qMin<qsizetype>(4096, sse.size() - at)));
        produced += translator.finish();
        const qint64 ns = timer.nsecsElapsed();
        const qint64 cpuNs = threadCpuNs() - cpu0;
        if (!translator.isFinished() || translator.endedWithError())
            qFatal("stream translation failed");
        if (i < 2)
            continue;
        anthropicBytes = produced.size();
        streamRuns.push_back(double(ns) / 1000.0);
        streamCpu.push_back(double(cpuNs) / 1000.0);
    }
    const Stats stream = stats(streamRuns);
    out << "stream translation (" << chunks << " upstream chunks, " << sse.size() << " bytes in, " << anthropicBytes
        << " bytes out, " << streamIterations << " runs)\n";
    out << "  whole stream p50 " << stream.p50 / 1000.0 << " ms; " << double(sse.size()) / stream.mean << " MB/s; "
        << stream.p50 / chunks << " us per chunk\n";
    const Stats streamCpuStats = stats(streamCpu);
    out << "  in CPU time: p50 " << streamCpuStats.p50 / 1000.0 << " ms; " << double(sse.size()) / streamCpuStats.mean
        << " MB/s; " << streamCpuStats.p50 / chunks << " us per chunk\n";

    // 3. A non-streamed answer.
    const QByteArray response
        = R"({"id":"chatcmpl-1","object":"chat.completion","model":"qwen3-coder-plus","choices":[{"index":0,"finish_reason":"tool_calls",
        "message":{"role":"assistant","reasoning_content":"The exporter stops at the first of December.","content":"I'll fix the end date.",
        "tool_calls":[{"id":"call_1","type":"function","function":{"name":"Edit","arguments":"{\"file_path\":\"/src/YearExporter.cpp\",\"old_string\":\"12, 1\",\"new_string\":\"12, 31\"}"}}]}}],
        "usage":{"prompt_tokens":12000,"completion_tokens":120,"prompt_tokens_details":{"cached_tokens":11000}}})";
    std::vector<double> responseRuns;
    for (int i = 0; i < iterations; ++i) {
        timer.start();
        const AnthropicResponseConversion converted = OpenAIToAnthropicResponse::convert(response, context);
        const QByteArray json = QJsonDocument(converted.message).toJson(QJsonDocument::Compact);
        responseRuns.push_back(double(timer.nsecsElapsed()) / 1000.0);
        if (!converted.ok() || json.isEmpty())
            qFatal("response conversion failed");
    }
    out << "non-streamed response (" << response.size() << " bytes): p50 " << stats(responseRuns).p50 << " us\n";
    return 0;
}
