-- ARGV: now, session, name, member lifetime (ms), channel, log size
-- Returns { 'ok', member seq, snapshot } or { 'name-taken' }.
local now, session, name = tonumber(ARGV[1]), ARGV[2], ARGV[3]
local member_lifetime, channel, log_size = tonumber(ARGV[4]), ARGV[5], ARGV[6]

forget_if_expired(now)
prune(now)
local holder = redis.call('HGET', MEMBERS, name)
local held
if holder then
  held = parse_member(holder)
  if held.session ~= session then
    return { 'name-taken' }
  end
end
local previous = redis.call('HGET', SESSIONS, session)
if previous and previous ~= name then
  redis.call('HDEL', MEMBERS, previous)
  local seq = next_seq()
  emit(channel, log_size, seq, member_left(seq, now, previous))
end
local exp = now + member_lifetime
local member_seq
if held then
  member_seq = held.seq
else
  member_seq = next_seq()
end
redis.call('HSET', MEMBERS, name, member_value(member_seq, now, exp, session))
redis.call('HSET', SESSIONS, session, name)
extend_to(exp)
if not held then
  emit(channel, log_size, member_seq, member_joined(member_seq, now, name, member_seq, now, exp))
end
expire_area()
return { 'ok', member_seq, snapshot(now) }
