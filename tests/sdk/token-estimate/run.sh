#!/usr/bin/env bash
# Usage: tests/sdk/token-estimate/run.sh BUILD_DIR [CAPTURES_DIR]
# Installs the tokenizers into BUILD_DIR/token-estimate (npm), writes the sample requests and prints the
# estimate's error against each tokenizer (docs/count-tokens.md explains the method).
set -euo pipefail
build="$(cd "$1" && pwd)"
captures="${2:-}"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
work="$build/token-estimate"
mkdir -p "$work"
cp "$here/package.json" "$here/measure.mjs" "$here/make-samples.mjs" "$work/"
[ -d "$work/node_modules/js-tiktoken" ] || (cd "$work" && npm install --no-audit --no-fund --loglevel=error)
cd "$work"
rm -rf samples
node make-samples.mjs "$work/samples" "$repo" "$captures"
node measure.mjs "$build/tests/sdk/switchyard_convert_tool" "$work/samples"
