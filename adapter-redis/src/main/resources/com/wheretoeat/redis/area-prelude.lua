-- Shared by every area script (prepended in Java before SCRIPT LOAD).
-- KEYS: 1 meta (hash: seq, exp, indexed), 2 members (hash: name -> "seq|activeAt|expiresAt|session"),
--       3 sessions (hash: session -> name), 4 votes (hash: name -> "seq|castAt|expiresAt|venueId|venueJson"),
--       5 log (stream of event JSON, id "<seq>-0"), 6 members-by-seq (sorted set: name, score member seq),
--       7 expiries (sorted set: "m:<name>" for a member, "v:<name>" for a vote, score expiresAt).
-- The two sorted sets index the hashes so that a change reads only what expired and a page only its
-- members, never the whole area. They are derived data: meta.indexed is the seq they were last kept in
-- step with. An area whose indexed is not its seq was written (or since changed) by the version before
-- the indexes; its next change builds them from the hashes, once, and reads scan until then.
-- Names are hash fields and JSON strings, never parts of key names. Times are epoch milliseconds
-- of the caller's clock ("now"), so expiry is judged by the caller, not by Redis.
--
-- Redis does not roll back a script that fails part-way, so the writing scripts read and check
-- everything first and only then write; the first write of a change is an XADD (of the expiries
-- it announces, or of its own events), the command that can still refuse (an entry id not above
-- the log's last one).
local META, MEMBERS, SESSIONS, VOTES, LOG = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local BY_SEQ, EXPIRIES = KEYS[6], KEYS[7]
local AREA_KEYS = { META, MEMBERS, SESSIONS, VOTES, LOG, BY_SEQ, EXPIRIES }

-- Redis reclaims an area's keys this long after the area expired by the caller's clock, so a
-- caller clock up to a day behind Redis' clock never sees Redis delete a live area.
local RECLAIM_MARGIN = 86400000

local function int(n)
  return string.format('%d', n)
end

-- A stored count or epoch ms: digits only, and few enough to be exact here and to fit Java's long.
local function count(text)
  if text and #text <= 15 and string.find(text, '^%d+$') then
    return tonumber(text)
  end
  return nil
end

-- The stored values below are parsed strictly: anything else (written by hand, a bug, a bad
-- restore) parses as nil and is skipped like an absent entry, so one damaged entry never fails a
-- script for the whole area. The member's or voter's next write overwrites or removes it.
local function parse_member(value)
  if type(value) ~= 'string' then
    return nil
  end
  local seq, active, exp, session = string.match(value, '^(%d+)|(%d+)|(%d+)|(.+)$')
  seq, active, exp = count(seq), count(active), count(exp)
  if not (seq and active and exp) then
    return nil
  end
  return { seq = seq, active = active, exp = exp, session = session }
end

-- A venue as the adapter writes it, as far as a script can tell: the Java side checks the rest.
local function readable_venue(json, id)
  local ok, venue = pcall(cjson.decode, json)
  return ok and type(venue) == 'table' and venue.id == id and type(venue.name) == 'string'
      and string.find(venue.name, '%S') ~= nil
end

local function parse_vote(value)
  if type(value) ~= 'string' then
    return nil
  end
  local seq, cast, exp, venue_id, venue = string.match(value, '^(%d+)|(%d+)|(%d+)|([^|]+)|(.+)$')
  seq, cast, exp = count(seq), count(cast), count(exp)
  if not (seq and cast and exp and readable_venue(venue, venue_id)) then
    return nil
  end
  return { seq = seq, cast = cast, exp = exp, venue_id = venue_id, venue = venue }
end

local function member_value(seq, active, exp, session)
  return int(seq) .. '|' .. int(active) .. '|' .. int(exp) .. '|' .. session
end

local function vote_value(seq, cast, exp, venue_id, venue)
  return int(seq) .. '|' .. int(cast) .. '|' .. int(exp) .. '|' .. venue_id .. '|' .. venue
end

-- The sequence number of the log's last entry, or nil when the log is empty or its id is not one
-- the scripts write.
local function last_logged()
  local last = redis.call('XREVRANGE', LOG, '+', '-', 'COUNT', 1)
  if #last == 0 then
    return nil
  end
  return count(string.match(last[1][1], '^(%d+)%-0$'))
end

-- The last sequence number handed out; a change numbers its events from here and stores the
-- new last one with set_seq once everything is checked. A damaged meta seq falls back to the
-- log's last entry, which every event goes to; the next change stores it again.
local function last_seq()
  return count(redis.call('HGET', META, 'seq')) or last_logged() or 0
end

-- Every change keeps the indexes in step (or builds them first), so it stores indexed with seq.
local function set_seq(seq)
  redis.call('HSET', META, 'seq', int(seq), 'indexed', int(seq))
end

-- The area lives until its last member or vote expires; it never shrinks. A damaged exp is
-- replaced by the next extension.
local function extend_to(exp)
  local current = count(redis.call('HGET', META, 'exp')) or 0
  if exp > current then
    redis.call('HSET', META, 'exp', int(exp))
  end
end

-- Records the events { seq, json } in the capped log. Called before any other write of the
-- change: if Redis refuses an entry, nothing of the change has been written.
local function log_events(log_size, events)
  for _, e in ipairs(events) do
    redis.call('XADD', LOG, 'MAXLEN', log_size, int(e[1]) .. '-0', 'e', e[2])
  end
end

-- Announces the logged events on the area's channel, once the change is stored.
-- PUBLISH_COMMAND is defined by the adapter ahead of this prelude: PUBLISH on a single Redis,
-- SPUBLISH on a cluster (the channel carries the area's hash tag, so it is the area's shard).
local function publish_events(channel, events)
  for _, e in ipairs(events) do
    redis.call(PUBLISH_COMMAND, channel, e[2])
  end
end

-- Lets Redis reclaim the whole area a margin after everything in it expired by the caller's
-- clock. Call it after building the answer: a caller clock far behind Redis' could make this
-- time already past, and Redis then deletes the keys at once.
local function expire_area()
  local exp = count(redis.call('HGET', META, 'exp'))
  if exp then
    local at = int(exp + RECLAIM_MARGIN)
    for _, key in ipairs(AREA_KEYS) do
      redis.call('PEXPIREAT', key, at)
    end
  end
end

-- Members and votes are written and removed through these four, which keep the indexes in step.
local function put_member(name, seq, active, exp, session)
  local value = member_value(seq, active, exp, session)
  redis.call('HSET', MEMBERS, name, value)
  redis.call('ZADD', BY_SEQ, int(seq), name)
  redis.call('ZADD', EXPIRIES, int(exp), 'm:' .. name)
  extend_to(exp)
  return value
end

local function drop_member(name)
  redis.call('HDEL', MEMBERS, name)
  redis.call('ZREM', BY_SEQ, name)
  redis.call('ZREM', EXPIRIES, 'm:' .. name)
end

local function put_vote(name, value, exp)
  redis.call('HSET', VOTES, name, value)
  redis.call('ZADD', EXPIRIES, int(exp), 'v:' .. name)
  extend_to(exp)
end

local function drop_vote(name)
  redis.call('HDEL', VOTES, name)
  redis.call('ZREM', EXPIRIES, 'v:' .. name)
end

local function q(text)
  return cjson.encode(text)
end

-- Member events carry memberCount, the area's live members after the event.
local function member_joined(seq, now, name, member_seq, active, exp, members)
  return '{"type":"joined","seq":' .. int(seq) .. ',"at":' .. int(now) .. ',"name":' .. q(name)
      .. ',"memberSeq":' .. int(member_seq) .. ',"activeAt":' .. int(active) .. ',"expiresAt":' .. int(exp)
      .. ',"memberCount":' .. int(members) .. '}'
end

local function member_left(seq, now, name, members)
  return '{"type":"left","seq":' .. int(seq) .. ',"at":' .. int(now) .. ',"name":' .. q(name)
      .. ',"memberCount":' .. int(members) .. '}'
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

local function member_expired(seq, now, name, members)
  return '{"type":"member-expired","seq":' .. int(seq) .. ',"at":' .. int(now) .. ',"name":' .. q(name)
      .. ',"memberCount":' .. int(members) .. '}'
end

local function vote_expired(seq, now, name, venue_id)
  return '{"type":"vote-expired","seq":' .. int(seq) .. ',"at":' .. int(now) .. ',"name":' .. q(name)
      .. ',"from":' .. q(venue_id) .. '}'
end

-- Expiries are announced in the order they happened: by time, members before votes, then by seq.
local function announced_first(a, b)
  if a.exp ~= b.exp then
    return a.exp < b.exp
  end
  if a.vote ~= b.vote then
    return not a.vote
  end
  return a.seq < b.seq
end

-- Whether the log holds an entry beyond seq (added by hand, say with an id of *): no XADD of
-- the area's next seq could follow it.
local function log_ahead(seq)
  local last = redis.call('XREVRANGE', LOG, '+', '-', 'COUNT', 1)
  if #last == 0 then
    return false
  end
  local ms, sub = string.match(last[1][1], '^(%d+)%-(%d+)$')
  return tonumber(ms) > seq or (tonumber(ms) == seq and sub ~= '0')
end

-- Notes a readable entry in the area opened at now: expired (to be announced: gone, gone_members)
-- or still ahead (next is the earliest expiry ahead).
local function note(area, now, entry, name, vote)
  if entry.exp > now then
    if not area.next or entry.exp < area.next then
      area.next = entry.exp
    end
    return
  end
  area.gone[#area.gone + 1] = { vote = vote, exp = entry.exp, seq = entry.seq, name = name,
                                session = entry.session, venue_id = entry.venue_id }
  if not vote then
    area.gone_members = area.gone_members + 1
  end
end

-- An area without indexes: reads every member and vote, as the version before the indexes did. Keeps
-- the readable members (for pages and to build the index) and votes (to build it), the fields of the
-- unreadable members (damaged) and the latest expiry. Unreadable entries neither expire nor count for
-- the next expiry.
local function scan(area, now)
  area.members, area.votes, area.latest = {}, {}, 0
  local members = redis.call('HGETALL', MEMBERS)
  for i = 1, #members, 2 do
    local m = parse_member(members[i + 1])
    if m then
      note(area, now, m, members[i], false)
      area.latest = math.max(area.latest, m.exp)
      area.members[#area.members + 1] = { name = members[i], value = members[i + 1], seq = m.seq, exp = m.exp }
    else
      area.damaged[#area.damaged + 1] = MEMBERS
      area.damaged[#area.damaged + 1] = members[i]
    end
  end
  local votes = redis.call('HGETALL', VOTES)
  for i = 1, #votes, 2 do
    local v = parse_vote(votes[i + 1])
    if v then
      note(area, now, v, votes[i], true)
      area.latest = math.max(area.latest, v.exp)
      area.votes[#area.votes + 1] = { name = votes[i], exp = v.exp }
    end
  end
  table.sort(area.members, function(a, b) return a.seq < b.seq end)
end

-- An indexed area: reads only the entries due at now in the expiries index, then the first one ahead
-- (and the last one, when meta.exp is damaged).
-- A due index entry whose stored entry is missing, unreadable or not due after all (the hashes were
-- changed behind the scripts' back) is stale: it is not announced, and the next change mends it.
local function find_expired(area, now)
  for _, key in ipairs(redis.call('ZRANGEBYSCORE', EXPIRIES, '-inf', int(now))) do
    local vote, name = string.sub(key, 1, 2) == 'v:', string.sub(key, 3)
    local value = redis.call('HGET', vote and VOTES or MEMBERS, name)
    local entry
    if vote then
      entry = parse_vote(value)
    else
      entry = parse_member(value)
    end
    if entry then
      note(area, now, entry, name, vote)
    end
    if not entry or entry.exp > now then
      area.stale[#area.stale + 1] = { key = key, name = name, vote = vote, entry = entry, missing = not value }
    end
  end
  local ahead = redis.call('ZRANGEBYSCORE', EXPIRIES, '(' .. int(now), '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
  if #ahead > 0 then
    note(area, now, { exp = tonumber(ahead[2]) })
  end
  if not area.exp then
    local last = redis.call('ZRANGE', EXPIRIES, -1, -1, 'WITHSCORES')
    area.latest = last[2] and tonumber(last[2]) or 0
  end
end

-- Opens the area at now, reading only: { exp, seq, gone = what expired, in the order it is announced,
-- gone_members, next = the earliest expiry still ahead (or nil), fresh, log_ahead, unindexed, ... }.
-- A fresh area has no meta (never used, or its meta was lost): whatever else is left of it cannot be
-- trusted, and a change starts it again from nothing. Changes check on what is live, and write only
-- once they are sure to be carried out (apply_expiry), so a refused change writes nothing.
local function open_area(now)
  local meta = redis.call('HMGET', META, 'exp', 'seq', 'indexed')
  local area = { fresh = not meta[1], exp = count(meta[1]), seq = 0, gone = {}, gone_members = 0,
                 damaged = {}, stale = {} }
  if area.fresh then
    return area
  end
  area.seq = last_seq()
  area.log_ahead = log_ahead(area.seq)
  area.unindexed = not meta[3] or meta[3] ~= meta[2]
  if area.unindexed then
    scan(area, now)
  else
    find_expired(area, now)
  end
  -- A damaged exp is judged by what the area holds; the next extension stores it again.
  area.exp = area.exp or area.latest
  table.sort(area.gone, announced_first)
  return area
end

-- The live members at now: those stored less those expired and not yet announced. An entry that
-- cannot be read counts until it is repaired (finding it would mean reading every entry).
local function member_count(area)
  return redis.call('HLEN', MEMBERS) - area.gone_members
end

-- ZADDs the flat list { score, member, score, member, ... } to key, 500 pairs a call: far fewer calls
-- than one a pair, and within the limit of Lua's unpack.
local function zadd_all(key, scored)
  for i = 1, #scored, 1000 do
    redis.call('ZADD', key, unpack(scored, i, math.min(i + 999, #scored)))
  end
end

-- Builds the indexes of an unindexed area from what scan read: O(members + votes), about what the
-- scan itself costs, once.
local function build_index(area)
  local by_seq, expiries = {}, {}
  local function add(scored, score, member)
    scored[#scored + 1] = int(score)
    scored[#scored + 1] = member
  end
  for _, m in ipairs(area.members) do
    add(by_seq, m.seq, m.name)
    add(expiries, m.exp, 'm:' .. m.name)
  end
  for _, v in ipairs(area.votes) do
    add(expiries, v.exp, 'v:' .. v.name)
  end
  redis.call('DEL', BY_SEQ, EXPIRIES)
  zadd_all(BY_SEQ, by_seq)
  zadd_all(EXPIRIES, expiries)
end

-- Mends the stale index entries find_expired met: one whose entry is readable goes to its stored
-- expiry; any other is dropped, and so is a missing member's place in members-by-seq (an unreadable
-- member keeps its place: pages skip and report it until its member repairs it).
local function mend_index(area)
  for _, s in ipairs(area.stale) do
    if s.entry then
      redis.call('ZADD', EXPIRIES, int(s.entry.exp), s.key)
    else
      redis.call('ZREM', EXPIRIES, s.key)
      if s.missing and not s.vote then
        redis.call('ZREM', BY_SEQ, s.name)
      end
    end
  end
end

-- The first writes of a change that is carried out: logs an event for each expiry, numbered from
-- the area's last seq, then removes what expired (a fresh area drops its remains instead).
-- Returns those events, to be published ahead of the change's own, and the last seq handed out.
-- The indexes are built or mended here too, ahead of the change's own XADD: they only mirror the
-- hashes, and should that XADD refuse, meta.indexed is not stored and the next change builds them again.
local function apply_expiry(area, now, log_size)
  if area.fresh then
    redis.call('DEL', unpack(AREA_KEYS))
    return {}, 0
  end
  if area.log_ahead then
    -- The log only serves catch-up: without it a node resuming across this gets a snapshot.
    redis.call('DEL', LOG)
  end
  local events, seq, members = {}, area.seq, redis.call('HLEN', MEMBERS)
  for _, g in ipairs(area.gone) do
    seq = seq + 1
    if g.vote then
      events[#events + 1] = { seq, vote_expired(seq, now, g.name, g.venue_id) }
    else
      members = members - 1
      events[#events + 1] = { seq, member_expired(seq, now, g.name, members) }
    end
  end
  log_events(log_size, events)
  if area.unindexed then
    build_index(area)
  else
    mend_index(area)
  end
  for _, g in ipairs(area.gone) do
    if g.vote then
      drop_vote(g.name)
    else
      drop_member(g.name)
      if redis.call('HGET', SESSIONS, g.session) == g.name then
        redis.call('HDEL', SESSIONS, g.session)
      end
    end
  end
  return events, seq
end

-- The most members a snapshot or a page holds (AreaSnapshot.MEMBER_PAGE).
local PAGE = 100

-- Up to PAGE + 1 stored members with seq above after, from the offset-th on, in seq order:
-- their names and stored values (false for a name whose entry is missing).
local function member_batch(area, after, offset)
  if not area.unindexed then
    local names = redis.call('ZRANGEBYSCORE', BY_SEQ, '(' .. int(after), '+inf', 'LIMIT', offset, PAGE + 1)
    if #names == 0 then
      return names, {}
    end
    return names, redis.call('HMGET', MEMBERS, unpack(names))
  end
  -- Unindexed: scan read them all; one batch holds every one.
  local names, values = {}, {}
  if offset == 0 then
    for _, m in ipairs(area.members) do
      if m.seq > after then
        names[#names + 1] = m.name
        values[#values + 1] = m.value
      end
    end
  end
  return names, values
end

-- The live members at now with seq above after, in seq order: { name, member, ... } of at most PAGE,
-- and whether more follow. Unreadable entries are left out and named in damaged.
local function member_page(area, after, now, damaged)
  for _, field in ipairs(area.damaged) do
    damaged[#damaged + 1] = field
  end
  local page, offset, more = {}, 0, false
  repeat
    local names, values = member_batch(area, after, offset)
    offset = offset + #names
    for i, name in ipairs(names) do
      local m = parse_member(values[i])
      if m and m.exp > now then
        if #page == 2 * PAGE then
          more = true
          break
        end
        page[#page + 1] = name
        page[#page + 1] = values[i]
      elseif values[i] and not m then
        damaged[#damaged + 1] = MEMBERS
        damaged[#damaged + 1] = name
      end
    end
  until more or #names <= PAGE
  return page, more
end

-- A page of the live members at now after seq after: { { name, member, ... }, member count, more (1 or 0),
-- { key, field, ... } }, reading only; the last list names what could not be read.
local function members_after(after, now)
  local area = open_area(now)
  if area.fresh then
    return { {}, 0, 0, {} }
  end
  local damaged = {}
  local page, more = member_page(area, after, now, damaged)
  return { page, member_count(area), more and 1 or 0, damaged }
end

-- The live area at now: { seq, first page of { name, member, ... }, { name, vote, ... }, { key, field, ... },
-- member count }, without writing anything. What expired is left out; its events are still to come,
-- numbered after this seq. What cannot be read is left out too, and named in the fourth list, so the
-- adapter can report it.
local function snapshot(now)
  local area = open_area(now)
  if area.fresh then
    return { 0, {}, {}, {}, 0 }
  end
  local damaged = {}
  for _, field in ipairs({ 'seq', 'exp' }) do
    if not count(redis.call('HGET', META, field)) and (field == 'exp' or redis.call('HEXISTS', META, field) == 1) then
      damaged[#damaged + 1] = META
      damaged[#damaged + 1] = field
    end
  end
  local members = member_page(area, 0, now, damaged)
  local live_votes = {}
  local votes = redis.call('HGETALL', VOTES)
  for i = 1, #votes, 2 do
    local v = parse_vote(votes[i + 1])
    if not v then
      damaged[#damaged + 1] = VOTES
      damaged[#damaged + 1] = votes[i]
    elseif v.exp > now then
      live_votes[#live_votes + 1] = votes[i]
      live_votes[#live_votes + 1] = votes[i + 1]
    end
  end
  return { area.seq, members, live_votes, damaged, member_count(area) }
end

-- The name and member the session is, or nil when it is none. A session entry whose member is
-- missing or held by another session (the state was damaged, for example a key was deleted)
-- counts as no member, rather than failing the script.
local function member_of(session)
  local name = redis.call('HGET', SESSIONS, session)
  if not name then
    return nil
  end
  local value = redis.call('HGET', MEMBERS, name)
  if not value then
    return nil
  end
  local m = parse_member(value)
  if not m or m.session ~= session then
    return nil
  end
  return name, m
end

-- The name and member the session is at now, or nil.
local function live_member_of(area, session, now)
  if area.fresh then
    return nil
  end
  local name, m = member_of(session)
  if name and m.exp > now then
    return name, m
  end
  return nil
end

-- The member holding name at now, or nil.
local function live_holder(area, name, now)
  if area.fresh then
    return nil
  end
  local value = redis.call('HGET', MEMBERS, name)
  if not value then
    return nil
  end
  local m = parse_member(value)
  if m and m.exp > now then
    return m
  end
  return nil
end

-- The stored value of name's vote at now, or nil.
local function live_vote(area, name, now)
  if area.fresh then
    return nil
  end
  local value = redis.call('HGET', VOTES, name)
  local v = parse_vote(value)
  if v and v.exp > now then
    return value
  end
  return nil
end

-- Refreshes the member's activity at now.
local function refresh_member(name, m, session, now, member_lifetime)
  put_member(name, m.seq, now, now + member_lifetime, session)
end
