#!lua
-- ARGV: now, session, venue id, venue JSON, member lifetime (ms), vote lifetime (ms), channel, log size
-- Returns { 'ok', name, vote } (the new vote, or the standing one when it is for the same venue) or { 'not-joined' }.
-- A vote entry that cannot be read counts as none, so this overwrites it.
local now, session, venue_id, venue = tonumber(ARGV[1]), ARGV[2], ARGV[3], ARGV[4]
local member_lifetime, vote_lifetime, channel, log_size = tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[7], ARGV[8]

local area = open_area(now)
local name, member = live_member_of(area, session, now)
if not name then
  return { 'not-joined' }
end

local expired, seq = apply_expiry(area, now, log_size)
-- After the expiry: a deadline that came meanwhile decided the round, and its votes are gone.
local standing = live_vote(area, name, now)
local from
if standing then
  local s = parse_vote(standing)
  if s.venue_id == venue_id then
    set_seq(area, seq)
    refresh_member(name, member, session, now, member_lifetime)
    if s.venue ~= venue then
      -- The same vote (no event, same seq and times) with the venue as the caller gave it: details
      -- the caller's side could not read (a damaged entry) are repaired this way.
      standing = vote_value(s.seq, s.cast, s.exp, venue_id, venue)
      put_vote(name, standing, s.exp)
    end
    publish_events(channel, expired)
    expire_area()
    return { 'ok', name, standing }
  end
  from = s.venue_id
end
seq = seq + 1
local v = { seq = seq, cast = now, exp = now + vote_lifetime, venue_id = venue_id, venue = venue }
local value = vote_value(v.seq, v.cast, v.exp, venue_id, venue)
local events = { { seq, vote_event(from and 'moved' or 'cast', seq, now, name, v, from) } }

log_events(log_size, events)
set_seq(area, seq)
refresh_member(name, member, session, now, member_lifetime)
put_vote(name, value, v.exp)
publish_events(channel, expired)
publish_events(channel, events)
expire_area()
return { 'ok', name, value }
