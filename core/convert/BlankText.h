#pragma once

#include <QStringView>

// True when `text` is empty or only white space: such text blocks are dropped in both directions of the
// conversion (OpenAI-format platforms reject empty content parts; Anthropic rejects blank text blocks).
inline bool isBlankText(QStringView text)
{
    for (QChar c : text) {
        if (!c.isSpace())
            return false;
    }
    return true;
}
