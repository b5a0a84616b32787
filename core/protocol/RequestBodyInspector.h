#pragma once

#include <QByteArrayView>
#include <QString>

// What the proxy needs to know about a Messages request body before it forwards it unchanged.
struct RequestBodyInspection
{
    bool valid = false;
    QString error; // why the body is rejected (for an invalid_request_error), empty when valid
    QString model; // top-level "model"
    bool stream = false; // top-level "stream" (false when absent)
    bool hasMessages = false; // top-level "messages" is an array
};

// A single-pass JSON validator for request bodies: checks that the bytes are well-formed JSON
// (RFC 8259, UTF-8 validated, nesting bounded), that the top level is an object, and reads the few
// top-level fields the proxy routes on. It builds no document, so the pass-through path does not pay
// for parsing a 50 KB Claude Code request into a DOM it will never use.
class RequestBodyInspector
{
public:
    enum class Requirement { MessagesRequest, CountTokensRequest };

    static RequestBodyInspection inspect(QByteArrayView body, Requirement requirement = Requirement::MessagesRequest);

    // Well-formedness only (the same rules); `error` says what is wrong and where.
    static bool isWellFormedJson(QByteArrayView body, QString *error = nullptr);

    static constexpr int kMaxNestingDepth = 512;
};
