#!/usr/bin/env bash
# Usage: run-sdk-check.sh CONVERT_TOOL FIXTURES_DIR WORK_DIR
# Converts the OpenAI stream fixtures with core/convert, then lets the official @anthropic-ai/sdk consume each
# converted stream from a local HTTP server and compares finalMessage() with the expected message.
# Installs the npm package into WORK_DIR on first use. Exit 77 (skipped) only when node or npm is missing.
set -euo pipefail
tool="$1"
fixtures="$2"
work="$3"
here="$(cd "$(dirname "$0")" && pwd)"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "SKIP: node and npm are needed for the SDK check (apt-get install nodejs npm)"
    exit 77
fi

mkdir -p "$work"
cp "$here/package.json" "$here/sdk-check.mjs" "$work/"
if [ ! -f "$work/node_modules/@anthropic-ai/sdk/package.json" ]; then
    echo "installing @anthropic-ai/sdk into $work"
    (cd "$work" && npm install --no-audit --no-fund --loglevel=error)
fi

"$tool" streams "$fixtures" "$work/streams"
cd "$work"
node sdk-check.mjs "$work/streams"
