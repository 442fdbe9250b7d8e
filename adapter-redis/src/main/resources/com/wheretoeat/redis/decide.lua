#!lua
-- ARGV: now, session, member lifetime (ms), channel, log size
-- Returns { 'ok', decision JSON }, { 'not-joined' } or { 'nothing-to-decide' }. Closes the round: the
-- decision is announced and kept, the votes go (without an event each), the next round begins without
-- a deadline. When the round's deadline is due with votes live at it, the deadline decides (in the
-- expiry pass), and that decision is the answer. Reads every vote, never the members whole.
local now, session = tonumber(ARGV[1]), ARGV[2]
local member_lifetime, channel, log_size = tonumber(ARGV[3]), ARGV[4], ARGV[5]

local area = open_area(now)
local name, member = live_member_of(area, session, now)
if not name then
  return { 'not-joined' }
end
local by_deadline = area.deadline and area.deadline <= now and #votes_live_at(area, area.deadline) > 0
local live = votes_live_at(area, now)
if not by_deadline and #live == 0 then
  return { 'nothing-to-decide' }
end

local expired, seq = apply_expiry(area, now, log_size)
local decision, events = area.settled, {}
if not by_deadline then
  decision = decision_json(round_number(area), now, name, tally_lines(live))
  seq = seq + 1
  events[1] = { seq, round_decided(seq, now, decision) }
end

log_events(log_size, events)
set_seq(area, seq)
refresh_member(name, member, session, now, member_lifetime)
if not by_deadline then
  close_round(area, decision)
end
publish_events(channel, expired)
publish_events(channel, events)
expire_area()
return { 'ok', decision }
