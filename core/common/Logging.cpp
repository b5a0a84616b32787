#include "common/Logging.h"

#include <QString>

Q_LOGGING_CATEGORY(lcApp, "switchyard.app", QtInfoMsg)
Q_LOGGING_CATEGORY(lcConfig, "switchyard.config", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "switchyard.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUpstream, "switchyard.upstream", QtInfoMsg)
Q_LOGGING_CATEGORY(lcPlatforms, "switchyard.platforms", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRoute, "switchyard.route", QtInfoMsg)
Q_LOGGING_CATEGORY(lcConvert, "switchyard.convert", QtInfoMsg)
Q_LOGGING_CATEGORY(lcProxy, "switchyard.proxy", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServer, "switchyard.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRuntime, "switchyard.runtime", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "switchyard.ui", QtInfoMsg)

namespace Logging {

void install(bool debug)
{
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-dd hh:mm:ss.zzz} %{if-debug}debug%{endif}%{if-info}info%{endif}"
                                      "%{if-warning}warning%{endif}%{if-critical}critical%{endif}%{if-fatal}fatal%{endif}"
                                      " %{category}: %{message}"));
    QLoggingCategory::setFilterRules(debug ? QStringLiteral("switchyard.*.debug=true") : QStringLiteral("switchyard.*.debug=false"));
}

} // namespace Logging
