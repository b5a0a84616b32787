// Fuzzes AnthropicToOpenAIRequest (and the pieces it uses) with arbitrary JSON. Whatever the input, the
// conversion either fails with a message or yields a body that OpenAI-style upstreams accept structurally:
// every assistant message with tool_calls is followed by one `tool` message per call id before any other
// message, no `tool` message answers an unknown id, tool names and ids match ^[A-Za-z0-9_-]+$.
#include "FuzzSupport.h"
#include "convert/AnthropicToOpenAIRequest.h"
#include "convert/JsonSchemaSanitizer.h"
#include "convert/TokenEstimator.h"
#include "convert/ToolArgumentsRepair.h"
#include "convert/ToolNameMap.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <cstdint>
#include <cstdlib>

namespace {

void check(bool condition)
{
    if (!condition)
        abort();
}

void checkOpenAIBody(const QJsonObject &body)
{
    check(body.value(QStringLiteral("messages")).isArray());
    const QJsonArray messages = body.value(QStringLiteral("messages")).toArray();
    QSet<QString> pending;
    for (int i = 0; i < messages.size(); ++i) {
        const QJsonObject m = messages.at(i).toObject();
        const QString role = m.value(QStringLiteral("role")).toString();
        check(role == QLatin1String("system") || role == QLatin1String("user") || role == QLatin1String("assistant")
            || role == QLatin1String("tool"));
        if (role == QLatin1String("system"))
            check(i == 0);
        if (role == QLatin1String("tool")) {
            const QString id = m.value(QStringLiteral("tool_call_id")).toString();
            check(pending.remove(id)); // answers a call of the assistant message right before
            check(m.value(QStringLiteral("content")).isString());
            continue;
        }
        check(pending.isEmpty()); // all calls answered before the next non-tool message
        if (role == QLatin1String("assistant")) {
            for (const QJsonValue &call : m.value(QStringLiteral("tool_calls")).toArray()) {
                const QString id = call.toObject().value(QStringLiteral("id")).toString();
                check(ToolNameMap::isValidId(id));
                check(!pending.contains(id));
                pending.insert(id);
                const QJsonObject function = call.toObject().value(QStringLiteral("function")).toObject();
                check(ToolNameMap::isValidUpstreamName(function.value(QStringLiteral("name")).toString()));
                const QJsonDocument args
                    = QJsonDocument::fromJson(function.value(QStringLiteral("arguments")).toString().toUtf8());
                check(args.isObject());
            }
        }
    }
    check(pending.isEmpty());
    for (const QJsonValue &tool : body.value(QStringLiteral("tools")).toArray()) {
        const QJsonObject function = tool.toObject().value(QStringLiteral("function")).toObject();
        check(ToolNameMap::isValidUpstreamName(function.value(QStringLiteral("name")).toString()));
        check(function.value(QStringLiteral("parameters")).toObject().value(QStringLiteral("type")).toString()
            == QLatin1String("object"));
    }
}

} // namespace

// Warnings about dropped or repaired input are expected here by the thousand; keep the fuzzer's output readable.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    ToolArgumentsRepair::parse(bytes);
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    if (!doc.isObject())
        return 0;
    const QJsonObject request = doc.object();
    check(TokenEstimator::estimateRequest(request) >= 0);

    static const ConversionProfile profiles[] = {
        ConversionProfile::forPlatform(QStringLiteral("dashscope"), QStringLiteral("qwen-plus")),
        ConversionProfile::forPlatform(QStringLiteral("openrouter"), QStringLiteral("google/gemini-2.5-pro")),
        ConversionProfile::forPlatform(QStringLiteral("openai"), QStringLiteral("deepseek-reasoner")),
        [] {
            ConversionProfile p = ConversionProfile::forPlatform(QStringLiteral("ollama"), QStringLiteral("gemma3"));
            p.supportsTools = false;
            p.supportsVision = true;
            p.contextWindow = 8192;
            return p;
        }(),
    };
    for (const ConversionProfile &profile : profiles) {
        const OpenAIRequestConversion result = AnthropicToOpenAIRequest::convert(request, profile);
        if (!result.ok()) {
            check(result.openai.isEmpty());
            continue;
        }
        checkOpenAIBody(result.openai);
        for (const QString &name : result.context.declaredTools)
            check(result.context.toolNames.toClient(result.context.toolNames.toUpstream(name)) == name
                || profile.emulatesTools());
    }
    for (const QJsonValue &tool : request.value(QStringLiteral("tools")).toArray())
        JsonSchemaSanitizer::sanitize(
            tool.toObject().value(QStringLiteral("input_schema")), ConversionProfile::SchemaDialect::Strict);
    return 0;
}
