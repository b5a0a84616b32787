#include "store/BodyCodec.h"

#include <QRandomGenerator>
#include <QtTest>

#include <zlib.h>
#include <zstd.h>

class TestBodyCodec : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void isAStandardZstdFrame();
    void readsBodiesOfEarlierVersions();
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

void TestBodyCodec::isAStandardZstdFrame()
{
    // Any zstd reader must be able to read a stored body: decompress it with libzstd's one-shot API.
    const QByteArray body = QByteArray("data: {\"type\":\"ping\"}\n\n").repeated(100);
    const QByteArray stored = BodyCodec::compress(body);
    QVERIFY(stored.size() < body.size() / 5);
    QVERIFY(BodyCodec::isZstdFrame(stored));
    QCOMPARE(ZSTD_getFrameContentSize(stored.constData(), size_t(stored.size())), (unsigned long long)body.size());
    QByteArray out(body.size(), Qt::Uninitialized);
    QCOMPARE(ZSTD_decompress(out.data(), size_t(out.size()), stored.constData(), size_t(stored.size())),
        size_t(body.size()));
    QCOMPARE(out, body);
}

void TestBodyCodec::readsBodiesOfEarlierVersions()
{
    // Earlier versions stored plain zlib streams; they stay readable.
    const QByteArray body = QByteArray(R"({"model":"m","messages":[]})").repeated(40);
    const QByteArray legacy = BodyCodec::compressZlib(body);
    QCOMPARE(quint8(legacy.at(0)), quint8(0x78)); // a zlib header
    QVERIFY(!BodyCodec::isZstdFrame(legacy));
    const auto restored = BodyCodec::decompress(legacy, body.size());
    QVERIFY(restored.has_value());
    QCOMPARE(*restored, body);
}

void TestBodyCodec::refusesDamagedInput_data()
{
    const QByteArray body = QByteArray("the quick brown fox ").repeated(200);
    QTest::addColumn<QByteArray>("stored");
    QTest::addColumn<qint64>("size");
    for (const bool zstd : {true, false}) {
        const QByteArray stored = zstd ? BodyCodec::compress(body) : BodyCodec::compressZlib(body);
        QByteArray flipped = stored;
        flipped[stored.size() / 2] = char(flipped[stored.size() / 2] ^ 0x55);
        const QByteArray format = zstd ? "zstd: " : "zlib: ";
        QTest::newRow(QByteArray(format + "size too small").constData()) << stored << qint64(body.size() - 1);
        QTest::newRow(QByteArray(format + "size too large").constData()) << stored << qint64(body.size() + 1);
        QTest::newRow(QByteArray(format + "negative size").constData()) << stored << qint64(-1);
        QTest::newRow(QByteArray(format + "truncated stream").constData())
            << stored.left(stored.size() - 5) << qint64(body.size());
        QTest::newRow(QByteArray(format + "flipped byte").constData()) << flipped << qint64(body.size());
        QTest::newRow(QByteArray(format + "trailing garbage").constData()) << (stored + "junk") << qint64(body.size());
        QTest::newRow(QByteArray(format + "bytes for an empty body").constData()) << stored << qint64(0);
    }
    QTest::newRow("not compressed") << QByteArray("plain text, not compressed") << qint64(26);
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
