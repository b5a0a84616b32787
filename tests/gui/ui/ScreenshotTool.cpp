// Renders every window of the desktop app, in English and in Simplified Chinese, from the real widgets with
// sample data (no real keys), into PNG files: switchyard_screenshots <output folder>.
#include "DesktopTestSupport.h"

#include "ClaudeCodeDialog.h"
#include "ClientKeysPage.h"
#include "LanguageManager.h"
#include "MainWindow.h"
#include "ModelCatalog.h"
#include "PlatformsPage.h"
#include "RecordDetailDialog.h"
#include "RecordFeed.h"
#include "RecordTableModel.h"
#include "RecordsPage.h"
#include "RoutingPage.h"
#include "RoutingRulesEditor.h"
#include "SettingsPage.h"
#include "StatisticsPage.h"
#include "TrayController.h"
#include "UsageTableModel.h"
#include "common/LogBuffer.h"
#include "common/Logging.h"
#include "runtime/ProxyRuntime.h"
#include "store/RecordStore.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QListWidget>
#include <QMenu>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTcpServer>
#include <QTimer>
#include <cstdio>

namespace {

const char *kConfig = R"json({
  "version": 1,
  "config_type": "global_direct",
  "claude_code": {"platforms": ["anthropic"]},
  "model_priority_list": ["dashscope:qwen3-coder-plus", "openrouter:deepseek/deepseek-chat-v3.1", "ollama:qwen2.5-coder:7b"],
  "routing_models": ["dashscope:qwen-flash"],
  "tiers": {"haiku": ["dashscope:qwen-flash"], "opus": ["dashscope:qwen3-max", "openrouter:deepseek/deepseek-r1"]},
  "rules": {"background": ["ollama:qwen2.5-coder:7b"], "long_context": ["dashscope:qwen-turbo"], "long_context_threshold": 60000},
  "scenes": [
    {"name": "coding", "description": "writing, changing or reviewing code", "models": ["dashscope:qwen3-coder-plus", "openrouter:qwen/qwen3-coder"]},
    {"name": "chat", "description": "short questions and explanations", "models": ["dashscope:qwen-plus"]},
    {"name": "long-context", "description": "large files, whole repositories", "models": ["dashscope:qwen-turbo"]}
  ],
  "platforms": [
    {"id": "dashscope", "name": "DashScope (Qwen)", "type": "dashscope", "api_key": "${keychain:platform.dashscope}",
     "currency": "CNY",
     "models": [{"id": "qwen3-coder-plus", "max_output_tokens": 32768, "price": {"input": 4, "output": 16, "cache_read": 0.8}},
                {"id": "qwen3-max", "price": {"input": 6, "output": 24}}]},
    {"id": "openrouter", "name": "OpenRouter", "type": "openrouter", "api_key": "$OPENROUTER_API_KEY",
     "models": [{"id": "deepseek/deepseek-chat-v3.1", "price": {"input": 0.27, "output": 1.1}}]},
    {"id": "anthropic", "name": "Anthropic relay", "type": "anthropic", "base_url": "https://relay.example.com",
     "api_key": "${keychain:platform.anthropic}",
     "models": [{"id": "claude-sonnet-4-5", "price": {"input": 3, "output": 15, "cache_read": 0.3, "cache_write": 3.75}}]},
    {"id": "ollama", "name": "Ollama (this computer)", "type": "ollama"},
    {"id": "siliconflow", "name": "SiliconFlow", "type": "siliconflow", "api_key": "$SILICONFLOW_API_KEY", "enabled": false}
  ],
  "client_keys": [{"id": "laptop", "name": "My laptop", "key": "sy-sample-client-key-0042"},
                  {"id": "alice", "name": "Alice (MacBook)", "key": "${keychain:client_key.alice}"},
                  {"id": "bob", "name": "Bob (build server)", "key": "$SWITCHYARD_SAMPLE_BOB_KEY"},
                  {"id": "carol", "name": "Carol (on leave)", "key": "${keychain:client_key.carol}", "enabled": false}],
  "upstream_proxy": {"mode": "manual", "url": "http://proxy.example:3128", "password": "${keychain:upstream_proxy.password}",
                     "no_proxy": "intranet.example, .corp.example, 10.0.0.0/8"}
})json";

QList<DiscoveredModel> sampleModels()
{
    QList<DiscoveredModel> models;
    for (const char *id : {"qwen3-coder-plus", "qwen3-coder-flash", "qwen-plus", "qwen-flash", "qwen-turbo",
             "qwen3-max", "qwq-plus", "qwen-vl-max"}) {
        DiscoveredModel model;
        model.id = QString::fromLatin1(id);
        model.displayName = model.id;
        models << model;
    }
    return models;
}

QByteArray requestBody(const QString &model, const QString &text)
{
    return QStringLiteral(
        R"({"model":"%1","max_tokens":8192,"stream":true,"system":[{"type":"text","text":"You are Claude Code."}],"messages":[{"role":"user","content":[{"type":"text","text":"%2"}]}],"tools":[{"name":"Read","description":"Read a file","input_schema":{"type":"object","properties":{"file_path":{"type":"string"}}}}]})")
        .arg(model, text)
        .toUtf8();
}

QByteArray streamBody(const QString &model, const QString &text)
{
    return QStringLiteral(
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_01\",\"type\":"
        "\"message\",\"role\":\"assistant\",\"model\":\"%1\",\"content\":[],\"usage\":{\"input_tokens\":"
        "2310,\"output_tokens\":1}}}\n\n"
        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
        "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
        "{\"type\":\"text_delta\",\"text\":\"%2\"}}\n\n"
        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
        "\"end_turn\"},\"usage\":{\"output_tokens\":187}}\n\n"
        "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n")
        .arg(model, text)
        .toUtf8();
}

void submitSampleRecords(RecordStore *store)
{
    struct Sample
    {
        const char *platform;
        const char *model;
        int status;
        qint64 in;
        qint64 out;
        int durationMs;
        int firstByteMs;
        const char *error;
        bool fallback;
    };
    const Sample samples[] = {
        {"dashscope", "qwen3-coder-plus", 200, 18234, 912, 8420, 690, "", false},
        {"dashscope", "qwen3-coder-plus", 200, 19107, 230, 3120, 540, "", false},
        {"openrouter", "deepseek/deepseek-chat-v3.1", 200, 17450, 1204, 12400, 1830, "", true},
        {"dashscope", "qwen-flash", 200, 512, 4, 420, 310, "", false},
        {"dashscope", "qwen3-coder-plus", 529, -1, -1, 1210, -1, "overloaded_error", false},
        {"dashscope", "qwen3-coder-plus", 200, 20411, 3310, 24800, 720, "", false},
        {"ollama", "qwen2.5-coder:7b", 200, 2210, 388, 6900, 2400, "", false},
        {"dashscope", "qwen-plus", 200, 1180, 96, 1450, 380, "", false},
        {"openrouter", "deepseek/deepseek-chat-v3.1", 401, -1, -1, 230, -1, "authentication_error", false},
        {"dashscope", "qwen3-coder-plus", 200, 21022, 640, 5210, 610, "", false},
    };
    const QDateTime now = QDateTime::currentDateTimeUtc();
    int index = 0;
    for (int round = 0; round < 3; ++round) {
        for (const Sample &sample : samples) {
            CallRecord record;
            record.requestId = QStringLiteral("req_01J%1")
                                   .arg(9000 + index, 0, 36)
                                   .toUpper()
                                   .replace(QLatin1String("REQ_"), QLatin1String("req_"));
            record.startedAt = now.addSecs(-(3 * 10 - index) * 47);
            record.method = QStringLiteral("POST");
            record.endpoint = QStringLiteral("/v1/messages");
            record.sessionId = QStringLiteral("5f1c2a7e-%1").arg(round);
            record.clientKeyId = QStringLiteral("laptop");
            record.routingMode = QStringLiteral("global_direct");
            record.platformId = QString::fromLatin1(sample.platform);
            record.requestedModel = QStringLiteral("claude-sonnet-4-5");
            record.upstreamModel = QString::fromLatin1(sample.model);
            record.stream = true;
            record.status = sample.status;
            record.upstreamStatus = sample.status;
            record.durationUs = qint64(sample.durationMs) * 1000;
            record.firstByteUs = sample.firstByteMs < 0 ? -1 : qint64(sample.firstByteMs) * 1000;
            record.upstreamDurationUs = record.durationUs - 1800;
            record.usage.inputTokens = sample.in;
            record.usage.outputTokens = sample.out;
            record.usage.cacheReadInputTokens = sample.in > 10000 ? sample.in - 2000 : -1;
            record.errorType = QString::fromLatin1(sample.error);
            record.errorMessage = sample.status == 529 ? QStringLiteral("DashScope is overloaded; try again shortly.")
                : sample.status == 401                 ? QStringLiteral("The API key was rejected by OpenRouter.")
                                                       : QString();
            const QString target = record.platformId + QLatin1Char(':') + record.upstreamModel;
            QString attempts = QStringLiteral(R"({"platform":"%1","model":"%2","status":%3,"result":"%4"})")
                                   .arg(record.platformId, record.upstreamModel)
                                   .arg(sample.status)
                                   .arg(sample.status == 200 ? QStringLiteral("ok") : record.errorType);
            if (sample.fallback)
                attempts.prepend(QStringLiteral(
                    R"({"platform":"dashscope","model":"qwen3-coder-plus","status":529,"result":"overloaded_error"},)"));
            record.routeJson = QStringLiteral(
                R"({"mode":"global_direct","reason":"priority list: %1 is the first model that answered","targets":[],"attempts":[%2]})")
                                   .arg(target, attempts);
            record.requestHeadersJson
                = R"json({"anthropic-version":"2023-06-01","user-agent":"claude-cli/2.0.14 (external, cli)","x-claude-code-session-id":"5f1c2a7e"})json";
            record.requestBody = requestBody(
                record.requestedModel, QStringLiteral("Add a --verbose flag to the CLI and document it."));
            record.responseBody = sample.status == 200
                ? streamBody(
                    record.upstreamModel, QStringLiteral("I'll add the flag in src/cli.cpp and update README.md."))
                : QStringLiteral(R"({"type":"error","error":{"type":"%1","message":"%2"}})")
                      .arg(record.errorType, record.errorMessage)
                      .toUtf8();
            store->submit(record);
            ++index;
        }
    }
    store->flush();
}

// A week of calls from three people for the statistics: several models and platforms, one without a price.
void submitStatisticsSamples(RecordStore *store)
{
    struct Usage
    {
        const char *platform;
        const char *model;
        const char *clientKey;
        qint64 in;
        qint64 out;
        qint64 cacheRead;
        qint64 cacheWrite;
    };
    const Usage usages[] = {
        {"dashscope", "qwen3-coder-plus", "laptop", 21000, 1400, 16000, 0},
        {"anthropic", "claude-sonnet-4-5", "alice", 3200, 900, 42000, 6500},
        {"dashscope", "qwen3-coder-plus", "alice", 18500, 800, 12000, 0},
        {"openrouter", "deepseek/deepseek-chat-v3.1", "bob", 15200, 1100, 0, 0},
        {"dashscope", "qwen3-max", "laptop", 9800, 2100, 0, 0},
        {"dashscope", "qwen-plus", "bob", 1200, 110, 0, 0},
        {"ollama", "qwen2.5-coder:7b", "laptop", 2400, 420, 0, 0},
        {"anthropic", "claude-sonnet-4-5", "laptop", 2900, 1300, 51000, 3100},
    };
    const QDate today = QDate::currentDate();
    int index = 0;
    for (int daysAgo = 6; daysAgo >= 1; --daysAgo) {
        // Busier on weekdays, quieter at the weekend.
        const QDate day = today.addDays(-daysAgo);
        const int calls = day.dayOfWeek() >= 6 ? 9 : 22 + (daysAgo * 7) % 11;
        for (int call = 0; call < calls; ++call, ++index) {
            const Usage &usage = usages[(index * 5 + daysAgo) % 8];
            const double scale = 0.6 + ((index * 37) % 90) / 100.0;
            CallRecord record;
            record.requestId = QStringLiteral("req_01JSTAT%1").arg(index, 4, 10, QLatin1Char('0'));
            record.startedAt = QDateTime(day, QTime(9, 0)).addSecs(call * 23 * 60);
            record.method = QStringLiteral("POST");
            record.endpoint = QStringLiteral("/v1/messages");
            record.sessionId = QStringLiteral("7a2e91c4-%1").arg(daysAgo);
            record.clientKeyId = QString::fromLatin1(usage.clientKey);
            record.routingMode = QStringLiteral("global_direct");
            record.platformId = QString::fromLatin1(usage.platform);
            record.requestedModel = QStringLiteral("claude-sonnet-4-5");
            record.upstreamModel = QString::fromLatin1(usage.model);
            record.stream = true;
            record.status = index % 23 == 7 ? 529 : 200;
            record.upstreamStatus = record.status;
            record.durationUs = 4'000'000;
            record.firstByteUs = 600'000;
            record.usage.inputTokens = qint64(usage.in * scale);
            record.usage.outputTokens = qint64(usage.out * scale);
            record.usage.cacheReadInputTokens = qint64(usage.cacheRead * scale);
            record.usage.cacheCreationInputTokens = qint64(usage.cacheWrite * scale);
            record.routeJson = QStringLiteral(R"({"mode":"global_direct","attempts":[]})");
            store->submit(record);
        }
    }
    store->flush();
}

void settle(int ms = 150)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

bool save(QWidget *widget, const QString &path)
{
    settle();
    const bool ok = widget->grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setStyle(QStringLiteral("Fusion"));
    QFont font(QStringLiteral("DejaVu Sans"), 10);
    QApplication::setFont(font);
    const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("screenshots");
    QDir().mkpath(out);
    qputenv("OPENROUTER_API_KEY", "sk-or-sample-not-a-real-key");
    qputenv("SWITCHYARD_SAMPLE_BOB_KEY", "sy-sample-bob-not-a-real-key");
    LogBuffer log;
    Logging::install(false);
    Logging::installBuffer(&log);

    DesktopHarness harness;
    harness.secrets().write(QStringLiteral("platform.dashscope"), QStringLiteral("sk-sample-dashscope-7f3a"));
    harness.secrets().write(QStringLiteral("platform.anthropic"), QStringLiteral("sk-ant-sample-relay-91c2"));
    harness.secrets().write(SecretStore::nameForUpstreamProxy(), QStringLiteral("sample-proxy-password"));
    harness.secrets().write(
        SecretStore::nameForClientKey(QStringLiteral("alice")), QStringLiteral("sk-sy-sample-alice-not-a-real-key"));
    harness.secrets().write(
        SecretStore::nameForClientKey(QStringLiteral("carol")), QStringLiteral("sk-sy-sample-carol-not-a-real-key"));
    harness.secrets().setLocation(QStringLiteral("the system keychain"));
    // The default address when it is free, so the pictures show what a user sees.
    QTcpServer probe;
    harness.setListenPort(probe.listen(QHostAddress::LocalHost, 8000) ? 8000 : 0);
    probe.close();
    QString error;
    if (!harness.start(kConfig, &error)) {
        std::fprintf(stderr, "cannot start: %s\n", qPrintable(error));
        return 1;
    }
    DesktopApp &desktop = harness.app();
    desktop.catalog()->setDiscovered(QStringLiteral("dashscope"), sampleModels());
    submitStatisticsSamples(desktop.runtime()->recordStore());
    submitSampleRecords(desktop.runtime()->recordStore());
    desktop.feed()->poll();
    MainWindow *window = desktop.mainWindow();
    window->resize(1120, 720);
    window->show();

    bool ok = true;
    for (const QString &language : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
        window->settingsPage()->setLanguage(language);
        settle(300);
        const QString suffix = QLatin1Char('-') + language + QStringLiteral(".png");

        window->showPage(MainWindow::PlatformsPageIndex);
        window->platformsPage()->selectPlatform(0);
        ok &= save(window, QDir(out).filePath(QStringLiteral("platforms") + suffix));

        window->showPage(MainWindow::RoutingPageIndex);
        window->routingPage()->findChild<QTabWidget *>(QStringLiteral("routingTabs"))->setCurrentIndex(1);
        ok &= save(window, QDir(out).filePath(QStringLiteral("routing-priority") + suffix));
        window->routingPage()->findChild<QTabWidget *>(QStringLiteral("routingTabs"))->setCurrentIndex(2);
        ok &= save(window, QDir(out).filePath(QStringLiteral("routing-scenes") + suffix));
        window->routingPage()->findChild<QTabWidget *>(QStringLiteral("routingTabs"))->setCurrentIndex(3);
        window->routingPage()->rulesEditor()->ruleList()->setCurrentRow(int(RoutingRulesEditor::Rule::Opus));
        ok &= save(window, QDir(out).filePath(QStringLiteral("routing-rules") + suffix));

        window->showPage(MainWindow::RecordsPageIndex);
        window->recordsPage()->table()->selectRow(7);
        ok &= save(window, QDir(out).filePath(QStringLiteral("records") + suffix));
        QWidget *detail = window->recordsPage()->openDetails(7);
        if (detail) {
            detail->resize(900, 620);
            auto *tabs = detail->findChild<QTabWidget *>(QStringLiteral("tabs"));
            tabs->setCurrentIndex(0);
            ok &= save(detail, QDir(out).filePath(QStringLiteral("record-overview") + suffix));
            tabs->setCurrentIndex(2);
            ok &= save(detail, QDir(out).filePath(QStringLiteral("record-response") + suffix));
            detail->close();
        }

        window->showPage(MainWindow::StatisticsPageIndex);
        StatisticsPage *statistics = window->statisticsPage();
        QElapsedTimer waited;
        waited.start();
        while ((statistics->isQueryRunning() || statistics->model()->rowCount() == 0) && waited.elapsed() < 10000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        ok &= save(window, QDir(out).filePath(QStringLiteral("statistics") + suffix));

        window->showPage(MainWindow::SettingsPageIndex);
        ok &= save(window, QDir(out).filePath(QStringLiteral("settings") + suffix));
        // The client keys tab as it is between changes (no key is shown: that happens only when one is made).
        auto *settingsTabs = window->settingsPage()->findChild<QTabWidget *>(QStringLiteral("settingsTabs"));
        settingsTabs->setCurrentWidget(window->settingsPage()->clientKeysPage());
        window->settingsPage()->clientKeysPage()->table()->selectRow(1);
        ok &= save(window, QDir(out).filePath(QStringLiteral("client-keys") + suffix));
        settingsTabs->setCurrentIndex(0);

        const QString claudeSettings = harness.dir().writeFile(QStringLiteral("claude-settings.json"),
            R"({"statusLine": {"type": "command", "command": "~/.claude/status.sh"}, "env": {"ANTHROPIC_API_KEY": "sk-ant-sample-0000"}})");
        ClaudeCodeDialog dialog(
            {desktop.runtime()->baseUrl(), QStringLiteral("sy-sample-client-key-0042")}, true, claudeSettings, window);
        dialog.show();
        ok &= save(&dialog, QDir(out).filePath(QStringLiteral("claude-code") + suffix));
        dialog.close();

        QMenu *menu = desktop.tray()->menu();
        menu->adjustSize();
        menu->show();
        ok &= save(menu, QDir(out).filePath(QStringLiteral("tray-menu") + suffix));
        menu->hide();
    }
    Logging::installBuffer(nullptr);
    return ok ? 0 : 1;
}
