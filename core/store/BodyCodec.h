#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <optional>

// How record bodies are kept in the database: a plain zlib stream (RFC 1950, what zlib's compress() writes
// and Python's zlib.decompress() reads), without qCompress's 4-byte length prefix. The uncompressed size is
// stored next to the blob, so any tool can read a body back with the size it needs.
namespace BodyCodec {

// Fast compression: bodies are JSON and SSE text, which compress well even at zlib's fastest level, and
// one store thread compresses every body of every call.
inline constexpr int kCompressionLevel = 1;

QByteArray compress(QByteArrayView bytes);

// nullopt when `stored` is not a zlib stream or does not inflate to exactly `uncompressedSize` bytes.
std::optional<QByteArray> decompress(QByteArrayView stored, qint64 uncompressedSize);

} // namespace BodyCodec
