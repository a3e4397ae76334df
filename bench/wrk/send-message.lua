-- wrk script of the vs-SDK bench: blocking SendMessage requests with a unique messageId each.
-- Configured through the environment (set by bench/src/vs-sdk/wrk.ts):
--   BENCH_MODE   v10 (JSON-RPC 1.0), v03 (JSON-RPC 0.3), rest (HTTP+JSON 1.0)
--   BENCH_LIMIT  responses to collect in all; each thread stops after its share (0: no limit,
--                the run lasts wrk's -d)
--   BENCH_THREADS  wrk's -t, to split BENCH_LIMIT
--   BENCH_NONCE  makes messageIds unique across runs
--   BENCH_EXPECT text a successful answer contains (counted as "bad" otherwise)
-- done() prints one line `BENCH_JSON {...}` that the orchestrator parses. wrk itself always runs
-- for its whole -d, so a thread that has its share prints `BENCH_STOPPED` and the orchestrator
-- interrupts wrk once every thread has; the duration is measured here, from the first request
-- to the last counted response, with a monotonic clock.

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
]]
local timespec = ffi.new("bench_timespec")
local function nowUs()
  ffi.C.clock_gettime(1, timespec) -- CLOCK_MONOTONIC
  return tonumber(timespec.tv_sec) * 1e6 + tonumber(timespec.tv_nsec) / 1e3
end

local mode = os.getenv("BENCH_MODE") or "v10"
local limit = tonumber(os.getenv("BENCH_LIMIT") or "0")
local threadCount = tonumber(os.getenv("BENCH_THREADS") or "1")
local nonce = os.getenv("BENCH_NONCE") or "0"
local expect = os.getenv("BENCH_EXPECT") or "TASK_STATE_COMPLETED"

local TEXT = "Summarize the quarterly figures and flag anything unusual."
local templates = {
  v10 = '{"jsonrpc":"2.0","id":%d,"method":"SendMessage","params":{"message":'
    .. '{"messageId":"%s","role":"ROLE_USER","parts":[{"text":"' .. TEXT .. '"}]}}}',
  v03 = '{"jsonrpc":"2.0","id":%d,"method":"message/send","params":{"message":'
    .. '{"kind":"message","messageId":"%s","role":"user","parts":[{"kind":"text","text":"'
    .. TEXT .. '"}]}}}',
  rest = '{"message":{"messageId":"%s","role":"ROLE_USER","parts":[{"text":"' .. TEXT .. '"}]}}',
}
-- Streaming twins: the same bodies with the streaming method, read as text/event-stream.
local streaming = os.getenv("BENCH_STREAM") == "1"
if streaming then
  templates.v10 = string.gsub(templates.v10, '"SendMessage"', '"SendStreamingMessage"')
  templates.v03 = string.gsub(templates.v03, '"message/send"', '"message/stream"')
end
local template = templates[mode]
local path = os.getenv("BENCH_PATH") or "/a2a/jsonrpc"
local headers = { ["Content-Type"] = "application/json" }
if mode ~= "v03" then headers["A2A-Version"] = "1.0" end
if streaming then headers["Accept"] = "text/event-stream" end

local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  quota = limit > 0 and math.ceil(limit / threadCount) or 0
  sent = 0
  responses = 0
  bad = 0
  firstBad = ""
  startUs = 0
  endUs = 0
end

function request()
  if startUs == 0 then startUs = nowUs() end
  sent = sent + 1
  local messageId = "m-" .. nonce .. "-" .. tid .. "-" .. sent
  local body
  if mode == "rest" then
    body = string.format(template, messageId)
  else
    body = string.format(template, sent, messageId)
  end
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  responses = responses + 1
  if status ~= 200 or not string.find(body, expect, 1, true) then
    bad = bad + 1
    if firstBad == "" then firstBad = status .. " " .. string.sub(body, 1, 200) end
  end
  if quota > 0 and responses == quota then
    endUs = nowUs()
    io.write("BENCH_STOPPED\n")
    io.flush()
    wrk.thread:stop()
  end
end

local function escape(text)
  return (string.gsub(text, '[%c"\\]', function(c)
    return string.format("\\u%04x", string.byte(c))
  end))
end

function done(summary, latency, requests)
  local responded, failed, sample, first, last = 0, 0, "", math.huge, 0
  for _, thread in ipairs(threads) do
    responded = responded + thread:get("responses")
    failed = failed + thread:get("bad")
    if sample == "" then sample = thread:get("firstBad") end
    local s, e = thread:get("startUs"), thread:get("endUs")
    if s > 0 and s < first then first = s end
    if e > last then last = e end
  end
  -- A thread that did not reach its share ran until wrk's -d ended.
  local measured = (last > 0 and first < math.huge) and (last - first) or summary.duration
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"responses":%d,"bad":%d,"durationUs":%d,"wrkDurationUs":%d,'
      .. '"bytes":%d,'
      .. '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},'
      .. '"latencyUs":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f},"firstBad":"%s"}\n',
    summary.requests, responded, failed, measured, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean, escape(sample)))
end
