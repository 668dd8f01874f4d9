-- Post comments to the URL given to wrk, as readers' browsers do.
-- Arguments after the URL: a file of signed form tokens (one a line, each good for one
-- comment), the number of wrk threads, and a tag for this run (keeps emails apart between runs).
-- Thread i of n takes lines i, i + n, i + 2n, ...: no two requests share a token.
-- Each thread counts the posts it sent ("sent") and the answers below 400 ("answered"), which the
-- runner holds against the comments stored with this run's tag: nothing may be lost.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local report = dofile(here .. "report.lua")

-- Django accepts an unmasked 32-character secret as both cookie and form field.
local csrf = "benchBENCHbench0123456789benchAB"

local next_id = 0
function setup(thread)
   thread:set("id", next_id)
   thread:set("reused", 0)
   thread:set("sent", 0)
   thread:set("answered", 0)
   next_id = next_id + 1
   report.setup(thread)
end

done = report.done

local tokens = {}
local tag = "run"

local function urlencode(text)
   return (text:gsub("[^%w%-%._~]", function(char) return string.format("%%%02X", string.byte(char)) end))
end

function init(args)
   local path, threads = args[1], tonumber(args[2])
   tag = args[3] or tag
   local line_number = 0
   for line in io.lines(path) do
      if line_number % threads == id then
         table.insert(tokens, urlencode(line))
      end
      line_number = line_number + 1
   end
   assert(#tokens > 0, "no form tokens for thread " .. id .. " in " .. path)
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
   wrk.headers["Cookie"] = "csrftoken=" .. csrf
end

function request()
   sent = sent + 1
   if sent > #tokens then
      -- Out of tokens: a reused one gets the comment it already posted (a different, cheaper path).
      reused = reused + 1
   end
   local token = tokens[(sent - 1) % #tokens + 1]
   local who = tag .. "-" .. id .. "-" .. sent
   local body = "csrfmiddlewaretoken=" .. csrf ..
      "&name=Bench+reader+" .. who ..
      "&email=bench-" .. who .. "%40example.com" ..
      "&body=Comment+" .. who .. "+from+the+benchmark%3A+the+long+take+holds+up." ..
      "&token=" .. token .. "&parent=&website="
   return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
   if status < 400 then
      answered = answered + 1
   end
end
