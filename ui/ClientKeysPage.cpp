#include "ClientKeysPage.h"

#include "SecretStore.h"
#include "StatusLabel.h"
#include "config/ConfigService.h"
#include "config/SecretReference.h"
#include "runtime/ProxyRuntime.h"

#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRandomGenerator>
#include <QTableWidget>
#include <QVBoxLayout>
#include <array>

namespace {

int indexOfKey(const Config &config, const QString &id)
{
    for (int i = 0; i < config.clientKeys.size(); ++i) {
        if (config.clientKeys.at(i).id == id)
            return i;
    }
    return -1;
}

QString hostAndPort(const QString &host, quint16 port)
{
    const QString shown = host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    return port > 0 ? shown + QLatin1Char(':') + QString::number(port) : shown;
}

bool secretStillUsed(const Config &config, const QString &name)
{
    for (const ClientKey &key : config.clientKeys) {
        if (SecretReference::keychainNames(key.key).contains(name))
            return true;
    }
    for (const PlatformConfig &platform : config.platforms) {
        if (SecretReference::keychainNames(platform.apiKey).contains(name))
            return true;
    }
    return SecretReference::keychainNames(config.upstreamProxy.password).contains(name);
}

} // namespace

ClientKeysPage::ClientKeysPage(ProxyRuntime *runtime, SecretStore *secrets, QWidget *parent)
    : QWidget(parent)
    , m_runtime(runtime)
    , m_config(runtime->configService())
    , m_secrets(secrets)
{
    setObjectName(QStringLiteral("ClientKeysPage"));
    m_intro = StatusLabel::create(this, QStringLiteral("clientKeysIntro"));
    m_listenNote = StatusLabel::create(this, QStringLiteral("clientKeysListenNote"));

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("clientKeyTable"));
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setSectionResizeMode(IdColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(EnabledColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(StorageColumn, QHeaderView::ResizeToContents);
    m_table->setMinimumHeight(160);

    m_addButton = new QPushButton(this);
    m_addButton->setObjectName(QStringLiteral("addClientKeyButton"));
    m_renameButton = new QPushButton(this);
    m_renameButton->setObjectName(QStringLiteral("renameClientKeyButton"));
    m_replaceButton = new QPushButton(this);
    m_replaceButton->setObjectName(QStringLiteral("replaceClientKeyButton"));
    m_removeButton = new QPushButton(this);
    m_removeButton->setObjectName(QStringLiteral("removeClientKeyButton"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_addButton);
    buttons->addWidget(m_renameButton);
    buttons->addWidget(m_replaceButton);
    buttons->addWidget(m_removeButton);
    buttons->addStretch(1);

    m_storageNote = StatusLabel::create(this, QStringLiteral("clientKeysStorageNote"));
    m_storageNote->setStyleSheet(QStringLiteral("color: palette(dark);"));
    m_status = StatusLabel::create(this, QStringLiteral("clientKeysStatus"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_listenNote);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_storageNote);
    layout->addWidget(m_status);

    connect(m_addButton, &QPushButton::clicked, this, &ClientKeysPage::askForNewKey);
    connect(m_renameButton, &QPushButton::clicked, this, &ClientKeysPage::renameSelected);
    connect(m_replaceButton, &QPushButton::clicked, this, &ClientKeysPage::replaceSelected);
    connect(m_removeButton, &QPushButton::clicked, this, &ClientKeysPage::removeSelected);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ClientKeysPage::updateButtons);
    connect(m_table, &QTableWidget::cellChanged, this, &ClientKeysPage::onItemChanged);
    connect(m_config, &ConfigService::configChanged, this, &ClientKeysPage::loadFromConfig);
    connect(m_runtime, &ProxyRuntime::listeningChanged, this, &ClientKeysPage::updateNotes);
    if (m_secrets) {
        connect(m_secrets, &SecretStore::writeFailed, this, [this](const QString &message) {
            if (m_wroteSecrets)
                setStatus(tr("The system keychain did not save the keys: %1. Keys kept there work until Switchyard "
                             "quits; replace them once the keychain works again.")
                              .arg(message),
                    true);
        });
    }

    retranslateUi();
}

void ClientKeysPage::retranslateUi()
{
    m_table->setHorizontalHeaderLabels({tr("Id"), tr("Name"), tr("Enabled"), tr("Key kept in")});
    m_intro->setText(tr("Clients such as Claude Code present one of these keys (x-api-key or Authorization: Bearer) "
                        "once any key is enabled. Give each person or machine a key of their own: records and "
                        "statistics show the key's id, never the key. Switchyard generates every key and shows it "
                        "once."));
    m_addButton->setText(tr("Add key\u2026"));
    m_addButton->setToolTip(tr("Generates a new key and shows it once"));
    m_renameButton->setText(tr("Rename"));
    m_renameButton->setToolTip(tr("Edits the name of the selected key (the id stays)"));
    m_replaceButton->setText(tr("Replace key\u2026"));
    m_replaceButton->setToolTip(tr("Generates a new key for the selected id; the old key stops working at once"));
    m_removeButton->setText(tr("Remove"));
    m_removeButton->setToolTip(tr("Removes the selected key; calls with it are refused from then on"));
    loadFromConfig();
}

void ClientKeysPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ClientKeysPage::loadFromConfig()
{
    const QString selected = selectedId();
    const Config config = m_config->current();
    m_updating = true;
    // Items are updated in place: this also runs from inside the table's own change signal.
    m_table->setRowCount(int(config.clientKeys.size()));
    auto cell = [this](int row, int column, Qt::ItemFlags flags) {
        QTableWidgetItem *item = m_table->item(row, column);
        if (!item) {
            item = new QTableWidgetItem;
            m_table->setItem(row, column, item);
        }
        item->setFlags(flags);
        return item;
    };
    for (int row = 0; row < config.clientKeys.size(); ++row) {
        const ClientKey &key = config.clientKeys.at(row);
        QTableWidgetItem *id = cell(row, IdColumn, Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        id->setText(key.id);
        QTableWidgetItem *name = cell(row, NameColumn, Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable);
        name->setText(key.name);
        name->setToolTip(tr("Double-click to rename"));
        QTableWidgetItem *enabled
            = cell(row, EnabledColumn, Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        enabled->setCheckState(key.enabled ? Qt::Checked : Qt::Unchecked);
        enabled->setToolTip(
            key.enabled ? tr("Calls with this key are accepted") : tr("Calls with this key are refused"));
        QTableWidgetItem *storage = cell(row, StorageColumn, Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        storage->setText(storageDescription(key.key));
        // A reference names the secret without containing it; a literal key is never shown.
        storage->setToolTip(SecretReference::isReferenceOnly(key.key) ? key.key : QString());
    }
    m_updating = false;
    const int row = rowOf(selected);
    if (row >= 0)
        m_table->selectRow(row);
    else
        m_table->clearSelection();
    updateNotes();
    updateButtons();
}

void ClientKeysPage::updateNotes()
{
    const Config config = m_config->current();
    const int enabled = config.usableClientKeyCount();
    const QString open = openListenAddress();
    bool warning = false;
    if (!open.isEmpty() && enabled > 0) {
        m_listenNote->setText(tr("Switchyard listens on %1, where other machines can reach it: every call must "
                                 "present one of the enabled keys.")
                                  .arg(open));
    } else if (!open.isEmpty()) {
        m_listenNote->setText(tr("Switchyard is set to listen on %1, where other machines can reach it, but no key "
                                 "is enabled: add or enable a key.")
                                  .arg(open));
        warning = true;
    } else if (enabled > 0) {
        m_listenNote->setText(tr("Every call must present one of the enabled keys. Switchyard listens on this "
                                 "computer only; to let other machines in, choose 0.0.0.0 or a LAN address in the "
                                 "General tab."));
    } else {
        m_listenNote->setText(tr("No key is enabled: Switchyard accepts every call without a key. That is safe only "
                                 "while it listens on this computer only, as now; add a key before listening on "
                                 "0.0.0.0 or a LAN address."));
    }
    m_listenNote->setStyleSheet(warning ? StatusLabel::errorStyle() : QString());
    if (m_secrets && m_secrets->isPersistent())
        m_storageNote->setText(tr("New keys are kept in %1, not in Switchyard's database.").arg(m_secrets->location()));
    else
        m_storageNote->setText(tr("No system keychain was found: new keys are stored in Switchyard's database in the "
                                  "data folder, as plain text. A key written in the configuration as an environment "
                                  "reference ($VARIABLE) stays out of the database."));
}

void ClientKeysPage::updateButtons()
{
    const bool has = !selectedId().isEmpty();
    m_renameButton->setEnabled(has);
    m_replaceButton->setEnabled(has);
    m_removeButton->setEnabled(has);
}

QString ClientKeysPage::selectedId() const
{
    const QList<QTableWidgetItem *> selected = m_table->selectedItems();
    if (selected.isEmpty())
        return QString();
    const QTableWidgetItem *id = m_table->item(selected.constFirst()->row(), IdColumn);
    return id ? id->text() : QString();
}

int ClientKeysPage::rowOf(const QString &id) const
{
    if (id.isEmpty())
        return -1;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *item = m_table->item(row, IdColumn);
        if (item && item->text() == id)
            return row;
    }
    return -1;
}

QString ClientKeysPage::statusText() const
{
    return m_status->text();
}

void ClientKeysPage::setStatus(const QString &text, bool error)
{
    StatusLabel::show(m_status, text, error);
    m_lastError = error ? text : QString();
}

QString ClientKeysPage::storageDescription(const QString &written) const
{
    const QStringList keychainNames = SecretReference::keychainNames(written);
    if (!keychainNames.isEmpty()) {
        for (const QString &name : keychainNames) {
            if (!m_secrets || !m_secrets->contains(name))
                return tr("System keychain (missing: replace the key)");
        }
        return tr("System keychain");
    }
    const QStringList variables = SecretReference::variables(written);
    if (!variables.isEmpty()) {
        if (SecretReference::isReferenceOnly(written))
            return tr("Environment variable %1").arg(written);
        QStringList names;
        for (const QString &variable : variables)
            names << QLatin1Char('$') + variable;
        return tr("Environment variables %1").arg(names.join(QStringLiteral(", ")));
    }
    return tr("Switchyard's database (plain text)");
}

QString ClientKeysPage::openListenAddress() const
{
    if (ServerSettings::letsOtherMachinesIn(m_runtime->listenHost()))
        return hostAndPort(m_runtime->listenHost(), m_runtime->port());
    const ServerSettings &server = m_config->current().server;
    if (ServerSettings::letsOtherMachinesIn(server.host))
        return hostAndPort(server.host, server.port);
    return QString();
}

QString ClientKeysPage::losingLastKeyProblem(const Config &config, const QString &id) const
{
    const int index = indexOfKey(config, id);
    if (index < 0 || !config.clientKeys.at(index).isUsable() || config.usableClientKeyCount() > 1)
        return QString();
    const QString open = openListenAddress();
    if (open.isEmpty())
        return QString();
    return tr("the listen address %1 lets other machines reach Switchyard, and without an enabled client key anyone "
              "there could use your platforms. Add or enable another key first, or listen on 127.0.0.1 in the "
              "General tab.")
        .arg(open);
}

QString ClientKeysPage::idProblem(const QString &id) const
{
    if (id.isEmpty())
        return tr("Give the key an id: it names the key in the records and statistics.");
    if (!SecretReference::isKeychainName(SecretStore::nameForClientKey(id)))
        return tr("\"%1\" may contain only letters, digits, \"_\", \".\" and \"-\".").arg(id);
    if (indexOfKey(m_config->current(), id) >= 0)
        return tr("\"%1\" is already used by another key.").arg(id);
    return QString();
}

QString ClientKeysPage::generateKey()
{
    std::array<quint32, 8> words {}; // 32 bytes
    QRandomGenerator::system()->fillRange(words.data(), qsizetype(words.size()));
    const QByteArray bytes(reinterpret_cast<const char *>(words.data()), qsizetype(sizeof(words)));
    return QStringLiteral("sk-sy-")
        + QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString ClientKeysPage::storeSecret(const QString &id, const QString &secret, SecretUndo *undo, QString *error)
{
    if (!m_secrets || !m_secrets->isPersistent())
        return secret; // into the configuration, as plain text (the storage note says so)
    const QString name = SecretStore::nameForClientKey(id);
    if (!SecretReference::isKeychainName(name)) {
        *error = tr("the id \"%1\" cannot name a keychain entry (only letters, digits, \"_\", \".\" and \"-\"): "
                    "remove this key and add one with another id")
                     .arg(id);
        return QString();
    }
    if (!undo->contains(name))
        undo->insert(name, m_secrets->read(name));
    m_secrets->write(name, secret);
    m_wroteSecrets = true;
    return SecretReference::keychainReference(name);
}

void ClientKeysPage::undoSecrets(const SecretUndo &undo)
{
    for (auto it = undo.constBegin(); it != undo.constEnd(); ++it) {
        if (it.value())
            m_secrets->write(it.key(), *it.value());
        else
            m_secrets->remove(it.key());
    }
}

bool ClientKeysPage::apply(const Config &config, const SecretUndo &undo, const QString &failure)
{
    QString error;
    if (!m_config->apply(config, &error)) {
        undoSecrets(undo);
        setStatus(failure.arg(error), true);
        loadFromConfig(); // the table shows what is stored again
        return false;
    }
    return true;
}

void ClientKeysPage::removeUnusedSecrets(const QString &before, const Config &after)
{
    if (!m_secrets)
        return;
    for (const QString &name : SecretReference::keychainNames(before)) {
        if (!secretStillUsed(after, name))
            m_secrets->remove(name);
    }
}

bool ClientKeysPage::addKey(const QString &id, const QString &name)
{
    const QString newId = id.trimmed();
    const QString problem = idProblem(newId);
    if (!problem.isEmpty()) {
        setStatus(tr("Not added: %1").arg(problem), true);
        return false;
    }
    Config config = m_config->current();
    const bool firstKey = config.usableClientKeyCount() == 0;
    const QString secret = generateKey();
    SecretUndo undo;
    QString error;
    ClientKey key;
    key.id = newId;
    key.name = name.trimmed();
    key.enabled = true;
    key.key = storeSecret(newId, secret, &undo, &error);
    if (key.key.isEmpty()) {
        setStatus(tr("Not added: %1").arg(error), true);
        return false;
    }
    config.clientKeys.append(key);
    if (!apply(config, undo, tr("Not added: %1")))
        return false;
    setStatus(tr("Added the key \"%1\".").arg(newId), false);
    m_table->selectRow(rowOf(newId));
    showNewKey(newId, secret, false, firstKey);
    return true;
}

bool ClientKeysPage::setKeyEnabled(const QString &id, bool enabled)
{
    Config config = m_config->current();
    const int index = indexOfKey(config, id);
    if (index < 0)
        return false;
    if (config.clientKeys.at(index).enabled == enabled)
        return true;
    if (!enabled) {
        const QString problem = losingLastKeyProblem(config, id);
        if (!problem.isEmpty()) {
            setStatus(tr("Not changed: %1").arg(problem), true);
            loadFromConfig();
            return false;
        }
    }
    config.clientKeys[index].enabled = enabled;
    if (!apply(config, {}, tr("Not changed: %1")))
        return false;
    QString text = enabled ? tr("\"%1\" is enabled: calls with its key are accepted.").arg(id)
                           : tr("\"%1\" is disabled: calls with its key are refused.").arg(id);
    if (config.usableClientKeyCount() == 0)
        text += QLatin1Char(' ') + tr("No key is enabled now: Switchyard accepts calls without a key.");
    setStatus(text, false);
    return true;
}

bool ClientKeysPage::renameKey(const QString &id, const QString &name)
{
    Config config = m_config->current();
    const int index = indexOfKey(config, id);
    if (index < 0)
        return false;
    if (config.clientKeys.at(index).name == name.trimmed()) {
        loadFromConfig(); // shows the name as stored (trimmed)
        return true;
    }
    config.clientKeys[index].name = name.trimmed();
    if (!apply(config, {}, tr("Not changed: %1")))
        return false;
    setStatus(tr("Renamed \"%1\".").arg(id), false);
    return true;
}

bool ClientKeysPage::removeKey(const QString &id)
{
    Config config = m_config->current();
    const int index = indexOfKey(config, id);
    if (index < 0)
        return false;
    const QString problem = losingLastKeyProblem(config, id);
    if (!problem.isEmpty()) {
        setStatus(tr("Not removed: %1").arg(problem), true);
        return false;
    }
    const QString before = config.clientKeys.at(index).key;
    config.clientKeys.removeAt(index);
    if (!apply(config, {}, tr("Not removed: %1")))
        return false;
    removeUnusedSecrets(before, config);
    QString text = tr("Removed \"%1\": calls with its key are refused.").arg(id);
    if (config.usableClientKeyCount() == 0)
        text += QLatin1Char(' ') + tr("No key is enabled now: Switchyard accepts calls without a key.");
    setStatus(text, false);
    return true;
}

bool ClientKeysPage::replaceKey(const QString &id)
{
    Config config = m_config->current();
    const int index = indexOfKey(config, id);
    if (index < 0)
        return false;
    const QString before = config.clientKeys.at(index).key;
    const QString secret = generateKey();
    SecretUndo undo;
    QString error;
    const QString written = storeSecret(id, secret, &undo, &error);
    if (written.isEmpty()) {
        setStatus(tr("Not replaced: %1").arg(error), true);
        return false;
    }
    config.clientKeys[index].key = written;
    if (!apply(config, undo, tr("Not replaced: %1")))
        return false;
    removeUnusedSecrets(before, config);
    setStatus(tr("Replaced the key of \"%1\": the old key is refused from now on.").arg(id), false);
    showNewKey(id, secret, true, false);
    return true;
}

void ClientKeysPage::onItemChanged(int row, int column)
{
    if (m_updating)
        return;
    const QTableWidgetItem *idItem = m_table->item(row, IdColumn);
    const QTableWidgetItem *item = m_table->item(row, column);
    if (!idItem || !item)
        return;
    const QString id = idItem->text();
    if (column == EnabledColumn)
        setKeyEnabled(id, item->checkState() == Qt::Checked);
    else if (column == NameColumn)
        renameKey(id, item->text());
}

void ClientKeysPage::askForNewKey()
{
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("addClientKeyDialog"));
    dialog.setWindowTitle(tr("Add client key"));
    auto *explanation = StatusLabel::create(&dialog, QStringLiteral("addClientKeyExplanation"));
    explanation->setText(tr("Switchyard generates the key and shows it once. The id names the key in the records "
                            "and statistics; the name says who or what uses it."));
    auto *idField = new QLineEdit(&dialog);
    idField->setObjectName(QStringLiteral("newKeyIdField"));
    idField->setPlaceholderText(tr("e.g. alice (letters, digits, _ . -)"));
    auto *nameField = new QLineEdit(&dialog);
    nameField->setObjectName(QStringLiteral("newKeyNameField"));
    nameField->setPlaceholderText(tr("Optional, e.g. Alice's laptop"));
    auto *problem = StatusLabel::create(&dialog, QStringLiteral("newKeyProblem"));
    problem->setStyleSheet(StatusLabel::errorStyle());
    problem->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setObjectName(QStringLiteral("addKeyOkButton"));
    ok->setText(tr("Add key"));
    auto *form = new QFormLayout;
    form->addRow(tr("Id:"), idField);
    form->addRow(QString(), problem);
    form->addRow(tr("Name:"), nameField);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(explanation);
    layout->addLayout(form);
    layout->addWidget(buttons);
    dialog.resize(460, dialog.sizeHint().height());

    connect(idField, &QLineEdit::textEdited, problem, &QLabel::hide);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
        // The id is checked here, so that what was typed stays to be corrected.
        const QString text = idProblem(idField->text().trimmed());
        if (!text.isEmpty()) {
            problem->setText(text);
            problem->show();
            idField->setFocus();
            return;
        }
        dialog.accept();
    });
    if (dialog.exec() != QDialog::Accepted)
        return;
    addKey(idField->text(), nameField->text());
}

void ClientKeysPage::renameSelected()
{
    const int row = rowOf(selectedId());
    if (row < 0)
        return;
    m_table->setCurrentCell(row, NameColumn);
    m_table->editItem(m_table->item(row, NameColumn));
}

void ClientKeysPage::replaceSelected()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    const auto answer = QMessageBox::question(this, tr("Replace client key"),
        tr("Make a new key for \"%1\"? The current key stops working at once: every client that uses it must be "
           "given the new one.")
            .arg(id),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        replaceKey(id);
}

void ClientKeysPage::removeSelected()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    // Refused before asking: the answer would not matter.
    const QString problem = losingLastKeyProblem(m_config->current(), id);
    if (!problem.isEmpty()) {
        setStatus(tr("Not removed: %1").arg(problem), true);
        return;
    }
    const auto answer = QMessageBox::question(this, tr("Remove client key"),
        tr("Remove the key \"%1\"? Clients that use it are refused from now on; its records stay.").arg(id),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        removeKey(id);
}

void ClientKeysPage::showNewKey(const QString &id, const QString &key, bool replaced, bool firstKey)
{
    if (m_keyDialog)
        m_keyDialog->close();
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("newClientKeyDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(replaced ? tr("New key for %1").arg(id) : tr("Client key %1").arg(id));
    auto *heading = StatusLabel::create(dialog, QStringLiteral("newClientKeyHeading"));
    heading->setText(tr("Copy the key of \"%1\" now: it is shown only this once.").arg(id));
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    auto *field = new QLineEdit(key, dialog);
    field->setObjectName(QStringLiteral("newClientKeyField"));
    field->setReadOnly(true);
    field->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    field->setMinimumWidth(field->fontMetrics().horizontalAdvance(key) + 24);
    auto *copy = new QPushButton(tr("Copy"), dialog);
    copy->setObjectName(QStringLiteral("copyClientKeyButton"));
    connect(copy, &QPushButton::clicked, dialog, [field, copy] {
        QGuiApplication::clipboard()->setText(field->text());
        copy->setText(tr("Copied"));
    });
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(field, 1);
    keyRow->addWidget(copy);

    const Config config = m_config->current();
    QStringList paragraphs;
    if (m_secrets && m_secrets->isPersistent())
        paragraphs << tr("Switchyard keeps it in %1 and will not show it again. If it is lost, Replace key\u2026 "
                         "makes a new one.")
                          .arg(m_secrets->location());
    else
        paragraphs << tr("Switchyard keeps it in its database in the data folder, as plain text (no system keychain "
                         "was found), and will not show it again. If it is lost, Replace key\u2026 makes a new one.");
    if (replaced)
        paragraphs
            << tr("The previous key of \"%1\" no longer works: every client that used it needs this one.").arg(id);
    QString firstEnabled;
    for (const ClientKey &clientKey : config.clientKeys) {
        if (firstEnabled.isEmpty() && clientKey.isUsable())
            firstEnabled = clientKey.id;
    }
    const int index = indexOfKey(config, id);
    if (index >= 0 && !config.clientKeys.at(index).enabled)
        paragraphs << tr("The key is disabled: enable it in the list before a client uses it.");
    else if (firstEnabled == id)
        paragraphs << tr(
            "Claude Code must be configured with this key (ANTHROPIC_AUTH_TOKEN). On this computer, "
            "Configure Claude Code\u2026 in the tray menu (or the Tools menu) does it: it writes the first "
            "enabled key, which is this one.");
    else
        paragraphs << tr("Claude Code must be configured with this key (ANTHROPIC_AUTH_TOKEN). Configure Claude "
                         "Code\u2026 in the tray menu writes the first enabled key (\"%1\"), not this one: where this "
                         "key is used, set ANTHROPIC_AUTH_TOKEN to it and ANTHROPIC_BASE_URL to Switchyard's "
                         "address.")
                          .arg(firstEnabled);
    if (firstKey)
        paragraphs << tr("Until now Switchyard accepted calls without a key. From now on every call must present an "
                         "enabled key: a Claude Code set up before with a placeholder token is refused until it is "
                         "configured again.");
    auto *note = StatusLabel::create(dialog, QStringLiteral("newClientKeyNote"));
    note->setText(paragraphs.join(QStringLiteral("\n\n")));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(heading);
    layout->addLayout(keyRow);
    layout->addWidget(note);
    layout->addWidget(buttons);
    dialog->resize(qMax(560, dialog->sizeHint().width()), dialog->sizeHint().height());
    m_keyDialog = dialog;
    dialog->open();
    field->selectAll();
    field->setFocus();
}
