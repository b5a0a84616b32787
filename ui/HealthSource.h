#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

// Something that happened to a platform, worth telling the user about.
struct HealthEvent
{
    enum class Kind
    {
        Fallback, // a call failed on this platform and another one answered
        Failing, // calls to this platform fail (or it was put in a cool-down)
        Recovered, // it answers again
    };
    Kind kind = Kind::Failing;
    QString platformId;
    QString model;
    QString detail; // the failure, as the record says it ("HTTP 529", "timeout", ...)
    QString replacement; // Fallback: the "platform:model" that answered instead
};
Q_DECLARE_METATYPE(HealthEvent)

// What the tray shows about the platforms' health. The tray and the notifications read only this
// interface; RecordHealthMonitor feeds it from the records (calls failing, fallbacks) and from the proxy's
// health registry (cool-downs, 429 rests, platforms blocked by a bad key or no credit).
class HealthSource : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Platforms whose calls are failing now (empty when everything answers).
    virtual QStringList failingPlatforms() const = 0;
    // The route of the last call: "platform:model", empty before the first call.
    virtual QString lastRoute() const = 0;

    bool isDegraded() const { return !failingPlatforms().isEmpty(); }

Q_SIGNALS:
    void changed();
    void healthEvent(const HealthEvent &event);
};
