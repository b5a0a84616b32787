#pragma once

#include <QObject>

// Declared here so that moc reads only this header (the test file is full of JSON raw strings).
class TestOpenAIToAnthropicResponse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void referenceExample();
    void blockOrderThinkingTextTools();
    void argumentsAreRepaired_data();
    void argumentsAreRepaired();
    void stopReasonMapping_data();
    void stopReasonMapping();
    void usageArithmetic_data();
    void usageArithmetic();
    void usageEstimatedWhenAbsent();
    void namesAndIdsMappedBack();
    void reasoningOnlyAnswer();
    void thinkTagsAndTextToolCalls();
    void errorsAndBadBodies_data();
    void errorsAndBadBodies();
    void sameMessageAsTheStream();
};
