#!lua
-- ARGV: now, session, channel, log size[, idle since]
-- Returns { 'ok', event }, { 'not-joined' }, or { 'active' } when an idle-since time is given and
-- the member was active after it (it came back). The member's vote stays until it expires.
local now, session, channel, log_size = tonumber(ARGV[1]), ARGV[2], ARGV[3], ARGV[4]
local idle_since = ARGV[5] and tonumber(ARGV[5])

local area = open_area(now)
local name, member = live_member_of(area, session, now)
if not name then
  return { 'not-joined' }
end
if idle_since and member.active > idle_since then
  return { 'active' }
end

local expired, seq = apply_expiry(area, now, log_size)
seq = seq + 1
local event = member_left(seq, now, name, redis.call('HLEN', MEMBERS) - 1)
local events = { { seq, event } }

log_events(log_size, events)
set_seq(area, seq)
drop_member(name)
redis.call('HDEL', SESSIONS, session)
publish_events(channel, expired)
publish_events(channel, events)
expire_area()
return { 'ok', event }
