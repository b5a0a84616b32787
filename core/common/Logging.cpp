#include "common/Logging.h"

#include "common/LogBuffer.h"

#include <QString>
#include <atomic>

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

namespace {

std::atomic<bool> g_debug {false};
QtMessageHandler g_previousHandler = nullptr;
bool g_handlerInstalled = false;

void bufferingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (LogBuffer *buffer = LogBuffer::instance())
        buffer->append(type, QString::fromUtf8(context.category ? context.category : "default"), message);
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

} // namespace

namespace Logging {

void setDebug(bool debug)
{
    g_debug.store(debug);
    QLoggingCategory::setFilterRules(
        debug ? QStringLiteral("switchyard.*.debug=true") : QStringLiteral("switchyard.*.debug=false"));
}

bool isDebug()
{
    return g_debug.load();
}

void installBuffer(LogBuffer *buffer)
{
    LogBuffer::setInstance(buffer);
    if (buffer && !g_handlerInstalled) {
        g_previousHandler = qInstallMessageHandler(bufferingHandler);
        g_handlerInstalled = true;
    } else if (!buffer && g_handlerInstalled) {
        qInstallMessageHandler(g_previousHandler);
        g_previousHandler = nullptr;
        g_handlerInstalled = false;
    }
}

void install(bool debug)
{
    qSetMessagePattern(
        QStringLiteral("%{time yyyy-MM-dd hh:mm:ss.zzz} %{if-debug}debug%{endif}%{if-info}info%{endif}"
                       "%{if-warning}warning%{endif}%{if-critical}critical%{endif}%{if-fatal}fatal%{endif}"
                       " %{category}: %{message}"));
    setDebug(debug);
}

} // namespace Logging
