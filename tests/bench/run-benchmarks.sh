#!/usr/bin/env bash
# The proxy benchmark (`make bench`): Switchyard against a direct connection to the fake platform and against
# nginx as a plain reverse proxy, then many simultaneous streams through Switchyard.
#
# Usage: tests/bench/run-benchmarks.sh BUILD_DIR
# Environment (all optional):
#   BENCH_DURATION=5        seconds of each measured wrk run
#   BENCH_WARMUP=1          seconds of the warm-up run before each measured one
#   BENCH_NGINX_WORKERS=1   nginx worker processes (Switchyard proxies on one thread)
#   BENCH_FANOUT_STREAMS=200
#   BENCH_RESULTS=BUILD_DIR/bench-results.txt
#   BENCH_SKIP_PASSTHROUGH=1 / BENCH_SKIP_CONVERTED=1 / BENCH_SKIP_CONVERSION=1 / BENCH_SKIP_FANOUT=1 /
#   BENCH_SKIP_SOAK=1
#   BENCH_SOAK_REQUESTS=3000 BENCH_SOAK_CONCURRENCY=24   the fault-injection soak of the fallback
#   BENCH_RECORDS=on        Switchyard's recording: on (the configuration to measure), no-bodies, off (diagnosis)
#   BENCH_SWITCHYARD_ENV="" extra environment for Switchyard (diagnosis), e.g. "QT_NO_GLIB=1"
# Needs wrk and nginx (Debian: wrk, nginx-light; `packaging/install-deps.sh bench`). Works as root and as a
# normal user: nginx runs in the foreground from a generated configuration in a temporary folder.
# Everything printed goes to stdout and to the results file. Exit status 0 when every benchmark ran (targets
# that were missed are printed as FAIL), non-zero when one could not run.
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 BUILD_DIR" >&2
    exit 2
fi
build_dir=$(cd "$1" && pwd)
bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_dir=$(cd "$bench_dir/../.." && pwd)

duration=${BENCH_DURATION:-5}
warmup=${BENCH_WARMUP:-1}
nginx_workers=${BENCH_NGINX_WORKERS:-1}
fanout_streams=${BENCH_FANOUT_STREAMS:-200}
results=${BENCH_RESULTS:-$build_dir/bench-results.txt}
records_mode=${BENCH_RECORDS:-on}
read -r -a switchyard_env <<<"${BENCH_SWITCHYARD_ENV:-}"
case $records_mode in
    on) records_json='' ;;
    no-bodies) records_json=',"records":{"enabled":true,"store_bodies":false}' ;;
    off) records_json=',"records":{"enabled":false}' ;;
    *) echo "run-benchmarks: BENCH_RECORDS must be on, no-bodies or off" >&2; exit 2 ;;
esac
added_floor_us=10 # nginx's added latency is taken as at least this much when forming the ratio

switchyard=$build_dir/app/switchyard
fake=$build_dir/tests/bench/switchyard-fake-upstream
fanout=$build_dir/tests/bench/bench_stream_fanout
nginx_bin=$(command -v nginx || true)
[[ -z "$nginx_bin" && -x /usr/sbin/nginx ]] && nginx_bin=/usr/sbin/nginx
for tool in "$switchyard" "$fake" "$fanout"; do
    if [[ ! -x "$tool" ]]; then
        echo "run-benchmarks: $tool is missing; build first (cmake --build $build_dir)" >&2
        exit 1
    fi
done
if ! command -v wrk >/dev/null || [[ -z "$nginx_bin" ]]; then
    echo "run-benchmarks: wrk and nginx are needed (packaging/install-deps.sh bench)" >&2
    exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/switchyard-bench.XXXXXX")
chmod 755 "$work" # nginx workers may run as another user when started as root
started_pids=()
cleanup() {
    local pid
    for pid in "${started_pids[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${started_pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
    if [[ -n "${tee_pid:-}" ]]; then
        # Let tee write the last lines before the script ends.
        exec >&- 2>&-
        wait "$tee_pid" 2>/dev/null || true
    fi
}
trap cleanup EXIT

mkdir -p "$(dirname "$results")"
exec > >(tee "$results") 2>&1
tee_pid=$!

clk_tck=$(getconf CLK_TCK)

# ---------------------------------------------------------------------------------------------------------
# Processes

# A port below the usual ephemeral range that nothing answers on (bind may still lose a race: callers retry).
free_port() {
    local port
    for _ in $(seq 1 200); do
        port=$((20000 + RANDOM % 12000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

port_answers() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# wait_for PID FILE PATTERN: until FILE contains PATTERN (true) or PID exits / 10 s pass (false).
wait_for() {
    local pid=$1 file=$2 pattern=$3
    for _ in $(seq 1 100); do
        grep -q "$pattern" "$file" 2>/dev/null && return 0
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

stop_process() {
    local pid=$1
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    local kept=()
    for p in "${started_pids[@]}"; do
        [[ "$p" != "$pid" ]] && kept+=("$p")
    done
    started_pids=("${kept[@]}")
}

# start_fake NAME ARGS...: sets fake_pid and fake_port.
start_fake() {
    local name=$1
    shift
    local log="$work/$name.log"
    "$fake" --port 0 "$@" >"$log" 2>&1 &
    fake_pid=$!
    started_pids+=("$fake_pid")
    if ! wait_for "$fake_pid" "$log" "listening on"; then
        echo "run-benchmarks: the fake upstream did not start:" >&2
        cat "$log" >&2
        exit 1
    fi
    fake_port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$log" | head -1)
}

# start_switchyard NAME UPSTREAM_PORT [converted]: a fresh data folder, recording on. Pass-through to an
# Anthropic-compatible platform, or with "converted" an OpenAI-format one (global_direct). Sets switchyard_pid,
# switchyard_port.
start_switchyard() {
    local name=$1 upstream_port=$2 route=${3:-passthrough}
    local dir="$work/$name"
    mkdir -p "$dir"
    if [[ $route == converted ]]; then
        cat >"$dir/config.json" <<EOF
{"version":1,"config_type":"global_direct","model_priority_list":["fake:bench-model"],"platforms":[{"id":"fake","type":"openai","base_url":"http://127.0.0.1:$upstream_port/v1","api_key":"sk-bench"}]$records_json}
EOF
    else
        cat >"$dir/config.json" <<EOF
{"version":1,"config_type":"claude_code","platforms":[{"id":"fake","type":"anthropic","base_url":"http://127.0.0.1:$upstream_port","api_key":"sk-bench"}]$records_json}
EOF
    fi
    for _ in 1 2 3 4 5; do
        switchyard_port=$(free_port)
        rm -rf "$dir/data"
        env ${switchyard_env[@]+"${switchyard_env[@]}"} "$switchyard" --config "$dir/config.json" --data-dir "$dir/data" --listen "127.0.0.1:$switchyard_port" \
            >"$dir/switchyard.log" 2>&1 &
        switchyard_pid=$!
        started_pids+=("$switchyard_pid")
        if wait_for "$switchyard_pid" "$dir/switchyard.log" "listening on http"; then
            return 0
        fi
        stop_process "$switchyard_pid"
    done
    echo "run-benchmarks: Switchyard did not start:" >&2
    cat "$dir/switchyard.log" >&2
    exit 1
}

# start_nginx NAME UPSTREAM_PORT: nginx in the foreground as a plain reverse proxy. Sets nginx_pid, nginx_port.
start_nginx() {
    local name=$1 upstream_port=$2
    local dir="$work/$name"
    mkdir -p "$dir/logs" "$dir/temp"
    for _ in 1 2 3 4 5; do
        nginx_port=$(free_port)
        cat >"$dir/nginx.conf" <<EOF
daemon off;
master_process on;
worker_processes $nginx_workers;
worker_rlimit_nofile 8192;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events {
    worker_connections 4096;
}
http {
    access_log off;
    client_body_temp_path $dir/temp/body;
    proxy_temp_path $dir/temp/proxy;
    fastcgi_temp_path $dir/temp/fastcgi;
    uwsgi_temp_path $dir/temp/uwsgi;
    scgi_temp_path $dir/temp/scgi;
    keepalive_timeout 120s;
    keepalive_requests 100000000;
    upstream platform {
        server 127.0.0.1:$upstream_port;
        keepalive 256;
        keepalive_requests 100000000;
        keepalive_timeout 120s;
    }
    server {
        listen 127.0.0.1:$nginx_port;
        client_max_body_size 32m;
        client_body_buffer_size 1m;
        location / {
            proxy_pass http://platform;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_buffering off;
            proxy_request_buffering on;
            proxy_read_timeout 300s;
        }
    }
}
EOF
        "$nginx_bin" -p "$dir" -c "$dir/nginx.conf" -e "$dir/logs/error.log" >"$dir/nginx.out" 2>&1 &
        nginx_pid=$!
        started_pids+=("$nginx_pid")
        for _ in $(seq 1 100); do
            port_answers "$nginx_port" && return 0
            kill -0 "$nginx_pid" 2>/dev/null || break
            sleep 0.1
        done
        stop_process "$nginx_pid"
    done
    echo "run-benchmarks: nginx did not start:" >&2
    cat "$dir/nginx.out" "$dir/logs/error.log" >&2 2>/dev/null || true
    exit 1
}

children_of() {
    local parent=$1 stat
    for stat in /proc/[0-9]*/stat; do
        # Field 4 is the parent id; the command name (field 2) of the processes asked about has no spaces.
        read -r -a fields 2>/dev/null <"$stat" || continue
        [[ "${fields[3]:-}" == "$parent" ]] && echo "${fields[0]}"
    done
}

status_kb() { # status_kb FIELD PID...: sum of a /proc/PID/status field (kB)
    local field=$1 total=0 pid value
    shift
    for pid in "$@"; do
        value=$(awk -v f="$field:" '$1 == f { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
        total=$((total + ${value:-0}))
    done
    echo "$total"
}

cpu_ticks() { # utime + stime of the given processes
    local total=0 pid
    for pid in "$@"; do
        read -r -a fields 2>/dev/null <"/proc/$pid/stat" || continue
        total=$((total + fields[13] + fields[14]))
    done
    echo "$total"
}

thread_ticks() { # thread_ticks PID NAME: utime + stime of the process's threads with that name
    local pid=$1 name=$2 total=0 task
    for task in /proc/"$pid"/task/*; do
        [[ "$(cat "$task/comm" 2>/dev/null)" == "$name" ]] || continue
        read -r -a fields 2>/dev/null <"$task/stat" || continue
        total=$((total + fields[13] + fields[14]))
    done
    echo "$total"
}

# Waits (up to 20 s) until the processes use no more CPU: Switchyard's store thread may still be writing the
# records of the last run, which belongs to that run and must not slow the next one down.
wait_idle() {
    local before after
    for _ in $(seq 1 40); do
        before=$(cpu_ticks "$@")
        sleep 0.5
        after=$(cpu_ticks "$@")
        ((after - before <= 1)) && return 0
    done
    return 0
}

load1() { cut -d' ' -f1 /proc/loadavg; }

max_load=0
note_load() {
    local now
    now=$(load1)
    max_load=$(awk -v a="$max_load" -v b="$now" 'BEGIN { print ((b > a) ? b : a) }')
}

mb() { awk -v kb="$1" 'BEGIN { printf "%.1f MB", kb / 1024 }'; }

# ---------------------------------------------------------------------------------------------------------
# Header

cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
commit=$(git -C "$source_dir" rev-parse --short HEAD 2>/dev/null || echo unknown)
build_type=$(awk -F= '/^CMAKE_BUILD_TYPE:/ { print $2 }' "$build_dir/CMakeCache.txt" 2>/dev/null || echo unknown)
echo "Switchyard proxy benchmark, $(date -u '+%Y-%m-%d %H:%M:%S UTC'), commit $commit ($build_type build)"
echo "machine: $(nproc) CPUs ($cpu_model), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)," \
    "kernel $(uname -r); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk, the fake platform, nginx and Switchyard share these CPUs; figures move with other load."
echo "$(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2); $("$nginx_bin" -v 2>&1 | sed 's/^nginx version: //');" \
    "Switchyard recording: $records_mode${BENCH_SWITCHYARD_ENV:+; Switchyard environment: $BENCH_SWITCHYARD_ENV}"
echo

# ---------------------------------------------------------------------------------------------------------
# Pass-through latency and throughput

declare -A result # "case|target|field" -> value
cases=()
idle_rss_max=0

# run_wrk CASE TARGET URL CONNECTIONS BODY PIDS...: warm-up, then the measured run.
run_wrk() {
    local case_name=$1 target=$2 url=$3 connections=$4 body=$5
    shift 5
    local pids=("$@") out line ticks_before ticks_after proxy_before store_before
    BENCH_BODY_FILE=$body wrk -t1 -c"$connections" -d"${warmup}s" --timeout 10s -s "$bench_dir/wrk-post.lua" \
        "$url" >/dev/null 2>&1 || true
    ticks_before=$(cpu_ticks "${pids[@]}")
    if [[ $target == switchyard ]]; then
        proxy_before=$(thread_ticks "${pids[0]}" switchyard-prox)
        store_before=$(thread_ticks "${pids[0]}" switchyard-stor)
    fi
    out=$(BENCH_BODY_FILE=$body wrk -t1 -c"$connections" -d"${duration}s" --timeout 10s \
        -s "$bench_dir/wrk-post.lua" "$url" 2>&1) || true
    note_load
    wait_idle "${pids[@]}"
    ticks_after=$(cpu_ticks "${pids[@]}")
    line=$(grep '^RESULT ' <<<"$out" || true)
    if [[ -z "$line" ]]; then
        echo "run-benchmarks: wrk failed for $case_name / $target:" >&2
        echo "$out" >&2
        exit 1
    fi
    local field key value
    for field in ${line#RESULT }; do
        key=${field%%=*}
        value=${field#*=}
        result["$case_name|$target|$key"]=$value
    done
    local requests=${result["$case_name|$target|requests"]}
    result["$case_name|$target|cpu_us"]=$(awk -v t=$((ticks_after - ticks_before)) -v hz="$clk_tck" -v n="$requests" \
        'BEGIN { printf "%.0f", (n > 0) ? t * 1e6 / hz / n : 0 }')
    if [[ $target == switchyard ]]; then
        result["$case_name|proxy_cpu_us"]=$(awk -v t=$(($(thread_ticks "${pids[0]}" switchyard-prox) - proxy_before)) \
            -v hz="$clk_tck" -v n="$requests" 'BEGIN { printf "%.0f", (n > 0) ? t * 1e6 / hz / n : 0 }')
        result["$case_name|store_cpu_us"]=$(awk -v t=$(($(thread_ticks "${pids[0]}" switchyard-stor) - store_before)) \
            -v hz="$clk_tck" -v n="$requests" 'BEGIN { printf "%.0f", (n > 0) ? t * 1e6 / hz / n : 0 }')
    fi
    local errors=0
    for key in errors_connect errors_read errors_write errors_status errors_timeout; do
        errors=$((errors + ${result["$case_name|$target|$key"]}))
    done
    result["$case_name|$target|errors"]=$errors
}

passthrough_phase() {
    local mode=$1 label=$2 stream_value=$3
    start_fake "fake-$label" --mode "$mode" --events 20 --event-delay-ms 0 --response-bytes 400
    start_nginx "nginx-$label" "$fake_port"
    start_switchyard "switchyard-$label" "$fake_port"
    sleep 1
    local idle
    idle=$(status_kb VmRSS "$switchyard_pid")
    result["idle|$label"]=$idle
    ((idle > idle_rss_max)) && idle_rss_max=$idle

    local size body_file case_name connections
    for size in large small; do
        body_file="$work/body-$size-$label.json"
        sed "s/\"stream\":true/\"stream\":$stream_value/" "$bench_dir/fixtures/messages-$size.json" >"$body_file"
        local kb
        kb=$(awk -v b="$(wc -c <"$body_file")" 'BEGIN { printf "%.0f", b / 1000 }')
        for connections in 1 32; do
            case_name="${kb} kB $label c$connections"
            cases+=("$case_name")
            local nginx_pids
            mapfile -t nginx_pids < <(echo "$nginx_pid"; children_of "$nginx_pid")
            run_wrk "$case_name" direct "http://127.0.0.1:$fake_port/v1/messages" "$connections" "$body_file" "$fake_pid"
            run_wrk "$case_name" nginx "http://127.0.0.1:$nginx_port/v1/messages" "$connections" "$body_file" \
                "${nginx_pids[@]}"
            run_wrk "$case_name" switchyard "http://127.0.0.1:$switchyard_port/v1/messages" "$connections" \
                "$body_file" "$switchyard_pid"
            echo "  measured: $case_name (load $(load1))"
        done
    done
    local nginx_pids
    mapfile -t nginx_pids < <(echo "$nginx_pid"; children_of "$nginx_pid")
    sleep 1.5 # the store hands memory back 1 s after the last burst of records
    result["peak_sy|$label"]=$(status_kb VmHWM "$switchyard_pid")
    result["after_sy|$label"]=$(status_kb VmRSS "$switchyard_pid")
    result["peak_nginx|$label"]=$(status_kb VmHWM "${nginx_pids[@]}")
    result["nginx_procs|$label"]=${#nginx_pids[@]}
    stop_process "$switchyard_pid"
    stop_process "$nginx_pid"
    stop_process "$fake_pid"
    result["records|$label"]=$(records_summary "$work/switchyard-$label/data")
}

# What Switchyard recorded (needs the sqlite3 command; skipped without it).
records_summary() {
    local database="$1/switchyard.sqlite3"
    command -v sqlite3 >/dev/null && [[ -f "$database" ]] || return 0
    sqlite3 -separator ' ' "$database" "SELECT count(*), coalesce(sum(bodies_stored = 0), 0),
        coalesce(sum(client_cancelled), 0) FROM records" 2>/dev/null \
        | awk '{ printf "%d records written, %d of them without bodies, %d cancelled by the client", $1, $2, $3 }'
}

print_passthrough_table() {
    echo
    echo "## Pass-through latency and throughput"
    echo "wrk -t1, ${duration} s per run after a ${warmup} s warm-up, keep-alive; POST /v1/messages with content-type,"
    echo "anthropic-version, x-api-key; the same body bytes for every target. json = the fake answers one JSON message"
    echo "(400 characters of text), sse = a 20-delta stream (25 events, no delay). Latency is to the end of the response."
    echo "added = proxy percentile minus direct percentile. xnginx = Switchyard's added p50 / nginx's added p50"
    echo "(nginx's taken as at least ${added_floor_us} us). CPU = CPU time of the server process(es) per request:"
    echo "the fake for direct, nginx master+workers, Switchyard (all threads). nginx: $nginx_workers worker(s)."
    echo
    printf "%-17s %-10s %9s %9s %9s %9s %9s %7s %6s %6s\n" case target "p50 us" "p99 us" "+p50 us" "+p99 us" \
        "req/s" "CPU us" xnginx errors
    local case_name target p50 p99 dp50 dp99 ratio
    for case_name in "${cases[@]}"; do
        for target in direct nginx switchyard; do
            p50=${result["$case_name|$target|p50_us"]}
            p99=${result["$case_name|$target|p99_us"]}
            if [[ $target == direct ]]; then
                dp50=-
                dp99=-
            else
                dp50=$((p50 - ${result["$case_name|direct|p50_us"]}))
                dp99=$((p99 - ${result["$case_name|direct|p99_us"]}))
            fi
            result["$case_name|$target|added_p50"]=$dp50
            result["$case_name|$target|added_p99"]=$dp99
            ratio=""
            if [[ $target == switchyard ]]; then
                ratio=$(awk -v s="$dp50" -v n="${result["$case_name|nginx|added_p50"]}" -v f="$added_floor_us" \
                    'BEGIN { if (n < f) n = f; printf "%.1fx", s / n }')
                result["$case_name|ratio"]=${ratio%x}
            fi
            printf "%-17s %-10s %9s %9s %9s %9s %9.0f %7s %6s %6s\n" "$case_name" "$target" "$p50" "$p99" "$dp50" \
                "$dp99" "${result["$case_name|$target|rps"]}" "${result["$case_name|$target|cpu_us"]}" "$ratio" \
                "${result["$case_name|$target|errors"]}"
        done
    done
    echo
    local connections verdict worst errors_seen
    for connections in 1 32; do
        verdict=PASS
        worst=0
        errors_seen=0
        for case_name in "${cases[@]}"; do
            [[ $case_name == *" c$connections" ]] || continue
            for target in direct nginx switchyard; do
                errors_seen=$((errors_seen + ${result["$case_name|$target|errors"]}))
            done
            worst=$(awk -v a="$worst" -v b="${result["$case_name|ratio"]}" 'BEGIN { print ((b > a) ? b : a) }')
            if awk -v r="${result["$case_name|ratio"]}" 'BEGIN { exit !(r > 2) }'; then
                verdict=FAIL
            fi
        done
        ((errors_seen > 0)) && verdict=FAIL
        echo "$verdict: Switchyard's added p50 latency within 2x of nginx's at $connections connection(s)" \
            "(worst case ${worst}x; $errors_seen errors)"
    done
    echo
    echo "Switchyard CPU per request by thread (the store thread's share is measured until it has written the run's"
    echo "records), and what the records database holds after each phase:"
    printf "%-17s %12s %12s\n" case "proxy us" "store us"
    for case_name in "${cases[@]}"; do
        printf "%-17s %12s %12s\n" "$case_name" "${result["$case_name|proxy_cpu_us"]}" "${result["$case_name|store_cpu_us"]}"
    done
    local label
    for label in json sse; do
        [[ -n "${result["records|$label"]:-}" ]] && echo "$label phase: ${result["records|$label"]}"
    done
}

print_memory() {
    echo
    echo "## Memory"
    local label
    for label in json sse; do
        [[ -n "${result["idle|$label"]:-}" ]] || continue
        echo "$label phase: Switchyard idle RSS $(mb "${result["idle|$label"]}") (after start, before load);" \
            "peak RSS (VmHWM) Switchyard $(mb "${result["peak_sy|$label"]}"), nginx $(mb "${result["peak_nginx|$label"]}")" \
            "(${result["nginx_procs|$label"]} processes: master + workers); Switchyard RSS once its records were" \
            "written: $(mb "${result["after_sy|$label"]}")"
    done
    if [[ -n "${result["peak_sy|fanout"]:-}" ]]; then
        echo "fan-out phase: Switchyard idle RSS $(mb "${result["idle|fanout"]}"), peak RSS $(mb "${result["peak_sy|fanout"]}")" \
            "with $fanout_streams simultaneous streams; nginx peak $(mb "${result["peak_nginx|fanout"]}")"
    fi
    if ((idle_rss_max == 0)); then
        echo "Switchyard's idle RSS was not measured (no phase started Switchyard)"
        return 0
    fi
    local verdict=FAIL
    ((idle_rss_max < 40 * 1024)) && verdict=PASS
    echo "$verdict: Switchyard idle RSS under 40 MB (highest seen $(mb "$idle_rss_max"))"
}

# The converted path: Switchyard turning the same Anthropic requests into Chat Completions for an OpenAI-format
# platform and its answers back, next to a client talking to that platform directly (the same body bytes: the
# fake answers any POST).
converted_phase() {
    local mode=$1 label=$2 stream_value=$3
    start_fake "fake-converted-$label" --mode "$mode" --events 20 --event-delay-ms 0 --response-bytes 400
    start_switchyard "switchyard-converted-$label" "$fake_port" converted
    sleep 1
    local size body_file case_name connections kb
    for size in large small; do
        body_file="$work/body-converted-$size-$label.json"
        sed "s/\"stream\":true/\"stream\":$stream_value/" "$bench_dir/fixtures/messages-$size.json" >"$body_file"
        kb=$(awk -v b="$(wc -c <"$body_file")" 'BEGIN { printf "%.0f", b / 1000 }')
        for connections in 1 32; do
            case_name="${kb} kB $label c$connections"
            converted_cases+=("$case_name")
            run_wrk "conv $case_name" direct "http://127.0.0.1:$fake_port/v1/chat/completions" "$connections" \
                "$body_file" "$fake_pid"
            run_wrk "conv $case_name" switchyard "http://127.0.0.1:$switchyard_port/v1/messages" "$connections" \
                "$body_file" "$switchyard_pid"
            echo "  measured: converted $case_name (load $(load1))"
        done
    done
    stop_process "$switchyard_pid"
    stop_process "$fake_pid"
}

print_converted_table() {
    echo
    echo "## Converted path (Anthropic -> OpenAI Chat Completions -> Anthropic)"
    echo "The same requests, but the platform speaks OpenAI's format: Switchyard converts the request, the answer"
    echo "(json) or the stream chunk by chunk (sse). direct = a client posting to the OpenAI-format fake itself."
    echo "pass-through +p50 = the added p50 of the pass-through path for the same case (above)."
    echo
    printf "%-17s %10s %9s %9s %9s %9s %8s %18s\n" case "direct p50" "conv p50" "+p50 us" "+p99 us" "req/s" "CPU us" \
        "pass-through +p50"
    local case_name direct conv dp50 dp99 passthrough verdict=PASS
    for case_name in "${converted_cases[@]}"; do
        direct=${result["conv $case_name|direct|p50_us"]}
        conv=${result["conv $case_name|switchyard|p50_us"]}
        dp50=$((conv - direct))
        dp99=$((${result["conv $case_name|switchyard|p99_us"]} - ${result["conv $case_name|direct|p99_us"]}))
        passthrough=${result["$case_name|switchyard|added_p50"]:--}
        printf "%-17s %10s %9s %9s %9s %9.0f %8s %18s\n" "$case_name" "$direct" "$conv" "$dp50" "$dp99" \
            "${result["conv $case_name|switchyard|rps"]}" "${result["conv $case_name|switchyard|cpu_us"]}" "$passthrough"
        if [[ $case_name != *c1 || $case_name == "1 kB"* ]]; then
            continue
        fi
        ((dp50 >= 1000)) && verdict=FAIL
    done
    echo
    echo "$verdict: the converted path adds under 1 ms p50 for the ~50 KB Claude Code request at 1 client"
}

listen_overflows() {
    awk '/^TcpExt:/ { if (!names) { for (i = 1; i <= NF; i++) name[i] = $i; names = 1 } else {
        for (i = 1; i <= NF; i++) if (name[i] == "ListenOverflows") print $i } }' /proc/net/netstat
}

fanout_phase() {
    echo
    echo "## Simultaneous streams"
    echo "$fanout_streams client connections, one streaming request each, sent in one burst once all are connected;"
    echo "one upstream host streaming 20 deltas (25 events) with 100 ms before each event."
    start_fake fake-fanout --mode anthropic-sse --events 20 --event-delay-ms 100 --response-bytes 400
    start_nginx nginx-fanout "$fake_port"
    start_switchyard switchyard-fanout "$fake_port"
    sleep 1
    result["idle|fanout"]=$(status_kb VmRSS "$switchyard_pid")
    ((result["idle|fanout"] > idle_rss_max)) && idle_rss_max=${result["idle|fanout"]}
    local target url overflows_before overflows_after status
    for target in direct nginx switchyard; do
        case $target in
            direct) url="http://127.0.0.1:$fake_port/v1/messages" ;;
            nginx) url="http://127.0.0.1:$nginx_port/v1/messages" ;;
            switchyard) url="http://127.0.0.1:$switchyard_port/v1/messages" ;;
        esac
        overflows_before=$(listen_overflows)
        # Exit status 1 is a missed target, printed as FAIL; the run goes on. 2 means it could not run.
        status=0
        "$fanout" --url "$url" --streams "$fanout_streams" --min-streams 200 --label "$target" --timeout-s 60 \
            | sed 's/^/  /' || status=${PIPESTATUS[0]}
        if ((status > 1)); then
            echo "run-benchmarks: bench_stream_fanout could not run against $target" >&2
            exit 1
        fi
        overflows_after=$(listen_overflows)
        echo "  listen queue overflows during the run (kernel TcpExt ListenOverflows): $((overflows_after - overflows_before))"
        note_load
    done
    local nginx_pids
    mapfile -t nginx_pids < <(echo "$nginx_pid"; children_of "$nginx_pid")
    result["peak_sy|fanout"]=$(status_kb VmHWM "$switchyard_pid")
    result["peak_nginx|fanout"]=$(status_kb VmHWM "${nginx_pids[@]}")
    stop_process "$switchyard_pid"
    stop_process "$nginx_pid"
    stop_process "$fake_pid"
    local records
    records=$(records_summary "$work/switchyard-fanout/data")
    [[ -n "$records" ]] && echo "  Switchyard's records database: $records"
    return 0
}

# The conversion code alone, without a network (bench_convert): MB/s for a Claude Code request and a long stream.
conversion_phase() {
    echo
    echo "## Conversion throughput (no network, one thread)"
    local convert=$build_dir/tests/bench/bench_convert
    if [[ ! -x "$convert" ]]; then
        echo "run-benchmarks: $convert is missing; build first (cmake --build $build_dir)" >&2
        exit 1
    fi
    if ! "$convert" | sed 's/^/  /'; then
        echo "run-benchmarks: bench_convert could not run" >&2
        exit 1
    fi
    note_load
    return 0
}

# The fallback under random platform faults, through the real runtime in one process (bench_fault_soak).
soak_phase() {
    echo
    echo "## Fallback under injected faults"
    local soak=$build_dir/tests/bench/bench_fault_soak status=0
    if [[ ! -x "$soak" ]]; then
        echo "run-benchmarks: $soak is missing; build first (cmake --build $build_dir)" >&2
        exit 1
    fi
    # Exit status 1 is a missed target, printed as FAIL; the run goes on. 2 means it could not run.
    "$soak" --requests "${BENCH_SOAK_REQUESTS:-3000}" --concurrency "${BENCH_SOAK_CONCURRENCY:-24}" \
        | sed 's/^/  /' || status=${PIPESTATUS[0]}
    if ((status > 1)); then
        echo "run-benchmarks: bench_fault_soak could not run" >&2
        exit 1
    fi
    note_load
    return 0
}

if [[ -z "${BENCH_SKIP_PASSTHROUGH:-}" ]]; then
    echo "Pass-through runs (3 targets x 8 cases, $((warmup + duration)) s each):"
    passthrough_phase anthropic-json json false
    passthrough_phase anthropic-sse sse true
    print_passthrough_table
fi
converted_cases=()
if [[ -z "${BENCH_SKIP_CONVERTED:-}" ]]; then
    echo
    echo "Converted-path runs (2 targets x 8 cases, $((warmup + duration)) s each):"
    converted_phase openai-json json false
    converted_phase openai-sse sse true
    print_converted_table
fi
if [[ -z "${BENCH_SKIP_CONVERSION:-}" ]]; then
    conversion_phase
fi
if [[ -z "${BENCH_SKIP_FANOUT:-}" ]]; then
    fanout_phase
fi
if [[ -z "${BENCH_SKIP_SOAK:-}" ]]; then
    soak_phase
fi
print_memory
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); highest 1-minute load seen during the runs: $max_load"
echo "results written to $results"
