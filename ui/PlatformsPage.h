#pragma once

#include "ModelPriceText.h"
#include "config/Config.h"
#include "platforms/ConnectionTestResult.h"
#include "platforms/ModelDiscoveryResult.h"

#include <QHash>
#include <QWidget>

class ConfigService;
class ConnectionTester;
class ModelCatalog;
class ModelDiscovery;
class ModelPriceEditor;
class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QToolButton;
class SecretStore;
class UpstreamClient;

// The platforms: a list, and an editor for the selected one (from the presets), with a connection test,
// the model list, per-model capability overrides and per-model prices (in the platform's currency, for the
// statistics). Nothing is applied until Save; Save goes through ConfigService::apply() and shows each problem
// next to its field (a wrong currency or price is shown as it is typed, and refused before applying). New API keys go
// to the keychain when there is one (the configuration then says `${keychain:platform.<id>}`), else into the
// configuration. The prices a platform's model list states are offered as the models' prices.
class PlatformsPage : public QWidget
{
    Q_OBJECT
public:
    PlatformsPage(ConfigService *config, SecretStore *secrets, ModelCatalog *catalog, QWidget *parent = nullptr);
    ~PlatformsPage() override;

    // Adds a platform of that type (selected, unsaved) and returns its row.
    int addPlatform(PlatformType type);
    bool save();
    void revert();
    bool hasUnsavedChanges() const;
    void selectPlatform(int row);
    int platformCount() const { return int(m_drafts.size()); }
    QString lastError() const { return m_lastError; }

    void testConnection();
    void refreshModels();

Q_SIGNALS:
    void saved();

protected:
    void changeEvent(QEvent *event) override;

private:
    void useCurrentProxySettings();

    struct Draft
    {
        PlatformConfig config;
        QString newKey; // typed in this session, not saved yet
        bool keyEdited = false;
        // Model id -> its price fields as typed, kept only while they do not make a valid price (the
        // configuration keeps the last valid one meanwhile; Save refuses).
        QHash<QString, ModelPriceText::Texts> priceTexts;
    };

    void retranslateUi();
    void loadFromConfig();
    void rebuildList();
    void showEditor();
    void writeEditorToDraft();
    void rebuildModelTable();
    void onModelCellChanged(int row, int column);
    void refreshPriceColumn(); // and whether the list prices can be used
    // The price the current platform's model list states for the model (the catalog's last refresh), if any.
    std::optional<ModelPrice> listPriceOf(const QString &modelId) const;
    QString listSource() const; // who states the list prices of the current platform, for the list price line
    void useListPrices(); // the list price for every model in the table without a price of its own
    QString selectedModelId() const;
    void selectModel(const QString &id);
    void showPriceEditor(); // the price fields of the selected model
    void onPriceEdited();
    // What the page refuses before applying: a wrong currency or an unfinished price. *path is the field's
    // JSON path, as the configuration service would name it.
    QString draftProblem(int index, QString *path) const;
    void updateCurrencyProblem();
    void resetModelOverrides();
    void updateKeyField();
    void updateDirtyState();
    void clearFieldProblems();
    void showProblem(const QString &error);
    void setBusy(bool busy, const QString &message);
    void onTestFinished(const ConnectionTestResult &result);
    void onDiscoveryFinished(const ModelDiscoveryResult &result);
    void removeSelected();
    PlatformConfig platformForRequests() const; // the editor's platform with its key expanded
    QString storedKeyDescription(const PlatformConfig &platform) const;

    ConfigService *m_config;
    SecretStore *m_secrets;
    ModelCatalog *m_catalog;
    UpstreamClient *m_upstream; // shared by the tester and the model discovery
    ConnectionTester *m_tester;
    ModelDiscovery *m_discovery;
    QList<Draft> m_drafts;
    QStringList m_removedSecrets;
    int m_current = -1;
    bool m_updating = false;
    QString m_lastError;

    QListWidget *m_list;
    QToolButton *m_addButton;
    QPushButton *m_removeButton;
    QLabel *m_banner;
    QLabel *m_header;
    QLabel *m_typeLabel;
    QLabel *m_typeValue;
    QLabel *m_idLabel;
    QLineEdit *m_id;
    QLabel *m_nameLabel;
    QLineEdit *m_name;
    QLabel *m_baseUrlLabel;
    QComboBox *m_baseUrl;
    QLabel *m_keyLabel;
    QLineEdit *m_apiKey;
    QAction *m_showKey;
    QLabel *m_keyNote;
    QCheckBox *m_enabled;
    QLabel *m_currencyLabel;
    QComboBox *m_currency;
    QHash<QString, QLabel *> m_fieldProblems; // "id", "name", "base_url", "api_key", "currency", "models"
    QPushButton *m_testButton;
    QPushButton *m_refreshButton;
    QPushButton *m_cancelButton;
    QProgressBar *m_busy;
    QLabel *m_resultIcon;
    QLabel *m_result;
    QLabel *m_modelsTitle;
    QTableWidget *m_models;
    QPushButton *m_resetModel;
    QPushButton *m_useListPrices;
    ModelPriceEditor *m_priceEditor; // the price of the model selected in the table
    QPushButton *m_saveButton;
    QPushButton *m_revertButton;
    QLabel *m_dirty;
    QWidget *m_editor;
    QLabel *m_emptyEditor;
};
