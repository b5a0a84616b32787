#include "ConvertTestSupport.h"

#include <QFile>
#include <QJsonParseError>
#include <QtGlobal>

namespace ConvertTestSupport {

QJsonObject object(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("test JSON is not an object (%s): %s", qPrintable(error.errorString()), json.left(200).constData());
    return doc.object();
}

QJsonObject object(const char *json)
{
    return object(QByteArray(json));
}

ResponseContext contextFromJson(const QJsonObject &json)
{
    ResponseContext context;
    context.requestedModel = json.value(QStringLiteral("requestedModel")).toString();
    for (const QJsonValue &v : json.value(QStringLiteral("stopSequences")).toArray())
        context.stopSequences << v.toString();
    for (const QJsonValue &v : json.value(QStringLiteral("declaredTools")).toArray())
        context.declaredTools << v.toString();
    for (const QJsonValue &v : json.value(QStringLiteral("toolNames")).toArray()) {
        context.toolNames.addClientName(v.toString());
        context.declaredTools << v.toString();
    }
    context.splitThinkTags = json.value(QStringLiteral("splitThinkTags")).toBool();
    context.parseTextToolCalls = json.value(QStringLiteral("parseTextToolCalls")).toBool();
    context.toolsEmulated = json.value(QStringLiteral("toolsEmulated")).toBool();
    return context;
}

QList<StreamFixture> loadStreamFixtures(const QString &fixturesDir)
{
    QList<StreamFixture> fixtures;
    QFile manifest(fixturesDir + QStringLiteral("/streams/manifest.json"));
    if (!manifest.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(manifest.fileName()));
    const QJsonArray entries = QJsonDocument::fromJson(manifest.readAll()).array();
    for (const QJsonValue &value : entries) {
        const QJsonObject entry = value.toObject();
        StreamFixture fixture;
        fixture.name = entry.value(QStringLiteral("name")).toString();
        fixture.note = entry.value(QStringLiteral("note")).toString();
        QFile sse(fixturesDir + QLatin1Char('/') + entry.value(QStringLiteral("file")).toString());
        if (!sse.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(sse.fileName()));
        fixture.sse = sse.readAll();
        fixture.context = contextFromJson(entry.value(QStringLiteral("context")).toObject());
        fixture.expected = entry.value(QStringLiteral("expected")).toObject();
        fixture.expectedError = entry.value(QStringLiteral("expectedError")).toObject();
        fixtures << fixture;
    }
    return fixtures;
}

QByteArray translate(const QByteArray &sse, const ResponseContext &context, int step, OpenAIStreamTranslator **keep)
{
    auto *translator = new OpenAIStreamTranslator(context);
    QByteArray out;
    if (step <= 0) {
        out += translator->feedBytes(sse);
    } else {
        for (qsizetype at = 0; at < sse.size(); at += step)
            out += translator->feedBytes(QByteArrayView(sse.constData() + at, qMin<qsizetype>(step, sse.size() - at)));
    }
    out += translator->finish();
    if (keep)
        *keep = translator;
    else
        delete translator;
    return out;
}

AnthropicStreamValidator validate(const QByteArray &anthropicSse)
{
    AnthropicStreamValidator validator;
    validator.feedBytes(anthropicSse);
    validator.finish();
    return validator;
}

bool matches(const QJsonValue &actual, const QJsonValue &expected, QString *where, const QString &path)
{
    auto mismatch = [&](const QString &why) {
        if (where)
            *where = (path.isEmpty() ? QStringLiteral("(root)") : path) + QStringLiteral(": ") + why;
        return false;
    };
    if (expected.isString() && expected.toString().endsWith(QLatin1Char('*'))) {
        const QString prefix = expected.toString().chopped(1);
        if (!actual.isString() || !actual.toString().startsWith(prefix))
            return mismatch(
                QStringLiteral("expected a string starting with \"%1\", got %2")
                    .arg(prefix, QString::fromUtf8(QJsonDocument(QJsonArray {actual}).toJson(QJsonDocument::Compact))));
        return true;
    }
    if (expected.isObject()) {
        if (!actual.isObject())
            return mismatch(QStringLiteral("expected an object"));
        const QJsonObject e = expected.toObject();
        const QJsonObject a = actual.toObject();
        for (auto it = e.begin(); it != e.end(); ++it) {
            if (!a.contains(it.key()))
                return mismatch(QStringLiteral("missing key %1").arg(it.key()));
            if (!matches(a.value(it.key()), it.value(), where, path + QLatin1Char('.') + it.key()))
                return false;
        }
        return true;
    }
    if (expected.isArray()) {
        const QJsonArray e = expected.toArray();
        const QJsonArray a = actual.toArray();
        if (!actual.isArray() || a.size() != e.size())
            return mismatch(QStringLiteral("expected an array of %1 items, got %2")
                                .arg(e.size())
                                .arg(QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact))));
        for (int i = 0; i < e.size(); ++i) {
            if (!matches(a.at(i), e.at(i), where, path + QStringLiteral("[%1]").arg(i)))
                return false;
        }
        return true;
    }
    if (actual != expected)
        return mismatch(QStringLiteral("expected %1, got %2")
                            .arg(QString::fromUtf8(QJsonDocument(QJsonArray {expected}).toJson(QJsonDocument::Compact)),
                                QString::fromUtf8(QJsonDocument(QJsonArray {actual}).toJson(QJsonDocument::Compact))));
    return true;
}

} // namespace ConvertTestSupport
