#!/usr/bin/env bash
# Usage: tests/fuzz/run-fuzzers.sh BUILD_DIR [SECONDS]
# Runs each libFuzzer target of BUILD_DIR (configured with the `fuzz` preset) for SECONDS (default 60) from a
# copy of the seed corpus in tests/fuzz/corpus/<target>; new inputs go to BUILD_DIR/fuzz-corpus/<target>, crash
# reproducers to BUILD_DIR/fuzz-artifacts/. Exits non-zero if any target finds a crash.
set -uo pipefail
build="$(cd "${1:?usage: run-fuzzers.sh BUILD_DIR [SECONDS]}" && pwd)"
seconds="${2:-60}"
here="$(cd "$(dirname "$0")" && pwd)"
status=0
for pair in "fuzz_sse_parser:sse_parser:" "fuzz_request_converter:request_converter:request.dict" \
            "fuzz_stream_translator:stream_translator:stream.dict" "fuzz_stream_chunks:stream_chunks:" \
            "fuzz_http_response_parser:http_response_parser:" "fuzz_request_body_inspector:request_body_inspector:" \
            "fuzz_http_request_parser:http_request_parser:"; do
    IFS=: read -r target corpus dict <<<"$pair"
    binary="$build/tests/fuzz/$target"
    if [ ! -x "$binary" ]; then
        echo "missing $binary (configure with: cmake --preset fuzz && cmake --build --preset fuzz)" >&2
        status=1
        continue
    fi
    work="$build/fuzz-corpus/$corpus"
    artifacts="$build/fuzz-artifacts/$target/"
    mkdir -p "$work" "$artifacts"
    args=(-max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1
          -artifact_prefix="$artifacts")
    [ -n "$dict" ] && args+=(-dict="$here/$dict")
    echo "=== $target: ${seconds}s"
    if QT_QPA_PLATFORM=offscreen "$binary" "${args[@]}" "$work" "$here/corpus/$corpus" > "$build/fuzz-$target.log" 2>&1; then
        grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ *DONE)" "$build/fuzz-$target.log" | tr '\n' ' '
        echo
    else
        echo "$target FAILED; see $build/fuzz-$target.log and $artifacts"
        tail -40 "$build/fuzz-$target.log"
        status=1
    fi
done
exit $status
