#include "upstream/ContentDecoder.h"

#include <QRandomGenerator>
#include <QtTest>
#include <zlib.h>

namespace {

// windowBits: 15 zlib, -15 raw deflate, 31 gzip.
QByteArray compress(const QByteArray &data, int windowBits)
{
    z_stream z {};
    deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&z, uLong(data.size()))) + 64, Qt::Uninitialized);
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    const int result = deflate(&z, Z_FINISH);
    Q_ASSERT(result == Z_STREAM_END);
    out.resize(qsizetype(z.total_out));
    deflateEnd(&z);
    return out;
}

QByteArray sampleText()
{
    QByteArray text;
    for (int i = 0; i < 2000; ++i)
        text += "event: content_block_delta\ndata: {\"type\":\"text_delta\",\"text\":\"token " + QByteArray::number(i)
            + "\"}\n\n";
    return text;
}

QByteArray noise(int size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(42);
    for (char &c : bytes)
        c = char(generator.bounded(256));
    return bytes;
}

} // namespace

class TestContentDecoder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void codingFor_data();
    void codingFor();
    void decodes_data();
    void decodes();
    void decodesSplitAtEveryByte_data() { decodes_data(); }
    void decodesSplitAtEveryByte();
    void gzipMembersInSequence();
    void truncatedStreamIsReportedAtFinish_data() { decodes_data(); }
    void truncatedStreamIsReportedAtFinish();
    void corruptInput();
    void dataAfterDeflateEnd();
    void emptyBody();
};

void TestContentDecoder::codingFor_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<int>("coding");
    QTest::newRow("absent") << QByteArray() << int(ContentDecoder::Coding::Identity);
    QTest::newRow("identity") << QByteArray("Identity") << int(ContentDecoder::Coding::Identity);
    QTest::newRow("gzip") << QByteArray(" GZIP ") << int(ContentDecoder::Coding::Gzip);
    QTest::newRow("x-gzip") << QByteArray("x-gzip") << int(ContentDecoder::Coding::Gzip);
    QTest::newRow("deflate") << QByteArray("deflate") << int(ContentDecoder::Coding::Deflate);
    QTest::newRow("br") << QByteArray("br") << int(ContentDecoder::Coding::Unsupported);
    QTest::newRow("two codings") << QByteArray("gzip, deflate") << int(ContentDecoder::Coding::Unsupported);
}

void TestContentDecoder::codingFor()
{
    QFETCH(QByteArray, header);
    QFETCH(int, coding);
    QCOMPARE(int(ContentDecoder::codingFor(header)), coding);
}

void TestContentDecoder::decodes_data()
{
    QTest::addColumn<int>("coding");
    QTest::addColumn<QByteArray>("plain");
    QTest::addColumn<QByteArray>("encoded");

    const QByteArray text = sampleText();
    const QByteArray random = noise(40000);
    QTest::newRow("gzip text") << int(ContentDecoder::Coding::Gzip) << text << compress(text, 31);
    QTest::newRow("gzip incompressible") << int(ContentDecoder::Coding::Gzip) << random << compress(random, 31);
    QTest::newRow("deflate zlib-wrapped") << int(ContentDecoder::Coding::Deflate) << text << compress(text, 15);
    QTest::newRow("deflate raw") << int(ContentDecoder::Coding::Deflate) << text << compress(text, -15);
    QTest::newRow("deflate raw tiny") << int(ContentDecoder::Coding::Deflate) << QByteArray("x") << compress("x", -15);
    QTest::newRow("gzip tiny") << int(ContentDecoder::Coding::Gzip) << QByteArray("{}") << compress("{}", 31);
}

void TestContentDecoder::decodes()
{
    QFETCH(int, coding);
    QFETCH(QByteArray, plain);
    QFETCH(QByteArray, encoded);
    ContentDecoder decoder {ContentDecoder::Coding(coding)};
    QByteArray out;
    QVERIFY2(decoder.decode(encoded, out), qPrintable(decoder.errorString()));
    QVERIFY(decoder.finish());
    QCOMPARE(out.size(), plain.size());
    QVERIFY(out == plain);
}

void TestContentDecoder::decodesSplitAtEveryByte()
{
    QFETCH(int, coding);
    QFETCH(QByteArray, plain);
    QFETCH(QByteArray, encoded);
    const qsizetype step = encoded.size() > 400 ? encoded.size() / 97 : 1;
    for (qsizetype split = 0; split <= encoded.size(); split += step) {
        ContentDecoder decoder {ContentDecoder::Coding(coding)};
        QByteArray out;
        QVERIFY(decoder.decode(QByteArrayView(encoded).first(split), out));
        QVERIFY(decoder.decode(QByteArrayView(encoded).sliced(split), out));
        QVERIFY2(decoder.finish() && out == plain, qPrintable(QStringLiteral("split at %1").arg(split)));
    }
    // One byte at a time.
    ContentDecoder decoder {ContentDecoder::Coding(coding)};
    QByteArray out;
    for (const char c : encoded)
        QVERIFY(decoder.decode(QByteArrayView(&c, 1), out));
    QVERIFY(decoder.finish());
    QVERIFY(out == plain);
}

void TestContentDecoder::gzipMembersInSequence()
{
    ContentDecoder decoder(ContentDecoder::Coding::Gzip);
    QByteArray out;
    QVERIFY(decoder.decode(QByteArray(compress("first ", 31) + compress("second", 31)), out));
    QVERIFY(decoder.finish());
    QCOMPARE(out, QByteArray("first second"));
}

void TestContentDecoder::truncatedStreamIsReportedAtFinish()
{
    QFETCH(int, coding);
    QFETCH(QByteArray, encoded);
    ContentDecoder decoder {ContentDecoder::Coding(coding)};
    QByteArray out;
    QVERIFY(decoder.decode(encoded.chopped(1), out));
    QVERIFY(!decoder.finish());
    QVERIFY(decoder.errorString().contains(QStringLiteral("ended before the end")));
}

void TestContentDecoder::corruptInput()
{
    ContentDecoder gzip(ContentDecoder::Coding::Gzip);
    QByteArray out;
    QVERIFY(!gzip.decode(QByteArrayView("this is not gzip at all"), out));
    QVERIFY(gzip.errorString().contains(QStringLiteral("corrupt gzip body")));
    QVERIFY(!gzip.finish());

    QByteArray damaged = compress(sampleText(), 31);
    damaged[damaged.size() / 2] = char(damaged[damaged.size() / 2] ^ 0x55);
    damaged[damaged.size() / 2 + 1] = char(damaged[damaged.size() / 2 + 1] ^ 0x55);
    ContentDecoder second(ContentDecoder::Coding::Gzip);
    const bool decoded = second.decode(damaged, out) && second.finish();
    QVERIFY(!decoded); // either the deflate data or the CRC check fails
}

void TestContentDecoder::dataAfterDeflateEnd()
{
    ContentDecoder decoder(ContentDecoder::Coding::Deflate);
    QByteArray out;
    QVERIFY(!decoder.decode(QByteArray(compress("abc", 15) + "junk"), out));
    QVERIFY(decoder.errorString().contains(QStringLiteral("after the end")));
}

void TestContentDecoder::emptyBody()
{
    ContentDecoder decoder(ContentDecoder::Coding::Gzip);
    QVERIFY(decoder.finish());
    ContentDecoder deflate(ContentDecoder::Coding::Deflate);
    QByteArray out;
    QVERIFY(deflate.decode(QByteArrayView("x"), out)); // one byte: the form is not known yet
    QVERIFY(!deflate.finish());
}

QTEST_GUILESS_MAIN(TestContentDecoder)
#include "TestContentDecoder.moc"
