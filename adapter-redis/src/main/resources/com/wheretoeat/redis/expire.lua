#!lua
-- ARGV: now, channel, log size
-- Announces every member and vote expired at now, and settles the round's deadline when it is due (in
-- time order with them). Returns { the next expiry or deadline, whichever is first } (epoch ms), or {}
-- when neither is left. An area whose everything expired is announced, then forgotten: its next change
-- starts it again at sequence 1. A second call finds nothing more to announce or decide.
local now, channel, log_size = tonumber(ARGV[1]), ARGV[2], tonumber(ARGV[3])

local function first(a, b)
  if a and b then
    return math.min(a, b)
  end
  return a or b
end

local area = open_area(now)
if area.fresh then
  return {}
end
local over = area.exp <= now
local due = area.deadline and area.deadline <= now
if #area.gone == 0 and not over and not due then
  return { first(area.next, area.deadline) }
end

local expired, seq = apply_expiry(area, now, log_size)
if #expired > 0 then
  set_seq(area, seq)
end
publish_events(channel, expired)
if over then
  redis.call('DEL', unpack(AREA_KEYS))
  return {}
end
local next = area.next
if area.cleared then
  -- The decision removed votes whose expiry may have been the next.
  local ahead = redis.call('ZRANGEBYSCORE', EXPIRIES, '(' .. int(now), '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
  next = ahead[2] and tonumber(ahead[2]) or nil
end
if area.settled then
  -- The history the decision may have started needs its reclaim time too.
  expire_area()
end
return { first(next, area.deadline) }
