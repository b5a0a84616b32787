// switchyard_convert_tool: a command-line window onto core/convert, used by the SDK check (tests/sdk) and for
// measuring the token estimate against real tokenizers.
//
//   switchyard_convert_tool streams FIXTURES_DIR OUT_DIR
//       Converts every OpenAI stream fixture of FIXTURES_DIR/streams/manifest.json to Anthropic SSE
//       (OUT_DIR/<name>.sse), checks each with AnthropicStreamValidator, and writes OUT_DIR/manifest.json with
//       the expected messages for the node SDK check. Exit code 1 if any converted stream is invalid.
//   switchyard_convert_tool estimate FILE...
//       Prints "<input_tokens>\t<file>" for Anthropic request bodies (TokenEstimator).
//   switchyard_convert_tool request PLATFORM_TYPE MODEL FILE
//       Prints the OpenAI Chat Completions body for an Anthropic request body.

#include "ConvertTestSupport.h"

#include "convert/AnthropicToOpenAIRequest.h"
#include "convert/TokenEstimator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

namespace {

int usage()
{
    QTextStream(stderr) << "usage: switchyard_convert_tool streams FIXTURES_DIR OUT_DIR\n"
                           "       switchyard_convert_tool estimate FILE...\n"
                           "       switchyard_convert_tool request PLATFORM_TYPE MODEL FILE\n";
    return 2;
}

QJsonObject readObject(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        QTextStream(stderr) << "cannot read " << path << "\n";
        return QJsonObject();
    }
    QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
    // Captures may wrap the body: {"method","url","headers","body"}.
    if (object.contains(QStringLiteral("body")) && object.value(QStringLiteral("body")).isObject())
        object = object.value(QStringLiteral("body")).toObject();
    return object;
}

int streams(const QString &fixturesDir, const QString &outDir)
{
    QDir().mkpath(outDir);
    QJsonArray manifest;
    int invalid = 0;
    for (const ConvertTestSupport::StreamFixture &fixture : ConvertTestSupport::loadStreamFixtures(fixturesDir)) {
        const QByteArray sse = ConvertTestSupport::translate(fixture.sse, fixture.context);
        const AnthropicStreamValidator validator = ConvertTestSupport::validate(sse);
        if (!validator.isValid()) {
            ++invalid;
            QTextStream(stderr) << fixture.name << ": invalid Anthropic stream:\n  "
                                << validator.errors().join(QStringLiteral("\n  ")) << "\n";
        }
        QFile out(outDir + QLatin1Char('/') + fixture.name + QStringLiteral(".sse"));
        if (!out.open(QIODevice::WriteOnly) || out.write(sse) != sse.size()) {
            QTextStream(stderr) << "cannot write " << out.fileName() << "\n";
            return 1;
        }
        QJsonObject entry {{QStringLiteral("name"), fixture.name},
            {QStringLiteral("file"), QString(fixture.name + QStringLiteral(".sse"))}};
        if (!fixture.expected.isEmpty())
            entry.insert(QStringLiteral("expected"), fixture.expected);
        if (!fixture.expectedError.isEmpty())
            entry.insert(QStringLiteral("expectedError"), fixture.expectedError);
        manifest.append(entry);
    }
    QFile file(outDir + QStringLiteral("/manifest.json"));
    if (!file.open(QIODevice::WriteOnly))
        return 1;
    file.write(QJsonDocument(manifest).toJson());
    QTextStream(stdout) << "converted " << manifest.size() << " streams into " << outDir << "\n";
    return invalid == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() >= 4 && args.at(1) == QLatin1String("streams"))
        return streams(args.at(2), args.at(3));
    if (args.size() >= 3 && args.at(1) == QLatin1String("estimate")) {
        for (int i = 2; i < args.size(); ++i)
            QTextStream(stdout) << TokenEstimator::estimateRequest(readObject(args.at(i))) << "\t" << args.at(i)
                                << "\n";
        return 0;
    }
    if (args.size() == 5 && args.at(1) == QLatin1String("request")) {
        const OpenAIRequestConversion r = AnthropicToOpenAIRequest::convert(
            readObject(args.at(4)), ConversionProfile::forPlatform(args.at(2), args.at(3)));
        if (!r.ok()) {
            QTextStream(stderr) << r.error << "\n";
            return 1;
        }
        QTextStream(stdout) << QString::fromUtf8(QJsonDocument(r.openai).toJson());
        return 0;
    }
    return usage();
}
