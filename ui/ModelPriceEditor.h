#pragma once

#include "ModelPriceText.h"

#include <QGroupBox>
#include <array>

class QDoubleValidator;
class QLabel;
class QLineEdit;
class QPushButton;

// The price fields of one model of the Platforms window, per million tokens: input, output, cache read and
// cache write, each with the platform's currency next to it; what the fields make is checked as they are typed
// and a problem is shown under them, with the field at fault marked. When the platform's model list states a
// price for the model, the box shows it with a button that fills the fields with it (in US dollars: offered only
// to a platform priced in them). The page keeps what was typed; this box only shows it and says when the user
// edits it.
class ModelPriceEditor : public QGroupBox
{
    Q_OBJECT
public:
    explicit ModelPriceEditor(QWidget *parent = nullptr);

    // Shows the fields of model `id` (none: disabled, asking for a model to be selected) holding `texts`; a field
    // whose text means the same number is left as typed ("0.50", "3."). `local`: an unset price counts as free.
    void setModel(const QString &id, const ModelPriceText::Texts &texts, const QString &currency, bool local);
    QString modelId() const { return m_id; }
    ModelPriceText::Texts texts() const; // as typed
    // The price the platform's model list (named `source`) states for the model shown; none: nothing is offered.
    // Set before setModel() for the model it shows.
    void setListPrice(const std::optional<ModelPrice> &price, const QString &source);

Q_SIGNALS:
    void edited(); // a field was changed (typed, or the list price used), other than by setModel()

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void showState(); // the title, placeholders, note, list price and problem for the model shown
    void useListPrice();

    std::array<QLabel *, ModelPriceText::FieldCount> m_labels;
    std::array<QLineEdit *, ModelPriceText::FieldCount> m_fields;
    std::array<QLabel *, ModelPriceText::FieldCount> m_units; // the platform's currency, next to each field
    QLabel *m_problem;
    QLabel *m_note;
    QLabel *m_listPriceLine;
    QPushButton *m_useListPrice;
    QDoubleValidator *m_validator;
    QString m_id;
    ModelPriceText::Texts m_texts;
    QString m_currency;
    std::optional<ModelPrice> m_listPrice;
    QString m_listSource;
    bool m_local = false;
    bool m_updating = false;
};
