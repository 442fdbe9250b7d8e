-- ARGV: now, session, member lifetime (ms), channel, log size
-- Returns { 'ok', name, retracted vote or false } or { 'not-joined' }.
local now, session = tonumber(ARGV[1]), ARGV[2]
local member_lifetime, channel, log_size = tonumber(ARGV[3]), ARGV[4], ARGV[5]

forget_if_expired(now)
prune(now)
local name = active_member(session, now, member_lifetime)
if not name then
  return { 'not-joined' }
end
local standing = redis.call('HGET', VOTES, name)
if standing then
  redis.call('HDEL', VOTES, name)
  local seq = next_seq()
  emit(channel, log_size, seq, vote_retracted(seq, now, name, parse_vote(standing).venue_id))
end
expire_area()
return { 'ok', name, standing }
