// HttpRequestParser (the front door) on arbitrary bytes: no crash, and the same requests, verdict and error
// status whether the bytes arrive at once or split (a client's bytes arrive in whatever pieces TCP delivers).
#include "FuzzSupport.h"
#include "protocol/HttpRequestParser.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

struct Outcome
{
    QList<HttpRequestMessage> requests;
    QList<bool> keepAlive;
    int errorStatus = 0;
};

bool sameRequests(const Outcome &a, const Outcome &b)
{
    if (a.requests.size() != b.requests.size() || a.keepAlive != b.keepAlive)
        return false;
    for (qsizetype i = 0; i < a.requests.size(); ++i) {
        const HttpRequestMessage &x = a.requests.at(i);
        const HttpRequestMessage &y = b.requests.at(i);
        if (x.method != y.method || x.target != y.target || x.version != y.version || x.headers != y.headers
            || x.body != y.body)
            return false;
    }
    return true;
}

Outcome parse(QByteArrayView bytes, qsizetype step)
{
    HttpRequestParser parser;
    parser.setMaxHeaderBytes(4096);
    parser.setMaxBodyBytes(65536); // above HttpRequestParser::kAdoptBodyBytes
    Outcome outcome;
    for (qsizetype at = 0; at < bytes.size() && outcome.errorStatus == 0; at += step) {
        const QByteArrayView piece = bytes.sliced(at, qMin(step, bytes.size() - at));
        parser.addData(piece.data(), piece.size());
        bool more = true;
        while (more) {
            switch (parser.parse()) {
            case HttpRequestParser::Result::NeedMore:
                more = false;
                break;
            case HttpRequestParser::Result::HeadComplete:
                break;
            case HttpRequestParser::Result::MessageComplete:
                outcome.keepAlive.append(parser.keepAlive());
                outcome.requests.append(parser.takeRequest());
                break;
            case HttpRequestParser::Result::Error:
                outcome.errorStatus = parser.errorStatus();
                if (outcome.errorStatus < 400 || outcome.errorStatus > 505 || parser.errorReason().isEmpty())
                    abort();
                more = false;
                break;
            }
        }
    }
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
    const Outcome whole = parse(bytes, qMax<qsizetype>(1, bytes.size()));
    const Outcome split = parse(bytes, step);
    if (whole.errorStatus != split.errorStatus || !sameRequests(whole, split)) {
        fprintf(stderr, "split changes the result (step %lld): error %d/%d requests %lld/%lld\n",
            static_cast<long long>(step), whole.errorStatus, split.errorStatus,
            static_cast<long long>(whole.requests.size()), static_cast<long long>(split.requests.size()));
        abort();
    }
    return 0;
}
