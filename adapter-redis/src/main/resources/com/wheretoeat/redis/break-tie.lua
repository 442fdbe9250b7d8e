#!lua
-- ARGV: now, session, pick (a Java long, in decimal), member lifetime (ms), channel, log size
-- Returns { 'ok', decision JSON with the place drawn }, { 'not-joined' }, or { 'no-tie', why } where why
-- is 'none' (nothing decided, or the latest decision cannot be read), 'broken' or 'one-winner'.
-- The place drawn is winner floorMod(pick, winners) of the latest decision, in the order of its tally.
-- A due deadline decides first, so the tie broken may be the one it made.
local now, session, pick = tonumber(ARGV[1]), ARGV[2], ARGV[3]
local member_lifetime, channel, log_size = tonumber(ARGV[4]), ARGV[5], ARGV[6]

local area = open_area(now)
local name, member = live_member_of(area, session, now)
if not name then
  return { 'not-joined' }
end
local at_deadline = area.deadline and area.deadline <= now and votes_live_at(area, area.deadline) or {}
if #at_deadline > 0 then
  if winner_count(tally_lines(at_deadline)) < 2 then
    return { 'no-tie', 'one-winner' }
  end
else
  local latest = parse_decision(redis.call('LINDEX', HISTORY, 0))
  if not latest then
    return { 'no-tie', 'none' }
  elseif latest.drawn then
    return { 'no-tie', 'broken' }
  elseif #latest.winners < 2 then
    return { 'no-tie', 'one-winner' }
  end
end

local expired, seq = apply_expiry(area, now, log_size)
local stored = redis.call('LINDEX', HISTORY, 0)
local winners = parse_decision(stored).winners
local drawn = winners[floor_mod(pick, #winners) + 1]
-- The stored JSON ends with its closing brace: the draw is added inside it, the rest kept as it is.
local decision = string.match(stored, '^(.*)}%s*$') .. ',"drawn":' .. q(drawn) .. ',"drawnBy":' .. q(name) .. '}'
seq = seq + 1
local events = { { seq, tie_broken(seq, now, decision) } }

log_events(log_size, events)
set_seq(area, seq)
refresh_member(name, member, session, now, member_lifetime)
redis.call('LSET', HISTORY, 0, decision)
publish_events(channel, expired)
publish_events(channel, events)
expire_area()
return { 'ok', decision }
