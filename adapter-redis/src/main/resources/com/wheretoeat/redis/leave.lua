#!lua
-- ARGV: now, session, channel, log size
-- Returns { 'ok', event } or { 'not-joined' }. The member's vote stays until it expires.
local now, session, channel, log_size = tonumber(ARGV[1]), ARGV[2], ARGV[3], ARGV[4]

forget_if_expired(now)
prune(now)
local name = member_of(session)
if not name then
  return { 'not-joined' }
end
local seq = last_seq() + 1
local event = member_left(seq, now, name)
local events = { { seq, event } }

log_events(log_size, events)
set_seq(seq)
redis.call('HDEL', MEMBERS, name)
redis.call('HDEL', SESSIONS, session)
publish_events(channel, events)
expire_area()
return { 'ok', event }
