#!lua
-- ARGV: now, session, channel, log size
-- Returns { 'ok', event } or { 'not-joined' }. The member's vote stays until it expires.
local now, session, channel, log_size = tonumber(ARGV[1]), ARGV[2], ARGV[3], ARGV[4]

local area = open_area(now)
local name = live_member_of(area, session, now)
if not name then
  return { 'not-joined' }
end

local expired, seq = apply_expiry(area, now, log_size)
seq = seq + 1
local event = member_left(seq, now, name)
local events = { { seq, event } }

log_events(log_size, events)
set_seq(seq)
redis.call('HDEL', MEMBERS, name)
redis.call('HDEL', SESSIONS, session)
publish_events(channel, expired)
publish_events(channel, events)
expire_area()
return { 'ok', event }
