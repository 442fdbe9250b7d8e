#!lua flags=no-writes
-- KEYS: 1 places, 2 places-until (see places-keep.lua). ARGV: now.
-- Returns { venue id, until, venue JSON, ... } for every place live at now; the adapter orders them.
local live = redis.call('ZRANGE', KEYS[2], '(' .. ARGV[1], '+inf', 'BYSCORE', 'WITHSCORES')
local reply = {}
for i = 1, #live, 2 do
  local json = redis.call('HGET', KEYS[1], live[i])
  if json then
    reply[#reply + 1] = live[i]
    reply[#reply + 1] = tonumber(live[i + 1])
    reply[#reply + 1] = json
  end
end
return reply
