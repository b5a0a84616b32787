#!/usr/bin/env bash
# Usage: run-sdk-proxy-check.sh SWITCHYARD_BIN FIXTURES_DIR WORK_DIR
# The official-SDK check through a real Switchyard: starts the switchyard binary (headless, a temporary data
# folder, a free port) in front of fixture-upstream.mjs, an OpenAI-format platform that plays each stream
# fixture of FIXTURES_DIR/streams; then @anthropic-ai/sdk's messages.stream() asks Switchyard for each fixture
# and finalMessage() must equal the expected message. Both processes are stopped at the end.
# Installs the npm package into WORK_DIR on first use. Exit 77 (skipped) only when node or npm is missing.
set -euo pipefail
switchyard="$1"
fixtures="$2"
work="$3"
here="$(cd "$(dirname "$0")" && pwd)"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "SKIP: node and npm are needed for the SDK check (apt-get install nodejs npm)"
    exit 77
fi
if [ ! -x "$switchyard" ]; then
    echo "switchyard binary not found: $switchyard (build the 'switchyard' target)"
    exit 1
fi

mkdir -p "$work"
cp "$here/package.json" "$here/sdk-check.mjs" "$here/fixture-upstream.mjs" "$work/"
if [ ! -f "$work/node_modules/@anthropic-ai/sdk/package.json" ]; then
    echo "installing @anthropic-ai/sdk into $work"
    (cd "$work" && npm install --no-audit --no-fund --loglevel=error)
fi

run="$(mktemp -d "${TMPDIR:-/tmp}/switchyard-sdk-proxy.XXXXXX")"
upstream_pid=""
proxy_pid=""
cleanup() {
    local status=$?
    if [ -n "$proxy_pid" ]; then
        kill -TERM "$proxy_pid" 2>/dev/null || true
        wait "$proxy_pid" 2>/dev/null || true
    fi
    if [ -n "$upstream_pid" ]; then
        kill -TERM "$upstream_pid" 2>/dev/null || true
        wait "$upstream_pid" 2>/dev/null || true
    fi
    if [ "$status" -ne 0 ] && [ -f "$run/switchyard.log" ]; then
        echo "--- switchyard log (last 40 lines)"
        tail -n 40 "$run/switchyard.log"
    fi
    rm -rf "$run"
}
trap cleanup EXIT

# Waits (at most ~10 s) until `test $1` holds.
wait_for() {
    for _ in $(seq 1 100); do
        if eval "$1"; then return 0; fi
        sleep 0.1
    done
    return 1
}

node "$work/fixture-upstream.mjs" "$fixtures" "$run" &
upstream_pid=$!
wait_for '[ -s "$run/ready" ]' || { echo "the fixture upstream did not start"; exit 1; }

# A free port: bound and released by the kernel, then given to Switchyard (tried again if someone took it).
free_port() {
    node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}
listening() {
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}
for attempt in 1 2 3; do
    port="$(free_port)"
    "$switchyard" --headless --data-dir "$run/data" --config "$run/switchyard.json" --listen "127.0.0.1:$port" \
        >"$run/switchyard.log" 2>&1 &
    proxy_pid=$!
    if wait_for 'listening || ! kill -0 "$proxy_pid" 2>/dev/null' && kill -0 "$proxy_pid" 2>/dev/null; then
        break
    fi
    wait "$proxy_pid" 2>/dev/null || true
    proxy_pid=""
    echo "switchyard did not start on port $port (try $attempt)"
    [ "$attempt" -eq 3 ] && exit 1
done
echo "switchyard (pid $proxy_pid) on 127.0.0.1:$port, fixture upstream on 127.0.0.1:$(cat "$run/ready")"

cd "$work"
check_status=0
SDK_CHECK_BASE_URL="http://127.0.0.1:$port" SDK_CHECK_API_KEY="sk-client-of-the-sdk-check" \
    node sdk-check.mjs "$run/proxy-streams" || check_status=$?

# Switchyard must stop cleanly on SIGTERM (exit 0; under the sanitizers, no error at exit either).
kill -TERM "$proxy_pid"
proxy_status=0
wait "$proxy_pid" || proxy_status=$?
proxy_pid=""
if [ "$proxy_status" -ne 0 ]; then
    echo "switchyard exited with status $proxy_status"
    exit 1
fi
exit "$check_status"
