#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <list>
#include <optional>
#include <unordered_map>

// The store thread's memory of the body parts it stored recently: part bytes -> part id, so that a part a
// client sends again is neither compressed nor stored again. Entries are found by length and hash and then
// compared byte for byte, so a hit is always the same bytes. It starts empty; a part it does not know is
// simply stored again.
//
// The cache holds at most `maxBytes` of part bytes, in two least-recently-used lists: new parts enter on
// probation, and a part found again moves to the protected list (at most three quarters of the bytes). New
// parts push out parts on probation first. A conversation resends all its messages in the same order with
// every request; when they outgrow the cache, plain LRU would push out each message just before it is
// needed again and find none of them, while this keeps finding the protected ones.
class BodyPartCache
{
public:
    // Enough for `system`, `tools` and the messages of a few long conversations at once, and small enough
    // for the process's memory to stay low.
    static constexpr qsizetype kDefaultMaxBytes = 4 * 1024 * 1024;

    explicit BodyPartCache(qsizetype maxBytes = kDefaultMaxBytes);

    // The id of a part with exactly these bytes, if known (it becomes the most recently used).
    std::optional<qint64> find(QByteArrayView bytes);
    // Remembers a part (a copy of its bytes), forgetting others to stay within the limit. A part larger than
    // the limit is not remembered.
    void insert(qint64 partId, QByteArrayView bytes);
    // Forgets a part (deleted from the database, or never written).
    void remove(qint64 partId);
    void clear();

    qsizetype count() const { return qsizetype(m_probation.size() + m_protected.size()); }
    qsizetype bytes() const { return m_probationBytes + m_protectedBytes; }
    qsizetype maxBytes() const { return m_maxBytes; }

private:
    struct Entry
    {
        qint64 partId = 0;
        size_t key = 0;
        bool isProtected = false;
        QByteArray bytes;
    };
    using EntryList = std::list<Entry>; // most recently used first
    using Position = EntryList::iterator;

    static size_t keyOf(QByteArrayView bytes);
    void erase(Position position);

    qsizetype m_maxBytes;
    qsizetype m_protectedMaxBytes;
    qsizetype m_probationBytes = 0;
    qsizetype m_protectedBytes = 0;
    EntryList m_probation;
    EntryList m_protected;
    std::unordered_multimap<size_t, Position> m_byKey;
    std::unordered_map<qint64, Position> m_byId;
};
