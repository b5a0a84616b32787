#include "store/BodyCodec.h"

#include <QRandomGenerator>
#include <QtTest>

#include <zlib.h>

class TestBodyCodec : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void isPlainZlib();
    void refusesDamagedInput_data();
    void refusesDamagedInput();
};

namespace {

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QRandomGenerator generator(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &c : bytes)
        c = char(generator.bounded(256));
    return bytes;
}

} // namespace

void TestBodyCodec::roundTrip_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("one byte") << QByteArray("x");
    QTest::newRow("json") << QByteArray(R"({"model":"m","messages":[{"role":"user","content":"hello"}]})").repeated(50);
    static const char binary[] = "\xff\xfe\x00\xc3\x28 \x00\x00 end";
    QTest::newRow("invalid utf-8 and NULs") << QByteArray(binary, sizeof(binary) - 1);
    QTest::newRow("random 1 MB") << randomBytes(1024 * 1024, 7);
}

void TestBodyCodec::roundTrip()
{
    QFETCH(QByteArray, body);
    const QByteArray stored = BodyCodec::compress(body);
    QCOMPARE(stored.isEmpty(), body.isEmpty());
    const auto restored = BodyCodec::decompress(stored, body.size());
    QVERIFY(restored.has_value());
    QCOMPARE(*restored, body);
}

void TestBodyCodec::isPlainZlib()
{
    // Any zlib reader must be able to read a stored body: inflate it with zlib itself.
    const QByteArray body = QByteArray("data: {\"type\":\"ping\"}\n\n").repeated(100);
    const QByteArray stored = BodyCodec::compress(body);
    QVERIFY(stored.size() < body.size());
    QByteArray out(body.size(), Qt::Uninitialized);
    uLongf outLength = uLongf(out.size());
    QCOMPARE(uncompress(reinterpret_cast<Bytef *>(out.data()), &outLength,
                 reinterpret_cast<const Bytef *>(stored.constData()), uLong(stored.size())),
        Z_OK);
    QCOMPARE(qsizetype(outLength), body.size());
    QCOMPARE(out, body);
    // No qCompress length prefix: the stream starts with a zlib header (CMF 0x78).
    QCOMPARE(quint8(stored.at(0)), quint8(0x78));
}

void TestBodyCodec::refusesDamagedInput_data()
{
    const QByteArray body = QByteArray("the quick brown fox ").repeated(200);
    const QByteArray stored = BodyCodec::compress(body);
    QByteArray flipped = stored;
    flipped[stored.size() / 2] = char(flipped[stored.size() / 2] ^ 0x55);

    QTest::addColumn<QByteArray>("stored");
    QTest::addColumn<qint64>("size");
    QTest::newRow("size too small") << stored << qint64(body.size() - 1);
    QTest::newRow("size too large") << stored << qint64(body.size() + 1);
    QTest::newRow("negative size") << stored << qint64(-1);
    QTest::newRow("truncated stream") << stored.left(stored.size() - 5) << qint64(body.size());
    QTest::newRow("flipped byte") << flipped << qint64(body.size());
    QTest::newRow("trailing garbage") << (stored + "junk") << qint64(body.size());
    QTest::newRow("not zlib") << QByteArray("plain text, not compressed") << qint64(26);
    QTest::newRow("bytes for an empty body") << stored << qint64(0);
    QTest::newRow("nothing for a non-empty body") << QByteArray() << qint64(10);
}

void TestBodyCodec::refusesDamagedInput()
{
    QFETCH(QByteArray, stored);
    QFETCH(qint64, size);
    QVERIFY(!BodyCodec::decompress(stored, size).has_value());
}

QTEST_GUILESS_MAIN(TestBodyCodec)
#include "TestBodyCodec.moc"
