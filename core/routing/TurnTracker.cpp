#include "routing/TurnTracker.h"

TurnTracker::TurnTracker(const MonotonicClock &clock)
    : TurnTracker(clock, Settings())
{
}

TurnTracker::TurnTracker(const MonotonicClock &clock, Settings settings)
    : m_clock(clock)
    , m_settings(settings)
{
}

QString TurnTracker::turnKey(const RequestFeatures &features)
{
    if (features.typedTextMessageIndex < 0)
        return QString();
    return QString::number(features.typedTextMessageIndex) + QLatin1Char(':')
        + QString::number(qHash(features.typedText, 0), 16);
}

TurnTracker::Entry *TurnTracker::find(const QString &conversationKey, qint64 nowMs)
{
    dropExpired(nowMs);
    const auto it = m_entries.find(conversationKey);
    return it == m_entries.end() ? nullptr : &*it;
}

void TurnTracker::touch(Entry &entry, qint64 nowMs)
{
    entry.lastUsedMs = nowMs;
    m_recent.splice(m_recent.begin(), m_recent, entry.order);
}

void TurnTracker::dropExpired(qint64 nowMs)
{
    while (!m_recent.empty()) {
        const auto it = m_entries.find(m_recent.back());
        if (it != m_entries.end() && nowMs - it->lastUsedMs < m_settings.expiryMs)
            break;
        if (it != m_entries.end())
            m_entries.erase(it);
        m_recent.pop_back();
    }
}

TurnTracker::Decision TurnTracker::decide(const QString &endpoint, const RequestFeatures &features)
{
    const qint64 now = m_clock.nowMs();
    Decision decision;
    decision.conversationKey = features.conversationKey;
    decision.turnKey = turnKey(features);
    Entry *entry = features.conversationKey.isEmpty() ? nullptr : find(features.conversationKey, now);
    if (entry)
        touch(*entry, now);

    const bool neverClassify = features.isBackground || endpoint == QLatin1String("/v1/messages/count_tokens")
        || decision.turnKey.isEmpty() || features.conversationKey.isEmpty();
    if (entry && neverClassify) {
        decision.action = Action::Reuse;
        decision.scene = entry->turns.isEmpty() ? QString() : entry->turns.first().scene;
        return decision;
    }
    if (entry) {
        for (const Turn &turn : std::as_const(entry->turns)) {
            if (turn.key == decision.turnKey) {
                decision.action = Action::Reuse;
                decision.scene = turn.scene;
                return decision;
            }
        }
    }
    if (neverClassify)
        return decision; // UseDefault
    decision.action = Action::Classify;
    decision.text = features.typedText;
    return decision;
}

void TurnTracker::remember(const Decision &decision, const QString &scene)
{
    if (decision.conversationKey.isEmpty() || decision.turnKey.isEmpty())
        return;
    const qint64 now = m_clock.nowMs();
    if (Entry *entry = find(decision.conversationKey, now)) {
        entry->turns.removeIf([&](const Turn &turn) { return turn.key == decision.turnKey; });
        entry->turns.prepend({decision.turnKey, scene});
        while (entry->turns.size() > kTurnsPerConversation)
            entry->turns.removeLast();
        touch(*entry, now);
        return;
    }
    while (!m_recent.empty() && int(m_entries.size()) >= m_settings.maxSessions) {
        m_entries.remove(m_recent.back());
        m_recent.pop_back();
    }
    m_recent.push_front(decision.conversationKey);
    Entry entry;
    entry.turns.append({decision.turnKey, scene});
    entry.lastUsedMs = now;
    entry.order = m_recent.begin();
    m_entries.insert(decision.conversationKey, entry);
}

void TurnTracker::clear()
{
    m_entries.clear();
    m_recent.clear();
}

void TurnTracker::followScenes(const RoutingConfig &routing)
{
    bool same = m_sceneChoices.size() == routing.scenes.size();
    for (qsizetype i = 0; same && i < routing.scenes.size(); ++i) {
        const Scene &scene = routing.scenes.at(i);
        same = m_sceneChoices.at(i).first == scene.name && m_sceneChoices.at(i).second == scene.description;
    }
    if (same)
        return;
    if (!m_entries.empty())
        clear();
    m_sceneChoices.clear();
    for (const Scene &scene : routing.scenes)
        m_sceneChoices.append({scene.name, scene.description});
}
