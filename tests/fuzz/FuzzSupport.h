#pragma once

// What every fuzz target shares: the code under test logs nothing while fuzzed, and targets that check
// incremental parsers split the input into pieces whose size the input's first byte picks.
#include <QByteArrayView>
#include <QLoggingCategory>
#include <cstddef>
#include <cstdint>

// libFuzzer calls this once, before the first input. Each target includes this header in its one source file.
extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    QLoggingCategory::setFilterRules(QStringLiteral("*=false"));
    return 0;
}

namespace FuzzSupport {

struct PieceInput
{
    qsizetype pieceSize = 1; // 1 to 17 bytes
    QByteArrayView bytes; // the input after its first byte
};

// False for an empty input.
inline bool pieceInput(const uint8_t *data, size_t size, PieceInput *out)
{
    if (size < 1)
        return false;
    out->pieceSize = data[0] % 17 + 1;
    out->bytes = QByteArrayView(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    return true;
}

} // namespace FuzzSupport
