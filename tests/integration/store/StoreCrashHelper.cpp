// A process for the crash test (TestStoreCrash): opens a store in the given data folder, saves configuration
// documents and submits records until it is killed, printing what it knows to be committed:
//   ready
//   config <n>                  configuration document n was saved (save() returned true)
//   committed <count> <maxId>   records committed so far, and the highest id among them
// Usage: store_crash_helper <dataDir> <round> <maxRecords>

#include "StoreTestSupport.h"

#include "store/ConfigRepository.h"
#include "store/Database.h"
#include "store/RecordStore.h"

#include <QCoreApplication>
#include <QTimer>

#include <atomic>
#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4) {
        std::fprintf(stderr, "usage: store_crash_helper <dataDir> <round> <maxRecords>\n");
        return 2;
    }
    const QString dataDir = args.at(1);
    const QString round = args.at(2);
    const int maxRecords = args.at(3).toInt();

    QString error;
    Database configDb;
    if (!configDb.open(dataDir, QStringLiteral("helper-config"), &error)) {
        std::fprintf(stderr, "cannot open the database: %s\n", qPrintable(error));
        return 1;
    }
    ConfigRepository configs(configDb);

    RecordStore store;
    store.setBatchWindowMs(20);
    std::atomic<qint64> committed {0};
    // Direct: runs on the store thread right after each commit.
    QObject::connect(&store, &RecordStore::recordsStored, [&committed](const QList<qint64> &ids) {
        const qint64 count = committed.fetch_add(ids.size()) + ids.size();
        std::printf("committed %lld %lld\n", static_cast<long long>(count), static_cast<long long>(ids.constLast()));
        std::fflush(stdout);
    });
    if (!store.open(dataDir, &error)) {
        std::fprintf(stderr, "cannot open the store: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("ready\n");
    std::fflush(stdout);

    int configRevision = 0;
    const auto saveConfig = [&] {
        ++configRevision;
        const QByteArray document
            = QStringLiteral(R"({"round":"%1","revision":%2})").arg(round).arg(configRevision).toUtf8();
        QString saveError;
        if (!configs.save(document, &saveError)) {
            std::fprintf(stderr, "config save failed: %s\n", qPrintable(saveError));
            return;
        }
        std::printf("config %d\n", configRevision);
        std::fflush(stdout);
    };
    saveConfig();

    const QByteArray response = QByteArray("event: message_start\ndata: {\"type\":\"message_start\",\"message\":"
                                           "{\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}\n\n")
        + QByteArray("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                     "{\"type\":\"text_delta\",\"text\":\"lorem ipsum\"}}\n\n")
              .repeated(20)
        + QByteArray("event: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":40}}\n\n");
    int submitted = 0;
    QTimer submitTimer;
    QObject::connect(&submitTimer, &QTimer::timeout, [&] {
        for (int i = 0; i < 25 && submitted < maxRecords; ++i, ++submitted) {
            CallRecord record;
            record.requestId = QStringLiteral("%1-%2").arg(round).arg(submitted);
            record.startedAt = QDateTime::currentDateTimeUtc();
            record.method = QStringLiteral("POST");
            record.endpoint = QStringLiteral("/v1/messages");
            record.platformId = QStringLiteral("crash");
            record.status = 200;
            record.stream = true;
            record.requestBody = StoreTest::crashTestRequest(submitted);
            record.responseBody = response;
            store.submit(std::move(record));
        }
        if (submitted >= maxRecords)
            submitTimer.stop();
    });
    submitTimer.start(1);
    QTimer configTimer;
    QObject::connect(&configTimer, &QTimer::timeout, saveConfig);
    configTimer.start(50);
    return app.exec();
}
