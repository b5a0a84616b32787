#include "store/BodyCodec.h"
#include "store/RequestBodySplitter.h"
#include "store/SplitBodyCodec.h"

#include <QHash>
#include <QRandomGenerator>
#include <QtTest>

// The stored form of a request body whose large parts are kept apart: it rebuilds the exact bytes, and
// refuses (never misreads) a blob or a part that is damaged or missing.
class TestSplitBodyCodec : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void neverTakenForAnEarlierFormat();
    void readsBodiesThatAreNotSplit();
    void refusesMissingOrWrongParts();
    void refusesDamagedBlobs();
};

namespace {

struct Split
{
    QList<BodySpan> spans;
    QList<qint64> ids;
    QHash<qint64, QByteArray> parts;
};

// Gives the spans ids (equal bytes, equal id, as the store does) and remembers their bytes.
Split splitWith(const QByteArray &body, const QList<BodySpan> &spans)
{
    Split split;
    split.spans = spans;
    QHash<QByteArray, qint64> idOf;
    for (const BodySpan &span : spans) {
        const QByteArray bytes = body.mid(span.offset, span.length);
        qint64 id = idOf.value(bytes, 0);
        if (id == 0) {
            id = 1000 + idOf.size() * 7;
            idOf.insert(bytes, id);
            split.parts.insert(id, bytes);
        }
        split.ids.append(id);
    }
    return split;
}

SplitBodyCodec::PartResolver resolverOf(const QHash<qint64, QByteArray> &parts)
{
    return [parts](qint64 id) -> std::optional<QByteArray> {
        const auto it = parts.constFind(id);
        if (it == parts.constEnd())
            return std::nullopt;
        return *it;
    };
}

QByteArray jsonString(qsizetype length, quint32 seed)
{
    QRandomGenerator generator(seed);
    QByteArray text(length - 2, Qt::Uninitialized);
    for (char &c : text)
        c = char('a' + generator.bounded(26));
    return '"' + text + '"';
}

QByteArray claudeLikeBody()
{
    const QByteArray system = jsonString(8000, 1);
    const QByteArray tools = "[{\"name\":\"Read\",\"description\":" + jsonString(20000, 2) + "}]";
    const QByteArray message = "{\"role\":\"user\",\"content\":" + jsonString(5000, 3) + "}";
    return "{\"model\":\"claude-sonnet-4-5\",\"messages\":[" + message + ",{\"role\":\"assistant\",\"content\":\"ok\"},"
        + message + "],\"system\":" + system + ",\"tools\":" + tools + ",\"stream\":true}";
}

} // namespace

Q_DECLARE_METATYPE(QList<BodySpan>)

void TestSplitBodyCodec::roundTrip_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QList<BodySpan>>("spans");
    const QByteArray body = claudeLikeBody();
    QTest::newRow("request with system, tools and a message sent twice")
        << body << RequestBodySplitter::findParts(body);
    const QByteArray bytes = QByteArray("0123456789").repeated(300);
    QTest::newRow("part at the start") << bytes << QList<BodySpan> {{0, 1024}};
    QTest::newRow("part at the end") << bytes << QList<BodySpan> {{bytes.size() - 1500, 1500}};
    QTest::newRow("adjacent parts") << bytes << QList<BodySpan> {{10, 1024}, {1034, 1024}};
    QTest::newRow("the whole body is one part (empty skeleton)") << bytes << QList<BodySpan> {{0, bytes.size()}};
    QTest::newRow("no parts") << bytes << QList<BodySpan> {};
    const QByteArray binary = QByteArray::fromHex("00ff28b52ffd78da").repeated(400);
    QTest::newRow("bytes that look like frames") << binary << QList<BodySpan> {{8, 2000}, {2100, 1030}};
}

void TestSplitBodyCodec::roundTrip()
{
    QFETCH(QByteArray, body);
    QFETCH(QList<BodySpan>, spans);
    const Split split = splitWith(body, spans);
    const QByteArray stored = SplitBodyCodec::encode(body, split.spans, split.ids);
    QVERIFY(SplitBodyCodec::isSplitBody(stored));
    const auto layout = SplitBodyCodec::readLayout(stored);
    QVERIFY(layout);
    QCOMPARE(layout->parts.size(), spans.size());
    qsizetype partBytes = 0;
    for (qsizetype i = 0; i < spans.size(); ++i) {
        QCOMPARE(layout->parts.at(i).partId, split.ids.at(i));
        QCOMPARE(layout->parts.at(i).length, spans.at(i).length);
        QCOMPARE(layout->parts.at(i).skeletonOffset, spans.at(i).offset - partBytes);
        partBytes += spans.at(i).length;
    }
    const auto restored = SplitBodyCodec::decode(stored, body.size(), resolverOf(split.parts));
    QVERIFY(restored);
    QVERIFY(*restored == body);
    if (!spans.isEmpty() && body.startsWith('{')) // what the parts save
        QVERIFY(stored.size() < body.size() / 4);
}

void TestSplitBodyCodec::neverTakenForAnEarlierFormat()
{
    const QByteArray body = claudeLikeBody();
    const Split split = splitWith(body, RequestBodySplitter::findParts(body));
    const QByteArray stored = SplitBodyCodec::encode(body, split.spans, split.ids);
    // Earlier formats are not split bodies, and a reader of earlier formats refuses a split body.
    QVERIFY(!BodyCodec::isZstdFrame(stored));
    QVERIFY(!BodyCodec::decompress(stored, body.size()));
    QVERIFY(!SplitBodyCodec::isSplitBody(BodyCodec::compress(body)));
    QVERIFY(!SplitBodyCodec::isSplitBody(BodyCodec::compressZlib(body)));
}

void TestSplitBodyCodec::readsBodiesThatAreNotSplit()
{
    const QByteArray body = claudeLikeBody();
    const SplitBodyCodec::PartResolver none = [](qint64) -> std::optional<QByteArray> { return std::nullopt; };
    const auto fromZstd = SplitBodyCodec::decode(BodyCodec::compress(body), body.size(), none);
    QVERIFY(fromZstd && *fromZstd == body);
    const auto fromZlib = SplitBodyCodec::decode(BodyCodec::compressZlib(body), body.size(), none);
    QVERIFY(fromZlib && *fromZlib == body);
    const auto empty = SplitBodyCodec::decode(QByteArray(), 0, none);
    QVERIFY(empty && empty->isEmpty());
}

void TestSplitBodyCodec::refusesMissingOrWrongParts()
{
    const QByteArray body = claudeLikeBody();
    const Split split = splitWith(body, RequestBodySplitter::findParts(body));
    QCOMPARE(split.parts.size(), 3); // the message sent twice is one part
    const QByteArray stored = SplitBodyCodec::encode(body, split.spans, split.ids);

    for (auto it = split.parts.cbegin(); it != split.parts.cend(); ++it) {
        QHash<qint64, QByteArray> missing = split.parts;
        missing.remove(it.key());
        QVERIFY(!SplitBodyCodec::decode(stored, body.size(), resolverOf(missing)));
        QHash<qint64, QByteArray> shorter = split.parts;
        shorter[it.key()].chop(1);
        QVERIFY(!SplitBodyCodec::decode(stored, body.size(), resolverOf(shorter)));
        QHash<qint64, QByteArray> longer = split.parts;
        longer[it.key()].append('x');
        QVERIFY(!SplitBodyCodec::decode(stored, body.size(), resolverOf(longer)));
    }
    QVERIFY(!SplitBodyCodec::decode(stored, body.size(), SplitBodyCodec::PartResolver()));
    QVERIFY(!SplitBodyCodec::decode(stored, body.size() - 1, resolverOf(split.parts)));
    QVERIFY(!SplitBodyCodec::decode(stored, body.size() + 1, resolverOf(split.parts)));
}

void TestSplitBodyCodec::refusesDamagedBlobs()
{
    const QByteArray body = claudeLikeBody();
    const Split split = splitWith(body, RequestBodySplitter::findParts(body));
    const QByteArray stored = SplitBodyCodec::encode(body, split.spans, split.ids);
    const auto resolve = resolverOf(split.parts);
    // Cut anywhere: refused.
    for (qsizetype length = 0; length < stored.size(); ++length)
        QVERIFY2(
            !SplitBodyCodec::decode(stored.left(length), body.size(), resolve), qPrintable(QString::number(length)));
    // Any one byte changed: never different bytes (refused, except where the change means nothing, as in
    // the window size of the skeleton's frame).
    qsizetype refused = 0;
    for (qsizetype i = 0; i < stored.size(); ++i) {
        QByteArray damaged = stored;
        damaged[i] = char(damaged.at(i) ^ 0x41);
        const auto restored = SplitBodyCodec::decode(damaged, body.size(), resolve);
        QVERIFY2(!restored || *restored == body, qPrintable(QString::number(i)));
        refused += restored ? 0 : 1;
    }
    QVERIFY(refused >= stored.size() - 2);
}

QTEST_GUILESS_MAIN(TestSplitBodyCodec)
#include "TestSplitBodyCodec.moc"
