-- wrk script for bench/load.py: `wrk -t THREADS ... -s bench/load.lua URL -- PATHS_FILE THREADS [PAUSE_MS]`.
-- Requests go through the paths of PATHS_FILE (one a line) in turn; each wrk thread starts at its
-- own offset, so no two threads ask for the same page at once and a list longer than the run
-- never repeats a page (a cache of pages cannot carry the figure). Every request carries what a
-- TLS-terminating reverse proxy adds (X-Forwarded-Proto: https), so the deployment's HTTPS
-- redirect stays on, and a browser's User-Agent. At the end one JSON line: counts, socket errors, time-outs, statuses,
-- latency percentiles (microseconds), and the statuses of each wall-clock second ("per_second":
-- {"<unix second>:<status>": count}, for bench/soak.py's errors over time).

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
  -- An optional pause before each request of a connection (ms): a paced load, as readers come,
  -- instead of every connection asking again the moment it is answered (bench/soak.py --rate).
  pause_ms = tonumber(args[3] or "0")
  statuses = {}
  per_second = {}
  wrk.headers["X-Forwarded-Proto"] = "https"
  -- A reader's browser, so the site does for these requests what it does for people (usage
  -- statistics count them; wrk's own requests carry no User-Agent and would count as a machine).
  wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
end

function delay()
  return pause_ms
end

function request()
  position = position % #paths + 1
  return wrk.format("GET", paths[position])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  local key = os.time() .. ":" .. status
  per_second[key] = (per_second[key] or 0) + 1
end

function done(summary, latency, requests)
  local counts, seconds = {}, {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + n
    end
    for key, n in pairs(thread:get("per_second")) do
      seconds[key] = (seconds[key] or 0) + n
    end
  end
  local parts, second_parts = {}, {}
  for status, n in pairs(counts) do parts[#parts + 1] = string.format('"%d": %d', status, n) end
  for key, n in pairs(seconds) do second_parts[#second_parts + 1] = string.format('"%s": %d', key, n) end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d, '
      .. '"p50_us": %d, "p99_us": %d, "max_us": %d, "statuses": {%s}, "per_second": {%s}}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max, table.concat(parts, ", "),
    table.concat(second_parts, ", ")))
end
