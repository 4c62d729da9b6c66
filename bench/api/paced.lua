-- wrk (Debian's 4.1 has no -R) paced to a fixed request rate: every thread hands out send slots at
-- RATE / threads per second, whichever of its connections asks next (a connection waits for its slot in delay()).
-- Latency is wrk's own: from a request's send to its response, so a slot missed because every connection was
-- busy is not counted as waiting time (no coordinated-omission correction; wrk2 would add it).
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } timespec;
  int clock_gettime(int clk_id, timespec *tp);
]]
local ts = ffi.new("timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  local rate = tonumber(os.getenv("RATE") or "500") -- nil for "max": no pacing
  local nthreads = tonumber(os.getenv("THREADS") or "2")
  interval = rate and 1000 * nthreads / rate or 0
  next_slot = now_ms()
  wrk.method = os.getenv("METHOD") or "GET"
  wrk.body = os.getenv("BODY")
  wrk.headers["Content-Type"] = "application/json"
  local token = os.getenv("TOKEN")
  if token and token ~= "" then
    wrk.headers["Authorization"] = "Bearer " .. token
  end
  statuses = {}
end

function delay()
  if interval == 0 then
    return 0
  end
  local t = now_ms()
  if next_slot < t then
    next_slot = t
  end
  local wait = next_slot - t
  next_slot = next_slot + interval
  return wait
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write + e.timeout
  local by_status = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, n in pairs(s) do
      by_status[code] = (by_status[code] or 0) + n
    end
  end
  local codes = {}
  for code, n in pairs(by_status) do
    table.insert(codes, code .. ":" .. n)
  end
  table.sort(codes)
  -- one machine-readable line for run.sh
  io.write(string.format("RESULT requests=%d seconds=%.2f rate=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d statuses=%s\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, e.status, socket_errors, table.concat(codes, ",")))
end
