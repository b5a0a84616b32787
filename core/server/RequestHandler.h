#pragma once

#include "server/IncomingRequest.h"

#include <memory>

class ClientResponse;

// The seam between transport and application (server/ parses HTTP, proxy/ decides what to answer).
// handle() is called on the proxy thread for every request; the handler owns the response and must finish
// it (or delete it, which closes the connection) eventually.
class RequestHandler
{
public:
    virtual ~RequestHandler() = default;
    virtual void handle(IncomingRequest request, std::unique_ptr<ClientResponse> response) = 0;
};
