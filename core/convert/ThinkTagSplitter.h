#pragma once

#include <QString>
#include <vector>

// Splits a leading `<think>...</think>` out of model text (older Ollama, DeepSeek-R1 distills, some LM Studio
// models put their reasoning there). Incremental: only a `<think>` that opens the text (after whitespace)
// counts, and text that may still become the tag is held back until the next piece decides.
class ThinkTagSplitter
{
public:
    struct Piece
    {
        bool reasoning = false;
        QString text;
    };

    std::vector<Piece> feed(const QString &text);
    std::vector<Piece> finish();

    static std::vector<Piece> splitAll(const QString &text);

private:
    enum class State
    {
        Start,
        Thinking,
        Text
    };
    void process(std::vector<Piece> &out, bool atEnd);
    static void append(std::vector<Piece> &out, bool reasoning, const QString &text);

    State m_state = State::Start;
    QString m_buffer;
    bool m_afterThink = false; // drop the blank lines that follow </think>
};
