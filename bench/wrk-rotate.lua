-- wrk script for bench/serve.sh: every request asks the next query of a list, in turn.
--   wrk ... -s bench/wrk-rotate.lua URL -- PREFIX QUERIES.tsv
-- PREFIX is the request path up to the query (e.g. "/api/search?limit=10&q="); QUERIES.tsv is
-- tests/relevance/queries.tsv (id, kind, query, ...; '#' lines skipped): the third column,
-- percent-encoded as UTF-8, is appended to PREFIX. Each thread starts at a different place in
-- the list. done() prints one machine-readable line:
--   RESULT requests=N seconds=S rps=R p50_ms=A p99_ms=B max_ms=C connect=E read=E write=E status=E timeout=E

local counter = 0

function setup(thread) -- main state, once per thread, before the thread's init()
    thread:set("thread_no", counter)
    counter = counter + 1
end

local function encode(s)
    return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", c:byte()) end))
end

local requests = {}
local i = 0

function init(args)
    local prefix, file = args[1], args[2]
    if not prefix or not file then
        error("usage: wrk ... -s wrk-rotate.lua URL -- PREFIX QUERIES.tsv")
    end
    for line in io.lines(file) do
        if line:sub(1, 1) ~= "#" and line:match("%S") then
            local fields = {}
            for f in (line .. "\t"):gmatch("([^\t]*)\t") do fields[#fields + 1] = f end
            if fields[3] and fields[3] ~= "" then
                requests[#requests + 1] = wrk.format("GET", prefix .. encode(fields[3]))
            end
        end
    end
    if #requests == 0 then error("no queries in " .. file) end
    -- spread the threads over the list (thread_no is set by setup())
    i = ((thread_no or 0) * 7) % #requests
end

function request()
    i = i % #requests + 1
    return requests[i]
end

function done(summary, latency, _)
    local e = summary.errors
    local secs = summary.duration / 1e6
    io.write(string.format(
        "RESULT requests=%d seconds=%.3f rps=%.2f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f " ..
        "connect=%d read=%d write=%d status=%d timeout=%d\n",
        summary.requests, secs, summary.requests / secs,
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
        e.connect, e.read, e.write, e.status, e.timeout))
end
