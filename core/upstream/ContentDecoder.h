#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <memory>

// Streaming decoder for the `gzip` and `deflate` content codings (zlib). Pure: bytes in, bytes out, fed in
// pieces split anywhere. `deflate` accepts both the zlib-wrapped form (RFC 9110) and the raw form some
// servers send; `gzip` accepts several members one after another.
class ContentDecoder
{
public:
    enum class Coding
    {
        Identity,
        Gzip,
        Deflate,
        Unsupported
    };

    // The coding a Content-Encoding header asks for: Identity when absent or "identity", Gzip for "gzip" or
    // "x-gzip", Deflate for "deflate", Unsupported for anything else (br, zstd, several codings).
    static Coding codingFor(QByteArrayView contentEncoding);

    explicit ContentDecoder(Coding coding);
    ~ContentDecoder();
    ContentDecoder(const ContentDecoder &) = delete;
    ContentDecoder &operator=(const ContentDecoder &) = delete;

    // Appends the decoded bytes to `out`. Returns false on corrupt input (see errorString()).
    bool decode(QByteArrayView in, QByteArray &out);
    // End of the encoded body: returns false if the compressed stream was cut short. An empty body is fine.
    bool finish();

    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }

private:
    bool start(bool rawDeflate);
    bool inflateSome(QByteArrayView in, QByteArray &out);

    struct Stream;
    std::unique_ptr<Stream> m_stream;
    Coding m_coding;
    QByteArray m_pending; // the first byte of a deflate body, kept until its form (zlib or raw) is known
    bool m_started = false;
    bool m_streamEnded = false; // the last member ended; more input starts a new gzip member
    bool m_sawInput = false;
    QString m_error;
};
