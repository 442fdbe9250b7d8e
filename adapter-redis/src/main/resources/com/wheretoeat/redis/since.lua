#!lua flags=no-writes
-- ARGV: after seq. Returns { 'ok', event JSON, ... } oldest first, or { 'gone' } when the events
-- after that sequence number are no longer all in the log or the area never got that far, or
-- { 'gone', log key, entry id } when an entry in the range cannot be read: a catch-up with a hole
-- would be wrong, so the caller starts over from a snapshot, and the adapter reports the entry.
local after = tonumber(ARGV[1])
local latest = last_seq()
if after > latest then
  return { 'gone' }
end
local out = { 'ok' }
if after == latest then
  return out
end
-- Entries are "<seq>-0", one for each seq: fewer means trimmed (or deleted), so not all are here.
local entries = redis.call('XRANGE', LOG, int(after + 1) .. '-0', int(latest))
if #entries ~= latest - after then
  return { 'gone' }
end
for i, entry in ipairs(entries) do
  local seq = after + i
  if entry[1] ~= int(seq) .. '-0' then
    return { 'gone' }
  end
  local json
  for f = 1, #entry[2], 2 do
    if entry[2][f] == 'e' then
      json = entry[2][f + 1]
    end
  end
  local ok, event = pcall(cjson.decode, json or '')
  if not (ok and type(event) == 'table' and event.seq == seq and type(event.type) == 'string') then
    return { 'gone', LOG, entry[1] }
  end
  out[#out + 1] = json
end
return out
