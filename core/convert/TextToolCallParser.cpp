#include "convert/TextToolCallParser.h"

#include "convert/ToolArgumentsRepair.h"
#include "convert/ToolEmulation.h"

#include <QJsonDocument>

TextToolCallParser::TextToolCallParser(QStringList declaredTools)
    : m_declaredTools(std::move(declaredTools))
{
}

void TextToolCallParser::appendText(std::vector<Segment> &out, const QString &text)
{
    if (text.isEmpty())
        return;
    if (!out.empty() && out.back().kind == Segment::Kind::Text) {
        out.back().text += text;
        return;
    }
    Segment segment;
    segment.text = text;
    out.push_back(std::move(segment));
}

std::vector<TextToolCallParser::Segment> TextToolCallParser::feed(const QString &text)
{
    std::vector<Segment> out;
    m_buffer += text;
    process(out, false);
    return out;
}

std::vector<TextToolCallParser::Segment> TextToolCallParser::finish()
{
    std::vector<Segment> out;
    process(out, true);
    if (m_insideCall) {
        Segment call;
        if (parseCall(m_buffer, call)) {
            out.push_back(std::move(call));
        } else {
            appendText(out, ToolEmulation::openTag() + m_buffer);
        }
    } else {
        appendText(out, m_buffer);
    }
    m_buffer.clear();
    m_insideCall = false;
    m_dropNewline = false;
    return out;
}

void TextToolCallParser::process(std::vector<Segment> &out, bool atEnd)
{
    const QString &open = ToolEmulation::openTag();
    const QString &close = ToolEmulation::closeTag();
    for (;;) {
        if (m_dropNewline && !m_buffer.isEmpty()) {
            if (m_buffer.startsWith(QLatin1Char('\n')))
                m_buffer.remove(0, 1);
            m_dropNewline = false;
        }
        if (!m_insideCall) {
            const qsizetype start = m_buffer.indexOf(open);
            if (start >= 0) {
                appendText(out, m_buffer.left(start));
                m_buffer.remove(0, start + open.size());
                m_insideCall = true;
                continue;
            }
            if (atEnd)
                return; // finish() releases the rest
            // Hold back the longest suffix that is a prefix of the open tag.
            qsizetype keep = 0;
            for (qsizetype n = qMin<qsizetype>(open.size() - 1, m_buffer.size()); n > 0; --n) {
                if (QStringView(m_buffer).right(n) == QStringView(open).left(n)) {
                    keep = n;
                    break;
                }
            }
            appendText(out, m_buffer.left(m_buffer.size() - keep));
            m_buffer.remove(0, m_buffer.size() - keep);
            return;
        }
        const qsizetype end = m_buffer.indexOf(close);
        if (end < 0) {
            if (m_buffer.size() > kMaxCallLength) {
                // Not a call after all: release it as text.
                appendText(out, open + m_buffer);
                m_buffer.clear();
                m_insideCall = false;
            }
            return;
        }
        const QString body = m_buffer.left(end);
        m_buffer.remove(0, end + close.size());
        m_insideCall = false;
        Segment call;
        if (parseCall(body, call)) {
            out.push_back(std::move(call));
            // The newline that ends the closing tag's line belongs to the call (it may come with the next piece).
            m_dropNewline = true;
        } else {
            appendText(out, open + body + close);
        }
    }
}

bool TextToolCallParser::parseCall(const QString &body, Segment &call) const
{
    ToolArgumentsRepair::Outcome outcome;
    const QJsonObject object = ToolArgumentsRepair::parse(body.toUtf8(), &outcome);
    if (outcome == ToolArgumentsRepair::Outcome::Failed || outcome == ToolArgumentsRepair::Outcome::Empty)
        return false;
    const QString name = object.value(QStringLiteral("name")).toString();
    if (name.isEmpty() || (!m_declaredTools.isEmpty() && !m_declaredTools.contains(name)))
        return false;
    QJsonValue arguments = object.value(QStringLiteral("arguments"));
    if (arguments.isUndefined())
        arguments = object.value(QStringLiteral("parameters"));
    if (arguments.isUndefined())
        arguments = object.value(QStringLiteral("input"));
    call.kind = Segment::Kind::ToolCall;
    call.name = name;
    call.input = ToolArgumentsRepair::parseValue(arguments);
    return true;
}

std::vector<TextToolCallParser::Segment> TextToolCallParser::parseAll(
    const QString &text, const QStringList &declaredTools)
{
    TextToolCallParser parser(declaredTools);
    std::vector<Segment> out = parser.feed(text);
    for (Segment &segment : parser.finish()) {
        if (segment.kind == Segment::Kind::Text && !out.empty() && out.back().kind == Segment::Kind::Text)
            out.back().text += segment.text;
        else
            out.push_back(std::move(segment));
    }
    return out;
}
