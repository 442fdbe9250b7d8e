#!lua
-- KEYS: 1 centre (hash: lat, lon, until). ARGV: now, until, reclaim margin (ms), and the proposed
-- lat and lon, or neither. Returns { lat, lon } of the centre that holds, {} when there is none.
-- Coordinates are stored as the adapter wrote them, so they come back exactly.
local CENTRE = KEYS[1]
local now, untl, margin = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])

local held = redis.call('HMGET', CENTRE, 'lat', 'lon', 'until')
local lat, lon, held_until = tonumber(held[1]), tonumber(held[2]), tonumber(held[3])
-- A damaged entry (not numbers, or off the globe) counts as no centre, so a proposal replaces it.
local usable = lat and lon and held_until and lat >= -90 and lat <= 90 and lon >= -180 and lon <= 180

local centre
if usable and held_until > now then
  centre = { held[1], held[2] }
  if untl > held_until then
    redis.call('HSET', CENTRE, 'until', ARGV[2])
    held_until = untl
  end
elseif ARGV[4] then
  redis.call('DEL', CENTRE)
  redis.call('HSET', CENTRE, 'lat', ARGV[4], 'lon', ARGV[5], 'until', ARGV[2])
  centre = { ARGV[4], ARGV[5] }
  held_until = untl
else
  redis.call('DEL', CENTRE)
  return {}
end
-- Counted from now, like the places' keys: Redis only reclaims memory, a margin after the end.
redis.call('PEXPIRE', CENTRE, string.format('%d', held_until - now + margin))
return centre
