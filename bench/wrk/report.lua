-- Shared by the bench's wrk scripts: after the run, print one machine-readable line
-- (p95 is not in wrk's own report; the runner also counts errors and reused tokens from it).
local report = {}
local threads = {}

function report.setup(thread)
   table.insert(threads, thread)
end

function report.done(summary, latency, requests)
   local reused = 0
   for _, thread in ipairs(threads) do
      reused = reused + (thread:get("reused") or 0)
   end
   local errors = summary.errors
   io.write(string.format(
      'BENCH-JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
      '"max_us": %d, "connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d, ' ..
      '"tokens_reused": %d}\n',
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
      latency:percentile(99), latency.max, errors.connect, errors.read, errors.write, errors.status,
      errors.timeout, reused))
end

return report
