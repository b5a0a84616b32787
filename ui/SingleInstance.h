#pragma once

#include <QObject>
#include <QString>

class QLocalServer;

// One Switchyard per user: the first start listens on a local socket in the user's runtime folder; a
// second start finds it, asks the first to show its window, and exits.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    // `socketPath` empty = "<runtime dir>/switchyard.sock".
    explicit SingleInstance(const QString &socketPath = QString(), QObject *parent = nullptr);
    ~SingleInstance() override;

    // True when this process is now the primary instance. False when another one runs (it was asked to
    // come forward).
    bool claim();
    QString socketPath() const { return m_socketPath; }

    static QString defaultSocketPath();

Q_SIGNALS:
    // Another start asked this instance to show itself.
    void activationRequested();

private:
    QString m_socketPath;
    QLocalServer *m_server = nullptr;
};
