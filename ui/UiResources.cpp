#include "UiResources.h"

static void initSwitchyardResources()
{
    Q_INIT_RESOURCE(switchyard);
}

namespace UiResources {

void initialize()
{
    static const bool initialized = [] {
        initSwitchyardResources();
        return true;
    }();
    Q_UNUSED(initialized)
}

QIcon icon(const QString &name)
{
    initialize();
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(name));
}

} // namespace UiResources
