#include "KeychainSecretStore.h"

#include "common/Logging.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <qt6keychain/keychain.h>

namespace {

const QString kService = QStringLiteral("switchyard");
const QString kEntry = QStringLiteral("secrets");

} // namespace

KeychainSecretStore::KeychainSecretStore(QObject *parent)
    : SecretStore(parent)
{
}

QString KeychainSecretStore::location() const
{
    return m_available ? tr("the system keychain") : tr("no keychain");
}

bool KeychainSecretStore::load(int timeoutMs, QString *error)
{
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    job->setAutoDelete(false);
    job->setKey(kEntry);
    QEventLoop loop;
    bool finished = false;
    connect(job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    job->start();
    if (!finished)
        loop.exec();
    bool ok = false;
    if (!finished) {
        *error = tr("the keychain did not answer within %1 s").arg(timeoutMs / 1000);
    } else if (job->error() == QKeychain::EntryNotFound) {
        ok = true; // a keychain without our entry yet
    } else if (job->error() != QKeychain::NoError) {
        *error = job->errorString();
    } else {
        const QJsonObject secrets = QJsonDocument::fromJson(job->binaryData()).object();
        for (auto it = secrets.constBegin(); it != secrets.constEnd(); ++it)
            m_secrets.insert(it.key(), it.value().toString());
        ok = true;
    }
    if (finished)
        job->deleteLater();
    else
        job->setAutoDelete(true);
    m_available = ok;
    if (ok)
        qCInfo(lcUi) << "system keychain in use:" << m_secrets.size() << "secret(s)";
    else
        qCInfo(lcUi).noquote() << "no system keychain:" << *error;
    return ok;
}

void KeychainSecretStore::write(const QString &name, const QString &secret)
{
    SecretStore::write(name, secret);
    save();
}

void KeychainSecretStore::remove(const QString &name)
{
    SecretStore::remove(name);
    save();
}

void KeychainSecretStore::save()
{
    if (!m_available)
        return;
    QJsonObject secrets;
    for (auto it = m_secrets.constBegin(); it != m_secrets.constEnd(); ++it)
        secrets.insert(it.key(), it.value());
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setKey(kEntry);
    job->setBinaryData(QJsonDocument(secrets).toJson(QJsonDocument::Compact));
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        if (job->error() != QKeychain::NoError) {
            qCWarning(lcUi).noquote() << "cannot write to the keychain:" << job->errorString();
            Q_EMIT writeFailed(job->errorString());
        }
    });
    job->start();
}
