#!/usr/bin/env bash
# Installs the Claude Code CLI (npm @anthropic-ai/claude-code) into a folder of the build tree for the
# end-to-end tests. Exit 0 when it is there, 77 (skip) when npm is missing, 1 when the install failed.
set -euo pipefail
prefix="$1"
version="${SWITCHYARD_CLAUDE_CODE_VERSION:-2.1.332}"
bin="$prefix/node_modules/.bin/claude"
if [[ -x "$bin" ]] && [[ -f "$prefix/.installed-$version" ]]; then
    exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
    echo "npm is not installed: the end-to-end tests with the real Claude Code CLI cannot run" >&2
    exit 77
fi
mkdir -p "$prefix"
echo "installing @anthropic-ai/claude-code@$version into $prefix"
npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "@anthropic-ai/claude-code@$version"
"$bin" --version
touch "$prefix/.installed-$version"
