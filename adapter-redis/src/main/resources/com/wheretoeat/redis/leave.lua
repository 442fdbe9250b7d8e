-- ARGV: now, session, channel, log size
-- Returns { 'ok', event } or { 'not-joined' }. The member's vote stays until it expires.
local now, session, channel, log_size = tonumber(ARGV[1]), ARGV[2], ARGV[3], ARGV[4]

forget_if_expired(now)
prune(now)
local name = redis.call('HGET', SESSIONS, session)
if not name then
  return { 'not-joined' }
end
redis.call('HDEL', MEMBERS, name)
redis.call('HDEL', SESSIONS, session)
local seq = next_seq()
local event = member_left(seq, now, name)
emit(channel, log_size, seq, event)
expire_area()
return { 'ok', event }
