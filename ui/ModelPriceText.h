#pragma once

#include "config/Config.h"

#include <QCoreApplication>
#include <QLocale>
#include <QString>
#include <array>
#include <optional>

// The price of a model as the Platforms window shows and reads it: the four price fields (per million tokens)
// as typed, what they make (a price, no price, or a problem with one field at fault), the numbers in the user's
// locale, and the text of the table's price column.
class ModelPriceText
{
    Q_DECLARE_TR_FUNCTIONS(ModelPriceText)
public:
    // The four price fields, in the order the editor shows them.
    enum Field
    {
        Input,
        Output,
        CacheRead,
        CacheWrite,
        FieldCount
    };
    using Texts = std::array<QString, FieldCount>;

    // What a model's price fields make.
    struct Reading
    {
        std::optional<ModelPrice> price; // unset when every field is empty, or on a problem
        QString problem; // empty when the fields make a price or none
        int field = -1; // the field at fault, or -1

        bool ok() const { return problem.isEmpty(); }
    };

    // Reads the fields in `locale`: all empty make no price; otherwise the input and the output price are
    // needed, an empty cache price is unset (the input price). Each number is from 0 to
    // ConfigValidator::kMaxPrice.
    static Reading read(const Texts &texts, const QLocale &locale = QLocale());
    // The fields showing `price` (all empty without one; an unset cache price stays empty).
    static Texts texts(const std::optional<ModelPrice> &price, const QLocale &locale = QLocale());
    // A price as the fields show it: the locale's digits, no group separators, as many decimals as the value
    // needs to read back exactly.
    static QString number(double value, const QLocale &locale = QLocale());
    // Two field texts that mean the same number in `locale` (or are the same after trimming).
    static bool sameNumber(const QString &a, const QString &b, const QLocale &locale = QLocale());
    // The field's name in the configuration ("input", "output", "cache_read", "cache_write").
    static QString jsonName(int field);

    // The price column of the model table: "3 / 15 USD"; "free" for an unpriced model of a local platform,
    // else empty.
    static QString cellText(
        const std::optional<ModelPrice> &price, const QString &currency, bool local, const QLocale &locale = QLocale());
    // Its tool tip: all four prices, or why a local model counts as free.
    static QString cellToolTip(
        const std::optional<ModelPrice> &price, const QString &currency, bool local, const QLocale &locale = QLocale());
    static QString freeText(); // what an unpriced model of a local platform costs
    static QString localNote(); // why it costs that

    // The currency of the prices a platform's model list states (DiscoveredModel::listPrice).
    static QString listCurrency() { return QStringLiteral("USD"); }
    // The list price offered for a model: "OpenRouter's list price: 3 / 15 USD per million tokens (cache read
    // 0.3, cache write 3.75)"; `source` names the platform whose list states it.
    static QString listPriceText(const QString &source, const ModelPrice &price, const QLocale &locale = QLocale());
    // Why a list price cannot be used as the price of a platform whose currency is `currency`; empty when it can.
    static QString listPriceProblem(const QString &currency);
};
