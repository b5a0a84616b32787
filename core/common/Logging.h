#pragma once

#include <QLoggingCategory>

class LogBuffer;

// One logging category per module, named after the folder: switchyard.<module>.
// Debug output is off by default and switched on by --debug (see Logging::install).
Q_DECLARE_LOGGING_CATEGORY(lcApp)
Q_DECLARE_LOGGING_CATEGORY(lcConfig)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcUpstream)
Q_DECLARE_LOGGING_CATEGORY(lcPlatforms)
Q_DECLARE_LOGGING_CATEGORY(lcRoute)
Q_DECLARE_LOGGING_CATEGORY(lcConvert)
Q_DECLARE_LOGGING_CATEGORY(lcProxy)
Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcRuntime)
Q_DECLARE_LOGGING_CATEGORY(lcUi)

namespace Logging {

// Sets the message pattern and the category rules. With debug=false only info and above of
// switchyard.* and warnings of Qt's own categories are shown.
void install(bool debug);
// Switches debug messages of switchyard.* on or off while running.
void setDebug(bool debug);
bool isDebug();
// Also keeps every message that passes the filters in `buffer` (the log viewer's), besides printing it.
// The buffer must outlive the handler: call installBuffer(nullptr) before destroying it.
void installBuffer(LogBuffer *buffer);

} // namespace Logging
