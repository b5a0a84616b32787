// HttpResponseParser on arbitrary bytes: no crash, and the same verdict, head and body whether the bytes
// arrive at once or split (the upstream client feeds whatever each socket read delivers).
#include "FuzzSupport.h"
#include "upstream/HttpResponseParser.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

struct Outcome
{
    bool complete = false;
    bool error = false;
    int status = 0;
    QByteArray body;
};

Outcome parse(QByteArrayView bytes, qsizetype step)
{
    HttpResponseParser parser;
    Outcome outcome;
    qsizetype at = 0;
    while (at < bytes.size() && !parser.isComplete() && !parser.hasError()) {
        QByteArrayView piece = bytes.sliced(at, qMin(step, bytes.size() - at));
        while (!piece.isEmpty() && !parser.isComplete() && !parser.hasError()) {
            const qsizetype used = parser.feed(piece, outcome.body);
            if (used == 0 && !parser.isComplete() && !parser.hasError())
                break;
            piece = piece.sliced(used);
            at += used;
        }
        if (!piece.isEmpty() && !parser.isComplete() && !parser.hasError())
            break;
    }
    if (!parser.isComplete() && !parser.hasError())
        parser.finishAtEof();
    outcome.complete = parser.isComplete();
    outcome.error = parser.hasError();
    outcome.status = parser.headersComplete() ? parser.statusCode() : 0;
    return outcome;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzSupport::PieceInput input;
    if (!FuzzSupport::pieceInput(data, size, &input))
        return 0;
    const qsizetype step = input.pieceSize;
    const QByteArrayView bytes = input.bytes;
    const Outcome whole = parse(bytes, bytes.size() + 1);
    const Outcome split = parse(bytes, step);
    if (whole.complete != split.complete || whole.error != split.error || whole.status != split.status
        || whole.body != split.body) {
        fprintf(stderr,
            "split changes the result (step %lld): complete %d/%d error %d/%d status %d/%d body %lld/%lld\n",
            static_cast<long long>(step), whole.complete, split.complete, whole.error, split.error, whole.status,
            split.status, static_cast<long long>(whole.body.size()), static_cast<long long>(split.body.size()));
        abort();
    }
    return 0;
}
