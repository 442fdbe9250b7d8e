#!lua flags=no-writes
-- KEYS: 1 places, 2 places-until (see places-keep.lua). ARGV: now, venue id.
-- Returns { venue JSON } when the place is live at now, {} otherwise.
local untl = redis.call('ZSCORE', KEYS[2], ARGV[2])
if not untl or tonumber(untl) <= tonumber(ARGV[1]) then
  return {}
end
local json = redis.call('HGET', KEYS[1], ARGV[2])
if not json then
  return {}
end
return { json }
