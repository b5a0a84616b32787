#pragma once

#include "store/CallRecord.h"
#include "store/UsageSums.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

class Database;

// A record as stored: the call, plus what the store knows about its bodies.
struct StoredRecord
{
    CallRecord record; // bodies filled by RecordQuery::get() only
    qint64 requestBodySize = 0; // bytes the client sent
    qint64 responseBodySize = 0; // bytes the client received
    // Compressed bytes kept for both bodies (0 when not stored), without the parts the request body shares
    // with other records (they count once, in RecordQuery::storedBodyBytes()).
    qint64 storedBodyBytes = 0;
    bool bodiesStored = false;
};

// Which records a query looks at. Empty fields do not filter.
struct RecordFilter
{
    enum class StatusClass
    {
        Any,
        Success, // 2xx
        ClientError, // 4xx
        ServerError, // 5xx
        Failed, // anything but 2xx, including "nothing sent"
        NoResponse, // 0: the client left before a status was sent
    };

    StatusClass statusClass = StatusClass::Any;
    QString platformId;
    QString model; // the requested or the upstream model
    QString clientKeyId;
    QString sessionId;
    QDateTime startedFrom; // inclusive
    QDateTime startedBefore; // exclusive
    qint64 afterId = 0; // only records with a greater id (to append what is new)
    qint64 beforeId = 0; // only records with a smaller id (to page down a list without OFFSET)
    // Words that must each appear (case-insensitively) in the request id, platform, requested or upstream
    // model, client key, session, endpoint or error message.
    QString text;
};

// The model calls (POST /v1/messages) of one local day, platform, model and client key, summed.
struct UsageCell : UsageSums
{
    QDate day; // the local date the calls started
    QString platformId; // the platform that answered (or the last one tried)
    QString model; // the model asked of the platform; empty when no platform was reached
    QString clientKeyId; // empty when no client keys are configured
};

// Which usage RecordQuery::usageCells() sums. Empty fields do not filter.
struct UsageFilter
{
    QDateTime from; // inclusive; periods start at local midnight, which falls on one of the table's quarter hours
    QDateTime before; // exclusive; a bound inside a quarter hour counts that whole quarter hour
    QString platformId;
    QString clientKeyId;
};

// Reads records through a connection of the caller's thread (the GUI's, a test's): the store thread keeps
// writing meanwhile (write-ahead log). Errors are reported through `error` (when given) and give empty
// results.
class RecordQuery
{
public:
    explicit RecordQuery(Database &db)
        : m_db(db)
    {
    }

    qint64 count(const RecordFilter &filter = RecordFilter(), QString *error = nullptr) const;
    // Newest first (highest id first), without bodies.
    QList<StoredRecord> list(const RecordFilter &filter, int offset, int limit, QString *error = nullptr) const;
    // One record with its bodies decompressed (a request body with shared parts rebuilt exactly); nullopt
    // when there is no such record or its bodies or their parts are damaged or missing (then `error` says so).
    std::optional<StoredRecord> get(qint64 id, QString *error = nullptr) const;
    // The model calls the filter selects, summed per local day, platform, upstream model and client key
    // (count_tokens and the model list are not model calls).
    // Read from the usage table, so records deleted by retention or by clearing still count. Ordered by day,
    // then platform, model and key.
    QList<UsageCell> usageCells(const UsageFilter &filter = UsageFilter(), QString *error = nullptr) const;
    // Compressed body bytes kept, as retention counts them.
    qint64 storedBodyBytes(QString *error = nullptr) const;

private:
    std::optional<StoredRecord> readWithBodies(qint64 id, QString *error) const;

    Database &m_db;
};
