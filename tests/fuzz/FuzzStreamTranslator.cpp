// Fuzzes OpenAIStreamTranslator with arbitrary upstream bytes, split at arbitrary points, under several
// response contexts. Every output must be a valid, complete Anthropic event sequence
// (AnthropicStreamValidator), also when the proxy aborts the stream midway.
#include "FuzzSupport.h"
#include "convert/AnthropicStreamValidator.h"
#include "convert/OpenAIStreamTranslator.h"
#include "convert/OpenAIToAnthropicResponse.h"
#include "convert/TextToolCallParser.h"
#include "convert/ThinkTagSplitter.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

void fail(const AnthropicStreamValidator &validator, const QByteArray &output)
{
    fprintf(stderr, "invalid Anthropic stream:\n%s\n--- output ---\n%s\n",
        qPrintable(validator.errors().join(QLatin1Char('\n'))), output.left(4000).constData());
    abort();
}

} // namespace

// Warnings about dropped or repaired input are expected here by the thousand; keep the fuzzer's output readable.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const uint8_t flags = data[0];
    const unsigned step = data[1] % 31 + 1;
    const QByteArray bytes(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));

    ResponseContext context;
    context.requestedModel = QStringLiteral("claude-sonnet-4-5-20250929");
    context.splitThinkTags = flags & 1;
    context.parseTextToolCalls = flags & 2;
    context.toolsEmulated = flags & 4;
    context.reasoningOnlyFallbackToText = flags & 8;
    if (flags & 16)
        context.declaredTools = QStringList {QStringLiteral("Read"), QStringLiteral("Bash")};
    if (flags & 32)
        context.stopSequences = QStringList {QStringLiteral("END"), QStringLiteral("\n\nHuman:")};
    if (flags & 64)
        context.toolNames.addClientName(QString(70, QLatin1Char('t')));
    const bool abortMidway = flags & 128;

    OpenAIStreamTranslator translator(context);
    QByteArray output;
    qsizetype at = 0;
    while (at < bytes.size()) {
        const qsizetype n = qMin<qsizetype>(step, bytes.size() - at);
        output += translator.feedBytes(QByteArrayView(bytes.constData() + at, n));
        at += n;
        if (abortMidway && at >= bytes.size() / 2 && !translator.isFinished()) {
            output += translator.abort(ApiError::timeout(QStringLiteral("idle")));
            break;
        }
    }
    output += translator.finish();
    if (!translator.isFinished())
        abort();

    AnthropicStreamValidator validator;
    validator.feedBytes(output);
    validator.finish();
    if (!validator.isValid())
        fail(validator, output);
    if (translator.endedWithError() != validator.endedWithError())
        abort();

    // The same bytes as one non-streamed body, and through the text filters, must not crash either.
    OpenAIToAnthropicResponse::convert(bytes, context);
    TextToolCallParser::parseAll(QString::fromUtf8(bytes), context.declaredTools);
    ThinkTagSplitter::splitAll(QString::fromUtf8(bytes));
    return 0;
}
