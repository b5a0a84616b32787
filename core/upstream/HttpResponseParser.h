#pragma once

#include "upstream/UpstreamRequest.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// Incremental HTTP/1.x response parser (RFC 9112), pure: no I/O, no Qt event loop. Bytes may be fed split
// anywhere. It skips 1xx interim responses, removes the body framing (Content-Length, chunked with
// extensions and trailers, or read-until-close) and tells whether the connection may carry another request.
//
// Typical use:
//   while (!bytes.isEmpty()) {
//       const qsizetype used = parser.feed(bytes, body);
//       bytes = bytes.sliced(used);
//       // act on hasError(), headersComplete() (once), body, isComplete()
//   }
class HttpResponseParser
{
public:
    enum class State
    {
        StatusLine, // waiting for (the rest of) a status line
        Headers, // inside a header block
        Body, // the final head is complete; body bytes are expected
        Complete, // the whole response has been received
        Error,
    };
    enum class BodyFraming
    {
        None, // no body (204, 304, HEAD, Content-Length: 0)
        ContentLength,
        Chunked,
        UntilClose, // the body ends when the connection closes
    };

    static constexpr qsizetype kDefaultMaxHeaderBytes = 64 * 1024;
    static constexpr qsizetype kMaxChunkLineBytes = 8 * 1024;

    explicit HttpResponseParser(qsizetype maxHeaderBytes = kDefaultMaxHeaderBytes);

    // A response to HEAD has no body whatever its headers say. Set before feeding.
    void setHeadRequest(bool head) { m_headRequest = head; }

    // Consumes bytes, appending body bytes (framing removed) to `body`. Returns how many bytes of `data` were
    // consumed. It stops early, so that the caller can act before going on, right after the final response
    // head is complete (headersComplete() becomes true), when the response is complete (bytes left over
    // belong to whatever follows it) and on error. Feeding a complete or failed parser consumes nothing.
    qsizetype feed(QByteArrayView data, QByteArray &body);

    // The peer closed the connection. Completes a close-delimited body and returns true; returns false and
    // enters the Error state when the response was cut short (also when nothing was received at all).
    bool finishAtEof();

    void reset();

    State state() const { return m_state; }
    bool headersComplete() const { return m_headDone; }
    bool isComplete() const { return m_state == State::Complete; }
    bool hasError() const { return m_state == State::Error; }
    QString errorString() const { return m_error; }
    bool receivedAnything() const { return m_receivedAnything; }

    // The final response head (valid once headersComplete()).
    int statusCode() const { return m_statusCode; }
    QByteArray reasonPhrase() const { return m_reason; }
    int httpMinorVersion() const { return m_minorVersion; }
    const HttpHeaderList &headers() const { return m_headers; } // original names and order
    QByteArray header(QByteArrayView name) const; // first match, case-insensitive; empty if absent
    bool hasHeader(QByteArrayView name) const;
    const HttpHeaderList &trailers() const { return m_trailers; }
    BodyFraming bodyFraming() const { return m_framing; }
    qint64 contentLength() const { return m_contentLength; } // -1 unless framed by Content-Length
    int interimResponseCount() const { return m_interimCount; }

    // Whether the connection can carry another request once this response is complete: HTTP/1.1 unless
    // `Connection: close`, HTTP/1.0 only with `Connection: keep-alive`, never after a close-delimited body or
    // a message with ambiguous framing.
    bool isKeepAlive() const { return m_keepAlive; }

    static bool headerListContainsToken(const HttpHeaderList &headers, QByteArrayView name, QByteArrayView token);

private:
    enum class BodyState
    {
        Data,
        ChunkSize,
        ChunkData,
        ChunkDataCr,
        ChunkDataLf,
        Trailers
    };

    bool takeLine(QByteArrayView data, qsizetype &pos, qsizetype limit, QByteArray &line);
    bool parseStatusLine(const QByteArray &line);
    bool parseHeaderLine(const QByteArray &line, HttpHeaderList &into);
    bool finishHead();
    bool decideFraming();
    bool parseChunkSize(const QByteArray &line);
    void fail(const QString &message);
    void complete();

    qsizetype m_maxHeaderBytes;
    bool m_headRequest = false;

    State m_state = State::StatusLine;
    BodyState m_bodyState = BodyState::Data;
    QString m_error;
    QByteArray m_line; // a partial line carried over between feeds
    qsizetype m_lastLineBytes = 0; // raw length of the line takeLine() returned last, terminator included
    qsizetype m_headBytes = 0; // bytes of the current head (or trailer block)
    bool m_receivedAnything = false;
    bool m_headDone = false;

    int m_statusCode = 0;
    int m_minorVersion = 1;
    QByteArray m_reason;
    HttpHeaderList m_headers;
    HttpHeaderList m_trailers;
    int m_interimCount = 0;

    BodyFraming m_framing = BodyFraming::None;
    qint64 m_contentLength = -1;
    qint64 m_remaining = 0; // body bytes left (Content-Length) or left in the current chunk
    bool m_keepAlive = false;
};
