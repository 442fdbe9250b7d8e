#!lua
-- ARGV: now, session, deadline (epoch ms, or empty to clear it), member lifetime (ms), channel, log size
-- Returns { 'ok', round number, deadline or nil, who set it or nil, latest decision JSON or nil } or
-- { 'not-joined' }. A deadline set or cleared is one event; clearing none changes only the member's activity.
local now, session = tonumber(ARGV[1]), ARGV[2]
local deadline = ARGV[3] ~= '' and tonumber(ARGV[3]) or nil
local member_lifetime, channel, log_size = tonumber(ARGV[4]), ARGV[5], ARGV[6]

local area = open_area(now)
local name, member = live_member_of(area, session, now)
if not name then
  return { 'not-joined' }
end

-- A deadline due now settles first: the new one is the next round's.
local expired, seq = apply_expiry(area, now, log_size)
local events = {}
if deadline or area.deadline then
  seq = seq + 1
  events[1] = { seq, deadline_set(seq, now, deadline, name) }
end

log_events(log_size, events)
set_seq(area, seq)
refresh_member(name, member, session, now, member_lifetime)
if deadline then
  redis.call('HSET', META, 'deadline', int(deadline), 'deadline-by', name)
  area.deadline, area.deadline_by = deadline, name
else
  -- Also what was left of a damaged deadline.
  redis.call('HDEL', META, 'deadline', 'deadline-by')
  area.deadline, area.deadline_by = nil, nil
end
publish_events(channel, expired)
publish_events(channel, events)
local answer = { 'ok' }
for _, part in ipairs(round_reply(area)) do
  answer[#answer + 1] = part
end
expire_area()
return answer
