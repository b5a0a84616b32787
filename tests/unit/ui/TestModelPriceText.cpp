#include "ModelPriceText.h"

#include <QtTest>
#include <cmath>

// The price fields of the Platforms window, read and written without widgets: what four typed texts make (a
// price, no price or a problem with the field at fault), in the user's locale, and the price column's texts.
class TestModelPriceText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void read_data();
    void read();
    void readNeverGivesMinusZero();
    void readUsesTheDefaultLocale();
    void texts();
    void numbers_data();
    void numbers();
    void numbersReadBackExactly();
    void sameNumber_data();
    void sameNumber();
    void jsonNames();
    void cell();
    void listPrice_data();
    void listPrice();
    void listPriceOnlyInUsDollars();
};

namespace {

const QString kBoth
    = QStringLiteral("Enter both the input and the output price (0 when free), or leave all four fields empty.");

QString outOfRange(const QString &name, const QString &largest)
{
    return QStringLiteral("%1 must be a number from 0 to %2, per million tokens.").arg(name, largest);
}

ModelPrice priceOf(double input, double output, std::optional<double> cacheRead = std::nullopt,
    std::optional<double> cacheWrite = std::nullopt)
{
    ModelPrice price;
    price.input = input;
    price.output = output;
    price.cacheRead = cacheRead;
    price.cacheWrite = cacheWrite;
    return price;
}

// Exact: "0.075" must be the double 0.075, not something close to it.
QString describe(const std::optional<ModelPrice> &price)
{
    if (!price)
        return QStringLiteral("no price");
    return QStringLiteral("%1 / %2 / %3 / %4")
        .arg(price->input, 0, 'g', 17)
        .arg(price->output, 0, 'g', 17)
        .arg(price->cacheRead ? QString::number(*price->cacheRead, 'g', 17) : QStringLiteral("-"))
        .arg(price->cacheWrite ? QString::number(*price->cacheWrite, 'g', 17) : QStringLiteral("-"));
}

} // namespace

void TestModelPriceText::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestModelPriceText::read_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QStringList>("typed"); // input, output, cache read, cache write
    QTest::addColumn<QString>("expected"); // describe() of the price; "no price" on a problem
    QTest::addColumn<QString>("problem");
    QTest::addColumn<int>("field");

    const QString en = QStringLiteral("en_US");
    const QString de = QStringLiteral("de_DE");
    const QString enMax = QStringLiteral("1,000,000");
    const QString deMax = QStringLiteral("1.000.000");
    using F = ModelPriceText::Field;

    // No price: the cost is unknown.
    QTest::newRow("all empty") << en << QStringList {"", "", "", ""} << "no price" << QString() << -1;
    QTest::newRow("only spaces") << en << QStringList {" ", "\t", "", "  "} << "no price" << QString() << -1;

    // Prices.
    QTest::newRow("input and output") << en << QStringList {"3", "15", "", ""} << "3 / 15 / - / -" << QString() << -1;
    QTest::newRow("all four") << en << QStringList {"3", "15", "0.3", "3.75"} << "3 / 15 / 0.29999999999999999 / 3.75"
                              << QString() << -1;
    QTest::newRow("cache read empty = unset")
        << en << QStringList {"0.8", "4", "", "1"} << "0.80000000000000004 / 4 / - / 1" << QString() << -1;
    QTest::newRow("cache write empty = unset")
        << en << QStringList {"0.8", "4", "0.08", ""} << "0.80000000000000004 / 4 / 0.080000000000000002 / -"
        << QString() << -1;
    QTest::newRow("free") << en << QStringList {"0", "0", "", ""} << "0 / 0 / - / -" << QString() << -1;
    QTest::newRow("decimals") << en << QStringList {"0.075", "0.3", "0.0075", ""}
                              << "0.074999999999999997 / 0.29999999999999999 / 0.0074999999999999997 / -" << QString()
                              << -1;
    QTest::newRow("spaces around") << en << QStringList {" 3 ", " 15\t", "", ""} << "3 / 15 / - / -" << QString() << -1;
    QTest::newRow("largest") << en << QStringList {"1000000", "1000000", "", ""} << "1000000 / 1000000 / - / -"
                             << QString() << -1;
    QTest::newRow("point without decimals")
        << en << QStringList {"3.", ".5", "", ""} << "3 / 0.5 / - / -" << QString() << -1;
    QTest::newRow("exponent") << en << QStringList {"1e3", "2", "", ""} << "1000 / 2 / - / -" << QString() << -1;

    // One of input and output is missing.
    QTest::newRow("output without input")
        << en << QStringList {"", "15", "", ""} << "no price" << kBoth << int(F::Input);
    QTest::newRow("input without output")
        << en << QStringList {"3", "", "", ""} << "no price" << kBoth << int(F::Output);
    QTest::newRow("cache prices only") << en << QStringList {"", "", "0.3", "3.75"} << "no price" << kBoth
                                       << int(F::Input);

    // Not a number from 0 to 1000000.
    QTest::newRow("negative input") << en << QStringList {"-1", "15", "", ""} << "no price"
                                    << outOfRange("The input price", enMax) << int(F::Input);
    QTest::newRow("negative output") << en << QStringList {"3", "-0.5", "", ""} << "no price"
                                     << outOfRange("The output price", enMax) << int(F::Output);
    QTest::newRow("above 1000000") << en << QStringList {"1000000.01", "1", "", ""} << "no price"
                                   << outOfRange("The input price", enMax) << int(F::Input);
    QTest::newRow("non-number cache read") << en << QStringList {"3", "15", "abc", ""} << "no price"
                                           << outOfRange("The cache read price", enMax) << int(F::CacheRead);
    QTest::newRow("non-number cache write") << en << QStringList {"3", "15", "", "1,5,"} << "no price"
                                            << outOfRange("The cache write price", enMax) << int(F::CacheWrite);
    QTest::newRow("not a number") << en << QStringList {"nan", "1", "", ""} << "no price"
                                  << outOfRange("The input price", enMax) << int(F::Input);
    QTest::newRow("infinite") << en << QStringList {"3", "inf", "", ""} << "no price"
                              << outOfRange("The output price", enMax) << int(F::Output);
    QTest::newRow("first wrong field") << en << QStringList {"x", "-1", "", ""} << "no price"
                                       << outOfRange("The input price", enMax) << int(F::Input);
    QTest::newRow("wrong number before missing input") << en << QStringList {"", "abc", "", ""} << "no price"
                                                       << outOfRange("The output price", enMax) << int(F::Output);

    // The locale's decimal separator; its group separator is refused, never read as a thousands separator
    // ("0,075" typed under English would otherwise be 75).
    QTest::newRow("German decimals") << de << QStringList {"0,075", "0,3", "", "3,75"}
                                     << "0.074999999999999997 / 0.29999999999999999 / - / 3.75" << QString() << -1;
    QTest::newRow("German group separator") << de << QStringList {"0.075", "1.000,5", "", ""} << "no price"
                                            << outOfRange("The input price", deMax) << int(F::Input);
    QTest::newRow("English group separator") << en << QStringList {"3", "1,000", "", ""} << "no price"
                                             << outOfRange("The output price", enMax) << int(F::Output);
    QTest::newRow("English comma decimal") << en << QStringList {"0,075", "1", "", ""} << "no price"
                                           << outOfRange("The input price", enMax) << int(F::Input);
    QTest::newRow("German above 1000000") << de << QStringList {"3", "2000000", "", ""} << "no price"
                                          << outOfRange("The output price", deMax) << int(F::Output);
    QTest::newRow("German non-number") << de << QStringList {"3", "15", "0,3,", ""} << "no price"
                                       << outOfRange("The cache read price", deMax) << int(F::CacheRead);
}

void TestModelPriceText::read()
{
    QFETCH(QString, locale);
    QFETCH(QStringList, typed);
    QFETCH(QString, expected);
    QFETCH(QString, problem);
    QFETCH(int, field);
    QCOMPARE(typed.size(), int(ModelPriceText::FieldCount));
    ModelPriceText::Texts texts;
    for (int i = 0; i < ModelPriceText::FieldCount; ++i)
        texts[i] = typed.at(i);

    const ModelPriceText::Reading reading = ModelPriceText::read(texts, QLocale(locale));
    QCOMPARE(describe(reading.price), expected);
    QCOMPARE(reading.problem, problem);
    QCOMPARE(reading.field, field);
    QCOMPARE(reading.ok(), problem.isEmpty());
}

void TestModelPriceText::readNeverGivesMinusZero()
{
    const ModelPriceText::Reading reading = ModelPriceText::read({"-0", "1", "-0.0", ""});
    QVERIFY(reading.ok());
    QVERIFY(reading.price);
    QCOMPARE(reading.price->input, 0.0);
    QVERIFY(!std::signbit(reading.price->input));
    QVERIFY(reading.price->cacheRead);
    QVERIFY(!std::signbit(*reading.price->cacheRead));
}

void TestModelPriceText::readUsesTheDefaultLocale()
{
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    const ModelPriceText::Reading german = ModelPriceText::read({"0,075", "0,3", "", ""});
    const ModelPriceText::Reading tooLarge = ModelPriceText::read({"3", "2000000", "", ""});
    const QString number = ModelPriceText::number(0.075);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(german.price);
    QVERIFY(german.price->input == 0.075 && german.price->output == 0.3);
    QCOMPARE(tooLarge.problem, outOfRange("The output price", "1.000.000"));
    QCOMPARE(number, QString("0,075"));
}

void TestModelPriceText::texts()
{
    using Texts = ModelPriceText::Texts;
    QCOMPARE(ModelPriceText::texts(std::nullopt), (Texts {}));
    QCOMPARE(ModelPriceText::texts(priceOf(3, 15)), (Texts {"3", "15", "", ""}));
    QCOMPARE(ModelPriceText::texts(priceOf(3, 15, 0.3, 3.75)), (Texts {"3", "15", "0.3", "3.75"}));
    QCOMPARE(ModelPriceText::texts(priceOf(0.8, 4, std::nullopt, 1)), (Texts {"0.8", "4", "", "1"}));
    QCOMPARE(ModelPriceText::texts(priceOf(0, 0, 0, std::nullopt)), (Texts {"0", "0", "0", ""}));
    QCOMPARE(ModelPriceText::texts(priceOf(0.075, 1234.5), QLocale(QLocale::German, QLocale::Germany)),
        (Texts {"0,075", "1234,5", "", ""}));
}

void TestModelPriceText::numbers_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("whole") << "en_US" << 3.0 << "3";
    QTest::newRow("zero") << "en_US" << 0.0 << "0";
    QTest::newRow("decimals") << "en_US" << 0.075 << "0.075";
    QTest::newRow("half") << "en_US" << 16.5 << "16.5";
    QTest::newRow("no group separator") << "en_US" << 1000000.0 << "1000000";
    QTest::newRow("small") << "en_US" << 0.0000001 << "0.0000001";
    QTest::newRow("German decimals") << "de_DE" << 0.075 << "0,075";
    QTest::newRow("German no group separator") << "de_DE" << 1234.5 << "1234,5";
}

void TestModelPriceText::numbers()
{
    QFETCH(QString, locale);
    QFETCH(double, value);
    QFETCH(QString, expected);
    QCOMPARE(ModelPriceText::number(value, QLocale(locale)), expected);
}

void TestModelPriceText::numbersReadBackExactly()
{
    for (const QLocale &locale : {QLocale(QLocale::English, QLocale::UnitedStates),
             QLocale(QLocale::German, QLocale::Germany), QLocale(QLocale::Chinese, QLocale::China)}) {
        for (const double value : {0.1, 0.2 + 0.1, 1.0 / 3, 0.075, 3.75, 123456.789, 999999.999999}) {
            const ModelPrice price = priceOf(value, value, value, value);
            const ModelPriceText::Reading reading = ModelPriceText::read(ModelPriceText::texts(price, locale), locale);
            QVERIFY2(reading.price && *reading.price == price,
                qPrintable(locale.name() + QLatin1Char(' ') + describe(reading.price)));
        }
    }
}

void TestModelPriceText::sameNumber_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");
    QTest::newRow("both empty") << "en_US"
                                << ""
                                << " " << true;
    QTest::newRow("empty and zero") << "en_US"
                                    << ""
                                    << "0" << false;
    QTest::newRow("trailing zero") << "en_US"
                                   << "0.50"
                                   << "0.5" << true;
    QTest::newRow("trailing point") << "en_US"
                                    << "3."
                                    << "3" << true;
    QTest::newRow("spaces") << "en_US"
                            << " 3 "
                            << "3" << true;
    QTest::newRow("different") << "en_US"
                               << "3"
                               << "3.5" << false;
    QTest::newRow("same non-number") << "en_US"
                                     << "abc"
                                     << "abc " << true;
    QTest::newRow("different non-numbers") << "en_US"
                                           << "abc"
                                           << "abd" << false;
    QTest::newRow("German trailing zero") << "de_DE"
                                          << "0,50"
                                          << "0,5" << true;
}

void TestModelPriceText::sameNumber()
{
    QFETCH(QString, locale);
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    QCOMPARE(ModelPriceText::sameNumber(a, b, QLocale(locale)), same);
    QCOMPARE(ModelPriceText::sameNumber(b, a, QLocale(locale)), same);
}

void TestModelPriceText::jsonNames()
{
    QCOMPARE(ModelPriceText::jsonName(ModelPriceText::Input), QString("input"));
    QCOMPARE(ModelPriceText::jsonName(ModelPriceText::Output), QString("output"));
    QCOMPARE(ModelPriceText::jsonName(ModelPriceText::CacheRead), QString("cache_read"));
    QCOMPARE(ModelPriceText::jsonName(ModelPriceText::CacheWrite), QString("cache_write"));
    QCOMPARE(ModelPriceText::jsonName(-1), QString());
    QCOMPARE(ModelPriceText::jsonName(ModelPriceText::FieldCount), QString());
}

void TestModelPriceText::cell()
{
    const ModelPrice sonnet = priceOf(3, 15, 0.3, 3.75);
    const ModelPrice haiku = priceOf(0.8, 4);
    QCOMPARE(ModelPriceText::cellText(sonnet, "USD", false), QString("3 / 15 USD"));
    QCOMPARE(ModelPriceText::cellToolTip(sonnet, "USD", false),
        QString("Per million tokens, in USD: input 3, output 15, cache read 0.3, cache write 3.75"));
    // Unset cache prices are the input price.
    QCOMPARE(ModelPriceText::cellText(haiku, "EUR", false), QString("0.8 / 4 EUR"));
    QCOMPARE(ModelPriceText::cellToolTip(haiku, "EUR", false),
        QString("Per million tokens, in EUR: input 0.8, output 4, cache read 0.8, cache write 0.8"));
    QCOMPARE(ModelPriceText::cellText(haiku, "EUR", false, QLocale(QLocale::German, QLocale::Germany)),
        QString("0,8 / 4 EUR"));
    // Without a price: unknown, or free on this computer; a set price counts there too.
    QCOMPARE(ModelPriceText::cellText(std::nullopt, "USD", false), QString());
    QCOMPARE(ModelPriceText::cellToolTip(std::nullopt, "USD", false), QString());
    QCOMPARE(ModelPriceText::cellText(std::nullopt, "USD", true), QString("free"));
    QCOMPARE(ModelPriceText::cellToolTip(std::nullopt, "USD", true),
        QString("Models on this computer count as free unless you set a price."));
    QCOMPARE(ModelPriceText::cellText(haiku, "USD", true), QString("0.8 / 4 USD"));
}

void TestModelPriceText::listPrice_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<ModelPrice>("price");
    QTest::addColumn<QString>("expected");

    const QString en = QStringLiteral("en_US");
    const QString prefix = QStringLiteral("OpenRouter's list price: ");
    QTest::newRow("all four") << en << priceOf(3, 15, 0.3, 3.75)
                              << prefix + "3 / 15 USD per million tokens (cache read 0.3, cache write 3.75)";
    QTest::newRow("no cache prices") << en << priceOf(0.5, 1.5) << prefix + "0.5 / 1.5 USD per million tokens";
    QTest::newRow("free") << en << priceOf(0, 0) << prefix + "0 / 0 USD per million tokens";
    QTest::newRow("cache read only") << en << priceOf(1.25, 10, 0.125)
                                     << prefix + "1.25 / 10 USD per million tokens (cache read 0.125)";
    QTest::newRow("cache write only") << en << priceOf(1, 4, std::nullopt, 1.25)
                                      << prefix + "1 / 4 USD per million tokens (cache write 1.25)";
    QTest::newRow("small, no group separator")
        << en << priceOf(0.0000375, 250000.5) << prefix + "0.0000375 / 250000.5 USD per million tokens";
    QTest::newRow("German decimals") << QStringLiteral("de_DE") << priceOf(0.8, 4, 0.08, 1)
                                     << prefix + "0,8 / 4 USD per million tokens (cache read 0,08, cache write 1)";
}

void TestModelPriceText::listPrice()
{
    QFETCH(QString, locale);
    QFETCH(ModelPrice, price);
    QFETCH(QString, expected);
    QCOMPARE(ModelPriceText::listPriceText(QStringLiteral("OpenRouter"), price, QLocale(locale)), expected);
}

void TestModelPriceText::listPriceOnlyInUsDollars()
{
    QCOMPARE(ModelPriceText::listCurrency(), QString("USD"));
    QCOMPARE(ModelPriceText::listPriceProblem("USD"), QString());
    QCOMPARE(ModelPriceText::listPriceProblem("CNY"),
        QString("The list is in US dollars and this platform's currency is CNY."));
    QVERIFY(!ModelPriceText::listPriceProblem("usd").isEmpty()); // currencies are kept in capitals
    QVERIFY(!ModelPriceText::listPriceProblem(QString()).isEmpty());
}

QTEST_GUILESS_MAIN(TestModelPriceText)
#include "TestModelPriceText.moc"
