#include "ShellSetup.h"

#include <QRegularExpression>

namespace ShellSetup {

QString shellQuoted(const QString &word)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_./:@%+=,-]+$"));
    if (safe.match(word).hasMatch())
        return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString authToken(const Config &resolved, QString *clientKeyId)
{
    for (const ClientKey &key : resolved.clientKeys) {
        if (key.enabled && !key.key.isEmpty()) {
            if (clientKeyId)
                *clientKeyId = key.id;
            return key.key;
        }
    }
    if (clientKeyId)
        clientKeyId->clear();
    return QLatin1String(kNoKeyPlaceholder);
}

Result forConfig(const QString &baseUrl, const Config &resolved)
{
    Result result;
    const QString token = authToken(resolved, &result.clientKeyId);
    result.usesClientKey = !result.clientKeyId.isEmpty();
    result.text = QStringLiteral("export ANTHROPIC_BASE_URL=%1 ANTHROPIC_AUTH_TOKEN=%2")
                      .arg(shellQuoted(baseUrl), shellQuoted(token));
    return result;
}

} // namespace ShellSetup
