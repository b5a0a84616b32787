// Serves converted Anthropic SSE files from 127.0.0.1 and consumes each with the official SDK's
// messages.stream(); finalMessage() must match the expected message (strings ending in "*" match by prefix).
// Usage: node sdk-check.mjs STREAMS_DIR   (STREAMS_DIR/manifest.json lists {name, file, expected|expectedError})
// With SDK_CHECK_BASE_URL set, the SDK talks to that address instead (a running proxy whose upstream plays the
// fixture named by the request: metadata.user_id, and the user message "fixture <name>"); the local server is
// not used then. An entry's `request` fields are added to the SDK's request (see fixture-upstream.mjs).
import Anthropic from '@anthropic-ai/sdk';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node sdk-check.mjs STREAMS_DIR');
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

// The fixture to play is named by the request's metadata.user_id. Bytes are written in small pieces so the
// SDK's own SSE decoder sees events split across reads.
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    let name = '';
    try {
      name = JSON.parse(body).metadata.user_id;
    } catch {
      // fall through to 404
    }
    const entry = manifest.find((e) => e.name === name);
    if (req.method !== 'POST' || !req.url.startsWith('/v1/messages') || !entry) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: 'no fixture ' + name } }));
      return;
    }
    const bytes = readFileSync(join(dir, entry.file));
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    let at = 0;
    const step = 37;
    const pump = () => {
      if (at >= bytes.length) return res.end();
      res.write(bytes.subarray(at, at + step));
      at += step;
      setImmediate(pump);
    };
    pump();
  });
});

function mismatch(actual, expected, path) {
  if (typeof expected === 'string' && expected.endsWith('*')) {
    const prefix = expected.slice(0, -1);
    return typeof actual === 'string' && actual.startsWith(prefix) ? null : `${path}: expected "${expected}", got ${JSON.stringify(actual)}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length)
      return `${path}: expected ${expected.length} items, got ${JSON.stringify(actual)}`;
    for (let i = 0; i < expected.length; i++) {
      const m = mismatch(actual[i], expected[i], `${path}[${i}]`);
      if (m) return m;
    }
    return null;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return `${path}: expected an object, got ${JSON.stringify(actual)}`;
    for (const key of Object.keys(expected)) {
      if (!(key in actual)) return `${path}.${key}: missing`;
      const m = mismatch(actual[key], expected[key], `${path}.${key}`);
      if (m) return m;
    }
    return null;
  }
  return actual === expected ? null : `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();
const baseURL = process.env.SDK_CHECK_BASE_URL || `http://127.0.0.1:${port}`;
const client = new Anthropic({ baseURL, apiKey: process.env.SDK_CHECK_API_KEY || 'sdk-check', maxRetries: 0, timeout: 20000 });

let passed = 0;
let failed = 0;
for (const entry of manifest) {
  const stream = client.messages.stream({
    model: 'switchyard-sdk-check',
    max_tokens: 1024,
    messages: [{ role: 'user', content: 'fixture ' + entry.name }],
    metadata: { user_id: entry.name },
    // Through a proxy: the model to route to, and the tools and stop sequences the fixture's answer needs.
    ...(entry.request ?? {}),
  });
  let problem = null;
  try {
    const message = await stream.finalMessage();
    if (entry.expected) {
      problem = mismatch(message, entry.expected, 'message');
      if (!problem && !/^msg_/.test(message.id)) problem = `message.id ${message.id} does not start with msg_`;
    } else {
      problem = 'expected an error, got a message';
    }
  } catch (err) {
    if (entry.expectedError) {
      const type = err?.error?.error?.type ?? err?.type;
      if (type !== entry.expectedError.type) problem = `expected error type ${entry.expectedError.type}, got ${type}: ${err}`;
    } else {
      problem = `stream failed: ${err}`;
    }
  }
  if (problem) {
    failed++;
    console.log(`FAIL ${entry.name}: ${problem}`);
  } else {
    passed++;
    console.log(`PASS ${entry.name}`);
  }
}
server.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
