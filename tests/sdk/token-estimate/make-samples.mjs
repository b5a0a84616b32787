// Writes the sample requests for measure.mjs.
// Usage: node make-samples.mjs OUT_DIR REPO_DIR [CAPTURES_DIR]
// Samples: the Claude-Code-shaped fixtures, tool results holding this repository's C++, Python, JavaScript,
// JSON, SSE, CMake and Markdown files, shell output, Chinese and mixed text, a short chat; plus every request
// body found in CAPTURES_DIR (*.json, bare or wrapped as {"body": ...}), such as captured Claude Code traffic.
import { readFileSync, writeFileSync, readdirSync, mkdirSync, existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { join } from 'node:path';

const [out, repo, captures] = process.argv.slice(2);
if (!out || !repo) {
  console.error('usage: node make-samples.mjs OUT_DIR REPO_DIR [CAPTURES_DIR]');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const save = (name, body) => writeFileSync(join(out, name + '.json'), JSON.stringify(body));
const src = (p) => readFileSync(join(repo, p), 'utf8');
const wrap = (text) => ({ model: 'm', messages: [{ role: 'user', content: text }] });
const toolTurn = (content) => ({ model: 'm', system: 'You are a coding agent.', messages: [
  { role: 'user', content: 'look at this' },
  { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Read', input: { file_path: '/x' } }] },
  { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content }] }] });

if (captures && existsSync(captures)) {
  for (const f of readdirSync(captures).filter((f) => f.endsWith('.json'))) {
    const doc = JSON.parse(readFileSync(join(captures, f), 'utf8'));
    const body = doc.body && typeof doc.body === 'object' ? doc.body : doc;
    if (Array.isArray(body.messages)) save('capture-' + f.replace(/\.json$/, ''), body);
  }
}
for (const f of ['claude-code-main-loop.json', 'claude-code-tool-result.json'])
  save('fixture-' + f.replace('.json', ''), JSON.parse(src('tests/fixtures/convert/' + f)));
save('code-cpp', toolTurn(src('core/convert/OpenAIStreamTranslator.cpp')));
save('code-cpp2', toolTurn(src('core/convert/AnthropicToOpenAIRequest.cpp')));
save('code-python', toolTurn(src('tests/fixtures/convert/make-stream-fixtures.py')));
save('code-js', toolTurn(src('tests/sdk/sdk-check.mjs')));
save('json', toolTurn(src('tests/fixtures/convert/streams/manifest.json')));
save('sse', toolTurn(src('tests/fixtures/convert/streams/parallel-tools-interleaved.sse') + src('tests/fixtures/convert/streams/qwen-reasoning-text.sse')));
save('prose-md', toolTurn(src('docs/count-tokens.md')));
save('shell-ls', toolTurn(execSync('ls -la /usr/bin | head -300').toString()));
save('shell-git', toolTurn(execSync('git log --stat -5', { cwd: repo }).toString()));
save('cmake', toolTurn(src('CMakeLists.txt') + src('CMakePresets.json')));
const zh = '这个项目是一个桌面应用程序，它在本地运行一个代理服务器，让命令行编程助手可以使用不同的大语言模型。用户可以在设置窗口中添加平台，例如阿里云百炼、硅基流动或者本地的模型服务。每一次请求都会被记录在数据库中，包括所用的模型、耗时、输入和输出的令牌数量，以及是否发生了错误。如果某个平台暂时不可用，代理会按照用户设定的顺序尝试下一个模型，并在界面上提示发生了切换。';
save('chinese', wrap((zh + '\n').repeat(12)));
save('chinese-mixed', wrap(('请修改 src/core/export/YearExporter.cpp 中的 invoicesOf() 函数，让它包含十二月的发票。' + zh + ' The test `ctest -R ledger` should pass.\n').repeat(8)));
save('short-chat', wrap('hi, can you explain what a mutex is and when I would need one in C++?'));
console.log(readdirSync(out).length, 'samples in', out);
