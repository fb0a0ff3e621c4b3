-- wrk script for `npm run bench:http`: posts reports with unique external ids, one per
-- request (BATCH unset) or BATCH per request to the bulk route, and prints one JSON line
-- with status counts and latency percentiles for the bench to read.
local threads = {}
local token = os.getenv("BENCH_TOKEN")
local batch = tonumber(os.getenv("BATCH") or "0")
local run = os.getenv("RUN_ID") or "r"

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  n = 0
  statuses = {}
  headers = { ["content-type"] = "application/json", ["authorization"] = "Bearer " .. token }
end

local function item(i)
  return string.format(
    '{"source":"jaki","externalId":"%s-%d-%d","category":"road_damage","description":"Jalan berlubang","location":{"lon":%.4f,"lat":%.4f}}',
    run, tid, i, 106.72 + (i % 100) * 0.0025, -6.3 + (i % 97) * 0.002)
end

function request()
  if batch > 0 then
    local items = {}
    for k = 1, batch do
      n = n + 1
      items[k] = item(n)
    end
    return wrk.format("POST", nil, headers, "[" .. table.concat(items, ",") .. "]")
  end
  n = n + 1
  return wrk.format("POST", nil, headers, item(n))
end

function response(status, hdrs, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    for k, v in pairs(s) do counts[k] = (counts[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(counts) do table.insert(parts, string.format('"%d":%d', k, v)) end
  io.write(string.format(
    'WRK {"requests":%d,"seconds":%.3f,"errors":%d,"p50":%.3f,"p90":%.3f,"p99":%.3f,"statuses":{%s}}\n',
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    table.concat(parts, ",")))
end
