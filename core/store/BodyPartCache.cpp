#include "store/BodyPartCache.h"

#include <QHashFunctions>

#include <cstring>

BodyPartCache::BodyPartCache(qsizetype maxBytes)
    : m_maxBytes(maxBytes)
{
}

size_t BodyPartCache::keyOf(QByteArrayView bytes)
{
    // (length, hash of the bytes): the length seeds the hash. A match is then compared byte for byte.
    return qHash(bytes, size_t(bytes.size()));
}

std::optional<qint64> BodyPartCache::find(QByteArrayView bytes)
{
    const auto [first, last] = m_byKey.equal_range(keyOf(bytes));
    for (auto it = first; it != last; ++it) {
        const Position position = it->second;
        const QByteArray &candidate = position->bytes;
        if (candidate.size() == bytes.size()
            && std::memcmp(candidate.constData(), bytes.data(), size_t(bytes.size())) == 0) {
            m_entries.splice(m_entries.begin(), m_entries, position);
            return position->partId;
        }
    }
    return std::nullopt;
}

void BodyPartCache::insert(qint64 partId, QByteArrayView bytes)
{
    remove(partId);
    if (bytes.size() > m_maxBytes)
        return;
    while (!m_entries.empty() && m_bytes + bytes.size() > m_maxBytes)
        erase(std::prev(m_entries.end()));
    const size_t key = keyOf(bytes);
    m_entries.push_front(Entry {partId, key, bytes.toByteArray()});
    m_bytes += bytes.size();
    m_byKey.emplace(key, m_entries.begin());
    m_byId.emplace(partId, m_entries.begin());
}

void BodyPartCache::remove(qint64 partId)
{
    const auto it = m_byId.find(partId);
    if (it != m_byId.end())
        erase(it->second);
}

void BodyPartCache::clear()
{
    m_byKey.clear();
    m_byId.clear();
    m_entries.clear();
    m_bytes = 0;
}

void BodyPartCache::erase(Position position)
{
    const auto [first, last] = m_byKey.equal_range(position->key);
    for (auto it = first; it != last; ++it) {
        if (it->second == position) {
            m_byKey.erase(it);
            break;
        }
    }
    m_byId.erase(position->partId);
    m_bytes -= position->bytes.size();
    m_entries.erase(position);
}
