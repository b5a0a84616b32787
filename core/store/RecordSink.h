#pragma once

#include "store/CallRecord.h"

// Where the proxy hands finished calls. Implementations must be thread-safe and must not block on I/O:
// submit() is called on the proxy thread, on the request's path.
class RecordSink
{
public:
    virtual ~RecordSink() = default;
    virtual void submit(CallRecord record) = 0;
};
