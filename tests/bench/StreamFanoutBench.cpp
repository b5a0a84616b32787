// bench_stream_fanout: opens many simultaneous streaming requests through a proxy to one upstream host and
// shows whether they all progress together, or whether some wait for others to finish (as they would behind
// QNetworkAccessManager's six-connections-per-host queue).
//
//   bench_stream_fanout --url http://127.0.0.1:PORT/v1/messages [--streams 200] [--min-streams 200]
//                       [--body-file FILE] [--label NAME] [--timeout-s 60]
//
// Every stream gets its own client connection (raw QTcpSocket, keep-alive, one request each). All connections
// are opened first; once every one is established the requests are written in one burst, so connection setup
// is not part of the figures. For each stream the arrival of its first and its last SSE event is recorded
// (milliseconds after the request was written). "Progressed together" counts the streams whose first event
// arrived before any stream had finished. Exit status: 0 PASS, 1 FAIL, 2 could not run.

#include <QByteArray>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

namespace {

QByteArray defaultBody()
{
    return QByteArray("{\"model\":\"claude-bench-fanout\",\"max_tokens\":1024,\"stream\":true,"
                      "\"system\":[{\"type\":\"text\",\"text\":\"You are the fan-out benchmark's assistant.\"}],"
                      "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                      "\"text\":\"Count slowly from one to twenty.\"}]}]}");
}

// One streaming request on its own connection: an HTTP/1.1 response parser just large enough for a status
// line, headers, a Content-Length or chunked body, and SSE events separated by blank lines.
class FanoutStream : public QObject
{
    Q_OBJECT
public:
    FanoutStream(int index, const QElapsedTimer &clock, QObject *parent)
        : QObject(parent)
        , m_index(index)
        , m_clock(clock)
    {
        connect(&m_socket, &QTcpSocket::connected, this, [this] {
            m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
            m_connected = true;
            Q_EMIT connected();
        });
        connect(&m_socket, &QTcpSocket::readyRead, this, &FanoutStream::onReadyRead);
        connect(&m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
            if (!m_done)
                fail(QStringLiteral("socket error: ") + m_socket.errorString());
        });
        connect(&m_socket, &QTcpSocket::disconnected, this, [this] {
            if (!m_done)
                fail(QStringLiteral("connection closed before the stream ended"));
        });
    }

    void open(const QString &host, quint16 port) { m_socket.connectToHost(host, port); }

    void send(const QByteArray &request)
    {
        m_sentAtUs = m_clock.nsecsElapsed() / 1000;
        m_socket.write(request);
        m_socket.flush();
    }

    bool isConnected() const { return m_connected; }
    bool isDone() const { return m_done; }
    bool succeeded() const { return m_done && m_error.isEmpty(); }
    QString error() const { return m_error; }
    int index() const { return m_index; }
    int events() const { return m_events; }
    qint64 sentAtUs() const { return m_sentAtUs; }
    qint64 firstEventAtUs() const { return m_firstEventAtUs; }
    qint64 lastEventAtUs() const { return m_lastEventAtUs; }

    void fail(const QString &message)
    {
        if (m_done)
            return;
        m_done = true;
        m_error = message;
        m_socket.abort();
        Q_EMIT finished();
    }

Q_SIGNALS:
    void connected();
    void finished();

private:
    void onReadyRead()
    {
        m_buffer += m_socket.readAll();
        if (!m_headParsed && !parseHead())
            return;
        if (m_chunked)
            decodeChunks();
        else
            decodeLengthBody();
    }

    bool parseHead()
    {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const QList<QByteArray> lines = m_buffer.left(end).split('\n');
        m_buffer.remove(0, end + 4);
        m_headParsed = true;
        const QList<QByteArray> statusParts = lines.value(0).trimmed().split(' ');
        m_status = statusParts.value(1).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed().toLower();
            if (name == "transfer-encoding" && value.contains("chunked"))
                m_chunked = true;
            else if (name == "content-length")
                m_remaining = value.toLongLong();
        }
        if (m_status != 200) {
            fail(QStringLiteral("HTTP status %1").arg(m_status));
            return false;
        }
        return true;
    }

    void decodeChunks()
    {
        while (!m_done) {
            if (m_remaining == 0) {
                const qsizetype lineEnd = m_buffer.indexOf("\r\n");
                if (lineEnd < 0)
                    return;
                bool ok = false;
                const QByteArray sizeField = m_buffer.left(lineEnd).split(';').value(0).trimmed();
                const qint64 size = sizeField.toLongLong(&ok, 16);
                if (!ok || size < 0) {
                    fail(QStringLiteral("bad chunk size"));
                    return;
                }
                if (size == 0) {
                    // The last chunk (no trailers expected): the response is complete.
                    if (m_buffer.size() < lineEnd + 4)
                        return;
                    m_buffer.remove(0, lineEnd + 4);
                    complete();
                    return;
                }
                m_buffer.remove(0, lineEnd + 2);
                m_remaining = size + 2; // the chunk's data and its CRLF
            }
            const qint64 dataLeft = m_remaining - 2;
            const qint64 take = qMin<qint64>(qMax<qint64>(dataLeft, 0), m_buffer.size());
            if (take > 0) {
                feedBody(m_buffer.left(take));
                m_buffer.remove(0, take);
                m_remaining -= take;
            }
            if (m_remaining > 2)
                return; // more data of this chunk to come
            const qint64 crlf = qMin<qint64>(m_remaining, m_buffer.size());
            m_buffer.remove(0, crlf);
            m_remaining -= crlf;
            if (m_remaining > 0)
                return;
        }
    }

    void decodeLengthBody()
    {
        const qint64 take = qMin<qint64>(m_remaining, m_buffer.size());
        feedBody(m_buffer.left(take));
        m_buffer.remove(0, take);
        m_remaining -= take;
        if (m_remaining == 0)
            complete();
    }

    void feedBody(const QByteArray &data)
    {
        m_sse += data;
        qsizetype boundary;
        while ((boundary = m_sse.indexOf("\n\n")) >= 0) {
            const QByteArray event = m_sse.left(boundary);
            m_sse.remove(0, boundary + 2);
            if (event.trimmed().isEmpty())
                continue;
            const qint64 now = m_clock.nsecsElapsed() / 1000;
            ++m_events;
            if (m_firstEventAtUs < 0)
                m_firstEventAtUs = now;
            m_lastEventAtUs = now;
            if (event.startsWith("event: message_stop") || event.contains("\nevent: message_stop"))
                m_sawMessageStop = true;
        }
    }

    void complete()
    {
        if (!m_sawMessageStop) {
            fail(QStringLiteral("the stream ended without message_stop"));
            return;
        }
        m_done = true;
        Q_EMIT finished();
    }

    int m_index;
    const QElapsedTimer &m_clock;
    QTcpSocket m_socket;
    QByteArray m_buffer;
    QByteArray m_sse;
    bool m_connected = false;
    bool m_headParsed = false;
    bool m_chunked = false;
    bool m_sawMessageStop = false;
    bool m_done = false;
    int m_status = 0;
    int m_events = 0;
    qint64 m_remaining = 0;
    qint64 m_sentAtUs = -1;
    qint64 m_firstEventAtUs = -1;
    qint64 m_lastEventAtUs = -1;
    QString m_error;
};

double percentile(std::vector<double> values, double fraction)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto at = std::min(values.size() - 1, size_t(fraction * double(values.size() - 1) + 0.5));
    return values[at];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench_stream_fanout"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Simultaneous streaming requests through a proxy."));
    parser.addHelpOption();
    const QCommandLineOption urlOption(
        QStringLiteral("url"), QStringLiteral("The proxy's Messages URL."), QStringLiteral("URL"));
    const QCommandLineOption streamsOption(
        QStringLiteral("streams"), QStringLiteral("Simultaneous streams."), QStringLiteral("N"), QStringLiteral("200"));
    const QCommandLineOption minStreamsOption(QStringLiteral("min-streams"),
        QStringLiteral("Streams that must progress together for PASS."), QStringLiteral("N"), QStringLiteral("200"));
    const QCommandLineOption bodyOption(
        QStringLiteral("body-file"), QStringLiteral("Request body (JSON)."), QStringLiteral("FILE"));
    const QCommandLineOption labelOption(QStringLiteral("label"), QStringLiteral("Name of the target in the output."),
        QStringLiteral("NAME"), QStringLiteral("proxy"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout-s"), QStringLiteral("Give up after this long."),
        QStringLiteral("S"), QStringLiteral("60"));
    parser.addOptions({urlOption, streamsOption, minStreamsOption, bodyOption, labelOption, timeoutOption});
    parser.process(app);

    const QUrl url(parser.value(urlOption));
    const int streamCount = parser.value(streamsOption).toInt();
    const int minStreams = parser.value(minStreamsOption).toInt();
    const int timeoutS = parser.value(timeoutOption).toInt();
    const QString label = parser.value(labelOption);
    if (!url.isValid() || url.scheme() != QLatin1String("http") || url.port() <= 0 || streamCount < 1
        || streamCount > 10000 || minStreams < 1 || timeoutS < 1) {
        std::fprintf(stderr,
            "bench_stream_fanout: give --url http://HOST:PORT/PATH, --streams 1..10000, "
            "--min-streams >= 1, --timeout-s >= 1\n");
        return 2;
    }
    QByteArray body = defaultBody();
    if (parser.isSet(bodyOption)) {
        QFile file(parser.value(bodyOption));
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "bench_stream_fanout: cannot read %s\n", qPrintable(file.fileName()));
            return 2;
        }
        body = file.readAll();
    }
    const QByteArray path = url.path(QUrl::FullyEncoded).toLatin1();
    const QByteArray request = "POST " + (path.isEmpty() ? QByteArray("/") : path)
        + " HTTP/1.1\r\nHost: " + url.host().toLatin1() + ':' + QByteArray::number(url.port())
        + "\r\ncontent-type: application/json\r\nanthropic-version: 2023-06-01\r\nx-api-key: sk-bench-client"
          "\r\naccept: text/event-stream\r\ncontent-length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;

    QElapsedTimer clock;
    clock.start();
    std::vector<std::unique_ptr<FanoutStream>> streams;
    streams.reserve(size_t(streamCount));
    int connectedCount = 0;
    int finishedCount = 0;
    qint64 connectStartUs = 0;
    qint64 allConnectedUs = -1;
    qint64 sendStartUs = -1;
    qint64 sendEndUs = -1;

    auto sendAll = [&] {
        sendStartUs = clock.nsecsElapsed() / 1000;
        for (auto &stream : streams)
            stream->send(request);
        sendEndUs = clock.nsecsElapsed() / 1000;
    };
    for (int i = 0; i < streamCount; ++i) {
        auto stream = std::make_unique<FanoutStream>(i, clock, nullptr);
        QObject::connect(stream.get(), &FanoutStream::connected, &app, [&] {
            if (++connectedCount == streamCount) {
                allConnectedUs = clock.nsecsElapsed() / 1000;
                // Everyone is connected: let the server accept the last ones, then send in one burst.
                QTimer::singleShot(200, &app, sendAll);
            }
        });
        QObject::connect(stream.get(), &FanoutStream::finished, &app, [&] {
            if (++finishedCount == streamCount)
                app.quit();
        });
        streams.push_back(std::move(stream));
    }
    connectStartUs = clock.nsecsElapsed() / 1000;
    for (auto &stream : streams)
        stream->open(url.host(), quint16(url.port()));

    bool timedOut = false;
    QTimer::singleShot(timeoutS * 1000, &app, [&] {
        timedOut = true;
        for (auto &stream : streams) {
            if (!stream->isDone())
                stream->fail(stream->isConnected() ? QStringLiteral("timed out") : QStringLiteral("never connected"));
        }
        app.quit();
    });
    if (finishedCount < streamCount)
        app.exec();

    // Figures.
    int completed = 0;
    std::vector<double> firstMs;
    std::vector<double> lastMs;
    int minEvents = -1;
    int maxEvents = 0;
    qint64 earliestLastUs = -1;
    qint64 latestLastUs = -1;
    QString firstError;
    for (const auto &stream : streams) {
        if (!stream->succeeded()) {
            if (firstError.isEmpty())
                firstError = QStringLiteral("stream %1: %2").arg(stream->index()).arg(stream->error());
            continue;
        }
        ++completed;
        firstMs.push_back(double(stream->firstEventAtUs() - stream->sentAtUs()) / 1000.0);
        lastMs.push_back(double(stream->lastEventAtUs() - stream->sentAtUs()) / 1000.0);
        minEvents = minEvents < 0 ? stream->events() : std::min(minEvents, stream->events());
        maxEvents = std::max(maxEvents, stream->events());
        if (earliestLastUs < 0 || stream->lastEventAtUs() < earliestLastUs)
            earliestLastUs = stream->lastEventAtUs();
        latestLastUs = std::max(latestLastUs, stream->lastEventAtUs());
    }
    // Streams whose first event came before any stream (that completed) had its last one.
    int together = 0;
    for (const auto &stream : streams) {
        if (stream->firstEventAtUs() >= 0 && earliestLastUs >= 0 && stream->firstEventAtUs() < earliestLastUs)
            ++together;
    }

    const double firstMax = firstMs.empty() ? 0 : *std::max_element(firstMs.begin(), firstMs.end());
    const double spreadMs = completed > 0 ? double(latestLastUs - earliestLastUs) / 1000.0 : 0;
    std::printf("stream fan-out through %s (%s): %d simultaneous streams, one upstream host\n", qPrintable(label),
        qPrintable(url.toString()), streamCount);
    std::printf("  connected %d/%d in %.1f ms; all requests written in %.1f ms\n", connectedCount, streamCount,
        allConnectedUs >= 0 ? double(allConnectedUs - connectStartUs) / 1000.0 : -1.0,
        sendStartUs >= 0 ? double(sendEndUs - sendStartUs) / 1000.0 : -1.0);
    std::printf("  completed %d/%d%s%s\n", completed, streamCount, timedOut ? " (timed out)" : "",
        firstError.isEmpty() ? "" : qPrintable(QStringLiteral("; first failure: ") + firstError));
    if (completed > 0) {
        std::printf("  first event after the request: p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
            percentile(firstMs, 0.5), percentile(firstMs, 0.99), firstMax);
        std::printf("  last event after the request:  min %.1f ms, p50 %.1f ms, max %.1f ms; completion spread "
                    "%.1f ms\n",
            percentile(lastMs, 0.0), percentile(lastMs, 0.5), percentile(lastMs, 1.0), spreadMs);
        std::printf("  events per stream: %d..%d\n", minEvents, maxEvents);
    }
    std::printf("  progressed together: %d/%d streams had their first event before any stream finished\n", together,
        streamCount);
    const bool pass = streamCount >= minStreams && completed == streamCount && together == streamCount;
    std::printf("RESULT label=%s streams=%d completed=%d together=%d first_max_ms=%.1f spread_ms=%.1f pass=%d\n",
        qPrintable(label), streamCount, completed, together, firstMax, spreadMs, pass ? 1 : 0);
    std::printf("%s: at least %d simultaneous streams to one upstream host all progressing together (%s)\n",
        pass ? "PASS" : "FAIL", minStreams, qPrintable(label));
    std::fflush(stdout);
    return pass ? 0 : 1;
}

#include "StreamFanoutBench.moc"
