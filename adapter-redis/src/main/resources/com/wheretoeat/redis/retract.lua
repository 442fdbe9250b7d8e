#!lua
-- ARGV: now, session, member lifetime (ms), channel, log size
-- Returns { 'ok', name, retracted vote or false } or { 'not-joined' }.
local now, session = tonumber(ARGV[1]), ARGV[2]
local member_lifetime, channel, log_size = tonumber(ARGV[3]), ARGV[4], ARGV[5]

forget_if_expired(now)
prune(now)
local name, member = member_of(session)
if not name then
  return { 'not-joined' }
end
local standing = redis.call('HGET', VOTES, name)
local events = {}
local seq = last_seq()
if standing then
  seq = seq + 1
  events[1] = { seq, vote_retracted(seq, now, name, parse_vote(standing).venue_id) }
end

log_events(log_size, events)
set_seq(seq)
refresh_member(name, member, session, now, member_lifetime)
if standing then
  redis.call('HDEL', VOTES, name)
end
publish_events(channel, events)
expire_area()
return { 'ok', name, standing }
