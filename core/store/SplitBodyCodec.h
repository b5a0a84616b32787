#pragma once

#include "store/RequestBodySplitter.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <functional>
#include <optional>

// How a request body whose large parts are kept apart (in the `body_parts` table, once for every record that
// sends them) is stored: a small self-describing blob
//
//   magic        4 bytes A7 53 59 50; a zstd frame starts with 28 B5 2F FD (or 5x 2A 4D 18 when skippable)
//                and a zlib stream with a byte whose low four bits are 8, so no earlier body starts this way
//   count        the number of parts, then for each part, in order:
//     offset     where the part goes in the skeleton, as the distance from the previous part's offset
//     part id    the part's row in `body_parts`
//     length     the part's size in bytes
//   checksum     CRC-32 (zlib) of everything before it, 4 bytes little-endian
//   skeleton     a zstd frame (BodyCodec) of the body with the parts cut out; absent when that is empty
//
// with every other number as an unsigned LEB128 varint. The skeleton and the parts are zstd frames with
// checksums, so damage anywhere is detected: decode() puts the parts back in place and gives the exact bytes
// of the original body, or nothing when the blob or a part is damaged or missing.
namespace SplitBodyCodec {

struct PartReference
{
    qsizetype skeletonOffset = 0;
    qint64 partId = 0;
    qsizetype length = 0;
};

struct Layout
{
    QList<PartReference> parts;
    QByteArrayView storedSkeleton;
};

// The bytes of a part (uncompressed), or nullopt when it cannot be had.
using PartResolver = std::function<std::optional<QByteArray>(qint64 partId)>;

bool isSplitBody(QByteArrayView stored);

// `parts` are spans of `body` in order of their offsets, without overlaps; `partIds` their ids, in the same
// order. Compresses the skeleton.
QByteArray encode(QByteArrayView body, const QList<BodySpan> &parts, const QList<qint64> &partIds);

// The header of a split body, without decompressing anything; nullopt when it is not one or is damaged.
std::optional<Layout> readLayout(QByteArrayView stored);

// Any stored request or response body: a split body is rebuilt from its skeleton and `resolve`'s parts,
// anything else goes to BodyCodec::decompress. nullopt unless the result has exactly `uncompressedSize`
// bytes and every part has the length it was stored with.
std::optional<QByteArray> decode(QByteArrayView stored, qint64 uncompressedSize, const PartResolver &resolve);

} // namespace SplitBodyCodec
