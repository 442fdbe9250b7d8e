-- Shared by every area script (prepended in Java before SCRIPT LOAD).
-- KEYS: 1 meta (hash: seq, exp), 2 members (hash: name -> "seq|activeAt|expiresAt|session"),
--       3 sessions (hash: session -> name), 4 votes (hash: name -> "seq|castAt|expiresAt|venueId|venueJson"),
--       5 log (stream of event JSON, id "<seq>-0").
-- Names are hash fields and JSON strings, never parts of key names. Times are epoch milliseconds
-- of the caller's clock ("now"), so expiry is judged by the caller, not by Redis.
local META, MEMBERS, SESSIONS, VOTES, LOG = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]

local function int(n)
  return string.format('%d', n)
end

local function parse_member(value)
  local seq, active, exp, session = string.match(value, '^(%d+)|(%d+)|(%d+)|(.*)$')
  return { seq = tonumber(seq), active = tonumber(active), exp = tonumber(exp), session = session }
end

local function parse_vote(value)
  local seq, cast, exp, venue_id, venue = string.match(value, '^(%d+)|(%d+)|(%d+)|([^|]*)|(.*)$')
  return { seq = tonumber(seq), cast = tonumber(cast), exp = tonumber(exp), venue_id = venue_id, venue = venue }
end

local function member_value(seq, active, exp, session)
  return int(seq) .. '|' .. int(active) .. '|' .. int(exp) .. '|' .. session
end

local function vote_value(seq, cast, exp, venue_id, venue)
  return int(seq) .. '|' .. int(cast) .. '|' .. int(exp) .. '|' .. venue_id .. '|' .. venue
end

-- An area whose every member and vote expired at now starts again from nothing, sequence 0.
local function forget_if_expired(now)
  local exp = redis.call('HGET', META, 'exp')
  if exp and tonumber(exp) <= now then
    redis.call('DEL', META, MEMBERS, SESSIONS, VOTES, LOG)
  end
end

-- Drops every member and vote expired at now, so no rule ever sees them.
local function prune(now)
  local members = redis.call('HGETALL', MEMBERS)
  for i = 1, #members, 2 do
    local m = parse_member(members[i + 1])
    if m.exp <= now then
      redis.call('HDEL', MEMBERS, members[i])
      if redis.call('HGET', SESSIONS, m.session) == members[i] then
        redis.call('HDEL', SESSIONS, m.session)
      end
    end
  end
  local votes = redis.call('HGETALL', VOTES)
  for i = 1, #votes, 2 do
    if parse_vote(votes[i + 1]).exp <= now then
      redis.call('HDEL', VOTES, votes[i])
    end
  end
end

local function next_seq()
  return redis.call('HINCRBY', META, 'seq', 1)
end

-- The area lives until its last member or vote expires; it never shrinks.
local function extend_to(exp)
  local current = tonumber(redis.call('HGET', META, 'exp') or '0')
  if exp > current then
    redis.call('HSET', META, 'exp', int(exp))
  end
end

-- Records the event in the capped log and announces it on the area's channel, in this same step.
local function emit(channel, log_size, seq, json)
  redis.call('XADD', LOG, 'MAXLEN', log_size, int(seq) .. '-0', 'e', json)
  redis.call('PUBLISH', channel, json)
end

-- Lets Redis forget the whole area once everything in it expired (by the caller's clock).
local function expire_area()
  local exp = redis.call('HGET', META, 'exp')
  if exp then
    for _, key in ipairs({ META, MEMBERS, SESSIONS, VOTES, LOG }) do
      redis.call('PEXPIREAT', key, exp)
    end
  end
end

local function q(text)
  return cjson.encode(text)
end

local function member_joined(seq, now, name, member_seq, active, exp)
  return '{"type":"joined","seq":' .. int(seq) .. ',"at":' .. int(now) .. ',"name":' .. q(name)
      .. ',"memberSeq":' .. int(member_seq) .. ',"activeAt":' .. int(active) .. ',"expiresAt":' .. int(exp) .. '}'
end

local function member_left(seq, now, name)
  return '{"type":"left","seq":' .. int(seq) .. ',"at":' .. int(now) .. ',"name":' .. q(name) .. '}'
end

local function vote_event(kind, seq, now, name, v, from)
  local json = '{"type":"' .. kind .. '","seq":' .. int(seq) .. ',"at":' .. int(now) .. ',"name":' .. q(name)
      .. ',"voteSeq":' .. int(v.seq) .. ',"castAt":' .. int(v.cast) .. ',"expiresAt":' .. int(v.exp)
      .. ',"venue":' .. v.venue
  if from then
    json = json .. ',"from":' .. q(from)
  end
  return json .. '}'
end

local function vote_retracted(seq, now, name, venue_id)
  return '{"type":"retracted","seq":' .. int(seq) .. ',"at":' .. int(now) .. ',"name":' .. q(name)
      .. ',"from":' .. q(venue_id) .. '}'
end

-- The live area at now: { seq, { name, member, ... }, { name, vote, ... } }, without writing anything.
local function snapshot(now)
  local exp = redis.call('HGET', META, 'exp')
  if not exp or tonumber(exp) <= now then
    return { 0, {}, {} }
  end
  local seq = tonumber(redis.call('HGET', META, 'seq') or '0')
  local live_members = {}
  local members = redis.call('HGETALL', MEMBERS)
  for i = 1, #members, 2 do
    if parse_member(members[i + 1]).exp > now then
      live_members[#live_members + 1] = members[i]
      live_members[#live_members + 1] = members[i + 1]
    end
  end
  local live_votes = {}
  local votes = redis.call('HGETALL', VOTES)
  for i = 1, #votes, 2 do
    if parse_vote(votes[i + 1]).exp > now then
      live_votes[#live_votes + 1] = votes[i]
      live_votes[#live_votes + 1] = votes[i + 1]
    end
  end
  return { seq, live_members, live_votes }
end

-- The member a session is, refreshed at now; nil when the session is no member.
local function active_member(session, now, member_lifetime)
  local name = redis.call('HGET', SESSIONS, session)
  if not name then
    return nil
  end
  local m = parse_member(redis.call('HGET', MEMBERS, name))
  local exp = now + member_lifetime
  redis.call('HSET', MEMBERS, name, member_value(m.seq, now, exp, session))
  extend_to(exp)
  return name
end
