#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

// Colours pretty-printed JSON (and the JSON inside SSE `data:` lines): keys, strings, numbers, literals.
class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit JsonHighlighter(QTextDocument *document);

    // Pretty-printed JSON for a body, or the text as it is when it is not JSON.
    static QString prettyPrinted(const QByteArray &body);

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
    QTextCharFormat m_sseField;
};
