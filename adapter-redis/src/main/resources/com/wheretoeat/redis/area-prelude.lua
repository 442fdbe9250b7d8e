-- Shared by every area script (prepended in Java before SCRIPT LOAD).
-- KEYS: 1 meta (hash: seq, exp, indexed), 2 members (hash: name -> "seq|activeAt|expiresAt|session"),
--       3 sessions (hash: session -> name), 4 votes (hash: name -> "seq|castAt|expiresAt|venueId|venueJson"),
--       5 log (stream of event JSON, id "<seq>-0"), 6 members-by-seq (sorted set: name, score member seq),
--       7 expiries (sorted set: "m:<name>" for a member, "v:<name>" for a vote, score expiresAt),
--       8 names (hash: "k:<key>" -> the name holding that name key, "n:<name>" -> its key),
--       9 history (list of decision JSON, newest first, at most HISTORY_SIZE).
-- meta also holds keyed (the seq the names index was last kept in step with), names (the id of the
-- name keys it was built with), round (the current round's number, 1 when missing), deadline (epoch
-- ms) and deadline-by (who set it).
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
local BY_SEQ, EXPIRIES, NAMES, HISTORY = KEYS[6], KEYS[7], KEYS[8], KEYS[9]
local AREA_KEYS = { META, MEMBERS, SESSIONS, VOTES, LOG, BY_SEQ, EXPIRIES, NAMES, HISTORY }

-- How many decisions an area keeps (the core's AreaState.HISTORY).
local HISTORY_SIZE = 30

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

-- Whether the names index was in step when the area was opened: keyed is the seq, and the index is
-- there if anyone is (Redis drops an empty hash; an evicted or deleted one is built again). A fresh
-- area starts it from nothing. Asked before the change writes anything, and remembered.
local function key_index_in_step(area)
  if area.keyed == nil then
    area.keyed = area.meta[4] ~= false and area.meta[4] == area.meta[2]
        and (redis.call('EXISTS', NAMES) == 1 or redis.call('HLEN', MEMBERS) == 0)
  end
  return area.keyed
end

-- Every change keeps the indexes in step (or builds them first), so it stores indexed with seq; and
-- keyed too, when the names index was in step (a join builds it first; other changes keep it).
local function set_seq(area, seq)
  if key_index_in_step(area) then
    redis.call('HSET', META, 'seq', int(seq), 'indexed', int(seq), 'keyed', int(seq))
  else
    redis.call('HSET', META, 'seq', int(seq), 'indexed', int(seq))
  end
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

-- The names index: name holds key (join only: the key comes from Java), and forgets it when it goes.
local function hold_key(name, key)
  redis.call('HSET', NAMES, 'k:' .. key, name, 'n:' .. name, key)
end

local function forget_key(name)
  local key = redis.call('HGET', NAMES, 'n:' .. name)
  if key then
    -- Only its own entry: data from before the index may hold two names of one key.
    if redis.call('HGET', NAMES, 'k:' .. key) == name then
      redis.call('HDEL', NAMES, 'k:' .. key)
    end
    redis.call('HDEL', NAMES, 'n:' .. name)
  end
end

local function drop_member(name)
  redis.call('HDEL', MEMBERS, name)
  redis.call('ZREM', BY_SEQ, name)
  redis.call('ZREM', EXPIRIES, 'm:' .. name)
  forget_key(name)
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

-- Round events carry the decision as decision_json wrote it.
local function round_decided(seq, now, decision)
  return '{"type":"round-decided","seq":' .. int(seq) .. ',"at":' .. int(now) .. ',"decision":' .. decision .. '}'
end

local function tie_broken(seq, now, decision)
  return '{"type":"tie-broken","seq":' .. int(seq) .. ',"at":' .. int(now) .. ',"decision":' .. decision .. '}'
end

-- A deadline set (deadline and name), cleared by a member (name only) or lapsed (neither).
local function deadline_set(seq, now, deadline, name)
  local json = '{"type":"deadline-set","seq":' .. int(seq) .. ',"at":' .. int(now)
  if deadline then
    json = json .. ',"deadline":' .. int(deadline)
  end
  if name then
    json = json .. ',"name":' .. q(name)
  end
  return json .. '}'
end

-- The place lines of a tally of votes ({ name, v = parsed vote } each), as the core's Tally ranks them:
-- each venue named by its first vote (by seq), its voters in order of their votes; most votes first,
-- and among equals the venue that reached its count first (its latest vote has the lower seq).
local function tally_lines(votes)
  local sorted = {}
  for i, e in ipairs(votes) do
    sorted[i] = e
  end
  table.sort(sorted, function(a, b) return a.v.seq < b.v.seq end)
  local by_venue, lines = {}, {}
  for _, e in ipairs(sorted) do
    local line = by_venue[e.v.venue_id]
    if not line then
      line = { venue = e.v.venue, voters = {} }
      by_venue[e.v.venue_id] = line
      lines[#lines + 1] = line
    end
    line.voters[#line.voters + 1] = e.name
    line.reached = e.v.seq
  end
  table.sort(lines, function(a, b)
    if #a.voters ~= #b.voters then
      return #a.voters > #b.voters
    end
    return a.reached < b.reached
  end)
  return lines
end

-- How many lines share the most votes: more than one is a tie.
local function winner_count(lines)
  local n = 0
  for _, line in ipairs(lines) do
    if #line.voters == #lines[1].voters then
      n = n + 1
    end
  end
  return n
end

-- A decision as stored in the history and carried by round events: {"round","at","by" (absent when the
-- deadline decided),"tally":[{"venue","voters"}...]}, then "drawn" (a venue id) and "drawnBy" once a tie is
-- broken. The winners are the lines with the most voters; the Java side derives them the same way.
local function decision_json(round, at, by, lines)
  local parts = {}
  for i, line in ipairs(lines) do
    local voters = {}
    for j, name in ipairs(line.voters) do
      voters[j] = q(name)
    end
    parts[i] = '{"venue":' .. line.venue .. ',"voters":[' .. table.concat(voters, ',') .. ']}'
  end
  local json = '{"round":' .. int(round) .. ',"at":' .. int(at)
  if by then
    json = json .. ',"by":' .. q(by)
  end
  return json .. ',"tally":[' .. table.concat(parts, ',') .. ']}'
end

-- A stored decision as far as a script needs it: { round, winners = { venue id, ... }, drawn }, or nil
-- when it cannot be read (the Java side reads the rest, and skips what it cannot).
local function parse_decision(json)
  if type(json) ~= 'string' then
    return nil
  end
  local ok, d = pcall(cjson.decode, json)
  if not (ok and type(d) == 'table' and type(d.round) == 'number' and d.round >= 1 and d.round % 1 == 0
      and d.round < 1e15 and type(d.tally) == 'table' and #d.tally > 0) then
    return nil
  end
  local most = 0
  for _, line in ipairs(d.tally) do
    if type(line) ~= 'table' or type(line.venue) ~= 'table' or type(line.venue.id) ~= 'string'
        or type(line.voters) ~= 'table' or #line.voters == 0 then
      return nil
    end
    most = math.max(most, #line.voters)
  end
  local winners = {}
  for _, line in ipairs(d.tally) do
    if #line.voters == most then
      winners[#winners + 1] = line.venue.id
    end
  end
  return { round = d.round, winners = winners, drawn = type(d.drawn) == 'string' }
end

-- floorMod(pick, n) of a pick given as decimal digits (a Java long, beyond what a Lua number holds exactly).
local function floor_mod(pick, n)
  local negative = string.sub(pick, 1, 1) == '-'
  local digits = negative and string.sub(pick, 2) or pick
  local r = 0
  for i = 1, #digits do
    r = (r * 10 + tonumber(string.sub(digits, i, i))) % n
  end
  if negative and r ~= 0 then
    r = n - r
  end
  return r
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
  local meta = redis.call('HMGET', META, 'exp', 'seq', 'indexed', 'keyed', 'names', 'round', 'deadline', 'deadline-by')
  local area = { fresh = not meta[1], exp = count(meta[1]), seq = 0, gone = {}, gone_members = 0,
                 damaged = {}, stale = {}, meta = meta }
  if area.fresh then
    -- A change starts it again from nothing, its names index with it.
    area.keyed = true
    return area
  end
  area.names_id = meta[5]
  -- A damaged round number is judged by the latest decision (round_number); a damaged deadline, or one
  -- without who set it, is none: the next deadline set or decision writes them again.
  local round = count(meta[6])
  area.round = round and round >= 1 and round or nil
  local deadline = count(meta[7])
  if deadline and type(meta[8]) == 'string' and meta[8] ~= '' then
    area.deadline, area.deadline_by = deadline, meta[8]
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

-- The current round's number: as stored, or else one after the latest decision's, or else 1.
local function round_number(area)
  if not area.round then
    local latest = parse_decision(redis.call('LINDEX', HISTORY, 0))
    area.round = latest and latest.round + 1 or 1
  end
  return area.round
end

-- The current round as the adapter answers it: { number, deadline or false, who set it or false,
-- the latest decision's JSON or false }.
local function round_reply(area)
  return { round_number(area), area.deadline or false, area.deadline_by or false,
           redis.call('LINDEX', HISTORY, 0) }
end

-- Every stored vote, read once per script: { name, value, v = the parsed vote or nil }.
local function all_votes(area)
  if not area.all_votes then
    local list, flat = {}, redis.call('HGETALL', VOTES)
    for i = 1, #flat, 2 do
      list[#list + 1] = { name = flat[i], value = flat[i + 1], v = parse_vote(flat[i + 1]) }
    end
    area.all_votes = list
  end
  return area.all_votes
end

-- The readable votes live at instant (epoch ms).
local function votes_live_at(area, instant)
  local live = {}
  for _, e in ipairs(all_votes(area)) do
    if e.v and e.v.exp > instant then
      live[#live + 1] = e
    end
  end
  return live
end

-- Ends the round with decision (its JSON): removes every vote (no events: the decision tells), keeps
-- the decision in the history and begins the next round without a deadline. Writes only.
local function close_round(area, decision)
  -- Before the decision is pushed: a missing round number is judged by the latest decision.
  local next_round = round_number(area) + 1
  local fields = {}
  for _, e in ipairs(all_votes(area)) do
    fields[#fields + 1] = 'v:' .. e.name
  end
  redis.call('DEL', VOTES)
  for i = 1, #fields, 1000 do
    redis.call('ZREM', EXPIRIES, unpack(fields, i, math.min(i + 999, #fields)))
  end
  redis.call('LPUSH', HISTORY, decision)
  redis.call('LTRIM', HISTORY, 0, HISTORY_SIZE - 1)
  area.round = next_round
  redis.call('HSET', META, 'round', int(next_round))
  redis.call('HDEL', META, 'deadline', 'deadline-by')
  area.deadline, area.deadline_by = nil, nil
  area.all_votes = {}
  area.cleared = true
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
-- A deadline due at now is settled among them, in time order: what expired at or before the deadline
-- first (so a vote expiring at the deadline does not count), then the round decides itself on the
-- votes live at the deadline (or, with none, the deadline lapses), then what expired after it; the
-- votes the decision removed are not announced again. Returns those events, to be published ahead of
-- the change's own, and the last seq handed out; area.settled is the decision the deadline made, and
-- area.cleared says the votes are gone.
-- The indexes are built or mended here too, ahead of the change's own XADD: they only mirror the
-- hashes, and should that XADD refuse, meta.indexed is not stored and the next change builds them again.
local function apply_expiry(area, now, log_size)
  if area.fresh then
    redis.call('DEL', unpack(AREA_KEYS))
    return {}, 0
  end
  key_index_in_step(area)
  if area.log_ahead then
    -- The log only serves catch-up: without it a node resuming across this gets a snapshot.
    redis.call('DEL', LOG)
  end
  local deadline = area.deadline
  if deadline and deadline > now then
    deadline = nil
  end
  local events, seq, members = {}, area.seq, redis.call('HLEN', MEMBERS)
  local settled, lapsed
  local function settle()
    seq = seq + 1
    local lines = tally_lines(votes_live_at(area, deadline))
    if #lines == 0 then
      lapsed = true
      events[#events + 1] = { seq, deadline_set(seq, now, nil, nil) }
    else
      settled = decision_json(round_number(area), deadline, nil, lines)
      events[#events + 1] = { seq, round_decided(seq, now, settled) }
    end
  end
  for _, g in ipairs(area.gone) do
    if deadline and not (settled or lapsed) and g.exp > deadline then
      settle()
    end
    if not g.vote then
      seq = seq + 1
      members = members - 1
      events[#events + 1] = { seq, member_expired(seq, now, g.name, members) }
    elseif not settled then
      seq = seq + 1
      events[#events + 1] = { seq, vote_expired(seq, now, g.name, g.venue_id) }
    end
  end
  if deadline and not (settled or lapsed) then
    settle()
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
  if settled then
    close_round(area, settled)
    area.settled = settled
  elseif lapsed then
    redis.call('HDEL', META, 'deadline', 'deadline-by')
    area.deadline, area.deadline_by = nil, nil
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
-- member count, round number, deadline or false, who set it or false, latest decision JSON or false },
-- without writing anything. What expired is left out; its events are still to come,
-- numbered after this seq. What cannot be read is left out too, and named in the fourth list, so the
-- adapter can report it.
local function snapshot(now)
  local area = open_area(now)
  if area.fresh then
    return { 0, {}, {}, {}, 0, 1, false, false, false }
  end
  local damaged = {}
  for _, field in ipairs({ 'seq', 'exp' }) do
    if not count(redis.call('HGET', META, field)) and (field == 'exp' or redis.call('HEXISTS', META, field) == 1) then
      damaged[#damaged + 1] = META
      damaged[#damaged + 1] = field
    end
  end
  if area.meta[6] and not area.round then
    damaged[#damaged + 1] = META
    damaged[#damaged + 1] = 'round'
  end
  if (area.meta[7] or area.meta[8]) and not area.deadline then
    damaged[#damaged + 1] = META
    damaged[#damaged + 1] = 'deadline'
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
  local answer = { area.seq, members, live_votes, damaged, member_count(area) }
  for _, part in ipairs(round_reply(area)) do
    answer[#answer + 1] = part
  end
  return answer
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

-- The names index of an area whose index is not in step, from the keys the adapter computed: ARGV from
-- offset on holds name and key pairs (an empty key for a name the adapter cannot read). Answers
-- { by_key = { key -> name }, pairs = { { name, key }, ... } } for the members live at now, or
-- { missing = { name, ... } } naming the live members it has no key for, for the adapter to compute
-- and call again. Reads every member: once per area, when it is built.
local function key_index_from(now, offset)
  local given = {}
  for i = offset, #ARGV - 1, 2 do
    given[ARGV[i]] = ARGV[i + 1]
  end
  local flat = redis.call('HGETALL', MEMBERS)
  local missing, by_key, pairs = {}, {}, {}
  for i = 1, #flat, 2 do
    local m = parse_member(flat[i + 1])
    if m and m.exp > now then
      local key = given[flat[i]]
      if not key then
        missing[#missing + 1] = flat[i]
      elseif key ~= '' and not by_key[key] then
        -- Data from before the index may hold two names of one key: the first found holds it.
        by_key[key] = flat[i]
        pairs[#pairs + 1] = { name = flat[i], key = key }
      end
    end
  end
  if #missing > 0 then
    return { missing = missing }
  end
  return { by_key = by_key, pairs = pairs }
end

-- Writes the names index key_index_from made, in place of what was there.
local function write_key_index(index)
  redis.call('DEL', NAMES)
  local flat = {}
  for _, p in ipairs(index.pairs) do
    flat[#flat + 1] = 'k:' .. p.key
    flat[#flat + 1] = p.name
    flat[#flat + 1] = 'n:' .. p.name
    flat[#flat + 1] = p.key
  end
  for i = 1, #flat, 1000 do
    redis.call('HSET', NAMES, unpack(flat, i, math.min(i + 999, #flat)))
  end
end

-- The name holding key: from the index being built, or the stored one.
local function key_holder(area, index, key)
  if area.fresh then
    return nil
  end
  if index then
    return index.by_key[key]
  end
  return redis.call('HGET', NAMES, 'k:' .. key) or nil
end
