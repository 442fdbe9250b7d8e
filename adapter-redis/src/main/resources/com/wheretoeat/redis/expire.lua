#!lua
-- ARGV: now, channel, log size
-- Announces every member and vote expired at now. Returns { next expiry } (epoch ms), or {} when
-- nothing is left to expire. An area whose everything expired is announced, then forgotten: its
-- next change starts it again at sequence 1. A second call finds nothing more to announce.
local now, channel, log_size = tonumber(ARGV[1]), ARGV[2], tonumber(ARGV[3])

local area = open_area(now)
if area.fresh then
  return {}
end
local over = area.exp <= now
if #area.gone == 0 and not over then
  return { area.next }
end

local expired, seq = apply_expiry(area, now, log_size)
if #expired > 0 then
  set_seq(seq)
end
publish_events(channel, expired)
if over then
  redis.call('DEL', unpack(AREA_KEYS))
  return {}
end
if area.next then
  return { area.next }
end
return {}
