#pragma once

#include "config/Config.h"
#include "store/CallRecord.h"
#include "upstream/UpstreamRequest.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <memory>

class UpstreamClient;
class UpstreamExchange;

// The outcome of classifying one human turn, as recorded with the call.
struct SceneClassification
{
    QString scene; // the scene to use: the one recognized, else the default scene
    bool recognized = false;
    QString model; // "platform:model" that answered (empty when none did)
    QString answer; // what it said
    QString prompt; // the user part of the prompt (the typed text, bounded)
    qint64 latencyMs = 0;
    TokenUsage usage; // the classifier's cost
    QString error; // why no model answered in time (then the default scene is used)
    bool timedOut = false;

    QJsonObject toJson() const;
};

// Smart routing's classifier: asks the configured routing_models, in order, which scene a person's request
// belongs to, within the classifier's deadline. A model that fails or answers nonsense gives way to the next;
// past the deadline (or when every model failed) the default scene is used. Never blocks: finished() comes
// from the event loop. Lives on the proxy thread.
class SceneClassifier : public QObject
{
    Q_OBJECT
public:
    SceneClassifier(
        UpstreamClient *client, std::shared_ptr<const Config> config, QString typedText, QObject *parent = nullptr);
    ~SceneClassifier() override;

    void start();
    void cancel();

Q_SIGNALS:
    void finished(const SceneClassification &result);

private:
    void tryNext();
    void onExchangeFinished();
    void onExchangeFailed(const QString &why);
    void finish();

    UpstreamClient *m_client;
    std::shared_ptr<const Config> m_config;
    QString m_text;
    SceneClassification m_result;
    QElapsedTimer m_elapsed;
    QTimer m_deadline;
    int m_nextModel = 0;
    const PlatformConfig *m_platform = nullptr;
    QString m_modelName;
    QPointer<UpstreamExchange> m_exchange;
    QByteArray m_body;
    bool m_done = false;
    QStringList m_failures;
};
