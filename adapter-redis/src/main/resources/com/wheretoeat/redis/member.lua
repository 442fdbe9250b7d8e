#!lua flags=no-writes
-- ARGV: now, session. Returns { name, member } for the member the session is, or {} when it is
-- none (never joined, left, expired, or the whole area expired). Reads only.
local now, session = tonumber(ARGV[1]), ARGV[2]
local exp = redis.call('HGET', META, 'exp')
-- A damaged exp leaves the judgement to the member's own expiry.
if not exp or (count(exp) or now + 1) <= now then
  return {}
end
local name, m = member_of(session)
if not name or m.exp <= now then
  return {}
end
return { name, member_value(m.seq, m.active, m.exp, session) }
