#include "upstream/ContentDecoder.h"

#include <zlib.h>

struct ContentDecoder::Stream
{
    z_stream z {};
    bool initialized = false;
    ~Stream()
    {
        if (initialized)
            inflateEnd(&z);
    }
};

namespace {

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && qstrnicmp(a.data(), a.size(), b.data(), b.size()) == 0;
}

} // namespace

ContentDecoder::Coding ContentDecoder::codingFor(QByteArrayView contentEncoding)
{
    const QByteArrayView value = contentEncoding.trimmed();
    if (value.isEmpty() || equalsIgnoringCase(value, "identity"))
        return Coding::Identity;
    if (equalsIgnoringCase(value, "gzip") || equalsIgnoringCase(value, "x-gzip"))
        return Coding::Gzip;
    if (equalsIgnoringCase(value, "deflate"))
        return Coding::Deflate;
    return Coding::Unsupported;
}

ContentDecoder::ContentDecoder(Coding coding)
    : m_stream(std::make_unique<Stream>())
    , m_coding(coding)
{
}

ContentDecoder::~ContentDecoder() = default;

bool ContentDecoder::start(bool rawDeflate)
{
    const int windowBits = m_coding == Coding::Gzip ? 16 + MAX_WBITS : (rawDeflate ? -MAX_WBITS : MAX_WBITS);
    if (inflateInit2(&m_stream->z, windowBits) != Z_OK) {
        m_error = QStringLiteral("cannot initialise zlib");
        return false;
    }
    m_stream->initialized = true;
    m_started = true;
    return true;
}

bool ContentDecoder::decode(QByteArrayView in, QByteArray &out)
{
    if (hasError())
        return false;
    if (in.isEmpty())
        return true;
    m_sawInput = true;
    if (m_coding == Coding::Identity || m_coding == Coding::Unsupported) {
        out.append(in.data(), in.size());
        return true;
    }
    if (!m_started) {
        if (m_coding == Coding::Gzip)
            return start(false) && inflateSome(in, out);
        // deflate: a zlib header is CM=8, CINFO<=7, and (CMF*256 + FLG) a multiple of 31; anything else is
        // taken as a raw deflate stream.
        m_pending.append(in.data(), in.size());
        if (m_pending.size() < 2)
            return true;
        const auto cmf = static_cast<unsigned char>(m_pending[0]);
        const auto flg = static_cast<unsigned char>(m_pending[1]);
        const bool zlibWrapped = (cmf & 0x0F) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
        const QByteArray pending = std::move(m_pending);
        m_pending.clear();
        return start(!zlibWrapped) && inflateSome(pending, out);
    }
    return inflateSome(in, out);
}

bool ContentDecoder::inflateSome(QByteArrayView in, QByteArray &out)
{
    z_stream &z = m_stream->z;
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.data()));
    z.avail_in = uInt(in.size());
    char buffer[16 * 1024];
    for (;;) {
        if (m_streamEnded) {
            if (z.avail_in == 0)
                break;
            if (m_coding != Coding::Gzip) {
                m_error = QStringLiteral("data after the end of the deflate stream");
                return false;
            }
            inflateReset(&z); // another gzip member follows
            m_streamEnded = false;
        }
        z.next_out = reinterpret_cast<Bytef *>(buffer);
        z.avail_out = sizeof(buffer);
        const int result = inflate(&z, Z_NO_FLUSH);
        const qsizetype produced = qsizetype(sizeof(buffer) - z.avail_out);
        if (produced > 0)
            out.append(buffer, produced);
        if (result == Z_STREAM_END) {
            m_streamEnded = true;
            continue;
        }
        if (result == Z_BUF_ERROR)
            break; // needs more input
        if (result != Z_OK) {
            const QString detail = z.msg ? QString::fromLatin1(z.msg) : QStringLiteral("error %1").arg(result);
            m_error = QStringLiteral("corrupt %1 body: %2")
                          .arg(m_coding == Coding::Gzip ? QStringLiteral("gzip") : QStringLiteral("deflate"), detail);
            return false;
        }
        if (z.avail_in == 0 && z.avail_out != 0)
            break;
    }
    z.next_in = nullptr;
    z.avail_in = 0;
    return true;
}

bool ContentDecoder::finish()
{
    if (hasError())
        return false;
    if (m_coding == Coding::Identity || m_coding == Coding::Unsupported || !m_sawInput)
        return true;
    if (m_started && m_streamEnded)
        return true;
    m_error = QStringLiteral("compressed body ended before the end of its %1 stream")
                  .arg(m_coding == Coding::Gzip ? QStringLiteral("gzip") : QStringLiteral("deflate"));
    return false;
}
