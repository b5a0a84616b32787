#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <list>
#include <optional>
#include <unordered_map>

// The store thread's memory of the body parts it stored recently: part bytes -> part id, so that a part a
// client sends again is neither compressed nor stored again. Entries are found by length and hash and then
// compared byte for byte, so a hit is always the same bytes. The cache holds at most `maxBytes` of part bytes
// and forgets the least recently used parts first. It starts empty; a part it does not know is simply stored
// again.
class BodyPartCache
{
public:
    static constexpr qsizetype kDefaultMaxBytes = 8 * 1024 * 1024;

    explicit BodyPartCache(qsizetype maxBytes = kDefaultMaxBytes);

    // The id of a part with exactly these bytes, if known (it becomes the most recently used).
    std::optional<qint64> find(QByteArrayView bytes);
    // Remembers a part (a copy of its bytes), forgetting older ones to stay within the limit. A part larger
    // than the limit is not remembered.
    void insert(qint64 partId, QByteArrayView bytes);
    // Forgets a part (deleted from the database, or never written).
    void remove(qint64 partId);
    void clear();

    qsizetype count() const { return qsizetype(m_entries.size()); }
    qsizetype bytes() const { return m_bytes; }
    qsizetype maxBytes() const { return m_maxBytes; }

private:
    struct Entry
    {
        qint64 partId = 0;
        size_t key = 0;
        QByteArray bytes;
    };
    using EntryList = std::list<Entry>; // most recently used first
    using Position = EntryList::iterator;

    static size_t keyOf(QByteArrayView bytes);
    void erase(Position position);

    qsizetype m_maxBytes;
    qsizetype m_bytes = 0;
    EntryList m_entries;
    std::unordered_multimap<size_t, Position> m_byKey;
    std::unordered_map<qint64, Position> m_byId;
};
