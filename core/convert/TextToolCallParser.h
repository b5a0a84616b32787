#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <vector>

// Finds `<tool_call>{"name": ..., "arguments": {...}}</tool_call>` in model text, incrementally: text is
// released as soon as it cannot be the start of a call, and text that may be the start of `<tool_call>` is
// held back until the next piece decides. A call whose JSON cannot be read, or that names a tool the request
// did not declare (when a list is given), is released as plain text, so nothing the model wrote is lost.
class TextToolCallParser
{
public:
    struct Segment
    {
        enum class Kind
        {
            Text,
            ToolCall
        };
        Kind kind = Kind::Text;
        QString text; // Kind::Text
        QString name; // Kind::ToolCall
        QJsonObject input; // Kind::ToolCall
    };

    explicit TextToolCallParser(QStringList declaredTools = {});

    std::vector<Segment> feed(const QString &text);
    // End of the text: releases what is held back; an unterminated call is parsed if it can be.
    std::vector<Segment> finish();

    // Parses a whole text at once.
    static std::vector<Segment> parseAll(const QString &text, const QStringList &declaredTools = {});

    static constexpr int kMaxCallLength = 4 * 1024 * 1024;

private:
    void process(std::vector<Segment> &out, bool atEnd);
    bool parseCall(const QString &body, Segment &call) const;
    static void appendText(std::vector<Segment> &out, const QString &text);

    QStringList m_declaredTools;
    QString m_buffer;
    bool m_insideCall = false;
    bool m_dropNewline = false;
};
