// An OpenAI-format platform for the SDK check through a real Switchyard: answers POST /v1/chat/completions by
// playing a stream fixture (tests/fixtures/convert/streams) as it is, in small pieces.
// Usage: node fixture-upstream.mjs FIXTURES_DIR RUN_DIR      (FIXTURES_DIR: tests/fixtures/convert)
// It listens on 127.0.0.1 (a free port) and writes into RUN_DIR:
//   switchyard.json        a Switchyard configuration with one platform per dialect, all pointing here;
//   proxy-streams/manifest.json   the fixtures for sdk-check.mjs, each with the `request` fields the SDK sends
//                          (an explicit "platform:model" of the fixture's dialect, the tools and stop sequences
//                          its answer needs) and the expected message as Switchyard must return it;
//   ready                  the port, once it listens.
// The fixture to play is named by the last user message ("fixture <name>"). Every request must carry the
// platform key of the configuration (never the client's), or it is answered 401.
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, runDir] = process.argv.slice(2);
if (!dir || !runDir) {
  console.error('usage: node fixture-upstream.mjs FIXTURES_DIR RUN_DIR');
  process.exit(2);
}
const platformKey = 'sk-sdk-check-platform-key';
const manifest = JSON.parse(readFileSync(join(dir, 'streams', 'manifest.json'), 'utf8'));

// The platform whose dialect a fixture speaks (as in tests/integration/proxy/TestConvertedPath.cpp).
function routeFor(entry) {
  const context = entry.context ?? {};
  if (context.toolsEmulated) return 'emulated:served-model';
  if (entry.name.startsWith('qwen')) return 'dashscope:qwen3-coder-plus';
  if (entry.name.startsWith('openrouter')) return 'openrouter:qwen/qwen3-235b-a22b';
  if (entry.name.startsWith('ollama') || context.parseTextToolCalls) return 'ollama:qwen3:8b';
  if (entry.name.startsWith('deepseek')) return 'generic:deepseek-reasoner';
  return 'generic:served-model';
}

function lastUserText(body) {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i].role !== 'user') continue;
    const content = messages[i].content;
    if (typeof content === 'string') return content;
    if (Array.isArray(content)) return content.map((part) => part.text ?? '').join('\n');
  }
  return '';
}

function fail(res, status, message) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { message, type: 'invalid_request_error', code: null } }));
}

const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (req.method === 'GET' && req.url === '/health') return fail(res, 200, 'ok');
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return fail(res, 404, `no route ${req.url}`);
    if (req.headers.authorization !== `Bearer ${platformKey}`) return fail(res, 401, 'Incorrect API key provided.');
    let parsed;
    try {
      parsed = JSON.parse(body);
    } catch {
      return fail(res, 400, 'body is not JSON');
    }
    const match = /fixture (\S+)/.exec(lastUserText(parsed));
    const entry = match && manifest.find((e) => e.name === match[1]);
    if (!entry) return fail(res, 404, 'no fixture named in the request');
    if (parsed.stream !== true) return fail(res, 400, 'expected a streamed request');
    const bytes = readFileSync(join(dir, entry.file));
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    let at = 0;
    const step = 37;
    const pump = () => {
      if (at >= bytes.length) return res.end();
      res.write(bytes.subarray(at, at + step));
      at += step;
      setTimeout(pump, 1);
    };
    pump();
  });
});

await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();
const baseUrl = `http://127.0.0.1:${port}/v1`;

const platform = (id, type, models) => ({ id, type, base_url: baseUrl, api_key: platformKey, models });
const config = {
  version: 1,
  config_type: 'global_direct',
  model_priority_list: ['generic:served-model'],
  platforms: [
    platform('generic', 'openai', [{ id: 'served-model' }, { id: 'deepseek-reasoner' }]),
    platform('emulated', 'openai', [{ id: 'served-model', tools: false }]),
    platform('dashscope', 'dashscope', [{ id: 'qwen3-coder-plus' }]),
    platform('openrouter', 'openrouter', [{ id: 'qwen/qwen3-235b-a22b' }]),
    platform('ollama', 'ollama', [{ id: 'qwen3:8b' }]),
  ],
};
writeFileSync(join(runDir, 'switchyard.json'), JSON.stringify(config, null, 1));

const tool = (name) => ({
  name,
  description: `The ${name} tool.`,
  input_schema: { type: 'object', properties: {} },
});
const checks = manifest.map((entry) => {
  const context = entry.context ?? {};
  const model = routeFor(entry);
  const request = { model };
  const tools = [...new Set([...(context.declaredTools ?? []), ...(context.toolNames ?? [])])];
  if (tools.length > 0) request.tools = tools.map(tool);
  if (context.stopSequences) request.stop_sequences = context.stopSequences;
  const check = { name: entry.name, file: entry.file, request };
  // Switchyard answers with the model the client asked for.
  if (entry.expected) check.expected = { ...entry.expected, model };
  if (entry.expectedError) check.expectedError = entry.expectedError;
  return check;
});
mkdirSync(join(runDir, 'proxy-streams'), { recursive: true });
writeFileSync(join(runDir, 'proxy-streams', 'manifest.json'), JSON.stringify(checks, null, 1));
writeFileSync(join(runDir, 'ready'), String(port));
console.log(`fixture upstream listening on 127.0.0.1:${port}`);

const stop = () => process.exit(0); // Switchyard's keep-alive connections would hold a close() open
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
