-- wrk script for the pass-through benchmark: POST the body in $BENCH_BODY_FILE to the URL wrk was given, with
-- the headers Claude Code sends, and print one machine-readable line at the end:
--   RESULT requests=N duration_us=N p50_us=N p90_us=N p99_us=N max_us=N mean_us=N rps=N
--          errors_connect=N errors_read=N errors_write=N errors_status=N errors_timeout=N

local path = os.getenv("BENCH_BODY_FILE")
if not path then
    error("BENCH_BODY_FILE is not set")
end
local file = assert(io.open(path, "rb"))
local body = file:read("*a")
file:close()

wrk.method = "POST"
wrk.body = body
wrk.headers["content-type"] = "application/json"
wrk.headers["anthropic-version"] = "2023-06-01"
wrk.headers["x-api-key"] = "sk-bench-client"

done = function(summary, latency, requests)
    local seconds = summary.duration / 1e6
    local errors = summary.errors
    io.write(string.format(
        "RESULT requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.1f rps=%.1f "
            .. "errors_connect=%d errors_read=%d errors_write=%d errors_status=%d errors_timeout=%d\n",
        summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
        latency:percentile(99), latency.max, latency.mean, summary.requests / seconds,
        errors.connect, errors.read, errors.write, errors.status, errors.timeout))
end
