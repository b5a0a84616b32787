#include "convert/ToolNameMap.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace {

bool isIdChar(QChar c)
{
    const ushort u = c.unicode();
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_' || u == '-';
}

QString sanitized(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text)
        out.append(isIdChar(c) ? c : QLatin1Char('_'));
    return out;
}

QString hashHex(const QString &text, int digits)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex().left(digits));
}

// A prefix + "_" + hash form that fits maxLength.
QString shortened(const QString &original, const QString &clean, int maxLength)
{
    return clean.left(maxLength - 9) + QLatin1Char('_') + hashHex(original, 8);
}

} // namespace

bool ToolNameMap::isValidUpstreamName(const QString &name)
{
    if (name.isEmpty() || name.size() > kMaxNameLength)
        return false;
    for (QChar c : name) {
        if (!isIdChar(c))
            return false;
    }
    return true;
}

QString ToolNameMap::upstreamNameFor(const QString &clientName)
{
    if (isValidUpstreamName(clientName))
        return clientName;
    if (clientName.isEmpty())
        return QStringLiteral("tool");
    const QString clean = sanitized(clientName);
    // A sanitized name that still fits but differs gets a hash too, so two names differing only in invalid
    // characters ("a.b" and "a:b") do not collide.
    return shortened(clientName, clean, kMaxNameLength);
}

QString ToolNameMap::addClientName(const QString &clientName)
{
    const QString upstream = upstreamNameFor(clientName);
    if (upstream != clientName)
        m_upstreamToClient.insert(upstream, clientName);
    return upstream;
}

QString ToolNameMap::toUpstream(const QString &clientName) const
{
    return upstreamNameFor(clientName);
}

QString ToolNameMap::toClient(const QString &upstreamName) const
{
    return m_upstreamToClient.value(upstreamName, upstreamName);
}

bool ToolNameMap::isValidId(const QString &id)
{
    return isValidUpstreamName(id);
}

QString ToolNameMap::normalizeId(const QString &id)
{
    if (id.isEmpty())
        return generateId();
    if (isValidId(id))
        return id;
    const QString clean = sanitized(id);
    if (clean.size() <= kMaxIdLength && clean != id) {
        // Invalid characters only: a readable replacement plus a short hash keeps distinct ids distinct
        // ("functions.Bash:0" and "functions_Bash_0" must not merge).
        const QString candidate = clean + QLatin1Char('_') + hashHex(id, 6);
        if (candidate.size() <= kMaxIdLength)
            return candidate;
    }
    return shortened(id, clean, kMaxIdLength);
}

QString ToolNameMap::uniqueId(const QString &upstreamId, QStringList &used)
{
    QString id = upstreamId.isEmpty() ? generateId() : normalizeId(upstreamId);
    const QString base = id;
    for (int n = 2; used.contains(id); ++n)
        id = normalizeId(base + QStringLiteral("_") + QString::number(n));
    used << id;
    return id;
}

QString ToolNameMap::generateId()
{
    QString id = QStringLiteral("toolu_");
    static const char hex[] = "0123456789abcdef";
    QRandomGenerator *rng = QRandomGenerator::global();
    for (int i = 0; i < 24; ++i)
        id.append(QLatin1Char(hex[rng->bounded(16)]));
    return id;
}
