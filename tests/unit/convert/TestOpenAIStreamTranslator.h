#pragma once

#include <QObject>

// Declared here so that moc reads only this header (the test file is full of JSON raw strings).
class TestOpenAIStreamTranslator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data();
    void fixtures();
    void referenceExampleEventOrder();
    void emptyContentDeltasOpenNoBlock();
    void whitespaceBeforeTextIsKept();
    void usageIsEstimatedWhenMissing();
    void commitPointAndState();
    void errorBeforeAnythingIsOnlyAnError();
    void streamWithoutDataIsAnError_data();
    void streamWithoutDataIsAnError();
    void abortClosesTheOpenToolBlock();
    void nothingAfterTheEnd();
    void longArgumentsGetPings();
    void reasoningThenToolThenReasoningAgain();
    void sseErrorEventMidStream();
    void garbagePayloadsAreIgnored();
    void finishReasonMapping_data();
    void finishReasonMapping();
    void lengthCutsAToolCall();
    void missingIdsAreGeneratedAndDuplicatesRenamed();
    void callWithoutNameIsDropped();
    void modelIsTheRequestedOne();
    void textToolCallsWithNativeToolsAreParsed();
    void textCallHeldWhileANativeCallIsOpen();
    void hugeNumbersAreSafe();
};
