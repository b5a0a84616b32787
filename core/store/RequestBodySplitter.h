#pragma once

#include "protocol/JsonStructureScanner.h"

#include <QByteArrayView>
#include <QList>

// A byte range of a request body.
struct BodySpan
{
    qsizetype offset = 0;
    qsizetype length = 0;

    friend bool operator==(const BodySpan &a, const BodySpan &b)
    {
        return a.offset == b.offset && a.length == b.length;
    }
};

// Finds the large parts of an Anthropic Messages request that a client sends again and again: the values of
// top-level members other than `messages` (`system`, `tools`...) and the elements of the top-level `messages`
// array, each as the exact bytes of its JSON text, when that text is at least kMinPartSize bytes long.
//
// The scan is structural (JsonStructureScanner): it follows strings (with their escapes), objects and arrays,
// and checks the grammar around them, but does not decode anything. A body that is not one well-formed JSON object
// (with optional white space around it) has no parts.
class RequestBodySplitter
{
public:
    static constexpr qsizetype kMinPartSize = 1024;
    // Deeper nesting than this is not followed (the body is then kept whole).
    static constexpr int kMaxDepth = JsonStructureScanner::kDefaultMaxDepth;

    // The parts in order of their offsets; they never overlap. Empty when the body has none, or is not a
    // well-formed JSON object.
    static QList<BodySpan> findParts(QByteArrayView body, qsizetype minPartSize = kMinPartSize);
};
