#!lua
-- ARGV: now, session, name, member lifetime (ms), channel, log size
-- Returns { 'ok', the member stored, snapshot } or { 'name-taken' }.
local now, session, name = tonumber(ARGV[1]), ARGV[2], ARGV[3]
local member_lifetime, channel, log_size = tonumber(ARGV[4]), ARGV[5], ARGV[6]

local area = open_area(now)
local held = live_holder(area, name, now)
if held and held.session ~= session then
  return { 'name-taken' }
end
local previous = live_member_of(area, session, now)
local renamed = previous and previous ~= name
local exp = now + member_lifetime

local expired, seq = apply_expiry(area, now, log_size)
local members = redis.call('HLEN', MEMBERS)
local events = {}
if renamed then
  seq = seq + 1
  members = members - 1
  events[#events + 1] = { seq, member_left(seq, now, previous, members) }
end
local member_seq
if held then
  member_seq = held.seq
else
  seq = seq + 1
  member_seq = seq
  -- An unreadable entry under the name was counted already, and is overwritten.
  members = members + 1 - redis.call('HEXISTS', MEMBERS, name)
  events[#events + 1] = { seq, member_joined(seq, now, name, seq, now, exp, members) }
end

log_events(log_size, events)
set_seq(seq)
if renamed then
  drop_member(previous)
end
local you = put_member(name, member_seq, now, exp, session)
redis.call('HSET', SESSIONS, session, name)
publish_events(channel, expired)
publish_events(channel, events)
local answer = { 'ok', you, snapshot(now) }
expire_area()
return answer
