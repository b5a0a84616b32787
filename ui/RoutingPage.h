#pragma once

#include "config/Config.h"

#include <QWidget>

class AppSettings;
class ConfigService;
class ModelCatalog;
class ModelListEditor;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class RoutingRulesEditor;

// How requests are routed: the mode, and the lists each mode uses — Claude Code's platforms, the global
// priority list, the smart-routing models and scenes — and the tier and scenario rules that apply in every
// mode, as drag-and-drop lists checked as they are edited.
// Save applies them through ConfigService::apply(); new requests use them at once.
class RoutingPage : public QWidget
{
    Q_OBJECT
public:
    RoutingPage(ConfigService *config, ModelCatalog *catalog, AppSettings *settings, QWidget *parent = nullptr);

    bool save();
    void revert();
    bool hasUnsavedChanges() const;
    QString lastError() const { return m_lastError; }

    ModelListEditor *claudeCodeEditor() const { return m_claudeCode; }
    ModelListEditor *priorityEditor() const { return m_priority; }
    ModelListEditor *routingModelsEditor() const { return m_routingModels; }
    ModelListEditor *sceneModelsEditor() const { return m_sceneModels; }
    QListWidget *sceneList() const { return m_scenes; }
    RoutingRulesEditor *rulesEditor() const { return m_rules; }
    QTabWidget *tabs() const { return m_tabs; }
    enum Tab
    {
        ClaudeCodeTab,
        PriorityTab,
        SmartRoutingTab,
        RulesTab,
    };

    // The routing as edited (what Save would apply).
    RoutingConfig editedRouting() const;

Q_SIGNALS:
    void saved();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void loadFromConfig();
    void refreshCandidates();
    void onEdited();
    void showScene(int row);
    void storeScene();
    void addScene();
    void removeScene();
    void updateDirtyState();
    void showApplyError(const QString &error);
    QString checkReference(const QString &entry) const;
    QString checkClaudePlatform(const QString &id) const;
    void updateModeDescription();
    // Every list's switched-off entries by the name they are remembered under (AppSettings).
    QList<std::pair<QString, QStringList>> disabledLists() const;

    ConfigService *m_config;
    ModelCatalog *m_catalog;
    AppSettings *m_settings;
    QList<Scene> m_sceneDrafts;
    QList<QStringList> m_sceneDisabled;
    int m_currentScene = -1;
    bool m_loading = false;
    QString m_lastError;

    QLabel *m_modeLabel;
    QComboBox *m_mode;
    QLabel *m_modeDescription;
    QTabWidget *m_tabs;
    ModelListEditor *m_claudeCode;
    ModelListEditor *m_priority;
    ModelListEditor *m_routingModels;
    QLabel *m_scenesTitle;
    QListWidget *m_scenes;
    QPushButton *m_addScene;
    QPushButton *m_removeScene;
    QLabel *m_sceneNameLabel;
    QLineEdit *m_sceneName;
    QLabel *m_sceneDescriptionLabel;
    QPlainTextEdit *m_sceneDescription;
    ModelListEditor *m_sceneModels;
    RoutingRulesEditor *m_rules;
    QLabel *m_banner;
    QLabel *m_dirty;
    QPushButton *m_save;
    QPushButton *m_revert;
};
