#include "DesktopTestSupport.h"
#include "FakeUpstreamThread.h"
#include "HttpTestClient.h"

#include "ClaudeCodeDialog.h"
#include "ClientKeysPage.h"
#include "HealthSource.h"
#include "LanguageManager.h"
#include "MainWindow.h"
#include "ModelListEditor.h"
#include "PlatformsPage.h"
#include "RecordDetailDialog.h"
#include "RecordHealthMonitor.h"
#include "RecordTableModel.h"
#include "RecordsPage.h"
#include "RoutingPage.h"
#include "RoutingRulesEditor.h"
#include "SettingsPage.h"
#include "SingleInstance.h"
#include "TrayController.h"
#include "config/ConfigService.h"

#include "Autostart.h"
#include "common/Logging.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QtTest>

// The real windows over the real runtime, driven with clicks and keys (offscreen).
class TestDesktopWindows : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void addPlatformAndTestItsConnection();
    void validationErrorShownAtItsField();
    void connectionTestCanBeCancelled();
    void pricesAndCurrencyEditedAndSavedExactly();
    void wrongPriceOrCurrencyRefusedWhereItIs();
    void priceSurvivesEditingOtherFields();
    void listPricesOfferedAfterRefreshingModels();
    void reorderClaudeCodePlatformsByDragAndTheProxyFollows();
    void priorityListReorderedAndSaved();
    void invalidRoutingShownBeforeSaving();
    void tierAndScenarioRulesEditedAndTheProxyFollows();
    void editScene();
    void callsAppearLiveAndOpenInDetail();
    void switchLanguageRetranslatesOpenWindows();
    void trayStatesAndPause();
    void shellSetupAndClaudeCodeDialog();
    void secondStartAsksTheFirstToShow();
    void clearRecordsAsksFirst();
    void settingsStartAtLoginAndLog();
    void settingsManualUpstreamProxy();
    void settingsUpstreamProxyRejectsABadUrl_data();
    void settingsUpstreamProxyRejectsABadUrl();
    void settingsUpstreamProxyPasswordWithoutKeychain();
    void clientKeyAddedToTheKeychainAndTheProxyChecksIt();
    void clientKeyIdValidated();
    void clientKeysDisabledRenamedReplacedAndRemoved();
    void clientKeyReplaceUndoneWhenTheApplyFails();
    void clientKeyWithoutKeychain();
    void listeningBeyondThisComputerNeedsAClientKey();

private:
    static QByteArray twoPlatformConfig(const QUrl &first, const QUrl &second);
    // One Anthropic-compatible platform "priced" (USD) with three models: "sonnet" with all four prices,
    // "haiku" with input and output prices only, "plain" with a context window and no price.
    static QByteArray pricedPlatformConfig();
    // One OpenRouter platform "router" (USD) at `baseUrl` whose configuration prices "vendor/cheap" (1 / 2).
    static QByteArray openRouterConfig(const QUrl &baseUrl);
    // The app over two answering platforms, alpha then beta (twoPlatformConfig), with the Routing page shown;
    // nullptr when it did not start.
    static RoutingPage *startOnRoutingPage(
        FakeUpstreamThread &alpha, FakeUpstreamThread &beta, DesktopHarness &harness, QString *error);
};

namespace {

QByteArray modelList(const QStringList &ids)
{
    QJsonArray data;
    for (const QString &id : ids)
        data.append(QJsonObject {{"id", id}, {"type", "model"}, {"display_name", id}});
    return QJsonDocument(QJsonObject {{"data", data}, {"has_more", false}}).toJson(QJsonDocument::Compact);
}

void answerModelsAndMessages(FakeUpstream &fake, const QString &text)
{
    fake.setHandler([text](const ReceivedRequest &request) {
        if (request.pathWithoutQuery() == "/v1/models")
            return FakeResponse::json(200, modelList({"claude-sonnet-4-5", "claude-haiku-4-5"}));
        return FakeResponse::anthropicMessage(text);
    });
}

} // namespace

QByteArray TestDesktopWindows::twoPlatformConfig(const QUrl &first, const QUrl &second)
{
    return QStringLiteral(R"({"version": 1, "config_type": "claude_code",
        "claude_code": {"platforms": ["alpha", "beta"]},
        "platforms": [
          {"id": "alpha", "type": "anthropic", "base_url": "%1", "api_key": "sk-alpha-0123456789"},
          {"id": "beta", "type": "anthropic", "base_url": "%2", "api_key": "sk-beta-0123456789"}]})")
        .arg(first.toString(), second.toString())
        .toUtf8();
}

void TestDesktopWindows::addPlatformAndTestItsConnection()
{
    FakeUpstreamThread fake;
    QVERIFY(fake.isListening());
    answerModelsAndMessages(fake.upstream(), "hi");
    DesktopHarness harness;
    QString error;
    QVERIFY2(harness.start({}, &error), qPrintable(error));
    MainWindow *window = harness.app().mainWindow();
    PlatformsPage *page = window->platformsPage();
    QVERIFY(page->isVisible());
    QVERIFY(child<QLabel>(page, "emptyEditor")->isVisible()); // nothing configured yet: the empty state

    // Add platform ▸ Anthropic, then fill the form as a person would.
    QMenu *menu = child<QMenu>(page, "addPlatformMenu");
    QAction *addAnthropic = menu->findChild<QAction *>("add_anthropic");
    QVERIFY(addAnthropic);
    addAnthropic->trigger();
    QCOMPARE(page->platformCount(), 1);
    auto *id = child<QLineEdit>(page, "idField");
    id->selectAll();
    QTest::keyClicks(id, "relay");
    auto *baseUrl = child<QComboBox>(page, "baseUrlField");
    baseUrl->lineEdit()->selectAll();
    QTest::keyClicks(baseUrl->lineEdit(), fake->baseUrl().toString());
    auto *apiKey = child<QLineEdit>(page, "apiKeyField");
    QCOMPARE(apiKey->echoMode(), QLineEdit::Password);
    QTest::keyClicks(apiKey, "sk-relay-secret-4321");
    QAction *showKey = apiKey->findChild<QAction *>("showKeyAction");
    QVERIFY(showKey && showKey->isEnabled()); // a key being typed may be shown
    QTest::mouseClick(child<QPushButton>(page, "saveButton"), Qt::LeftButton);
    QVERIFY2(page->lastError().isEmpty(), qPrintable(page->lastError()));

    // Saved: the configuration refers to the keychain, the keychain holds the key, the proxy has it.
    ConfigService *config = harness.app().runtime()->configService();
    QCOMPARE(config->current().platforms.size(), 1);
    QCOMPARE(config->current().platforms.at(0).id, QString("relay"));
    QCOMPARE(config->current().platforms.at(0).apiKey, QString("${keychain:platform.relay}"));
    QCOMPARE(harness.secrets().read("platform.relay").value_or(QString()), QString("sk-relay-secret-4321"));
    QCOMPARE(config->snapshot()->platforms.at(0).apiKey, QString("sk-relay-secret-4321"));
    QVERIFY(!config->exportJson(true).contains("sk-relay-secret"));
    // Never shown again in full.
    QCOMPARE(apiKey->text(), QString());
    QVERIFY2(apiKey->placeholderText().contains(QString::fromUtf8("\u2022\u2022\u2022\u20224321")),
        qPrintable(apiKey->placeholderText()));
    QVERIFY(!showKey->isEnabled());

    // Test connection against the fake platform.
    QTest::mouseClick(child<QPushButton>(page, "testButton"), Qt::LeftButton);
    auto *result = child<QLabel>(page, "testResult");
    QTRY_VERIFY_WITH_TIMEOUT(result->text().contains("<b>ok</b>"), 10000);
    QVERIFY(!child<QWidget>(page, "busyIndicator")->isVisible());
    QCOMPARE(fake->lastRequest().header("x-api-key"), QByteArray("sk-relay-secret-4321"));
    // The model list came with it: the table shows the models with their capabilities.
    auto *models = child<QTableWidget>(page, "modelTable");
    QTRY_COMPARE(models->rowCount(), 2);
    QCOMPARE(models->item(0, 0)->text(), QString("claude-sonnet-4-5"));
    QCOMPARE(models->item(0, 1)->text(), QString("200000"));

    // An override typed into the table becomes models[] on save.
    models->item(1, 2)->setText("12345");
    QTest::mouseClick(child<QPushButton>(page, "saveButton"), Qt::LeftButton);
    const QList<ModelSettings> saved = config->current().platforms.at(0).models;
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved.at(0).id, QString("claude-haiku-4-5"));
    QCOMPARE(saved.at(0).maxOutputTokens.value_or(0), 12345);
    QVERIFY(!saved.at(0).contextWindow.has_value());
}

void TestDesktopWindows::validationErrorShownAtItsField()
{
    DesktopHarness harness;
    QVERIFY(harness.start());
    PlatformsPage *page = harness.app().mainWindow()->platformsPage();
    page->addPlatform(PlatformType::OpenAICompatible); // needs a base URL
    QTest::keyClicks(child<QLineEdit>(page, "apiKeyField"), "sk-openai-0123456789");
    QTest::mouseClick(child<QPushButton>(page, "saveButton"), Qt::LeftButton);
    auto *problem = child<QLabel>(page, "problem_base_url");
    QVERIFY(problem->isVisible());
    QVERIFY2(!problem->text().isEmpty(), qPrintable(page->lastError()));
    QVERIFY(page->lastError().startsWith("platforms[0].base_url"));
    QVERIFY(harness.app().runtime()->configService()->current().platforms.isEmpty()); // nothing applied
    QVERIFY(!harness.secrets().contains("platform.openai")); // the key was not left in the keychain
}

void TestDesktopWindows::connectionTestCanBeCancelled()
{
    FakeUpstreamThread fake;
    fake->setHandler([](const ReceivedRequest &) { return FakeResponse::hang(); });
    DesktopHarness harness;
    QVERIFY(harness.start(twoPlatformConfig(fake->baseUrl(), QUrl("http://127.0.0.1:1"))));
    PlatformsPage *page = harness.app().mainWindow()->platformsPage();
    page->selectPlatform(0);
    QTest::mouseClick(child<QPushButton>(page, "testButton"), Qt::LeftButton);
    QVERIFY(child<QWidget>(page, "busyIndicator")->isVisible());
    QVERIFY(!child<QPushButton>(page, "testButton")->isEnabled());
    QVERIFY(child<QLabel>(page, "testResult")->text().startsWith("Testing alpha"));
    QTRY_COMPARE(fake->requestCount(), 1); // the window stays responsive while the platform says nothing
    QTest::mouseClick(child<QPushButton>(page, "cancelButton"), Qt::LeftButton);
    QTRY_COMPARE(child<QLabel>(page, "testResult")->text(), QString("Cancelled."));
    QVERIFY(!child<QWidget>(page, "busyIndicator")->isVisible());
    QVERIFY(child<QPushButton>(page, "testButton")->isEnabled());
}

QByteArray TestDesktopWindows::pricedPlatformConfig()
{
    return R"({"version": 1, "platforms": [
        {"id": "priced", "type": "anthropic", "base_url": "http://127.0.0.1:1", "api_key": "sk-priced-0123456789",
         "currency": "USD",
         "models": [
           {"id": "sonnet", "price": {"input": 3, "output": 15, "cache_read": 0.3, "cache_write": 3.75}},
           {"id": "haiku", "max_output_tokens": 8000, "price": {"input": 0.8, "output": 4}},
           {"id": "plain", "context_window": 100000}]}]})";
}

namespace {

// The price editor of the platforms page, as a person sees it.
struct PriceFields
{
    explicit PriceFields(PlatformsPage *page)
        : models(child<QTableWidget>(page, "modelTable"))
        , input(child<QLineEdit>(page, "priceInputField"))
        , output(child<QLineEdit>(page, "priceOutputField"))
        , cacheRead(child<QLineEdit>(page, "priceCacheReadField"))
        , cacheWrite(child<QLineEdit>(page, "priceCacheWriteField"))
        , problem(child<QLabel>(page, "problem_price"))
        , currency(child<QComboBox>(page, "currencyField"))
        , currencyProblem(child<QLabel>(page, "problem_currency"))
        , save(child<QPushButton>(page, "saveButton"))
    {
    }

    bool found() const
    {
        return models && input && output && cacheRead && cacheWrite && problem && currency && currencyProblem && save;
    }
    int rowOf(const QString &modelId) const
    {
        for (int row = 0; row < models->rowCount(); ++row) {
            if (models->item(row, 0) && models->item(row, 0)->text() == modelId)
                return row;
        }
        return -1;
    }
    // Selects the model's row; false when the table does not list it.
    bool select(const QString &modelId) const
    {
        const int row = rowOf(modelId);
        if (row < 0)
            return false;
        models->setCurrentCell(row, 0);
        return true;
    }
    QString priceCell(const QString &modelId) const
    {
        const int row = rowOf(modelId);
        return row < 0 ? QString() : models->item(row, models->columnCount() - 1)->text();
    }
    static void type(QLineEdit *field, const QString &text)
    {
        field->setFocus();
        field->selectAll();
        QTest::keyClick(field, Qt::Key_Delete);
        QTest::keyClicks(field, text);
    }
    void typeCurrency(const QString &text) const { type(currency->lineEdit(), text); }

    QTableWidget *models;
    QLineEdit *input;
    QLineEdit *output;
    QLineEdit *cacheRead;
    QLineEdit *cacheWrite;
    QLabel *problem;
    QComboBox *currency;
    QLabel *currencyProblem;
    QPushButton *save;
};

// The model's settings in the configuration service's current configuration (first platform).
std::optional<ModelSettings> savedModel(ConfigService *config, const QString &modelId)
{
    const Config current = config->current();
    const ModelSettings *model = current.platforms.isEmpty() ? nullptr : current.platforms.at(0).findModel(modelId);
    return model ? std::optional<ModelSettings>(*model) : std::nullopt;
}

// Exact comparison: a price typed as 0.075 must be the double 0.075, not something close to it.
bool samePrice(const std::optional<ModelSettings> &model, double input, double output, std::optional<double> cacheRead,
    std::optional<double> cacheWrite)
{
    const std::optional<ModelPrice> price = model ? model->price : std::nullopt;
    return price && price->input == input && price->output == output && price->cacheRead == cacheRead
        && price->cacheWrite == cacheWrite;
}

QString describe(const std::optional<ModelSettings> &model)
{
    if (!model)
        return QStringLiteral("not listed");
    const std::optional<ModelPrice> &price = model->price;
    if (!price)
        return QStringLiteral("no price");
    return QStringLiteral("%1 / %2 / %3 / %4")
        .arg(price->input, 0, 'g', 17)
        .arg(price->output, 0, 'g', 17)
        .arg(price->cacheRead ? QString::number(*price->cacheRead, 'g', 17) : QStringLiteral("-"))
        .arg(price->cacheWrite ? QString::number(*price->cacheWrite, 'g', 17) : QStringLiteral("-"));
}

} // namespace

void TestDesktopWindows::pricesAndCurrencyEditedAndSavedExactly()
{
    DesktopHarness harness;
    QString error;
    QVERIFY2(harness.start(pricedPlatformConfig(), &error), qPrintable(error));
    MainWindow *window = harness.app().mainWindow();
    PlatformsPage *page = window->platformsPage();
    ConfigService *config = harness.app().runtime()->configService();
    page->selectPlatform(0);
    PriceFields fields(page);
    QVERIFY(fields.found());

    // The prices from the configuration are shown: in the table, and in the fields of the selected model.
    QCOMPARE(fields.currency->currentText(), QString("USD"));
    QCOMPARE(fields.priceCell("sonnet"), QString("3 / 15 USD"));
    QCOMPARE(fields.priceCell("plain"), QString());
    QVERIFY(fields.select("sonnet"));
    QCOMPARE(fields.input->text(), QString("3"));
    QCOMPARE(fields.output->text(), QString("15"));
    QCOMPARE(fields.cacheRead->text(), QString("0.3"));
    QCOMPARE(fields.cacheWrite->text(), QString("3.75"));
    QCOMPARE(child<QLabel>(page, "priceUnit_input")->text(), QString("USD"));
    QVERIFY(fields.select("haiku"));
    QCOMPARE(fields.input->text(), QString("0.8"));
    QCOMPARE(fields.cacheRead->text(), QString()); // unset: the input price
    QVERIFY(!fields.cacheRead->placeholderText().isEmpty());
    QVERIFY(fields.select("plain"));
    QCOMPARE(fields.input->text(), QString());
    QVERIFY(!child<QPushButton>(page, "saveButton")->isEnabled()); // looking changes nothing

    // A currency typed in small letters becomes capitals; the units follow it.
    fields.typeCurrency("eur");
    QCOMPARE(fields.currency->currentText(), QString("EUR"));
    QVERIFY(fields.currencyProblem->isHidden());
    QCOMPARE(child<QLabel>(page, "priceUnit_output")->text(), QString("EUR"));

    // A price for "plain": decimals, a cache read price, no cache write price (= the input price).
    PriceFields::type(fields.input, "0.075");
    PriceFields::type(fields.output, "0.3");
    PriceFields::type(fields.cacheRead, "0.0075");
    QVERIFY2(fields.problem->isHidden(), qPrintable(fields.problem->text()));
    QTest::mouseClick(fields.save, Qt::LeftButton);
    QVERIFY2(page->lastError().isEmpty(), qPrintable(page->lastError()));
    QCOMPARE(config->current().platforms.at(0).currency, QString("EUR"));
    std::optional<ModelSettings> plain = savedModel(config, "plain");
    QVERIFY(plain);
    QVERIFY2(samePrice(plain, 0.075, 0.3, 0.0075, std::nullopt), qPrintable(describe(plain)));
    QCOMPARE(plain->contextWindow.value_or(0), 100000); // its other settings stay
    std::optional<ModelSettings> sonnet = savedModel(config, "sonnet");
    QVERIFY2(samePrice(sonnet, 3, 15, 0.3, 3.75), qPrintable(describe(sonnet)));
    std::optional<ModelSettings> haiku = savedModel(config, "haiku");
    QVERIFY2(samePrice(haiku, 0.8, 4, std::nullopt, std::nullopt), qPrintable(describe(haiku)));
    QCOMPARE(config->snapshot()->platforms.at(0).currency, QString("EUR")); // the running proxy has it too
    QCOMPARE(config->exportJson(false).count("\"price\""), 3);

    // Changing one price of one model changes only that value.
    QVERIFY(fields.select("sonnet"));
    QCOMPARE(fields.input->text(), QString("3"));
    PriceFields::type(fields.output, "16.5");
    QCOMPARE(fields.priceCell("sonnet"), QString("3 / 16.5 EUR"));
    QTest::mouseClick(fields.save, Qt::LeftButton);
    QVERIFY2(page->lastError().isEmpty(), qPrintable(page->lastError()));
    sonnet = savedModel(config, "sonnet");
    QVERIFY2(samePrice(sonnet, 3, 16.5, 0.3, 3.75), qPrintable(describe(sonnet)));
    plain = savedModel(config, "plain");
    QVERIFY2(samePrice(plain, 0.075, 0.3, 0.0075, std::nullopt), qPrintable(describe(plain)));
    haiku = savedModel(config, "haiku");
    QVERIFY2(samePrice(haiku, 0.8, 4, std::nullopt, std::nullopt), qPrintable(describe(haiku)));

    // Emptying all four fields removes the price; the model keeps its other settings.
    QVERIFY(fields.select("haiku"));
    for (QLineEdit *field : {fields.input, fields.output})
        PriceFields::type(field, QString());
    QVERIFY(fields.problem->isHidden());
    QTest::mouseClick(fields.save, Qt::LeftButton);
    QVERIFY2(page->lastError().isEmpty(), qPrintable(page->lastError()));
    haiku = savedModel(config, "haiku");
    QVERIFY(haiku && !haiku->price);
    QCOMPARE(haiku->maxOutputTokens.value_or(0), 8000);

    // The price editor speaks the chosen language.
    window->settingsPage()->setLanguage("zh_CN");
    QTRY_COMPARE(fields.cacheRead->placeholderText(), QString::fromUtf8("与输入相同"));
    QCOMPARE(child<QGroupBox>(page, "priceBox")->title(), QString::fromUtf8("haiku 的价格（每百万 token）"));
    window->settingsPage()->setLanguage("en");
    QTRY_COMPARE(fields.cacheRead->placeholderText(), QString("same as input"));
}

void TestDesktopWindows::wrongPriceOrCurrencyRefusedWhereItIs()
{
    DesktopHarness harness;
    QString error;
    QVERIFY2(harness.start(pricedPlatformConfig(), &error), qPrintable(error));
    PlatformsPage *page = harness.app().mainWindow()->platformsPage();
    ConfigService *config = harness.app().runtime()->configService();
    const Config before = config->current();
    page->selectPlatform(0);
    PriceFields fields(page);
    QVERIFY(fields.found());
    QVERIFY(fields.select("plain"));

    // A minus sign cannot be typed.
    PriceFields::type(fields.input, "-2");
    QCOMPARE(fields.input->text(), QString("2"));
    // A negative price that got in anyway (pasted past the field's check) is shown where it is and refused.
    fields.input->setText("-1");
    QVERIFY(fields.problem->isVisible());
    QVERIFY2(fields.problem->text().contains("must be a number from 0 to"), qPrintable(fields.problem->text()));
    QVERIFY(fields.save->isEnabled());
    QTest::mouseClick(fields.save, Qt::LeftButton);
    QVERIFY2(page->lastError().startsWith("platforms[0].models[2].price.input: "), qPrintable(page->lastError()));
    QVERIFY(config->current() == before); // nothing saved
    QVERIFY(fields.problem->isVisible());

    // Beyond the largest price.
    PriceFields::type(fields.input, "2000000");
    PriceFields::type(fields.output, "1");
    QVERIFY(fields.problem->isVisible());
    QTest::mouseClick(fields.save, Qt::LeftButton);
    QVERIFY2(page->lastError().startsWith("platforms[0].models[2].price.input: "), qPrintable(page->lastError()));
    QVERIFY(config->current() == before);

    // An output price without an input price is not a price.
    PriceFields::type(fields.input, QString());
    QVERIFY(fields.problem->isVisible());
    QVERIFY2(
        fields.problem->text().contains("both the input and the output price"), qPrintable(fields.problem->text()));
    QTest::mouseClick(fields.save, Qt::LeftButton);
    QVERIFY2(page->lastError().startsWith("platforms[0].models[2].price.input: "), qPrintable(page->lastError()));
    QVERIFY(config->current() == before);
    // Another model selected meanwhile: Save still finds the unfinished price and shows it again.
    QVERIFY(fields.select("sonnet"));
    QVERIFY(fields.problem->isHidden());
    QTest::mouseClick(fields.save, Qt::LeftButton);
    QVERIFY(!page->lastError().isEmpty());
    QCOMPARE(fields.rowOf("plain"), fields.models->currentRow());
    QCOMPARE(fields.output->text(), QString("1"));
    QVERIFY(fields.problem->isVisible());
    QVERIFY(config->current() == before);
    // Emptied again: no price, nothing to save.
    PriceFields::type(fields.output, QString());
    QVERIFY(fields.problem->isHidden());
    QVERIFY(!fields.save->isEnabled());

    // A currency that is not three letters is shown at once, before saving, and refused.
    fields.typeCurrency("eu");
    QCOMPARE(fields.currency->currentText(), QString("EU"));
    QVERIFY(fields.currencyProblem->isVisible());
    QVERIFY(fields.currencyProblem->text().contains("USD or CNY"));
    fields.typeCurrency("us1"); // not a letter: cannot be typed
    QCOMPARE(fields.currency->currentText(), QString("US"));
    QTest::mouseClick(fields.save, Qt::LeftButton);
    QVERIFY2(page->lastError().startsWith("platforms[0].currency: "), qPrintable(page->lastError()));
    QVERIFY(fields.currencyProblem->isVisible());
    QVERIFY(config->current() == before);
    QCOMPARE(config->current().platforms.at(0).currency, QString("USD"));

    // Corrected, it saves.
    fields.typeCurrency("CNY");
    QVERIFY(fields.currencyProblem->isHidden());
    QTest::mouseClick(fields.save, Qt::LeftButton);
    QVERIFY2(page->lastError().isEmpty(), qPrintable(page->lastError()));
    QCOMPARE(config->current().platforms.at(0).currency, QString("CNY"));
    const std::optional<ModelSettings> plain = savedModel(config, "plain");
    QVERIFY(plain && !plain->price);
}

void TestDesktopWindows::priceSurvivesEditingOtherFields()
{
    DesktopHarness harness;
    QString error;
    QVERIFY2(harness.start(pricedPlatformConfig(), &error), qPrintable(error));
    PlatformsPage *page = harness.app().mainWindow()->platformsPage();
    ConfigService *config = harness.app().runtime()->configService();
    page->selectPlatform(0);
    PriceFields fields(page);
    QVERIFY(fields.found());

    // The name, and a capability of the priced model typed into the table.
    PriceFields::type(child<QLineEdit>(page, "nameField"), "Priced relay");
    const int row = fields.rowOf("sonnet");
    QVERIFY(row >= 0);
    fields.models->item(row, 2)->setText("12345");
    QTest::mouseClick(fields.save, Qt::LeftButton);
    QVERIFY2(page->lastError().isEmpty(), qPrintable(page->lastError()));
    QCOMPARE(config->current().platforms.at(0).name, QString("Priced relay"));
    QCOMPARE(config->current().platforms.at(0).currency, QString("USD"));
    std::optional<ModelSettings> sonnet = savedModel(config, "sonnet");
    QVERIFY(sonnet);
    QCOMPARE(sonnet->maxOutputTokens.value_or(0), 12345);
    QVERIFY2(samePrice(sonnet, 3, 15, 0.3, 3.75), qPrintable(describe(sonnet)));
    const std::optional<ModelSettings> plain = savedModel(config, "plain");
    QVERIFY(plain && !plain->price); // a model without a price stays without

    // "Use defaults" clears the capabilities it set, not its price.
    QVERIFY(fields.select("sonnet"));
    QTest::mouseClick(child<QPushButton>(page, "resetModelButton"), Qt::LeftButton);
    QTest::mouseClick(fields.save, Qt::LeftButton);
    QVERIFY2(page->lastError().isEmpty(), qPrintable(page->lastError()));
    sonnet = savedModel(config, "sonnet");
    QVERIFY(sonnet && !sonnet->maxOutputTokens);
    QVERIFY2(samePrice(sonnet, 3, 15, 0.3, 3.75), qPrintable(describe(sonnet)));
    std::optional<ModelSettings> haiku = savedModel(config, "haiku");
    QVERIFY2(samePrice(haiku, 0.8, 4, std::nullopt, std::nullopt), qPrintable(describe(haiku)));
}

QByteArray TestDesktopWindows::openRouterConfig(const QUrl &baseUrl)
{
    return QStringLiteral(R"({"version": 1, "platforms": [
        {"id": "router", "type": "openrouter", "base_url": "%1", "api_key": "sk-or-router-0123456789",
         "currency": "USD",
         "models": [{"id": "vendor/cheap", "price": {"input": 1, "output": 2}}]}]})")
        .arg(baseUrl.toString())
        .toUtf8();
}

namespace {

// OpenRouter's model list: prices per token in US dollars, as strings. "vendor/free" costs nothing,
// "vendor/unpriced" says nothing about its price.
QByteArray openRouterModelList()
{
    const QJsonObject sonnet {{"id", "anthropic/claude-sonnet-4.5"}, {"name", "Claude Sonnet 4.5"},
        {"context_length", 200000},
        {"pricing",
            QJsonObject {{"prompt", "0.000003"}, {"completion", "0.000015"}, {"input_cache_read", "0.0000003"},
                {"input_cache_write", "0.00000375"}}}};
    const QJsonObject cheap {{"id", "vendor/cheap"}, {"name", "Cheap"},
        {"pricing", QJsonObject {{"prompt", "0.0000005"}, {"completion", "0.0000015"}}}};
    const QJsonObject freeModel {
        {"id", "vendor/free"}, {"name", "Free"}, {"pricing", QJsonObject {{"prompt", "0"}, {"completion", "0"}}}};
    const QJsonObject unpriced {{"id", "vendor/unpriced"}, {"name", "Unpriced"}};
    return QJsonDocument(QJsonObject {{"data", QJsonArray {sonnet, cheap, freeModel, unpriced}}})
        .toJson(QJsonDocument::Compact);
}

// The model's settings in the page's draft are not visible; the table's price cell is.
QTableWidgetItem *priceItem(const PriceFields &fields, const QString &modelId)
{
    const int row = fields.rowOf(modelId);
    return row < 0 ? nullptr : fields.models->item(row, fields.models->columnCount() - 1);
}

} // namespace

void TestDesktopWindows::listPricesOfferedAfterRefreshingModels()
{
    FakeUpstreamThread fake;
    QVERIFY(fake.isListening());
    fake->setHandler([](const ReceivedRequest &request) {
        if (request.pathWithoutQuery() == "/api/v1/models")
            return FakeResponse::json(200, openRouterModelList());
        return FakeResponse::openAIChat();
    });
    DesktopHarness harness;
    QString error;
    QVERIFY2(harness.start(openRouterConfig(fake->url("/api/v1")), &error), qPrintable(error));
    PlatformsPage *page = harness.app().mainWindow()->platformsPage();
    ConfigService *config = harness.app().runtime()->configService();
    page->selectPlatform(0);
    PriceFields fields(page);
    QVERIFY(fields.found());
    auto *line = child<QLabel>(page, "listPriceLine");
    auto *useOne = child<QPushButton>(page, "useListPriceButton");
    auto *useAll = child<QPushButton>(page, "useListPricesButton");
    QVERIFY(line && useOne && useAll);

    // Before the list is read, nothing is offered.
    QVERIFY(fields.select("vendor/cheap"));
    QVERIFY(line->isHidden());
    QVERIFY(useOne->isHidden());
    QVERIFY(useAll->isHidden());

    QTest::mouseClick(child<QPushButton>(page, "refreshModelsButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(fields.models->rowCount(), 4, 10000);
    QCOMPARE(fake->lastRequest().pathWithoutQuery(), QByteArray("/api/v1/models"));
    QVERIFY(!fields.save->isEnabled()); // reading the list changes nothing

    // The price column: an unpriced model shows its list price as a hint; a priced one its own price.
    QTableWidgetItem *sonnetCell = priceItem(fields, "anthropic/claude-sonnet-4.5");
    QVERIFY(sonnetCell);
    QCOMPARE(sonnetCell->text(), QString("3 / 15 USD"));
    QVERIFY(sonnetCell->font().italic());
    QVERIFY(!sonnetCell->font().bold());
    QCOMPARE(sonnetCell->toolTip(), QString("List price, not used until you apply it"));
    QCOMPARE(fields.priceCell("vendor/free"), QString("0 / 0 USD"));
    QCOMPARE(fields.priceCell("vendor/unpriced"), QString());
    QTableWidgetItem *cheapCell = priceItem(fields, "vendor/cheap");
    QCOMPARE(cheapCell->text(), QString("1 / 2 USD"));
    QVERIFY(cheapCell->font().bold());
    QVERIFY(!cheapCell->font().italic());

    // A priced model: its list price is shown, its own price stays in the fields.
    QVERIFY(fields.select("vendor/cheap"));
    QVERIFY(line->isVisible());
    QCOMPARE(line->text(), QString("OpenRouter's list price: 0.5 / 1.5 USD per million tokens"));
    QCOMPARE(fields.input->text(), QString("1"));
    QCOMPARE(fields.output->text(), QString("2"));

    // A model the list says nothing about the price of: nothing extra.
    QVERIFY(fields.select("vendor/unpriced"));
    QVERIFY(line->isHidden());
    QVERIFY(useOne->isHidden());

    // The list is in US dollars: a platform priced in yuan is shown the list price but cannot use it.
    fields.typeCurrency("CNY");
    QCOMPARE(fields.currency->currentText(), QString("CNY"));
    QVERIFY(fields.select("anthropic/claude-sonnet-4.5"));
    QVERIFY(line->isVisible());
    QVERIFY(useOne->isVisible());
    QVERIFY(!useOne->isEnabled());
    QVERIFY2(
        useOne->toolTip().contains("US dollars") && useOne->toolTip().contains("CNY"), qPrintable(useOne->toolTip()));
    QVERIFY(useAll->isVisible());
    QVERIFY(!useAll->isEnabled());
    QVERIFY2(useAll->toolTip().contains("CNY"), qPrintable(useAll->toolTip()));
    fields.typeCurrency("USD");
    QVERIFY(useOne->isEnabled());
    QVERIFY(useAll->isEnabled());
    QVERIFY(!fields.save->isEnabled());

    // "Use list price" fills the four fields: an ordinary edit, applied by Save.
    QCOMPARE(line->text(),
        QString("OpenRouter's list price: 3 / 15 USD per million tokens (cache read 0.3, cache write 3.75)"));
    QCOMPARE(fields.input->text(), QString());
    QTest::mouseClick(useOne, Qt::LeftButton);
    QCOMPARE(fields.input->text(), QString("3"));
    QCOMPARE(fields.output->text(), QString("15"));
    QCOMPARE(fields.cacheRead->text(), QString("0.3"));
    QCOMPARE(fields.cacheWrite->text(), QString("3.75"));
    QVERIFY(fields.problem->isHidden());
    QVERIFY(fields.save->isEnabled());
    QVERIFY(sonnetCell = priceItem(fields, "anthropic/claude-sonnet-4.5"));
    QVERIFY(sonnetCell->font().bold() && !sonnetCell->font().italic());
    QVERIFY(config->current().platforms.at(0).models.size() == 1); // not before Save
    QTest::mouseClick(fields.save, Qt::LeftButton);
    QVERIFY2(page->lastError().isEmpty(), qPrintable(page->lastError()));
    std::optional<ModelSettings> sonnet = savedModel(config, "anthropic/claude-sonnet-4.5");
    QVERIFY2(samePrice(sonnet, 3, 15, 0.3, 3.75), qPrintable(describe(sonnet)));
    QCOMPARE(config->current().platforms.at(0).models.size(), 2);
    QVERIFY(!savedModel(config, "vendor/free"));

    // All at once: only the listed models without a price; Revert undoes it like any edit.
    QVERIFY(useAll->isEnabled());
    QTest::mouseClick(useAll, Qt::LeftButton);
    QVERIFY(fields.save->isEnabled());
    QCOMPARE(fields.priceCell("vendor/free"), QString("0 / 0 USD"));
    QVERIFY(priceItem(fields, "vendor/free")->font().bold());
    QVERIFY(!useAll->isEnabled()); // nothing left to fill
    QTest::mouseClick(child<QPushButton>(page, "revertButton"), Qt::LeftButton);
    QVERIFY(!fields.save->isEnabled());
    QVERIFY(priceItem(fields, "vendor/free")->font().italic());
    QVERIFY(useAll->isEnabled());
    QTest::mouseClick(useAll, Qt::LeftButton);
    QTest::mouseClick(fields.save, Qt::LeftButton);
    QVERIFY2(page->lastError().isEmpty(), qPrintable(page->lastError()));
    const QList<ModelSettings> saved = config->current().platforms.at(0).models;
    QCOMPARE(saved.size(), 3);
    const std::optional<ModelSettings> freeModel = savedModel(config, "vendor/free");
    QVERIFY2(samePrice(freeModel, 0, 0, std::nullopt, std::nullopt), qPrintable(describe(freeModel)));
    QVERIFY(!freeModel->contextWindow && !freeModel->supportsTools); // only the price was set
    const std::optional<ModelSettings> cheap = savedModel(config, "vendor/cheap");
    QVERIFY2(samePrice(cheap, 1, 2, std::nullopt, std::nullopt), qPrintable(describe(cheap)));
    sonnet = savedModel(config, "anthropic/claude-sonnet-4.5");
    QVERIFY2(samePrice(sonnet, 3, 15, 0.3, 3.75), qPrintable(describe(sonnet)));
    QVERIFY(!savedModel(config, "vendor/unpriced"));
    QVERIFY(!useAll->isEnabled());
}

RoutingPage *TestDesktopWindows::startOnRoutingPage(
    FakeUpstreamThread &alpha, FakeUpstreamThread &beta, DesktopHarness &harness, QString *error)
{
    answerModelsAndMessages(alpha.upstream(), "from alpha");
    answerModelsAndMessages(beta.upstream(), "from beta");
    if (!harness.start(twoPlatformConfig(alpha->baseUrl(), beta->baseUrl()), error))
        return nullptr;
    MainWindow *window = harness.app().mainWindow();
    window->showPage(MainWindow::RoutingPageIndex);
    return window->routingPage();
}

void TestDesktopWindows::reorderClaudeCodePlatformsByDragAndTheProxyFollows()
{
    FakeUpstreamThread alpha;
    FakeUpstreamThread beta;
    DesktopHarness harness;
    QString error;
    RoutingPage *routing = startOnRoutingPage(alpha, beta, harness, &error);
    QVERIFY2(routing, qPrintable(error));
    QListWidget *list = routing->claudeCodeEditor()->listWidget();
    QCOMPARE(list->count(), 2);
    QCOMPARE(list->item(0)->text(), QString("alpha"));

    const quint16 port = harness.app().runtime()->port();
    QCOMPARE(HttpTestClient(port).post("/v1/messages", messageBody()).status, 200);
    QCOMPARE(alpha->requestCount(), 1);
    QCOMPARE(beta->requestCount(), 0);

    // What a drop does inside the list: the model moves the row.
    QVERIFY(list->model()->moveRows(QModelIndex(), 1, 1, QModelIndex(), 0));
    QCOMPARE(list->item(0)->text(), QString("beta"));
    QVERIFY(child<QPushButton>(routing, "saveButton")->isEnabled());
    QTest::mouseClick(child<QPushButton>(routing, "saveButton"), Qt::LeftButton);
    QVERIFY2(routing->lastError().isEmpty(), qPrintable(routing->lastError()));
    QCOMPARE(harness.app().runtime()->configService()->snapshot()->routing.claudeCodePlatforms,
        QStringList({"beta", "alpha"}));

    // The very next request goes to the platform now first.
    QCOMPARE(HttpTestClient(port).post("/v1/messages", messageBody()).status, 200);
    QCOMPARE(beta->requestCount(), 1);
    QCOMPARE(alpha->requestCount(), 1);
}

void TestDesktopWindows::priorityListReorderedAndSaved()
{
    DesktopHarness harness;
    QVERIFY(harness.start(twoPlatformConfig(QUrl("http://127.0.0.1:1"), QUrl("http://127.0.0.1:2"))));
    RoutingPage *routing = harness.app().mainWindow()->routingPage();
    ModelListEditor *priority = routing->priorityEditor();
    auto *field = priority->findChild<QComboBox *>("addField");
    for (const char *entry : {"alpha:claude-sonnet-4-5", "beta:claude-haiku-4-5", "alpha:claude-opus-4-1"}) {
        field->setEditText(entry);
        QTest::mouseClick(priority->findChild<QToolButton *>("addButton"), Qt::LeftButton);
    }
    QCOMPARE(priority->entries().size(), 3);
    // Drag the last entry to the top, switch the middle one off.
    QVERIFY(priority->listWidget()->model()->moveRows(QModelIndex(), 2, 1, QModelIndex(), 0));
    priority->listWidget()->item(2)->setCheckState(Qt::Unchecked);
    auto *mode = child<QComboBox>(routing, "modeField");
    mode->setCurrentIndex(mode->findData(int(RoutingMode::GlobalDirect)));
    QTest::mouseClick(child<QPushButton>(routing, "saveButton"), Qt::LeftButton);
    QVERIFY2(routing->lastError().isEmpty(), qPrintable(routing->lastError()));
    const std::shared_ptr<const Config> snapshot = harness.app().runtime()->configService()->snapshot();
    QCOMPARE(snapshot->routing.mode, RoutingMode::GlobalDirect);
    QCOMPARE(snapshot->routing.modelPriorityList, QStringList({"alpha:claude-opus-4-1", "alpha:claude-sonnet-4-5"}));
    // The switched-off entry stays in the list, unticked.
    QCOMPARE(priority->allEntries(),
        QStringList({"alpha:claude-opus-4-1", "alpha:claude-sonnet-4-5", "beta:claude-haiku-4-5"}));
    QCOMPARE(priority->disabledEntries(), QStringList({"beta:claude-haiku-4-5"}));
}

void TestDesktopWindows::invalidRoutingShownBeforeSaving()
{
    DesktopHarness harness;
    QVERIFY(harness.start(twoPlatformConfig(QUrl("http://127.0.0.1:1"), QUrl("http://127.0.0.1:2"))));
    RoutingPage *routing = harness.app().mainWindow()->routingPage();
    auto *mode = child<QComboBox>(routing, "modeField");
    mode->setCurrentIndex(mode->findData(int(RoutingMode::GlobalDirect)));
    // An empty chain is pointed out as soon as the mode needs it.
    auto *problem = routing->priorityEditor()->findChild<QLabel *>("problem");
    QVERIFY(!problem->isHidden());
    QVERIFY(problem->text().contains("empty"));
    // A model of a platform that does not exist is marked where it is.
    auto *field = routing->priorityEditor()->findChild<QComboBox *>("addField");
    field->setEditText("gamma:some-model");
    QTest::mouseClick(routing->priorityEditor()->findChild<QToolButton *>("addButton"), Qt::LeftButton);
    QVERIFY(problem->text().contains("gamma:some-model: there is no platform \"gamma\""));
    QVERIFY(!routing->priorityEditor()->listWidget()->item(0)->toolTip().isEmpty());
    // Saving anyway is refused by the configuration service and the error lands in the list.
    QVERIFY(!routing->save());
    QVERIFY(routing->lastError().startsWith("model_priority_list[0]"));
    QCOMPARE(harness.app().runtime()->configService()->current().routing.mode, RoutingMode::ClaudeCode);
}

void TestDesktopWindows::tierAndScenarioRulesEditedAndTheProxyFollows()
{
    FakeUpstreamThread alpha;
    FakeUpstreamThread beta;
    DesktopHarness harness;
    QString error;
    RoutingPage *routing = startOnRoutingPage(alpha, beta, harness, &error);
    QVERIFY2(routing, qPrintable(error));
    routing->tabs()->setCurrentIndex(RoutingPage::RulesTab);
    RoutingRulesEditor *rules = routing->rulesEditor();
    using Rule = RoutingRulesEditor::Rule;

    // Pick the opus rule on the left; its list is the one shown.
    rules->ruleList()->setCurrentRow(int(Rule::Opus));
    ModelListEditor *opus = rules->editor(Rule::Opus);
    QVERIFY(opus->isVisible());
    QVERIFY(!rules->editor(Rule::Haiku)->isVisible());
    QVERIFY(rules->ruleList()->item(int(Rule::Opus))->text().contains("off"));
    auto *field = opus->findChild<QComboBox *>("addField");
    field->setEditText("beta:claude-sonnet-4-5");
    QTest::mouseClick(opus->findChild<QToolButton *>("addButton"), Qt::LeftButton);
    QVERIFY(!rules->ruleList()->item(int(Rule::Opus))->text().contains("off"));
    rules->longContextThresholdField()->setValue(90000);
    QVERIFY(child<QPushButton>(routing, "saveButton")->isEnabled());
    QTest::mouseClick(child<QPushButton>(routing, "saveButton"), Qt::LeftButton);
    QVERIFY2(routing->lastError().isEmpty(), qPrintable(routing->lastError()));
    const std::shared_ptr<const Config> snapshot = harness.app().runtime()->configService()->snapshot();
    QCOMPARE(snapshot->routing.tiers.opus, QStringList({"beta:claude-sonnet-4-5"}));
    QCOMPARE(snapshot->routing.rules.longContextThreshold, 90000);

    // The next request for an opus model goes where the rule says; a sonnet request still passes through.
    const quint16 port = harness.app().runtime()->port();
    QByteArray opusBody = messageBody();
    opusBody.replace("claude-sonnet-4-5", "claude-opus-4-1");
    QCOMPARE(HttpTestClient(port).post("/v1/messages", opusBody).status, 200);
    QCOMPARE(beta->requestCount(), 1);
    QCOMPARE(QJsonDocument::fromJson(beta->lastRequest().body).object().value("model").toString(),
        QString("claude-sonnet-4-5"));
    QCOMPARE(HttpTestClient(port).post("/v1/messages", messageBody()).status, 200);
    QCOMPARE(alpha->requestCount(), 1);
    QCOMPARE(beta->requestCount(), 1);

    // A model of a platform that does not exist is marked in its rule, and saving is refused there.
    rules->ruleList()->setCurrentRow(int(Rule::Image));
    ModelListEditor *image = rules->editor(Rule::Image);
    image->findChild<QComboBox *>("addField")->setEditText("gamma:vision-model");
    QTest::mouseClick(image->findChild<QToolButton *>("addButton"), Qt::LeftButton);
    QVERIFY(image->findChild<QLabel *>("problem")->text().contains("there is no platform \"gamma\""));
    rules->ruleList()->setCurrentRow(int(Rule::Haiku));
    routing->tabs()->setCurrentIndex(RoutingPage::ClaudeCodeTab);
    QVERIFY(!routing->save());
    QVERIFY2(routing->lastError().startsWith("rules.image[0]"), qPrintable(routing->lastError()));
    QCOMPARE(routing->tabs()->currentIndex(), int(RoutingPage::RulesTab));
    QCOMPARE(rules->ruleList()->currentRow(), int(Rule::Image));
    QVERIFY(harness.app().runtime()->configService()->current().routing.rules.image.isEmpty());
}

void TestDesktopWindows::editScene()
{
    DesktopHarness harness;
    QVERIFY(harness.start(twoPlatformConfig(QUrl("http://127.0.0.1:1"), QUrl("http://127.0.0.1:2"))));
    RoutingPage *routing = harness.app().mainWindow()->routingPage();
    QTest::mouseClick(child<QPushButton>(routing, "addSceneButton"), Qt::LeftButton);
    auto *name = child<QLineEdit>(routing, "sceneNameField");
    name->selectAll();
    QTest::keyClicks(name, "coding");
    QTest::keyClicks(child<QPlainTextEdit>(routing, "sceneDescriptionField"), "writing or changing code");
    ModelListEditor *models = routing->sceneModelsEditor();
    QVERIFY(!models->findChild<QLabel *>("problem")->isHidden()); // a scene needs a model
    auto *field = models->findChild<QComboBox *>("addField");
    for (const char *entry : {"beta:claude-sonnet-4-5", "alpha:claude-sonnet-4-5"}) {
        field->setEditText(entry);
        QTest::mouseClick(models->findChild<QToolButton *>("addButton"), Qt::LeftButton);
    }
    QVERIFY(models->listWidget()->model()->moveRows(QModelIndex(), 1, 1, QModelIndex(), 0));
    QCOMPARE(routing->sceneList()->item(0)->text(), QString("coding"));
    QVERIFY(routing->save());
    const QList<Scene> scenes = harness.app().runtime()->configService()->snapshot()->routing.scenes;
    QCOMPARE(scenes.size(), 1);
    QCOMPARE(scenes.at(0).name, QString("coding"));
    QCOMPARE(scenes.at(0).description, QString("writing or changing code"));
    QCOMPARE(scenes.at(0).models, QStringList({"alpha:claude-sonnet-4-5", "beta:claude-sonnet-4-5"}));
}

void TestDesktopWindows::callsAppearLiveAndOpenInDetail()
{
    FakeUpstreamThread alpha;
    FakeUpstreamThread beta;
    answerModelsAndMessages(alpha.upstream(), "from alpha");
    DesktopHarness harness;
    QVERIFY(harness.start(twoPlatformConfig(alpha->baseUrl(), beta->baseUrl())));
    MainWindow *window = harness.app().mainWindow();
    window->showPage(MainWindow::RecordsPageIndex);
    RecordsPage *records = window->recordsPage();
    QVERIFY(child<QLabel>(records, "emptyState")->isVisible());
    QCOMPARE(records->model()->rowCount(), 0);

    const quint16 port = harness.app().runtime()->port();
    QCOMPARE(HttpTestClient(port).post("/v1/messages", messageBody()).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(records->model()->rowCount(), 1, 10000);
    QVERIFY(records->table()->isVisible());
    QCOMPARE(records->model()->index(0, RecordTableModel::RouteColumn).data().toString(),
        QString("alpha:claude-sonnet-4-5"));
    QCOMPARE(records->model()->index(0, RecordTableModel::StatusColumn).data().toString(), QString("200"));
    QCOMPARE(child<QLabel>(records, "count")->text(), QString("1 call"));
    // The tray's health source saw it too.
    QCOMPARE(harness.app().health()->lastRoute(), QString("alpha:claude-sonnet-4-5"));

    // A second call is prepended, without reloading.
    QSignalSpy resets(records->model(), &QAbstractItemModel::modelReset);
    QCOMPARE(HttpTestClient(port).post("/v1/messages", messageBody()).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(records->model()->rowCount(), 2, 10000);
    QCOMPARE(resets.size(), 0);

    // Filter by text: nothing matches "beta".
    QTest::keyClicks(child<QLineEdit>(records, "search"), "beta");
    QTRY_COMPARE(records->model()->rowCount(), 0);
    QTRY_VERIFY(child<QLabel>(records, "emptyState")->text().contains("No call matches"));
    child<QLineEdit>(records, "search")->clear();
    QTRY_COMPARE(records->model()->rowCount(), 2);

    // Open the newest one: request and response pretty-printed, route decision listed.
    records->table()->setCurrentIndex(records->model()->index(0, 0));
    QTest::keyClick(records->table(), Qt::Key_Return);
    RecordDetailDialog *detail = nullptr;
    QTRY_VERIFY((detail = records->findChild<RecordDetailDialog *>()) != nullptr);
    QVERIFY(detail->requestText().contains("\"content\": \"Hello there\""));
    QVERIFY(detail->responseText().contains("from alpha"));
    QVERIFY(detail->routeText().contains("\"reason\""));
    detail->findChild<QPushButton *>("copyRequest")->click();
    QCOMPARE(QApplication::clipboard()->text(), detail->requestText());
    detail->close();
}

void TestDesktopWindows::switchLanguageRetranslatesOpenWindows()
{
    DesktopHarness harness;
    QVERIFY(harness.start());
    MainWindow *window = harness.app().mainWindow();
    QCOMPARE(window->navigation()->item(0)->text(), QString("Platforms"));
    QCOMPARE(harness.app().tray()->menu()->findChild<QAction *>("openAction")->text(), QString("Open Switchyard"));
    window->showPage(MainWindow::SettingsPageIndex);
    auto *language = child<QComboBox>(window->settingsPage(), "languageField");
    const int chinese = language->findData(QString("zh_CN"));
    QVERIFY(chinese > 0);
    language->setCurrentIndex(chinese);
    Q_EMIT language->activated(chinese);
    QCOMPARE(harness.app().languages()->effectiveLanguage(), QString("zh_CN"));
    QTRY_COMPARE(window->navigation()->item(0)->text(), QString::fromUtf8("\u5e73\u53f0")); // 平台
    QCOMPARE(child<QPushButton>(window->platformsPage(), "testButton")->text(), QString::fromUtf8("测试连接"));
    QCOMPARE(
        harness.app().tray()->menu()->findChild<QAction *>("openAction")->text(), QString::fromUtf8("打开 Switchyard"));
    QCOMPARE(child<QComboBox>(window->settingsPage(), "languageField")->currentData().toString(), QString("zh_CN"));
    QCOMPARE(
        child<QGroupBox>(window->settingsPage(), "upstreamProxyGroup")->title(), QString::fromUtf8("与平台的连接"));
    QCOMPARE(child<QComboBox>(window->settingsPage(), "upstreamProxyModeField")->itemText(1),
        QString::fromUtf8("不使用代理"));
    QVERIFY(child<QLabel>(window->settingsPage(), "upstreamProxyPasswordNote")
                ->text()
                .startsWith(QString::fromUtf8("新密码")));
    // Back to English.
    window->settingsPage()->setLanguage("en");
    QTRY_COMPARE(window->navigation()->item(0)->text(), QString("Platforms"));
}

void TestDesktopWindows::trayStatesAndPause()
{
    DesktopHarness harness;
    QVERIFY(harness.start());
    TrayController *tray = harness.app().tray();
    ProxyRuntime *runtime = harness.app().runtime();
    QCOMPARE(tray->iconState(), TrayController::IconState::Running);
    QVERIFY(tray->toolTipText().contains(runtime->baseUrl()));
    QVERIFY(tray->toolTipText().contains("claude_code"));

    QAction *pause = tray->menu()->findChild<QAction *>("pauseAction");
    QCOMPARE(pause->text(), QString("Pause proxy"));
    pause->trigger();
    QCOMPARE(tray->iconState(), TrayController::IconState::Stopped);
    QCOMPARE(pause->text(), QString("Resume proxy"));
    QVERIFY(HttpTestClient(runtime->port()).get("/health", {}, 2000).status != 200);
    pause->trigger();
    QCOMPARE(tray->iconState(), TrayController::IconState::Running);
    QCOMPARE(HttpTestClient(runtime->port()).get("/health").status, 200);

    // Fed failures, the health source turns the icon amber and notifies once per platform.
    StoredRecord failed;
    failed.record.id = 1;
    failed.record.startedAt = QDateTime::currentDateTimeUtc();
    failed.record.routeJson = R"({"attempts":[{"platform":"alpha","model":"m","status":529,"result":"overloaded"},)"
                              R"({"platform":"beta","model":"m","status":200,"result":"ok"}]})";
    harness.app().health()->addRecords({failed, failed}, QDateTime::currentMSecsSinceEpoch());
    QCOMPARE(tray->iconState(), TrayController::IconState::Degraded);
    QVERIFY(tray->toolTipText().contains("Failing: alpha"));
    QCOMPARE(tray->shownNotifications().size(), 1); // rate-limited: one for alpha
    QVERIFY(tray->shownNotifications().at(0).startsWith("alpha is failing"));
    StoredRecord recovered = failed;
    recovered.record.routeJson = R"({"attempts":[{"platform":"alpha","model":"m","status":200,"result":"ok"}]})";
    harness.app().health()->addRecords({recovered}, QDateTime::currentMSecsSinceEpoch());
    QCOMPARE(tray->iconState(), TrayController::IconState::Running);

    // Mode switch from the tray menu applies at once.
    QAction *globalDirect = tray->menu()->findChild<QAction *>("mode_global_direct");
    QVERIFY(!globalDirect->isChecked());
    globalDirect->trigger();
    QCOMPARE(runtime->configService()->snapshot()->routing.mode, RoutingMode::GlobalDirect);
    QVERIFY(globalDirect->isChecked());
    QVERIFY(tray->toolTipText().contains("global_direct"));
}

void TestDesktopWindows::shellSetupAndClaudeCodeDialog()
{
    DesktopHarness harness;
    QVERIFY(harness.start(R"({"version": 1, "client_keys": [{"id": "laptop", "key": "sy-laptop-key-0123456789"}]})"));
    const QString shell = harness.app().copyShellSetup();
    QCOMPARE(shell,
        QString("export ANTHROPIC_BASE_URL=%1 ANTHROPIC_AUTH_TOKEN=sy-laptop-key-0123456789")
            .arg(harness.app().runtime()->baseUrl()));
    QCOMPARE(QApplication::clipboard()->text(), shell);

    const QString settingsPath = harness.dir().writeFile("claude-settings.json",
        R"({"statusLine": {"type": "command", "command": "x"}, "env": {"ANTHROPIC_API_KEY": "sk-ant-old-key-0000"}})");
    harness.app().showClaudeCodeDialog();
    ClaudeCodeDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = qApp->findChild<ClaudeCodeDialog *>()) || (dialog = [] {
        for (QWidget *widget : QApplication::topLevelWidgets()) {
            if (auto *found = qobject_cast<ClaudeCodeDialog *>(widget))
                return found;
        }
        return static_cast<ClaudeCodeDialog *>(nullptr);
    }()));
    QVERIFY(dialog->previewText().contains("+ ANTHROPIC_BASE_URL=" + harness.app().runtime()->baseUrl()));
    QVERIFY(dialog->previewText().contains("- ANTHROPIC_API_KEY"));
    QVERIFY(!dialog->previewText().contains("sy-laptop-key")); // secrets masked
    QVERIFY(dialog->statusText().contains("ANTHROPIC_API_KEY is removed from this file's env block only"));
    QTest::mouseClick(dialog->findChild<QPushButton *>("applyButton"), Qt::LeftButton);
    QFile file(settingsPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject written = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(
        written.value("env").toObject().value("ANTHROPIC_AUTH_TOKEN").toString(), QString("sy-laptop-key-0123456789"));
    QVERIFY(written.contains("statusLine"));
    QVERIFY(dialog->findChild<QPushButton *>("restoreButton")->isEnabled());
    QVERIFY(dialog->restoreBackup());
    file.close();
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("sk-ant-old-key-0000"));
    dialog->close();
}

void TestDesktopWindows::secondStartAsksTheFirstToShow()
{
    TempDataDir dir;
    const QString path = dir.file("switchyard.sock");
    SingleInstance first(path);
    QVERIFY(first.claim());
    QSignalSpy activation(&first, &SingleInstance::activationRequested);
    SingleInstance second(path);
    QVERIFY(!second.claim());
    QTRY_COMPARE(activation.size(), 1);
}

void TestDesktopWindows::clearRecordsAsksFirst()
{
    FakeUpstreamThread alpha;
    answerModelsAndMessages(alpha.upstream(), "from alpha");
    DesktopHarness harness;
    QVERIFY(harness.start(twoPlatformConfig(alpha->baseUrl(), QUrl("http://127.0.0.1:1"))));
    harness.app().mainWindow()->showPage(MainWindow::RecordsPageIndex);
    RecordsPage *records = harness.app().mainWindow()->recordsPage();
    const quint16 port = harness.app().runtime()->port();
    for (int i = 0; i < 3; ++i)
        QCOMPARE(HttpTestClient(port).post("/v1/messages", messageBody()).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(records->model()->rowCount(), 3, 10000);

    auto answer = [](QMessageBox::StandardButton button) {
        QTimer::singleShot(0, [button] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (box)
                box->button(button)->click();
        });
    };
    answer(QMessageBox::Cancel);
    QTest::mouseClick(child<QPushButton>(records, "clearButton"), Qt::LeftButton);
    QCOMPARE(records->model()->rowCount(), 3); // cancelled: nothing deleted

    answer(QMessageBox::Yes);
    QTest::mouseClick(child<QPushButton>(records, "clearButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(records->model()->rowCount(), 0, 10000);
    QTRY_VERIFY(child<QLabel>(records, "emptyState")->isVisible());
    // New calls appear again afterwards.
    QCOMPARE(HttpTestClient(port).post("/v1/messages", messageBody()).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(records->model()->rowCount(), 1, 10000);
}

void TestDesktopWindows::settingsStartAtLoginAndLog()
{
    LogBuffer log;
    Logging::installBuffer(&log);
    {
        DesktopHarness harness;
        harness.setLog(&log);
        QVERIFY(harness.start());
        SettingsPage *settings = harness.app().mainWindow()->settingsPage();
        auto *startAtLogin = child<QCheckBox>(settings, "startAtLoginField");
        QFile::remove(Autostart::entryPath());
        startAtLogin->setChecked(false);
        startAtLogin->setChecked(true);
        QVERIFY(QFile::exists(Autostart::entryPath()));
        QFile entry(Autostart::entryPath());
        QVERIFY(entry.open(QIODevice::ReadOnly));
        QVERIFY(entry.readAll().contains("Exec=\""));
        startAtLogin->setChecked(false);
        QVERIFY(!QFile::exists(Autostart::entryPath()));

        // The log view shows what the runtime logged, and follows new messages.
        auto *view = child<QPlainTextEdit>(settings, "logView");
        QTRY_VERIFY(view->toPlainText().contains("switchyard.runtime"));
        qCInfo(lcUi) << "a message for the log view";
        QTRY_VERIFY(view->toPlainText().contains("a message for the log view"));

        // Moving the proxy to another port from the settings page.
        const quint16 newPort = FakeUpstream::unusedPort();
        child<QSpinBox>(settings, "portField")->setValue(newPort);
        QTest::mouseClick(child<QPushButton>(settings, "applyListenButton"), Qt::LeftButton);
        QCOMPARE(harness.app().runtime()->port(), newPort);
        QCOMPARE(harness.app().runtime()->configService()->current().server.port, newPort);
        QCOMPARE(HttpTestClient(newPort).get("/health").status, 200);
        QVERIFY(child<QLabel>(settings, "listenStatus")->text().contains(QString::number(newPort)));
    }
    Logging::installBuffer(nullptr);
}

namespace {

// The fields of the settings page's "Connection to platforms" group.
struct UpstreamProxyFields
{
    explicit UpstreamProxyFields(QWidget *page)
        : mode(child<QComboBox>(page, "upstreamProxyModeField"))
        , url(child<QLineEdit>(page, "upstreamProxyUrlField"))
        , password(child<QLineEdit>(page, "upstreamProxyPasswordField"))
        , noProxy(child<QLineEdit>(page, "upstreamProxyNoProxyField"))
        , removePassword(child<QPushButton>(page, "removeUpstreamProxyPasswordButton"))
        , apply(child<QPushButton>(page, "applyUpstreamProxyButton"))
        , status(child<QLabel>(page, "upstreamProxyStatus"))
        , passwordNote(child<QLabel>(page, "upstreamProxyPasswordNote"))
    {
    }

    bool found() const
    {
        return mode && url && password && noProxy && removePassword && apply && status && passwordNote;
    }
    void choose(const char *modeId) const
    {
        const int index = mode->findData(QString::fromLatin1(modeId));
        mode->setCurrentIndex(index);
        Q_EMIT mode->activated(index);
    }
    static void type(QLineEdit *field, const QString &text)
    {
        field->selectAll();
        QTest::keyClick(field, Qt::Key_Delete);
        QTest::keyClicks(field, text);
    }

    QComboBox *mode;
    QLineEdit *url;
    QLineEdit *password;
    QLineEdit *noProxy;
    QPushButton *removePassword;
    QPushButton *apply;
    QLabel *status;
    QLabel *passwordNote;
};

} // namespace

void TestDesktopWindows::settingsManualUpstreamProxy()
{
    DesktopHarness harness;
    QVERIFY(harness.start());
    MainWindow *window = harness.app().mainWindow();
    window->showPage(MainWindow::SettingsPageIndex);
    const UpstreamProxyFields fields(window->settingsPage());
    QVERIFY(fields.found());
    ConfigService *config = harness.app().runtime()->configService();
    const QString secretName = SecretStore::nameForUpstreamProxy();

    // The default is the system environment; the manual fields open only in the manual mode.
    QCOMPARE(fields.mode->currentData().toString(), QString("environment"));
    QCOMPARE(fields.mode->count(), 3);
    QVERIFY(!fields.url->isEnabled() && !fields.password->isEnabled() && !fields.noProxy->isEnabled());
    fields.choose("manual");
    QVERIFY(fields.url->isEnabled() && fields.password->isEnabled() && fields.noProxy->isEnabled());
    QCOMPARE(fields.password->echoMode(), QLineEdit::Password);
    QCOMPARE(fields.url->placeholderText(), QString("http://proxy.example:3128"));
    QVERIFY(fields.passwordNote->text().contains("memory (test keychain)"));

    // Manual proxy with a password and exceptions: the password goes to the keychain, never into the
    // configuration, and is never shown again.
    QTest::keyClicks(fields.url, "http://proxyuser@proxy.example:3128");
    QTest::keyClicks(fields.password, "proxy-secret-7788");
    QTest::keyClicks(fields.noProxy, "intranet.example, .corp.example, 10.0.0.0/8");
    QTest::mouseClick(fields.apply, Qt::LeftButton);
    QCOMPARE(fields.status->text(), QString("Saved."));
    UpstreamProxySettings saved = config->current().upstreamProxy;
    QCOMPARE(saved.mode, UpstreamProxySettings::Mode::Manual);
    QCOMPARE(saved.url, QString("http://proxyuser@proxy.example:3128"));
    QCOMPARE(saved.noProxy, QString("intranet.example, .corp.example, 10.0.0.0/8"));
    QCOMPARE(saved.password, QString("${keychain:upstream_proxy.password}"));
    QCOMPARE(harness.secrets().read(secretName).value_or(QString()), QString("proxy-secret-7788"));
    QCOMPARE(config->snapshot()->upstreamProxy.password, QString("proxy-secret-7788")); // what the proxy uses
    QVERIFY(!config->exportJson(true).contains("proxy-secret"));
    QCOMPARE(fields.password->text(), QString());
    QCOMPARE(fields.password->placeholderText(),
        QString::fromUtf8("\u2022\u2022\u2022\u2022 in the system keychain (type to replace)"));
    QCOMPARE(fields.url->text(), saved.url);
    QCOMPARE(fields.noProxy->text(), saved.noProxy);
    QVERIFY(fields.removePassword->isEnabled());

    // A password written into the URL is moved out of it, into the keychain.
    UpstreamProxyFields::type(fields.url, "http://proxyuser:in-url-secret@proxy.example:3128");
    QTest::mouseClick(fields.apply, Qt::LeftButton);
    QCOMPARE(fields.status->text(), QString("Saved."));
    QCOMPARE(config->current().upstreamProxy.url, QString("http://proxyuser@proxy.example:3128"));
    QCOMPARE(config->current().upstreamProxy.password, QString("${keychain:upstream_proxy.password}"));
    QCOMPARE(harness.secrets().read(secretName).value_or(QString()), QString("in-url-secret"));
    QVERIFY(!fields.url->text().contains("in-url-secret"));

    // Back to "No proxy": saved as mode none; the manual settings stay for later, the fields close.
    fields.choose("none");
    QVERIFY(!fields.url->isEnabled() && !fields.password->isEnabled() && !fields.noProxy->isEnabled());
    QTest::mouseClick(fields.apply, Qt::LeftButton);
    QCOMPARE(fields.status->text(), QString("Saved."));
    saved = config->current().upstreamProxy;
    QCOMPARE(saved.mode, UpstreamProxySettings::Mode::None);
    QCOMPARE(saved.url, QString("http://proxyuser@proxy.example:3128"));
    QCOMPARE(saved.password, QString("${keychain:upstream_proxy.password}"));
    QVERIFY(config->snapshot()->upstreamProxy.url.isEmpty()); // nothing in effect
    QCOMPARE(fields.mode->currentData().toString(), QString("none"));

    // Manual again, without the password: the keychain entry goes with it.
    fields.choose("manual");
    QTest::mouseClick(fields.removePassword, Qt::LeftButton);
    QVERIFY(!fields.removePassword->isEnabled());
    QTest::mouseClick(fields.apply, Qt::LeftButton);
    QCOMPARE(fields.status->text(), QString("Saved."));
    QCOMPARE(config->current().upstreamProxy.mode, UpstreamProxySettings::Mode::Manual);
    QVERIFY(config->current().upstreamProxy.password.isEmpty());
    QVERIFY(!harness.secrets().contains(secretName));
    QCOMPARE(fields.password->placeholderText(), QString("No password (optional)"));
}

void TestDesktopWindows::settingsUpstreamProxyRejectsABadUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("problem");
    QTest::newRow("https proxy") << "https://proxy.example:3128"
                                 << "https:// proxies";
    QTest::newRow("other scheme") << "ftp://x"
                                  << "unsupported proxy scheme";
    QTest::newRow("empty") << ""
                           << "needs the proxy's URL";
    QTest::newRow("bad reference") << "http://$"
                                   << "upstream_proxy.url";
}

void TestDesktopWindows::settingsUpstreamProxyRejectsABadUrl()
{
    QFETCH(QString, url);
    QFETCH(QString, problem);
    DesktopHarness harness;
    // Something stored already: a manual proxy with its password in the keychain.
    harness.secrets().write(SecretStore::nameForUpstreamProxy(), "stored-secret-1234");
    const QByteArray stored = "{\"version\": 1, \"upstream_proxy\": {\"mode\": \"manual\", \"url\": "
                              "\"http://old.example:8080\", \"password\": \"${keychain:upstream_proxy.password}\", "
                              "\"no_proxy\": \"old.example\"}}";
    QVERIFY(harness.start(stored));
    MainWindow *window = harness.app().mainWindow();
    window->showPage(MainWindow::SettingsPageIndex);
    const UpstreamProxyFields fields(window->settingsPage());
    QVERIFY(fields.found());
    ConfigService *config = harness.app().runtime()->configService();
    const UpstreamProxySettings before = config->current().upstreamProxy;
    QCOMPARE(fields.mode->currentData().toString(), QString("manual"));
    QCOMPARE(fields.url->text(), QString("http://old.example:8080"));
    QCOMPARE(fields.noProxy->text(), QString("old.example"));
    QCOMPARE(fields.password->text(), QString());
    QVERIFY(!fields.password->placeholderText().contains("stored-secret"));

    UpstreamProxyFields::type(fields.url, url);
    QTest::keyClicks(fields.password, "new-secret-5678");
    UpstreamProxyFields::type(fields.noProxy, "new.example");
    QTest::mouseClick(fields.apply, Qt::LeftButton);

    // Shown in the page; nothing stored changed, the keychain included; what was typed stays to be fixed.
    QVERIFY2(fields.status->text().startsWith("Not saved: "), qPrintable(fields.status->text()));
    QVERIFY2(fields.status->text().contains(problem), qPrintable(fields.status->text()));
    QVERIFY(fields.status->isVisible());
    QCOMPARE(config->current().upstreamProxy, before);
    QCOMPARE(config->snapshot()->upstreamProxy.url, QString("http://old.example:8080"));
    QCOMPARE(
        harness.secrets().read(SecretStore::nameForUpstreamProxy()).value_or(QString()), QString("stored-secret-1234"));
    QCOMPARE(fields.url->text(), url);
    QCOMPARE(fields.noProxy->text(), QString("new.example"));
}

void TestDesktopWindows::settingsUpstreamProxyPasswordWithoutKeychain()
{
    qputenv("SWITCHYARD_TEST_PROXY_PASSWORD", "from-the-environment");
    const auto unset = qScopeGuard([] { qunsetenv("SWITCHYARD_TEST_PROXY_PASSWORD"); });
    DesktopHarness harness;
    QVERIFY(harness.start());
    // A machine without a keychain: the password is stored in the configuration, and the page says so.
    InMemorySecretStore noKeychain(false);
    SettingsPage page(harness.app().runtime(), &noKeychain, harness.app().settings(), nullptr, nullptr);
    const UpstreamProxyFields fields(&page);
    QVERIFY(fields.found());
    QVERIFY(fields.passwordNote->text().startsWith("No system keychain was found"));
    fields.choose("manual");
    QTest::keyClicks(fields.url, "socks5://proxy.example:1080");
    QTest::keyClicks(fields.password, "plain-secret-2468");
    QTest::mouseClick(fields.apply, Qt::LeftButton);
    QCOMPARE(fields.status->text(), QString("Saved."));
    ConfigService *config = harness.app().runtime()->configService();
    QCOMPARE(config->current().upstreamProxy.mode, UpstreamProxySettings::Mode::Manual);
    QCOMPARE(config->current().upstreamProxy.url, QString("socks5://proxy.example:1080"));
    QCOMPARE(config->current().upstreamProxy.password, QString("plain-secret-2468"));
    QVERIFY(!noKeychain.contains(SecretStore::nameForUpstreamProxy()));
    QVERIFY(!config->exportJson(false).contains("plain-secret")); // a shared export leaves it out
    QCOMPARE(fields.password->text(), QString());
    QCOMPARE(fields.password->placeholderText(),
        QString::fromUtf8("\u2022\u2022\u2022\u2022 stored in Switchyard's database (type to replace)"));

    // An environment reference is kept as written, and shown as such.
    QTest::keyClicks(fields.password, "$SWITCHYARD_TEST_PROXY_PASSWORD");
    QTest::mouseClick(fields.apply, Qt::LeftButton);
    QCOMPARE(fields.status->text(), QString("Saved."));
    QCOMPARE(config->current().upstreamProxy.password, QString("$SWITCHYARD_TEST_PROXY_PASSWORD"));
    QCOMPARE(config->snapshot()->upstreamProxy.password, QString("from-the-environment"));
    QCOMPARE(fields.password->placeholderText(),
        QString("$SWITCHYARD_TEST_PROXY_PASSWORD (from the environment; type to replace)"));
}

namespace {

// Runs `step` on the modal dialog that opens next (from inside its event loop).
void onNextModal(const std::function<void(QWidget *)> &step)
{
    QTimer::singleShot(0, [step] { step(QApplication::activeModalWidget()); });
}

void answerNextQuestion(QMessageBox::StandardButton button)
{
    onNextModal([button](QWidget *modal) {
        if (auto *box = qobject_cast<QMessageBox *>(modal))
            box->button(button)->click();
    });
}

// What the "Add key…" dialog showed after each id typed into it (the last id is added unless `cancel`).
struct AddKeyDialogRun
{
    bool found = false;
    QStringList problems; // the problem shown after each OK; empty when none was shown
    bool stillOpen = false; // after the last OK
};

void fillNextAddKeyDialog(const QStringList &ids, const QString &name, bool cancel, AddKeyDialogRun *run)
{
    onNextModal([=](QWidget *modal) {
        auto *dialog = qobject_cast<QDialog *>(modal);
        if (!dialog || dialog->objectName() != QLatin1String("addClientKeyDialog"))
            return;
        run->found = true;
        auto *idField = dialog->findChild<QLineEdit *>(QStringLiteral("newKeyIdField"));
        auto *nameField = dialog->findChild<QLineEdit *>(QStringLiteral("newKeyNameField"));
        auto *problem = dialog->findChild<QLabel *>(QStringLiteral("newKeyProblem"));
        auto *buttons = dialog->findChild<QDialogButtonBox *>();
        QTest::keyClicks(nameField, name);
        for (const QString &id : ids) {
            idField->clear();
            QTest::keyClicks(idField, id);
            buttons->button(QDialogButtonBox::Ok)->click();
            run->problems << (problem->isHidden() ? QString() : problem->text());
        }
        run->stillOpen = dialog->isVisible();
        if (cancel && dialog->isVisible())
            buttons->button(QDialogButtonBox::Cancel)->click();
    });
}

// The key the once-shown dialog shows; closes the dialog.
QString takeShownKey(ClientKeysPage *page, QString *note = nullptr)
{
    QDialog *dialog = page->newKeyDialog();
    if (!dialog)
        return QString();
    const QString key = dialog->findChild<QLineEdit *>(QStringLiteral("newClientKeyField"))->text();
    if (note)
        *note = dialog->findChild<QLabel *>(QStringLiteral("newClientKeyNote"))->text();
    dialog->close();
    return key;
}

int statusWithKey(quint16 port, const QByteArray &header, const QByteArray &value)
{
    HttpHeaderList headers;
    if (!header.isEmpty())
        headers.append({header, value});
    return HttpTestClient(port).get("/api/routing/health", headers).status;
}

int statusWithKey(quint16 port, const QString &key)
{
    return statusWithKey(port, "x-api-key", key.toUtf8());
}

QString tableText(QTableWidget *table)
{
    QStringList cells;
    for (int row = 0; row < table->rowCount(); ++row) {
        for (int column = 0; column < table->columnCount(); ++column)
            cells << table->item(row, column)->text() << table->item(row, column)->toolTip();
    }
    return cells.join(QLatin1Char('|'));
}

ClientKeysPage *showClientKeys(DesktopHarness &harness)
{
    MainWindow *window = harness.app().mainWindow();
    window->showPage(MainWindow::SettingsPageIndex);
    auto *tabs = window->settingsPage()->findChild<QTabWidget *>(QStringLiteral("settingsTabs"));
    ClientKeysPage *page = window->settingsPage()->clientKeysPage();
    tabs->setCurrentWidget(page);
    return page;
}

const QRegularExpression kGeneratedKey(QStringLiteral("^sk-sy-[A-Za-z0-9_-]{43}$"));

} // namespace

void TestDesktopWindows::clientKeyAddedToTheKeychainAndTheProxyChecksIt()
{
    DesktopHarness harness;
    QVERIFY(harness.start());
    ClientKeysPage *page = showClientKeys(harness);
    auto *tabs = harness.app().mainWindow()->settingsPage()->findChild<QTabWidget *>("settingsTabs");
    QCOMPARE(tabs->count(), 3);
    QCOMPARE(tabs->tabText(1), QString("Client keys"));
    QCOMPARE(tabs->currentWidget(), static_cast<QWidget *>(page));
    ConfigService *config = harness.app().runtime()->configService();
    const quint16 port = harness.app().runtime()->port();
    QCOMPARE(page->table()->rowCount(), 0);
    QVERIFY(child<QLabel>(page, "clientKeysListenNote")->text().startsWith("No key is enabled"));
    QVERIFY(child<QLabel>(page, "clientKeysStorageNote")->text().contains("memory (test keychain)"));
    QCOMPARE(statusWithKey(port, QByteArray(), QByteArray()), 200); // no keys: anything goes

    AddKeyDialogRun run;
    fillNextAddKeyDialog({"alice"}, "Alice's laptop", false, &run);
    QTest::mouseClick(child<QPushButton>(page, "addClientKeyButton"), Qt::LeftButton);
    QVERIFY(run.found);
    QCOMPARE(run.problems, QStringList({QString()}));
    QVERIFY2(page->lastError().isEmpty(), qPrintable(page->lastError()));

    // The configuration names the keychain entry; the keychain holds a generated key; the proxy uses it.
    const QList<ClientKey> keys = config->current().clientKeys;
    QCOMPARE(keys.size(), 1);
    QCOMPARE(keys.at(0).id, QString("alice"));
    QCOMPARE(keys.at(0).name, QString("Alice's laptop"));
    QVERIFY(keys.at(0).enabled);
    QCOMPARE(keys.at(0).key, QString("${keychain:client_key.alice}"));
    QCOMPARE(SecretStore::nameForClientKey("alice"), QString("client_key.alice"));
    const QString stored = harness.secrets().read("client_key.alice").value_or(QString());
    QVERIFY2(kGeneratedKey.match(stored).hasMatch(), qPrintable(stored));
    QCOMPARE(stored.size(), 49); // "sk-sy-" + 32 bytes in base64url without padding
    QCOMPARE(config->snapshot()->clientKeys.at(0).key, stored);

    // Shown once, with a Copy button and what to do with it.
    QVERIFY(page->newKeyDialog());
    QVERIFY(page->newKeyDialog()->isVisible());
    QTest::mouseClick(page->newKeyDialog()->findChild<QPushButton *>("copyClientKeyButton"), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), stored);
    QString note;
    QCOMPARE(takeShownKey(page, &note), stored);
    QVERIFY(note.contains("will not show it again"));
    QVERIFY(note.contains(QString::fromUtf8("Configure Claude Code\u2026")));
    QVERIFY(note.contains("which is this one"));
    QVERIFY(note.contains("Until now Switchyard accepted calls without a key"));
    QTRY_VERIFY(!page->newKeyDialog());

    // The table says where the key is, never what it is; exports leave it out.
    QCOMPARE(page->table()->rowCount(), 1);
    QCOMPARE(page->table()->item(0, ClientKeysPage::IdColumn)->text(), QString("alice"));
    QCOMPARE(page->table()->item(0, ClientKeysPage::NameColumn)->text(), QString("Alice's laptop"));
    QCOMPARE(page->table()->item(0, ClientKeysPage::EnabledColumn)->checkState(), Qt::Checked);
    QCOMPARE(page->table()->item(0, ClientKeysPage::StorageColumn)->text(), QString("System keychain"));
    QVERIFY(!tableText(page->table()).contains(stored));
    QVERIFY(!config->exportJson(false).contains(stored.toUtf8()));
    QVERIFY(!config->exportJson(true).contains(stored.toUtf8()));
    QVERIFY(child<QLabel>(page, "clientKeysStatus")->text().contains("alice"));
    QVERIFY(child<QLabel>(page, "clientKeysListenNote")->text().startsWith("Every call must present"));

    // The running proxy takes the key at once, in either header, and refuses anything else.
    QCOMPARE(statusWithKey(port, stored), 200);
    QCOMPARE(statusWithKey(port, "authorization", "Bearer " + stored.toUtf8()), 200);
    QCOMPARE(statusWithKey(port, "sk-sy-not-the-key-0000000000000000000000000000000"), 401);
    QCOMPARE(statusWithKey(port, QByteArray(), QByteArray()), 401);
    // Configure Claude Code and the shell setup use it (the first enabled key).
    QVERIFY(harness.app().copyShellSetup().endsWith("ANTHROPIC_AUTH_TOKEN=" + stored));

    // A second key: the note says Configure Claude Code uses the first one.
    QVERIFY(page->addKey("bob", QString()));
    const QString bobKey = takeShownKey(page, &note);
    QVERIFY(kGeneratedKey.match(bobKey).hasMatch());
    QVERIFY(bobKey != stored);
    QVERIFY(note.contains("writes the first enabled key (\"alice\"), not this one"));
    QVERIFY(!note.contains("Until now"));
    QCOMPARE(harness.secrets().read("client_key.bob").value_or(QString()), bobKey);
    QCOMPARE(statusWithKey(port, bobKey), 200);
    QCOMPARE(statusWithKey(port, stored), 200);
}

void TestDesktopWindows::clientKeyIdValidated()
{
    DesktopHarness harness;
    QVERIFY(harness.start(R"({"version": 1, "client_keys": [{"id": "alice", "key": "sy-alice-key-0123456789"}]})"));
    ClientKeysPage *page = showClientKeys(harness);
    ConfigService *config = harness.app().runtime()->configService();
    const Config before = config->current();

    // Bad characters, then an id already used, then nothing: each is shown in the dialog, which stays open.
    AddKeyDialogRun run;
    fillNextAddKeyDialog({"bad id!", "alice", ""}, "Someone", true, &run);
    QTest::mouseClick(child<QPushButton>(page, "addClientKeyButton"), Qt::LeftButton);
    QVERIFY(run.found);
    QCOMPARE(run.problems.size(), 3);
    QCOMPARE(run.problems.at(0), QString("\"bad id!\" may contain only letters, digits, \"_\", \".\" and \"-\"."));
    QCOMPARE(run.problems.at(1), QString("\"alice\" is already used by another key."));
    QVERIFY(run.problems.at(2).startsWith("Give the key an id"));
    QVERIFY(run.stillOpen);
    QCOMPARE(config->current(), before);
    QVERIFY(!page->newKeyDialog());

    // The same rules without the dialog; the page says why.
    QVERIFY(!page->addKey("a/b", QString()));
    QVERIFY2(page->lastError().startsWith("Not added: \"a/b\" may contain only"), qPrintable(page->lastError()));
    QVERIFY(child<QLabel>(page, "clientKeysStatus")->isVisible());
    QVERIFY(!page->addKey("alice", QString()));
    QVERIFY(page->lastError().contains("already used"));
    QCOMPARE(config->current(), before);
    QVERIFY(!harness.secrets().contains("client_key.alice"));
    QVERIFY(!harness.secrets().contains("client_key.a/b"));
    QVERIFY(!page->newKeyDialog());
}

void TestDesktopWindows::clientKeysDisabledRenamedReplacedAndRemoved()
{
    qputenv("SWITCHYARD_TEST_BOB_KEY", "sy-bob-from-the-environment-42");
    const auto unset = qScopeGuard([] { qunsetenv("SWITCHYARD_TEST_BOB_KEY"); });
    DesktopHarness harness;
    harness.secrets().write("client_key.alice", "sy-alice-old-key-0123456789");
    const QByteArray stored = R"({"version": 1, "client_keys": [
        {"id": "alice", "name": "Alice", "key": "${keychain:client_key.alice}"},
        {"id": "bob", "name": "Bob", "key": "$SWITCHYARD_TEST_BOB_KEY"}]})";
    QVERIFY(harness.start(stored));
    ClientKeysPage *page = showClientKeys(harness);
    ConfigService *config = harness.app().runtime()->configService();
    QTableWidget *table = page->table();
    const quint16 port = harness.app().runtime()->port();
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->item(0, ClientKeysPage::StorageColumn)->text(), QString("System keychain"));
    QCOMPARE(table->item(1, ClientKeysPage::StorageColumn)->text(),
        QString("Environment variable $SWITCHYARD_TEST_BOB_KEY"));
    QVERIFY(!tableText(table).contains("sy-alice-old-key"));
    QVERIFY(!tableText(table).contains("sy-bob-from-the-environment"));
    QCOMPARE(statusWithKey(port, "sy-alice-old-key-0123456789"), 200);

    // Disabled with its checkbox: refused at once; enabled again: accepted.
    table->item(0, ClientKeysPage::EnabledColumn)->setCheckState(Qt::Unchecked);
    QVERIFY2(page->lastError().isEmpty(), qPrintable(page->lastError()));
    QVERIFY(!config->current().clientKeys.at(0).enabled);
    QCOMPARE(statusWithKey(port, "sy-alice-old-key-0123456789"), 401);
    QCOMPARE(statusWithKey(port, "sy-bob-from-the-environment-42"), 200);
    QVERIFY(page->statusText().contains("\"alice\" is disabled"));
    table->item(0, ClientKeysPage::EnabledColumn)->setCheckState(Qt::Checked);
    QVERIFY(config->current().clientKeys.at(0).enabled);
    QCOMPARE(statusWithKey(port, "sy-alice-old-key-0123456789"), 200);

    // Renamed in its cell: the name only.
    table->item(1, ClientKeysPage::NameColumn)->setText("  Bob's desktop ");
    QCOMPARE(config->current().clientKeys.at(1).name, QString("Bob's desktop"));
    QCOMPARE(config->current().clientKeys.at(1).id, QString("bob"));
    QCOMPARE(config->current().clientKeys.at(1).key, QString("$SWITCHYARD_TEST_BOB_KEY"));
    QCOMPARE(table->item(1, ClientKeysPage::NameColumn)->text(), QString("Bob's desktop"));

    // Replace asks first; a new key, shown once, in the same keychain entry; the old key is refused.
    table->selectRow(0);
    answerNextQuestion(QMessageBox::Cancel);
    QTest::mouseClick(child<QPushButton>(page, "replaceClientKeyButton"), Qt::LeftButton);
    QVERIFY(!page->newKeyDialog());
    QCOMPARE(harness.secrets().read("client_key.alice").value_or(QString()), QString("sy-alice-old-key-0123456789"));
    answerNextQuestion(QMessageBox::Yes);
    QTest::mouseClick(child<QPushButton>(page, "replaceClientKeyButton"), Qt::LeftButton);
    QString note;
    const QString aliceKey = takeShownKey(page, &note);
    QVERIFY2(kGeneratedKey.match(aliceKey).hasMatch(), qPrintable(aliceKey));
    QVERIFY(note.contains("The previous key of \"alice\" no longer works"));
    QCOMPARE(harness.secrets().read("client_key.alice").value_or(QString()), aliceKey);
    QCOMPARE(config->current().clientKeys.at(0).key, QString("${keychain:client_key.alice}"));
    QCOMPARE(statusWithKey(port, "sy-alice-old-key-0123456789"), 401);
    QCOMPARE(statusWithKey(port, aliceKey), 200);
    QTRY_VERIFY(!page->newKeyDialog());

    // An environment reference is left alone until it is replaced; then the key is generated and kept in
    // the keychain like any other.
    QVERIFY(page->replaceKey("bob"));
    const QString bobKey = takeShownKey(page);
    QCOMPARE(config->current().clientKeys.at(1).key, QString("${keychain:client_key.bob}"));
    QCOMPARE(harness.secrets().read("client_key.bob").value_or(QString()), bobKey);
    QCOMPARE(table->item(1, ClientKeysPage::StorageColumn)->text(), QString("System keychain"));
    QCOMPARE(statusWithKey(port, "sy-bob-from-the-environment-42"), 401);
    QCOMPARE(statusWithKey(port, bobKey), 200);
    QTRY_VERIFY(!page->newKeyDialog());

    // Remove asks first; then the key and its keychain entry go.
    table->selectRow(0);
    answerNextQuestion(QMessageBox::Cancel);
    QTest::mouseClick(child<QPushButton>(page, "removeClientKeyButton"), Qt::LeftButton);
    QCOMPARE(config->current().clientKeys.size(), 2);
    answerNextQuestion(QMessageBox::Yes);
    QTest::mouseClick(child<QPushButton>(page, "removeClientKeyButton"), Qt::LeftButton);
    QVERIFY2(page->lastError().isEmpty(), qPrintable(page->lastError()));
    QCOMPARE(config->current().clientKeys.size(), 1);
    QCOMPARE(config->current().clientKeys.at(0).id, QString("bob"));
    QVERIFY(!harness.secrets().contains("client_key.alice"));
    QVERIFY(harness.secrets().contains("client_key.bob"));
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(statusWithKey(port, aliceKey), 401);
    QCOMPARE(statusWithKey(port, bobKey), 200);

    // Removing the last key on this computer only: allowed, and the page says that calls need no key now.
    QVERIFY(page->removeKey("bob"));
    QVERIFY(page->statusText().contains("No key is enabled now"));
    QVERIFY(!harness.secrets().contains("client_key.bob"));
    QCOMPARE(statusWithKey(port, QByteArray(), QByteArray()), 200);
}

void TestDesktopWindows::clientKeyReplaceUndoneWhenTheApplyFails()
{
    DesktopHarness harness;
    harness.secrets().write("client_key.alice", "sy-alice-old-key-0123456789");
    harness.secrets().write("platform.relay", "sk-relay-0123456789");
    const QByteArray stored = R"({"version": 1,
        "platforms": [{"id": "relay", "type": "anthropic", "base_url": "http://127.0.0.1:1",
                       "api_key": "${keychain:platform.relay}"}],
        "client_keys": [{"id": "alice", "key": "${keychain:client_key.alice}"}]})";
    QVERIFY(harness.start(stored));
    ClientKeysPage *page = showClientKeys(harness);
    ConfigService *config = harness.app().runtime()->configService();
    const Config before = config->current();
    // Something else makes every apply fail: a platform's key went missing from the keychain.
    harness.secrets().remove("platform.relay");

    QVERIFY(!page->replaceKey("alice"));
    QVERIFY2(page->lastError().startsWith("Not replaced: "), qPrintable(page->lastError()));
    QVERIFY(page->lastError().contains("platform.relay"));
    QVERIFY(!page->newKeyDialog()); // no key shown that does not work
    QCOMPARE(harness.secrets().read("client_key.alice").value_or(QString()), QString("sy-alice-old-key-0123456789"));
    QCOMPARE(config->current(), before);
    QCOMPARE(statusWithKey(harness.app().runtime()->port(), "sy-alice-old-key-0123456789"), 200);

    // Adding fails the same way and leaves no keychain entry behind.
    QVERIFY(!page->addKey("carol", QString()));
    QVERIFY(page->lastError().startsWith("Not added: "));
    QVERIFY(!harness.secrets().contains("client_key.carol"));
    QCOMPARE(config->current(), before);
    QCOMPARE(page->table()->rowCount(), 1);
}

void TestDesktopWindows::clientKeyWithoutKeychain()
{
    DesktopHarness harness;
    QVERIFY(harness.start());
    // A machine without a keychain: the key is stored in the configuration, and the page says so.
    InMemorySecretStore noKeychain(false);
    ClientKeysPage page(harness.app().runtime(), &noKeychain);
    QVERIFY(child<QLabel>(&page, "clientKeysStorageNote")->text().startsWith("No system keychain was found"));
    QVERIFY(child<QLabel>(&page, "clientKeysStorageNote")->text().contains("as plain text"));
    QVERIFY(page.addKey("carol", "Carol"));
    QString note;
    const QString shown = takeShownKey(&page, &note);
    QVERIFY(kGeneratedKey.match(shown).hasMatch());
    QVERIFY(note.contains("as plain text (no system keychain was found)"));
    ConfigService *config = harness.app().runtime()->configService();
    QCOMPARE(config->current().clientKeys.size(), 1);
    QCOMPARE(config->current().clientKeys.at(0).key, shown);
    QVERIFY(!noKeychain.contains("client_key.carol"));
    QVERIFY(!harness.secrets().contains("client_key.carol"));
    QCOMPARE(
        page.table()->item(0, ClientKeysPage::StorageColumn)->text(), QString("Switchyard's database (plain text)"));
    QVERIFY(!tableText(page.table()).contains(shown));
    QVERIFY(!config->exportJson(false).contains(shown.toUtf8())); // a shared export leaves it out
    QCOMPARE(statusWithKey(harness.app().runtime()->port(), shown), 200);
    QCOMPARE(statusWithKey(harness.app().runtime()->port(), "sy-some-other-key-0123456789"), 401);

    // Replaced: another literal key; the old one is refused.
    QVERIFY(page.replaceKey("carol"));
    const QString replaced = takeShownKey(&page);
    QVERIFY(replaced != shown);
    QCOMPARE(config->current().clientKeys.at(0).key, replaced);
    QCOMPARE(statusWithKey(harness.app().runtime()->port(), shown), 401);
    QCOMPARE(statusWithKey(harness.app().runtime()->port(), replaced), 200);
}

void TestDesktopWindows::listeningBeyondThisComputerNeedsAClientKey()
{
    DesktopHarness harness;
    QVERIFY(harness.start());
    MainWindow *window = harness.app().mainWindow();
    window->showPage(MainWindow::SettingsPageIndex);
    SettingsPage *settings = window->settingsPage();
    ClientKeysPage *page = settings->clientKeysPage();
    ConfigService *config = harness.app().runtime()->configService();
    ProxyRuntime *runtime = harness.app().runtime();
    const quint16 port = runtime->port();

    // Without a key, 0.0.0.0 is refused, and the message says where to add one.
    child<QComboBox>(settings, "hostField")->setEditText("0.0.0.0");
    QVERIFY(!settings->applyListenAddress());
    const QString refused = child<QLabel>(settings, "listenStatus")->text();
    QVERIFY2(refused.contains("add one in the Client keys tab"), qPrintable(refused));
    QCOMPARE(runtime->listenHost(), QString("127.0.0.1"));
    QCOMPARE(config->current().server.host, QString("127.0.0.1"));

    // With a key it is accepted.
    QVERIFY(page->addKey("alice", QString()));
    const QString key = takeShownKey(page);
    child<QComboBox>(settings, "hostField")->setEditText("0.0.0.0"); // the page shows what is stored again
    QVERIFY(settings->applyListenAddress());
    QCOMPARE(runtime->listenHost(), QString("0.0.0.0"));
    QCOMPARE(config->current().server.host, QString("0.0.0.0"));
    QVERIFY(child<QLabel>(page, "clientKeysListenNote")
                ->text()
                .startsWith(QString("Switchyard listens on 0.0.0.0:%1").arg(port)));
    QCOMPARE(statusWithKey(port, key), 200);
    QCOMPARE(statusWithKey(port, QByteArray(), QByteArray()), 401);

    // The last enabled key cannot be switched off or removed while other machines can connect.
    QTableWidget *table = page->table();
    table->item(0, ClientKeysPage::EnabledColumn)->setCheckState(Qt::Unchecked);
    QVERIFY2(page->lastError().startsWith("Not changed: the listen address 0.0.0.0:"), qPrintable(page->lastError()));
    QVERIFY(page->lastError().contains("Add or enable another key first"));
    QVERIFY(config->current().clientKeys.at(0).enabled);
    QCOMPARE(table->item(0, ClientKeysPage::EnabledColumn)->checkState(), Qt::Checked);
    table->selectRow(0);
    answerNextQuestion(QMessageBox::Cancel); // in case it asked
    QTest::mouseClick(child<QPushButton>(page, "removeClientKeyButton"), Qt::LeftButton); // refused before asking
    QVERIFY(page->lastError().startsWith("Not removed: the listen address"));
    QVERIFY(!page->removeKey("alice"));
    QCOMPARE(config->current().clientKeys.size(), 1);
    QVERIFY(harness.secrets().contains("client_key.alice"));
    QCOMPARE(statusWithKey(port, QByteArray(), QByteArray()), 401);

    // With a second key, the first may go.
    QVERIFY(page->addKey("bob", QString()));
    takeShownKey(page);
    QVERIFY(page->setKeyEnabled("alice", false));
    QVERIFY(!page->removeKey("bob")); // the only enabled one now
    QVERIFY(page->removeKey("alice"));
    QCOMPARE(config->current().clientKeys.size(), 1);
}

QTEST_MAIN(TestDesktopWindows)
#include "TestDesktopWindows.moc"
