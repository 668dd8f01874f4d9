-- Shared by the bench's wrk scripts: after the run, print one machine-readable line
-- (p95 is not in wrk's own report; the runner also counts errors, reused tokens, repeated
-- addresses and the posts answered 2xx/3xx from it).
local report = {}
local threads = {}

function report.setup(thread)
   table.insert(threads, thread)
end

-- The sum of a counter the threads keep, or null when no thread keeps it.
local function total(name)
   local sum, kept = 0, false
   for _, thread in ipairs(threads) do
      local value = thread:get(name)
      if value ~= nil then
         sum, kept = sum + value, true
      end
   end
   return kept and string.format("%d", sum) or "null"
end

function report.done(summary, latency, requests)
   local errors = summary.errors
   io.write(string.format(
      'BENCH-JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
      '"max_us": %d, "connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d, ' ..
      '"tokens_reused": %s, "repeats": %s, "sent": %s, "answered": %s}\n',
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
      latency:percentile(99), latency.max, errors.connect, errors.read, errors.write, errors.status,
      errors.timeout, total("reused"), total("repeats"), total("sent"), total("answered")))
end

return report
