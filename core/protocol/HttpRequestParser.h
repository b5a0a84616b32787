#pragma once

#include "protocol/HttpRequestMessage.h"

#include <QByteArray>

// Incremental HTTP/1.1 request parser, for Switchyard's front door and the tests' fake platform: bytes go in as
// they arrive (split anywhere), whole requests come out, one at a time, in order. Bodies are read by Content-Length or
// by chunked transfer coding. Pure code, no I/O. Lenient where real servers are lenient (bare LF line ends), strict
// where a mistake would hide a proxy bug (a bad Content-Length, a bad chunk size, two different Content-Lengths).
class HttpRequestParser
{
public:
    enum class Result
    {
        NeedMore, // feed more bytes
        HeadComplete, // the header block of the current request is in (reported once per request, before
                      // its body; the place to answer `Expect: 100-continue`)
        MessageComplete, // a whole request is ready: takeRequest()
        Error // the input is not HTTP; errorStatus() / errorReason() say what to answer; the connection is lost
    };

    HttpRequestParser();

    // A body at least this large that ends the buffered bytes is taken over with the buffer instead of copied.
    static constexpr qint64 kAdoptBodyBytes = 16 * 1024;

    void addData(const char *data, qsizetype size);
    // Appends up to `size` bytes from a source that writes into the returned pointer, then commit(written).
    // Lets the caller read from a socket straight into the parser's buffer without a temporary copy.
    char *prepareWrite(qsizetype size);
    void commitWrite(qsizetype written);

    // Advances as far as the buffered bytes allow. Call again after HeadComplete; after MessageComplete call
    // takeRequest() before parsing further.
    Result parse();
    HttpRequestMessage takeRequest();

    // The request being parsed (method, path, headers are valid from HeadComplete on).
    const HttpRequestMessage &current() const { return m_request; }
    bool expectsContinue() const { return m_expectsContinue; }
    // Whether the connection stays open after the request that was just completed (or whose head is in).
    bool keepAlive() const { return m_keepAlive; }
    // Bytes of the request body still to come, when known (Content-Length); -1 for chunked bodies.
    qint64 bodyBytesRemaining() const;

    int errorStatus() const { return m_errorStatus; }
    const QByteArray &errorReason() const { return m_errorReason; }

    qsizetype bufferedBytes() const { return m_buffer.size() - m_pos; }
    // The Content-Length of the request whose head was read last (0 when it has none), also after a 413.
    qint64 announcedBodyBytes() const { return m_announcedBodyBytes; }

    void setMaxHeaderBytes(qsizetype bytes) { m_maxHeaderBytes = bytes; }
    void setMaxBodyBytes(qint64 bytes) { m_maxBodyBytes = bytes; }

private:
    enum class State
    {
        Head,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailer,
        Done,
        Failed
    };

    Result parseHead();
    Result parseChunked();
    bool parseRequestLine(const char *begin, const char *end);
    bool parseHeaderLine(const char *begin, const char *end);
    bool interpretHeaders();
    // Finds the end of the line starting at m_pos; returns the index of '\n' or -1.
    qsizetype findLineEnd(qsizetype from) const;
    Result fail(int status, const char *reason);
    void compact();

    QByteArray m_buffer;
    qsizetype m_pos = 0; // first unconsumed byte in m_buffer
    qsizetype m_writeBase = 0; // where prepareWrite() put the caller's bytes
    qsizetype m_headScan = 0; // where to resume looking for the end of the header block
    State m_state = State::Head;
    HttpRequestMessage m_request;
    qint64 m_bodyRemaining = 0;
    qint64 m_announcedBodyBytes = 0;
    bool m_chunked = false;
    bool m_expectsContinue = false;
    bool m_keepAlive = true;
    int m_errorStatus = 0;
    QByteArray m_errorReason;
    qsizetype m_maxHeaderBytes = 1024 * 1024;
    qint64 m_maxBodyBytes = qint64(512) * 1024 * 1024;
};
