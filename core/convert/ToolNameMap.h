#pragma once

#include <QHash>
#include <QString>

// Tool names and tool-call ids between the two APIs.
//
// Names: OpenAI function names must match ^[A-Za-z0-9_-]{1,64}$. A longer or odd Anthropic name (long MCP
// names) is sent as a sanitized 55-character prefix + "_" + 8 hex digits of its SHA-256; the map remembers the
// original so responses and streams name the tool the client declared. Names that are already valid are sent
// unchanged and need no entry.
//
// Ids: both directions use one deterministic normalization (invalid characters -> '_', at most 40 characters
// with a hash suffix when longer, "toolu_<hash>" when empty). Because it is a pure function of the id, the
// tool_use id and the tool_result tool_use_id of the next request normalize to the same value without any state
// kept between requests.
class ToolNameMap
{
public:
    static constexpr int kMaxNameLength = 64;
    static constexpr int kMaxIdLength = 40; // OpenAI rejects longer tool_call ids

    // Registers a client-side tool name and returns the name to send upstream.
    QString addClientName(const QString &clientName);
    // The upstream name for a client name (computed when it was never registered).
    QString toUpstream(const QString &clientName) const;
    // The client name for a name the upstream used; unknown names come back unchanged.
    QString toClient(const QString &upstreamName) const;
    bool isEmpty() const { return m_upstreamToClient.isEmpty(); }

    // The upstream form of any name, without registering it.
    static QString upstreamNameFor(const QString &clientName);
    static bool isValidUpstreamName(const QString &name);

    // ^[A-Za-z0-9_-]+$, at most kMaxIdLength characters, never empty.
    static QString normalizeId(const QString &id);
    static bool isValidId(const QString &id);
    // "toolu_" + 24 random hex digits.
    static QString generateId();
    // The id a tool call gets in one answer: the upstream's id normalized (a new one when it has none), made
    // unique among `used` ("_2", "_3", ...), then added to `used`.
    static QString uniqueId(const QString &upstreamId, QStringList &used);

private:
    QHash<QString, QString> m_upstreamToClient; // only names that changed
};
