#pragma once

#include "config/Config.h"

#include <QJsonObject>
#include <QList>
#include <QString>

// The pure half of smart routing's classifier: the prompt that asks a small model which scene a person's
// message belongs to, as an Anthropic Messages body and as an OpenAI Chat Completions body, and the
// reading of its answer. The call itself (deadline, fallback to the default scene) is the proxy's.
namespace ClassifierProtocol {

constexpr int kMaxTypedTextChars = 4'000; // of the person's text: the first 3,000 and the last 1,000
constexpr int kMaxDescriptionChars = 500; // per scene description
constexpr int kMaxAnswerTokens = 32; // a scene name, with room for a model that adds a word or two

// The instruction: what the scenes are (name: description), and to answer with one name only.
QString systemPrompt(const QList<Scene> &scenes);
// The person's text, truncated to kMaxTypedTextChars, inside <message> tags.
QString userPrompt(const QString &typedText);
// The text as the prompt carries it: whole up to kMaxTypedTextChars, else head + " […] " + tail.
QString truncatedText(const QString &typedText);

// {"model", "max_tokens": kMaxAnswerTokens, "temperature": 0, "stream": false, "system", "messages": [user]}
QJsonObject anthropicBody(const QString &model, const QList<Scene> &scenes, const QString &typedText);
// {"model", "messages": [system, user], "max_tokens", "temperature": 0, "stream": false}; for DashScope also
// "enable_thinking": false (its hybrid models think by default, which a short answer cannot afford).
QJsonObject openAIBody(
    const QString &model, PlatformType platformType, const QList<Scene> &scenes, const QString &typedText);

// The answer text of a classifier response (concatenated text blocks / choices[0].message.content).
QString answerFromAnthropic(const QJsonObject &response);
QString answerFromOpenAI(const QJsonObject &response);

struct Answer
{
    QString scene; // a scene's exact name: the one answered, or the default scene when not recognized
    bool recognized = false; // false: "unknown" (nonsense, empty, several scenes named)
};

// Reads an answer robustly: the exact name, any case, inside quotes / backticks / markdown emphasis /
// code fences, as JSON {"scene": "..."}, with extra words around it ("The scene is: code."), after a
// <think>…</think> block. Ambiguity (two different scenes named) and nonsense give the default scene.
Answer parseAnswer(const QString &answer, const RoutingConfig &routing);

} // namespace ClassifierProtocol
