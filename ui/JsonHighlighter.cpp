#include "JsonHighlighter.h"

#include <QJsonDocument>
#include <QPalette>
#include <QRegularExpression>

namespace {

bool isDark()
{
    return QPalette().color(QPalette::Base).lightness() < 128;
}

} // namespace

JsonHighlighter::JsonHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    const bool dark = isDark();
    m_key.setForeground(dark ? QColor(0x8a, 0xb4, 0xf8) : QColor(0x1a, 0x4f, 0x8b));
    m_key.setFontWeight(QFont::DemiBold);
    m_string.setForeground(dark ? QColor(0x9c, 0xdc, 0x8c) : QColor(0x2e, 0x7d, 0x32));
    m_number.setForeground(dark ? QColor(0xf7, 0x8c, 0x6c) : QColor(0xb3, 0x47, 0x00));
    m_literal.setForeground(dark ? QColor(0xc7, 0x92, 0xea) : QColor(0x7b, 0x1f, 0xa2));
    m_sseField.setForeground(dark ? QColor(0xaa, 0xaa, 0xaa) : QColor(0x6a, 0x6a, 0x6a));
    m_sseField.setFontItalic(true);
}

QString JsonHighlighter::prettyPrinted(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError && !document.isNull())
        return QString::fromUtf8(document.toJson(QJsonDocument::Indented)).trimmed();
    return QString::fromUtf8(body);
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    static const QRegularExpression sseField(QStringLiteral("^(event|data|id|retry):"));
    static const QRegularExpression string(QStringLiteral("\"(?:[^\"\\\\]|\\\\.)*\""));
    static const QRegularExpression number(QStringLiteral("(?<![\\w.])-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?\\b"));
    static const QRegularExpression literal(QStringLiteral("\\b(?:true|false|null)\\b"));

    const QRegularExpressionMatch field = sseField.match(text);
    if (field.hasMatch())
        setFormat(0, field.capturedLength(), m_sseField);

    for (auto it = literal.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        setFormat(match.capturedStart(), match.capturedLength(), m_literal);
    }
    for (auto it = number.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        setFormat(match.capturedStart(), match.capturedLength(), m_number);
    }
    // Strings last: numbers and words inside strings take the string's colour; a string followed by a
    // colon is a key.
    for (auto it = string.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        qsizetype after = match.capturedEnd();
        while (after < text.size() && text.at(after).isSpace())
            ++after;
        const bool isKey = after < text.size() && text.at(after) == QLatin1Char(':');
        setFormat(match.capturedStart(), match.capturedLength(), isKey ? m_key : m_string);
    }
}
