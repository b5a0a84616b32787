#include "store/BodyCodec.h"

#include <limits>
#include <zlib.h>

namespace BodyCodec {

QByteArray compress(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return QByteArray();
    uLongf bound = compressBound(uLong(bytes.size()));
    QByteArray out(qsizetype(bound), Qt::Uninitialized);
    const int rc = compress2(reinterpret_cast<Bytef *>(out.data()), &bound,
        reinterpret_cast<const Bytef *>(bytes.data()), uLong(bytes.size()), kCompressionLevel);
    if (rc != Z_OK)
        return QByteArray(); // only Z_MEM_ERROR is possible with a bound-sized buffer
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
    if (stored.isEmpty() || quint64(uncompressedSize) > std::numeric_limits<uLongf>::max())
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

} // namespace BodyCodec
