#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>

// One scripted answer of the fake upstream: a status line, headers, and either a plain body, a stream of
// pieces (each written after its own delay), or a fault at the socket level. Values, cheap to copy (the byte
// arrays are shared), so a test or a benchmark can build one and hand it out many times.
struct FakeResponse
{
    using Header = QPair<QByteArray, QByteArray>;

    enum class Kind
    {
        Body, // a plain body, framed by Content-Length
        Stream // `pieces`, each written when its delay has passed
    };
    enum class Framing
    {
        Chunked, // Transfer-Encoding: chunked, one chunk per piece, ended by the zero-size chunk
        Close // no length: the body ends when the fake closes the connection
    };
    enum class Fault
    {
        None,
        CloseWithoutResponse, // read the request, then close the connection (FIN) without a byte
        ResetWithoutResponse, // read the request, then abort the connection (RST)
        Hang, // never answer; the connection stays open until the client leaves or the fake is destroyed
        CloseMidStream, // write the head and the pieces (or the body), then close without ending the body
        ResetMidStream, // same, then abort (RST) instead of a clean close
        HangMidStream, // write the head and the pieces, then keep the connection open and say nothing more
        RawBytes // write `body` as is (no status line of ours), then close
    };
    struct Piece
    {
        QByteArray bytes;
        int delayBeforeMs = 0;
    };

    int status = 200;
    QByteArray reason; // empty: the standard phrase for `status`
    QList<Header> headers; // Content-Length / Transfer-Encoding are added unless a test sets them itself
    Kind kind = Kind::Body;
    QByteArray body;
    QList<Piece> pieces;
    Framing framing = Framing::Chunked;
    Fault fault = Fault::None;
    int delayBeforeHeadersMs = 0;
    bool closeAfterResponse = false; // send `Connection: close` and close once the response is written

    // --- builders: plain bodies ---
    static FakeResponse json(int status, const QByteArray &body);
    static FakeResponse json(int status, const QJsonObject &body);
    static FakeResponse text(int status, const QByteArray &body, const QByteArray &contentType = "text/plain");
    // An Anthropic Messages answer: one text block, stop_reason end_turn. `usage` defaults to
    // {"input_tokens":10,"output_tokens":<words in text>}.
    static FakeResponse anthropicMessage(const QString &text = QStringLiteral("Hello from the fake upstream."),
        const QJsonObject &usage = {}, const QString &model = QStringLiteral("claude-fake-1"));
    // {"type":"error","error":{"type":<type>,"message":<message>}} with that status.
    static FakeResponse anthropicError(int status, const QString &type, const QString &message);
    // An OpenAI chat completion: one choice with that content, finish_reason "stop". `usage` defaults to
    // {"prompt_tokens":10,"completion_tokens":<words>,"total_tokens":...}.
    static FakeResponse openAIChat(const QString &content = QStringLiteral("Hello from the fake upstream."),
        const QJsonObject &usage = {}, const QString &model = QStringLiteral("fake-model"));
    // {"error":{"message":...,"type":...,"code":...}}; an empty `code` is sent as null.
    static FakeResponse openAIError(int status, const QString &message,
        const QString &type = QStringLiteral("invalid_request_error"), const QString &code = {});

    // --- builders: streams ---
    // Server-Sent Events: each piece is written as its own chunk after its delay.
    static FakeResponse sse(const QList<Piece> &pieces);
    // Full `event: ...\ndata: ...\n\n` strings, each after `delayMs` (the first one too).
    static FakeResponse anthropicStream(const QList<QByteArray> &events, int delayMs = 0);
    // The events of a well-formed Anthropic stream answering `text` in `deltaCount` text deltas.
    static QList<QByteArray> anthropicTextEvents(
        const QString &text, int deltaCount = 1, const QString &model = QStringLiteral("claude-fake-1"));
    // Chat-completion chunk bodies, each framed as `data: {...}\n\n`, then `data: [DONE]\n\n`.
    static FakeResponse openAIStream(const QList<QByteArray> &chunks, int delayMs = 0);
    // The chunk bodies of a well-formed OpenAI stream answering `text` in `deltaCount` content deltas, with a
    // final usage chunk.
    static QList<QByteArray> openAITextChunks(
        const QString &text, int deltaCount = 1, const QString &model = QStringLiteral("fake-model"));

    // --- builders: faults ---
    static FakeResponse closeWithoutResponse();
    static FakeResponse resetWithoutResponse();
    static FakeResponse hang();
    static FakeResponse malformedStatusLine();
    // Arbitrary bytes on the wire (for example a broken status line or header block), then close.
    static FakeResponse raw(const QByteArray &bytes);
    // Headers announcing `fullBody.size()` bytes, then only the first `sentBytes` of it, then close.
    static FakeResponse truncatedBody(int status, const QByteArray &fullBody, qsizetype sentBytes);

    // --- modifiers (return a changed copy, so they chain) ---
    FakeResponse withHeader(const QByteArray &name, const QByteArray &value) const;
    FakeResponse withDelayBeforeHeaders(int ms) const;
    FakeResponse withFault(Fault fault) const; // e.g. FakeResponse::sse(...).withFault(Fault::CloseMidStream)
    FakeResponse withFraming(Framing framing) const;
    FakeResponse withCloseAfterResponse() const;

    bool hasHeader(const QByteArray &name) const;
    QByteArray header(const QByteArray &name) const;
    // The standard reason phrase of a status code ("OK", "Not Found", "Overloaded" for 529, ...).
    static QByteArray reasonPhrase(int status);
    static const char *reasonText(int status); // the same, as a static C string
};

Q_DECLARE_METATYPE(FakeResponse)
