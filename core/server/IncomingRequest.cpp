#include "server/IncomingRequest.h"

QByteArray IncomingRequest::header(QByteArrayView lowercaseName) const
{
    for (const auto &header : headers) {
        if (header.first == lowercaseName)
            return header.second;
    }
    return {};
}

bool IncomingRequest::hasHeader(QByteArrayView lowercaseName) const
{
    for (const auto &header : headers) {
        if (header.first == lowercaseName)
            return true;
    }
    return false;
}
