#!lua
-- KEYS: 1 the session. ARGV: now, lifetime (ms), reclaim margin (ms). Returns { 1 } when the
-- session was live at now (and extends it from now), { 0 } otherwise (and forgets it), { 0, 'damaged' }
-- when the stored value could not be read (and forgets it).
-- The stored value is the expiry by the caller's clock and decides; Redis reclaims the key a
-- margin later, so a caller clock behind Redis' never loses a live session.
local now, lifetime, margin = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local exp = redis.call('GET', KEYS[1])
if not exp then
  return { 0 }
end
local at = string.find(exp, '^%d+$') and #exp <= 15 and tonumber(exp)
if not at then
  -- Unreadable (written by hand, a bug): no live session. Forgetting it repairs the key, and the
  -- second element tells the adapter to report it.
  redis.call('DEL', KEYS[1])
  return { 0, 'damaged' }
end
if at <= now then
  redis.call('DEL', KEYS[1])
  return { 0 }
end
local renewed = now + lifetime
redis.call('SET', KEYS[1], string.format('%d', renewed), 'PXAT', string.format('%d', renewed + margin))
return { 1 }
