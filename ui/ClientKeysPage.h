#pragma once

#include "config/Config.h"

#include <QHash>
#include <QPointer>
#include <QWidget>
#include <optional>

class ConfigService;
class ProxyRuntime;
class QDialog;
class QLabel;
class QPushButton;
class QTableWidget;
class SecretStore;

// The client keys (JSON "client_keys") that clients such as Claude Code must present once any key exists:
// a table of the keys (id, name, enabled, where the secret is kept, never the secret), and buttons to add,
// rename, replace and remove keys. Switchyard generates every key itself ("sk-sy-" and 32 random bytes,
// base64url); a new key goes to the keychain when there is one (the configuration then says
// `${keychain:client_key.<id>}`), else into the configuration, and is shown once. Every change is applied
// at once through ConfigService; on failure the page says why and nothing stored changes (keychain included).
class ClientKeysPage : public QWidget
{
    Q_OBJECT
public:
    enum Column
    {
        IdColumn,
        NameColumn,
        EnabledColumn,
        StorageColumn,
        ColumnCount
    };

    // `secrets` may be null (then, as without a keychain, keys are stored in the configuration).
    ClientKeysPage(ProxyRuntime *runtime, SecretStore *secrets, QWidget *parent = nullptr);

    // What is wrong with `id` for a new key (empty, characters, already used), or empty when it will do.
    QString idProblem(const QString &id) const;
    // Generates a key for a new client key `id`, stores it, applies, and shows it once. False (and the
    // status says why) when the id will not do or the configuration refuses it.
    bool addKey(const QString &id, const QString &name);
    bool setKeyEnabled(const QString &id, bool enabled);
    bool renameKey(const QString &id, const QString &name);
    // Removes without asking (the Remove button asks first). Refused when it would leave no enabled key
    // while Switchyard listens, or is set to listen, beyond this computer.
    bool removeKey(const QString &id);
    // A new key for the same id, shown once; the old one stops working at once.
    bool replaceKey(const QString &id);

    // "sk-sy-" followed by 32 random bytes from the system's generator, base64url without padding.
    static QString generateKey();

    QTableWidget *table() const { return m_table; }
    QString lastError() const { return m_lastError; }
    QString statusText() const;
    // The dialog that shows a new key once (while it is open), else null.
    QDialog *newKeyDialog() const { return m_keyDialog; }

protected:
    void changeEvent(QEvent *event) override;

private:
    // Keychain entries written by one change, with what they held before (to undo when the apply fails).
    using SecretUndo = QHash<QString, std::optional<QString>>;

    void retranslateUi();
    void loadFromConfig();
    void updateNotes();
    void updateButtons();
    void onItemChanged(int row, int column);
    void askForNewKey();
    void renameSelected();
    void replaceSelected();
    void removeSelected();
    QString selectedId() const;
    int rowOf(const QString &id) const;
    QString storageDescription(const QString &written) const;
    // Where the listen address lets other machines in ("0.0.0.0:8000"), or empty when it is this computer only.
    QString openListenAddress() const;
    // Why `id` may not stop being an enabled key (the last one while the listen address is open), or empty.
    QString losingLastKeyProblem(const Config &config, const QString &id) const;
    // Stores a new secret for client key `id` (keychain or configuration) and returns the value to write
    // into its `key` field; empty (and *error) when the keychain cannot name it.
    QString storeSecret(const QString &id, const QString &secret, SecretUndo *undo, QString *error);
    void undoSecrets(const SecretUndo &undo);
    bool apply(const Config &config, const SecretUndo &undo, const QString &failure); // failure: "...%1"
    // Removes the keychain entries `before` referred to that nothing in `after` uses any more.
    void removeUnusedSecrets(const QString &before, const Config &after);
    void showNewKey(const QString &id, const QString &key, bool replaced, bool firstKey);
    void setStatus(const QString &text, bool error);

    ProxyRuntime *m_runtime;
    ConfigService *m_config;
    SecretStore *m_secrets;
    bool m_updating = false;
    bool m_wroteSecrets = false;
    QString m_lastError;
    QPointer<QDialog> m_keyDialog;

    QLabel *m_intro;
    QLabel *m_listenNote;
    QTableWidget *m_table;
    QPushButton *m_addButton;
    QPushButton *m_renameButton;
    QPushButton *m_replaceButton;
    QPushButton *m_removeButton;
    QLabel *m_storageNote;
    QLabel *m_status;
};
