-- ARGV: now, session. Returns { name, member } for the member the session is, or {} when it is
-- none (never joined, left, expired, or the whole area expired). Reads only.
local now, session = tonumber(ARGV[1]), ARGV[2]
local exp = redis.call('HGET', META, 'exp')
if not exp or tonumber(exp) <= now then
  return {}
end
local name = redis.call('HGET', SESSIONS, session)
if not name then
  return {}
end
local value = redis.call('HGET', MEMBERS, name)
if not value then
  return {}
end
local m = parse_member(value)
if m.exp <= now or m.session ~= session then
  return {}
end
return { name, value }
