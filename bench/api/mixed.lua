-- bench/api/mixed.lua — a wrk script of mixed API reads at a fixed rate.
--
-- Arguments (after --): RATE_PER_CONNECTION LAYER then snapshot ids and
-- days as "id:YYYY-MM-DD" pairs (run.sh passes them). Each connection
-- waits between requests so that it sends about RATE requests a second
-- (Debian's wrk has no -R): 50 connections × 10/s ≈ 500 requests/s.
--
-- The mix: 30% map of a snapshot at zoom 6, 20% area of a day, 15% change
-- between two days drawn at random (any two distinct days of the layer, so
-- on the full archive almost every pair is new to the server), 5% the
-- whole series, 5% the series of a random window, 15% place search, 10%
-- watched sites. Every request accepts gzip, as browsers do.
--
-- MIX=change in the environment (run.sh passes it on) sends only the
-- change between two random days: the change through the API alone.

local rate, layer
local changeOnly = os.getenv("MIX") == "change"
local ids, days = {}, {}
local names = { "Balakliya", "Izium", "Kupiansk", "Kharkiv", "Lyman", "Kherson", "Zaporizhzhia",
  "Bakhmut", "Enerhodar", "Svatove", "Kreminna", "Vovchansk", "Balakleya", "Izyum", "Kupyansk" }

function init(args)
  rate = tonumber(args[1]) or 10
  layer = args[2] or "deepstate"
  for i = 3, #args do
    local id, day = args[i]:match("^(%d+):(%d%d%d%d%-%d%d%-%d%d)$")
    if id then
      ids[#ids + 1] = id
      days[#days + 1] = day
    end
  end
  if #ids == 0 then
    error("no snapshot ids given")
  end
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 100000)
  wrk.headers["Accept-Encoding"] = "gzip"
end

function delay()
  return math.floor(1000 / rate)
end

local function pick(t) return t[math.random(#t)] end

-- two returns two indexes i < j into a list of n days whose days differ
-- (days repeat when a day has several maps); i == j when all are one day.
local function two(n)
  for _ = 1, 20 do
    local i, j = math.random(n), math.random(n)
    if i > j then i, j = j, i end
    if days[i] ~= days[j] then return i, j end
  end
  return 1, n
end

function request()
  local r = math.random(100)
  if changeOnly then r = 60 end
  local base = "/api/v1/layers/" .. layer
  local path
  if r <= 30 then
    path = base .. "/snapshots/" .. pick(ids) .. "/map?zoom=6"
  elseif r <= 50 then
    path = base .. "/area?at=" .. pick(days)
  elseif r <= 65 then
    local i, j = two(#days)
    path = base .. "/change?from=" .. days[i] .. "&to=" .. days[j]
  elseif r <= 70 then
    path = base .. "/series"
  elseif r <= 75 then
    local i, j = two(#days)
    path = base .. "/series?from=" .. days[i] .. "&to=" .. days[j]
  elseif r <= 90 then
    path = "/api/v1/places?q=" .. pick(names) .. "&limit=5"
  else
    path = "/api/v1/sites"
  end
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  local secs = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d duration_s=%.1f rate_per_s=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d (connect %d, read %d, write %d, status %d, timeout %d) bytes=%d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    errors, e.connect, e.read, e.write, e.status, e.timeout, summary.bytes))
end
