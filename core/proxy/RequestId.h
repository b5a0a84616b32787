#pragma once

#include <QString>

// "req_" followed by 24 random base-62 characters; sent to the client as x-switchyard-request-id and kept in
// the record, so a person can find the call a client saw.
QString newRequestId();
