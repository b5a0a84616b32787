#pragma once

#include <QObject>

// Declared here so that moc reads only this header (the test file is full of JSON raw strings).
class TestAnthropicStreamValidator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptsAnthropicStreams_data();
    void acceptsAnthropicStreams();
    void rejectsBrokenStreams_data();
    void rejectsBrokenStreams();
    void accumulatesTheMessage();
};
