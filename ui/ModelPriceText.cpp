#include "ModelPriceText.h"

#include "config/ConfigValidator.h"

namespace {

// The JSON names of the price fields, in ModelPriceText::Field order.
const char *const kJsonNames[] = {"input", "output", "cache_read", "cache_write"};

// The locale's number, without group separators: "0,075" typed under English (or "0.075" under German) is a
// mistake to point out, not 75.
double readNumber(const QString &text, const QLocale &locale, bool *ok)
{
    QLocale strict = locale;
    strict.setNumberOptions(strict.numberOptions() | QLocale::RejectGroupSeparator);
    return strict.toDouble(text, ok);
}

} // namespace

ModelPriceText::Reading ModelPriceText::read(const Texts &texts, const QLocale &locale)
{
    Reading reading;
    std::array<std::optional<double>, FieldCount> values;
    bool any = false;
    for (int index = 0; index < FieldCount; ++index) {
        const QString text = texts[index].trimmed();
        if (text.isEmpty())
            continue;
        bool ok = false;
        const double value = readNumber(text, locale, &ok);
        if (!ok || !ConfigValidator::priceProblem(value).isEmpty()) {
            reading.field = index;
            const QString names[] = {
                tr("The input price"), tr("The output price"), tr("The cache read price"), tr("The cache write price")};
            reading.problem = tr("%1 must be a number from 0 to %2, per million tokens.")
                                  .arg(names[index], locale.toString(qint64(ConfigValidator::kMaxPrice)));
            return reading;
        }
        values[index] = value == 0 ? 0.0 : value; // never -0
        any = true;
    }
    if (!any)
        return reading; // no price: the cost is unknown
    if (!values[Input] || !values[Output]) {
        reading.field = values[Input] ? Output : Input;
        reading.problem
            = tr("Enter both the input and the output price (0 when free), or leave all four fields empty.");
        return reading;
    }
    ModelPrice price;
    price.input = *values[Input];
    price.output = *values[Output];
    price.cacheRead = values[CacheRead];
    price.cacheWrite = values[CacheWrite];
    reading.price = price;
    return reading;
}

ModelPriceText::Texts ModelPriceText::texts(const std::optional<ModelPrice> &price, const QLocale &locale)
{
    Texts texts;
    if (!price)
        return texts;
    texts[Input] = number(price->input, locale);
    texts[Output] = number(price->output, locale);
    if (price->cacheRead)
        texts[CacheRead] = number(*price->cacheRead, locale);
    if (price->cacheWrite)
        texts[CacheWrite] = number(*price->cacheWrite, locale);
    return texts;
}

QString ModelPriceText::number(double value, const QLocale &locale)
{
    QLocale withoutGroups = locale;
    withoutGroups.setNumberOptions(withoutGroups.numberOptions() | QLocale::OmitGroupSeparator);
    return withoutGroups.toString(value, 'f', QLocale::FloatingPointShortest);
}

bool ModelPriceText::sameNumber(const QString &a, const QString &b, const QLocale &locale)
{
    if (a.trimmed() == b.trimmed())
        return true;
    bool okA = false;
    bool okB = false;
    const double x = readNumber(a.trimmed(), locale, &okA);
    const double y = readNumber(b.trimmed(), locale, &okB);
    return okA && okB && x == y;
}

QString ModelPriceText::jsonName(int field)
{
    return field >= 0 && field < FieldCount ? QLatin1String(kJsonNames[field]) : QString();
}

QString ModelPriceText::cellText(
    const std::optional<ModelPrice> &price, const QString &currency, bool local, const QLocale &locale)
{
    if (price)
        return QStringLiteral("%1 / %2 %3").arg(number(price->input, locale), number(price->output, locale), currency);
    return local ? freeText() : QString();
}

QString ModelPriceText::cellToolTip(
    const std::optional<ModelPrice> &price, const QString &currency, bool local, const QLocale &locale)
{
    if (price) {
        return tr("Per million tokens, in %1: input %2, output %3, cache read %4, cache write %5")
            .arg(currency, number(price->input, locale), number(price->output, locale),
                number(price->cacheReadOrInput(), locale), number(price->cacheWriteOrInput(), locale));
    }
    return local ? localNote() : QString();
}

QString ModelPriceText::freeText()
{
    return tr("free");
}

QString ModelPriceText::localNote()
{
    return tr("Models on this computer count as free unless you set a price.");
}

QString ModelPriceText::listPriceText(const QString &source, const ModelPrice &price, const QLocale &locale)
{
    QString cache;
    if (price.cacheRead && price.cacheWrite)
        cache = tr(" (cache read %1, cache write %2)")
                    .arg(number(*price.cacheRead, locale), number(*price.cacheWrite, locale));
    else if (price.cacheRead)
        cache = tr(" (cache read %1)").arg(number(*price.cacheRead, locale));
    else if (price.cacheWrite)
        cache = tr(" (cache write %1)").arg(number(*price.cacheWrite, locale));
    return tr("%1's list price: %2 / %3 %4 per million tokens%5")
        .arg(source, number(price.input, locale), number(price.output, locale), listCurrency(), cache);
}

QString ModelPriceText::listPriceProblem(const QString &currency)
{
    if (currency == listCurrency())
        return QString();
    return tr("The list is in US dollars and this platform's currency is %1.").arg(currency);
}
