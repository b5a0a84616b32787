#pragma once

#include <QString>
#include <QStringView>

#include <initializer_list>

// Small text checks shared by the converters.

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

// True when `text` contains one of the ASCII `needles` (model-name families, error phrases).
inline bool containsAny(const QString &text, std::initializer_list<const char *> needles)
{
    for (const char *needle : needles) {
        if (text.contains(QLatin1String(needle)))
            return true;
    }
    return false;
}
