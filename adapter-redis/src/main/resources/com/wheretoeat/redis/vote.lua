-- ARGV: now, session, venue id, venue JSON, member lifetime (ms), vote lifetime (ms), channel, log size
-- Returns { 'ok', name, vote } (the new vote, or the standing one when it is for the same venue) or { 'not-joined' }.
local now, session, venue_id, venue = tonumber(ARGV[1]), ARGV[2], ARGV[3], ARGV[4]
local member_lifetime, vote_lifetime, channel, log_size = tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[7], ARGV[8]

forget_if_expired(now)
prune(now)
local name = active_member(session, now, member_lifetime)
if not name then
  return { 'not-joined' }
end
local standing = redis.call('HGET', VOTES, name)
local from
if standing then
  local s = parse_vote(standing)
  if s.venue_id == venue_id then
    expire_area()
    return { 'ok', name, standing }
  end
  from = s.venue_id
end
local seq = next_seq()
local v = { seq = seq, cast = now, exp = now + vote_lifetime, venue_id = venue_id, venue = venue }
local value = vote_value(v.seq, v.cast, v.exp, venue_id, venue)
redis.call('HSET', VOTES, name, value)
extend_to(v.exp)
if from then
  emit(channel, log_size, seq, vote_event('moved', seq, now, name, v, from))
else
  emit(channel, log_size, seq, vote_event('cast', seq, now, name, v, nil))
end
expire_area()
return { 'ok', name, value }
