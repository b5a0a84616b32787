#pragma once

#include <QObject>

// Declared here so that moc reads only this header (the test file is full of JSON raw strings).
class TestOpenAIErrorMapper : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mapsUpstreamErrors_data();
    void mapsUpstreamErrors();
    void envelopeIsAnthropicShaped();
    void streamErrorObjects_data();
    void streamErrorObjects();
    void longBodiesAreCut();
};
