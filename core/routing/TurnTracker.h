#pragma once

#include "config/Config.h"
#include "routing/MonotonicClock.h"
#include "routing/RequestFeatures.h"

#include <QHash>
#include <QList>
#include <QString>
#include <list>

// Classify once per human turn. In Claude Code's agent loop most requests end in tool results, not in
// something a person typed; the scene chosen for the person's prompt holds for every request of that turn.
//
// Per conversation (RequestFeatures::conversationKey) it remembers the recent turns — the index and text of
// the latest user message a person typed — and the scene decided for each:
//   * a request whose latest typed message is a remembered one reuses its scene (tool-result turns,
//     Claude Code's retries, the non-streaming fallback). Several turns are remembered because Claude Code's
//     sub-agents (the Task tool) share their session with the main loop: each task's first message is its
//     own turn, and the tasks and the main loop take turns sending requests;
//   * a different one (a new prompt, or a turn this tracker has not seen, e.g. after a restart) needs a
//     classification of that text; the caller then calls remember() with the scene, or with an empty scene
//     (the default scene) when the classifier failed or was late, so the turn is never classified twice;
//   * background requests and count_tokens are never classified: they reuse the conversation's scene, if any.
// Memory is bounded: at most maxSessions conversations (least recently used dropped first), each forgotten
// after expiryMs without a request. Proxy thread only (not thread-safe).
class TurnTracker
{
public:
    struct Settings
    {
        int maxSessions = 1'000;
        qint64 expiryMs = 6LL * 60 * 60 * 1000; // a working session rarely pauses longer
    };

    enum class Action
    {
        UseDefault, // nothing to classify and nothing remembered: the default scene
        Reuse, // use `scene`
        Classify, // classify `text`, then remember(decision, scene)
    };

    struct Decision
    {
        Action action = Action::UseDefault;
        QString scene; // for Reuse
        QString text; // for Classify: the typed text
        QString conversationKey;
        QString turnKey; // identifies the human turn ("<message index>:<text hash>"); empty when none
    };

    explicit TurnTracker(const MonotonicClock &clock = MonotonicClock::steady());
    TurnTracker(const MonotonicClock &clock, Settings settings);

    // `endpoint` is the canonical path ("/v1/messages", "/v1/messages/count_tokens").
    Decision decide(const QString &endpoint, const RequestFeatures &features);
    // Stores `scene` as the decision of `decision`'s turn (a Classify decision's).
    void remember(const Decision &decision, const QString &scene);
    // Drops everything.
    void clear();
    // Called with the routing configuration of each request before decide(): when the scenes a classifier
    // chooses among (their names and descriptions) differ from the last call's, every remembered turn is
    // forgotten, since its scene was chosen among other scenes. Changes to a scene's models keep the turns.
    void followScenes(const RoutingConfig &routing);

    int conversationCount() const { return int(m_entries.size()); }

    static QString turnKey(const RequestFeatures &features); // empty when there is no typed text

private:
    static constexpr int kTurnsPerConversation = 16; // the main turn and the sub-agents running beside it

    struct Turn
    {
        QString key;
        QString scene;
    };

    struct Entry
    {
        QList<Turn> turns; // most recently decided first, at most kTurnsPerConversation
        qint64 lastUsedMs = 0;
        std::list<QString>::iterator order; // position in m_recent
    };

    Entry *find(const QString &conversationKey, qint64 nowMs);
    void touch(Entry &entry, qint64 nowMs);
    void dropExpired(qint64 nowMs);

    const MonotonicClock &m_clock;
    Settings m_settings;
    QHash<QString, Entry> m_entries;
    std::list<QString> m_recent; // most recently used first
    QList<std::pair<QString, QString>> m_sceneChoices; // name and description of each scene, at the last call
};
