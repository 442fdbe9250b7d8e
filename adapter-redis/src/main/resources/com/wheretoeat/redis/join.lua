#!lua
-- ARGV: now, session, name, member lifetime (ms), channel, log size, the name's key, the name keys' id,
--       and, when the script asked for them, name and key pairs of the area's members.
-- Returns { 'ok', the member stored, snapshot }, { 'name-taken', the name holding it as typed }, or
-- { 'need-keys', { name, ... } } when the names index must be built and the keys of these members are
-- missing (the adapter computes them and calls again, with every pair it has; nothing was written).
local now, session, name = tonumber(ARGV[1]), ARGV[2], ARGV[3]
local member_lifetime, channel, log_size = tonumber(ARGV[4]), ARGV[5], ARGV[6]
local key, keys_id = ARGV[7], ARGV[8]

local area = open_area(now)
local index
if not area.fresh and not (key_index_in_step(area) and area.names_id == keys_id) then
  index = key_index_from(now, 9)
  if index.missing then
    return { 'need-keys', index.missing }
  end
end
local previous = live_member_of(area, session, now)
local held = live_holder(area, name, now)
if held and held.session ~= session then
  return { 'name-taken', name }
end
if previous ~= name then
  -- A name that looks the same is taken too, unless it is the session's own (respelling it is a rename).
  local holder = key_holder(area, index, key)
  if holder and holder ~= name then
    local m = live_holder(area, holder, now)
    if m and m.session ~= session then
      return { 'name-taken', holder }
    end
  end
end
local renamed = previous and previous ~= name
local exp = now + member_lifetime

local expired, seq = apply_expiry(area, now, log_size)
if index then
  write_key_index(index)
end
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
if index or area.fresh then
  redis.call('HSET', META, 'names', keys_id)
end
area.keyed = true
set_seq(area, seq)
if renamed then
  drop_member(previous)
end
local you = put_member(name, member_seq, now, exp, session)
hold_key(name, key)
redis.call('HSET', SESSIONS, session, name)
publish_events(channel, expired)
publish_events(channel, events)
local answer = { 'ok', you, snapshot(now) }
expire_area()
return answer
