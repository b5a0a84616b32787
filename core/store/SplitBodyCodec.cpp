#include "store/SplitBodyCodec.h"

#include "store/BodyCodec.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <zlib.h>

namespace SplitBodyCodec {

namespace {

constexpr char kMagic[] = {char(0xA7), 'S', 'Y', 'P'};
constexpr qsizetype kMagicSize = qsizetype(sizeof(kMagic));
constexpr qsizetype kChecksumSize = 4;

quint32 checksumOf(QByteArrayView bytes)
{
    return quint32(crc32(0L, reinterpret_cast<const Bytef *>(bytes.data()), uInt(bytes.size())));
}

void appendVarint(QByteArray &out, quint64 value)
{
    while (value >= 0x80) {
        out.append(char((value & 0x7F) | 0x80));
        value >>= 7;
    }
    out.append(char(value));
}

// Reads one varint at `*pos`; false when it runs past the end or does not fit in a qint64.
bool readVarint(QByteArrayView bytes, qsizetype *pos, qint64 *value)
{
    quint64 result = 0;
    for (int shift = 0; shift < 63; shift += 7) {
        if (*pos >= bytes.size())
            return false;
        const quint8 byte = quint8(bytes.at((*pos)++));
        result |= quint64(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0) {
            if (result > quint64(std::numeric_limits<qint64>::max()))
                return false;
            *value = qint64(result);
            return true;
        }
    }
    return false;
}

} // namespace

bool isSplitBody(QByteArrayView stored)
{
    return stored.size() >= kMagicSize && std::memcmp(stored.data(), kMagic, size_t(kMagicSize)) == 0;
}

QByteArray encode(QByteArrayView body, const QList<BodySpan> &parts, const QList<qint64> &partIds)
{
    Q_ASSERT(parts.size() == partIds.size());
    QByteArray skeleton;
    QByteArray header;
    header.reserve(kMagicSize + 10 + parts.size() * 12);
    header.append(kMagic, kMagicSize);
    appendVarint(header, quint64(parts.size()));
    qsizetype copiedUpTo = 0;
    qsizetype previousSkeletonOffset = 0;
    qsizetype partBytes = 0;
    for (const BodySpan &part : parts)
        partBytes += part.length;
    skeleton.reserve(body.size() - partBytes);
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const BodySpan &part = parts.at(i);
        Q_ASSERT(part.offset >= copiedUpTo && part.offset + part.length <= body.size());
        skeleton.append(body.sliced(copiedUpTo, part.offset - copiedUpTo));
        copiedUpTo = part.offset + part.length;
        appendVarint(header, quint64(skeleton.size() - previousSkeletonOffset));
        previousSkeletonOffset = skeleton.size();
        appendVarint(header, quint64(partIds.at(i)));
        appendVarint(header, quint64(part.length));
    }
    skeleton.append(body.sliced(copiedUpTo));
    const quint32 checksum = checksumOf(header);
    for (int i = 0; i < kChecksumSize; ++i)
        header.append(char((checksum >> (8 * i)) & 0xFF));
    return header + BodyCodec::compress(skeleton);
}

std::optional<Layout> readLayout(QByteArrayView stored)
{
    if (!isSplitBody(stored))
        return std::nullopt;
    qsizetype pos = kMagicSize;
    qint64 count = 0;
    // Each part takes at least three bytes of header: a larger count is damage.
    if (!readVarint(stored, &pos, &count) || count > (stored.size() - pos) / 3)
        return std::nullopt;
    Layout layout;
    layout.parts.reserve(qsizetype(count));
    qint64 skeletonOffset = 0;
    for (qint64 i = 0; i < count; ++i) {
        qint64 delta = 0;
        PartReference part;
        qint64 length = 0;
        if (!readVarint(stored, &pos, &delta) || !readVarint(stored, &pos, &part.partId)
            || !readVarint(stored, &pos, &length))
            return std::nullopt;
        if (delta > std::numeric_limits<qint64>::max() - skeletonOffset)
            return std::nullopt;
        skeletonOffset += delta;
        part.skeletonOffset = qsizetype(skeletonOffset);
        part.length = qsizetype(length);
        layout.parts.append(part);
    }
    if (stored.size() - pos < kChecksumSize)
        return std::nullopt;
    quint32 checksum = 0;
    for (int i = 0; i < kChecksumSize; ++i)
        checksum |= quint32(quint8(stored.at(pos + i))) << (8 * i);
    if (checksum != checksumOf(stored.first(pos)))
        return std::nullopt;
    layout.storedSkeleton = stored.sliced(pos + kChecksumSize);
    return layout;
}

std::optional<QByteArray> decode(QByteArrayView stored, qint64 uncompressedSize, const PartResolver &resolve)
{
    if (!isSplitBody(stored))
        return BodyCodec::decompress(stored, uncompressedSize);
    const std::optional<Layout> layout = readLayout(stored);
    if (!layout || uncompressedSize < 0)
        return std::nullopt;
    qint64 skeletonSize = uncompressedSize;
    for (const PartReference &part : layout->parts) {
        skeletonSize -= part.length;
        if (skeletonSize < 0)
            return std::nullopt;
    }
    if (!layout->parts.isEmpty() && layout->parts.constLast().skeletonOffset > skeletonSize)
        return std::nullopt;
    const std::optional<QByteArray> skeleton = BodyCodec::decompress(layout->storedSkeleton, skeletonSize);
    if (!skeleton)
        return std::nullopt;

    QByteArray body;
    body.reserve(qsizetype(uncompressedSize));
    qsizetype copiedUpTo = 0;
    for (const PartReference &part : layout->parts) {
        const std::optional<QByteArray> bytes = resolve ? resolve(part.partId) : std::nullopt;
        if (!bytes || bytes->size() != part.length)
            return std::nullopt;
        body.append(QByteArrayView(*skeleton).sliced(copiedUpTo, part.skeletonOffset - copiedUpTo));
        body.append(*bytes);
        copiedUpTo = part.skeletonOffset;
    }
    body.append(QByteArrayView(*skeleton).sliced(copiedUpTo));
    if (body.size() != uncompressedSize)
        return std::nullopt;
    return body;
}

} // namespace SplitBodyCodec
