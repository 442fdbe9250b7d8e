#!lua
-- ARGV: now, session, member lifetime (ms), channel, log size
-- Returns { 'ok', name, retracted vote or false } or { 'not-joined' }.
local now, session = tonumber(ARGV[1]), ARGV[2]
local member_lifetime, channel, log_size = tonumber(ARGV[3]), ARGV[4], ARGV[5]

local area = open_area(now)
local name, member = live_member_of(area, session, now)
if not name then
  return { 'not-joined' }
end

local expired, seq = apply_expiry(area, now, log_size)
-- After the expiry: a deadline that came meanwhile decided the round, and its votes are gone.
local standing = live_vote(area, name, now)
local events = {}
if standing then
  seq = seq + 1
  events[1] = { seq, vote_retracted(seq, now, name, parse_vote(standing).venue_id) }
end

log_events(log_size, events)
set_seq(area, seq)
refresh_member(name, member, session, now, member_lifetime)
-- Unconditionally: it also removes a vote entry that could not be read.
drop_vote(name)
publish_events(channel, expired)
publish_events(channel, events)
expire_area()
return { 'ok', name, standing }
