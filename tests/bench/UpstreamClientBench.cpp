// bench_upstream_client: posts a Claude-Code-sized JSON body (50 KB by default) to a local raw HTTP/1.1 server,
// sequentially and with N in flight, through UpstreamClient and through QNetworkAccessManager, and prints
// latency percentiles and throughput for both.
//
//   bench_upstream_client [--requests 2000] [--concurrency 32] [--body-kb 50] [--skip-qnam]
//
// The server runs on its own thread (as a real upstream would be another process), the clients on the main
// thread.

#include "upstream/UpstreamClient.h"
#include "upstream/UpstreamExchange.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

namespace {

// Reads requests (head + Content-Length body) and answers each with a small JSON message. Keep-alive.
class RawServer : public QTcpServer
{
public:
    RawServer()
    {
        setListenBacklogSize(1024);
        m_response = "{\"id\":\"msg_bench\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"bench\","
                     "\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\","
                     "\"usage\":{\"input_tokens\":12000,\"output_tokens\":1}}";
        m_response.prepend("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
            + QByteArray::number(m_response.size()) + "\r\n\r\n");
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        socket->setSocketDescriptor(descriptor);
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
            buffer->append(socket->readAll());
            for (;;) {
                const qsizetype headEnd = buffer->indexOf("\r\n\r\n");
                if (headEnd < 0)
                    return;
                qint64 length = 0;
                const QByteArray head = buffer->left(headEnd).toLower();
                const qsizetype at = head.indexOf("\ncontent-length:");
                if (at >= 0) {
                    const qsizetype end = head.indexOf('\r', at + 1);
                    length = head.mid(at + 16, end - at - 16).trimmed().toLongLong();
                }
                if (buffer->size() < headEnd + 4 + length)
                    return;
                buffer->remove(0, headEnd + 4 + length);
                socket->write(m_response);
            }
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }

private:
    QByteArray m_response;
};

struct Figures
{
    QString label;
    std::vector<qint64> latenciesNs;
    qint64 wallNs = 0;
    int failures = 0;
    qint64 connections = -1;
};

void print(const Figures &f)
{
    std::vector<qint64> sorted = f.latenciesNs;
    std::sort(sorted.begin(), sorted.end());
    const auto percentile = [&](double p) -> double {
        if (sorted.empty())
            return 0;
        const size_t index = std::min(sorted.size() - 1, size_t(p * double(sorted.size() - 1) + 0.5));
        return double(sorted[index]) / 1000.0;
    };
    double sum = 0;
    for (const qint64 v : sorted)
        sum += double(v);
    const double mean = sorted.empty() ? 0 : sum / double(sorted.size()) / 1000.0;
    const double rps = f.wallNs > 0 ? double(sorted.size()) * 1e9 / double(f.wallNs) : 0;
    std::printf("%-44s n=%-5zu p50 %9.1f us  p99 %9.1f us  mean %9.1f us  %8.0f req/s  failures %d",
        qPrintable(f.label), sorted.size(), percentile(0.50), percentile(0.99), mean, rps, f.failures);
    if (f.connections >= 0)
        std::printf("  connections %lld", f.connections);
    std::printf("\n");
    std::fflush(stdout);
}

// Runs `total` requests with `concurrency` in flight. `start(done)` issues one request and calls
// done(ok) when it completes.
Figures runLoad(
    const QString &label, int total, int concurrency, const std::function<void(std::function<void(bool)>)> &start)
{
    Figures figures;
    figures.label = label;
    figures.latenciesNs.reserve(size_t(total));
    int issued = 0;
    int completed = 0;
    QElapsedTimer wall;
    QEventLoop loop;
    std::function<void()> issue = [&] {
        if (issued >= total)
            return;
        ++issued;
        QElapsedTimer clock;
        clock.start();
        start([&, clock](bool ok) {
            figures.latenciesNs.push_back(clock.nsecsElapsed());
            if (!ok)
                ++figures.failures;
            if (++completed == total)
                loop.quit();
            else
                QTimer::singleShot(0, &loop, issue); // issue from the event loop, not from inside the slot
        });
    };
    wall.start();
    for (int i = 0; i < concurrency; ++i)
        issue();
    loop.exec();
    figures.wallNs = wall.nsecsElapsed();
    return figures;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption(
        {QStringLiteral("requests"), QStringLiteral("Requests per run."), QStringLiteral("n"), QStringLiteral("2000")});
    parser.addOption({QStringLiteral("concurrency"), QStringLiteral("Requests in flight in the concurrent run."),
        QStringLiteral("n"), QStringLiteral("32")});
    parser.addOption({QStringLiteral("body-kb"), QStringLiteral("Request body size in KiB."), QStringLiteral("kb"),
        QStringLiteral("50")});
    parser.addOption({QStringLiteral("skip-qnam"), QStringLiteral("Do not run the QNetworkAccessManager comparison.")});
    parser.process(app);
    const int total = parser.value(QStringLiteral("requests")).toInt();
    const int concurrency = parser.value(QStringLiteral("concurrency")).toInt();
    const int bodyKb = parser.value(QStringLiteral("body-kb")).toInt();

    QThread serverThread;
    serverThread.start();
    RawServer server;
    server.moveToThread(&serverThread);
    quint16 port = 0;
    QMetaObject::invokeMethod(
        &server,
        [&] {
            server.listen(QHostAddress::LocalHost, 0);
            port = server.serverPort();
        },
        Qt::BlockingQueuedConnection);
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/v1/messages").arg(port));

    QByteArray body
        = "{\"model\":\"claude-sonnet\",\"max_tokens\":32000,\"messages\":[{\"role\":\"user\",\"content\":\"";
    while (body.size() < bodyKb * 1024 - 8)
        body += "Read the file and fix the failing test. ";
    body.truncate(bodyKb * 1024 - 8);
    body += "\"}]}";

    std::printf("bench_upstream_client: POST %lld-byte body to %s, %d requests per run, %d in flight when concurrent\n",
        qint64(body.size()), qPrintable(url.toString()), total, concurrency);

    // --- UpstreamClient
    {
        UpstreamClient client;
        const auto start = [&](std::function<void(bool)> done) {
            UpstreamRequest request;
            request.url = url;
            request.headers
                = {{"content-type", "application/json"}, {"anthropic-version", "2023-06-01"}, {"x-api-key", "bench"}};
            request.body = body;
            UpstreamExchange *exchange = client.send(request);
            QObject::connect(exchange, &UpstreamExchange::finished, exchange, [exchange, done] {
                exchange->deleteLater();
                done(exchange->statusCode() == 200);
            });
            QObject::connect(exchange, &UpstreamExchange::failed, exchange, [exchange, done](const UpstreamError &e) {
                std::fprintf(stderr, "failed: %s\n", qPrintable(e.message));
                exchange->deleteLater();
                done(false);
            });
        };
        runLoad(QStringLiteral("warm-up"), 200, concurrency, start);
        const qint64 before = client.connectionsOpened();
        Figures sequential = runLoad(QStringLiteral("UpstreamClient, sequential"), total, 1, start);
        sequential.connections = client.connectionsOpened() - before;
        print(sequential);
        const qint64 beforeConcurrent = client.connectionsOpened();
        Figures concurrent
            = runLoad(QStringLiteral("UpstreamClient, %1 concurrent").arg(concurrency), total, concurrency, start);
        concurrent.connections = client.connectionsOpened() - beforeConcurrent;
        print(concurrent);
    }

    // --- QNetworkAccessManager, the same requests
    if (!parser.isSet(QStringLiteral("skip-qnam"))) {
        QNetworkAccessManager manager;
        const auto start = [&](std::function<void(bool)> done) {
            QNetworkRequest request(url);
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
            request.setRawHeader("anthropic-version", "2023-06-01");
            request.setRawHeader("x-api-key", "bench");
            QNetworkReply *reply = manager.post(request, body);
            QObject::connect(reply, &QNetworkReply::finished, reply, [reply, done] {
                reply->readAll();
                const bool ok = reply->error() == QNetworkReply::NoError;
                reply->deleteLater();
                done(ok);
            });
        };
        runLoad(QStringLiteral("warm-up"), 50, concurrency, start);
        print(runLoad(QStringLiteral("QNetworkAccessManager, sequential"), total, 1, start));
        print(runLoad(
            QStringLiteral("QNetworkAccessManager, %1 concurrent").arg(concurrency), total, concurrency, start));
    }

    QMetaObject::invokeMethod(
        &server, [&] { server.close(); }, Qt::BlockingQueuedConnection);
    serverThread.quit();
    serverThread.wait();
    return 0;
}
