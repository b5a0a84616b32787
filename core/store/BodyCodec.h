#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <optional>

// How record bodies are kept in the database: a Zstandard frame (RFC 8878; `zstd -d` reads it) at a fast
// level. Bodies written by earlier versions are plain zlib streams (RFC 1950) and are still read: the two are
// told apart by the zstd frame's magic number. The uncompressed size is stored next to the blob.
namespace BodyCodec {

// Claude Code bodies are JSON and SSE text: zstd's level 1 compresses them about 6x at ~450 MB/s (zlib's
// fastest level: 5.5x at ~220 MB/s), and one store thread compresses every body of every call.
inline constexpr int kCompressionLevel = 1;

QByteArray compress(QByteArrayView bytes);

// nullopt when `stored` is neither a zstd frame nor a zlib stream, or does not decompress to exactly
// `uncompressedSize` bytes.
std::optional<QByteArray> decompress(QByteArrayView stored, qint64 uncompressedSize);

// The legacy format, for tests and migrations.
QByteArray compressZlib(QByteArrayView bytes);
bool isZstdFrame(QByteArrayView stored);

} // namespace BodyCodec
