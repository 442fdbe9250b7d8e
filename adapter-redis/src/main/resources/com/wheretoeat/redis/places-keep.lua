#!lua
-- KEYS: 1 places (hash: venue id -> venue JSON), 2 places-until (sorted set: venue id scored by
-- the epoch ms it lives until). ARGV: now, until, reclaim margin (ms), max places, then pairs of
-- venue id and venue JSON. Returns {}.
-- Ids and JSON are hash fields, values and set members, never parts of a key name.
local PLACES, UNTIL = KEYS[1], KEYS[2]
local now, margin, max = tonumber(ARGV[1]), tonumber(ARGV[3]), tonumber(ARGV[4])

local function drop(ids)
  for _, id in ipairs(ids) do
    redis.call('HDEL', PLACES, id)
    redis.call('ZREM', UNTIL, id)
  end
end

drop(redis.call('ZRANGE', UNTIL, '-inf', ARGV[1], 'BYSCORE'))
for i = 5, #ARGV, 2 do
  -- GT: a place kept before lives until the later of its two times.
  redis.call('ZADD', UNTIL, 'GT', ARGV[2], ARGV[i])
  redis.call('HSET', PLACES, ARGV[i], ARGV[i + 1])
end

-- The two keys disagree only when one was edited or lost behind the adapter's back; keep only
-- what both know, so the cap below bounds the hash too.
if redis.call('HLEN', PLACES) ~= redis.call('ZCARD', UNTIL) then
  for _, id in ipairs(redis.call('HKEYS', PLACES)) do
    if not redis.call('ZSCORE', UNTIL, id) then
      redis.call('HDEL', PLACES, id)
    end
  end
  for _, id in ipairs(redis.call('ZRANGE', UNTIL, 0, -1)) do
    if redis.call('HEXISTS', PLACES, id) == 0 then
      redis.call('ZREM', UNTIL, id)
    end
  end
end

local count = redis.call('ZCARD', UNTIL)
if count > max then
  drop(redis.call('ZRANGE', UNTIL, 0, count - max - 1))
end

-- Redis' own expiry only reclaims memory, a margin after the latest place expires. It is counted
-- from now rather than set as a time, so a caller's clock offset from Redis' cannot cut it short.
local latest = redis.call('ZRANGE', UNTIL, 0, 0, 'REV', 'WITHSCORES')
if #latest == 0 then
  redis.call('DEL', PLACES, UNTIL)
  return {}
end
local ttl = string.format('%d', tonumber(latest[2]) - now + margin)
redis.call('PEXPIRE', PLACES, ttl)
redis.call('PEXPIRE', UNTIL, ttl)
return {}
