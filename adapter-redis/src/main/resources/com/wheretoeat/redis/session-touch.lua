#!lua
-- KEYS: 1 the session. ARGV: now, lifetime (ms), reclaim margin (ms). Returns { 1 } when the
-- session was live at now (and extends it from now), { 0 } otherwise (and forgets it).
-- The stored value is the expiry by the caller's clock and decides; Redis reclaims the key a
-- margin later, so a caller clock behind Redis' never loses a live session.
local now, lifetime, margin = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local exp = redis.call('GET', KEYS[1])
if not exp then
  return { 0 }
end
if tonumber(exp) <= now then
  redis.call('DEL', KEYS[1])
  return { 0 }
end
local renewed = now + lifetime
redis.call('SET', KEYS[1], string.format('%d', renewed), 'PXAT', string.format('%d', renewed + margin))
return { 1 }
