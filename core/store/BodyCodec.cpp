#include "store/BodyCodec.h"

#include <limits>
#include <zlib.h>
#include <zstd.h>

namespace BodyCodec {

namespace {

std::optional<QByteArray> inflateZlib(QByteArrayView stored, qint64 uncompressedSize)
{
    if (quint64(uncompressedSize) > std::numeric_limits<uLongf>::max())
        return std::nullopt;
    QByteArray out(qsizetype(uncompressedSize), Qt::Uninitialized);
    uLongf outLength = uLongf(uncompressedSize);
    uLong inLength = uLong(stored.size());
    // uncompress2 also reports how much input it used, so trailing garbage is detected.
    const int rc = uncompress2(
        reinterpret_cast<Bytef *>(out.data()), &outLength, reinterpret_cast<const Bytef *>(stored.data()), &inLength);
    if (rc != Z_OK || qint64(outLength) != uncompressedSize || qsizetype(inLength) != stored.size())
        return std::nullopt;
    return out;
}

std::optional<QByteArray> decompressZstd(QByteArrayView stored, qint64 uncompressedSize)
{
    // Exactly one frame, and it says how big it is.
    if (ZSTD_findFrameCompressedSize(stored.data(), size_t(stored.size())) != size_t(stored.size()))
        return std::nullopt;
    const unsigned long long declared = ZSTD_getFrameContentSize(stored.data(), size_t(stored.size()));
    if (declared == ZSTD_CONTENTSIZE_ERROR || declared == ZSTD_CONTENTSIZE_UNKNOWN
        || qint64(declared) != uncompressedSize)
        return std::nullopt;
    QByteArray out(qsizetype(uncompressedSize), Qt::Uninitialized);
    const size_t written = ZSTD_decompress(out.data(), size_t(out.size()), stored.data(), size_t(stored.size()));
    if (ZSTD_isError(written) || qint64(written) != uncompressedSize)
        return std::nullopt;
    return out;
}

} // namespace

bool isZstdFrame(QByteArrayView stored)
{
    static const unsigned char magic[] = {0x28, 0xB5, 0x2F, 0xFD};
    return stored.size() >= 4 && std::equal(magic, magic + 4, reinterpret_cast<const unsigned char *>(stored.data()));
}

QByteArray compress(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return QByteArray();
    // One context per thread (the store thread), reused: no allocation per body. The frame carries the content
    // size and a checksum, so damage is detected when reading.
    struct Context
    {
        ZSTD_CCtx *context = ZSTD_createCCtx();
        Context()
        {
            ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, kCompressionLevel);
            ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1);
            ZSTD_CCtx_setParameter(context, ZSTD_c_contentSizeFlag, 1);
        }
        ~Context() { ZSTD_freeCCtx(context); }
    };
    static thread_local Context compressor;
    QByteArray out(qsizetype(ZSTD_compressBound(size_t(bytes.size()))), Qt::Uninitialized);
    const size_t written
        = ZSTD_compress2(compressor.context, out.data(), size_t(out.size()), bytes.data(), size_t(bytes.size()));
    if (ZSTD_isError(written))
        return QByteArray(); // cannot happen with a bound-sized buffer
    out.truncate(qsizetype(written));
    return out;
}

QByteArray compressZlib(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return QByteArray();
    uLongf bound = compressBound(uLong(bytes.size()));
    QByteArray out(qsizetype(bound), Qt::Uninitialized);
    const int rc = compress2(reinterpret_cast<Bytef *>(out.data()), &bound,
        reinterpret_cast<const Bytef *>(bytes.data()), uLong(bytes.size()), 1);
    if (rc != Z_OK)
        return QByteArray();
    out.truncate(qsizetype(bound));
    return out;
}

std::optional<QByteArray> decompress(QByteArrayView stored, qint64 uncompressedSize)
{
    if (uncompressedSize < 0)
        return std::nullopt;
    if (uncompressedSize == 0) {
        if (stored.isEmpty())
            return QByteArray();
        return std::nullopt;
    }
    if (stored.isEmpty())
        return std::nullopt;
    return isZstdFrame(stored) ? decompressZstd(stored, uncompressedSize) : inflateZlib(stored, uncompressedSize);
}

} // namespace BodyCodec
