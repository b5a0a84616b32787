#include "store/BodyPartCache.h"

#include <QHashFunctions>

#include <cstring>

BodyPartCache::BodyPartCache(qsizetype maxBytes)
    : m_maxBytes(maxBytes)
    , m_protectedMaxBytes(maxBytes / 4 * 3)
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
        if (candidate.size() != bytes.size()
            || std::memcmp(candidate.constData(), bytes.data(), size_t(bytes.size())) != 0)
            continue;
        if (position->isProtected) {
            m_protected.splice(m_protected.begin(), m_protected, position);
        } else {
            position->isProtected = true;
            m_probationBytes -= position->bytes.size();
            m_protectedBytes += position->bytes.size();
            m_protected.splice(m_protected.begin(), m_probation, position);
            // Over its share, the protected list hands its least recently used parts back to probation.
            while (m_protectedBytes > m_protectedMaxBytes && m_protected.size() > 1) {
                const Position demoted = std::prev(m_protected.end());
                demoted->isProtected = false;
                m_protectedBytes -= demoted->bytes.size();
                m_probationBytes += demoted->bytes.size();
                m_probation.splice(m_probation.begin(), m_protected, demoted);
            }
        }
        return position->partId;
    }
    return std::nullopt;
}

void BodyPartCache::insert(qint64 partId, QByteArrayView bytes)
{
    remove(partId);
    if (bytes.size() > m_maxBytes)
        return;
    while (bytes.size() + this->bytes() > m_maxBytes)
        erase(m_probation.empty() ? std::prev(m_protected.end()) : std::prev(m_probation.end()));
    const size_t key = keyOf(bytes);
    m_probation.push_front(Entry {partId, key, false, bytes.toByteArray()});
    m_probationBytes += bytes.size();
    m_byKey.emplace(key, m_probation.begin());
    m_byId.emplace(partId, m_probation.begin());
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
    m_probation.clear();
    m_protected.clear();
    m_probationBytes = 0;
    m_protectedBytes = 0;
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
    if (position->isProtected) {
        m_protectedBytes -= position->bytes.size();
        m_protected.erase(position);
    } else {
        m_probationBytes -= position->bytes.size();
        m_probation.erase(position);
    }
}
