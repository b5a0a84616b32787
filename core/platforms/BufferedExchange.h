#pragma once

#include "upstream/UpstreamRequest.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>

class UpstreamClient;
class UpstreamExchange;

// A whole answer: status, headers and body, or why there is none.
struct BufferedReply
{
    int status = 0;
    HttpHeaderList headers;
    QByteArray body;
    UpstreamError error; // failure != None: no complete answer
    qint64 firstByteUs = -1; // from send to the first response byte (connect and TLS included)
    qint64 finishedUs = -1; // from send to the end

    bool answered() const { return error.failure == UpstreamFailure::None; }
    bool isSuccess() const { return answered() && status >= 200 && status < 300; }
};

// One request through the UpstreamClient whose answer is collected whole (model lists, probes), with a
// bound on the body size. Emits done() once; deleting it aborts the request.
class BufferedExchange : public QObject
{
    Q_OBJECT
public:
    BufferedExchange(UpstreamClient *client, UpstreamRequest request, qint64 maxBodyBytes, QObject *parent = nullptr);
    ~BufferedExchange() override;

    const UpstreamRequest &request() const { return m_request; }
    void start();

Q_SIGNALS:
    void done(const BufferedReply &reply);

private:
    void onResponseStarted(int status, const HttpHeaderList &headers);
    void onBodyData(const QByteArray &data);
    void onFinished();
    void onFailed(const UpstreamError &error);
    void complete();

    QPointer<UpstreamClient> m_client;
    UpstreamRequest m_request;
    qint64 m_maxBodyBytes = 0;
    UpstreamExchange *m_exchange = nullptr;
    BufferedReply m_reply;
    bool m_done = false;
};
