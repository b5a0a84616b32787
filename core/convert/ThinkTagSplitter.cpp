#include "convert/ThinkTagSplitter.h"

namespace {
const QString &openTag()
{
    static const QString tag = QStringLiteral("<think>");
    return tag;
}
const QString &closeTag()
{
    static const QString tag = QStringLiteral("</think>");
    return tag;
}
} // namespace

void ThinkTagSplitter::append(std::vector<Piece> &out, bool reasoning, const QString &text)
{
    if (text.isEmpty())
        return;
    if (!out.empty() && out.back().reasoning == reasoning) {
        out.back().text += text;
        return;
    }
    out.push_back(Piece {reasoning, text});
}

std::vector<ThinkTagSplitter::Piece> ThinkTagSplitter::feed(const QString &text)
{
    std::vector<Piece> out;
    if (m_state == State::Text && !m_afterThink) {
        append(out, false, text);
        return out;
    }
    m_buffer += text;
    process(out, false);
    return out;
}

std::vector<ThinkTagSplitter::Piece> ThinkTagSplitter::finish()
{
    std::vector<Piece> out;
    process(out, true);
    append(out, m_state == State::Thinking, m_buffer);
    m_buffer.clear();
    return out;
}

void ThinkTagSplitter::process(std::vector<Piece> &out, bool atEnd)
{
    if (m_state == State::Start) {
        qsizetype lead = 0;
        while (lead < m_buffer.size() && m_buffer.at(lead).isSpace())
            ++lead;
        const QStringView rest = QStringView(m_buffer).mid(lead);
        if (rest.startsWith(openTag())) {
            m_buffer.remove(0, lead + openTag().size());
            m_state = State::Thinking;
        } else if (!atEnd && openTag().startsWith(rest)) {
            return; // may still become <think>
        } else {
            m_state = State::Text;
        }
    }
    if (m_state == State::Thinking) {
        const qsizetype end = m_buffer.indexOf(closeTag());
        if (end < 0) {
            if (atEnd)
                return;
            qsizetype keep = 0;
            for (qsizetype n = qMin<qsizetype>(closeTag().size() - 1, m_buffer.size()); n > 0; --n) {
                if (QStringView(m_buffer).right(n) == QStringView(closeTag()).left(n)) {
                    keep = n;
                    break;
                }
            }
            append(out, true, m_buffer.left(m_buffer.size() - keep));
            m_buffer.remove(0, m_buffer.size() - keep);
            return;
        }
        append(out, true, m_buffer.left(end));
        m_buffer.remove(0, end + closeTag().size());
        m_state = State::Text;
        m_afterThink = true;
    }
    if (m_state == State::Text) {
        if (m_afterThink) {
            qsizetype lead = 0;
            while (lead < m_buffer.size() && m_buffer.at(lead).isSpace())
                ++lead;
            m_buffer.remove(0, lead);
            if (m_buffer.isEmpty() && !atEnd)
                return;
            m_afterThink = false;
        }
        append(out, false, m_buffer);
        m_buffer.clear();
    }
}

std::vector<ThinkTagSplitter::Piece> ThinkTagSplitter::splitAll(const QString &text)
{
    ThinkTagSplitter splitter;
    std::vector<Piece> out = splitter.feed(text);
    for (Piece &piece : splitter.finish())
        append(out, piece.reasoning, piece.text);
    return out;
}
