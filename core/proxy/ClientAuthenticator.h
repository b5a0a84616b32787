#pragma once

#include "config/Config.h"
#include "protocol/ApiError.h"
#include "server/IncomingRequest.h"

// Checks the client key a request carries (`x-api-key: K` or `Authorization: Bearer K`) against the enabled
// client keys of the configuration. With no enabled client key every request is accepted (the listen address
// is then loopback-only; the runtime refuses anything else). Comparison takes the same time whatever the key.
class ClientAuthenticator
{
public:
    struct Result
    {
        bool accepted = false;
        QString clientKeyId; // empty when no keys are configured
        ApiError error; // 401 when not accepted
    };

    static Result authenticate(const IncomingRequest &request, const Config &config);
    static QByteArray presentedKey(const IncomingRequest &request);
};
