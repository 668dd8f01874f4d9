-- GET a different published article each request (bench/longtail.py).
-- Arguments after the URL: a file of addresses (paths, one a line) and the number of wrk threads.
-- Thread i of n takes lines i, i + n, i + 2n, ... and cycles through its share: no address comes
-- twice before every address of the file has been asked for once. "repeats" counts the requests
-- made after a thread's share ran out.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local report = dofile(here .. "report.lua")

local next_id = 0
function setup(thread)
   thread:set("id", next_id)
   thread:set("repeats", 0)
   next_id = next_id + 1
   report.setup(thread)
end

done = report.done

local paths = {}
local sent = 0

function init(args)
   local path, threads = args[1], tonumber(args[2])
   local line_number = 0
   for line in io.lines(path) do
      if line ~= "" then
         if line_number % threads == id then
            table.insert(paths, line)
         end
         line_number = line_number + 1
      end
   end
   assert(#paths > 0, "no addresses for thread " .. id .. " in " .. path)
end

function request()
   sent = sent + 1
   if sent > #paths then
      repeats = repeats + 1
   end
   return wrk.format(nil, paths[(sent - 1) % #paths + 1])
end
