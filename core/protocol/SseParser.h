#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <vector>

// One Server-Sent Event as it came over the wire.
struct SseEvent
{
    QByteArray name; // the `event:` field, empty when absent
    QByteArray data; // the `data:` lines joined with '\n'
    QByteArray raw; // the exact bytes of the event, including its terminating blank line (if any)
    bool hasData = false; // at least one `data:` line (comment-only blocks have none)
};

// Incremental SSE parser (WHATWG event-stream rules): accepts bytes split anywhere, lines ending in
// LF, CRLF or CR, comment lines, `data` without a space after the colon, a BOM at the start. Keeps the
// raw bytes of every event so that a pass-through proxy can relay them unchanged.
class SseParser
{
public:
    // Appends parsed events to `out`. Returns the number of events appended.
    int feed(QByteArrayView bytes, std::vector<SseEvent> &out);
    // End of stream: an event that was not terminated by a blank line is delivered if it has data.
    int finish(std::vector<SseEvent> &out);

    // Whether `data` is collected (the default). A relay that only forwards `raw` and looks at `name` and
    // `hasData` turns it off and saves a copy of every event; dataOf() reads the data of one event later.
    void setCollectData(bool collect) { m_collectData = collect; }
    // The joined `data` of one event's raw bytes (as `data` would have been).
    static QByteArray dataOf(QByteArrayView rawEvent);

    // Bytes received but not yet part of a complete event.
    qsizetype pendingBytes() const { return m_buffer.size() - m_eventStart; }
    void reset();

private:
    void processLine(qsizetype lineStart, qsizetype lineEnd);
    bool dispatch(qsizetype rawEnd, std::vector<SseEvent> &out);

    QByteArray m_buffer;
    qsizetype m_eventStart = 0; // where the current event's raw bytes start in m_buffer
    qsizetype m_scan = 0; // next byte to scan for a line terminator
    bool m_bomChecked = false;
    SseEvent m_current;
    bool m_currentHasFields = false;
    bool m_collectData = true;
};
