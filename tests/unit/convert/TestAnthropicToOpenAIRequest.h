#pragma once

#include <QObject>

// The class is declared here so that moc reads only this header: the test file is full of JSON raw strings.
class TestAnthropicToOpenAIRequest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rejectsRequestsWithoutMessages_data();
    void rejectsRequestsWithoutMessages();
    void systemStringBecomesFirstMessage();
    void systemBlocksDropBillingHeaderAndJoin();
    void inlineSystemMessagesJoinTheSystemPrompt();
    void emptyTextBlocksAreDropped();
    void userStringContentPassesThrough();
    void imagesBecomeImageUrlParts_data();
    void imagesBecomeImageUrlParts();
    void imagesBecomePlaceholdersWithoutVision();
    void assistantToolUseBecomesToolCalls();
    void toolResultsComeFirstThenUserText();
    void toolResultContentForms_data();
    void toolResultContentForms();
    void toolResultImagesMoveToUserMessageOrPlaceholder();
    void orphanToolUseGetsNoResultMessage();
    void orphanToolResultBecomesText();
    void resultsInAnotherOrderStayPaired();
    void duplicateToolUseIdsStayUnique();
    void toolIdsAreNormalizedOnBothSides();
    void longToolNamesAreShortenedAndMappedBack();
    void toolsBecomeFunctions();
    void serverAndDeferredToolsAreDropped();
    void toolChoiceMatrix_data();
    void toolChoiceMatrix();
    void samplingStopAndUnknownFields();
    void maxTokensClamping_data();
    void maxTokensClamping();
    void maxTokensClampedWhenTheBodyUnderstatesTheInput_data();
    void maxTokensClampedWhenTheBodyUnderstatesTheInput();
    void reasoningSwitchPerPlatform_data();
    void reasoningSwitchPerPlatform();
    void thinkingHistoryDroppedOrPassedBack();
    void metadataUserIdBecomesUser();
    void streamAddsStreamOptions();
    void consecutiveUserMessagesAreMerged();
    void toolEmulationDescribesToolsInPrompt();
    void contextCarriesWhatTheResponseSideNeeds();
    void claudeCodeMainLoopFixture();
    void claudeCodeToolResultFixture();
};
