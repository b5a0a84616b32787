#pragma once

#include "proxy/ProxyCall.h"
#include "proxy/ProxyContext.h"
#include "server/RequestHandler.h"

#include <QObject>
#include <QSet>

// The application side of the server: authenticates clients, validates request bodies, plans the route
// and starts a ProxyCall per API request. Also answers /health. Lives on the proxy thread.
class ApiRouter : public QObject, public RequestHandler
{
    Q_OBJECT
public:
    explicit ApiRouter(ProxyContext context, QObject *parent = nullptr);
    ~ApiRouter() override;

    void handle(IncomingRequest request, std::unique_ptr<ClientResponse> response) override;

    int activeCallCount() const { return int(m_activeCalls.size()); }
    // Shutdown: new requests are answered 529 "shutting down"; calls in progress continue.
    void setDraining(bool draining) { m_draining = draining; }
    // Ends every call in progress (with an error event for streams).
    void abandonAll(const QString &reason);

Q_SIGNALS:
    void activeCallCountChanged(int count);

private:
    void onCallFinished(ProxyCall *call);
    void explain(ProxyCall::Setup &setup, const Config &config, std::unique_ptr<ClientResponse> response);

    ProxyContext m_context;
    QSet<ProxyCall *> m_activeCalls;
    bool m_draining = false;
};
