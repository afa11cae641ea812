-- wrk script for bench/load.py: `wrk -t THREADS ... -s bench/load.lua URL -- PATHS_FILE THREADS`.
-- Requests go through the paths of PATHS_FILE (one a line) in turn; each wrk thread starts at its
-- own offset, so no two threads ask for the same page at once and a list longer than the run
-- never repeats a page (a cache of pages cannot carry the figure). Every request carries what a
-- TLS-terminating reverse proxy adds (X-Forwarded-Proto: https), so the deployment's HTTPS
-- redirect stays on, and a browser's User-Agent. At the end one JSON line: counts, socket errors, time-outs, statuses and
-- latency percentiles (microseconds).

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  position = math.floor(#paths * id / tonumber(args[2]))
  statuses = {}
  wrk.headers["X-Forwarded-Proto"] = "https"
  -- A reader's browser, so the site does for these requests what it does for people (usage
  -- statistics count them; wrk's own requests carry no User-Agent and would count as a machine).
  wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
end

function request()
  position = position % #paths + 1
  return wrk.format("GET", paths[position])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(counts) do parts[#parts + 1] = string.format('"%d": %d', status, n) end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d, '
      .. '"p50_us": %d, "p99_us": %d, "max_us": %d, "statuses": {%s}}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max, table.concat(parts, ", ")))
end
