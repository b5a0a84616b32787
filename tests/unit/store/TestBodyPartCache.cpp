#include "store/BodyPartCache.h"

#include <QtTest>

// The store thread's cache of recent body parts: exact hits only, bounded by bytes, least recently used out
// (parts found again are protected from parts seen once).
class TestBodyPartCache : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findsOnlyTheSameBytes();
    void forgetsTheLeastRecentlyUsedBeyondItsLimit();
    void removeAndClear();
    void partsLargerThanTheLimitAreNotKept();
    void aConversationLargerThanTheCacheIsStillFoundInPart();
};

void TestBodyPartCache::findsOnlyTheSameBytes()
{
    BodyPartCache cache;
    const QByteArray part = QByteArray("{\"type\":\"text\",\"text\":\"abc\"}").repeated(50);
    cache.insert(7, part);
    QCOMPARE(cache.find(QByteArray(part)), std::optional<qint64>(7)); // another copy of the same bytes
    QByteArray changed = part;
    changed[changed.size() / 2] = 'X'; // same length, other bytes
    QCOMPARE(cache.find(changed), std::nullopt);
    QCOMPARE(cache.find(part.left(part.size() - 1)), std::nullopt);
    QCOMPARE(cache.find(QByteArray(part + ' ')), std::nullopt);
    QCOMPARE(cache.count(), qsizetype(1));
    QCOMPARE(cache.bytes(), part.size());
}

void TestBodyPartCache::forgetsTheLeastRecentlyUsedBeyondItsLimit()
{
    BodyPartCache cache(3000);
    const QByteArray a(1000, 'a');
    const QByteArray b(1000, 'b');
    const QByteArray c(1000, 'c');
    const QByteArray d(1000, 'd');
    cache.insert(1, a);
    cache.insert(2, b);
    cache.insert(3, c);
    QCOMPARE(cache.bytes(), qsizetype(3000));
    QCOMPARE(cache.find(a), std::optional<qint64>(1)); // a is now the most recently used, b the least
    cache.insert(4, d);
    QCOMPARE(cache.bytes(), qsizetype(3000));
    QCOMPARE(cache.find(b), std::nullopt);
    QCOMPARE(cache.find(a), std::optional<qint64>(1));
    QCOMPARE(cache.find(c), std::optional<qint64>(3));
    QCOMPARE(cache.find(d), std::optional<qint64>(4));
}

void TestBodyPartCache::removeAndClear()
{
    BodyPartCache cache;
    const QByteArray a(1500, 'a');
    const QByteArray b(1500, 'b');
    cache.insert(1, a);
    cache.insert(2, b);
    cache.remove(1);
    cache.remove(99); // unknown: nothing happens
    QCOMPARE(cache.find(a), std::nullopt);
    QCOMPARE(cache.find(b), std::optional<qint64>(2));
    QCOMPARE(cache.bytes(), b.size());
    cache.insert(2, a); // an id inserted again replaces its entry
    QCOMPARE(cache.find(b), std::nullopt);
    QCOMPARE(cache.find(a), std::optional<qint64>(2));
    QCOMPARE(cache.count(), qsizetype(1));
    cache.clear();
    QCOMPARE(cache.count(), qsizetype(0));
    QCOMPARE(cache.bytes(), qsizetype(0));
    QCOMPARE(cache.find(a), std::nullopt);
}

void TestBodyPartCache::partsLargerThanTheLimitAreNotKept()
{
    BodyPartCache cache(4096);
    cache.insert(1, QByteArray(2000, 'a'));
    cache.insert(2, QByteArray(5000, 'b'));
    QCOMPARE(cache.find(QByteArray(5000, 'b')), std::nullopt);
    QCOMPARE(cache.find(QByteArray(2000, 'a')), std::optional<qint64>(1)); // and nothing was evicted for it
}

void TestBodyPartCache::aConversationLargerThanTheCacheIsStillFoundInPart()
{
    // Room for ten messages; each request resends the whole conversation, which grows to twenty.
    BodyPartCache cache(10 * 1000);
    QList<QByteArray> conversation;
    qint64 nextId = 1;
    int hitsInLastRequest = 0;
    for (int request = 0; request < 20; ++request) {
        conversation.append(QByteArray(1000, char('A' + request)));
        hitsInLastRequest = 0;
        for (const QByteArray &message : std::as_const(conversation)) {
            if (cache.find(message))
                ++hitsInLastRequest;
            else
                cache.insert(nextId++, message);
        }
        QVERIFY(cache.bytes() <= cache.maxBytes());
    }
    // Plain LRU would find none: each message would be pushed out just before it is needed again.
    QVERIFY2(hitsInLastRequest >= 7, qPrintable(QString::number(hitsInLastRequest)));
}

QTEST_GUILESS_MAIN(TestBodyPartCache)
#include "TestBodyPartCache.moc"
