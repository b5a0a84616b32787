// Differential fuzzing of SseParser: the events must not depend on where the byte stream is split, and every
// event's raw bytes must be a slice of the input in order.
#include "FuzzSupport.h"
#include "protocol/SseParser.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

std::vector<SseEvent> parse(const QByteArray &bytes, const std::vector<size_t> &cuts)
{
    SseParser parser;
    std::vector<SseEvent> events;
    size_t at = 0;
    for (size_t cut : cuts) {
        if (cut <= at || cut > size_t(bytes.size()))
            continue;
        parser.feed(QByteArrayView(bytes.constData() + at, qsizetype(cut - at)), events);
        at = cut;
    }
    parser.feed(QByteArrayView(bytes.constData() + at, bytes.size() - qsizetype(at)), events);
    parser.finish(events);
    return events;
}

} // namespace

// Warnings about dropped or repaired input are expected here by the thousand; keep the fuzzer's output readable.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    // The first byte chooses the split pattern; the rest is the stream.
    const unsigned step = data[0] % 13 + 1;
    const QByteArray bytes(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    std::vector<size_t> cuts;
    for (size_t at = step; at < size_t(bytes.size()); at += step + (at % 5))
        cuts.push_back(at);

    const std::vector<SseEvent> whole = parse(bytes, {});
    const std::vector<SseEvent> split = parse(bytes, cuts);
    if (whole.size() != split.size()) {
        fprintf(stderr, "event count differs: %zu whole, %zu split (step %u)\n", whole.size(), split.size(), step);
        abort();
    }
    qsizetype rawTotal = 0;
    for (size_t i = 0; i < whole.size(); ++i) {
        if (whole[i].name != split[i].name || whole[i].data != split[i].data || whole[i].hasData != split[i].hasData
            || whole[i].raw != split[i].raw) {
            fprintf(stderr,
                "event %zu differs (step %u)\nwhole: name[%s] data[%s] raw[%s]\nsplit: name[%s] data[%s] raw[%s]\n", i,
                step, whole[i].name.toPercentEncoding().constData(), whole[i].data.toPercentEncoding().constData(),
                whole[i].raw.toPercentEncoding().constData(), split[i].name.toPercentEncoding().constData(),
                split[i].data.toPercentEncoding().constData(), split[i].raw.toPercentEncoding().constData());
            abort();
        }
        rawTotal += whole[i].raw.size();
    }
    if (rawTotal > bytes.size())
        abort();
    return 0;
}
