#pragma once

#include <QObject>

// Declared here so that moc reads only this header (the test file is full of JSON raw strings).
class TestConvertParts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void toolNames_data();
    void toolNames();
    void toolIds_data();
    void toolIds();
    void schemaSanitizer_data();
    void schemaSanitizer();
    void schemaSanitizerIsBounded();
    void argumentRepair_data();
    void argumentRepair();
    void thinkTags_data();
    void thinkTags();
    void textToolCalls_data();
    void textToolCalls();
    void tokenEstimatorCountsEveryPart();
    void tokenEstimatorImages();
    void profiles_data();
    void profiles();
    void profileOverrides();
};
