-- KEYS: 1 the session. ARGV: now, lifetime (ms). Returns { 1 } when the session was live at now
-- (and extends it from now), { 0 } otherwise (and forgets it).
local now, lifetime = tonumber(ARGV[1]), tonumber(ARGV[2])
local exp = redis.call('GET', KEYS[1])
if not exp then
  return { 0 }
end
if tonumber(exp) <= now then
  redis.call('DEL', KEYS[1])
  return { 0 }
end
local renewed = string.format('%d', now + lifetime)
redis.call('SET', KEYS[1], renewed, 'PXAT', renewed)
return { 1 }
