// switchyard-fake-upstream: the fake model platform as a process of its own, for benchmarks and manual runs.
// It answers every POST with one prepared response and GET /health with 200; anything else gets 404.

#include "FakeUpstream.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonObject>

#include <cstdio>

namespace {

QString textOfSize(qint64 bytes)
{
    static const QString words = QStringLiteral("the quick brown fox jumps over the lazy dog ");
    QString text;
    text.reserve(bytes);
    while (text.size() < bytes)
        text.append(words);
    text.truncate(bytes);
    return text;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("switchyard-fake-upstream"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A fake model platform on 127.0.0.1: answers every POST with one scripted response."));
    parser.addHelpOption();
    const QCommandLineOption portOption(QStringLiteral("port"), QStringLiteral("Port to listen on (0 = pick one)."),
        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption modeOption(QStringLiteral("mode"),
        QStringLiteral("Response to play: anthropic-json, anthropic-sse, openai-json or openai-sse."),
        QStringLiteral("MODE"), QStringLiteral("anthropic-json"));
    const QCommandLineOption eventsOption(QStringLiteral("events"), QStringLiteral("Text deltas in a streamed answer."),
        QStringLiteral("N"), QStringLiteral("10"));
    const QCommandLineOption delayOption(QStringLiteral("event-delay-ms"),
        QStringLiteral("Delay before each streamed event."), QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption bytesOption(QStringLiteral("response-bytes"),
        QStringLiteral("Length of the answer's text."), QStringLiteral("N"), QStringLiteral("64"));
    parser.addOptions({portOption, modeOption, eventsOption, delayOption, bytesOption});
    parser.process(app);

    auto number = [&](const QCommandLineOption &option, qint64 minimum, qint64 maximum) {
        bool ok = false;
        const qint64 value = parser.value(option).toLongLong(&ok);
        if (!ok || value < minimum || value > maximum) {
            std::fprintf(stderr, "switchyard-fake-upstream: --%s must be a number from %lld to %lld\n",
                qPrintable(option.names().constFirst()), minimum, maximum);
            std::exit(2);
        }
        return value;
    };
    const auto port = quint16(number(portOption, 0, 65535));
    const int events = int(number(eventsOption, 1, 1000000));
    const int delayMs = int(number(delayOption, 0, 3600000));
    const qint64 responseBytes = number(bytesOption, 0, 256 * 1024 * 1024);
    const QString mode = parser.value(modeOption);
    const QString text = textOfSize(responseBytes);

    FakeResponse answer;
    if (mode == QLatin1String("anthropic-json")) {
        answer = FakeResponse::anthropicMessage(text);
    } else if (mode == QLatin1String("anthropic-sse")) {
        answer = FakeResponse::anthropicStream(FakeResponse::anthropicTextEvents(text, events), delayMs);
    } else if (mode == QLatin1String("openai-json")) {
        answer = FakeResponse::openAIChat(text);
    } else if (mode == QLatin1String("openai-sse")) {
        answer = FakeResponse::openAIStream(FakeResponse::openAITextChunks(text, events), delayMs);
    } else {
        std::fprintf(stderr, "switchyard-fake-upstream: unknown --mode %s\n", qPrintable(mode));
        return 2;
    }
    const FakeResponse health = FakeResponse::json(200, QByteArray("{\"status\":\"ok\"}"));
    const FakeResponse notFound
        = FakeResponse::anthropicError(404, QStringLiteral("not_found_error"), QStringLiteral("Not found"));

    FakeUpstream upstream;
    upstream.setRecordRequests(false);
    upstream.setHandler([&](const ReceivedRequest &request) {
        if (request.method == "POST")
            return answer;
        if (request.method == "GET" && request.pathWithoutQuery() == "/health")
            return health;
        return notFound;
    });
    if (!upstream.listen(QHostAddress::LocalHost, port))
        return 1;
    std::printf("listening on 127.0.0.1:%u\n", unsigned(upstream.port()));
    std::fflush(stdout);
    return app.exec();
}
