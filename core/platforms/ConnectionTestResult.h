#pragma once

#include "platforms/DiscoveredModel.h"
#include "platforms/PlatformFailure.h"

#include <QList>
#include <QMetaType>
#include <QString>

// What a connection test found, shaped for a dialog: an icon from `category`, `message` as the one line
// under it, `details` behind a "Details" button. Never contains the API key.
struct ConnectionTestResult
{
    ConnectionCategory category = ConnectionCategory::Ok;
    QString message; // "Connected to DashScope (Qwen) in 182 ms: 96 models available, including qwen-plus."
    QString details; // several lines: URLs, HTTP status, the platform's own error message
    int httpStatus = 0; // the status of the answer that decided a failure; 0 when none
    qint64 latencyMs = -1; // first request: from sending it to the first byte of the answer (connect included)
    qint64 elapsedMs = 0; // the whole test
    int modelCount = -1; // models in the platform's list; -1 when the list could not be read
    QString model; // the model the test was asked to check (may be empty)
    bool modelVerified = false; // found in the list, or it answered a test request
    bool probed = false; // a one-token test request was sent
    QList<DiscoveredModel> models; // the list, when it was read (to offer a model picker)

    bool ok() const { return category == ConnectionCategory::Ok; }
    QString categoryId() const { return connectionCategoryId(category); }
};

Q_DECLARE_METATYPE(ConnectionTestResult)
